import type { RegionLevel, Role } from '@web/gql/enums';

/** The region level each role is bound to (the API's rule, USER_ROLE_REGION_MISMATCH otherwise). */
export const ROLE_LEVEL: Record<Role, RegionLevel> = {
  VILLAGE_CLERK: 'VILLAGE',
  TOWNSHIP_OFFICER: 'TOWNSHIP',
  DISTRICT_SUPERVISOR: 'DISTRICT',
  AUDITOR: 'DISTRICT',
  ADMIN: 'DISTRICT',
};
