import type { Role } from '@web/gql/enums';

/** Who reads the households of their region (ID numbers and phones come masked to all but the writers). */
export const HOUSEHOLD_READERS: readonly Role[] = [
  'VILLAGE_CLERK',
  'TOWNSHIP_OFFICER',
  'DISTRICT_SUPERVISOR',
  'AUDITOR',
];
/** Who registers and edits households in the console: the village clerk and the township officer. */
export const HOUSEHOLD_WRITERS: readonly Role[] = ['VILLAGE_CLERK', 'TOWNSHIP_OFFICER'];
