import { Module } from '@nestjs/common';
import { IncomeModule } from '@/income/income.module';
import { DisclosureController } from './disclosure.controller';
import { DisclosureResolver } from './disclosure.resolver';
import { DisclosureService } from './disclosure.service';

/** Public disclosure (公示): signed links to a village's printable yearly page; see DisclosureService. */
@Module({
  imports: [IncomeModule],
  controllers: [DisclosureController],
  providers: [DisclosureService, DisclosureResolver],
  exports: [DisclosureService],
})
export class DisclosureModule {}
