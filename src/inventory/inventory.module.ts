import { Module } from '@nestjs/common';
import { AssetsModule } from '@/assets/assets.module';
import { FilesModule } from '@/files/files.module';
import { SpreadsheetModule } from '@/spreadsheet/spreadsheet.module';
import { RegionsModule } from '@/regions/regions.module';
import { InventoryReportService } from './inventory-report.service';
import { InventoryItemResolver, InventoryResolver } from './inventory.resolver';
import { InventoryService } from './inventory.service';

/**
 * The annual inventory (年度清查): checklists of the assets of the district or a township, findings
 * confirmed where the assets are, township sign-offs, the district's close, and the discrepancy report.
 */
@Module({
  imports: [AssetsModule, FilesModule, RegionsModule, SpreadsheetModule],
  providers: [InventoryService, InventoryReportService, InventoryResolver, InventoryItemResolver],
  exports: [InventoryService],
})
export class InventoryModule {}
