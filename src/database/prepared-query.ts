import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { createHash } from 'node:crypto';
import { EntityManager, QueryFailedError } from 'typeorm';

/**
 * Runs `text` as a named prepared statement (parsed and planned once per connection, then only bound
 * and executed) on the manager's transaction connection, or, outside a transaction, on the pool
 * underneath it: for the few statements every request runs (the user read of the auth guard, an
 * inclusion proof), where planning afresh and TypeORM's per-query runner are most of the cost. `name`
 * must be unique to `text`, which must name its columns (`*` would change with the table, and a
 * prepared statement cannot). A failure is a QueryFailedError, as from `manager.query`.
 */
export async function preparedQuery<T extends QueryResultRow>(
  manager: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const runner = manager.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined;
  const target: Pool | PoolClient | undefined =
    runner?.databaseConnection ?? (manager.connection.driver as unknown as { master?: Pool }).master;
  if (!target) return manager.query(text, values);
  try {
    const result = await target.query<T>({ name, text, values });
    return result.rows;
  } catch (error) {
    // As TypeORM reports it: the error mapping knows a class 22 value, a constraint, a deadlock by it.
    throw new QueryFailedError(text, values, error as Error);
  }
}

/** How many statement texts {@link preparedShape} names in one process; any other text runs unnamed. */
export const PREPARED_SHAPES_MAX = 64;
const shapes = new Map<string, string>();

/**
 * Runs `text` as {@link preparedQuery} under a name derived from it, for a statement whose text is built
 * from the request (a list page: its filters, its order, the columns its query selects) but whose values
 * are all parameters. The first {@link PREPARED_SHAPES_MAX} texts the process runs this way are named,
 * so a connection and its backend hold at most that many such statements; any later text is sent
 * unnamed (parsed and planned each time, as `manager.query` does). `text` must name its result columns,
 * as for `preparedQuery`.
 */
export async function preparedShape<T extends QueryResultRow>(
  manager: EntityManager,
  text: string,
  values: unknown[],
): Promise<T[]> {
  let name = shapes.get(text);
  if (name === undefined && shapes.size < PREPARED_SHAPES_MAX) {
    name = `shape-${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`;
    shapes.set(text, name);
  }
  return name === undefined ? manager.query(text, values) : preparedQuery<T>(manager, name, text, values);
}
