import { DomainError, ErrorCode } from '../errors';
import { AuthUser } from './auth-user';
import { Role } from './role.enum';

/**
 * Region scope as pure functions: the prefix tests that RegionScopeService (auth/), the ledger and the
 * pure `*-rules.ts` decide with. Region codes are hierarchical: a child's code extends its
 * parent's, so "a region and everything below it" is a prefix test. Nothing else restates it.
 */

/** A region code: district 6 digits, township 9, village 12 (never a pattern). */
export const REGION_CODE = /^\d{6}(\d{3}){0,2}$/;

export function isRegionCode(value: string): boolean {
  return REGION_CODE.test(value);
}

/** Whether `code` lies in `region` (is the region itself or below it). */
export function inRegion(code: string, region: string): boolean {
  return code.startsWith(region);
}

/** Two regions overlap when one contains the other. */
export function regionsOverlap(a: string, b: string): boolean {
  return inRegion(a, b) || inRegion(b, a);
}

/** Whether `user` may read records of `regionCode`: its own region and everything below it. */
export function canReadRegion(user: AuthUser, regionCode: string): boolean {
  return inRegion(regionCode, user.regionCode);
}

/**
 * The region by which `user` reads a record that belongs to `own` and is also read from `also`: `own`
 * when it is in the user's scope, else the first of `also` that is, else `own` (which the scope check
 * then refuses). An asset a village co-owns in another village, and that asset's income, are read from
 * the co-owning village (and the township above it) as well as from where the asset is.
 */
export function readRegionVia(user: AuthUser, own: string, also: ReadonlyArray<string | null>): string {
  if (canReadRegion(user, own)) return own;
  return also.find((v): v is string => v !== null && canReadRegion(user, v)) ?? own;
}

/** Whether `user` may change records of `regionCode`: like reading, but an AUDITOR never writes. */
export function canWriteRegion(user: AuthUser, regionCode: string): boolean {
  return user.role !== Role.AUDITOR && inRegion(regionCode, user.regionCode);
}

/** Whether `user` may read the region record `regionCode`: in its scope, or one of its ancestors. */
export function canReadRegionRecord(user: AuthUser, regionCode: string): boolean {
  return regionsOverlap(regionCode, user.regionCode);
}

/**
 * A region a list or a summary is filtered on: a region code (VALIDATION_FAILED otherwise: never a LIKE
 * pattern), FORBIDDEN (OUT_OF_SCOPE) when it lies outside the caller's scope. A region above the caller's own is allowed (it narrows nothing).
 */
export function assertRegionFilter(user: AuthUser, regionCode: string, field = 'filter.regionCode'): void {
  if (!isRegionCode(regionCode)) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, `${field}: a 6, 9 or 12-digit region code`, {
      fields: [{ field, message: 'a 6, 9 or 12-digit region code' }],
    });
  }
  if (!canReadRegionRecord(user, regionCode)) {
    throw new DomainError(ErrorCode.OUT_OF_SCOPE, `${field}: region ${regionCode} is outside your region`, {
      regionCode,
      fields: [{ field, message: `${regionCode} is outside your region` }],
    });
  }
}
