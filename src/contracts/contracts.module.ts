import { Module } from '@nestjs/common';
import { AssetsModule } from '@/assets/assets.module';
import { FilesModule } from '@/files/files.module';
import { IncomeModule } from '@/income/income.module';
import { AssetContractsResolver, ContractsResolver } from './contracts.resolver';
import { ContractsService } from './contracts.service';

@Module({
  imports: [AssetsModule, IncomeModule, FilesModule],
  providers: [ContractsService, ContractsResolver, AssetContractsResolver],
  exports: [ContractsService],
})
export class ContractsModule {}
