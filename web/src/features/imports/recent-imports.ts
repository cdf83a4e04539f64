/**
 * The imports of the user's region, newest first, as the API lists them (`assetImports`,
 * `householdImports`): an import can be left and come back to, from any browser. Each job's page is
 * /imports/<kind>/<id>.
 */
import type { AssetImportPhase } from '@web/gql/enums';

export type ImportKind = 'assets' | 'households';

export interface RecentImport {
  kind: ImportKind;
  id: string;
  fileName: string;
  phase: AssetImportPhase;
  /** ISO instant the import was started. */
  createdAt: string;
}

/** How many of each kind are asked for. */
export const RECENT_LIMIT = 10;

type Job = Omit<RecentImport, 'kind'>;

/** Both lists as one, newest first (ties in a stable order), at most RECENT_LIMIT long. */
export function mergeRecent(assets: readonly Job[], households: readonly Job[]): RecentImport[] {
  return [
    ...assets.map((j) => ({ ...j, kind: 'assets' as const })),
    ...households.map((j) => ({ ...j, kind: 'households' as const })),
  ]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id))
    .slice(0, RECENT_LIMIT);
}
