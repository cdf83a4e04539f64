import type { Role } from '@web/gql/enums';

/** Who reads the published disclosures of their region (auditors read, and do not publish). */
export const DISCLOSURE_READERS: readonly Role[] = [
  'VILLAGE_CLERK',
  'TOWNSHIP_OFFICER',
  'DISTRICT_SUPERVISOR',
  'ADMIN',
  'AUDITOR',
];

/**
 * Who publishes a village's yearly disclosure and revokes its link: the village's clerk, its township's
 * officer, the district (the API checks the village is theirs).
 */
export const DISCLOSURE_PUBLISHERS: readonly Role[] = [
  'VILLAGE_CLERK',
  'TOWNSHIP_OFFICER',
  'DISTRICT_SUPERVISOR',
  'ADMIN',
];
