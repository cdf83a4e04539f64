import { Injectable, Inject, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuthUser, readRegionVia } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode, ProblemList } from '@/common/errors';
import { Connection, keysetPage } from '@/common/pagination';
import { Fen, todayInChina } from '@/common/scalars';
import { APP_CONFIG, AppConfig } from '@/config';
import {
  columnList,
  hydrator,
  IdempotencyService,
  LockSpace,
  lockInTransaction,
  preparedQuery,
  prefixedColumnList,
  TransactionalConnection,
} from '@/database';
import { startsWithPattern } from '@/database/like';
import { RecordRef, RegionScopeService } from '@/auth/region-scope.service';
import { Asset } from '@/assets/asset.entity';
import { AssetClass } from '@/assets/asset.enums';
import { AssetsService } from '@/assets/assets.service';
import { FilesService } from '@/files/files.service';
import { LedgerAction } from '@/ledger/ledger-actions';
import { Json, toLedgerJson } from '@/ledger/ledger-subject';
import { LedgerSubjectRegistry } from '@/ledger/ledger-subject.registry';
import { LedgerService } from '@/ledger/ledger.service';
import { OwnerType } from '@/ownership/ownership.entity';
import { OwnershipService } from '@/ownership/ownership.service';
import { CODE_LENGTH, RegionLevel } from '@/regions/region-level.enum';
import { IncomeBalancesService } from './income-balances.service';
import {
  incomeDateProblems,
  incomeOwners,
  incomeShares,
  incomeWriterRefusal,
  reversalBlockedBy,
} from './income-rules';
import { IncomeKind, IncomeRecord, IncomeShare } from './income.entity';
import { IncomeFilter, RecordIncomeInput, ReverseIncomeArgs } from './income.types';

/** An owner's part of an income with the owner's name (see IncomeService.sharesOf). */
export type NamedIncomeShare = IncomeShare & { ownerName: string | null };

export const INCOME_SUBJECT = 'IncomeRecord';

const incomeRef = (id: string): RecordRef => ({
  what: 'Income record',
  id,
  code: ErrorCode.INCOME_NOT_FOUND,
});

function incomeState(r: IncomeRecord, shares: IncomeShare[]): Json {
  return toLedgerJson({
    id: r.id,
    assetId: r.assetId,
    regionCode: r.regionCode,
    amount: r.amount,
    kind: r.kind,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    receivedOn: r.receivedOn,
    supplement: r.supplement,
    note: r.note,
    evidence: r.evidence,
    idempotencyKey: r.idempotencyKey,
    reversesId: r.reversesId,
    recordedBy: r.recordedBy,
    // Only records paid under a contract carry the key (older entries stay as they were).
    ...(r.contractId ? { contractId: r.contractId } : {}),
    createdAt: r.createdAt,
    shares: [...shares]
      .sort((a, b) => a.position - b.position)
      .map((s) => ({
        ownerType: s.ownerType,
        ownerRef: s.ownerRef,
        villageCode: s.villageCode,
        shareBp: s.shareBp,
        amount: s.amount,
      })),
  });
}

/** The columns of a new income record (not a compensating one). */
type NewIncome = Omit<IncomeRecord, 'id' | 'reversesId' | 'createdAt' | 'asset' | 'contract'>;

/** What recordIncome asks the contracts feature about the contract an income is paid under. */
export interface ContractIncomeCheck {
  (
    ctx: RequestContext,
    income: { contractId: string; assetId: string; kind: IncomeKind; periodFrom: string },
  ): Promise<void>;
}

/**
 * Income of operating assets. Recorded by the clerk of the village where the asset is or an officer of
 * its township; split between the confirmed owners by share (largest remainder, to the fen), and read by
 * every owning village; never edited: a mistake gets a compensating record.
 */
@Injectable()
export class IncomeService implements OnModuleInit {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly idempotency: IdempotencyService,
    private readonly scope: RegionScopeService,
    private readonly ledger: LedgerService,
    private readonly subjects: LedgerSubjectRegistry,
    private readonly assets: AssetsService,
    private readonly ownership: OwnershipService,
    private readonly files: FilesService,
    private readonly balances: IncomeBalancesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private contractCheck: ContractIncomeCheck | null = null;

  /** The contracts feature checks an income's contract (same asset, in force) through this. */
  setContractCheck(check: ContractIncomeCheck): void {
    this.contractCheck = check;
  }

  onModuleInit(): void {
    this.subjects.register({
      entityType: INCOME_SUBJECT,
      load: (manager, ids) => this.states(manager, ids),
      keyset: { entity: IncomeRecord },
      regionOf: (state) => (state as { regionCode: string }).regionCode,
      // A village with a share of the record (an asset it co-owns elsewhere) reads its history, as it
      // reads the record itself (inReadScope).
      alsoReadFrom: async (manager, id) =>
        (
          await manager
            .getRepository(IncomeShare)
            .find({ select: { villageCode: true }, where: { incomeId: id } })
        )
          .map((s) => s.villageCode)
          .filter((v): v is string => v !== null),
    });
  }

  private async states(manager: EntityManager, ids: string[]): Promise<Map<string, Json>> {
    if (ids.length === 0) return new Map();
    const records = await manager.getRepository(IncomeRecord).findBy({ id: In(ids) });
    const shares = await manager.getRepository(IncomeShare).findBy({ incomeId: In(ids) });
    return new Map(
      records.map((r) => [
        r.id,
        incomeState(
          r,
          shares.filter((s) => s.incomeId === r.id),
        ),
      ]),
    );
  }

  /** Records income once per idempotency key (a repeat returns the first record; see IdempotencyService). */
  record(ctx: RequestContext, input: RecordIncomeInput): Promise<IncomeRecord> {
    return this.idempotency.run(
      ctx,
      {
        operation: 'recordIncome',
        key: input.idempotencyKey,
        request: input,
        remember: (record: IncomeRecord) => ({ id: record.id }),
        replay: ({ id }) => this.findOne(ctx, id),
      },
      () => this.insertRecord(ctx, input),
    );
  }

  private async insertRecord(ctx: RequestContext, input: RecordIncomeInput): Promise<IncomeRecord> {
    const user = ctx.currentUser;
    // The asset lock serialises the overlap check and the insert for one asset.
    const asset = await this.assets.lockForUpdate(ctx, input.assetId);
    this.assertWriter(user, asset);
    const owners = (await this.ownership.currentOwnersOf(ctx, [asset.id])).get(asset.id) ?? [];
    if (asset.class !== AssetClass.OPERATING) {
      throw new DomainError(
        ErrorCode.INCOME_NOT_OPERATING,
        `input.assetId: income is recorded for OPERATING assets; ${asset.code} is ${asset.class}`,
        {
          fields: [{ field: 'input.assetId', message: 'not an operating asset' }],
        },
      );
    }
    new ProblemList().addAll(incomeDateProblems(input, todayInChina())).throwIfAny();
    if (input.contractId) {
      if (!this.contractCheck) throw new Error('no contract check registered');
      await this.contractCheck(ctx, {
        contractId: input.contractId,
        assetId: asset.id,
        kind: input.kind,
        periodFrom: input.periodFrom,
      });
    }
    if (!input.supplement) {
      const overlap = await this.connection
        .getManager(ctx)
        .query<Array<{ id: string; period_from: string; period_to: string }>>(
          `SELECT r.id, r.period_from, r.period_to FROM income_record r
          WHERE r.asset_id = $1 AND r.kind = $2 AND r.reverses_id IS NULL AND NOT r.supplement
            AND r.period_from <= $4 AND r.period_to >= $3
            AND NOT EXISTS (SELECT 1 FROM income_record x WHERE x.reverses_id = r.id)
          LIMIT 1`,
          [asset.id, input.kind, input.periodFrom, input.periodTo],
        );
      if (overlap.length > 0) {
        throw new DomainError(
          ErrorCode.INCOME_PERIOD_OVERLAP,
          `${input.kind} income of ${asset.code} for ${overlap[0].period_from}…${overlap[0].period_to} is already recorded: mark this one as a supplement if it is one`,
          { existingId: overlap[0].id },
        );
      }
    }
    const evidence = await this.files.requireEvidence(
      ctx,
      input.evidenceFileIds,
      'input.evidenceFileIds',
      asset.locationCode,
    );
    return this.insertIncome(
      ctx,
      {
        assetId: asset.id,
        regionCode: asset.locationCode,
        amount: input.amount,
        kind: input.kind,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        receivedOn: input.receivedOn,
        supplement: input.supplement,
        note: input.note?.trim() || null,
        evidence,
        idempotencyKey: input.idempotencyKey,
        recordedBy: user.id,
        contractId: input.contractId ?? null,
      },
      owners,
    );
  }

  /**
   * Proceeds of a completed disposal: income of the asset's owners (split by their shares, like any
   * income), of any class of asset. The disposal has checked who may do this.
   */
  async recordProceeds(
    ctx: RequestContext,
    asset: Asset,
    amount: bigint,
    receivedOn: string,
    disposalId: string,
  ): Promise<IncomeRecord> {
    const owners = (await this.ownership.currentOwnersOf(ctx, [asset.id])).get(asset.id) ?? [];
    return this.insertIncome(
      ctx,
      {
        assetId: asset.id,
        regionCode: asset.locationCode,
        amount,
        kind: IncomeKind.OTHER,
        periodFrom: receivedOn,
        periodTo: receivedOn,
        receivedOn,
        supplement: true,
        // The record's disposalId field names the disposal (its page links to it).
        note: '资产处置收入',
        evidence: [],
        idempotencyKey: `disposal-${disposalId}`,
        recordedBy: ctx.currentUser.id,
        contractId: null,
      },
      owners,
      { disposalId },
    );
  }

  /** Adds a compensating record for a mistaken one; nothing is edited or deleted. */
  reverse(ctx: RequestContext, args: ReverseIncomeArgs): Promise<IncomeRecord> {
    return this.idempotency.run(
      ctx,
      {
        operation: 'reverseIncome',
        key: args.idempotencyKey,
        request: args,
        remember: (reversal: IncomeRecord) => ({ id: reversal.id }),
        replay: ({ id }) => this.findOne(ctx, id),
      },
      () => this.insertReversal(ctx, args.id, args.reason),
    );
  }

  private async insertReversal(ctx: RequestContext, id: string, reason: string): Promise<IncomeRecord> {
    const user = ctx.currentUser;
    const repo = this.connection.getRepository(ctx, IncomeRecord);
    const original = await this.inReadScope(ctx, await repo.findOneBy({ id }), id);
    // A village that reads the record by its share may not reverse it (FORBIDDEN, not the asset's NOT_FOUND).
    this.assertWriter(user, await this.assets.lockRowForUpdate(ctx, original.assetId));
    const shares = await this.connection
      .getRepository(ctx, IncomeShare)
      .find({ where: { incomeId: id }, order: { position: 'ASC' } });
    if (original.reversesId) {
      throw new DomainError(
        ErrorCode.INCOME_ALREADY_REVERSED,
        'A compensating record cannot itself be reversed',
      );
    }
    if (await repo.existsBy({ reversesId: id })) {
      throw new DomainError(ErrorCode.INCOME_ALREADY_REVERSED, `Income record ${id} is already reversed`);
    }
    const manager = this.connection.requireTransaction(ctx);
    const villages = [
      ...new Set(shares.map((s) => s.villageCode).filter((v): v is string => v !== null)),
    ].sort();
    for (const village of villages) await lockInTransaction(manager, LockSpace.VILLAGE_INCOME, village);
    const blocked = reversalBlockedBy(shares, await this.balances.villageTotals(manager, villages));
    const [linked]: Array<{ village_code: string }> = await manager.query(
      `SELECT p.village_code FROM distribution_plan_income l JOIN distribution_plan p ON p.id = l.plan_id
        WHERE l.income_id = $1 LIMIT 1`,
      [id],
    );
    if (linked) {
      throw new DomainError(
        ErrorCode.INCOME_ALREADY_DISTRIBUTED,
        `Village ${linked.village_code} has already planned this income: return or correct its distribution plan first`,
      );
    }
    if (blocked) {
      throw new DomainError(
        ErrorCode.INCOME_ALREADY_DISTRIBUTED,
        `Village ${blocked} has already planned this income: return or correct its distribution plan first`,
      );
    }
    const inserted = await repo.insert({
      assetId: original.assetId,
      regionCode: original.regionCode,
      amount: -original.amount,
      kind: original.kind,
      periodFrom: original.periodFrom,
      periodTo: original.periodTo,
      receivedOn: todayInChina(),
      supplement: original.supplement,
      note: reason.trim(),
      evidence: [],
      idempotencyKey: null,
      reversesId: original.id,
      recordedBy: user.id,
      contractId: original.contractId,
    });
    const reversalId = inserted.identifiers[0].id as string;
    await this.connection
      .getRepository(ctx, IncomeShare)
      .insert(shares.map((s) => ({ ...s, incomeId: reversalId, amount: -s.amount, income: undefined })));
    this.ledger.record(ctx, {
      action: LedgerAction.INCOME_REVERSED,
      entityType: INCOME_SUBJECT,
      entityId: reversalId,
      details: { reverses: original.id, reason: reason.trim() },
    });
    return repo.findOneByOrFail({ id: reversalId });
  }

  async findOne(ctx: RequestContext, id: string): Promise<IncomeRecord> {
    return this.inReadScope(
      ctx,
      await this.connection.getRepository(ctx, IncomeRecord).findOneBy({ id }),
      id,
    );
  }

  /**
   * The record, when the caller may read it: by its region (where its asset is) or by a village it pays
   * a share to (see readRegionVia); NOT_FOUND when missing or neither.
   */
  private async inReadScope(
    ctx: RequestContext,
    record: IncomeRecord | null,
    id: string,
  ): Promise<IncomeRecord> {
    const user = ctx.currentUser;
    const villages =
      record && !this.scope.canRead(user, record.regionCode)
        ? (
            await this.connection
              .getRepository(ctx, IncomeShare)
              .find({ select: { villageCode: true }, where: { incomeId: record.id } })
          ).map((s) => s.villageCode)
        : [];
    return this.scope.getInScope(
      user,
      record,
      (r) => readRegionVia(user, r.regionCode, villages),
      incomeRef(id),
    );
  }

  async list(
    ctx: RequestContext,
    filter: IncomeFilter | undefined,
    first: number | undefined,
    after: string | undefined,
    direction: 'ASC' | 'DESC' = 'ASC',
  ): Promise<Connection<IncomeRecord>> {
    const user = ctx.currentUser;
    if (filter?.regionCode) this.scope.assertFilter(user, filter.regionCode);
    const region = this.scope.narrowest(user, filter?.regionCode);
    const qb = this.connection.getRepository(ctx, IncomeRecord).createQueryBuilder('r');
    // The region's records are those of its assets and, below the district, those that pay one of its
    // villages a share (a co-owned asset in another village: readRegionVia). The share's village is
    // looked up once for the list (a hashed subplan over the share's village index), not per record.
    qb.andWhere(
      region.length > CODE_LENGTH[RegionLevel.DISTRICT]
        ? `(r.region_code LIKE :region OR r.id IN (SELECT s.income_id FROM income_share s WHERE s.village_code LIKE :region))`
        : 'r.region_code LIKE :region',
      { region: startsWithPattern(region) },
    );
    if (filter?.assetId) qb.andWhere('r.assetId = :assetId', { assetId: filter.assetId });
    if (filter?.kind) qb.andWhere('r.kind = :kind', { kind: filter.kind });
    if (filter?.receivedFrom) qb.andWhere('r.receivedOn >= :from', { from: filter.receivedFrom });
    if (filter?.receivedTo) qb.andWhere('r.receivedOn <= :to', { to: filter.receivedTo });
    if (filter?.year) qb.andWhere('extract(year FROM r.received_on) = :year', { year: filter.year });
    return keysetPage(
      qb,
      { first, after, maxPageSize: this.config.pagination.maxPageSize },
      {
        keys: [
          { sql: 'r.received_on', type: 'date' },
          { sql: 'r.id', type: 'uuid' },
        ],
        direction,
      },
    );
  }

  /**
   * The owners' parts of these incomes, each with its owner's name: as the asset's confirmed ownership
   * named that owner when the income was recorded (the latest confirmation recorded by then, in system
   * time), or else, for a village or township, the region's name (the village or township where an asset
   * whose ownership was not yet confirmed sits: see incomeOwners). Null if neither.
   */
  async sharesOf(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, NamedIncomeShare[]>> {
    const manager = this.connection.getManager(ctx);
    const rows = await manager.query<Array<Record<string, unknown>>>(
      `SELECT ${prefixedColumnList(manager, IncomeShare, 's', 's__')},
              coalesce(o.owner_name, g.name) AS owner_name
         FROM income_share s
         JOIN income_record r ON r.id = s.income_id
         LEFT JOIN LATERAL (
              SELECT w.owner_name FROM asset_ownership w
               WHERE w.asset_id = r.asset_id AND w.owner_type = s.owner_type AND w.owner_ref = s.owner_ref
                 AND w.recorded_at <= r.created_at
               ORDER BY w.recorded_at DESC, w.id DESC
               LIMIT 1) o ON true
         LEFT JOIN region g
           ON g.code = s.owner_ref AND s.owner_type IN ('${OwnerType.VILLAGE_COLLECTIVE}', '${OwnerType.TOWNSHIP}')
        WHERE s.income_id = ANY($1::uuid[])
        ORDER BY s.income_id, s.position`,
      [[...ids]],
    );
    const hydrate = hydrator(manager, IncomeShare, 's__');
    const out = new Map<string, NamedIncomeShare[]>(ids.map((id) => [id, []]));
    for (const row of rows) {
      const share = hydrate(row) as NamedIncomeShare;
      share.ownerName = (row.owner_name as string | null) ?? null;
      out.get(share.incomeId)?.push(share);
    }
    return out;
  }

  /** Income recorded under each contract, net of reversals (a compensating record keeps the contract). */
  async receivedByContract(ctx: RequestContext, contractIds: readonly string[]): Promise<Map<string, Fen>> {
    if (contractIds.length === 0) return new Map();
    const rows = await this.connection
      .getManager(ctx)
      .query<Array<{ contract_id: string; received: string }>>(
        `SELECT contract_id, sum(amount)::text AS received FROM income_record
          WHERE contract_id = ANY($1::uuid[]) GROUP BY contract_id`,
        [[...contractIds]],
      );
    return new Map(rows.map((r) => [r.contract_id, BigInt(r.received)]));
  }

  async reversalsOf(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.connection.getRepository(ctx, IncomeRecord).findBy({ reversesId: In([...ids]) });
    return new Map(rows.map((r) => [r.reversesId!, r.id]));
  }

  /** The clerk of the asset's village, or an officer of its township (see incomeWriterRefusal). */
  private assertWriter(user: AuthUser, asset: Asset): void {
    const refusal = incomeWriterRefusal(user, asset);
    if (refusal) throw new DomainError(ErrorCode.FORBIDDEN, refusal);
  }

  /**
   * Inserts a new income record and its owners' parts (see incomeOwners and incomeShares) and records
   * INCOME_RECORDED. Both INSERTs return their rows, so the record is not read again, neither here nor
   * by the ledger: the entry's state is built from those rows by `incomeState`, as `states` builds it.
   */
  private async insertIncome(
    ctx: RequestContext,
    values: NewIncome,
    owners: ReadonlyArray<{ ownerType: OwnerType; ownerRef: string; shareBp: number }>,
    details?: Json,
  ): Promise<IncomeRecord> {
    const manager = this.connection.requireTransaction(ctx);
    const [row] = await preparedQuery<Record<string, unknown>>(
      manager,
      'income-insert-v1',
      `INSERT INTO income_record (asset_id, region_code, amount, kind, period_from, period_to, received_on,
                                  supplement, note, evidence, idempotency_key, recorded_by, contract_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       RETURNING ${columnList(manager, IncomeRecord)}`,
      [
        values.assetId,
        values.regionCode,
        values.amount.toString(),
        values.kind,
        values.periodFrom,
        values.periodTo,
        values.receivedOn,
        values.supplement,
        values.note,
        JSON.stringify(values.evidence),
        values.idempotencyKey,
        values.recordedBy,
        values.contractId,
      ],
    );
    const record = hydrator(manager, IncomeRecord)(row);
    const parts = incomeShares(values.amount, incomeOwners(values.regionCode, owners));
    const shares = (
      await preparedQuery<Record<string, unknown>>(
        manager,
        'income-share-insert-v1',
        `INSERT INTO income_share (income_id, position, owner_type, owner_ref, village_code, share_bp, amount)
         SELECT $1, p.position, p.owner_type, p.owner_ref, p.village_code, p.share_bp, p.amount
           FROM unnest($2::smallint[], $3::varchar[], $4::varchar[], $5::varchar[], $6::integer[], $7::bigint[])
             AS p(position, owner_type, owner_ref, village_code, share_bp, amount)
         RETURNING ${columnList(manager, IncomeShare)}`,
        [
          record.id,
          parts.map((p) => p.position),
          parts.map((p) => p.ownerType),
          parts.map((p) => p.ownerRef),
          parts.map((p) => p.villageCode),
          parts.map((p) => p.shareBp),
          parts.map((p) => p.amount.toString()),
        ],
      )
    ).map(hydrator(manager, IncomeShare));
    this.ledger.record(ctx, {
      action: LedgerAction.INCOME_RECORDED,
      entityType: INCOME_SUBJECT,
      entityId: record.id,
      details,
      after: incomeState(record, shares),
      created: true,
    });
    return record;
  }
}
