import { Module } from '@nestjs/common';
import { AssetsModule } from '@/assets/assets.module';
import { DistributionModule } from '@/distribution/distribution.module';
import { IncomeModule } from '@/income/income.module';
import { RegionsModule } from '@/regions/regions.module';
import { SpreadsheetModule } from '@/spreadsheet/spreadsheet.module';
import { ReportsResolver } from './reports.resolver';
import { ReportsService } from './reports.service';

@Module({
  imports: [SpreadsheetModule, RegionsModule, IncomeModule, DistributionModule, AssetsModule],
  providers: [ReportsService, ReportsResolver],
  exports: [ReportsService],
})
export class ReportsModule {}
