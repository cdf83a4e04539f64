import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Logger } from 'pino';
import { HttpErrorFilter } from '@/common/errors';
import { AppConfig, ConfigModule } from '@/config';
import { ENTITIES } from './app.entities';
import { AssetsModule } from './assets/assets.module';
import { AuthModule } from './auth/auth.module';
import { CategoriesModule } from './categories/categories.module';
import { ConsoleModule } from './console/console.module';
import { ContractsModule } from './contracts/contracts.module';
import { DatabaseModule } from './database/database.module';
import { DisclosureModule } from './disclosure/disclosure.module';
import { DisposalModule } from './disposal/disposal.module';
import { DistributionModule } from './distribution/distribution.module';
import { IncomeModule } from './income/income.module';
import { FilesModule } from './files/files.module';
import { GraphqlConfigModule } from './graphql/graphql-config.module';
import { HealthModule } from './health/health.module';
import { HouseholdsModule } from './households/households.module';
import { InventoryModule } from './inventory/inventory.module';
import { LedgerModule } from './ledger/ledger.module';
import { MetricsModule } from './metrics/metrics.module';
import { PrintablesModule } from './printables/printables.module';
import { ProjectsModule } from './projects/projects.module';
import { RegionsModule } from './regions/regions.module';
import { ReportsModule } from './reports/reports.module';
import { SeedModule } from './seed/seed.module';
import { SupervisionModule } from './supervision/supervision.module';
import { TasksModule } from './tasks/tasks.module';
import { UpkeepModule } from './upkeep/upkeep.module';
import { UsersModule } from './users/users.module';

/** Wires the feature modules (and hands the entity list to the database); nothing else lives here. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(ENTITIES),
        GraphqlConfigModule.forRoot(logger),
        LedgerModule,
        AuthModule,
        RegionsModule,
        UsersModule,
        FilesModule,
        CategoriesModule,
        ProjectsModule,
        AssetsModule,
        HouseholdsModule,
        InventoryModule,
        IncomeModule,
        DistributionModule,
        ReportsModule,
        DisposalModule,
        UpkeepModule,
        ContractsModule,
        SupervisionModule,
        DisclosureModule,
        PrintablesModule,
        HealthModule,
        MetricsModule,
        SeedModule,
        TasksModule,
        ConsoleModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
  }
}
