/**
 * Who may benefit from project income on a given day (收益分配对象): formerly poor (脱贫户) and monitored
 * (监测户) households. Eligibility follows the monitoring system and stops from the month after a
 * household leaves it: a status that ended on 2026-03-10 still makes the household eligible on
 * 2026-03-31, no longer on 2026-04-01.
 *
 * Pure functions on calendar dates 'YYYY-MM-DD' (compared as text). `HouseholdsService` applies the
 * same rule in SQL for the `eligibleOn` filter; both are tested against each other.
 */
import { HouseholdStatusKind } from './household.enums';

/** One status period of a household, as in its history. */
export interface StatusPeriod {
  status: HouseholdStatusKind | `${HouseholdStatusKind}`;
  startedOn: string;
  endedOn: string | null;
}

/** The first day of the month after the month of `date`: 2026-03-10 → 2026-04-01, 2026-12-31 → 2027-01-01. */
export function firstDayOfNextMonth(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month === 12
    ? `${String(year + 1).padStart(4, '0')}-01-01`
    : `${date.slice(0, 4)}-${String(month + 1).padStart(2, '0')}-01`;
}

/** Does this one period make its household eligible on `date`? */
export function periodCovers(period: StatusPeriod, date: string): boolean {
  if (period.startedOn > date) return false;
  return period.endedOn === null || date < firstDayOfNextMonth(period.endedOn);
}

/**
 * Eligibility on `date`, and the status that gives it: the status in effect that day if there is one,
 * else the status the household left earlier in the month (or later the same month it left); null
 * when the household is not eligible.
 */
export function eligibilityOn(
  statuses: readonly StatusPeriod[],
  date: string,
): { eligible: boolean; status: HouseholdStatusKind | null } {
  let best: StatusPeriod | null = null;
  for (const s of statuses) {
    if (!periodCovers(s, date)) continue;
    const inEffect = s.endedOn === null || date <= s.endedOn;
    const bestInEffect = best !== null && (best.endedOn === null || date <= best.endedOn);
    if (
      best === null ||
      (inEffect && !bestInEffect) ||
      (inEffect === bestInEffect && s.startedOn > best.startedOn)
    ) {
      best = s;
    }
  }
  return best === null
    ? { eligible: false, status: null }
    : { eligible: true, status: best.status as HouseholdStatusKind };
}

/** A household is eligible on `date` if one of its statuses covers that date (see the file comment). */
export function isEligibleOn(statuses: readonly StatusPeriod[], date: string): boolean {
  return statuses.some((s) => periodCovers(s, date));
}
