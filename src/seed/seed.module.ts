import { Module } from '@nestjs/common';
import { AssetsModule } from '@/assets/assets.module';
import { CategoriesModule } from '@/categories/categories.module';
import { ContractsModule } from '@/contracts/contracts.module';
import { DisposalModule } from '@/disposal/disposal.module';
import { DistributionModule } from '@/distribution/distribution.module';
import { FilesModule } from '@/files/files.module';
import { HouseholdsModule } from '@/households/households.module';
import { IncomeModule } from '@/income/income.module';
import { ProjectsModule } from '@/projects/projects.module';
import { RegionsModule } from '@/regions/regions.module';
import { UpkeepModule } from '@/upkeep/upkeep.module';
import { UsersModule } from '@/users/users.module';
import { SeedService } from './seed.service';

@Module({
  imports: [
    RegionsModule,
    UsersModule,
    CategoriesModule,
    ProjectsModule,
    AssetsModule,
    DistributionModule,
    HouseholdsModule,
    IncomeModule,
    FilesModule,
    DisposalModule,
    UpkeepModule,
    ContractsModule,
  ],
  providers: [SeedService],
  exports: [SeedService],
})
export class SeedModule {}
