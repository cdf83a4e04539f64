/** A money string of yuan (two decimals at most, maybe negative) as fen: sums never pass through a float. */
export function fenOfMoney(yuan: string | null | undefined): bigint {
  if (!yuan) return 0n;
  const negative = yuan.startsWith('-');
  const [whole, part = ''] = (negative ? yuan.slice(1) : yuan).split('.');
  const value = BigInt(whole || '0') * 100n + BigInt((part + '00').slice(0, 2));
  return negative ? -value : value;
}
