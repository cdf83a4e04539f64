import fc from 'fast-check';
import { IncomeLot, lotUses, oldestUndistributed, PlanTake } from './fifo';

const lot = fc.record({
  incomeId: fc.uuid(),
  assetId: fc.constantFrom('a', 'b', 'c'),
  receivedOn: fc
    .date({ min: new Date('2020-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  amount: fc.bigInt({ min: 0n, max: 10n ** 9n }),
});

/** Lots with distinct ids, plans taking parts of them (never more than a lot holds), and each plan's paid. */
const village = fc.uniqueArray(lot, { selector: (l) => l.incomeId, maxLength: 20 }).chain((lots) =>
  fc
    .array(
      fc.record({
        plan: fc.constantFrom('p1', 'p2', 'p3'),
        lot: fc.nat({ max: Math.max(lots.length - 1, 0) }),
        part: fc.bigInt({ min: 1n, max: 1000n }),
      }),
      { maxLength: lots.length === 0 ? 0 : 30 },
    )
    .chain((draws) => {
      const left = new Map(lots.map((l) => [l.incomeId, l.amount]));
      const takes: PlanTake[] = [];
      for (const d of draws) {
        const l = lots[d.lot];
        const amount = (left.get(l.incomeId)! * d.part) / 1000n;
        if (amount === 0n) continue;
        left.set(l.incomeId, left.get(l.incomeId)! - amount);
        takes.push({ planId: d.plan, incomeId: l.incomeId, amount });
      }
      return fc
        .record({
          p1: fc.bigInt({ min: 0n, max: 10n ** 10n }),
          p2: fc.bigInt({ min: 0n, max: 10n ** 10n }),
          p3: fc.bigInt({ min: 0n, max: 10n ** 10n }),
        })
        .map((paid) => ({ lots, takes, paid: new Map(Object.entries(paid)) }));
    }),
);

const sum = (xs: bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);

describe('what plans take of a village’s income, and what they paid of it', () => {
  it('each lot: planned is what the plans take of it, paid never more than planned; oldest first', () => {
    fc.assert(
      fc.property(village, ({ lots, takes, paid }) => {
        const uses = lotUses(lots, takes, paid);
        expect(uses.map((u) => u.lot)).toEqual(
          [...lots].sort((a, b) =>
            a.receivedOn === b.receivedOn
              ? a.incomeId.localeCompare(b.incomeId)
              : a.receivedOn.localeCompare(b.receivedOn),
          ),
        );
        for (const u of uses) {
          expect(u.planned).toBe(
            sum(takes.filter((t) => t.incomeId === u.lot.incomeId).map((t) => t.amount)),
          );
          expect(u.planned <= u.lot.amount && u.paid >= 0n && u.paid <= u.planned).toBe(true);
        }
        // All that is paid is covered, as far as the plans' takes go.
        const covered = sum(
          ['p1', 'p2', 'p3'].map((p) => {
            const taken = sum(takes.filter((t) => t.planId === p).map((t) => t.amount));
            return paid.get(p)! < taken ? paid.get(p)! : taken;
          }),
        );
        expect(sum(uses.map((u) => u.paid))).toBe(covered);
      }),
    );
  });

  it('a plan’s payouts cover its own takes oldest first, whatever the other plans took', () => {
    const lots: IncomeLot[] = [
      { incomeId: '2', assetId: 'a', receivedOn: '2025-03-01', amount: 300n },
      { incomeId: '1', assetId: 'b', receivedOn: '2025-01-01', amount: 100n },
      { incomeId: '3', assetId: 'a', receivedOn: '2025-06-01', amount: 500n },
    ];
    // p1 chose asset a's income (records 2 and 3); p2 took the oldest, record 1.
    const takes: PlanTake[] = [
      { planId: 'p1', incomeId: '3', amount: 400n },
      { planId: 'p1', incomeId: '2', amount: 300n },
      { planId: 'p2', incomeId: '1', amount: 60n },
    ];
    const uses = lotUses(
      lots,
      takes,
      new Map([
        ['p1', 350n],
        ['p2', 10n],
      ]),
    );
    expect(uses.map((u) => [u.lot.incomeId, u.planned, u.paid])).toEqual([
      ['1', 60n, 10n],
      ['2', 300n, 300n],
      ['3', 400n, 50n],
    ]);
    expect(oldestUndistributed(uses)).toBe('2025-01-01');
    // Nothing planned from record 1: it is the oldest undistributed; all of it planned: none.
    expect(oldestUndistributed(lotUses(lots, takes.slice(0, 2), new Map()))).toBe('2025-01-01');
    expect(
      oldestUndistributed(
        lotUses(
          lots,
          [
            ...takes,
            { planId: 'p2', incomeId: '1', amount: 40n },
            { planId: 'p3', incomeId: '3', amount: 100n },
          ],
          new Map(),
        ),
      ),
    ).toBeNull();
  });
});
