import type { PoolClient, QueryResultRow } from 'pg';
import { EntityManager } from 'typeorm';

/**
 * Runs a named prepared statement on the connection of `manager`'s transaction. The ledger's append
 * statements run under the append lock, where planning them afresh each time (TypeORM sends unnamed
 * statements) was most of the lock's hold time; a named statement is planned once per connection.
 */
export async function prepared<T extends QueryResultRow>(
  manager: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const client = (manager.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)
    ?.databaseConnection;
  if (!client) return manager.query(text, values);
  const result = await client.query<T>({ name, text, values });
  return result.rows;
}
