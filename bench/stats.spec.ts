import { interleave, median, medianStats, quantile, runStats } from './stats';

describe('bench statistics', () => {
  it('interpolates quantiles between closest ranks', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([5, 1, 3], 0.5)).toBe(3);
    expect(quantile([10, 20], 0)).toBe(10);
    expect(quantile([10, 20], 1)).toBe(20);
    expect(quantile([0, 100], 0.99)).toBeCloseTo(99);
    expect(quantile([], 0.5)).toBeNaN();
    expect(() => quantile([1], 2)).toThrow(RangeError);
  });

  it('takes the median of each figure over runs', () => {
    const a = runStats([1, 2, 3], 0, 1);
    const b = runStats([10, 20, 30, 40], 1, 2);
    const c = runStats([5], 0, 1);
    const m = medianStats([a, b, c]);
    expect(m.perSecond).toBe(2);
    expect(m.p50Ms).toBe(5);
    expect(m.errors).toBe(0);
    expect(median([3, 1, 2])).toBe(2);
  });

  it('alternates which contender goes first', () => {
    expect(interleave('raw', 'app', 3)).toEqual([
      ['raw', 'app'],
      ['app', 'raw'],
      ['raw', 'app'],
    ]);
  });
});
