import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestContext } from '@/common/context';
import { daysBetween, todayInChina } from '@/common/scalars';
import { independentReads, startsWithPattern, TransactionalConnection } from '@/database';
import { IncomeLot, LotUse, lotUses, oldestUndistributed, PlanTake } from './fifo';
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
 * planned (in submitted, filed or completed plans) + undistributed; per asset (and per owning village
 * of an asset), the same from what those plans' income links take of its records (see fifo.ts).
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

  /** What each of the villages' committed plans takes from its income records (their income links). */
  private async takes(
    manager: EntityManager,
    villages: string[],
  ): Promise<{ takes: Map<string, PlanTake[]>; paidByPlan: Map<string, bigint> }> {
    const links: Array<{ village_code: string; plan_id: string; income_id: string; amount: string }> =
      await manager.query(
        `SELECT p.village_code, l.plan_id, l.income_id, l.amount::text AS amount
           FROM distribution_plan_income l JOIN distribution_plan p ON p.id = l.plan_id
          WHERE p.village_code = ANY($1) AND p.status = ANY($2)`,
        [villages, COMMITTED_PLAN_STATUSES],
      );
    const paid: Array<{ plan_id: string; amount: string }> = await manager.query(
      `SELECT x.plan_id, sum(x.amount)::text AS amount FROM distribution_payout x JOIN distribution_plan p ON p.id = x.plan_id
        WHERE p.village_code = ANY($1) GROUP BY x.plan_id`,
      [villages],
    );
    const takes = new Map<string, PlanTake[]>(villages.map((v) => [v, []]));
    for (const l of links) {
      takes.get(l.village_code)!.push({ planId: l.plan_id, incomeId: l.income_id, amount: BigInt(l.amount) });
    }
    return { takes, paidByPlan: new Map(paid.map((p) => [p.plan_id, BigInt(p.amount)])) };
  }

  /** Each village's lots, oldest first, with what its committed plans take of each and paid of it. */
  private async uses(manager: EntityManager, villages: string[]): Promise<Map<string, LotUse[]>> {
    const [lots, taken] = await independentReads(manager, [
      () => this.lots(manager, villages),
      () => this.takes(manager, villages),
    ]);
    return new Map(
      villages.map((v) => [v, lotUses(lots.get(v) ?? [], taken.takes.get(v) ?? [], taken.paidByPlan)]),
    );
  }

  async villageBalances(
    ctx: RequestContext,
    villages: Array<{ code: string; name: string }>,
  ): Promise<IncomeBalanceType[]> {
    const manager = this.connection.getManager(ctx);
    const codes = villages.map((v) => v.code);
    const [allTotals, uses] = await independentReads(manager, [
      () => this.villageTotals(manager, codes),
      () => this.uses(manager, codes),
    ]);
    const today = todayInChina();
    return villages.map((v) => {
      const totals = allTotals.get(v.code)!;
      const oldest = oldestUndistributed(uses.get(v.code)!);
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
    return (await this.assetBalancesWithParts(ctx, assetIds)).balances;
  }

  /**
   * {@link assetBalances}, and per asset each owning village's part of its balance (the village's shares
   * of the asset's income, what its plans' income links take of them, paid, undistributed; by village
   * code, `villageName` left to the caller), from one reading. The parts add up to the balance's
   * distributable, planned and paid.
   */
  async assetBalancesWithParts(
    ctx: RequestContext,
    assetIds: readonly string[],
  ): Promise<{ balances: Map<string, IncomeBalanceType>; byVillage: Map<string, IncomeBalanceType[]> }> {
    const { received, byVillage } = await this.assetParts(ctx, assetIds);
    const out = new Map<string, IncomeBalanceType>();
    for (const id of assetIds) {
      const total = emptyBalance(id, null);
      total.received = received.get(id) ?? 0n;
      for (const part of byVillage.get(id) ?? []) {
        total.distributable += part.distributable;
        total.planned += part.planned;
        total.paid += part.paid;
        if (
          part.oldestUndistributedOn &&
          (!total.oldestUndistributedOn || part.oldestUndistributedOn < total.oldestUndistributedOn)
        ) {
          total.oldestUndistributedOn = part.oldestUndistributedOn;
        }
      }
      out.set(id, finish(total, todayInChina()));
    }
    return { balances: out, byVillage };
  }

  /**
   * Assets outside `region` (a code prefix below the district) whose income pays a village in it a share:
   * the assets its villages co-own elsewhere, whose income records and balances they read.
   */
  async coOwnedElsewhere(ctx: RequestContext, region: string): Promise<string[]> {
    const rows: Array<{ asset_id: string }> = await this.connection.getManager(ctx).query(
      `SELECT DISTINCT r.asset_id FROM income_share s JOIN income_record r ON r.id = s.income_id
        WHERE s.village_code LIKE $1 AND r.region_code NOT LIKE $1`,
      [startsWithPattern(region)],
    );
    return rows.map((r) => r.asset_id);
  }

  private async assetParts(
    ctx: RequestContext,
    assetIds: readonly string[],
  ): Promise<{ received: Map<string, bigint>; byVillage: Map<string, IncomeBalanceType[]> }> {
    const manager = this.connection.getManager(ctx);
    const received: Array<{ asset_id: string; amount: string }> = await manager.query(
      `SELECT asset_id, sum(amount)::text AS amount FROM income_record WHERE asset_id = ANY($1) GROUP BY asset_id`,
      [assetIds],
    );
    const villageRows: Array<{ village_code: string }> = await manager.query(
      `SELECT DISTINCT s.village_code FROM income_share s JOIN income_record r ON r.id = s.income_id
        WHERE r.asset_id = ANY($1) AND s.village_code IS NOT NULL ORDER BY s.village_code`,
      [assetIds],
    );
    const villages = villageRows.map((r) => r.village_code);
    const uses = await this.uses(manager, villages);
    const today = todayInChina();
    const byVillage = new Map<string, IncomeBalanceType[]>(assetIds.map((id) => [id, []]));
    for (const village of villages) {
      const parts = new Map<string, IncomeBalanceType>();
      for (const use of uses.get(village)!) {
        if (!byVillage.has(use.lot.assetId)) continue;
        let part = parts.get(use.lot.assetId);
        if (!part) parts.set(use.lot.assetId, (part = emptyBalance(use.lot.assetId, village)));
        part.distributable += use.lot.amount;
        part.planned += use.planned;
        part.paid += use.paid;
        if (
          use.lot.amount > use.planned &&
          (!part.oldestUndistributedOn || use.lot.receivedOn < part.oldestUndistributedOn)
        ) {
          part.oldestUndistributedOn = use.lot.receivedOn;
        }
      }
      for (const [assetId, part] of parts) {
        part.received = part.distributable;
        byVillage.get(assetId)!.push(finish(part, today));
      }
    }
    return { received: new Map(received.map((r) => [r.asset_id, BigInt(r.amount)])), byVillage };
  }
}

function emptyBalance(assetId: string, villageCode: string | null): IncomeBalanceType {
  return {
    villageCode,
    villageName: null,
    assetId,
    received: 0n,
    distributable: 0n,
    planned: 0n,
    paid: 0n,
    undistributed: 0n,
    oldestUndistributedOn: null,
    oldestUndistributedDays: null,
  };
}

/** Undistributed = distributable − planned; the days since the oldest undistributed fen came in. */
function finish(b: IncomeBalanceType, today: string): IncomeBalanceType {
  b.undistributed = b.distributable - b.planned;
  b.oldestUndistributedDays = b.oldestUndistributedOn ? daysBetween(b.oldestUndistributedOn, today) : null;
  return b;
}
