import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RegionCodeArg } from '@/common/validation/arg.pipes';
import { Ctx, RequestContext } from '@/common/context';
import { SpreadsheetExportService } from '@/spreadsheet/spreadsheet-export.service';
import { ReportFileType } from '@/spreadsheet/report-file.type';
import { SupervisionReportService } from './supervision-report.service';
import { DashboardType, ExportSupervisionArgs, RedFlagReportType, RedFlagsArgs } from './supervision.types';
import { SupervisionService } from './supervision.service';

@Resolver()
export class SupervisionResolver {
  constructor(
    private readonly service: SupervisionService,
    private readonly reports: SupervisionReportService,
    private readonly exports: SpreadsheetExportService,
  ) {}

  @Query(() => RedFlagReportType, {
    description: 'What is wrong in a region, with counts per region below it and the records behind them.',
  })
  redFlags(@Ctx() ctx: RequestContext, @Args() args: RedFlagsArgs): Promise<RedFlagReportType> {
    return this.service.redFlags(ctx, args.regionCode, args.kinds, args.thresholds);
  }

  @Query(() => DashboardType, {
    description: 'Per township (or village) below the region: assets by class, income, open items.',
  })
  supervisionDashboard(
    @Ctx() ctx: RequestContext,
    @RegionCodeArg('regionCode', true) regionCode?: string,
  ): Promise<DashboardType> {
    return this.service.dashboard(ctx, regionCode);
  }

  @Mutation(() => ReportFileType, { description: 'Red flags or the dashboard as .xlsx.' })
  exportSupervisionReport(
    @Ctx() ctx: RequestContext,
    @Args() args: ExportSupervisionArgs,
  ): Promise<ReportFileType> {
    return this.exports.once(ctx, 'exportSupervisionReport', args, () =>
      this.reports.export(ctx, args.kind, args.regionCode),
    );
  }
}
