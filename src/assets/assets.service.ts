import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Brackets, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { readRegionVia } from '@/common/auth';
import { chunks } from '@/common/collections/chunks';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode, notFound, ProblemList } from '@/common/errors';
import { Connection, KeyColumn, keysetPage, OrderDirection, PageJoin } from '@/common/pagination';
import { Fen, todayInChina } from '@/common/scalars';
import { APP_CONFIG, AppConfig } from '@/config';
import {
  columnList,
  containsPattern,
  hydrator,
  IdempotencyService,
  leanInsert,
  leanInsertReturning,
  leanInsertReturningIds,
  leanRows,
  prefixedColumnList,
  preparedQuery,
  startsWithPattern,
  TransactionalConnection,
} from '@/database';
import { RecordRef, RegionScopeService } from '@/auth/region-scope.service';
import { CategoriesService } from '@/categories/categories.service';
import { LedgerAction } from '@/ledger/ledger-actions';
import { EntryDocument } from '@/ledger/ledger-entry.format';
import { Json, toLedgerJson } from '@/ledger/ledger-subject';
import { LedgerSubjectRegistry } from '@/ledger/ledger-subject.registry';
import { LedgerService } from '@/ledger/ledger.service';
import { LedgerEntry } from '@/ledger/ledger.entity';
import { AssetOwnership, currentOwnersOrder } from '@/ownership/ownership.entity';
import { FundSource } from '@/projects/fund-source.enum';
import { FundSourceAmount, sortFundSources } from '@/projects/fund-sources';
import { describeOverruns, investmentOverruns } from '@/projects/investment-rules';
import { Project } from '@/projects/project.entity';
import { ProjectsService } from '@/projects/projects.service';
import { Region } from '@/regions/region.entity';
import { CODE_LENGTH, RegionLevel } from '@/regions/region-level.enum';
import { RegionsService } from '@/regions/regions.service';
import { Asset, AssetFundSource } from './asset.entity';
import { AssetClass, AssetStatus } from './asset.enums';
import { AssetDraft, checkAssetRules } from './asset-rules';
import { AssetSummaryGroupType, AssetType } from './asset.type';
import {
  AssetChangesInput,
  AssetFilter,
  AssetGroupBy,
  AssetOrder,
  AssetOrderField,
  RegisterAssetInput,
} from './dto/asset.inputs';

export const ASSET_SUBJECT = 'Asset';

const assetRef = (id: string): RecordRef => ({ what: 'Asset', id, code: ErrorCode.ASSET_NOT_FOUND });

/** What another feature is about to change on an asset. */
export type AssetChange = 'UPDATE' | 'OWNERSHIP';

/**
 * A rule another feature imposes on changes of an asset (e.g. an open disposal request freezes what
 * it concerns). Guards throw a DomainError to refuse; they run inside the change's transaction, after
 * the asset row is locked.
 */
export type AssetChangeGuard = (
  ctx: RequestContext,
  asset: Asset,
  change: AssetChange,
  fields: string[],
) => Promise<void>;

/**
 * The 台账 columns added later (construction, beneficiaries, remarks), recorded only when set: the
 * entries of assets that never had them read as they did before the columns existed.
 */
function ledgerColumns(a: Asset): Record<string, string | number> {
  const columns: Record<string, string | number> = {};
  for (const key of LEDGER_COLUMNS) {
    const value = a[key];
    if (value !== null && value !== undefined) columns[key] = value;
  }
  return columns;
}

const LEDGER_COLUMNS = [
  'constructionContent',
  'constructionScale',
  'beneficiaryHouseholds',
  'beneficiaryPeople',
  'beneficiaryPoorHouseholds',
  'beneficiaryPoorPeople',
  'beneficiaryMonitoredHouseholds',
  'beneficiaryMonitoredPeople',
  'remarks',
] as const satisfies ReadonlyArray<keyof Asset>;

/** Columns of an asset as the ledger records them (every column, plus its fund sources). */
export function assetState(a: Asset, sources: AssetFundSource[]): Json {
  return toLedgerJson({
    id: a.id,
    code: a.code,
    name: a.name,
    class: a.class,
    form: a.form,
    categoryCode: a.categoryCode,
    projectId: a.projectId,
    locationCode: a.locationCode,
    quantity: a.quantity,
    unit: a.unit,
    investedAmount: a.investedAmount,
    formedValue: a.formedValue,
    fundSources: sortFundSources(sources).map((s) => ({ source: s.source, amount: s.amount })),
    completionDate: a.completionDate,
    acceptanceDate: a.acceptanceDate,
    handoverDate: a.handoverDate,
    status: a.status,
    statusSince: a.statusSince,
    managementEntity: a.managementEntity,
    managementResponsible: a.managementResponsible,
    operator: a.operator,
    operatingMode: a.operatingMode,
    contractStart: a.contractStart,
    contractEnd: a.contractEnd,
    contractTerms: a.contractTerms,
    contractAnnualAmount: a.contractAnnualAmount,
    investee: a.investee,
    equityAgreementNo: a.equityAgreementNo,
    equityMaturityDate: a.equityMaturityDate,
    householdRegistryNo: a.householdRegistryNo,
    householdHeadName: a.householdHeadName,
    ...ledgerColumns(a),
    createdBy: a.createdBy,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    version: a.version,
  });
}

/** The GraphQL object of an asset rebuilt from a ledger state (`asset(id, asOf)`). */
export interface AssetSnapshot extends AssetType {
  fundSourcesSnapshot: FundSourceAmount[];
  asOfIndex: number;
  asOfTime: Date;
}

type AssetFieldValues = Omit<
  Asset,
  'id' | 'createdAt' | 'updatedAt' | 'version' | 'category' | 'project' | 'location'
>;

const ORDER_SQL: Record<AssetOrderField, KeyColumn> = {
  [AssetOrderField.CODE]: { sql: 'a.code', type: 'varchar' },
  [AssetOrderField.NAME]: { sql: 'a.name', type: 'varchar' },
  [AssetOrderField.FORMED_VALUE]: { sql: 'a.formed_value', type: 'bigint' },
  [AssetOrderField.INVESTED_AMOUNT]: { sql: 'a.invested_amount', type: 'bigint' },
  [AssetOrderField.COMPLETION_DATE]: { sql: "coalesce(a.completion_date, '0001-01-01'::date)", type: 'date' },
  [AssetOrderField.CREATED_AT]: { sql: 'a.created_at', type: 'timestamptz' },
};

/** Which of what a page's assets refer to {@link AssetsService.list} reads with the page. */
export interface AssetPageInclude {
  location?: boolean;
  project?: boolean;
  owners?: boolean;
  /**
   * The asset properties the page's nodes are read for: a township's or a village's page then selects
   * only their columns (and the id). Absent, or naming anything that is not a column of the asset, every
   * column is read.
   */
  properties?: ReadonlySet<string>;
}

/**
 * What a page's assets refer to, read with the page: regions by code, projects by id, and (if asked
 * for) each asset's current owners by asset id, an empty list for an asset without.
 */
export interface AssetPageRelated {
  regions: Map<string, Region>;
  projects: Map<string, Project>;
  owners: Map<string, AssetOwnership[]> | undefined;
}

@Injectable()
export class AssetsService implements OnModuleInit {
  private readonly guards: AssetChangeGuard[] = [];

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly idempotency: IdempotencyService,
    private readonly scope: RegionScopeService,
    private readonly ledger: LedgerService,
    private readonly subjects: LedgerSubjectRegistry,
    private readonly projects: ProjectsService,
    private readonly categories: CategoriesService,
    private readonly regions: RegionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      entityType: ASSET_SUBJECT,
      load: (manager, ids) => this.states(manager, ids),
      keyset: { entity: Asset },
      regionOf: (state) => (state as { locationCode: string }).locationCode,
      alsoReadFrom: (manager, id) => this.ownerRegions(manager, id),
    });
    this.projects.registerInvestmentUse((ctx, projectIds) => this.investmentUseByProject(ctx, projectIds));
  }

  /** What the assets of these projects use, per fund source (disposed ones too: the money was spent), but `except`. */
  async investmentUse(
    ctx: RequestContext,
    projectIds: readonly string[],
    except: string | null = null,
  ): Promise<FundSourceAmount[]> {
    const rows = await this.connection.getManager(ctx).query<Array<{ source: FundSource; amount: string }>>(
      `SELECT f.source, sum(f.amount)::text AS amount FROM asset_fund_source f JOIN asset a ON a.id = f.asset_id
        WHERE a.project_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR a.id <> $2::uuid) GROUP BY f.source`,
      [[...projectIds], except],
    );
    return rows.map((r) => ({ source: r.source, amount: BigInt(r.amount) }));
  }

  /** What the assets of each project use, per fund source (the Excel import checks its rows with it). */
  async investmentUseByProject(
    ctx: RequestContext,
    projectIds: readonly string[],
  ): Promise<Map<string, FundSourceAmount[]>> {
    const out = new Map<string, FundSourceAmount[]>(projectIds.map((id) => [id, []]));
    if (projectIds.length === 0) return out;
    const rows = await this.connection
      .getManager(ctx)
      .query<Array<{ project_id: string; source: FundSource; amount: string }>>(
        `SELECT a.project_id, f.source, sum(f.amount)::text AS amount FROM asset_fund_source f
           JOIN asset a ON a.id = f.asset_id WHERE a.project_id = ANY($1::uuid[]) GROUP BY a.project_id, f.source`,
        [[...projectIds]],
      );
    for (const r of rows) out.get(r.project_id)?.push({ source: r.source, amount: BigInt(r.amount) });
    return out;
  }

  /**
   * Investment adds up: with `adding` (the fund sources of assets being registered or changed), the
   * assets of the project use no more of each fund source than the project invested from it. Takes the
   * project's investment lock first, so concurrent registrations are checked one after the other.
   */
  async assertInvestmentFits(
    ctx: RequestContext,
    projectId: string,
    adding: readonly FundSourceAmount[],
    except: string | null,
    field: string,
  ): Promise<void> {
    await this.projects.lockInvestment(ctx, projectId);
    const invested = (await this.projects.fundSourcesOf(ctx, [projectId])).get(projectId) ?? [];
    const used = [...(await this.investmentUse(ctx, [projectId], except)), ...adding];
    await this.refuseOverruns(ctx, projectId, investmentOverruns(invested, used), field);
  }

  /**
   * {@link assertInvestmentFits} of many projects at once (an import's, `adding` per project id): their
   * locks in id order in one statement, then what each invested and what its assets use in one statement
   * each per 5,000 projects; the first project (in id order) that would be exceeded is refused. One by
   * one, 2,027 projects took 6,081 statements, 5 s of a 100,000-row import.
   */
  async assertInvestmentsFit(
    ctx: RequestContext,
    adding: ReadonlyMap<string, readonly FundSourceAmount[]>,
    field: string,
  ): Promise<void> {
    const ids = [...adding.keys()].sort();
    if (ids.length === 0) return;
    await this.projects.lockInvestments(ctx, ids);
    // Read 5,000 projects at a time: fundSourcesOf names each id as a parameter.
    for (const batch of chunks(ids, 5000)) {
      const invested = await this.projects.fundSourcesOf(ctx, batch);
      const use = await this.investmentUseByProject(ctx, batch);
      for (const id of batch) {
        const used = [...(use.get(id) ?? []), ...adding.get(id)!];
        await this.refuseOverruns(ctx, id, investmentOverruns(invested.get(id) ?? [], used), field);
      }
    }
  }

  private async refuseOverruns(
    ctx: RequestContext,
    projectId: string,
    overruns: ReturnType<typeof investmentOverruns>,
    field: string,
  ): Promise<void> {
    if (overruns.length === 0) return;
    const code = (await this.projects.byIds(ctx, [projectId])).get(projectId)?.code ?? projectId;
    const message = `exceeds the investment of project ${code}: ${describeOverruns(overruns)}`;
    throw new DomainError(ErrorCode.ASSET_INVESTMENT_EXCEEDS_PROJECT, `${field}: ${message}`, {
      fields: [{ field, message }],
    });
  }

  private async states(manager: EntityManager, ids: string[]): Promise<Map<string, Json>> {
    if (ids.length === 0) return new Map();
    // Lean reads (the entities' own column conversions, without TypeORM's per-row machinery): an import
    // reads the state of every asset it registered.
    const assets = await leanRows(manager, Asset, 'SELECT * FROM asset WHERE id = ANY($1::uuid[])', [ids]);
    const sources = await leanRows(
      manager,
      AssetFundSource,
      'SELECT * FROM asset_fund_source WHERE asset_id = ANY($1::uuid[])',
      [ids],
    );
    const bySource = new Map<string, AssetFundSource[]>();
    for (const s of sources) bySource.set(s.assetId, [...(bySource.get(s.assetId) ?? []), s]);
    return new Map(assets.map((a) => [a.id, assetState(a, bySource.get(a.id) ?? [])]));
  }

  addChangeGuard(guard: AssetChangeGuard): void {
    this.guards.push(guard);
  }

  /** Lets every registered guard refuse a change of `asset` (locked by the caller). */
  async checkChange(
    ctx: RequestContext,
    asset: Asset,
    change: AssetChange,
    fields: string[] = [],
  ): Promise<void> {
    for (const guard of this.guards) await guard(ctx, asset, change, fields);
  }

  // ---------------------------------------------------------------------------------------------------
  // Reads
  // ---------------------------------------------------------------------------------------------------

  /**
   * The asset, when the caller may read it: by where it is, or by a current owner in the caller's scope
   * (a village that co-owns an asset in another village, and the township above it, read its record:
   * see {@link ownerRegions}); NOT_FOUND when missing or neither. Reading it so gives no right to change
   * it (see {@link lockForUpdate}).
   */
  async findOne(ctx: RequestContext, id: string): Promise<Asset> {
    const asset = await this.connection.getRepository(ctx, Asset).findOneBy({ id });
    return this.inReadScope(ctx, asset, id, (a) => a.locationCode);
  }

  private async inReadScope<T>(
    ctx: RequestContext,
    row: T | null,
    id: string,
    locationOf: (row: T) => string,
  ): Promise<T> {
    const user = ctx.currentUser;
    const also =
      row && !this.scope.canRead(user, locationOf(row))
        ? await this.ownerRegions(this.connection.getManager(ctx), id)
        : [];
    return this.scope.getInScope(user, row, (r) => readRegionVia(user, locationOf(r), also), assetRef(id));
  }

  /**
   * Whether the caller reads the asset only as one of its current owners elsewhere (see {@link findOne}),
   * not where it is: the records kept where the asset is that are about it alone (its disposal requests,
   * its contracts) are read so too.
   */
  async readsAsCoOwner(ctx: RequestContext, id: string): Promise<boolean> {
    const user = ctx.currentUser;
    const manager = this.connection.getManager(ctx);
    const asset = await manager
      .getRepository(Asset)
      .findOne({ select: { id: true, locationCode: true }, where: { id } });
    if (!asset || this.scope.canRead(user, asset.locationCode)) return false;
    return (
      readRegionVia(user, asset.locationCode, await this.ownerRegions(manager, id)) !== asset.locationCode
    );
  }

  /**
   * The regions among an asset's current owners (village collectives and townships are named by their
   * region codes): each reads the asset's record wherever the asset is, as it reads the income the asset
   * pays it a share of.
   */
  private async ownerRegions(manager: EntityManager, id: string): Promise<string[]> {
    const rows: Array<{ owner_ref: string }> = await manager.query(
      `SELECT owner_ref FROM asset_ownership
        WHERE asset_id = $1 AND valid_to IS NULL AND owner_type IN ('VILLAGE_COLLECTIVE', 'TOWNSHIP')`,
      [id],
    );
    return rows.map((r) => r.owner_ref);
  }

  /** The asset as it stood at `asOf`, rebuilt from the last ledger entry recorded at or before it. */
  async findAsOf(ctx: RequestContext, id: string, asOf: Date): Promise<AssetSnapshot> {
    const entry = await this.connection
      .getRepository(ctx, LedgerEntry)
      .createQueryBuilder('e')
      .where(
        'e.ledgerId = :ledgerId AND e.entityType = :type AND e.entityId = :id AND e.recordedAt <= :asOf',
        {
          ledgerId: this.config.ledger.districtCode,
          type: ASSET_SUBJECT,
          id,
          asOf,
        },
      )
      .orderBy('e.idx', 'DESC')
      .limit(1)
      .getOne();
    if (!entry) {
      throw new DomainError(ErrorCode.ASSET_NOT_AS_OF, `Asset ${id} did not exist at ${asOf.toISOString()}`, {
        id,
      });
    }
    const doc = JSON.parse(entry.canonical.toString('utf8')) as EntryDocument;
    const s = doc.after as Record<string, unknown>;
    // Read by where it was then, or by its current owners (as findOne).
    await this.inReadScope(ctx, s, id, (state) => String(state.locationCode));
    const money = (v: unknown): Fen | null => (v === null || v === undefined ? null : BigInt(v as string));
    return {
      ...(s as unknown as AssetType),
      investedAmount: money(s.investedAmount)!,
      formedValue: money(s.formedValue)!,
      contractAnnualAmount: money(s.contractAnnualAmount),
      createdAt: new Date(String(s.createdAt)),
      updatedAt: new Date(String(s.updatedAt)),
      fundSourcesSnapshot: (s.fundSources as Array<{ source: FundSource; amount: string }>).map((f) => ({
        source: f.source,
        amount: BigInt(f.amount),
      })),
      asOfIndex: entry.idx,
      asOfTime: asOf,
    };
  }

  async byIds(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, Asset>> {
    const rows = await this.connection.getRepository(ctx, Asset).findBy({ id: In([...ids]) });
    return new Map(rows.map((a) => [a.id, a]));
  }

  async fundSourcesOf(
    ctx: RequestContext,
    assetIds: readonly string[],
  ): Promise<Map<string, AssetFundSource[]>> {
    const rows = await this.connection
      .getRepository(ctx, AssetFundSource)
      .findBy({ assetId: In([...assetIds]) });
    const out = new Map<string, AssetFundSource[]>(assetIds.map((id) => [id, []]));
    for (const row of rows) out.get(row.assetId)?.push(row);
    for (const [id, list] of out) out.set(id, sortFundSources(list));
    return out;
  }

  /**
   * A page of assets. With `include`, the page's statement also reads what the page's assets refer to
   * (their locations, projects, current owners: exactly the rows the DataLoaders of those fields would
   * read) and `related` receives them, for the caller's fields to answer from; this is done for a page
   * within a township or a village (see KeysetOrder.selectFirst), where `related` is called once, and
   * not for a district-wide page, whose fields load as before.
   */
  async list(
    ctx: RequestContext,
    filter: AssetFilter | undefined,
    orderBy: AssetOrder | undefined,
    first: number | undefined,
    after: string | undefined,
    include?: AssetPageInclude,
    related?: (rows: AssetPageRelated) => void,
  ): Promise<Connection<Asset>> {
    const order = orderBy ?? { field: AssetOrderField.CODE, direction: OrderDirection.ASC };
    // Within a township or a village: its assets first, then sorted (see KeysetOrder.selectFirst).
    const selectFirst =
      this.scope.narrowest(ctx.currentUser, filter?.regionCode).length > CODE_LENGTH[RegionLevel.DISTRICT];
    return keysetPage(
      this.filtered(ctx, filter),
      {
        first,
        after,
        maxPageSize: this.config.pagination.maxPageSize,
        columns: include?.properties ? this.columnsOf(ctx, include.properties) : undefined,
      },
      {
        keys: [ORDER_SQL[order.field], { sql: 'a.id', type: 'uuid' }],
        direction: order.direction,
        selectFirst,
      },
      undefined,
      selectFirst && related && include ? this.pageJoin(ctx, include, related) : undefined,
    );
  }

  /** The asset columns of `properties` and the id, or undefined (every column) if one is not a column. */
  private columnsOf(ctx: RequestContext, properties: ReadonlySet<string>): string[] | undefined {
    const metadata = this.connection.getManager(ctx).connection.getMetadata(Asset);
    const columns = new Set(['id']);
    for (const property of properties) {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column || column.propertyName !== property || column.embeddedMetadata) return undefined;
      columns.add(column.databaseName);
    }
    return [...columns];
  }

  /**
   * The joins of {@link list}'s `include`: each asset's region and project (one row each, by primary
   * key) and its current owners (none or several rows, in the owners' own order), each table's columns
   * prefixed, hydrated as the loaders' own statements hydrate them.
   */
  private pageJoin(
    ctx: RequestContext,
    include: AssetPageInclude,
    related: (rows: AssetPageRelated) => void,
  ): PageJoin | undefined {
    const manager = this.connection.getManager(ctx);
    const select: Array<(order: string) => string> = [];
    const from: string[] = [];
    // A region or project shared by several of the page's assets is sent once, on its first row: its
    // columns are NULL on the others (the page's assets share a few villages and projects).
    const firstOf = (key: string, order: string) =>
      `row_number() OVER (PARTITION BY ${key} ORDER BY ${order}) = 1`;
    // Each joined table is looked up by key for each of the page's rows, an index probe
    // each: OFFSET 0 keeps the subquery from being flattened into a join, which the planner would rather
    // answer by hashing the whole table (every current owner, every project) for the 51 rows of a page.
    const lookup = (table: string, alias: string, condition: string) =>
      `LEFT JOIN LATERAL (SELECT ${alias}.* FROM ${table} ${alias} WHERE ${condition} OFFSET 0) ${alias} ON true`;
    if (include.location) {
      select.push((order) =>
        prefixedColumnList(manager, Region, 'page_r', 'page_r__', firstOf('a.location_code', order)),
      );
      from.push(lookup('region', 'page_r', 'page_r.code = a.location_code'));
    }
    if (include.project) {
      select.push((order) =>
        prefixedColumnList(manager, Project, 'page_p', 'page_p__', firstOf('a.project_id', order)),
      );
      from.push(lookup('project', 'page_p', 'page_p.id = a.project_id'));
    }
    if (include.owners) {
      select.push(() => prefixedColumnList(manager, AssetOwnership, 'page_o', 'page_o__'));
      from.push(lookup('asset_ownership', 'page_o', 'page_o.asset_id = a.id AND page_o.valid_to IS NULL'));
    }
    if (select.length === 0) return undefined;
    const region = hydrator(manager, Region, 'page_r__');
    const project = hydrator(manager, Project, 'page_p__');
    const owner = hydrator(manager, AssetOwnership, 'page_o__');
    return {
      select: (order) => select.map((list) => list(order)).join(', '),
      from: from.join('\n'),
      orderBy: include.owners ? currentOwnersOrder('page_o') : undefined,
      collect: (items) => {
        const out: AssetPageRelated = { regions: new Map(), projects: new Map(), owners: undefined };
        if (include.owners) out.owners = new Map();
        for (const { rows } of items) {
          const first = rows[0];
          // On the first row of the first asset that refers to it (the window above).
          if (include.location && first.page_r__code !== null)
            out.regions.set(first.page_r__code as string, region(first));
          if (include.project && first.page_p__id !== null)
            out.projects.set(first.page_p__id as string, project(first));
          if (out.owners)
            out.owners.set(first.id as string, first.page_o__id === null ? [] : rows.map((r) => owner(r)));
        }
        related(out);
      },
    };
  }

  /**
   * Assets matching the filter, within the caller's region: located there, and with `includeCoOwned`
   * also those a village or township there co-owns elsewhere (a current owner, see {@link findOne}).
   */
  filtered(ctx: RequestContext, filter: AssetFilter | undefined): SelectQueryBuilder<Asset> {
    const user = ctx.currentUser;
    const qb = this.connection.getRepository(ctx, Asset).createQueryBuilder('a');
    if (filter?.includeCoOwned) {
      if (filter.regionCode) this.scope.assertFilter(user, filter.regionCode);
      // One set of ids from two index ranges (location; current owner), rather than `location OR id IN
      // (…)`, which PostgreSQL answers by reading every asset (a village's count at 100,000 assets:
      // 32.5 ms that way, 1.7 ms this way; docs/benchmarks.md).
      qb.andWhere(
        `a.id IN (SELECT l.id FROM asset l WHERE l.location_code LIKE :coOwnedRegion
           UNION SELECT o.asset_id FROM asset_ownership o
           WHERE o.valid_to IS NULL AND o.owner_type IN ('VILLAGE_COLLECTIVE', 'TOWNSHIP') AND o.owner_ref LIKE :coOwnedRegion)`,
        { coOwnedRegion: startsWithPattern(this.scope.narrowest(user, filter.regionCode)) },
      );
    } else {
      this.scope.restrict(qb, user, 'a.location_code', { region: filter?.regionCode });
    }
    if (!filter) return qb;
    if (filter.class?.length) qb.andWhere('a.class IN (:...classes)', { classes: filter.class });
    if (filter.form?.length) qb.andWhere('a.form IN (:...forms)', { forms: filter.form });
    if (filter.categoryCode?.length)
      qb.andWhere('a.categoryCode IN (:...categories)', { categories: filter.categoryCode });
    if (filter.status?.length) qb.andWhere('a.status IN (:...statuses)', { statuses: filter.status });
    if (filter.projectId) qb.andWhere('a.projectId = :projectId', { projectId: filter.projectId });
    if (filter.ownerType) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM asset_ownership o WHERE o.asset_id = a.id AND o.valid_to IS NULL AND o.owner_type = :ownerType)',
        { ownerType: filter.ownerType },
      );
    }
    if (filter.fundSource) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM asset_fund_source f WHERE f.asset_id = a.id AND f.source = :fundSource)',
        {
          fundSource: filter.fundSource,
        },
      );
    }
    if (filter.yearFrom !== undefined || filter.yearTo !== undefined) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM project p WHERE p.id = a.project_id AND p.year BETWEEN :yearFrom AND :yearTo)',
        { yearFrom: filter.yearFrom ?? 0, yearTo: filter.yearTo ?? 9999 },
      );
    }
    if (filter.valueFrom !== undefined)
      qb.andWhere('a.formedValue >= :valueFrom', { valueFrom: filter.valueFrom.toString() });
    if (filter.valueTo !== undefined)
      qb.andWhere('a.formedValue <= :valueTo', { valueTo: filter.valueTo.toString() });
    if (filter.text) {
      const pattern = containsPattern(filter.text);
      qb.andWhere(
        new Brackets((w) => w.where('a.name ILIKE :pattern', { pattern }).orWhere('a.code ILIKE :pattern')),
      );
    }
    return qb;
  }

  /** Counts and sums per group; REGION groups one level below the summarised region. */
  async summary(
    ctx: RequestContext,
    groupBy: AssetGroupBy[],
    filter: AssetFilter | undefined,
  ): Promise<AssetSummaryGroupType[]> {
    const base = this.scope.narrowest(ctx.currentUser, filter?.regionCode);
    const regionLength = Math.min(base.length + 3, 12);
    const dims = [...new Set(groupBy)];
    const qb = this.filtered(ctx, filter);
    const byFund = dims.includes(AssetGroupBy.FUND_SOURCE);
    if (byFund) qb.innerJoin('asset_fund_source', 'f', 'f.asset_id = a.id');
    const selects: Record<AssetGroupBy, string> = {
      [AssetGroupBy.REGION]: `left(a.location_code, ${regionLength})`,
      [AssetGroupBy.CLASS]: 'a.class',
      [AssetGroupBy.CATEGORY]: 'a.category_code',
      [AssetGroupBy.STATUS]: 'a.status',
      [AssetGroupBy.YEAR]: '(SELECT p.year FROM project p WHERE p.id = a.project_id)',
      [AssetGroupBy.FUND_SOURCE]: 'f.source',
    };
    qb.select([]);
    dims.forEach((d) => qb.addSelect(selects[d], `g_${d.toLowerCase()}`));
    qb.addSelect('count(DISTINCT a.id)', 'count');
    if (byFund) {
      qb.addSelect('coalesce(sum(f.amount), 0)::text', 'invested');
      qb.addSelect(
        'coalesce(sum(CASE WHEN a.invested_amount > 0 THEN a.formed_value * f.amount / a.invested_amount ELSE 0 END), 0)::text',
        'formed',
      );
    } else {
      qb.addSelect('coalesce(sum(a.invested_amount), 0)::text', 'invested');
      qb.addSelect('coalesce(sum(a.formed_value), 0)::text', 'formed');
    }
    dims.forEach((d) => qb.addGroupBy(`g_${d.toLowerCase()}`));
    dims.forEach((d) => qb.addOrderBy(`g_${d.toLowerCase()}`));
    const rows = await qb.getRawMany<Record<string, string | number | null>>();
    const regionNames = new Map<string, string>();
    if (dims.includes(AssetGroupBy.REGION)) {
      const codes = [...new Set(rows.map((r) => String(r.g_region)))];
      const regions = await this.connection.getRepository(ctx, Region).findBy({ code: In(codes) });
      for (const r of regions) regionNames.set(r.code, r.name);
    }
    return rows.map((r) => ({
      regionCode: r.g_region === undefined ? null : String(r.g_region),
      regionName: r.g_region === undefined ? null : (regionNames.get(String(r.g_region)) ?? null),
      class: (r.g_class as AssetClass | undefined) ?? null,
      categoryCode: (r.g_category as string | undefined) ?? null,
      status: (r.g_status as AssetStatus | undefined) ?? null,
      year: r.g_year === undefined || r.g_year === null ? null : Number(r.g_year),
      fundSource: (r.g_fund_source as string | undefined) ?? null,
      count: Number(r.count),
      investedAmount: BigInt(String(r.invested)),
      formedValue: BigInt(String(r.formed)),
    }));
  }

  // ---------------------------------------------------------------------------------------------------
  // Writes
  // ---------------------------------------------------------------------------------------------------

  /** Registers an asset once per idempotency key (a repeat returns the first asset). */
  register(ctx: RequestContext, input: RegisterAssetInput): Promise<Asset> {
    return this.idempotency.run(
      ctx,
      {
        operation: 'registerAsset',
        key: input.idempotencyKey,
        request: input,
        remember: (asset: Asset) => ({ id: asset.id }),
        replay: ({ id }) => this.findOne(ctx, id),
      },
      () => this.insertAsset(ctx, input),
    );
  }

  private async insertAsset(ctx: RequestContext, input: RegisterAssetInput): Promise<Asset> {
    const values = await this.prepare(ctx, input, undefined, 'input.');
    await this.assertInvestmentFits(ctx, values.projectId, values.fundSources, null, 'input.fundSources');
    const repo = this.connection.getRepository(ctx, Asset);
    if (await repo.existsBy({ code: input.code })) {
      throw new DomainError(ErrorCode.ASSET_DUPLICATE_CODE, `input.code: asset ${input.code} exists`, {
        fields: [{ field: 'input.code', message: 'already exists' }],
      });
    }
    const [id] = await this.insertMany(ctx, [{ ...values, code: input.code }]);
    return repo.findOneByOrFail({ id });
  }

  /**
   * Inserts validated assets with their fund sources and one ledger entry each (registration, import).
   * Each entry's state is built from the rows the INSERTs returned, as stored (defaults and all), so the
   * ledger does not read them back; except with `readStatesAtAppend`, for a caller that inserts many more
   * before its transaction appends (an import of 100,000 rows: held until its one append, their states
   * took the import's peak RSS from 335 to 650 MiB), whose entries' states the ledger reads then, a slice
   * at a time.
   */
  async insertMany(
    ctx: RequestContext,
    rows: Array<AssetFieldValues & { fundSources: FundSourceAmount[] }>,
    { readStatesAtAppend = false }: { readStatesAtAppend?: boolean } = {},
  ): Promise<string[]> {
    const manager = this.connection.requireTransaction(ctx);
    const columns = rows.map(({ fundSources: _f, ...values }) => values);
    const sourceRows = (ids: readonly string[]) =>
      rows.flatMap((row, k) =>
        row.fundSources.map((s) => ({ assetId: ids[k], source: s.source, amount: s.amount })),
      );
    const record = (id: string, after: Json | undefined): void =>
      this.ledger.record(ctx, {
        action: LedgerAction.ASSET_REGISTERED,
        entityType: ASSET_SUBJECT,
        entityId: id,
        after,
        // Ids the INSERT just made: no earlier entry to look for.
        created: true,
      });
    if (readStatesAtAppend) {
      const ids = await leanInsertReturningIds(manager, Asset, columns);
      await leanInsert(manager, AssetFundSource, sourceRows(ids));
      for (const id of ids) record(id, undefined);
      return ids;
    }
    const assets = await leanInsertReturning(manager, Asset, columns);
    assets.forEach((asset, k) => {
      // RETURNING gives the rows in the order they were inserted; checked, since the states depend on it.
      if (asset.code !== rows[k].code) {
        throw new Error(`insertMany: row ${k} came back as asset ${asset.code}, not ${rows[k].code}`);
      }
    });
    const ids = assets.map((a) => a.id);
    const sourcesOf = new Map<string, AssetFundSource[]>(ids.map((id) => [id, []]));
    for (const s of await leanInsertReturning(manager, AssetFundSource, sourceRows(ids))) {
      sourcesOf.get(s.assetId)!.push(s);
    }
    for (const asset of assets) record(asset.id, assetState(asset, sourcesOf.get(asset.id)!));
    return ids;
  }

  async update(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    changes: AssetChangesInput,
  ): Promise<Asset> {
    const asset = await this.lockForUpdate(ctx, id);
    this.scope.assertWrite(ctx.currentUser, asset.locationCode, `asset ${asset.code}`);
    if (asset.version !== expectedVersion) {
      throw new DomainError(
        ErrorCode.STALE_VERSION,
        `Asset ${asset.code} changed since you read it (now version ${asset.version}, you had ${expectedVersion})`,
        { currentVersion: asset.version },
      );
    }
    if (asset.status === AssetStatus.DISPOSED) {
      throw new DomainError(
        ErrorCode.ASSET_DISPOSED,
        `Asset ${asset.code} is disposed: its record is closed`,
      );
    }
    const changed = Object.entries(changes)
      .filter(
        ([key, value]) =>
          value !== undefined && String(value) !== String((asset as unknown as Record<string, unknown>)[key]),
      )
      .map(([key]) => key);
    await this.checkChange(ctx, asset, 'UPDATE', changed);
    const manager = this.connection.getManager(ctx);
    const before = (await this.states(manager, [id])).get(id)!;
    const currentSources = (await this.fundSourcesOf(ctx, [id])).get(id) ?? [];
    const values = await this.prepare(ctx, changes, { asset, fundSources: currentSources }, 'changes.');
    if (
      changes.fundSources !== undefined ||
      changes.investedAmount !== undefined ||
      values.projectId !== asset.projectId
    ) {
      await this.assertInvestmentFits(ctx, values.projectId, values.fundSources, id, 'changes.fundSources');
    }
    const repo = this.connection.getRepository(ctx, Asset);
    if (changes.code !== undefined && changes.code !== asset.code) {
      if (await repo.existsBy({ code: changes.code })) {
        throw new DomainError(ErrorCode.ASSET_DUPLICATE_CODE, `changes.code: asset ${changes.code} exists`, {
          fields: [{ field: 'changes.code', message: 'already exists' }],
        });
      }
    }
    const { fundSources, ...columns } = values;
    await repo.update({ id }, { ...columns, code: changes.code ?? asset.code, version: asset.version + 1 });
    if (changes.fundSources !== undefined || changes.investedAmount !== undefined) {
      const sourceRepo = this.connection.getRepository(ctx, AssetFundSource);
      await sourceRepo.delete({ assetId: id });
      if (fundSources.length > 0) {
        await sourceRepo.insert(
          fundSources.map((s) => ({ assetId: id, source: s.source, amount: s.amount })),
        );
      }
    }
    this.ledger.record(ctx, {
      action: LedgerAction.ASSET_UPDATED,
      entityType: ASSET_SUBJECT,
      entityId: id,
      before,
    });
    return repo.findOneByOrFail({ id });
  }

  /**
   * Reads an asset FOR UPDATE (so concurrent changes of one asset queue up), or NOT_FOUND (see
   * getInScope): only within the scope of where the asset is. A co-owner elsewhere, who reads the asset
   * ({@link findOne}), is refused as OUT_OF_SCOPE: the asset is registered, kept and changed where it is.
   */
  async lockForUpdate(ctx: RequestContext, id: string): Promise<Asset> {
    const user = ctx.currentUser;
    const asset = await this.lockRow(ctx, id);
    if (asset && !this.scope.canRead(user, asset.locationCode)) {
      const owners = await this.ownerRegions(this.connection.getManager(ctx), id);
      if (readRegionVia(user, asset.locationCode, owners) !== asset.locationCode) {
        throw new DomainError(
          ErrorCode.OUT_OF_SCOPE,
          `You may not change asset ${asset.code}: it is co-owned by your region and kept in ${asset.locationCode}, where it is`,
          { regionCode: asset.locationCode },
        );
      }
    }
    return this.scope.getInScope(user, asset, (a) => a.locationCode, assetRef(id));
  }

  /**
   * {@link lockForUpdate} of an asset the caller reached through a record of its own that refers to it
   * (an income record it reads by its share): the row, locked, without the asset's own read scope; the
   * caller's feature decides who may write. Never null for a record's asset (a foreign key).
   */
  async lockRowForUpdate(ctx: RequestContext, id: string): Promise<Asset> {
    const asset = await this.lockRow(ctx, id);
    if (!asset) throw notFound('Asset', id, ErrorCode.ASSET_NOT_FOUND);
    return asset;
  }

  private async lockRow(ctx: RequestContext, id: string): Promise<Asset | null> {
    const manager = this.connection.requireTransaction(ctx);
    // One prepared statement: every write of an asset's records starts here.
    const [row] = await preparedQuery<Record<string, unknown>>(
      manager,
      'asset-lock-v1',
      `SELECT ${columnList(manager, Asset)} FROM asset WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row ? hydrator(manager, Asset)(row) : null;
  }

  /** Records a change another feature made to an asset row (ownership, disposal) on the ledger. */
  recordChange(ctx: RequestContext, assetId: string, action: string, before: Json, details?: Json): void {
    this.ledger.record(ctx, { action, entityType: ASSET_SUBJECT, entityId: assetId, before, details });
  }

  async stateOf(ctx: RequestContext, id: string): Promise<Json> {
    return (await this.states(this.connection.getManager(ctx), [id])).get(id) ?? null;
  }

  /**
   * Merges input into the current asset (if any), checks every rule and every reference, and returns
   * the column values to write. All problems of the input are reported together.
   */
  private async prepare(
    ctx: RequestContext,
    input: RegisterAssetInput | AssetChangesInput,
    current: { asset: Asset; fundSources: AssetFundSource[] } | undefined,
    prefix: string,
  ): Promise<AssetFieldValues & { fundSources: FundSourceAmount[] }> {
    const user = ctx.currentUser;
    const problems = new ProblemList();
    const pick = <K extends keyof AssetFieldValues>(
      key: K,
      fallback: AssetFieldValues[K],
    ): AssetFieldValues[K] => {
      const v = (input as Record<string, unknown>)[key];
      if (v !== undefined) return (typeof v === 'string' ? v.trim() : v) as AssetFieldValues[K];
      return current ? current.asset[key] : fallback;
    };
    if (!current) {
      const required = [
        'name',
        'class',
        'form',
        'categoryCode',
        'projectId',
        'locationCode',
        'quantity',
        'unit',
        'investedAmount',
        'formedValue',
      ] as const;
      for (const key of required)
        if (input[key] === undefined) problems.add(`${prefix}${key}`, 'is required');
      problems.throwIfAny();
    }
    const completionDate = pick('completionDate', null);
    const status = pick('status', completionDate ? AssetStatus.IN_USE : AssetStatus.UNDER_CONSTRUCTION);
    const values: AssetFieldValues & { fundSources: FundSourceAmount[] } = {
      code: current?.asset.code ?? (input as RegisterAssetInput).code,
      name: pick('name', ''),
      class: pick('class', AssetClass.OPERATING),
      form: pick('form', current?.asset.form as never),
      categoryCode: pick('categoryCode', ''),
      projectId: pick('projectId', ''),
      locationCode: pick('locationCode', ''),
      quantity: pick('quantity', '0'),
      unit: pick('unit', ''),
      investedAmount: pick('investedAmount', 0n),
      formedValue: pick('formedValue', 0n),
      completionDate,
      acceptanceDate: pick('acceptanceDate', null),
      handoverDate: pick('handoverDate', null),
      status,
      // 状态起始日期 as given (like the import's column), else kept while the status stays, else today.
      statusSince:
        input.statusSince ??
        (current && current.asset.status === status ? current.asset.statusSince : todayInChina()),
      managementEntity: pick('managementEntity', null) || null,
      managementResponsible: pick('managementResponsible', null) || null,
      operator: pick('operator', null) || null,
      operatingMode: pick('operatingMode', null),
      contractStart: pick('contractStart', null),
      contractEnd: pick('contractEnd', null),
      contractTerms: pick('contractTerms', null) || null,
      contractAnnualAmount: pick('contractAnnualAmount', null),
      investee: pick('investee', null) || null,
      equityAgreementNo: pick('equityAgreementNo', null) || null,
      equityMaturityDate: pick('equityMaturityDate', null),
      householdRegistryNo: pick('householdRegistryNo', null) || null,
      householdHeadName: pick('householdHeadName', null) || null,
      constructionContent: pick('constructionContent', null) || null,
      constructionScale: pick('constructionScale', null) || null,
      beneficiaryHouseholds: pick('beneficiaryHouseholds', null),
      beneficiaryPeople: pick('beneficiaryPeople', null),
      beneficiaryPoorHouseholds: pick('beneficiaryPoorHouseholds', null),
      beneficiaryPoorPeople: pick('beneficiaryPoorPeople', null),
      beneficiaryMonitoredHouseholds: pick('beneficiaryMonitoredHouseholds', null),
      beneficiaryMonitoredPeople: pick('beneficiaryMonitoredPeople', null),
      remarks: pick('remarks', null) || null,
      createdBy: current?.asset.createdBy ?? user.id,
      fundSources:
        input.fundSources ??
        (current ? current.fundSources.map((s) => ({ source: s.source, amount: s.amount })) : []),
    };
    checkAssetRules(values as AssetDraft, prefix, problems);
    problems.throwIfAny();

    // References, checked against the database and the caller's scope.
    if (!current || values.categoryCode !== current.asset.categoryCode) {
      await this.categories.requireActive(ctx, values.categoryCode, `${prefix}categoryCode`);
    }
    if (!current || values.projectId !== current.asset.projectId) {
      await this.projects.requireReference(ctx, values.projectId, `${prefix}projectId`);
    }
    if (!current || values.locationCode !== current.asset.locationCode) {
      const location = await this.connection
        .getRepository(ctx, Region)
        .findOneBy({ code: values.locationCode });
      if (!location || location.level === RegionLevel.DISTRICT) {
        throw new DomainError(
          ErrorCode.REFERENCE_NOT_FOUND,
          `${prefix}locationCode: ${location ? 'an asset sits in a village or a township' : 'no such region'} (${values.locationCode})`,
          {
            fields: [
              {
                field: `${prefix}locationCode`,
                message: location ? 'must be a village or a township' : 'no such region',
              },
            ],
          },
        );
      }
      this.scope.assertWrite(user, values.locationCode, `region ${values.locationCode}`);
      this.regions.assertOpen(location, `${prefix}locationCode`);
    }
    return values;
  }
}
