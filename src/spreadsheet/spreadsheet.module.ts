import { Module } from '@nestjs/common';
import { FilesModule } from '@/files/files.module';
import { SpreadsheetExportService } from './spreadsheet-export.service';

/**
 * The spreadsheet layer: cells, workbooks and templates (pure modules beside this one), the import-job
 * runner the asset and household imports share, and the one way an .xlsx export is stored.
 */
@Module({
  imports: [FilesModule],
  providers: [SpreadsheetExportService],
  exports: [SpreadsheetExportService],
})
export class SpreadsheetModule {}
