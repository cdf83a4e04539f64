import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@/config';
import { createDataSource, EntityList, runMigrations } from './data-source.factory';
import { TransactionInterceptor } from './transaction.interceptor';
import { DATA_SOURCE, TransactionalConnection } from './transactional-connection';

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
            if (config.database.runMigrations) {
              await runMigrations(config.database.migrationsUrl, config.database.appRole);
            }
            const ds = createDataSource({
              url: config.database.url,
              entities,
              poolSize: config.database.poolSize,
              statementTimeoutMs: config.database.statementTimeoutMs,
            });
            return ds.initialize();
          },
        },
        TransactionalConnection,
        { provide: APP_INTERCEPTOR, useClass: TransactionInterceptor },
      ],
      exports: [DATA_SOURCE, TransactionalConnection],
    };
  }

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
