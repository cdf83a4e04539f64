import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode } from '@/common/errors';
import { startsWithPattern, TransactionalConnection } from '@/database';
import { RegionScopeService } from '@/auth/region-scope.service';
import { Region } from '@/regions/region.entity';
import { IncomeGroupBy, IncomeSummaryGroupType } from './income-summary';
import { COMMITTED_PLAN_STATUSES } from './income-balances.service';
import { IncomeFilter } from './income.types';

/**
 * incomeSummary: sums of income received grouped by region (one level below the summarised region),
 * asset, kind and year, with the village collectives' shares of it (distributable), what committed plans
 * take of those and paid of it, as each asset's income balance counts them; or, grouped by CHANNEL (with
 * region and year), what committed plans allocate to each channel and what has been paid out of it.
 */
@Injectable()
export class IncomeSummaryService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly scope: RegionScopeService,
  ) {}

  async summary(
    ctx: RequestContext,
    groupBy: IncomeGroupBy[],
    filter: IncomeFilter | undefined,
  ): Promise<IncomeSummaryGroupType[]> {
    const user = ctx.currentUser;
    const dims = [...new Set(groupBy)];
    if (filter?.regionCode) this.scope.assertFilter(user, filter.regionCode);
    const base = this.scope.narrowest(user, filter?.regionCode);
    const regionLength = Math.min(base.length + 3, 12);
    const scope = startsWithPattern(this.scope.readPrefix(user));
    const region = startsWithPattern(base);
    const manager = this.connection.getManager(ctx);
    let rows: Array<Record<string, string | number | null>>;
    if (dims.includes(IncomeGroupBy.CHANNEL)) {
      if (dims.includes(IncomeGroupBy.ASSET) || dims.includes(IncomeGroupBy.KIND)) {
        throw new DomainError(
          ErrorCode.VALIDATION_FAILED,
          'groupBy: CHANNEL groups plans, which are per village: combine it with REGION or YEAR only',
          {
            fields: [{ field: 'groupBy', message: 'CHANNEL combines with REGION and YEAR only' }],
          },
        );
      }
      const select = [
        'a.channel AS channel',
        ...(dims.includes(IncomeGroupBy.REGION) ? [`left(p.village_code, ${regionLength}) AS region`] : []),
        ...(dims.includes(IncomeGroupBy.YEAR) ? ['extract(year FROM p.plan_date)::int AS year'] : []),
      ];
      const groups = select.map((_, i) => String(i + 1)).join(', ');
      rows = await manager.query(
        `SELECT ${select.join(', ')}, count(*)::int AS count, sum(a.amount)::text AS planned,
                sum((SELECT coalesce(sum(x.amount), 0) FROM distribution_payout x WHERE x.allocation_id = a.id))::text AS paid
           FROM distribution_allocation a JOIN distribution_plan p ON p.id = a.plan_id
          WHERE p.status = ANY($4) AND p.village_code LIKE $1 AND p.village_code LIKE $2
            AND ($3::int IS NULL OR extract(year FROM p.plan_date) = $3)
          GROUP BY ${groups} ORDER BY ${groups}`,
        [scope, region, filter?.year ?? null, COMMITTED_PLAN_STATUSES],
      );
    } else {
      const select = [
        ...(dims.includes(IncomeGroupBy.REGION) ? [`left(r.region_code, ${regionLength}) AS region`] : []),
        ...(dims.includes(IncomeGroupBy.ASSET)
          ? ['r.asset_id AS asset_id', 'r.asset_code AS asset_code']
          : []),
        ...(dims.includes(IncomeGroupBy.KIND) ? ['r.kind AS kind'] : []),
        ...(dims.includes(IncomeGroupBy.YEAR) ? ['extract(year FROM r.received_on)::int AS year'] : []),
      ];
      const groups = select.map((_, i) => String(i + 1)).join(', ');
      // What committed plans take of each record and what their payouts paid of that, as the asset's
      // income balance counts them (fifo.ts's lotUses): a plan's payouts cover its takes oldest first, so
      // every take of a plan that takes from a record of the summary is read, wherever its record is.
      rows = await manager.query(
        `WITH r AS (
           SELECT r.id, r.asset_id, a.code AS asset_code, r.kind, r.received_on, r.region_code, r.amount, r.reverses_id
             FROM income_record r JOIN asset a ON a.id = r.asset_id
            WHERE r.region_code LIKE $1 AND r.region_code LIKE $2
              AND ($3::uuid IS NULL OR r.asset_id = $3) AND ($4::varchar IS NULL OR r.kind = $4)
              AND ($5::date IS NULL OR r.received_on >= $5) AND ($6::date IS NULL OR r.received_on <= $6)
              AND ($7::int IS NULL OR extract(year FROM r.received_on) = $7)
         ), plans AS (
           SELECT DISTINCT k.plan_id FROM distribution_plan_income k JOIN r ON r.id = k.income_id
         ), plan_paid AS (
           SELECT x.plan_id, sum(x.amount) AS paid FROM distribution_payout x JOIN plans USING (plan_id) GROUP BY 1
         ), takes AS (
           SELECT l.income_id, l.amount,
                  sum(l.amount) OVER (PARTITION BY l.plan_id ORDER BY o.received_on, o.id ROWS UNBOUNDED PRECEDING) AS upto,
                  coalesce(pp.paid, 0) AS plan_paid
             FROM distribution_plan_income l
             JOIN plans USING (plan_id)
             JOIN distribution_plan p ON p.id = l.plan_id
             JOIN income_record o ON o.id = l.income_id AND o.reverses_id IS NULL
             LEFT JOIN plan_paid pp ON pp.plan_id = l.plan_id
            WHERE p.status = ANY($8)
              AND EXISTS (SELECT 1 FROM income_share s WHERE s.income_id = l.income_id AND s.village_code = p.village_code)
         ), used AS (
           SELECT income_id, sum(amount) AS planned,
                  sum(greatest(0, least(amount, plan_paid - (upto - amount)))) AS paid
             FROM takes GROUP BY income_id
         )
         SELECT ${select.join(', ')}, count(*) FILTER (WHERE r.reverses_id IS NULL)::int AS count,
                sum(r.amount)::text AS received,
                coalesce(sum((SELECT sum(s.amount) FROM income_share s WHERE s.income_id = r.id AND s.village_code IS NOT NULL)), 0)::text AS distributable,
                coalesce(sum(u.planned), 0)::text AS planned, coalesce(sum(u.paid), 0)::text AS paid
           FROM r LEFT JOIN used u ON u.income_id = r.id
          GROUP BY ${groups} ORDER BY ${groups}`,
        [
          scope,
          region,
          filter?.assetId ?? null,
          filter?.kind ?? null,
          filter?.receivedFrom ?? null,
          filter?.receivedTo ?? null,
          filter?.year ?? null,
          COMMITTED_PLAN_STATUSES,
        ],
      );
    }
    const regionCodes = [
      ...new Set(rows.map((r) => r.region).filter((c): c is string => typeof c === 'string')),
    ];
    const names = new Map(
      (regionCodes.length
        ? await this.connection.getRepository(ctx, Region).findBy({ code: In(regionCodes) })
        : []
      ).map((r) => [r.code, r.name]),
    );
    return rows.map((r) => ({
      regionCode: (r.region as string | undefined) ?? null,
      regionName: r.region ? (names.get(String(r.region)) ?? null) : null,
      assetId: (r.asset_id as string | undefined) ?? null,
      assetCode: (r.asset_code as string | undefined) ?? null,
      kind: (r.kind as string | undefined) ?? null,
      year: r.year === undefined || r.year === null ? null : Number(r.year),
      channel: (r.channel as string | undefined) ?? null,
      count: Number(r.count),
      received: fenOrNull(r.received),
      distributable: fenOrNull(r.distributable),
      planned: BigInt(String(r.planned)),
      paid: BigInt(String(r.paid)),
      undistributed:
        r.distributable === undefined ? null : BigInt(String(r.distributable)) - BigInt(String(r.planned)),
    }));
  }
}

function fenOrNull(value: string | number | null | undefined): bigint | null {
  return value === undefined || value === null ? null : BigInt(String(value));
}
