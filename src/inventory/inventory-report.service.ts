import { Injectable } from '@nestjs/common';
import { RequestContext } from '@/common/context';
import { formatYuan } from '@/common/scalars';
import { ASSET_CLASS_NAMES, ASSET_STATUS_NAMES } from '@/assets/asset.enums';
import { RegionsService } from '@/regions/regions.service';
import { ReportFileType } from '@/spreadsheet/report-file.type';
import { ReportSheet, sheet } from '@/spreadsheet/report-workbook';
import { SpreadsheetExportService } from '@/spreadsheet/spreadsheet-export.service';
import { InventoryItem } from './inventory.entity';
import { INVENTORY_FINDING_NAMES, InventoryStatus } from './inventory.enums';
import { InventoryService, sumCounts, TownshipProgress } from './inventory.service';
import { exportFileName } from '@/files/file-rules';

const time = (d: Date | null): string | null =>
  d ? d.toISOString().replace('T', ' ').slice(0, 19) + 'Z' : null;

/**
 * The discrepancy report of an inventory (清查差异表) as .xlsx: every finding other than PRESENT the
 * caller may read, and the progress of each township with its sign-off. Written from the same queries
 * as `inventoryDiscrepancies` and `inventory { townships }`, and stored as an evidence file (on the
 * ledger) of the narrower of the caller's region and the inventory's.
 */
@Injectable()
export class InventoryReportService {
  constructor(
    private readonly inventories: InventoryService,
    private readonly exports: SpreadsheetExportService,
    private readonly regions: RegionsService,
  ) {}

  async exportDiscrepancies(ctx: RequestContext, inventoryId: string): Promise<ReportFileType> {
    const user = ctx.currentUser;
    const inventory = await this.inventories.findOne(ctx, inventoryId);
    const items = await this.inventories.discrepancies(ctx, inventory.id);
    const progress = (await this.inventories.progress(ctx, [inventory.id])).get(inventory.id) ?? [];
    const regionCodes = new Set<string>([inventory.regionCode]);
    for (const it of items) regionCodes.add(it.locationCode).add(it.locationCode.slice(0, 9));
    for (const p of progress) regionCodes.add(p.townshipCode);
    const regions = await this.regions.byCodes(ctx, [...regionCodes]);
    const name = (code: string): string => regions.get(code)?.name ?? '';
    const actors = await this.inventories.actors(ctx, [
      ...items.map((it) => it.confirmedBy).filter((id): id is string => id !== null),
      ...progress.map((p) => p.signOff?.signedBy).filter((id): id is string => id !== undefined),
    ]);
    const actor = (id: string | null | undefined): string => {
      const u = id ? actors.get(id) : undefined;
      return u ? `${u.displayName} (${u.username})` : '';
    };

    const discrepancies: ReportSheet<InventoryItem> = {
      name: '清查差异',
      rows: items,
      columns: [
        { header: '乡镇', width: 16, value: (it) => name(it.locationCode.slice(0, 9)) },
        { header: '村/镇代码', width: 16, value: (it) => it.locationCode },
        { header: '村/镇名称', width: 14, value: (it) => name(it.locationCode) },
        { header: '资产编号', width: 22, value: (it) => it.assetCode },
        { header: '资产名称', width: 26, value: (it) => it.assetName },
        { header: '资产类别', value: (it) => ASSET_CLASS_NAMES[it.assetClass] },
        { header: '账面状态', value: (it) => ASSET_STATUS_NAMES[it.assetStatus] },
        {
          header: '实际状态',
          value: (it) => (it.observedStatus ? ASSET_STATUS_NAMES[it.observedStatus] : null),
        },
        { header: '原值(元)', kind: 'money', value: (it) => formatYuan(it.formedValue) },
        { header: '清查结果', value: (it) => (it.finding ? INVENTORY_FINDING_NAMES[it.finding] : null) },
        { header: '情况说明', width: 40, value: (it) => it.note },
        { header: '佐证材料', width: 12, kind: 'int', value: (it) => it.evidence.length },
        { header: '确认人', width: 22, value: (it) => actor(it.confirmedBy) },
        { header: '确认时间', width: 22, value: (it) => time(it.confirmedAt) },
      ],
    };
    const totals = { ...sumCounts(progress), townshipCode: '', signOff: null };
    const progressSheet: ReportSheet<TownshipProgress> = {
      name: '清查进度',
      rows: [...progress, totals],
      columns: [
        { header: '乡镇代码', width: 14, value: (p) => p.townshipCode || '合计' },
        { header: '乡镇名称', width: 14, value: (p) => (p.townshipCode ? name(p.townshipCode) : '') },
        { header: '应查', kind: 'int', value: (p) => p.total },
        { header: '已确认', kind: 'int', value: (p) => p.confirmed },
        { header: '未确认', kind: 'int', value: (p) => p.remaining },
        { header: '账实相符', kind: 'int', value: (p) => p.present },
        { header: '盘亏', kind: 'int', value: (p) => p.missing },
        { header: '损毁', kind: 'int', value: (p) => p.damaged },
        { header: '状态不符', kind: 'int', value: (p) => p.statusDiffers },
        { header: '签字人', width: 22, value: (p) => actor(p.signOff?.signedBy) },
        { header: '签字时间', width: 22, value: (p) => time(p.signOff?.signedAt ?? null) },
      ],
    };
    const scopeCode =
      user.regionCode.length > inventory.regionCode.length ? user.regionCode : inventory.regionCode;
    const title = `${inventory.year}年度资产清查差异表 ${inventory.regionCode} ${name(inventory.regionCode)}`;
    const state = inventory.status === InventoryStatus.CLOSED ? '已结束' : '进行中';
    return this.exports.storeReport(ctx, {
      narrowBy: 'inventoryId',
      fileName: exportFileName(['资产清查差异表', inventory.year, scopeCode], 'xlsx'),
      title,
      caption: `${title}（${state}${scopeCode !== inventory.regionCode ? `，仅 ${scopeCode} 范围` : ''}）`,
      sheets: [sheet(discrepancies), sheet(progressSheet)],
      rowCount: items.length,
      regionCode: scopeCode,
    });
  }
}
