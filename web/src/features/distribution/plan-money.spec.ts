import { allocationLeft, sharesLeft, sumYuan, toFen, toYuan, withinLimit } from './plan-money';

describe('plan money', () => {
  it.each([
    ['1200', 120000n],
    ['1200.5', 120050n],
    ['0.07', 7n],
    ['-3.10', -310n],
  ])('%s yuan is %s fen and back', (yuan, fen) => {
    expect(toFen(yuan)).toBe(fen);
    expect(toFen(toYuan(fen))).toBe(fen);
  });

  it('refuses what is not yuan', () => {
    for (const bad of ['1.234', '1e3', '', '¥1', '1,000']) expect(() => toFen(bad)).toThrow();
  });

  it('adds yuan without floating point', () => {
    expect(sumYuan(['0.1', '0.2'])).toBe('0.30');
    expect(sumYuan(['100', undefined, 'x', '33.33'])).toBe('133.33');
  });

  const plan = {
    allocations: [
      {
        id: 'a',
        amount: '600.00',
        beneficiaries: [
          { householdId: 'h1', amount: '400.00' },
          { householdId: 'h2', amount: '200.00' },
        ],
      },
      { id: 'b', amount: '400.00', beneficiaries: [] },
    ],
    payouts: [
      { allocationId: 'a', householdId: 'h1', amount: '150.00' },
      { allocationId: 'a', householdId: 'h1', amount: '50.50' },
      { allocationId: 'b', householdId: null, amount: '100.00' },
    ],
  };

  it('leaves each household its share less what it was paid', () => {
    expect(sharesLeft(plan)).toEqual([
      { allocationId: 'a', householdId: 'h1', share: '400.00', paid: '200.50', left: '199.50' },
      { allocationId: 'a', householdId: 'h2', share: '200.00', paid: '0.00', left: '200.00' },
    ]);
    expect(allocationLeft(plan, 'a')).toBe('399.50');
    expect(allocationLeft(plan, 'b')).toBe('300.00');
    // Repairs drawn on an upkeep allocation are spent like payouts.
    const upkeep = {
      ...plan,
      allocations: plan.allocations.map((a) => (a.id === 'b' ? { ...a, repaired: '120.50' } : a)),
    };
    expect(allocationLeft(upkeep, 'b')).toBe('179.50');
  });

  it('allows a payout above zero and up to what is left', () => {
    expect(withinLimit('199.50', '199.50')).toBe(true);
    expect(withinLimit('199.51', '199.50')).toBe(false);
    expect(withinLimit('0', '199.50')).toBe(false);
    expect(withinLimit('abc', '199.50')).toBe(false);
  });
});
