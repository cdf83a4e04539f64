import { Module } from '@nestjs/common';
import { AssetsModule } from '@/assets/assets.module';
import { FilesModule } from '@/files/files.module';
import { RegionsModule } from '@/regions/regions.module';
import { IncomeBalancesService } from './income-balances.service';
import { IncomeLedgerColumns } from './income-ledger-columns';
import { IncomeSummaryService } from './income-summary.service';
import { AssetIncomeResolver, IncomeResolver } from './income.resolver';
import { IncomeService } from './income.service';

@Module({
  imports: [AssetsModule, FilesModule, RegionsModule],
  providers: [
    IncomeService,
    IncomeBalancesService,
    IncomeSummaryService,
    IncomeResolver,
    AssetIncomeResolver,
    IncomeLedgerColumns,
  ],
  exports: [IncomeService, IncomeBalancesService, IncomeSummaryService],
})
export class IncomeModule {}
