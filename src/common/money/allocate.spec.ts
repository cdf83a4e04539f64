import fc from 'fast-check';
import { allocateByWeights, sumFen } from './allocate';

const amount = fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n });
const weights = fc
  .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 40 })
  .filter((w) => w.some((x) => x > 0));

describe('allocateByWeights (largest remainder)', () => {
  it('the parts always add up to the total, to the fen', () => {
    fc.assert(
      fc.property(amount, weights, (total, w) => {
        expect(sumFen(allocateByWeights(total, w))).toBe(total);
      }),
      { numRuns: 2000 },
    );
  });

  it('each part is within one fen of its exact proportional share', () => {
    fc.assert(
      fc.property(amount, weights, (total, w) => {
        const sum = BigInt(w.reduce((a, b) => a + b, 0));
        allocateByWeights(total, w).forEach((part, i) => {
          // |part · W − total · wᵢ| < W
          const diff = part * sum - total * BigInt(w[i]);
          expect(diff < sum && diff > -sum).toBe(true);
        });
      }),
    );
  });

  it('a zero weight gets nothing; equal weights differ by at most one fen', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 1, max: 50 }), (total, n) => {
        const parts = allocateByWeights(total, [0, ...Array<number>(n).fill(7)]);
        expect(parts[0]).toBe(0n);
        const rest = parts.slice(1);
        const max = rest.reduce((a, b) => (a > b ? a : b));
        const min = rest.reduce((a, b) => (a < b ? a : b));
        expect(max - min <= 1n).toBe(true);
      }),
    );
  });

  it('is deterministic and mirrors negative totals', () => {
    fc.assert(
      fc.property(amount, weights, (total, w) => {
        expect(allocateByWeights(-total, w)).toEqual(allocateByWeights(total, w).map((x) => -x));
      }),
    );
  });

  it('known cases', () => {
    expect(allocateByWeights(100n, [1, 1, 1])).toEqual([34n, 33n, 33n]);
    expect(allocateByWeights(1000001n, [3334, 3333, 3333])).toEqual([333401n, 333300n, 333300n]);
    expect(allocateByWeights(5n, [0, 10])).toEqual([0n, 5n]);
    expect(() => allocateByWeights(5n, [0, 0])).toThrow(RangeError);
    expect(() => allocateByWeights(5n, [-1, 2])).toThrow(RangeError);
  });
});
