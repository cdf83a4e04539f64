/**
 * The console page of a ledger record, for the roles that may open it (the same lists as the pages'
 * routes); null where the console has no page of its own for the record or the role may not open it.
 */
import type { Role } from '@web/gql/enums';
import { DISPOSAL_PAGE_READERS } from '@web/shared/auth/disposal-roles';
import { PROJECT_READERS } from '@web/shared/projects/project-roles';

/** Those who read a region's register: assets, plans, contracts (assets/asset-roles, distribution/plan-roles,
 * contracts/routes). */
const REGISTER_READERS: readonly Role[] = [
  'VILLAGE_CLERK',
  'TOWNSHIP_OFFICER',
  'DISTRICT_SUPERVISOR',
  'AUDITOR',
];

const PAGES: Readonly<Record<string, { path: (id: string) => string; roles: readonly Role[] }>> = {
  Asset: { path: (id) => `/assets/${id}`, roles: REGISTER_READERS },
  Project: { path: (id) => `/projects/${id}`, roles: PROJECT_READERS },
  DisposalRequest: { path: (id) => `/disposals/${id}`, roles: DISPOSAL_PAGE_READERS },
  DistributionPlan: { path: (id) => `/distribution/${id}`, roles: REGISTER_READERS },
  Contract: { path: (id) => `/contracts/${id}`, roles: REGISTER_READERS },
};

export function recordPath(entityType: string, entityId: string, role: Role | undefined): string | null {
  const page = PAGES[entityType];
  return page && role && page.roles.includes(role) ? page.path(entityId) : null;
}

/** The asset a record belongs to (an income, a repair, an ownership …), from its ledger state. */
export function assetPathOf(state: unknown, role: Role | undefined): string | null {
  const assetId =
    typeof state === 'object' && state !== null && 'assetId' in state
      ? (state as { assetId: unknown }).assetId
      : null;
  return typeof assetId === 'string' ? recordPath('Asset', assetId, role) : null;
}
