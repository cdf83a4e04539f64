import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode } from '@/common/errors';
import { startsWithPattern, TransactionalConnection } from '@/database';
import { RegionScopeService } from '@/auth/region-scope.service';
import { Region } from '@/regions/region.entity';
import { IncomeGroupBy, IncomeSummaryGroupType } from './income-summary';
import { IncomeFilter } from './income.types';

/**
 * incomeSummary: sums of income received grouped by region (one level below the summarised region),
 * asset, kind and year; or, grouped by CHANNEL (with region and year), what committed plans allocate
 * to each channel and what has been paid out of it.
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
          WHERE p.status IN ('SUBMITTED', 'FILED', 'COMPLETED') AND p.village_code LIKE $1 AND p.village_code LIKE $2
            AND ($3::int IS NULL OR extract(year FROM p.plan_date) = $3)
          GROUP BY ${groups} ORDER BY ${groups}`,
        [scope, region, filter?.year ?? null],
      );
    } else {
      const select = [
        ...(dims.includes(IncomeGroupBy.REGION) ? [`left(r.region_code, ${regionLength}) AS region`] : []),
        ...(dims.includes(IncomeGroupBy.ASSET) ? ['r.asset_id AS asset_id', 'a.code AS asset_code'] : []),
        ...(dims.includes(IncomeGroupBy.KIND) ? ['r.kind AS kind'] : []),
        ...(dims.includes(IncomeGroupBy.YEAR) ? ['extract(year FROM r.received_on)::int AS year'] : []),
      ];
      const groups = select.map((_, i) => String(i + 1)).join(', ');
      rows = await manager.query(
        `SELECT ${select.join(', ')}, count(*) FILTER (WHERE r.reverses_id IS NULL)::int AS count, sum(r.amount)::text AS received
           FROM income_record r JOIN asset a ON a.id = r.asset_id
          WHERE r.region_code LIKE $1 AND r.region_code LIKE $2
            AND ($3::uuid IS NULL OR r.asset_id = $3) AND ($4::varchar IS NULL OR r.kind = $4)
            AND ($5::date IS NULL OR r.received_on >= $5) AND ($6::date IS NULL OR r.received_on <= $6)
            AND ($7::int IS NULL OR extract(year FROM r.received_on) = $7)
          GROUP BY ${groups} ORDER BY ${groups}`,
        [
          scope,
          region,
          filter?.assetId ?? null,
          filter?.kind ?? null,
          filter?.receivedFrom ?? null,
          filter?.receivedTo ?? null,
          filter?.year ?? null,
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
      received: r.received !== undefined && r.received !== null ? BigInt(String(r.received)) : null,
      planned: r.planned !== undefined && r.planned !== null ? BigInt(String(r.planned)) : null,
      paid: r.paid !== undefined && r.paid !== null ? BigInt(String(r.paid)) : null,
    }));
  }
}
