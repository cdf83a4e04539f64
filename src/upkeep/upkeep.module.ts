import { Module } from '@nestjs/common';
import { AssetsModule } from '@/assets/assets.module';
import { FilesModule } from '@/files/files.module';
import { UpkeepResolver } from './upkeep.resolver';
import { UpkeepService } from './upkeep.service';

/** Upkeep (管护): duties, inspections, repairs and the upkeep policy. */
@Module({
  imports: [AssetsModule, FilesModule],
  providers: [UpkeepService, UpkeepResolver],
  exports: [UpkeepService],
})
export class UpkeepModule {}
