import fc from 'fast-check';
import { consumeFifo, IncomeLot, oldestUndistributed } from './fifo';

const lot = fc.record({
  incomeId: fc.uuid(),
  assetId: fc.constantFrom('a', 'b', 'c'),
  receivedOn: fc
    .date({ min: new Date('2020-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  amount: fc.bigInt({ min: 0n, max: 10n ** 9n }),
});

describe('FIFO consumption of income by plans and payouts', () => {
  it('planned and paid never exceed a lot; totals are consumed exactly while income lasts', () => {
    fc.assert(
      fc.property(
        fc.array(lot, { maxLength: 30 }),
        fc.bigInt({ min: 0n, max: 10n ** 10n }),
        fc.bigInt({ min: 0n, max: 10n ** 10n }),
        (lots, a, b) => {
          const [paid, planned] = a < b ? [a, b] : [b, a];
          const total = lots.reduce((s, l) => s + l.amount, 0n);
          const uses = consumeFifo(lots, planned, paid);
          const usedPlanned = uses.reduce((s, u) => s + u.planned, 0n);
          const usedPaid = uses.reduce((s, u) => s + u.paid, 0n);
          expect(usedPlanned).toBe(planned < total ? planned : total);
          expect(usedPaid).toBe(paid < total ? paid : total);
          for (const u of uses) {
            expect(u.planned <= u.lot.amount && u.paid <= u.planned).toBe(true);
          }
          // received = distributed + undistributed, per lot and in total
          const undistributed = uses.reduce((s, u) => s + (u.lot.amount - u.planned), 0n);
          expect(usedPlanned + undistributed).toBe(total);
        },
      ),
    );
  });

  it('consumes oldest first; the oldest undistributed is the first lot not fully planned', () => {
    const lots: IncomeLot[] = [
      { incomeId: '2', assetId: 'a', receivedOn: '2025-03-01', amount: 300n },
      { incomeId: '1', assetId: 'b', receivedOn: '2025-01-01', amount: 100n },
      { incomeId: '3', assetId: 'a', receivedOn: '2025-06-01', amount: 500n },
    ];
    const uses = consumeFifo(lots, 250n, 120n);
    expect(uses.map((u) => [u.lot.incomeId, u.planned, u.paid])).toEqual([
      ['1', 100n, 100n],
      ['2', 150n, 20n],
      ['3', 0n, 0n],
    ]);
    expect(oldestUndistributed(uses)).toBe('2025-03-01');
    expect(oldestUndistributed(consumeFifo(lots, 900n, 0n))).toBeNull();
  });
});
