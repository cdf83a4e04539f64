/**
 * The imports a user started in this browser, newest first, so that they can leave an import and come
 * back to it (each job's page is /imports/<kind>/<id>; the job itself lives on the server). Kept in
 * localStorage per user; the API has no list of import jobs.
 */
export type ImportKind = 'assets' | 'households';

export interface RecentImport {
  kind: ImportKind;
  id: string;
  fileName: string;
  /** ISO instant the import was started. */
  startedAt: string;
}

/** How many are kept. */
export const RECENT_LIMIT = 20;

/** The list with `entry` first, without an older copy of the same job, at most RECENT_LIMIT long. */
export function withRecent(list: readonly RecentImport[], entry: RecentImport): RecentImport[] {
  return [entry, ...list.filter((r) => !(r.kind === entry.kind && r.id === entry.id))].slice(0, RECENT_LIMIT);
}

/** Entries read back from storage: only well-formed ones (the storage is the user's to change). */
export function parseRecent(text: string | null): RecentImport[] {
  if (!text) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (r): r is RecentImport =>
        typeof r === 'object' &&
        r !== null &&
        ((r as RecentImport).kind === 'assets' || (r as RecentImport).kind === 'households') &&
        typeof (r as RecentImport).id === 'string' &&
        /^[0-9a-f-]{36}$/i.test((r as RecentImport).id) &&
        typeof (r as RecentImport).fileName === 'string' &&
        typeof (r as RecentImport).startedAt === 'string',
    )
    .slice(0, RECENT_LIMIT);
}

const storageKey = (userId: string) => `asset-registry.imports.${userId}`;

export function loadRecent(userId: string): RecentImport[] {
  try {
    return parseRecent(window.localStorage.getItem(storageKey(userId)));
  } catch {
    return [];
  }
}

export function rememberImport(userId: string, entry: RecentImport): void {
  try {
    window.localStorage.setItem(storageKey(userId), JSON.stringify(withRecent(loadRecent(userId), entry)));
  } catch {
    // Private browsing without storage: the job's address still leads back to it.
  }
}
