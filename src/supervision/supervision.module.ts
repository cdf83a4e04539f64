import { Module } from '@nestjs/common';
import { DisposalModule } from '@/disposal/disposal.module';
import { IncomeModule } from '@/income/income.module';
import { RegionsModule } from '@/regions/regions.module';
import { ReportsModule } from '@/reports/reports.module';
import { SupervisionResolver } from './supervision.resolver';
import { SupervisionService } from './supervision.service';

@Module({
  imports: [RegionsModule, IncomeModule, DisposalModule, ReportsModule],
  providers: [SupervisionService, SupervisionResolver],
  exports: [SupervisionService],
})
export class SupervisionModule {}
