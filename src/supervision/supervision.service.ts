import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { RequestContext } from '@/common/context';
import { addDays, daysBetween, Fen, todayInChina } from '@/common/scalars';
import { APP_CONFIG, AppConfig } from '@/config';
import { independentReads, TransactionalConnection } from '@/database';
import { RegionScopeService } from '@/auth/region-scope.service';
import { inRegion } from '@/common/auth';
import { LedgerFlagsService } from '@/ledger/ledger-flags.service';
import { AssetClass } from '@/assets/asset.enums';
import { ContractsService, ContractView } from '@/contracts/contracts.service';
import { CONTRACT_KIND_NAMES } from '@/contracts/contract.enums';
import { DisposalService } from '@/disposal/disposal.service';
import { IncomeBalancesService } from '@/income/income-balances.service';
import { OwnershipService } from '@/ownership/ownership.service';
import { publicityEndedSql } from '@/ownership/publicity-rules';
import { Region } from '@/regions/region.entity';
import { RegionLevel } from '@/regions/region-level.enum';
import { RegionsService } from '@/regions/regions.service';
import { UpkeepService } from '@/upkeep/upkeep.service';
import { inspectionDays, inspectionDueOn, repairDueOn } from '@/upkeep/upkeep-rules';
import {
  DashboardRowType,
  DashboardType,
  RedFlagKind,
  RedFlagRecordType,
  RedFlagReportType,
  RedFlagThresholds,
  RedFlagType,
} from './supervision.types';

const ALL_KINDS = Object.values(RedFlagKind);

/**
 * Three-level supervision: what is wrong in a region (red flags, with the records behind each) and a
 * dashboard of the townships or villages below it. Scoped to the caller's region.
 */
/** What every red-flag finder reads with: the region's code prefix, today, the thresholds in force. */
interface FlagQuery {
  ctx: RequestContext;
  manager: EntityManager;
  prefix: string;
  today: string;
  thresholds: AppConfig['supervision'];
}

interface FoundFlags {
  threshold: number;
  records: RedFlagRecordType[];
}

@Injectable()
export class SupervisionService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connection: TransactionalConnection,
    private readonly scope: RegionScopeService,
    private readonly regions: RegionsService,
    private readonly balances: IncomeBalancesService,
    private readonly disposals: DisposalService,
    private readonly ledgerFlags: LedgerFlagsService,
    private readonly ownership: OwnershipService,
    private readonly upkeep: UpkeepService,
    private readonly contracts: ContractsService,
  ) {}

  /** The region asked for, within the caller's (default: the caller's own). */
  private async region(ctx: RequestContext, code: string | undefined): Promise<Region> {
    const user = ctx.currentUser;
    const region = await this.regions.findOne(ctx, code ?? user.regionCode);
    this.scope.assertRead(user, region.code, `region ${region.code}`);
    return region;
  }

  async redFlags(
    ctx: RequestContext,
    regionCode: string | undefined,
    kinds: RedFlagKind[] | undefined,
    overrides: RedFlagThresholds | undefined,
  ): Promise<RedFlagReportType> {
    const region = await this.region(ctx, regionCode);
    const q: FlagQuery = {
      ctx,
      manager: this.connection.getManager(ctx),
      prefix: region.code,
      today: todayInChina(),
      thresholds: {
        ...this.config.supervision,
        ...Object.fromEntries(Object.entries(overrides ?? {}).filter(([, v]) => v !== undefined)),
      },
    };
    const finders: Record<RedFlagKind, (q: FlagQuery) => Promise<FoundFlags>> = {
      [RedFlagKind.INCOME_UNDISTRIBUTED]: (x) => this.undistributedIncome(x),
      [RedFlagKind.ASSET_IDLE]: (x) => this.idleAssets(x),
      [RedFlagKind.OWNERSHIP_UNCONFIRMED]: (x) => this.unconfirmedOwnership(x),
      [RedFlagKind.DISPOSAL_OVERDUE]: (x) => this.overdueDisposals(x),
      [RedFlagKind.EQUITY_MATURING]: (x) => this.maturingEquity(x),
      [RedFlagKind.PUBLICITY_ENDED]: (x) => this.endedPublicity(x),
      [RedFlagKind.PUBLICITY_BACKDATED]: (x) => this.backdatedPublicity(x),
      [RedFlagKind.RESULT_PUBLICITY_MISSING]: (x) => this.missingResultPublicity(x),
      [RedFlagKind.LEDGER_INTEGRITY]: (x) =>
        this.ledgerFlags.records(x.manager, RedFlagKind.LEDGER_INTEGRITY, x.prefix, x.ctx.locale),
      [RedFlagKind.WITNESS_SILENT]: (x) =>
        this.ledgerFlags.records(x.manager, RedFlagKind.WITNESS_SILENT, x.prefix, x.ctx.locale),
      [RedFlagKind.WITNESS_REFUSED]: (x) =>
        this.ledgerFlags.records(x.manager, RedFlagKind.WITNESS_REFUSED, x.prefix, x.ctx.locale),
      [RedFlagKind.CHECKPOINT_NO_QUORUM]: (x) =>
        this.ledgerFlags.records(x.manager, RedFlagKind.CHECKPOINT_NO_QUORUM, x.prefix, x.ctx.locale),
      [RedFlagKind.UPKEEP_INSPECTION_OVERDUE]: (x) => this.overdueInspections(x),
      [RedFlagKind.UPKEEP_DAMAGE_UNREPAIRED]: (x) => this.unrepairedDamage(x),
      [RedFlagKind.UPKEEP_LOST_NO_DISPOSAL]: (x) => this.lostWithoutDisposal(x),
      [RedFlagKind.CONTRACT_PAYMENT_OVERDUE]: (x) => this.overduePayments(x),
      [RedFlagKind.CONTRACT_ENDING_NO_RENEWAL]: (x) => this.endingContracts(x),
      [RedFlagKind.OPERATING_ASSET_NO_CONTRACT]: (x) => this.assetsWithoutContract(x),
      [RedFlagKind.EQUITY_PRINCIPAL_NOT_RETURNED]: (x) => this.principalNotReturned(x),
    };
    const childLength = Math.min(q.prefix.length + 3, 12);
    const flags: RedFlagType[] = [];
    const wanted = kinds?.length ? [...new Set(kinds)] : ALL_KINDS;
    for (const kind of ALL_KINDS.filter((k) => wanted.includes(k))) {
      const { threshold, records } = await finders[kind](q);
      const counts = new Map<string, number>();
      for (const r of records) {
        const child = r.regionCode.slice(0, childLength);
        counts.set(child, (counts.get(child) ?? 0) + 1);
      }
      const names = await this.names(ctx, [...counts.keys()]);
      flags.push({
        kind,
        threshold,
        count: records.length,
        byRegion: [...counts.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([code, count]) => ({ regionCode: code, regionName: names.get(code) ?? null, count })),
        records,
      });
    }
    return { regionCode: region.code, asOf: q.today, total: flags.reduce((s, f) => s + f.count, 0), flags };
  }

  /** Assets whose oldest undistributed income is older than the threshold. */
  private async undistributedIncome(q: FlagQuery): Promise<FoundFlags> {
    const threshold = q.thresholds.undistributedDays;
    const assets: Array<{ id: string; code: string; name: string; location_code: string }> =
      await q.manager.query(
        `SELECT DISTINCT a.id, a.code, a.name, a.location_code FROM asset a JOIN income_record r ON r.asset_id = a.id
        WHERE a.location_code LIKE $1`,
        [`${q.prefix}%`],
      );
    const balances = await this.balances.assetBalances(
      q.ctx,
      assets.map((a) => a.id),
    );
    const records: RedFlagRecordType[] = assets
      .map((a) => ({ a, b: balances.get(a.id)! }))
      .filter(({ b }) => b.oldestUndistributedDays !== null && b.oldestUndistributedDays > threshold)
      .map(({ a, b }) => ({
        entityType: 'Asset',
        entityId: a.id,
        code: a.code,
        name: a.name,
        regionCode: a.location_code,
        since: b.oldestUndistributedOn,
        days: b.oldestUndistributedDays,
        amount: b.undistributed,
      }));
    return { threshold, records };
  }

  /** Assets idle for longer than the threshold. */
  private async idleAssets(q: FlagQuery): Promise<FoundFlags> {
    const threshold = q.thresholds.idleDays;
    const rows: Array<{
      id: string;
      code: string;
      name: string;
      location_code: string;
      status_since: string;
      formed_value: string;
    }> = await q.manager.query(
      `SELECT id, code, name, location_code, status_since, formed_value::text FROM asset
        WHERE location_code LIKE $1 AND status = 'IDLE' AND status_since < $2 ORDER BY status_since, code`,
      [`${q.prefix}%`, addDays(q.today, -threshold)],
    );
    const records: RedFlagRecordType[] = rows.map((r) =>
      assetRecord(r, r.status_since, daysBetween(r.status_since, q.today), BigInt(r.formed_value)),
    );
    return { threshold, records };
  }

  /** Assets handed over longer ago than the threshold with no confirmed owner. */
  private async unconfirmedOwnership(q: FlagQuery): Promise<FoundFlags> {
    const threshold = q.thresholds.unconfirmedDays;
    const rows: Array<{
      id: string;
      code: string;
      name: string;
      location_code: string;
      handover_date: string;
      formed_value: string;
    }> = await q.manager.query(
      `SELECT a.id, a.code, a.name, a.location_code, a.handover_date, a.formed_value::text FROM asset a
        WHERE a.location_code LIKE $1 AND a.status <> 'DISPOSED' AND a.handover_date IS NOT NULL AND a.handover_date < $2
          AND NOT EXISTS (SELECT 1 FROM asset_ownership o WHERE o.asset_id = a.id AND o.valid_to IS NULL)
        ORDER BY a.handover_date, a.code`,
      [`${q.prefix}%`, addDays(q.today, -threshold)],
    );
    const records: RedFlagRecordType[] = rows.map((r) =>
      assetRecord(r, r.handover_date, daysBetween(r.handover_date, q.today), BigInt(r.formed_value)),
    );
    return { threshold, records };
  }

  /** Disposal review steps past their deadline (the policy sets the days). */
  private async overdueDisposals(q: FlagQuery): Promise<FoundFlags> {
    const overdue = await this.disposals.overdue(q.ctx, q.prefix);
    const rows: Array<{ id: string; code: string; name: string }> = overdue.length
      ? await q.manager.query(`SELECT id, code, name FROM asset WHERE id = ANY($1)`, [
          overdue.map((d) => d.assetId),
        ])
      : [];
    const assets = new Map(rows.map((a) => [a.id, a]));
    const records: RedFlagRecordType[] = overdue.map((d) => ({
      entityType: 'DisposalRequest',
      entityId: d.id,
      code: assets.get(d.assetId)?.code ?? '',
      name: `${assets.get(d.assetId)?.name ?? ''}（${d.currentLevel === 'TOWNSHIP' ? '乡镇审核' : '区级审批'}）`,
      regionCode: d.regionCode,
      since: d.dueOn,
      days: d.dueOn ? daysBetween(d.dueOn, q.today) : null,
      amount: d.appraisedValue,
    }));
    return { threshold: 0, records };
  }

  /** Equity agreements maturing within the threshold. */
  private async maturingEquity(q: FlagQuery): Promise<FoundFlags> {
    const threshold = q.thresholds.maturityDays;
    const rows: Array<{
      id: string;
      code: string;
      name: string;
      location_code: string;
      equity_maturity_date: string;
      formed_value: string;
    }> = await q.manager.query(
      `SELECT id, code, name, location_code, equity_maturity_date, formed_value::text FROM asset
        WHERE location_code LIKE $1 AND form = 'EQUITY' AND status <> 'DISPOSED'
          AND equity_maturity_date BETWEEN $2 AND $3 ORDER BY equity_maturity_date, code`,
      [`${q.prefix}%`, q.today, addDays(q.today, threshold)],
    );
    const records: RedFlagRecordType[] = rows.map((r) =>
      assetRecord(
        r,
        r.equity_maturity_date,
        daysBetween(r.equity_maturity_date, q.today),
        BigInt(r.formed_value),
      ),
    );
    return { threshold, records };
  }

  /** Ownership proposals whose publicity ended longer ago than the threshold, still unconfirmed. */
  private async endedPublicity(q: FlagQuery): Promise<FoundFlags> {
    const threshold = q.thresholds.publicityGraceDays;
    const rows: Array<{
      id: string;
      code: string;
      name: string;
      location_code: string;
      publicity_end: string;
    }> = await q.manager.query(
      `SELECT p.id, a.code, a.name, a.location_code, p.publicity_end FROM ownership_proposal p JOIN asset a ON a.id = p.asset_id
        WHERE a.location_code LIKE $1 AND ${publicityEndedSql('p', '$2')} ORDER BY p.publicity_end, a.code`,
      [`${q.prefix}%`, addDays(q.today, -threshold)],
    );
    const records: RedFlagRecordType[] = rows.map((r) => ({
      entityType: 'OwnershipProposal',
      entityId: r.id,
      code: r.code,
      name: r.name,
      regionCode: r.location_code,
      since: r.publicity_end,
      days: daysBetween(r.publicity_end, q.today),
      amount: null,
    }));
    return { threshold, records };
  }

  /**
   * Ownership proposals whose publicity starts before the day they were recorded (a notice posted
   * earlier, with its photo): each is shown to the township until it is decided, and counted here.
   */
  private async backdatedPublicity(q: FlagQuery): Promise<FoundFlags> {
    const threshold = (await this.ownership.currentPolicy(q.ctx)).rules.publicityBackdateMaxDays;
    const rows: Array<{
      id: string;
      code: string;
      name: string;
      location_code: string;
      publicity_start: string;
      recorded_on: string;
    }> = await q.manager.query(
      `SELECT p.id, a.code, a.name, a.location_code, p.publicity_start,
              to_char(p.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS recorded_on
         FROM ownership_proposal p JOIN asset a ON a.id = p.asset_id
        WHERE a.location_code LIKE $1 AND p.backdated ORDER BY p.created_at DESC, a.code`,
      [`${q.prefix}%`],
    );
    const records: RedFlagRecordType[] = rows.map((r) => ({
      entityType: 'OwnershipProposal',
      entityId: r.id,
      code: r.code,
      name: r.name,
      regionCode: r.location_code,
      since: r.publicity_start,
      days: daysBetween(r.publicity_start, r.recorded_on),
      amount: null,
    }));
    return { threshold, records };
  }

  /** Completed distribution plans (completed = their last payout) without result publicity after the threshold. */
  private async missingResultPublicity(q: FlagQuery): Promise<FoundFlags> {
    const threshold = q.thresholds.resultPublicityDays;
    const rows: Array<{
      id: string;
      title: string;
      village_code: string;
      village_name: string | null;
      amount: string;
      completed_on: string;
    }> = await q.manager.query(
      `SELECT p.id, p.title, p.village_code, r.name AS village_name, p.amount::text, c.completed_on
         FROM distribution_plan p
         LEFT JOIN region r ON r.code = p.village_code
         CROSS JOIN LATERAL (SELECT max(x.paid_on) AS completed_on FROM distribution_payout x WHERE x.plan_id = p.id) c
        WHERE p.village_code LIKE $1 AND p.status = 'COMPLETED' AND p.result_published_on IS NULL
          AND c.completed_on < $2
        ORDER BY c.completed_on, p.village_code, p.id`,
      [`${q.prefix}%`, addDays(q.today, -threshold)],
    );
    const records: RedFlagRecordType[] = rows.map((r) => ({
      entityType: 'DistributionPlan',
      entityId: r.id,
      code: r.village_name ?? r.village_code,
      name: r.title,
      regionCode: r.village_code,
      since: r.completed_on,
      days: daysBetween(r.completed_on, q.today),
      amount: BigInt(r.amount),
    }));
    return { threshold, records };
  }

  /**
   * Assets in use (or idle, suspended) not inspected within their class's period of the upkeep policy;
   * an asset whose latest inspection found it lost is left to UPKEEP_LOST_NO_DISPOSAL.
   */
  private async overdueInspections(q: FlagQuery): Promise<FoundFlags> {
    const rules = (await this.upkeep.currentPolicy(q.ctx)).rules;
    const threshold = Math.min(...Object.values(rules.inspectionDays));
    const rows: Array<{
      id: string;
      code: string;
      name: string;
      location_code: string;
      class: string;
      handover_date: string | null;
      formed_value: string;
      last_on: string | null;
      last_condition: string | null;
    }> = await q.manager.query(
      `SELECT a.id, a.code, a.name, a.location_code, a.class, a.handover_date, a.formed_value::text,
              li.inspected_on AS last_on, li.condition AS last_condition
         FROM asset a
         LEFT JOIN LATERAL (SELECT i.inspected_on, i.condition FROM upkeep_inspection i WHERE i.asset_id = a.id
                             ORDER BY i.inspected_on DESC, i.created_at DESC LIMIT 1) li ON true
        WHERE a.location_code LIKE $1 AND a.status NOT IN ('DISPOSED', 'UNDER_CONSTRUCTION')
        ORDER BY a.code`,
      [`${q.prefix}%`],
    );
    const records: RedFlagRecordType[] = rows
      .filter((r) => r.last_condition !== 'LOST')
      .map((r) => ({ r, due: inspectionDueOn(rules, r.class, r.last_on, r.handover_date) }))
      .filter(({ due }) => due < q.today)
      .sort((a, b) => a.due.localeCompare(b.due) || a.r.code.localeCompare(b.r.code))
      .map(({ r, due }) => ({
        ...assetRecord(r, due, daysBetween(due, q.today), BigInt(r.formed_value)),
        name: `${r.name}（巡查周期 ${inspectionDays(rules, r.class)} 天）`,
      }));
    return { threshold, records };
  }

  /** Assets whose latest inspection found them damaged, with no repair since, past the repair days. */
  private async unrepairedDamage(q: FlagQuery): Promise<FoundFlags> {
    const rules = (await this.upkeep.currentPolicy(q.ctx)).rules;
    const rows: Array<{
      id: string;
      code: string;
      name: string;
      location_code: string;
      formed_value: string;
      inspected_on: string;
    }> = await q.manager.query(
      `SELECT a.id, a.code, a.name, a.location_code, a.formed_value::text, li.inspected_on
         FROM asset a
         JOIN LATERAL (SELECT i.id, i.inspected_on, i.condition FROM upkeep_inspection i WHERE i.asset_id = a.id
                        ORDER BY i.inspected_on DESC, i.created_at DESC LIMIT 1) li ON true
        WHERE a.location_code LIKE $1 AND a.status <> 'DISPOSED' AND li.condition = 'DAMAGED'
          AND NOT EXISTS (SELECT 1 FROM upkeep_repair r WHERE r.asset_id = a.id
                           AND (r.inspection_id = li.id OR r.repaired_on >= li.inspected_on))
        ORDER BY li.inspected_on, a.code`,
      [`${q.prefix}%`],
    );
    const records: RedFlagRecordType[] = rows
      .map((r) => ({ r, due: repairDueOn(rules, r.inspected_on) }))
      .filter(({ due }) => due < q.today)
      .map(({ r }) =>
        assetRecord(r, r.inspected_on, daysBetween(r.inspected_on, q.today), BigInt(r.formed_value)),
      );
    return { threshold: rules.repairDays, records };
  }

  /** Assets whose latest inspection found them lost (灭失) with no disposal request open or completed. */
  private async lostWithoutDisposal(q: FlagQuery): Promise<FoundFlags> {
    const rows: Array<{
      id: string;
      code: string;
      name: string;
      location_code: string;
      formed_value: string;
      inspected_on: string;
    }> = await q.manager.query(
      `SELECT a.id, a.code, a.name, a.location_code, a.formed_value::text, li.inspected_on
         FROM asset a
         JOIN LATERAL (SELECT i.inspected_on, i.condition FROM upkeep_inspection i WHERE i.asset_id = a.id
                        ORDER BY i.inspected_on DESC, i.created_at DESC LIMIT 1) li ON true
        WHERE a.location_code LIKE $1 AND a.status <> 'DISPOSED' AND li.condition = 'LOST'
          AND NOT EXISTS (SELECT 1 FROM disposal_request d WHERE d.asset_id = a.id
                           AND d.status NOT IN ('REJECTED', 'WITHDRAWN'))
        ORDER BY li.inspected_on, a.code`,
      [`${q.prefix}%`],
    );
    const records: RedFlagRecordType[] = rows.map((r) =>
      assetRecord(r, r.inspected_on, daysBetween(r.inspected_on, q.today), BigInt(r.formed_value)),
    );
    return { threshold: 0, records };
  }

  /** Contracts whose oldest unpaid rent or dividend fell due more than the threshold ago. */
  private async overduePayments(q: FlagQuery): Promise<FoundFlags> {
    const threshold = q.thresholds.paymentGraceDays;
    const found = await this.contracts.overduePayments(q.ctx, q.prefix, q.today, threshold);
    const records = found.map((c) =>
      contractRecord(c, c.position.overdueSince, c.position.overdueDays, c.position.outstanding),
    );
    return { threshold, records };
  }

  /** Contracts in force ending within the threshold, not renewed. */
  private async endingContracts(q: FlagQuery): Promise<FoundFlags> {
    const threshold = q.thresholds.contractEndingDays;
    const found = await this.contracts.endingWithoutRenewal(q.ctx, q.prefix, q.today, threshold);
    const records = found.map((c) => contractRecord(c, c.endDate, daysBetween(q.today, c.endDate), c.amount));
    return { threshold, records };
  }

  /** Operating assets in use, not self-run, with no contract in force. */
  private async assetsWithoutContract(q: FlagQuery): Promise<FoundFlags> {
    const rows = await this.contracts.assetsWithoutContract(q.ctx, q.prefix, q.today);
    const records: RedFlagRecordType[] = rows.map((r) => ({
      entityType: 'Asset',
      entityId: r.id,
      code: r.code,
      name: r.name,
      regionCode: r.locationCode,
      since: r.since,
      days: r.since ? daysBetween(r.since, q.today) : null,
      amount: r.formedValue,
    }));
    return { threshold: 0, records };
  }

  /** Equity contracts past maturity without the principal's return recorded. */
  private async principalNotReturned(q: FlagQuery): Promise<FoundFlags> {
    const found = await this.contracts.principalNotReturned(q.ctx, q.prefix, q.today);
    const records = found.map((c) =>
      contractRecord(
        c,
        c.equityMaturityDate,
        c.equityMaturityDate ? daysBetween(c.equityMaturityDate, q.today) : null,
        c.equityPrincipal,
      ),
    );
    return { threshold: 0, records };
  }

  async dashboard(ctx: RequestContext, regionCode: string | undefined): Promise<DashboardType> {
    const region = await this.region(ctx, regionCode);
    const manager = this.connection.getManager(ctx);
    const children: Region[] =
      region.level === RegionLevel.VILLAGE
        ? [region]
        : await this.connection
            .getRepository(ctx, Region)
            .find({ where: { parentCode: region.code }, order: { code: 'ASC' } });
    const villages = (
      await this.connection
        .getRepository(ctx, Region)
        .find({ where: { level: RegionLevel.VILLAGE }, order: { code: 'ASC' } })
    ).filter((v) => inRegion(v.code, region.code));
    const [assets, balances, openItems, flags] = await independentReads(ctx.manager, [
      () =>
        manager.query(
          `SELECT location_code, class, count(*)::int AS n, sum(formed_value)::text AS formed FROM asset
          WHERE location_code LIKE $1 AND status <> 'DISPOSED' GROUP BY location_code, class`,
          [`${region.code}%`],
        ) as Promise<Array<{ location_code: string; class: AssetClass; n: number; formed: string }>>,
      () => this.balances.villageBalances(ctx, villages),
      () =>
        manager.query(
          `SELECT 'P' AS k, a.location_code AS code FROM ownership_proposal p JOIN asset a ON a.id = p.asset_id WHERE p.status = 'PUBLICITY' AND a.location_code LIKE $1
         UNION ALL SELECT 'D', d.region_code FROM disposal_request d WHERE d.status IN ('PENDING_TOWNSHIP','PENDING_DISTRICT','RETURNED','APPROVED') AND d.region_code LIKE $1
         UNION ALL SELECT 'S', p.village_code FROM distribution_plan p WHERE p.status = 'SUBMITTED' AND p.village_code LIKE $1`,
          [`${region.code}%`],
        ) as Promise<Array<{ k: string; code: string }>>,
      () => this.redFlags(ctx, region.code, undefined, undefined),
    ]);
    const row = (code: string, name: string): DashboardRowType => {
      const mine = <T extends { [k: string]: unknown }>(items: T[], key: (x: T) => string): T[] =>
        items.filter((x) => inRegion(key(x), code));
      const classes = Object.values(AssetClass).map((cls) => {
        const rows = mine(assets, (a) => a.location_code).filter((a) => a.class === cls);
        return {
          class: cls,
          count: rows.reduce((s, r) => s + r.n, 0),
          formedValue: rows.reduce((s, r) => s + BigInt(r.formed), 0n),
        };
      });
      const b = mine(balances as unknown as Array<{ villageCode: string; [k: string]: unknown }>, (x) =>
        String(x.villageCode),
      ) as unknown as typeof balances;
      const sum = (pick: (x: (typeof balances)[number]) => Fen): Fen => b.reduce((s, x) => s + pick(x), 0n);
      const open = mine(openItems, (x) => x.code);
      return {
        regionCode: code,
        regionName: name,
        assetsByClass: classes,
        assetCount: classes.reduce((s, c) => s + c.count, 0),
        formedValue: classes.reduce((s, c) => s + c.formedValue, 0n),
        incomeReceived: sum((x) => x.received),
        incomeDistributed: sum((x) => x.planned),
        incomePaid: sum((x) => x.paid),
        incomeUndistributed: sum((x) => x.undistributed),
        openItems: {
          ownershipInPublicity: open.filter((x) => x.k === 'P').length,
          disposalsOpen: open.filter((x) => x.k === 'D').length,
          plansAwaitingFiling: open.filter((x) => x.k === 'S').length,
          redFlags: flags.flags.reduce(
            (s, f) => s + f.records.filter((r) => inRegion(r.regionCode, code)).length,
            0,
          ),
        },
      };
    };
    return {
      regionCode: region.code,
      regionName: region.name,
      asOf: todayInChina(),
      rows: children.map((c) => row(c.code, c.name)),
      total: row(region.code, region.name),
    };
  }

  private async names(ctx: RequestContext, codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.connection.getRepository(ctx, Region).findBy({ code: In(codes) });
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}

function assetRecord(
  r: { id: string; code: string; name: string; location_code: string },
  since: string,
  days: number,
  amount: Fen,
): RedFlagRecordType {
  return {
    entityType: 'Asset',
    entityId: r.id,
    code: r.code,
    name: r.name,
    regionCode: r.location_code,
    since,
    days,
    amount,
  };
}

function contractRecord(
  c: ContractView,
  since: string | null,
  days: number | null,
  amount: Fen | null,
): RedFlagRecordType {
  return {
    entityType: 'Contract',
    entityId: c.id,
    code: c.code,
    name: `${c.operatorView.name}（${CONTRACT_KIND_NAMES[c.kind]}）`,
    regionCode: c.regionCode,
    since,
    days,
    amount,
  };
}
