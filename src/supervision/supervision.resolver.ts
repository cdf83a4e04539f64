import { Args, ArgsType, Field, Mutation, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { RegionCodeArg } from '@/common/validation/arg.pipes';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { Ctx, RequestContext } from '@/common/context';
import { formatYuan } from '@/common/scalars';
import { ReportFileType } from '@/reports/report-file.type';
import { sheet } from '@/reports/report-workbook';
import { ReportsService } from '@/reports/reports.service';
import { DashboardType, RedFlagReportType, RedFlagsArgs } from './supervision.types';
import { SupervisionService } from './supervision.service';

export enum SupervisionReportKind {
  RED_FLAGS = 'RED_FLAGS',
  DASHBOARD = 'DASHBOARD',
}

registerEnumType(SupervisionReportKind, { name: 'SupervisionReportKind' });

@ArgsType()
export class ExportSupervisionArgs {
  @Field(() => SupervisionReportKind)
  @IsEnum(SupervisionReportKind)
  kind!: SupervisionReportKind;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  regionCode?: string;
}

const KIND_NAMES: Record<string, string> = {
  INCOME_UNDISTRIBUTED: '收益超期未分配',
  ASSET_IDLE: '资产长期闲置',
  OWNERSHIP_UNCONFIRMED: '移交后未确权',
  DISPOSAL_OVERDUE: '处置审批超期',
  EQUITY_MATURING: '股权协议即将到期',
  PUBLICITY_ENDED: '公示期满未确权',
  LEDGER_INTEGRITY: '账本校验未通过',
  WITNESS_SILENT: '见证人长期未联署',
  WITNESS_REFUSED: '见证人拒绝联署',
  CHECKPOINT_NO_QUORUM: '检查点未获足够联署',
};

@Resolver()
export class SupervisionResolver {
  constructor(
    private readonly service: SupervisionService,
    private readonly reports: ReportsService,
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
  async exportSupervisionReport(
    @Ctx() ctx: RequestContext,
    @Args() args: ExportSupervisionArgs,
  ): Promise<ReportFileType> {
    if (args.kind === SupervisionReportKind.RED_FLAGS) {
      const report = await this.service.redFlags(ctx, args.regionCode, undefined, undefined);
      const records = report.flags.flatMap((f) =>
        f.records.map((r) => ({ ...r, kind: f.kind, threshold: f.threshold })),
      );
      const summary = report.flags.flatMap((f) => f.byRegion.map((b) => ({ kind: f.kind, ...b })));
      return this.reports.store(
        ctx,
        `问题清单-${report.regionCode}.xlsx`,
        '三级监管问题清单',
        [
          sheet({
            name: '汇总',
            rows: summary,
            columns: [
              { header: '问题类型', value: (r) => KIND_NAMES[r.kind], width: 20 },
              { header: '区域', value: (r) => `${r.regionCode} ${r.regionName ?? ''}`, width: 26 },
              { header: '数量', kind: 'int', value: (r) => r.count },
            ],
          }),
          sheet({
            name: '明细',
            rows: records,
            columns: [
              { header: '问题类型', value: (r) => KIND_NAMES[r.kind], width: 20 },
              { header: '资产编号', value: (r) => r.code, width: 20 },
              { header: '名称', value: (r) => r.name, width: 30 },
              { header: '所在村/镇', value: (r) => r.regionCode, width: 16 },
              { header: '起始日期', value: (r) => r.since },
              { header: '天数', kind: 'int', value: (r) => r.days },
              {
                header: '金额(元)',
                kind: 'money',
                value: (r) => (r.amount === null ? null : formatYuan(r.amount)),
              },
            ],
          }),
        ],
        records.length,
      );
    }
    const dashboard = await this.service.dashboard(ctx, args.regionCode);
    const rows = [
      ...dashboard.rows,
      { ...dashboard.total, regionName: `${dashboard.total.regionName}（合计）` },
    ];
    const byClass = (r: (typeof rows)[number], cls: string) => r.assetsByClass.find((c) => c.class === cls)!;
    return this.reports.store(
      ctx,
      `监管看板-${dashboard.regionCode}.xlsx`,
      '三级监管看板',
      [
        sheet({
          name: '监管看板',
          rows,
          columns: [
            { header: '区域代码', value: (r) => r.regionCode, width: 16 },
            { header: '区域名称', value: (r) => r.regionName, width: 20 },
            { header: '经营性资产(个)', kind: 'int', value: (r) => byClass(r, 'OPERATING').count },
            {
              header: '经营性原值(元)',
              kind: 'money',
              value: (r) => formatYuan(byClass(r, 'OPERATING').formedValue),
            },
            { header: '公益性资产(个)', kind: 'int', value: (r) => byClass(r, 'PUBLIC_WELFARE').count },
            {
              header: '公益性原值(元)',
              kind: 'money',
              value: (r) => formatYuan(byClass(r, 'PUBLIC_WELFARE').formedValue),
            },
            { header: '到户类资产(个)', kind: 'int', value: (r) => byClass(r, 'HOUSEHOLD').count },
            {
              header: '到户类原值(元)',
              kind: 'money',
              value: (r) => formatYuan(byClass(r, 'HOUSEHOLD').formedValue),
            },
            { header: '收益(元)', kind: 'money', value: (r) => formatYuan(r.incomeReceived) },
            { header: '已分配(元)', kind: 'money', value: (r) => formatYuan(r.incomeDistributed) },
            { header: '未分配(元)', kind: 'money', value: (r) => formatYuan(r.incomeUndistributed) },
            { header: '公示中', kind: 'int', value: (r) => r.openItems.ownershipInPublicity },
            { header: '处置未结', kind: 'int', value: (r) => r.openItems.disposalsOpen },
            { header: '待备案方案', kind: 'int', value: (r) => r.openItems.plansAwaitingFiling },
            { header: '问题数', kind: 'int', value: (r) => r.openItems.redFlags },
          ],
        }),
      ],
      rows.length,
    );
  }
}
