import { Module } from '@nestjs/common';
import { FilesModule } from '@/files/files.module';
import { RegionsModule } from '@/regions/regions.module';
import { HouseholdImportResolver } from './excel/household-import.resolver';
import { HouseholdImportService } from './excel/household-import.service';
import { HouseholdTemplatesController } from './excel/household-templates.controller';
import { HouseholdsResolver } from './households.resolver';
import { HouseholdsService } from './households.service';

/**
 * Beneficiary households (脱贫户, 监测户) with their status history, eligibility for income distribution
 * (`HouseholdsService.eligibility`, `villageHouseholds`), and their import from Excel.
 */
@Module({
  imports: [RegionsModule, FilesModule],
  controllers: [HouseholdTemplatesController],
  providers: [HouseholdsService, HouseholdsResolver, HouseholdImportService, HouseholdImportResolver],
  exports: [HouseholdsService],
})
export class HouseholdsModule {}
