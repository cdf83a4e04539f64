/**
 * Money as the API sends it: a decimal string of yuan with at most two decimals ("12345.67", "-3.5").
 * It is shown as ¥12,345.67 by string arithmetic only: money never passes through a floating-point number.
 */
const MONEY = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** ¥12,345.67 (always two decimals, thousands separated); "—" when there is no amount. */
export function formatMoney(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const m = MONEY.exec(amount.trim());
  if (!m) throw new Error(`not a money amount: ${amount}`);
  const [, minus, whole, fraction = ''] = m;
  const digits = whole.replace(/^0+(?=\d)/, '');
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = fraction.padEnd(2, '0');
  const zero = /^0*$/.test(digits + cents);
  return `${minus && !zero ? '-' : ''}¥${grouped}.${cents}`;
}

/** True for what a money input may hold: yuan with at most two decimals, e.g. "1200" or "1200.50". */
export function isMoneyInput(text: string): boolean {
  return /^\d{1,13}(\.\d{1,2})?$/.test(text.trim());
}

/** True for an amount above zero ("0.02"), false for zero ("0", "0.00"), a negative amount or none. */
export function isPositiveMoney(amount: string | null | undefined): boolean {
  const m = amount ? MONEY.exec(amount.trim()) : null;
  return m !== null && !m[1] && /[1-9]/.test(m[2] + (m[3] ?? ''));
}

/** Fen of a money input ("1200.5" → 120050n), for sums without floating point; null when it is not one. */
export function fenOfYuan(text: string | null | undefined): bigint | null {
  if (!text || !isMoneyInput(text)) return null;
  const [whole, fraction = ''] = text.trim().split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/** Yuan as the API writes it, from fen: 120050n → "1200.50", -5n → "-0.05". */
export function yuanOfFen(fen: bigint): string {
  const abs = fen < 0n ? -fen : fen;
  return `${fen < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
