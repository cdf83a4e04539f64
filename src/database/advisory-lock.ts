import { EntityManager } from 'typeorm';

/**
 * The advisory locks of the app, one named space per kind of thing they serialise. Every lock is the
 * two-key form `(space, hashtext(key))`, so two spaces never collide, whatever their keys.
 */
export enum LockSpace {
  /** Two processes never migrate one database at once (a session lock). */
  MIGRATIONS = 7_312_001,
  /** One evidence file's content (key: its SHA-256): storing and removing it queue up. */
  EVIDENCE_CONTENT = 7_312_100,
  /** Appends to one ledger (key: the ledger id), across all app processes. */
  LEDGER_APPEND = 7_312_200,
  /** The seeds (key: none): a seed runs once, even when processes start together. */
  SEED = 7_312_300,
  /** Starting an inventory (key: the year): two overlapping inventories cannot both start. */
  INVENTORY_START = 7_312_400,
  /** One village's income (key: the village code): plans and reversals cannot spend it twice. */
  VILLAGE_INCOME = 7_312_500,
  /** A new version of the distribution policy (key: none). */
  DISTRIBUTION_POLICY = 7_312_600,
  /** A new version of the disposal policy (key: none). */
  DISPOSAL_POLICY = 7_312_700,
  /** One project's investment (key: the project id): assets registered or changed at once cannot exceed it together. */
  PROJECT_INVESTMENT = 7_312_800,
  /** A new version of the ownership policy (key: none). */
  OWNERSHIP_POLICY = 7_312_900,
  /** One user's idempotency key (key: `<user id>:<key>`): repeats of one request queue up. */
  IDEMPOTENCY_KEY = 7_313_000,
  /** A new version of the upkeep policy (key: none). */
  UPKEEP_POLICY = 7_313_100,
  /** Changes of the region list (key: none): imports, renames and retirements queue up. */
  REGIONS = 7_313_200,
  /** Starting a background verification of the ledger (key: none): one run at a time is started. */
  LEDGER_VERIFICATION = 7_313_300,
}

/** The statement (and its values) that takes a transaction-scoped lock: for callers that prepare it. */
export function xactLockStatement(
  space: LockSpace,
  key: string | number = '',
): { text: string; values: unknown[] } {
  return { text: 'SELECT pg_advisory_xact_lock($1, hashtext($2))', values: [space, String(key)] };
}

/** Takes a transaction-scoped advisory lock: held until COMMIT or ROLLBACK of `manager`'s transaction. */
export async function lockInTransaction(
  manager: Pick<EntityManager, 'query'>,
  space: LockSpace,
  key: string | number = '',
): Promise<void> {
  const { text, values } = xactLockStatement(space, key);
  await manager.query(text, values);
}

/**
 * {@link lockInTransaction} of many keys of one space in one statement, in the order of `keys` (unnest
 * gives the array's elements in order, and the aggregate takes each as it comes): callers pass them
 * sorted, as they would take them one by one, so that two transactions never wait for each other.
 */
export async function lockManyInTransaction(
  manager: Pick<EntityManager, 'query'>,
  space: LockSpace,
  keys: readonly string[],
): Promise<void> {
  if (keys.length === 0) return;
  await manager.query(
    'SELECT count(pg_advisory_xact_lock($1, hashtext(k))) FROM unnest($2::text[]) AS t(k)',
    [space, [...keys]],
  );
}

/**
 * Runs `work` holding a session-level advisory lock on the connection of `query` (for work that spans
 * transactions, such as migrations); releases it afterwards, whatever happens.
 */
export async function withSessionLock<T>(
  query: (sql: string, values: unknown[]) => Promise<unknown>,
  space: LockSpace,
  key: string | number,
  work: () => Promise<T>,
): Promise<T> {
  await query('SELECT pg_advisory_lock($1, hashtext($2))', [space, String(key)]);
  try {
    return await work();
  } finally {
    await query('SELECT pg_advisory_unlock($1, hashtext($2))', [space, String(key)]).catch(() => undefined);
  }
}
