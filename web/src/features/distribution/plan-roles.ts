import type { Role } from '@web/gql/enums';

/** Who reads the distribution plans of their region. */
export const PLAN_READERS: readonly Role[] = [
  'VILLAGE_CLERK',
  'TOWNSHIP_OFFICER',
  'DISTRICT_SUPERVISOR',
  'AUDITOR',
];

/** Who drafts, submits and pays a plan: the village's clerk (the API checks the village). */
export const PLAN_WRITERS: readonly Role[] = ['VILLAGE_CLERK'];
