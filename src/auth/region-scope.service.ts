import { Injectable } from '@nestjs/common';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import {
  assertRegionFilter,
  AuthUser,
  canReadRegion,
  canReadRegionRecord,
  canWriteRegion,
  DISTRICT_ROLES,
  inRegion,
} from '@/common/auth';
import { DomainError, ErrorCode, notFound } from '@/common/errors';
import { startsWithPattern } from '@/database/like';
import { ancestorCodes } from '@/regions/region-level.enum';

/** How a record read by id answers when it is missing or out of scope (see {@link RegionScopeService.getInScope}). */
export interface RecordRef {
  /** What the record is, as a message names it: `Asset`, `Plan`, `Disposal request`. */
  what: string;
  id: string;
  /** The feature's NOT_FOUND code (`ASSET_NOT_FOUND`, …). */
  code: ErrorCode;
  /** Records of a region above the caller's are readable too (a district project built village assets). */
  readableFromBelow?: boolean;
}

let paramCount = 0;
/** A parameter name no other condition of a query uses (a query may be restricted twice). */
const uniqueParam = (prefix: string): string => `${prefix}_${(paramCount = (paramCount + 1) % 1_000_000)}`;

/** A list's region filter, as {@link RegionScopeService.restrict} takes it. */
export interface ScopeFilter {
  /** The region the list is filtered on (FORBIDDEN when outside the caller's scope). */
  region?: string | null;
  /** The argument that carries it, for the error (default `filter.regionCode`). */
  field?: string;
  /** Also the records of the regions above the caller's own (see {@link RecordRef.readableFromBelow}). */
  readableFromBelow?: boolean;
}

/**
 * The one answer to "may this user read / write in region X". Region codes are hierarchical (a
 * child's code extends its parent's), so scope is a prefix test:
 * - district roles (DISTRICT_SUPERVISOR, AUDITOR, ADMIN) read everything in their district;
 *   DISTRICT_SUPERVISOR and ADMIN also write there, AUDITOR never writes;
 * - a TOWNSHIP_OFFICER reads and writes its township and the villages below it;
 * - a VILLAGE_CLERK reads and writes its own village only.
 * Services check scope against the row they touch, not only against the arguments.
 */
@Injectable()
export class RegionScopeService {
  /** The code prefix that bounds what `user` may read. */
  readPrefix(user: AuthUser): string {
    return user.regionCode;
  }

  canRead(user: AuthUser, regionCode: string): boolean {
    return canReadRegion(user, regionCode);
  }

  /** Reading the region records of one's own ancestors (their names and codes) is allowed. */
  canReadRegionRecord(user: AuthUser, regionCode: string): boolean {
    return canReadRegionRecord(user, regionCode);
  }

  canWrite(user: AuthUser, regionCode: string): boolean {
    return canWriteRegion(user, regionCode);
  }

  isDistrictRole(user: AuthUser): boolean {
    return DISTRICT_ROLES.includes(user.role);
  }

  assertRead(user: AuthUser, regionCode: string, what = 'this region'): void {
    if (!this.canRead(user, regionCode)) {
      throw new DomainError(ErrorCode.OUT_OF_SCOPE, `You may not read ${what}: it is outside your region`, {
        regionCode,
      });
    }
  }

  assertWrite(user: AuthUser, regionCode: string, what = 'this region'): void {
    if (!this.canWrite(user, regionCode)) {
      throw new DomainError(ErrorCode.OUT_OF_SCOPE, `You may not change ${what}: it is outside your region`, {
        regionCode,
      });
    }
  }

  /**
   * The one "get in scope or fail" for a record read by id. A record that is missing, or that lies
   * outside what the caller may read, is NOT_FOUND (the feature's code) — for a read and for a write
   * alike, so that nothing tells an outsider that the record exists. With `write`, a record the caller
   * may read but not change (an auditor's view) is FORBIDDEN (OUT_OF_SCOPE).
   */
  getInScope<T>(
    user: AuthUser,
    row: T | null | undefined,
    regionOf: (row: T) => string,
    ref: RecordRef,
    access: 'read' | 'write' = 'read',
  ): T {
    const readable = (code: string): boolean =>
      ref.readableFromBelow ? this.canReadRegionRecord(user, code) : this.canRead(user, code);
    if (row === null || row === undefined || !readable(regionOf(row))) {
      throw notFound(ref.what, ref.id, ref.code);
    }
    if (access === 'write') this.assertWrite(user, regionOf(row), `${ref.what.toLowerCase()} ${ref.id}`);
    return row;
  }

  /** A region a list is filtered on: FORBIDDEN when outside the caller's scope ({@link assertRegionFilter}). */
  assertFilter(user: AuthUser, regionCode: string, field?: string): void {
    assertRegionFilter(user, regionCode, field);
  }

  /** The region a filtered read covers: the filter's region when it lies in scope, else the caller's. */
  narrowest(user: AuthUser, regionCode: string | null | undefined): string {
    return regionCode && this.canRead(user, regionCode) ? regionCode : this.readPrefix(user);
  }

  /**
   * Restricts a list to what the caller may read (`column` holds a region code, e.g. `a.location_code`)
   * and, when given, to the region it is filtered on ({@link assertFilter}).
   */
  restrict<E extends ObjectLiteral>(
    qb: SelectQueryBuilder<E>,
    user: AuthUser,
    column: string,
    filter: ScopeFilter = {},
  ): SelectQueryBuilder<E> {
    if (filter.region) this.assertFilter(user, filter.region, filter.field);
    const param = uniqueParam('scope');
    const prefix = startsWithPattern(this.narrowest(user, filter.region));
    const above = filter.readableFromBelow
      ? ancestorCodes(user.regionCode).filter((code) => !filter.region || inRegion(code, filter.region))
      : [];
    if (above.length === 0) return qb.andWhere(`${column} LIKE :${param}`, { [param]: prefix });
    return qb.andWhere(`(${column} LIKE :${param} OR ${column} IN (:...${param}_above))`, {
      [param]: prefix,
      [`${param}_above`]: above,
    });
  }

  /**
   * Restricts a list of records that cover a region (an inventory of a township covers its villages) to
   * those that overlap the caller's scope (in it, or above it) and, when given, the filter's region
   * ({@link assertFilter}).
   */
  restrictOverlapping<E extends ObjectLiteral>(
    qb: SelectQueryBuilder<E>,
    user: AuthUser,
    column: string,
    filter: ScopeFilter = {},
  ): SelectQueryBuilder<E> {
    if (filter.region) this.assertFilter(user, filter.region, filter.field);
    const param = uniqueParam('overlap');
    const overlaps = (code: string, name: string): Parameters<SelectQueryBuilder<E>['andWhere']> => [
      `(${column} LIKE :${name}_prefix OR :${name}_code LIKE (${column} || '%'))`,
      { [`${name}_prefix`]: startsWithPattern(code), [`${name}_code`]: code },
    ];
    qb.andWhere(...overlaps(user.regionCode, `${param}_scope`));
    if (filter.region) qb.andWhere(...overlaps(filter.region, `${param}_filter`));
    return qb;
  }
}
