import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '@/common/context';
import { RecentImportsArgs } from '@/spreadsheet/recent-imports.args';
import { SpreadsheetExportService } from '@/spreadsheet/spreadsheet-export.service';
import {
  AssetImportArgs,
  AssetImportType,
  ExportAssetsArgs,
  ExportedFileType,
  ImportAssetsArgs,
  toAssetImportType,
} from './asset-excel.types';
import { AssetExportService } from './asset-export.service';
import { AssetImportService } from './asset-import.service';

/** The asset ledger in and out of Excel (台账): import jobs and exports. */
@Resolver()
export class AssetExcelResolver {
  constructor(
    private readonly imports: AssetImportService,
    private readonly exports: AssetExportService,
    private readonly files: SpreadsheetExportService,
  ) {}

  @Mutation(() => AssetImportType, {
    description:
      'Import assets (and the projects of its 项目 sheet) from an uploaded .xlsx or .csv in the asset ledger template (GET /templates/assets.xlsx). Every row is checked first: if any has a problem, nothing is written and the job ends FAILED with every problem; otherwise everything is imported in one transaction, one ledger entry per record. Returns the job at once (poll assetImport), or when it has finished with wait: true.',
  })
  async importAssets(@Ctx() ctx: RequestContext, @Args() args: ImportAssetsArgs): Promise<AssetImportType> {
    return toAssetImportType(await this.imports.start(ctx, args), ctx.locale);
  }

  @Query(() => AssetImportType, { description: 'An import job of your region and its progress.' })
  async assetImport(@Ctx() ctx: RequestContext, @Args() args: AssetImportArgs): Promise<AssetImportType> {
    return toAssetImportType(await this.imports.find(ctx, args.id), ctx.locale);
  }
  @Query(() => [AssetImportType], {
    description:
      "The newest asset import jobs of your region (anyone's in it, newest first): an import left and come back to from any browser.",
  })
  async assetImports(
    @Ctx() ctx: RequestContext,
    @Args() args: RecentImportsArgs,
  ): Promise<AssetImportType[]> {
    return (await this.imports.recent(ctx, args.first)).map((job) => toAssetImportType(job, ctx.locale));
  }

  @Mutation(() => ExportedFileType, {
    description:
      'Write the assets of the filter (in your region) and their projects in the asset ledger template, stored as an evidence file (download it from downloadPath). Importing it where those codes do not exist recreates the same assets.',
  })
  exportAssets(@Ctx() ctx: RequestContext, @Args() args: ExportAssetsArgs): Promise<ExportedFileType> {
    return this.files.once(ctx, 'exportAssets', args, () => this.exports.export(ctx, args.filter));
  }
}
