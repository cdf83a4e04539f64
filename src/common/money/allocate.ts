/**
 * Splits an exact amount (an integer number of fen) in proportion to weights with the largest-remainder
 * (Hamilton) method, so that the parts always add up to the amount, to the fen:
 *   1. each part gets floor(total · wᵢ / W);
 *   2. the fen left over go, one each, to the parts with the largest remainders (total · wᵢ mod W),
 *      ties to the earlier part.
 * A negative total is split like its absolute value and negated (a reversal mirrors the original).
 * Weights are non-negative integers (shares in basis points, household members …) with a positive sum.
 */
export function allocateByWeights(total: bigint, weights: ReadonlyArray<bigint | number>): bigint[] {
  if (weights.length === 0) throw new RangeError('at least one weight is needed');
  const w = weights.map((x) => BigInt(x));
  if (w.some((x) => x < 0n)) throw new RangeError('weights must not be negative');
  const sum = w.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new RangeError('the weights must not all be zero');
  if (total < 0n) return allocateByWeights(-total, w).map((x) => -x);
  const parts = w.map((x) => (total * x) / sum);
  let left = total - parts.reduce((a, b) => a + b, 0n);
  const order = w
    .map((x, i) => ({ i, remainder: (total * x) % sum }))
    .sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  for (const { i } of order) {
    if (left === 0n) break;
    parts[i] += 1n;
    left -= 1n;
  }
  return parts;
}

/** Sum of bigints. */
export const sumFen = (values: Iterable<bigint>): bigint => {
  let total = 0n;
  for (const v of values) total += v;
  return total;
};
