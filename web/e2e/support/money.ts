/**
 * Money in the browser tests, by string and bigint arithmetic only (never a float). Kept apart from the
 * console's own `formatMoney` so that a test does not trust the helper of the page it checks.
 */

const YUAN = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** Fen of an amount of yuan as the API or a spreadsheet writes it: "1234.5", "-12.30", "1,234.50". */
export function fen(yuan: string): bigint {
  const m = YUAN.exec(yuan.trim().replace(/,/g, ''));
  if (!m) throw new Error(`not an amount of yuan: ${yuan}`);
  const value = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -value : value;
}

/** Fen as the API writes yuan, and as a money field takes it: "1234.50", "-0.01". */
export function yuan(amount: bigint): string {
  const size = amount < 0n ? -amount : amount;
  return `${amount < 0n ? '-' : ''}${size / 100n}.${String(size % 100n).padStart(2, '0')}`;
}

/** An amount (yuan or fen) as the console shows it: ¥1,234,567.80, or -¥12.30 for a reversal. */
export function shownMoney(amount: string | bigint): string {
  const [, sign, whole, cents] = /^(-?)(\d+)\.(\d\d)$/.exec(
    yuan(typeof amount === 'bigint' ? amount : fen(amount)),
  )!;
  return `${sign}¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}
