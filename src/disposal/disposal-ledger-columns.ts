import { Injectable, OnModuleInit } from '@nestjs/common';
import { AssetExportService } from '@/assets/excel/asset-export.service';
import type { AssetColumnCells } from '@/assets/excel/asset-ledger-columns';
import { RequestContext } from '@/common/context';
import { TransactionalConnection } from '@/database';
import { dateCell, moneyCell } from '@/spreadsheet/cells';
import { DISPOSAL_METHOD_NAMES, DisposalMethod, REVIEW_LEVEL_NAMES, ReviewLevel } from './disposal.entity';

/**
 * The disposal columns of the 台账: the asset's approved (or completed) disposal — method, the date it
 * was carried out, who approved it and when, the proceeds — one query a batch.
 */
@Injectable()
export class DisposalLedgerColumns implements OnModuleInit {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly exports: AssetExportService,
  ) {}

  onModuleInit(): void {
    this.exports.addColumnSource((ctx, assets) =>
      this.cells(
        ctx,
        assets.map((a) => a.id),
      ),
    );
  }

  async cells(ctx: RequestContext, assetIds: string[]): Promise<AssetColumnCells> {
    const rows: Array<{
      asset_id: string;
      method: DisposalMethod;
      completed_on: string | null;
      proceeds: string | null;
      level: ReviewLevel | null;
      approved_on: string | null;
    }> = await this.connection.getManager(ctx).query(
      `SELECT DISTINCT ON (d.asset_id) d.asset_id, d.method, d.completed_on::text AS completed_on,
              d.proceeds::text AS proceeds, r.level, (r.created_at AT TIME ZONE 'Asia/Shanghai')::date::text AS approved_on
         FROM disposal_request d
         LEFT JOIN LATERAL (
           SELECT level, created_at FROM disposal_review
            WHERE request_id = d.id AND decision = 'APPROVE' AND level = d.deciding_level
            ORDER BY step DESC LIMIT 1) r ON true
        WHERE d.asset_id = ANY($1) AND d.status IN ('APPROVED', 'COMPLETED')
        ORDER BY d.asset_id, d.created_at DESC`,
      [assetIds],
    );
    const out: AssetColumnCells = new Map();
    for (const r of rows) {
      out.set(r.asset_id, {
        disposalMethod: DISPOSAL_METHOD_NAMES[r.method],
        disposalDate: dateCell(r.completed_on),
        disposalApproval: r.level ? `${REVIEW_LEVEL_NAMES[r.level]}批准（${r.approved_on}）` : null,
        disposalProceeds: r.proceeds === null ? null : moneyCell(BigInt(r.proceeds)),
      });
    }
    return out;
  }
}
