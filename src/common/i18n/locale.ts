/**
 * The language of an answer: Chinese (zh-CN) unless the caller's `Accept-Language` prefers English.
 * Only the two languages exist; anything else (or no header) is Chinese, the users' language.
 */
export type Locale = 'zh-CN' | 'en';

export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** The system's name as its users know it (the console's title; the footnote of every report). */
export const PRODUCT_NAME = '扶贫项目资产管理系统';

/**
 * The locale an `Accept-Language` header asks for (RFC 9110: a list of language ranges with optional
 * q-values): the preferred range among `en*` and `zh*` decides; `*` and unknown languages count as Chinese.
 */
export function localeOf(acceptLanguage: string | string[] | undefined): Locale {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  let best: { locale: Locale; q: number } | undefined;
  for (const part of header.split(',')) {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    if (!range) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const locale: Locale | undefined =
      range === 'en' || range.startsWith('en-')
        ? 'en'
        : range === 'zh' || range.startsWith('zh-') || range === '*'
          ? 'zh-CN'
          : undefined;
    if (locale && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}
