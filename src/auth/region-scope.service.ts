import { Injectable } from '@nestjs/common';
import { AuthUser, DISTRICT_ROLES, Role } from '@/common/auth';
import { DomainError, ErrorCode } from '@/common/errors';

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
    return regionCode.startsWith(user.regionCode);
  }

  /** Reading the region records of one's own ancestors (their names and codes) is allowed. */
  canReadRegionRecord(user: AuthUser, regionCode: string): boolean {
    return this.canRead(user, regionCode) || user.regionCode.startsWith(regionCode);
  }

  canWrite(user: AuthUser, regionCode: string): boolean {
    if (user.role === Role.AUDITOR) return false;
    return regionCode.startsWith(user.regionCode);
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
}
