import { Module } from '@nestjs/common';
import { FilesModule } from '@/files/files.module';
import { HouseholdsModule } from '@/households/households.module';
import { IncomeModule } from '@/income/income.module';
import {
  BeneficiaryResolver,
  DistributionResolver,
  PayoutResolver,
  TrailHouseholdResolver,
} from './distribution.resolver';
import { DistributionService } from './distribution.service';
import { MoneyTrailService } from './money-trail.service';

@Module({
  imports: [IncomeModule, HouseholdsModule, FilesModule],
  providers: [
    DistributionService,
    DistributionResolver,
    BeneficiaryResolver,
    PayoutResolver,
    TrailHouseholdResolver,
    MoneyTrailService,
  ],
  exports: [DistributionService],
})
export class DistributionModule {}
