import { percentOf, shareBasisPoints } from './share-rules';

describe('ownership shares', () => {
  it('reads percent with at most two decimals, above 0 and at most 100', () => {
    expect(shareBasisPoints('33.34')).toBe(3334);
    expect(shareBasisPoints('33.3')).toBe(3330);
    expect(shareBasisPoints('100')).toBe(10_000);
    expect(shareBasisPoints('0')).toBeNull();
    expect(shareBasisPoints('100.01')).toBeNull();
    expect(shareBasisPoints('33.333')).toBeNull();
    expect(shareBasisPoints('abc')).toBeNull();
  });
  it('shows basis points as percent', () => {
    expect(percentOf(6000)).toBe('60');
    expect(percentOf(3334)).toBe('33.34');
    expect(percentOf(3305)).toBe('33.05');
  });
});
