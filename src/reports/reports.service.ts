import { Injectable } from '@nestjs/common';
import { RequestContext } from '@/common/context';
import { enumLabel } from '@/common/i18n';
import { formatYuan } from '@/common/scalars';
import { DistributionService } from '@/distribution/distribution.service';
import { IncomeBalancesService } from '@/income/income-balances.service';
import { IncomeGroupBy } from '@/income/income-summary';
import { IncomeSummaryService } from '@/income/income-summary.service';
import { AssetClass } from '@/assets/asset.enums';
import { AssetsService } from '@/assets/assets.service';
import { RegionScopeService } from '@/auth/region-scope.service';
import { CODE_LENGTH, RegionLevel } from '@/regions/region-level.enum';
import { RegionsService } from '@/regions/regions.service';
import { ReportFileType } from '@/spreadsheet/report-file.type';
import { ReportSheet, sheet as cells } from '@/spreadsheet/report-workbook';
import { SpreadsheetExportService } from '@/spreadsheet/spreadsheet-export.service';
import { exportFileName } from '@/files/file-rules';

const money = (fen: bigint | null | undefined): string | null =>
  fen === null || fen === undefined ? null : formatYuan(fen);

/**
 * Reports as .xlsx, written from the same queries the GraphQL API answers (so a report never says
 * anything the API would not), scoped the same way, and stored as evidence files (on the ledger).
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly exports: SpreadsheetExportService,
    private readonly regions: RegionsService,
    private readonly balances: IncomeBalancesService,
    private readonly summaries: IncomeSummaryService,
    private readonly distribution: DistributionService,
    private readonly assets: AssetsService,
    private readonly scope: RegionScopeService,
  ) {}

  async villageIncomeBalances(ctx: RequestContext, regionCode?: string): Promise<ReportFileType> {
    const rows = await this.balances.villageBalances(ctx, await this.regions.villagesIn(ctx, regionCode));
    const sheet: ReportSheet<(typeof rows)[number]> = {
      name: '村级收益结余',
      rows,
      columns: [
        { header: '村代码', value: (r) => r.villageCode, width: 16 },
        { header: '村名称', value: (r) => r.villageName },
        { header: '收益(元)', kind: 'money', value: (r) => money(r.received) },
        { header: '已分配(元)', kind: 'money', value: (r) => money(r.planned) },
        { header: '已支付(元)', kind: 'money', value: (r) => money(r.paid) },
        { header: '未分配(元)', kind: 'money', value: (r) => money(r.undistributed) },
        { header: '最早未分配收益日期', value: (r) => r.oldestUndistributedOn },
        { header: '已闲置天数', kind: 'int', value: (r) => r.oldestUndistributedDays },
      ],
    };
    return this.exports.storeReport(ctx, {
      narrowBy: 'regionCode',
      fileName: exportFileName(['村级收益结余', regionCode ?? ctx.currentUser.regionCode], 'xlsx'),
      title: '村级收益结余表',
      sheets: [cells(sheet)],
      rowCount: rows.length,
    });
  }

  /**
   * 资产收益结余: each operating asset of the region with its balance, then the assets its villages
   * co-own elsewhere; a second sheet gives each owning village's part of every asset listed.
   */
  async assetIncomeBalances(ctx: RequestContext, regionCode?: string): Promise<ReportFileType> {
    const own = await this.assets
      .filtered(ctx, { regionCode, class: undefined })
      .andWhere("a.class = 'OPERATING'")
      .orderBy('a.code')
      .getMany();
    const region = this.scope.narrowest(ctx.currentUser, regionCode);
    const elsewhere =
      region.length > CODE_LENGTH[RegionLevel.DISTRICT]
        ? [...(await this.assets.byIds(ctx, await this.balances.coOwnedElsewhere(ctx, region))).values()]
            .filter((a) => a.class === AssetClass.OPERATING)
            .sort((a, b) => a.code.localeCompare(b.code))
        : [];
    const assets = [...own, ...elsewhere];
    const ids = assets.map((a) => a.id);
    const { balances, byVillage: parts } = await this.balances.assetBalancesWithParts(ctx, ids);
    const names = await this.regions.byCodes(ctx, [
      ...new Set([
        ...assets.map((a) => a.locationCode),
        ...[...parts.values()].flat().map((p) => p.villageCode!),
      ]),
    ]);
    const nameOf = (code: string): string => names.get(code)?.name ?? code;
    const rows = assets.map((a) => ({ asset: a, balance: balances.get(a.id)! }));
    const sheet: ReportSheet<(typeof rows)[number]> = {
      name: '资产收益结余',
      rows,
      columns: [
        { header: '资产编号', value: (r) => r.asset.code, width: 20 },
        { header: '资产名称', value: (r) => r.asset.name, width: 28 },
        { header: '所在村/镇', value: (r) => nameOf(r.asset.locationCode), width: 16 },
        { header: '所在地代码', value: (r) => r.asset.locationCode, width: 16 },
        { header: '收益(元)', kind: 'money', value: (r) => money(r.balance.received) },
        { header: '村集体应分(元)', kind: 'money', value: (r) => money(r.balance.distributable) },
        { header: '已分配(元)', kind: 'money', value: (r) => money(r.balance.planned) },
        { header: '已支付(元)', kind: 'money', value: (r) => money(r.balance.paid) },
        { header: '未分配(元)', kind: 'money', value: (r) => money(r.balance.undistributed) },
        { header: '最早未分配收益日期', value: (r) => r.balance.oldestUndistributedOn },
      ],
    };
    const partRows = assets.flatMap((a) => (parts.get(a.id) ?? []).map((part) => ({ asset: a, part })));
    const byVillage: ReportSheet<(typeof partRows)[number]> = {
      name: '各所有权村的收益结余',
      rows: partRows,
      columns: [
        { header: '资产编号', value: (r) => r.asset.code, width: 20 },
        { header: '资产名称', value: (r) => r.asset.name, width: 28 },
        { header: '所有权村', value: (r) => nameOf(r.part.villageCode!), width: 16 },
        { header: '村代码', value: (r) => r.part.villageCode, width: 16 },
        { header: '应分(元)', kind: 'money', value: (r) => money(r.part.distributable) },
        { header: '已分配(元)', kind: 'money', value: (r) => money(r.part.planned) },
        { header: '已支付(元)', kind: 'money', value: (r) => money(r.part.paid) },
        { header: '未分配(元)', kind: 'money', value: (r) => money(r.part.undistributed) },
        { header: '最早未分配收益日期', value: (r) => r.part.oldestUndistributedOn },
      ],
    };
    return this.exports.storeReport(ctx, {
      narrowBy: 'regionCode',
      fileName: exportFileName(['资产收益结余', regionCode ?? ctx.currentUser.regionCode], 'xlsx'),
      title: '资产收益结余表',
      sheets: [cells(sheet), cells(byVillage)],
      rowCount: rows.length,
    });
  }

  async incomeSummary(
    ctx: RequestContext,
    groupBy: IncomeGroupBy[],
    regionCode?: string,
  ): Promise<ReportFileType> {
    const rows = await this.summaries.summary(ctx, groupBy, regionCode ? { regionCode } : undefined);
    const dims = new Set(groupBy);
    const moneyColumn = (header: string, value: (r: (typeof rows)[number]) => bigint | null) => ({
      header,
      kind: 'money' as const,
      value: (r: (typeof rows)[number]) => money(value(r)),
    });
    const columns: ReportSheet<(typeof rows)[number]>['columns'] = [
      ...(dims.has(IncomeGroupBy.REGION)
        ? [
            {
              header: '区域',
              value: (r: (typeof rows)[number]) => `${r.regionCode} ${r.regionName ?? ''}`,
              width: 24,
            },
          ]
        : []),
      ...(dims.has(IncomeGroupBy.ASSET)
        ? [{ header: '资产编号', value: (r: (typeof rows)[number]) => r.assetCode, width: 20 }]
        : []),
      ...(dims.has(IncomeGroupBy.KIND)
        ? [{ header: '收益类型', value: (r: (typeof rows)[number]) => enumLabel('IncomeKind', r.kind) }]
        : []),
      ...(dims.has(IncomeGroupBy.YEAR)
        ? [{ header: '年度', kind: 'int' as const, value: (r: (typeof rows)[number]) => r.year }]
        : []),
      ...(dims.has(IncomeGroupBy.CHANNEL)
        ? [
            {
              header: '分配用途',
              value: (r: (typeof rows)[number]) => enumLabel('DistributionChannel', r.channel),
              width: 28,
            },
          ]
        : []),
      { header: '笔数', kind: 'int', value: (r) => r.count },
      ...(dims.has(IncomeGroupBy.CHANNEL)
        ? [moneyColumn('计划(元)', (r) => r.planned), moneyColumn('已支付(元)', (r) => r.paid)]
        : [
            moneyColumn('收益(元)', (r) => r.received),
            moneyColumn('村集体应分(元)', (r) => r.distributable),
            moneyColumn('已分配(元)', (r) => r.planned),
            moneyColumn('已支付(元)', (r) => r.paid),
            moneyColumn('未分配(元)', (r) => r.undistributed),
          ]),
    ];
    return this.exports.storeReport(ctx, {
      narrowBy: 'regionCode',
      // Named by the region it covers, like the other reports (the grouping is in its columns).
      fileName: exportFileName(['收益汇总', regionCode ?? ctx.currentUser.regionCode], 'xlsx'),
      title: '收益汇总表',
      sheets: [cells({ name: '收益汇总', columns, rows })],
      rowCount: rows.length,
    });
  }

  async householdReceipts(ctx: RequestContext, householdId: string): Promise<ReportFileType> {
    const rows = await this.distribution.householdReceipts(ctx, householdId);
    const sheet: ReportSheet<(typeof rows)[number]> = {
      name: '农户受益明细',
      rows,
      columns: [
        { header: '年度', kind: 'int', value: (r) => r.year },
        { header: '分配用途', value: (r) => enumLabel('DistributionChannel', r.channel), width: 28 },
        { header: '金额(元)', kind: 'money', value: (r) => money(r.amount) },
        { header: '方案数', kind: 'int', value: (r) => r.plans },
      ],
    };
    return this.exports.storeReport(ctx, {
      narrowBy: 'householdId',
      fileName: exportFileName(['农户受益明细', householdId], 'xlsx'),
      title: '农户受益明细',
      sheets: [cells(sheet)],
      rowCount: rows.length,
    });
  }

  /** 收益分配明细表: every payment to a household out of the plans of the villages of the region. */
  async householdPayouts(ctx: RequestContext, regionCode?: string): Promise<ReportFileType> {
    const villages = await this.regions.villagesIn(ctx, regionCode);
    const rows = (
      await this.distribution.householdPayouts(
        ctx,
        villages.map((v) => v.code),
      )
    ).map((r, i) => ({ ...r, seq: i + 1 }));
    const sheet: ReportSheet<(typeof rows)[number]> = {
      name: '收益分配明细',
      rows,
      columns: [
        { header: '序号', kind: 'int', value: (r) => r.seq },
        { header: '村名称', value: (r) => r.villageName },
        { header: '户籍编号', value: (r) => r.registryNo, width: 18 },
        { header: '户主姓名', value: (r) => r.headName },
        { header: '支付金额(元)', kind: 'money', value: (r) => money(r.amount) },
        { header: '支付日期', value: (r) => r.paidOn },
        { header: '支付凭证号', value: (r) => r.reference, width: 20 },
        { header: '分配方案', value: (r) => r.planTitle, width: 28 },
        { header: '方案日期', value: (r) => r.planDate },
        { header: '分配用途', value: (r) => enumLabel('DistributionChannel', r.channel), width: 28 },
        { header: '收益来源资产', value: (r) => r.assets, width: 36 },
      ],
    };
    return this.exports.storeReport(ctx, {
      narrowBy: 'regionCode',
      fileName: exportFileName(['收益分配明细表', regionCode ?? ctx.currentUser.regionCode], 'xlsx'),
      title: '收益分配明细表',
      sheets: [cells(sheet)],
      rowCount: rows.length,
    });
  }
}
