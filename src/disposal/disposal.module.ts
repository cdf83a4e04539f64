import { Module } from '@nestjs/common';
import { AssetsModule } from '@/assets/assets.module';
import { FilesModule } from '@/files/files.module';
import { IncomeModule } from '@/income/income.module';
import { DisposalLedgerColumns } from './disposal-ledger-columns';
import { DisposalResolver, IncomeDisposalResolver } from './disposal.resolver';
import { DisposalService } from './disposal.service';

@Module({
  imports: [AssetsModule, IncomeModule, FilesModule],
  providers: [DisposalService, DisposalResolver, IncomeDisposalResolver, DisposalLedgerColumns],
  exports: [DisposalService],
})
export class DisposalModule {}
