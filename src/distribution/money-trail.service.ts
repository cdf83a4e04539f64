import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestContext } from '@/common/context';
import { inRegion } from '@/common/auth';
import { DomainError, ErrorCode } from '@/common/errors';
import { TransactionalConnection } from '@/database';
import { RegionScopeService } from '@/auth/region-scope.service';
import { HouseholdsService } from '@/households/households.service';
import { FundSource } from '@/projects/fund-source.enum';
import { DistributionChannel, PlanStatus } from './distribution.entity';
import {
  MoneyTrailArgs,
  MoneyTrailType,
  TrailIncomeType,
  TrailInvestmentType,
  TrailPayoutType,
  TrailPlanType,
} from './money-trail.types';
import { fifoSlices, oldestFirst } from './plan-income-rules';

interface LinkRow {
  plan_id: string;
  income_id: string;
  received_on: string;
  amount: string;
}

interface PayoutRow {
  id: string;
  plan_id: string;
  allocation_id: string;
  channel: DistributionChannel;
  household_id: string | null;
  paid_on: string;
  amount: string;
}

/**
 * 以资金为主线: one read of where money came from and where it went — fund source → project → asset →
 * income → plan → allocation → payout → household. Plans state which income they distribute (their
 * links); a plan's payouts use its income oldest first, so each fen paid is traced to one income record.
 * Everything is in fen and adds up; only villages and records in the caller's region are shown.
 */
@Injectable()
export class MoneyTrailService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly scope: RegionScopeService,
    private readonly households: HouseholdsService,
  ) {}

  async trail(ctx: RequestContext, args: MoneyTrailArgs): Promise<MoneyTrailType> {
    const given = [args.assetId, args.householdId, args.fundSource].filter((x) => x !== undefined);
    if (given.length !== 1) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        'Give exactly one of assetId, householdId, fundSource',
        {
          fields: [{ field: 'assetId', message: 'exactly one of assetId, householdId, fundSource' }],
        },
      );
    }
    if (args.regionCode !== undefined && args.fundSource === undefined) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'regionCode: only with fundSource', {
        fields: [{ field: 'regionCode', message: 'only with fundSource' }],
      });
    }
    const user = ctx.currentUser;
    const manager = this.connection.getManager(ctx);
    const visible = (village: string): boolean => this.scope.canRead(user, village);

    if (args.householdId) {
      await this.households.findOne(ctx, args.householdId);
      const own: Array<{ id: string; plan_id: string }> = await manager.query(
        `SELECT id, plan_id FROM distribution_payout WHERE household_id = $1`,
        [args.householdId],
      );
      const plans = await this.plans(manager, [...new Set(own.map((p) => p.plan_id))]);
      const mine = new Set(own.map((p) => p.id));
      const payouts = plans.slices.filter((s) => mine.has(s.payoutId));
      const incomeIds = [...new Set(payouts.map((s) => s.incomeId))];
      const incomes = (await this.incomes(manager, { incomeIds })).filter(
        (i) => visible(i.villageCode) && plans.rows.some((p) => p.villageCode === i.villageCode),
      );
      const assetIds = [...new Set(incomes.map((i) => i.assetId))];
      return this.assemble(
        await this.investments(manager, assetIds, undefined),
        incomes,
        plans.links.filter((l) => incomeIds.includes(l.income_id)),
        plans.rows,
        payouts,
      );
    }

    let assetIds: string[];
    if (args.assetId) {
      const rows: Array<{ id: string; location_code: string }> = await manager.query(
        'SELECT id, location_code FROM asset WHERE id = $1',
        [args.assetId],
      );
      this.scope.getInScope(user, rows[0], (a) => a.location_code, {
        what: 'Asset',
        id: args.assetId,
        code: ErrorCode.ASSET_NOT_FOUND,
      });
      assetIds = [args.assetId];
    } else {
      if (args.regionCode) this.scope.assertFilter(user, args.regionCode, 'regionCode');
      const region = this.scope.narrowest(user, args.regionCode);
      const rows: Array<{ id: string; location_code: string }> = await manager.query(
        `SELECT DISTINCT a.id, a.location_code FROM asset a JOIN asset_fund_source f ON f.asset_id = a.id
          WHERE f.source = $1 ORDER BY a.id`,
        [args.fundSource],
      );
      assetIds = rows.filter((a) => inRegion(a.location_code, region)).map((a) => a.id);
    }
    const incomes = (await this.incomes(manager, { assetIds })).filter((i) => visible(i.villageCode));
    const incomeIds = incomes.map((i) => i.incomeId);
    const linked: Array<{ plan_id: string; village_code: string }> = incomeIds.length
      ? await manager.query(
          `SELECT DISTINCT l.plan_id, p.village_code FROM distribution_plan_income l
             JOIN distribution_plan p ON p.id = l.plan_id WHERE l.income_id = ANY($1)`,
          [incomeIds],
        )
      : [];
    const plans = await this.plans(
      manager,
      linked.filter((p) => visible(p.village_code)).map((p) => p.plan_id),
    );
    const inTrail = new Set(incomeIds);
    return this.assemble(
      await this.investments(manager, assetIds, args.fundSource),
      incomes,
      plans.links.filter((l) => inTrail.has(l.income_id)),
      plans.rows,
      plans.slices.filter((s) => inTrail.has(s.incomeId)),
    );
  }

  private assemble(
    investments: TrailInvestmentType[],
    incomes: TrailIncomeType[],
    links: LinkRow[],
    plans: Array<TrailPlanType & { villageCode: string }>,
    payouts: TrailPayoutType[],
  ): MoneyTrailType {
    const flows = links.map((l) => ({ incomeId: l.income_id, planId: l.plan_id, amount: BigInt(l.amount) }));
    const households = new Map<string, bigint>();
    for (const p of payouts)
      if (p.householdId) households.set(p.householdId, (households.get(p.householdId) ?? 0n) + p.amount);
    const sum = (xs: bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);
    const shownPlans = plans
      .filter((p) => flows.some((f) => f.planId === p.planId))
      .map((p) => ({
        ...p,
        fromTrailIncome: sum(flows.filter((f) => f.planId === p.planId).map((f) => f.amount)),
      }));
    return {
      investments,
      incomes,
      flows,
      plans: shownPlans,
      payouts,
      households: [...households.entries()]
        .map(([householdId, amount]) => ({ householdId, amount }))
        .sort((a, b) => a.householdId.localeCompare(b.householdId)),
      totals: {
        invested: sum(investments.map((i) => i.amount)),
        income: sum(incomes.map((i) => i.amount)),
        distributed: sum(flows.map((f) => f.amount)),
        paid: sum(payouts.map((p) => p.amount)),
        paidToHouseholds: sum([...households.values()]),
      },
    };
  }

  private async investments(
    manager: EntityManager,
    assetIds: string[],
    source: FundSource | undefined,
  ): Promise<TrailInvestmentType[]> {
    if (assetIds.length === 0) return [];
    const rows: Array<{
      source: FundSource;
      amount: string;
      asset_id: string;
      asset_code: string;
      asset_name: string;
      project_id: string;
      project_code: string;
      project_name: string;
    }> = await manager.query(
      `SELECT f.source, f.amount::text AS amount, a.id AS asset_id, a.code AS asset_code, a.name AS asset_name,
              p.id AS project_id, p.code AS project_code, p.name AS project_name
         FROM asset_fund_source f JOIN asset a ON a.id = f.asset_id JOIN project p ON p.id = a.project_id
        WHERE f.asset_id = ANY($1) AND ($2::text IS NULL OR f.source = $2)
        ORDER BY p.code, a.code, f.source`,
      [assetIds, source ?? null],
    );
    return rows.map((r) => ({
      fundSource: r.source,
      projectId: r.project_id,
      projectCode: r.project_code,
      projectName: r.project_name,
      assetId: r.asset_id,
      assetCode: r.asset_code,
      assetName: r.asset_name,
      amount: BigInt(r.amount),
    }));
  }

  /** Village shares of income records (net of reversals), with what plans of that village take from each. */
  private async incomes(
    manager: EntityManager,
    by: { assetIds?: string[]; incomeIds?: string[] },
  ): Promise<TrailIncomeType[]> {
    const ids = by.assetIds ?? by.incomeIds ?? [];
    if (ids.length === 0) return [];
    const rows: Array<{
      income_id: string;
      asset_id: string;
      received_on: string;
      village_code: string;
      amount: string;
      distributed: string;
    }> = await manager.query(
      `SELECT o.id AS income_id, o.asset_id, o.received_on, s.village_code,
              sum(s.amount + coalesce((SELECT rs.amount FROM income_record r
                                         JOIN income_share rs ON rs.income_id = r.id AND rs.position = s.position
                                        WHERE r.reverses_id = o.id), 0))::text AS amount,
              (SELECT coalesce(sum(l.amount), 0) FROM distribution_plan_income l
                 JOIN distribution_plan p ON p.id = l.plan_id
                WHERE l.income_id = o.id AND p.village_code = s.village_code)::text AS distributed
         FROM income_record o JOIN income_share s ON s.income_id = o.id
        WHERE o.reverses_id IS NULL AND s.village_code IS NOT NULL
          AND ${by.assetIds ? 'o.asset_id' : 'o.id'} = ANY($1)
        GROUP BY o.id, o.asset_id, o.received_on, s.village_code
        ORDER BY o.received_on, o.id, s.village_code`,
      [ids],
    );
    return rows.map((r) => ({
      incomeId: r.income_id,
      assetId: r.asset_id,
      receivedOn: r.received_on,
      villageCode: r.village_code,
      amount: BigInt(r.amount),
      distributed: BigInt(r.distributed),
      undistributed: BigInt(r.amount) - BigInt(r.distributed),
    }));
  }

  /** Plans with their allocations, every income link and every payout traced to its income. */
  private async plans(
    manager: EntityManager,
    planIds: string[],
  ): Promise<{
    rows: Array<TrailPlanType & { villageCode: string }>;
    links: LinkRow[];
    slices: TrailPayoutType[];
  }> {
    if (planIds.length === 0) return { rows: [], links: [], slices: [] };
    const plans: Array<{
      id: string;
      village_code: string;
      title: string;
      status: PlanStatus;
      amount: string;
    }> = await manager.query(
      `SELECT id, village_code, title, status, amount::text AS amount FROM distribution_plan
          WHERE id = ANY($1) ORDER BY submitted_at, id`,
      [planIds],
    );
    const allocations: Array<{
      id: string;
      plan_id: string;
      channel: DistributionChannel;
      amount: string;
      paid: string;
    }> = await manager.query(
      `SELECT a.id, a.plan_id, a.channel, a.amount::text AS amount,
              (SELECT coalesce(sum(x.amount), 0) FROM distribution_payout x WHERE x.allocation_id = a.id)::text AS paid
         FROM distribution_allocation a WHERE a.plan_id = ANY($1) ORDER BY a.plan_id, a.position`,
      [planIds],
    );
    const links: LinkRow[] = await manager.query(
      `SELECT l.plan_id, l.income_id, r.received_on, l.amount::text AS amount
         FROM distribution_plan_income l JOIN income_record r ON r.id = l.income_id
        WHERE l.plan_id = ANY($1)`,
      [planIds],
    );
    const payouts: PayoutRow[] = await manager.query(
      `SELECT x.id, x.plan_id, x.allocation_id, a.channel, x.household_id, x.paid_on, x.amount::text AS amount
         FROM distribution_payout x JOIN distribution_allocation a ON a.id = x.allocation_id
        WHERE x.plan_id = ANY($1) ORDER BY x.paid_on, x.created_at, x.id`,
      [planIds],
    );
    const slices: TrailPayoutType[] = [];
    for (const plan of plans) {
      const sources = oldestFirst(
        links
          .filter((l) => l.plan_id === plan.id)
          .map((l) => ({ incomeId: l.income_id, receivedOn: l.received_on, amount: BigInt(l.amount) })),
      ).map((l) => ({ id: l.incomeId, amount: l.amount }));
      const mine = payouts.filter((x) => x.plan_id === plan.id);
      const byId = new Map(mine.map((x) => [x.id, x]));
      for (const s of fifoSlices(
        sources,
        mine.map((x) => ({ id: x.id, amount: BigInt(x.amount) })),
      )) {
        const x = byId.get(s.drawId)!;
        slices.push({
          payoutId: x.id,
          planId: x.plan_id,
          allocationId: x.allocation_id,
          channel: x.channel,
          householdId: x.household_id,
          paidOn: x.paid_on,
          incomeId: s.sourceId,
          amount: s.amount,
        });
      }
    }
    return {
      rows: plans.map((p) => ({
        planId: p.id,
        villageCode: p.village_code,
        title: p.title,
        status: p.status,
        amount: BigInt(p.amount),
        fromTrailIncome: 0n,
        allocations: allocations
          .filter((a) => a.plan_id === p.id)
          .map((a) => ({
            allocationId: a.id,
            channel: a.channel,
            amount: BigInt(a.amount),
            paid: BigInt(a.paid),
          })),
      })),
      links,
      slices,
    };
  }
}
