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
