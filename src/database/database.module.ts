import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@/config';
import { createDataSource, EntityList, runMigrations } from './data-source.factory';
import { inspectPrivileges, PrivilegeReport, privilegeRefusal } from './database-roles';
import { IdempotencyService } from './idempotency/idempotency.service';
import { TransactionInterceptor } from './transaction.interceptor';
import { DATA_SOURCE, TransactionalConnection } from './transactional-connection';

/** Thrown at boot when the app would serve with a role that could rewrite the ledger. */
export class PrivilegedDatabaseError extends Error {}

/**
 * Refuses to start when DATABASE_URL's role could rewrite the ledger, unless ALLOW_PRIVILEGED_DB=true,
 * which is then said in the log at every start.
 */
function checkLeastPrivilege(config: AppConfig, report: PrivilegeReport): void {
  if (report.problems.length === 0) return;
  if (!config.database.allowPrivileged) throw new PrivilegedDatabaseError(privilegeRefusal(report));
  new Logger('Database').warn(
    { problems: report.problems, role: report.user },
    'ALLOW_PRIVILEGED_DB=true: serving with a database role that could rewrite the audit ledger',
  );
}

/** The data source, the transaction helper and interceptor. The composition root names the entities. */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DATA_SOURCE,
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig): Promise<DataSource> => {
            const ds = createDataSource({
              url: config.database.url,
              entities,
              poolSize: config.database.poolSize,
              statementTimeoutMs: config.database.statementTimeoutMs,
            });
            await ds.initialize();
            try {
              const query = (sql: string, params?: unknown[]) =>
                ds.query(sql, params) as Promise<Array<Record<string, unknown>>>;
              if (config.database.runMigrations) {
                // The owner grants the role the app connects as (or DB_APP_ROLE) what it needs, no more.
                const [{ user }] = await query('SELECT current_user AS "user"');
                await runMigrations(config.database.migrationsUrl, config.database.appRole ?? String(user));
              }
              checkLeastPrivilege(config, await inspectPrivileges(query, config.database.appRole));
              return ds;
            } catch (error) {
              await ds.destroy();
              throw error;
            }
          },
        },
        TransactionalConnection,
        IdempotencyService,
        { provide: APP_INTERCEPTOR, useClass: TransactionInterceptor },
      ],
      exports: [DATA_SOURCE, TransactionalConnection, IdempotencyService],
    };
  }

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
