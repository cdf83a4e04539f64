import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { LockSpace, withSessionLock } from './advisory-lock';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { LEDGER_TABLES, MIGRATIONS } from '../../migrations';

// A PostgreSQL `date` is a calendar date: keep it as the 'YYYY-MM-DD' text instead of a Date at local
// midnight (which would shift with the server's time zone).
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/** What TypeORM accepts as an entity: the composition root owns the list (src/app.entities.ts). */
export type EntityList = NonNullable<DataSourceOptions['entities']>;

export interface DataSourceSettings {
  url: string;
  /** The entities to map; migrations alone need none. */
  entities?: EntityList;
  poolSize?: number;
  statementTimeoutMs?: number;
  applicationName?: string;
}

/** Options shared by the app, the migration CLI (ormconfig.ts) and the test harness. Never synchronize. */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: settings.entities ?? [],
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migration',
    migrationsTransactionMode: 'all',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; the app role never needs to create extensions.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: settings.poolSize ?? 10,
      application_name: settings.applicationName ?? 'asset-registry',
      ...(settings.statementTimeoutMs ? { statement_timeout: settings.statementTimeoutMs } : {}),
    },
  };
}

export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}

/**
 * Runs pending migrations with a short-lived owner connection, serialised across processes. With
 * `appRole`, grants that role what the app needs and no more: the ledger tables get SELECT and INSERT
 * only, so even a bug (or an attacker) in the app cannot rewrite history.
 */
export async function runMigrations(url: string, appRole?: string): Promise<string[]> {
  // Two connections: one holds the advisory lock while TypeORM migrates on the other.
  const ds = createDataSource({ url, poolSize: 2, applicationName: 'asset-registry-migrations' });
  await ds.initialize();
  try {
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      return await withSessionLock(
        (sql, values) => runner.query(sql, values),
        LockSpace.MIGRATIONS,
        '',
        async () => {
          const applied = await ds.runMigrations({ transaction: 'all' });
          const [{ user }] = (await runner.query('SELECT current_user AS "user"')) as Array<{ user: string }>;
          // Connected as the app role itself (one URL for both): there is nobody to grant to.
          if (appRole && appRole !== user)
            await grantAppRole(runner.manager.query.bind(runner.manager), appRole);
          return applied.map((m) => m.name);
        },
      );
    } finally {
      await runner.release();
    }
  } finally {
    await ds.destroy();
  }
}

type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

export async function grantAppRole(query: Query, role: string): Promise<void> {
  const quoted = `"${role.replace(/"/g, '""')}"`;
  const ledger = LEDGER_TABLES.map((t) => `"${t}"`).join(', ');
  await query(`GRANT USAGE ON SCHEMA public TO ${quoted}`);
  await query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${quoted}`);
  await query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${quoted}`);
  await query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${ledger} FROM ${quoted}`);
  await query(`REVOKE ALL ON "typeorm_migration" FROM ${quoted}`);
  await query(`GRANT SELECT ON "typeorm_migration" TO ${quoted}`);
}
