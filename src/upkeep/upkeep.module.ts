import { Module } from '@nestjs/common';
import { AssetsModule } from '@/assets/assets.module';
import { FilesModule } from '@/files/files.module';
import { UpkeepLedgerColumns } from './upkeep-ledger-columns';
import { UpkeepResolver } from './upkeep.resolver';
import { UpkeepService } from './upkeep.service';

/** Upkeep (管护): duties, inspections, repairs and the upkeep policy; the 台账's upkeep columns. */
@Module({
  imports: [AssetsModule, FilesModule],
  providers: [UpkeepService, UpkeepResolver, UpkeepLedgerColumns],
  exports: [UpkeepService],
})
export class UpkeepModule {}
