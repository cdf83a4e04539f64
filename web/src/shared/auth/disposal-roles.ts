import type { Role } from '@web/gql/enums';

/** Who may open a disposal request's page (a village clerk follows a disposal on its asset's page). */
export const DISPOSAL_PAGE_READERS: readonly Role[] = ['TOWNSHIP_OFFICER', 'DISTRICT_SUPERVISOR', 'AUDITOR'];
