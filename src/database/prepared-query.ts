import type { Pool, PoolClient, QueryResultRow } from 'pg';
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
