import fc from 'fast-check';
import { eligibilityOn, firstDayOfNextMonth, isEligibleOn, StatusPeriod } from './eligibility';
import { HouseholdStatusKind } from './household.enums';

const { POVERTY_ALLEVIATED: PA, MONITORED: M } = HouseholdStatusKind;

const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const dateArb = fc
  .date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A status history as the service builds it: consecutive, non-overlapping periods, the last maybe open. */
const historyArb = fc
  .tuple(
    dateArb,
    fc.array(
      fc.tuple(fc.constantFrom(PA, M), fc.integer({ min: 0, max: 900 }), fc.integer({ min: 1, max: 400 })),
      {
        minLength: 1,
        maxLength: 5,
      },
    ),
    fc.boolean(),
  )
  .map(([start, parts, open]) => {
    const periods: StatusPeriod[] = [];
    let from = start;
    parts.forEach(([status, length, gap], i) => {
      const last = i === parts.length - 1;
      const endedOn = last && open ? null : addDays(from, length);
      periods.push({ status, startedOn: from, endedOn });
      if (endedOn) from = addDays(endedOn, gap);
    });
    return periods;
  });

describe('eligibility for income distribution', () => {
  it('the first day of the next month', () => {
    expect(firstDayOfNextMonth('2026-03-10')).toBe('2026-04-01');
    expect(firstDayOfNextMonth('2026-03-31')).toBe('2026-04-01');
    expect(firstDayOfNextMonth('2026-12-31')).toBe('2027-01-01');
    expect(firstDayOfNextMonth('2024-02-29')).toBe('2024-03-01');
  });

  it('a household that left on 2026-03-10 is eligible to the end of March, not from April', () => {
    const left: StatusPeriod[] = [{ status: M, startedOn: '2024-05-01', endedOn: '2026-03-10' }];
    expect(isEligibleOn(left, '2024-04-30')).toBe(false);
    expect(isEligibleOn(left, '2024-05-01')).toBe(true);
    expect(isEligibleOn(left, '2026-03-10')).toBe(true);
    expect(isEligibleOn(left, '2026-03-11')).toBe(true);
    expect(isEligibleOn(left, '2026-03-31')).toBe(true);
    expect(isEligibleOn(left, '2026-04-01')).toBe(false);
    expect(eligibilityOn(left, '2026-03-31')).toEqual({ eligible: true, status: M });
    expect(eligibilityOn(left, '2026-04-01')).toEqual({ eligible: false, status: null });
  });

  it('an open status covers every day from its start; nothing before it', () => {
    const open: StatusPeriod[] = [{ status: PA, startedOn: '2019-12-20', endedOn: null }];
    expect(isEligibleOn(open, '2019-12-19')).toBe(false);
    expect(isEligibleOn(open, '2019-12-20')).toBe(true);
    expect(isEligibleOn(open, '2099-01-01')).toBe(true);
    expect(isEligibleOn([], '2026-01-01')).toBe(false);
  });

  it('reports the status in effect that day, not the one left earlier in the month', () => {
    const history: StatusPeriod[] = [
      { status: PA, startedOn: '2019-06-01', endedOn: '2025-07-09' },
      { status: M, startedOn: '2025-07-10', endedOn: null },
    ];
    expect(eligibilityOn(history, '2025-07-05')).toEqual({ eligible: true, status: PA });
    expect(eligibilityOn(history, '2025-07-20')).toEqual({ eligible: true, status: M });
  });

  it('matches the rule as stated, for any history and any date', () => {
    fc.assert(
      fc.property(historyArb, dateArb, (history, date) => {
        const expected = history.some((s) => {
          if (s.startedOn > date) return false;
          if (s.endedOn === null) return true;
          const [y, m] = s.endedOn.split('-').map(Number);
          const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
          return date < next;
        });
        const result = eligibilityOn(history, date);
        return (
          isEligibleOn(history, date) === expected &&
          result.eligible === expected &&
          (result.status === null) === !expected
        );
      }),
    );
  });

  it('leaving never makes a household eligible for longer than the month it left in', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        const last = history[history.length - 1];
        fc.pre(last.endedOn !== null);
        return (
          !isEligibleOn(history, firstDayOfNextMonth(last.endedOn!)) ||
          history.some((s) => s.endedOn === null)
        );
      }),
    );
  });
});
