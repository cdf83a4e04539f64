import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Brackets, EntityManager, In } from 'typeorm';
import { chunks } from '@/common/collections/chunks';
import { AuthUser, Role } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode, ProblemList, registerConstraintErrors } from '@/common/errors';
import { Connection, keysetPage } from '@/common/pagination';
import { addDays, isLocalDate, todayInChina } from '@/common/scalars';
import { APP_CONFIG, AppConfig } from '@/config';
import {
  containsPattern,
  IdempotencyService,
  leanInsert,
  leanInsertReturning,
  leanInsertReturningIds,
  TransactionalConnection,
} from '@/database';
import { RecordRef, RegionScopeService } from '@/auth/region-scope.service';
import { LedgerAction } from '@/ledger/ledger-actions';
import { Json, toLedgerJson } from '@/ledger/ledger-subject';
import { LedgerSubjectRegistry } from '@/ledger/ledger-subject.registry';
import { LedgerService } from '@/ledger/ledger.service';
import { Region } from '@/regions/region.entity';
import { RegionLevel } from '@/regions/region-level.enum';
import { HouseholdChangesInput, HouseholdFilter, RegisterHouseholdInput } from './dto/household.inputs';
import { eligibilityOn, isEligibleOn } from './eligibility';
import { Household, HouseholdStatus } from './household.entity';
import { HouseholdStatusKind, MonitoringCategory } from './household.enums';
import { StatusDraft, StatusRuleKey, statusProblems } from './household-rules';
import { idNumberDigest, maskIdNumber, newIdNumberSalt } from './id-number';
import { maskPhone, newPhoneSalt, phoneDigest } from './phone';

export const HOUSEHOLD_SUBJECT = 'Household';

const householdRef = (id: string): RecordRef => ({
  what: 'Household',
  id,
  code: ErrorCode.HOUSEHOLD_NOT_FOUND,
});

registerConstraintErrors({
  UQ_household_registry_no: {
    code: ErrorCode.HOUSEHOLD_DUPLICATE_REGISTRY_NO,
    message: 'A household with this registry number was registered at the same time',
  },
  UQ_household_status_open: {
    code: ErrorCode.STALE_VERSION,
    message: 'The status of this household changed at the same time: read it again',
  },
});

/** Statuses in the order they happened. */
function byStart(statuses: readonly HouseholdStatus[]): HouseholdStatus[] {
  return [...statuses].sort((a, b) =>
    a.startedOn === b.startedOn ? a.id.localeCompare(b.id) : a.startedOn < b.startedOn ? -1 : 1,
  );
}

/**
 * A household as the ledger records it: every column and its status history, except the head's ID
 * number and phone, which auditors must not read: the ledger gets their masks and salted SHA-256 digests
 * (the salts stay in the row), so that `reconcile` still notices an edited number.
 */
export function householdState(h: Household, statuses: readonly HouseholdStatus[]): Json {
  return toLedgerJson({
    id: h.id,
    registryNo: h.registryNo,
    headName: h.headName,
    villageCode: h.villageCode,
    membersCount: h.membersCount,
    idNumberMasked: h.idNumber === null ? null : maskIdNumber(h.idNumber),
    idNumberDigest:
      h.idNumber === null || h.idNumberSalt === null ? null : idNumberDigest(h.idNumberSalt, h.idNumber),
    // Entries written before phone digests existed hold the number itself; such a household keeps that
    // state until its next change, which gives it a salt (then only the mask and the digest).
    ...(h.phoneSalt === null
      ? { phone: h.phone }
      : {
          phoneMasked: h.phone === null ? null : maskPhone(h.phone),
          phoneDigest: h.phone === null ? null : phoneDigest(h.phoneSalt, h.phone),
        }),
    address: h.address,
    statuses: byStart(statuses).map((s) => ({
      id: s.id,
      status: s.status,
      monitoringCategory: s.monitoringCategory,
      startedOn: s.startedOn,
      endedOn: s.endedOn,
      endReason: s.endReason,
    })),
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
    version: h.version,
  });
}

/** A household ready to be inserted with its first status (registration, import). */
export interface HouseholdDraft {
  registryNo: string;
  headName: string;
  villageCode: string;
  membersCount: number;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  status: StatusDraft;
}

/** What the income-distribution feature needs to know about one household on one day. */
export interface HouseholdEligibility {
  villageCode: string;
  eligible: boolean;
  status: 'POVERTY_ALLEVIATED' | 'MONITORED' | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Households per INSERT (one array per column: no limit on parameters). */
const INSERT_BATCH = 5000;
const LOOKUP_BATCH = 5000;

/**
 * Beneficiary households (脱贫户 and 监测户) and their status history; eligibility for income
 * distribution (see `eligibility.ts`). Village clerks register and edit in their village, township
 * officers in their villages, DISTRICT_SUPERVISOR and ADMIN everywhere; AUDITOR reads only. The head's
 * ID number is shown in full only to the clerk and the township officer in whose scope the household
 * is (they make payouts); everyone else sees it masked, and the ledger never holds it.
 */
@Injectable()
export class HouseholdsService implements OnModuleInit {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly idempotency: IdempotencyService,
    private readonly scope: RegionScopeService,
    private readonly ledger: LedgerService,
    private readonly subjects: LedgerSubjectRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      entityType: HOUSEHOLD_SUBJECT,
      load: (manager, ids) => this.states(manager, ids),
      keyset: { entity: Household },
      regionOf: (state) => (state as { villageCode: string }).villageCode,
    });
  }

  private async states(manager: EntityManager, ids: string[]): Promise<Map<string, Json>> {
    if (ids.length === 0) return new Map();
    const households = await manager.getRepository(Household).findBy({ id: In(ids) });
    const statuses = await manager.getRepository(HouseholdStatus).findBy({ householdId: In(ids) });
    const byHousehold = new Map<string, HouseholdStatus[]>();
    for (const s of statuses) byHousehold.set(s.householdId, [...(byHousehold.get(s.householdId) ?? []), s]);
    return new Map(households.map((h) => [h.id, householdState(h, byHousehold.get(h.id) ?? [])]));
  }

  // ---------------------------------------------------------------------------------------------------
  // Reads
  // ---------------------------------------------------------------------------------------------------

  async findOne(ctx: RequestContext, id: string): Promise<Household> {
    const household = await this.connection.getRepository(ctx, Household).findOneBy({ id });
    return this.scope.getInScope(ctx.currentUser, household, (h) => h.villageCode, householdRef(id));
  }

  /** Households by id (no scope check: for loaders of records the caller already reads). */
  async byIds(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, Household>> {
    const valid = [...new Set(ids)].filter((id) => UUID.test(id));
    const out = new Map<string, Household>();
    for (const batch of chunks(valid, LOOKUP_BATCH)) {
      for (const h of await this.connection.getRepository(ctx, Household).findBy({ id: In(batch) })) {
        out.set(h.id, h);
      }
    }
    return out;
  }

  /** Each household's status history, oldest first. */
  async statusesOf(
    ctx: RequestContext,
    householdIds: readonly string[],
  ): Promise<Map<string, HouseholdStatus[]>> {
    const out = new Map<string, HouseholdStatus[]>(householdIds.map((id) => [id, []]));
    for (const batch of chunks([...new Set(householdIds)], LOOKUP_BATCH)) {
      const rows = await this.connection
        .getRepository(ctx, HouseholdStatus)
        .findBy({ householdId: In(batch) });
      for (const row of rows) out.get(row.householdId)?.push(row);
    }
    for (const [id, list] of out) out.set(id, byStart(list));
    return out;
  }

  /** Registry numbers among `registryNos` that are registered already. */
  async existingRegistryNumbers(ctx: RequestContext, registryNos: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const batch of chunks([...new Set(registryNos)], LOOKUP_BATCH)) {
      const rows = await this.connection
        .getManager(ctx)
        .query<Array<{ registry_no: string }>>(
          'SELECT registry_no FROM household WHERE registry_no = ANY($1::varchar[])',
          [batch],
        );
      for (const r of rows) out.add(r.registry_no);
    }
    return out;
  }

  /** Whether `user` may see the full ID number of a household of `villageCode` (they make payouts). */
  canSeeIdNumber(user: AuthUser, villageCode: string): boolean {
    return (
      (user.role === Role.VILLAGE_CLERK || user.role === Role.TOWNSHIP_OFFICER) &&
      this.scope.canWrite(user, villageCode)
    );
  }

  /** The phone as `user` may see it: in full for those who see ID numbers, masked for everyone else. */
  phoneFor(user: AuthUser, household: Household): string | null {
    if (household.phone === null) return null;
    return this.canSeeIdNumber(user, household.villageCode) ? household.phone : maskPhone(household.phone);
  }

  /** The ID number as `user` may see it: in full, masked, or null when there is none. */
  idNumberFor(user: AuthUser, household: Household): string | null {
    if (household.idNumber === null) return null;
    return this.canSeeIdNumber(user, household.villageCode)
      ? household.idNumber
      : maskIdNumber(household.idNumber);
  }

  async list(
    ctx: RequestContext,
    filter: HouseholdFilter | undefined,
    first: number | undefined,
    after: string | undefined,
  ): Promise<Connection<Household>> {
    const user = ctx.currentUser;
    const qb = this.scope.restrict(
      this.connection.getRepository(ctx, Household).createQueryBuilder('h'),
      user,
      'h.village_code',
      { region: filter?.villageCode, field: 'filter.villageCode' },
    );
    if (filter?.status || filter?.monitoringCategory) {
      const conditions = ['s.household_id = h.id', 's.ended_on IS NULL'];
      if (filter.status) conditions.push('s.status = :status');
      if (filter.monitoringCategory) conditions.push('s.monitoring_category = :category');
      qb.andWhere(`EXISTS (SELECT 1 FROM household_status s WHERE ${conditions.join(' AND ')})`, {
        status: filter.status,
        category: filter.monitoringCategory,
      });
    }
    if (filter?.eligibleOn) {
      this.requireDate(filter.eligibleOn, 'filter.eligibleOn');
      // The rule of eligibility.ts (periodCovers), in SQL.
      qb.andWhere(
        `EXISTS (SELECT 1 FROM household_status e WHERE e.household_id = h.id
            AND e.started_on <= CAST(:eligibleOn AS date)
            AND (e.ended_on IS NULL
                 OR CAST(:eligibleOn AS date) < (date_trunc('month', e.ended_on) + interval '1 month')::date))`,
        { eligibleOn: filter.eligibleOn },
      );
    }
    if (filter?.text) {
      const pattern = containsPattern(filter.text);
      // Only those who see full ID numbers may search by them (otherwise a search reveals digits).
      const byIdNumber = user.role === Role.VILLAGE_CLERK || user.role === Role.TOWNSHIP_OFFICER;
      qb.andWhere(
        new Brackets((w) => {
          w.where('h.registryNo ILIKE :pattern', { pattern }).orWhere('h.headName ILIKE :pattern');
          if (byIdNumber) w.orWhere('h.idNumber ILIKE :pattern');
        }),
      );
    }
    return keysetPage(
      qb,
      { first, after, maxPageSize: this.config.pagination.maxPageSize },
      { keys: [{ sql: 'h.registry_no', type: 'varchar' }], direction: 'ASC' },
    );
  }

  // ---------------------------------------------------------------------------------------------------
  // Eligibility: the API of the income-distribution feature
  // ---------------------------------------------------------------------------------------------------

  /**
   * Eligibility of each household on `onDate` ('YYYY-MM-DD'), with its village and the status that
   * makes it eligible (null when it is not). Unknown ids (and households outside the caller's region)
   * are absent from the map. Reads in the caller's transaction when there is one.
   */
  async eligibility(
    ctx: RequestContext,
    householdIds: string[],
    onDate: string,
  ): Promise<
    Map<string, { villageCode: string; eligible: boolean; status: 'POVERTY_ALLEVIATED' | 'MONITORED' | null }>
  > {
    this.requireDate(onDate, 'onDate');
    const households = [...(await this.byIds(ctx, householdIds)).values()].filter(
      (h) => !ctx.user || this.scope.canRead(ctx.user, h.villageCode),
    );
    const statuses = await this.statusesOf(
      ctx,
      households.map((h) => h.id),
    );
    const out = new Map<string, HouseholdEligibility>();
    for (const h of households) {
      const result = eligibilityOn(statuses.get(h.id) ?? [], onDate);
      out.set(h.id, { villageCode: h.villageCode, eligible: result.eligible, status: result.status });
    }
    return out;
  }

  /**
   * Every household registered in the village (by registry number), with its eligibility on `onDate`.
   * A village outside the caller's region is OUT_OF_SCOPE.
   */
  async villageHouseholds(
    ctx: RequestContext,
    villageCode: string,
    onDate: string,
  ): Promise<Array<{ id: string; membersCount: number; eligible: boolean }>> {
    this.requireDate(onDate, 'onDate');
    if (ctx.user) this.scope.assertRead(ctx.user, villageCode, `village ${villageCode}`);
    const households = await this.connection
      .getRepository(ctx, Household)
      .find({ where: { villageCode }, order: { registryNo: 'ASC' } });
    const statuses = await this.statusesOf(
      ctx,
      households.map((h) => h.id),
    );
    return households.map((h) => ({
      id: h.id,
      membersCount: h.membersCount,
      eligible: isEligibleOn(statuses.get(h.id) ?? [], onDate),
    }));
  }

  // ---------------------------------------------------------------------------------------------------
  // Writes
  // ---------------------------------------------------------------------------------------------------

  /** Registers a household once per idempotency key (a repeat returns the first household). */
  register(ctx: RequestContext, input: RegisterHouseholdInput): Promise<Household> {
    return this.idempotency.run(
      ctx,
      {
        operation: 'registerHousehold',
        key: input.idempotencyKey,
        request: input,
        remember: (household: Household) => ({ id: household.id }),
        replay: ({ id }) => this.findOne(ctx, id),
      },
      () => this.insertHousehold(ctx, input),
    );
  }

  private async insertHousehold(ctx: RequestContext, input: RegisterHouseholdInput): Promise<Household> {
    const user = ctx.currentUser;
    const draft: HouseholdDraft = {
      registryNo: input.registryNo,
      headName: input.headName.trim(),
      villageCode: input.villageCode,
      membersCount: input.membersCount,
      idNumber: input.idNumber?.trim() || null,
      phone: input.phone?.trim() || null,
      address: input.address?.trim() || null,
      status: {
        status: input.status,
        monitoringCategory: input.monitoringCategory ?? null,
        startedOn: input.startedOn,
        endedOn: input.endedOn ?? null,
      },
    };
    const problems = new ProblemList();
    this.checkStatus(problems, draft.status, (key) => `input.${key}`);
    problems.throwIfAny();
    await this.requireVillage(ctx, draft.villageCode, 'input.villageCode');
    this.scope.assertWrite(user, draft.villageCode, `village ${draft.villageCode}`);
    if ((await this.existingRegistryNumbers(ctx, [draft.registryNo])).size > 0) {
      throw new DomainError(
        ErrorCode.HOUSEHOLD_DUPLICATE_REGISTRY_NO,
        `input.registryNo: household ${draft.registryNo} is already registered`,
        { fields: [{ field: 'input.registryNo', message: 'already registered' }] },
      );
    }
    const [id] = await this.insertMany(ctx, [draft]);
    return this.connection.getRepository(ctx, Household).findOneByOrFail({ id });
  }

  /**
   * Inserts checked households with their first status, one ledger entry each (registration, import).
   * The caller has checked the rules, the villages, its scope and the registry numbers. Each entry's
   * state is built from the rows the INSERTs returned, as stored, so the ledger does not read the
   * households and their statuses back; except with `readStatesAtAppend` (an import, which appends once
   * all its rows are inserted: see AssetsService.insertMany).
   */
  async insertMany(
    ctx: RequestContext,
    drafts: readonly HouseholdDraft[],
    { readStatesAtAppend = false }: { readStatesAtAppend?: boolean } = {},
  ): Promise<string[]> {
    const manager = this.connection.requireTransaction(ctx);
    const record = (id: string, after: Json | undefined): void =>
      this.ledger.record(ctx, {
        action: LedgerAction.HOUSEHOLD_REGISTERED,
        entityType: HOUSEHOLD_SUBJECT,
        entityId: id,
        after,
        // Ids the INSERT just made: no earlier entry to look for.
        created: true,
      });
    const ids: string[] = [];
    for (const batch of chunks(drafts, INSERT_BATCH)) {
      const rows = batch.map((d) => ({
        registryNo: d.registryNo,
        headName: d.headName,
        villageCode: d.villageCode,
        membersCount: d.membersCount,
        idNumber: d.idNumber,
        idNumberSalt: d.idNumber === null ? null : newIdNumberSalt(),
        phone: d.phone,
        phoneSalt: newPhoneSalt(),
        address: d.address,
      }));
      const statusRows = (batchIds: readonly string[]) =>
        batch.map((d, i) => ({
          householdId: batchIds[i],
          status: d.status.status,
          monitoringCategory: d.status.monitoringCategory,
          startedOn: d.status.startedOn,
          endedOn: d.status.endedOn,
          endReason: null,
        }));
      if (readStatesAtAppend) {
        const batchIds = await leanInsertReturningIds(manager, Household, rows);
        await leanInsert(manager, HouseholdStatus, statusRows(batchIds));
        for (const id of batchIds) record(id, undefined);
        ids.push(...batchIds);
        continue;
      }
      const households = await leanInsertReturning(manager, Household, rows);
      households.forEach((h, i) => {
        // RETURNING gives the rows in the order they were inserted; checked, since the states depend on it.
        if (h.registryNo !== batch[i].registryNo) {
          throw new Error(
            `insertMany: row ${i} came back as household ${h.registryNo}, not ${batch[i].registryNo}`,
          );
        }
      });
      const batchIds = households.map((h) => h.id);
      const statuses = await leanInsertReturning(manager, HouseholdStatus, statusRows(batchIds));
      households.forEach((h, i) => {
        if (statuses[i].householdId !== h.id)
          throw new Error(`insertMany: status ${i} is not of its household`);
        record(h.id, householdState(h, [statuses[i]]));
      });
      ids.push(...batchIds);
    }
    return ids;
  }

  async update(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    changes: HouseholdChangesInput,
  ): Promise<Household> {
    const user = ctx.currentUser;
    const household = await this.lockForUpdate(ctx, id);
    this.scope.assertWrite(user, household.villageCode, `household ${household.registryNo}`);
    if (household.version !== expectedVersion) {
      throw new DomainError(
        ErrorCode.STALE_VERSION,
        `Household ${household.registryNo} changed since you read it (now version ${household.version}, you had ${expectedVersion})`,
        { currentVersion: household.version },
      );
    }
    const before = await this.stateOf(ctx, id);
    // null for a required field means "unchanged" (it cannot be cleared).
    if (changes.villageCode != null && changes.villageCode !== household.villageCode) {
      await this.requireVillage(ctx, changes.villageCode, 'changes.villageCode');
      this.scope.assertWrite(user, changes.villageCode, `village ${changes.villageCode}`);
      household.villageCode = changes.villageCode;
    }
    if (changes.headName != null) household.headName = changes.headName.trim();
    if (changes.membersCount != null) household.membersCount = changes.membersCount;
    if (changes.idNumber !== undefined) {
      const idNumber = changes.idNumber?.trim() || null;
      if (idNumber !== household.idNumber) {
        household.idNumber = idNumber;
        household.idNumberSalt = idNumber === null ? null : newIdNumberSalt();
      }
    }
    if (changes.phone !== undefined) {
      const phone = changes.phone?.trim() || null;
      if (phone !== household.phone) household.phoneSalt = newPhoneSalt();
      household.phone = phone;
    }
    household.phoneSalt ??= newPhoneSalt();
    if (changes.address !== undefined) household.address = changes.address?.trim() || null;
    await this.connection.getRepository(ctx, Household).update(
      { id },
      {
        headName: household.headName,
        villageCode: household.villageCode,
        membersCount: household.membersCount,
        idNumber: household.idNumber,
        idNumberSalt: household.idNumberSalt,
        phone: household.phone,
        phoneSalt: household.phoneSalt,
        address: household.address,
        version: household.version + 1,
      },
    );
    this.ledger.record(ctx, {
      action: LedgerAction.HOUSEHOLD_UPDATED,
      entityType: HOUSEHOLD_SUBJECT,
      entityId: id,
      before,
    });
    return this.connection.getRepository(ctx, Household).findOneByOrFail({ id });
  }

  /**
   * A new status from `startedOn`: the current one (if any) ends the day before. A household that had
   * left the monitoring system re-enters it after the day it left.
   */
  async changeStatus(
    ctx: RequestContext,
    householdId: string,
    status: HouseholdStatusKind,
    monitoringCategory: MonitoringCategory | null | undefined,
    startedOn: string,
  ): Promise<Household> {
    const user = ctx.currentUser;
    const household = await this.lockForUpdate(ctx, householdId);
    this.scope.assertWrite(user, household.villageCode, `household ${household.registryNo}`);
    const history = (await this.statusesOf(ctx, [householdId])).get(householdId) ?? [];
    const current = history.find((s) => s.endedOn === null);
    const last = history[history.length - 1];
    const draft: StatusDraft = {
      status,
      monitoringCategory: monitoringCategory ?? null,
      startedOn,
      endedOn: null,
    };
    const problems = new ProblemList();
    this.checkStatus(problems, draft, (key) => key);
    if (current) {
      if (current.status === draft.status && current.monitoringCategory === draft.monitoringCategory) {
        problems.add('status', `the household is already ${status} since ${current.startedOn}`);
      } else if (startedOn <= current.startedOn) {
        problems.add('startedOn', `must be after the start of the current status (${current.startedOn})`);
      }
    } else if (last?.endedOn && startedOn <= last.endedOn) {
      problems.add('startedOn', `must be after the day the household left the system (${last.endedOn})`);
    }
    problems.throwIfAny();
    const before = await this.stateOf(ctx, householdId);
    const statusRepo = this.connection.getRepository(ctx, HouseholdStatus);
    if (current) await statusRepo.update({ id: current.id }, { endedOn: addDays(startedOn, -1) });
    await statusRepo.insert({
      householdId,
      status: draft.status,
      monitoringCategory: draft.monitoringCategory,
      startedOn,
      endedOn: null,
      endReason: null,
    });
    return this.touch(ctx, household, LedgerAction.HOUSEHOLD_STATUS_CHANGED, before);
  }

  /** The household leaves the monitoring system on `endedOn` (its last day): no status is open after. */
  async endStatus(
    ctx: RequestContext,
    householdId: string,
    endedOn: string,
    reason: string,
  ): Promise<Household> {
    const user = ctx.currentUser;
    const household = await this.lockForUpdate(ctx, householdId);
    this.scope.assertWrite(user, household.villageCode, `household ${household.registryNo}`);
    const history = (await this.statusesOf(ctx, [householdId])).get(householdId) ?? [];
    const current = history.find((s) => s.endedOn === null);
    if (!current) {
      const last = history[history.length - 1];
      throw new DomainError(
        ErrorCode.HOUSEHOLD_NO_OPEN_STATUS,
        `Household ${household.registryNo} has no current status${last?.endedOn ? ` (it left on ${last.endedOn})` : ''}`,
      );
    }
    const problems = new ProblemList();
    for (const p of statusProblems({ ...current, endedOn }, todayInChina())) {
      if (p.key === 'endedOn') problems.add('endedOn', p.message);
    }
    problems.throwIfAny();
    const before = await this.stateOf(ctx, householdId);
    await this.connection
      .getRepository(ctx, HouseholdStatus)
      .update({ id: current.id }, { endedOn, endReason: reason.trim() });
    return this.touch(ctx, household, LedgerAction.HOUSEHOLD_STATUS_ENDED, before);
  }

  async stateOf(ctx: RequestContext, id: string): Promise<Json> {
    return (await this.states(this.connection.getManager(ctx), [id])).get(id) ?? null;
  }

  // ---------------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------------

  /** A status change is a change of the household: new version, and its ledger entry. */
  private async touch(
    ctx: RequestContext,
    household: Household,
    action: LedgerAction,
    before: Json,
  ): Promise<Household> {
    const repo = this.connection.getRepository(ctx, Household);
    // A household that predates phone digests gets its salt with its next entry (see householdState).
    await repo.update(
      { id: household.id },
      { version: household.version + 1, phoneSalt: household.phoneSalt ?? newPhoneSalt() },
    );
    this.ledger.record(ctx, { action, entityType: HOUSEHOLD_SUBJECT, entityId: household.id, before });
    return repo.findOneByOrFail({ id: household.id });
  }

  /** Reads a household FOR UPDATE (concurrent changes of one household queue up), or NOT_FOUND. */
  private async lockForUpdate(ctx: RequestContext, id: string): Promise<Household> {
    const household = await this.connection
      .getRepository(ctx, Household)
      .createQueryBuilder('h')
      .setLock('pessimistic_write')
      .where('h.id = :id', { id })
      .getOne();
    return this.scope.getInScope(ctx.currentUser, household, (h) => h.villageCode, householdRef(id));
  }

  private checkStatus(
    problems: ProblemList,
    draft: StatusDraft,
    field: (key: StatusRuleKey) => string,
  ): void {
    for (const p of statusProblems(draft, todayInChina())) problems.add(field(p.key), p.message);
  }

  private requireDate(value: string, field: string): void {
    if (!isLocalDate(value)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `${field}: not a date YYYY-MM-DD`, {
        fields: [{ field, message: 'must be a date YYYY-MM-DD' }],
      });
    }
  }

  /** A village that exists (BAD_USER_INPUT naming the field otherwise). */
  private async requireVillage(ctx: RequestContext, code: string, field: string): Promise<Region> {
    const region = await this.connection.getRepository(ctx, Region).findOneBy({ code });
    if (!region || region.level !== RegionLevel.VILLAGE) {
      const message = region ? `${code} (${region.name}) is not a village` : 'no such village';
      throw new DomainError(ErrorCode.REFERENCE_NOT_FOUND, `${field}: ${message}`, {
        fields: [{ field, message }],
      });
    }
    return region;
  }
}
