import { timeInChina } from '@/common/scalars';
export { CHANNEL_NAMES, PLAN_STATUS_NAMES } from '@/distribution/distribution.entity';
export {
  DISPOSAL_METHOD_NAMES,
  DISPOSAL_REASON_NAMES,
  DISPOSAL_STATUS_NAMES,
  REVIEW_DECISION_NAMES,
  REVIEW_LEVEL_NAMES,
} from '@/disposal/disposal.entity';
export { INCOME_KIND_NAMES } from '@/income/income.entity';
export { OWNER_TYPE_NAMES } from '@/ownership/ownership.entity';

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string | number | bigint | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Fen as yuan with thousands separators and exactly two decimals: 1234567n → "12,345.67". */
export function formatAmount(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/** Basis points as a percentage without useless zeros: 6000 → "60%", 3333 → "33.33%", 1250 → "12.5%". */
export function formatShare(bp: number): string {
  const whole = Math.floor(bp / 100);
  const frac = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}

/**
 * A person's name partly masked for publication (the usual practice of village notices): the first
 * character stays, and the last one for names of three characters or more: 王德明 → 王*明,
 * 欧阳明华 → 欧**华, 谭德 → 谭*, 王 → *. Counts characters, not UTF-16 units.
 */
export function maskName(name: string | null | undefined): string {
  const chars = Array.from((name ?? '').trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** '2026-11-29' → '2026年11月29日'. */
export function formatDateCn(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** An instant in China Standard Time (UTC+8): '2026-11-29 15:58:10'. */
export const formatTimeCst = timeInChina;

export const PROCEEDS_DESTINATION_NAMES: Record<string, string> = {
  OWNERS_INCOME: '计入所有权人收益',
  DISTRICT_TREASURY: '缴入区级财政',
};
