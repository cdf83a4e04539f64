import { AssetsModule } from '@/assets/assets.module';
import { Module } from '@nestjs/common';
import { ContractsModule } from '@/contracts/contracts.module';
import { DisposalModule } from '@/disposal/disposal.module';
import { IncomeModule } from '@/income/income.module';
import { RegionsModule } from '@/regions/regions.module';
import { UpkeepModule } from '@/upkeep/upkeep.module';
import { SpreadsheetModule } from '@/spreadsheet/spreadsheet.module';
import { SupervisionReportService } from './supervision-report.service';
import { SupervisionResolver } from './supervision.resolver';
import { SupervisionService } from './supervision.service';

@Module({
  imports: [
    RegionsModule,
    IncomeModule,
    DisposalModule,
    ContractsModule,
    SpreadsheetModule,
    AssetsModule,
    UpkeepModule,
  ],
  providers: [SupervisionService, SupervisionReportService, SupervisionResolver],
  exports: [SupervisionService],
})
export class SupervisionModule {}
