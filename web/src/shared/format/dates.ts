/**
 * Dates as people in the district read them: 2026年11月30日 (long) or 2026-11-30 (short, in tables).
 * LocalDate values ("2026-11-30") are calendar dates and are never shifted by a time zone; DateTime values
 * (RFC 3339 instants, UTC from the API) are shown in China Standard Time.
 */
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ZONE = 'Asia/Shanghai';

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function localParts(instant: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new Error(`not a date-time: ${instant}`);
  const out = { year: '', month: '', day: '', hour: '', minute: '' };
  for (const p of parts.formatToParts(date)) if (p.type in out) out[p.type as keyof typeof out] = p.value;
  return out;
}

function splitDate(value: string): [string, string, string] {
  const m = LOCAL_DATE.exec(value) ?? LOCAL_DATE.exec(value.slice(0, 10));
  if (m && value.length === 10) return [m[1], m[2], m[3]];
  const p = localParts(value);
  return [p.year, p.month, p.day];
}

/** 2026年11月30日, from a LocalDate or a DateTime; "—" when there is none. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const [y, m, d] = splitDate(value);
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** 2026-11-30, from a LocalDate or a DateTime; "—" when there is none. */
export function formatDateShort(value: string | null | undefined): string {
  if (!value) return '—';
  return splitDate(value).join('-');
}

/** 2026-11-30 16:30 (China Standard Time), from a DateTime; "—" when there is none. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const p = localParts(value);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Today in China Standard Time, as a LocalDate ("2026-11-30"). */
export function todayLocalDate(now: Date = new Date()): string {
  const p = localParts(now.toISOString());
  return `${p.year}-${p.month}-${p.day}`;
}
