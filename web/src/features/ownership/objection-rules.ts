/**
 * Who may record and settle objections to an ownership publicity (公示异议), as the API decides it
 * (OwnershipService.recordObjection / resolveObjection), so that the console offers only what the API
 * will take: anyone who may change records where the asset is (not an auditor) records one during the
 * publicity; the officer of the asset's township or a district supervisor settles it.
 */

interface User {
  role: string;
  regionCode: string;
}

/** Roles of the console that record an objection raised by a villager (the API: every writer in scope). */
const RECORDERS = ['VILLAGE_CLERK', 'TOWNSHIP_OFFICER', 'DISTRICT_SUPERVISOR'];

export function mayRecordObjection(user: User | null | undefined, locationCode: string): boolean {
  return Boolean(user && RECORDERS.includes(user.role) && locationCode.startsWith(user.regionCode));
}

/** The officer of the asset's township, or a district supervisor of the asset's district. */
export function mayResolveObjection(user: User | null | undefined, locationCode: string): boolean {
  if (!user) return false;
  if (user.role === 'TOWNSHIP_OFFICER') return locationCode.slice(0, 9) === user.regionCode;
  return user.role === 'DISTRICT_SUPERVISOR' && locationCode.startsWith(user.regionCode);
}

export type PublicityWindow = 'not-started' | 'open' | 'ended';

/**
 * Where `today` stands in a proposal's publicity: objections are taken from its first day up to the day
 * before `publicityEnd` (the first day it may be confirmed).
 */
export function publicityWindow(
  p: { publicityStart: string; publicityEnd: string },
  today: string,
): PublicityWindow {
  if (today < p.publicityStart) return 'not-started';
  return today < p.publicityEnd ? 'open' : 'ended';
}
