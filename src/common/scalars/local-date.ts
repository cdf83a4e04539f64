/** Calendar dates (no time, no zone) travel as 'YYYY-MM-DD' strings: validated, compared as text. */
export type LocalDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Today in China Standard Time (UTC+8, no daylight saving), as 'YYYY-MM-DD'. */
export function todayInChina(now: Date = new Date()): LocalDate {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A moment in China Standard Time, as 'YYYY-MM-DD HH:MM:SS' (what a page says with （北京时间）). */
export function timeInChina(time: Date): string {
  return new Date(time.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
