import { Injectable } from '@nestjs/common';
import { RequestContext } from '@/common/context';
import { enumLabel } from '@/common/i18n';
import { formatYuan } from '@/common/scalars';
import { ReportFileType } from '@/spreadsheet/report-file.type';
import { sheet } from '@/spreadsheet/report-workbook';
import { SpreadsheetExportService } from '@/spreadsheet/spreadsheet-export.service';
import { SupervisionService } from './supervision.service';
import { RedFlagKind, SupervisionReportKind } from './supervision.types';
import { exportFileName } from '@/files/file-rules';

/** A red flag's kind as the console names it (the labels registered with the enum). */
const kindName = (kind: RedFlagKind): string => enumLabel('RedFlagKind', kind);

/** Red flags and the supervision dashboard as .xlsx, from the same queries as the API. */
@Injectable()
export class SupervisionReportService {
  constructor(
    private readonly supervision: SupervisionService,
    private readonly exports: SpreadsheetExportService,
  ) {}

  async export(
    ctx: RequestContext,
    kind: SupervisionReportKind,
    regionCode: string | undefined,
  ): Promise<ReportFileType> {
    if (kind === SupervisionReportKind.RED_FLAGS) {
      const report = await this.supervision.redFlags(ctx, regionCode, undefined, undefined);
      const records = report.flags.flatMap((f) =>
        f.records.map((r) => ({ ...r, kind: f.kind, threshold: f.threshold })),
      );
      const summary = report.flags.flatMap((f) => f.byRegion.map((b) => ({ kind: f.kind, ...b })));
      return this.exports.storeReport(ctx, {
        narrowBy: 'regionCode',
        fileName: exportFileName(['问题清单', report.regionCode], 'xlsx'),
        title: '三级监管问题清单',
        sheets: [
          sheet({
            name: '汇总',
            rows: summary,
            columns: [
              { header: '问题类型', value: (r) => kindName(r.kind), width: 20 },
              { header: '区域', value: (r) => `${r.regionCode} ${r.regionName ?? ''}`, width: 26 },
              { header: '数量', kind: 'int', value: (r) => r.count },
            ],
          }),
          sheet({
            name: '明细',
            rows: records,
            columns: [
              { header: '问题类型', value: (r) => kindName(r.kind), width: 20 },
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
        rowCount: records.length,
      });
    }
    const dashboard = await this.supervision.dashboard(ctx, regionCode);
    const rows = [
      ...dashboard.rows,
      { ...dashboard.total, regionName: `${dashboard.total.regionName}（合计）` },
    ];
    const byClass = (r: (typeof rows)[number], cls: string) => r.assetsByClass.find((c) => c.class === cls)!;
    return this.exports.storeReport(ctx, {
      narrowBy: 'regionCode',
      fileName: exportFileName(['监管看板', dashboard.regionCode], 'xlsx'),
      title: '三级监管看板',
      sheets: [
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
      rowCount: rows.length,
    });
  }
}
