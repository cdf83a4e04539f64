import { Injectable, OnModuleInit } from '@nestjs/common';
import { AssetExportService } from '@/assets/excel/asset-export.service';
import type { AssetColumnCells } from '@/assets/excel/asset-ledger-columns';
import { RequestContext } from '@/common/context';
import { todayInChina } from '@/common/scalars';
import { TransactionalConnection } from '@/database';
import { moneyCell } from '@/spreadsheet/cells';
import { IncomeBalancesService } from './income-balances.service';

/**
 * The income columns of the 台账: this year's income (received this calendar year, China time), the
 * total received, and what decided plans distribute of it (as `incomeBalances`), three queries a batch.
 */
@Injectable()
export class IncomeLedgerColumns implements OnModuleInit {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly balances: IncomeBalancesService,
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
    const year = Number(todayInChina().slice(0, 4));
    const thisYear: Array<{ asset_id: string; amount: string }> = await this.connection.getManager(ctx).query(
      `SELECT asset_id, sum(amount)::text AS amount FROM income_record
          WHERE asset_id = ANY($1) AND received_on >= make_date($2, 1, 1) AND received_on < make_date($2 + 1, 1, 1)
          GROUP BY asset_id`,
      [assetIds, year],
    );
    const byAsset = new Map(thisYear.map((r) => [r.asset_id, BigInt(r.amount)]));
    const balances = await this.balances.assetBalances(ctx, assetIds);
    const out: AssetColumnCells = new Map();
    for (const id of assetIds) {
      const b = balances.get(id);
      out.set(id, {
        incomeThisYear: moneyCell(byAsset.get(id) ?? 0n),
        incomeTotal: moneyCell(b?.received ?? 0n),
        incomeDistributed: moneyCell(b?.planned ?? 0n),
      });
    }
    return out;
  }
}
