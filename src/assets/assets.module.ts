import { Module } from '@nestjs/common';
import { CategoriesModule } from '@/categories/categories.module';
import { FilesModule } from '@/files/files.module';
import { OwnershipResolver } from '@/ownership/ownership.resolver';
import { OwnershipService } from '@/ownership/ownership.service';
import { ProjectsModule } from '@/projects/projects.module';
import { RegionsModule } from '@/regions/regions.module';
import { SpreadsheetModule } from '@/spreadsheet/spreadsheet.module';
import { AssetsResolver } from './assets.resolver';
import { AssetsService } from './assets.service';
import { AssetExcelResolver } from './excel/asset-excel.resolver';
import { AssetExportService } from './excel/asset-export.service';
import { AssetImportService } from './excel/asset-import.service';
import { TemplatesController } from './excel/templates.controller';

/**
 * The asset register: assets and their ownership confirmation (the ownership folder holds its own
 * entities, rules and resolver; it lives in this module because each needs the other's service).
 */
@Module({
  imports: [RegionsModule, ProjectsModule, CategoriesModule, FilesModule, SpreadsheetModule],
  controllers: [TemplatesController],
  providers: [
    AssetsService,
    AssetsResolver,
    OwnershipService,
    OwnershipResolver,
    AssetImportService,
    AssetExportService,
    AssetExcelResolver,
  ],
  exports: [AssetsService, OwnershipService, AssetExportService],
})
export class AssetsModule {}
