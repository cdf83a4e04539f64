import { Module } from '@nestjs/common';
import { RegionsResolver } from './regions.resolver';
import { RegionsService } from './regions.service';

@Module({
  providers: [RegionsService, RegionsResolver],
  exports: [RegionsService],
})
export class RegionsModule {}
