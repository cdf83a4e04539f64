import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestContext } from '@/common/context';
import { daysBetween, todayInChina } from '@/common/scalars';
import { independentReads, TransactionalConnection } from '@/database';
import { consumeFifo, IncomeLot, LotUse, oldestUndistributed } from './fifo';
import { IncomeBalanceType } from './income.types';

/** Plan states whose amount counts as distributed (committed by a decided plan). */
export const COMMITTED_PLAN_STATUSES = ['SUBMITTED', 'FILED', 'COMPLETED'];

export interface VillageTotals {
  distributable: bigint;
  planned: bigint;
  paid: bigint;
}

/**
 * Balances of income: per village, received (its collective's share of income, net of reversals) =
 * planned (in submitted, filed or completed plans) + undistributed; per asset, the same through FIFO.
 */
@Injectable()
export class IncomeBalancesService {
  constructor(private readonly connection: TransactionalConnection) {}

  async villageTotals(manager: EntityManager, villages: string[]): Promise<Map<string, VillageTotals>> {
    const out = new Map<string, VillageTotals>(
      villages.map((v) => [v, { distributable: 0n, planned: 0n, paid: 0n }]),
    );
    if (villages.length === 0) return out;
    const received: Array<{ village_code: string; amount: string }> = await manager.query(
      `SELECT village_code, sum(amount)::text AS amount FROM income_share WHERE village_code = ANY($1) GROUP BY village_code`,
      [villages],
    );
    const planned: Array<{ village_code: string; amount: string }> = await manager.query(
      `SELECT village_code, sum(amount)::text AS amount FROM distribution_plan
        WHERE village_code = ANY($1) AND status = ANY($2) GROUP BY village_code`,
      [villages, COMMITTED_PLAN_STATUSES],
    );
    const paid: Array<{ village_code: string; amount: string }> = await manager.query(
      `SELECT p.village_code, sum(x.amount)::text AS amount FROM distribution_payout x JOIN distribution_plan p ON p.id = x.plan_id
        WHERE p.village_code = ANY($1) GROUP BY p.village_code`,
      [villages],
    );
    for (const r of received) out.get(r.village_code)!.distributable = BigInt(r.amount);
    for (const r of planned) out.get(r.village_code)!.planned = BigInt(r.amount);
    for (const r of paid) out.get(r.village_code)!.paid = BigInt(r.amount);
    return out;
  }

  /** Net lots (original income share + its reversal's share) of the villages. */
  async lots(manager: EntityManager, villages: string[]): Promise<Map<string, IncomeLot[]>> {
    const rows: Array<{
      income_id: string;
      asset_id: string;
      received_on: string;
      village_code: string;
      amount: string;
    }> = await manager.query(
      `SELECT o.id AS income_id, o.asset_id, o.received_on, s.village_code,
                (s.amount + coalesce((SELECT rs.amount FROM income_record r
                                        JOIN income_share rs ON rs.income_id = r.id AND rs.position = s.position
                                       WHERE r.reverses_id = o.id), 0))::text AS amount
           FROM income_record o JOIN income_share s ON s.income_id = o.id
          WHERE o.reverses_id IS NULL AND s.village_code = ANY($1)`,
      [villages],
    );
    const out = new Map<string, IncomeLot[]>(villages.map((v) => [v, []]));
    for (const r of rows) {
      out.get(r.village_code)!.push({
        incomeId: r.income_id,
        assetId: r.asset_id,
        receivedOn: r.received_on,
        amount: BigInt(r.amount),
      });
    }
    return out;
  }

  private async uses(
    manager: EntityManager,
    villages: string[],
  ): Promise<Map<string, { totals: VillageTotals; uses: LotUse[] }>> {
    const [totals, lots] = await independentReads(manager, [
      () => this.villageTotals(manager, villages),
      () => this.lots(manager, villages),
    ]);
    return new Map(
      villages.map((v) => {
        const t = totals.get(v)!;
        return [v, { totals: t, uses: consumeFifo(lots.get(v) ?? [], t.planned, t.paid) }];
      }),
    );
  }

  async villageBalances(
    ctx: RequestContext,
    villages: Array<{ code: string; name: string }>,
  ): Promise<IncomeBalanceType[]> {
    const manager = this.connection.getManager(ctx);
    const uses = await this.uses(
      manager,
      villages.map((v) => v.code),
    );
    const today = todayInChina();
    return villages.map((v) => {
      const { totals, uses: u } = uses.get(v.code)!;
      const oldest = oldestUndistributed(u);
      return {
        villageCode: v.code,
        villageName: v.name,
        assetId: null,
        received: totals.distributable,
        distributable: totals.distributable,
        planned: totals.planned,
        paid: totals.paid,
        undistributed: totals.distributable - totals.planned,
        oldestUndistributedOn: oldest,
        oldestUndistributedDays: oldest ? daysBetween(oldest, today) : null,
      };
    });
  }

  async assetBalances(
    ctx: RequestContext,
    assetIds: readonly string[],
  ): Promise<Map<string, IncomeBalanceType>> {
    const manager = this.connection.getManager(ctx);
    const received: Array<{ asset_id: string; amount: string }> = await manager.query(
      `SELECT asset_id, sum(amount)::text AS amount FROM income_record WHERE asset_id = ANY($1) GROUP BY asset_id`,
      [assetIds],
    );
    const villageRows: Array<{ village_code: string }> = await manager.query(
      `SELECT DISTINCT s.village_code FROM income_share s JOIN income_record r ON r.id = s.income_id
        WHERE r.asset_id = ANY($1) AND s.village_code IS NOT NULL`,
      [assetIds],
    );
    const uses = await this.uses(
      manager,
      villageRows.map((r) => r.village_code),
    );
    const today = todayInChina();
    const out = new Map<string, IncomeBalanceType>();
    for (const id of assetIds) {
      out.set(id, {
        villageCode: null,
        villageName: null,
        assetId: id,
        received: 0n,
        distributable: 0n,
        planned: 0n,
        paid: 0n,
        undistributed: 0n,
        oldestUndistributedOn: null,
        oldestUndistributedDays: null,
      });
    }
    for (const r of received) out.get(r.asset_id)!.received = BigInt(r.amount);
    for (const { uses: u } of uses.values()) {
      for (const use of u) {
        const b = out.get(use.lot.assetId);
        if (!b) continue;
        b.distributable += use.lot.amount;
        b.planned += use.planned;
        b.paid += use.paid;
        if (
          use.lot.amount > use.planned &&
          (!b.oldestUndistributedOn || use.lot.receivedOn < b.oldestUndistributedOn)
        ) {
          b.oldestUndistributedOn = use.lot.receivedOn;
        }
      }
    }
    for (const b of out.values()) {
      b.undistributed = b.distributable - b.planned;
      b.oldestUndistributedDays = b.oldestUndistributedOn
        ? daysBetween(b.oldestUndistributedOn, today)
        : null;
    }
    return out;
  }
}
