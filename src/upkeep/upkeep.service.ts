import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { In } from 'typeorm';
import { AuthUser, Role } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode, ProblemList } from '@/common/errors';
import { todayInChina } from '@/common/scalars';
import { APP_CONFIG, AppConfig } from '@/config';
import { IdempotencyService, LockSpace, lockInTransaction, TransactionalConnection } from '@/database';
import { RegionScopeService } from '@/auth/region-scope.service';
import { Asset } from '@/assets/asset.entity';
import { AssetStatus } from '@/assets/asset.enums';
import { AssetsService } from '@/assets/assets.service';
import { FilesService } from '@/files/files.service';
import { maskPhone, newPhoneSalt, phoneDigest } from '@/households/phone';
import { LedgerAction } from '@/ledger/ledger-actions';
import { Json, toLedgerJson } from '@/ledger/ledger-subject';
import { LedgerSubjectRegistry } from '@/ledger/ledger-subject.registry';
import { LedgerService } from '@/ledger/ledger.service';
import {
  DEFAULT_UPKEEP_RULES,
  UpkeepCondition,
  UpkeepDuty,
  UpkeepInspection,
  UpkeepPolicyVersion,
  UpkeepRepair,
} from './upkeep.entity';
import {
  allocationRefusal,
  effectiveResponsibility,
  inspectionDueOn,
  inspectionProblems,
  phoneProblems,
  policyProblems,
  repairProblems,
  writerRefusal,
} from './upkeep-rules';
import {
  AssetUpkeepType,
  RecordInspectionInput,
  RecordRepairInput,
  SetUpkeepDutyInput,
  UpkeepAllocationType,
  UpkeepDutyType,
  UpkeepInspectionType,
  UpkeepPolicyInput,
  UpkeepPolicyType,
  UpkeepRepairType,
} from './upkeep.types';

export const UPKEEP_DUTY_SUBJECT = 'UpkeepDuty';
export const UPKEEP_INSPECTION_SUBJECT = 'UpkeepInspection';
export const UPKEEP_REPAIR_SUBJECT = 'UpkeepRepair';
export const UPKEEP_POLICY_SUBJECT = 'UpkeepPolicy';

interface AllocationRow {
  id: string;
  plan_id: string;
  title: string;
  channel: string;
  amount: string;
  note: string | null;
  village_code: string;
  status: string;
  repaired: string;
  paid: string;
}

/**
 * Upkeep (管护): each asset's upkeep duty, its inspections (巡查) and repairs, and the policy that says
 * how often each class is inspected and how soon damage is repaired. The village clerk records (the
 * township officer for an asset sitting at the township); township and district read their region.
 * Every write is one transaction with its ledger entry; inspections and repairs take idempotency keys.
 */
@Injectable()
export class UpkeepService implements OnModuleInit {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly idempotency: IdempotencyService,
    private readonly scope: RegionScopeService,
    private readonly ledger: LedgerService,
    private readonly subjects: LedgerSubjectRegistry,
    private readonly assets: AssetsService,
    private readonly files: FilesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const district = this.config.ledger.districtCode;
    const regionOf = (state: Json): string => (state as { regionCode: string }).regionCode;
    this.subjects.register({
      entityType: UPKEEP_DUTY_SUBJECT,
      load: async (manager, ids) => {
        const rows = await manager.getRepository(UpkeepDuty).findBy({ assetId: In(ids) });
        return new Map(rows.map((r) => [r.assetId, dutyState(r)]));
      },
      keyset: { entity: UpkeepDuty, column: 'assetId' },
      regionOf,
    });
    this.subjects.register({
      entityType: UPKEEP_INSPECTION_SUBJECT,
      load: async (manager, ids) => {
        const rows = await manager.getRepository(UpkeepInspection).findBy({ id: In(ids) });
        return new Map(rows.map((r) => [r.id, inspectionState(r)]));
      },
      keyset: { entity: UpkeepInspection },
      regionOf,
    });
    this.subjects.register({
      entityType: UPKEEP_REPAIR_SUBJECT,
      load: async (manager, ids) => {
        const rows = await manager.getRepository(UpkeepRepair).findBy({ id: In(ids) });
        return new Map(rows.map((r) => [r.id, repairState(r)]));
      },
      keyset: { entity: UpkeepRepair },
      regionOf,
    });
    this.subjects.register({
      entityType: UPKEEP_POLICY_SUBJECT,
      load: async (manager, ids) => {
        const rows = await manager
          .getRepository(UpkeepPolicyVersion)
          .findBy({ version: In(ids.map(Number)) });
        return new Map(rows.map((r) => [String(r.version), policyState(r)]));
      },
      keyset: { entity: UpkeepPolicyVersion, column: 'version', parse: Number },
      regionOf: () => district,
    });
  }

  // ---------------------------------------------------------------------------------------------------
  // Policy
  // ---------------------------------------------------------------------------------------------------

  async currentPolicy(ctx: RequestContext): Promise<UpkeepPolicyVersion> {
    const policy = await this.connection
      .getRepository(ctx, UpkeepPolicyVersion)
      .findOne({ where: {}, order: { version: 'DESC' } });
    if (!policy) throw new Error('no upkeep policy: the reference seed did not run');
    return policy;
  }

  async policies(ctx: RequestContext): Promise<UpkeepPolicyVersion[]> {
    return this.connection.getRepository(ctx, UpkeepPolicyVersion).find({ order: { version: 'DESC' } });
  }

  async setPolicy(ctx: RequestContext, input: UpkeepPolicyInput): Promise<UpkeepPolicyVersion> {
    const problems = new ProblemList().addAll(policyProblems(input));
    problems.throwIfAny();
    const manager = this.connection.requireTransaction(ctx);
    await lockInTransaction(manager, LockSpace.UPKEEP_POLICY);
    const current = await this.currentPolicy(ctx);
    const version = current.version + 1;
    await this.connection.getRepository(ctx, UpkeepPolicyVersion).insert({
      version,
      rules: {
        inspectionDays: {
          OPERATING: input.operatingInspectionDays,
          PUBLIC_WELFARE: input.publicWelfareInspectionDays,
          HOUSEHOLD: input.householdInspectionDays,
        },
        repairDays: input.repairDays,
        cycleStart: current.rules.cycleStart,
      },
      note: input.note?.trim() || null,
      createdBy: ctx.currentUser.id,
    });
    this.ledger.record(ctx, {
      action: LedgerAction.UPKEEP_POLICY_SET,
      entityType: UPKEEP_POLICY_SUBJECT,
      entityId: String(version),
    });
    return this.connection.getRepository(ctx, UpkeepPolicyVersion).findOneByOrFail({ version });
  }

  /** Version 1: quarterly inspections (yearly for household assets), repairs within 30 days; from today. */
  async seedDefaultPolicy(ctx: RequestContext): Promise<void> {
    const repo = this.connection.getRepository(ctx, UpkeepPolicyVersion);
    if (await repo.existsBy({ version: 1 })) return;
    await repo.insert({
      version: 1,
      rules: { ...DEFAULT_UPKEEP_RULES, cycleStart: todayInChina() },
      note: '默认管护巡查周期',
      createdBy: null,
    });
    this.ledger.record(ctx, {
      action: LedgerAction.UPKEEP_POLICY_SET,
      entityType: UPKEEP_POLICY_SUBJECT,
      entityId: '1',
    });
  }

  // ---------------------------------------------------------------------------------------------------
  // Writes
  // ---------------------------------------------------------------------------------------------------

  /** Records (or replaces) an asset's upkeep duty; its previous state stays on the ledger. */
  async setDuty(ctx: RequestContext, input: SetUpkeepDutyInput): Promise<UpkeepDutyType> {
    const asset = await this.writableAsset(ctx, input.assetId);
    const problems = new ProblemList();
    if (!input.body.trim()) problems.add('input.body', 'the management body is required');
    if (!input.person.trim()) problems.add('input.person', 'the responsible person is required');
    problems.addAll(phoneProblems(input.phone, 'input.phone'));
    problems.throwIfAny();
    const repo = this.connection.getRepository(ctx, UpkeepDuty);
    const current = await repo
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.assetId = :id', { id: asset.id })
      .getOne();
    if (input.expectedVersion !== undefined && input.expectedVersion !== (current?.version ?? 0)) {
      throw new DomainError(
        ErrorCode.STALE_VERSION,
        `The upkeep duty was changed by someone else (it is now version ${current?.version ?? 0}): refresh and try again`,
        { currentVersion: current?.version ?? 0 },
      );
    }
    const phone = input.phone?.trim() || null;
    const values = {
      regionCode: asset.locationCode,
      body: input.body.trim(),
      person: input.person.trim(),
      phone,
      // A new number gets a new salt, so that its digest on the ledger cannot be compared with the old one.
      phoneSalt: current && current.phone === phone ? current.phoneSalt : newPhoneSalt(),
      department: input.department,
      fundingSource: input.fundingSource,
      note: input.note?.trim() || null,
      updatedBy: ctx.currentUser.id,
    };
    let before: Json = null;
    if (current) {
      before = dutyState(current);
      await repo.update({ assetId: asset.id }, { ...values, version: current.version + 1 });
    } else {
      await repo.insert({ assetId: asset.id, ...values });
    }
    this.ledger.record(ctx, {
      action: LedgerAction.UPKEEP_DUTY_SET,
      entityType: UPKEEP_DUTY_SUBJECT,
      entityId: asset.id,
      ...(before ? { before } : {}),
    });
    return this.dutyView(ctx.currentUser, await repo.findOneByOrFail({ assetId: asset.id }));
  }

  recordInspection(ctx: RequestContext, input: RecordInspectionInput): Promise<UpkeepInspectionType> {
    return this.idempotency.run(
      ctx,
      {
        operation: 'recordUpkeepInspection',
        key: input.idempotencyKey,
        request: input,
        remember: (r: UpkeepInspectionType) => ({ id: r.id }),
        replay: async ({ id }) =>
          this.connection.getRepository(ctx, UpkeepInspection).findOneByOrFail({ id }),
      },
      () => this.insertInspection(ctx, input),
    );
  }

  private async insertInspection(
    ctx: RequestContext,
    input: RecordInspectionInput,
  ): Promise<UpkeepInspectionType> {
    const asset = await this.writableAsset(ctx, input.assetId);
    const problems = new ProblemList().addAll(
      inspectionProblems(input, todayInChina(), asset.completionDate),
    );
    problems.throwIfAny();
    const photos = await this.files.requireEvidence(
      ctx,
      input.photoFileIds,
      'input.photoFileIds',
      asset.locationCode,
    );
    const inserted = await this.connection.getRepository(ctx, UpkeepInspection).insert({
      assetId: asset.id,
      regionCode: asset.locationCode,
      inspectedOn: input.inspectedOn,
      inspector: input.inspector.trim(),
      condition: input.condition,
      photos,
      notes: input.notes?.trim() || null,
      recordedBy: ctx.currentUser.id,
    });
    const id = inserted.identifiers[0].id as string;
    this.ledger.record(ctx, {
      action: LedgerAction.UPKEEP_INSPECTED,
      entityType: UPKEEP_INSPECTION_SUBJECT,
      entityId: id,
      details: { assetId: asset.id, condition: input.condition },
    });
    return this.connection.getRepository(ctx, UpkeepInspection).findOneByOrFail({ id });
  }

  recordRepair(ctx: RequestContext, input: RecordRepairInput): Promise<UpkeepRepairType> {
    return this.idempotency.run(
      ctx,
      {
        operation: 'recordUpkeepRepair',
        key: input.idempotencyKey,
        request: input,
        remember: (r: UpkeepRepairType) => ({ id: r.id }),
        replay: async ({ id }) =>
          (
            await this.repairViews(ctx, [
              await this.connection.getRepository(ctx, UpkeepRepair).findOneByOrFail({ id }),
            ])
          )[0],
      },
      () => this.insertRepair(ctx, input),
    );
  }

  private async insertRepair(ctx: RequestContext, input: RecordRepairInput): Promise<UpkeepRepairType> {
    const asset = await this.writableAsset(ctx, input.assetId);
    let inspection: UpkeepInspection | null = null;
    if (input.inspectionId) {
      inspection = await this.connection
        .getRepository(ctx, UpkeepInspection)
        .findOneBy({ id: input.inspectionId, assetId: asset.id });
      if (!inspection) {
        throw new DomainError(
          ErrorCode.UPKEEP_INSPECTION_NOT_FOUND,
          'The inspection was not found, or it is not an inspection of this asset',
          { fields: [{ field: 'input.inspectionId', message: 'not an inspection of this asset' }] },
        );
      }
    }
    const problems = new ProblemList().addAll(repairProblems(input, todayInChina(), inspection));
    problems.throwIfAny();
    if (input.allocationId) {
      // Locks the allocation: repairs drawing on it at once queue up and cannot overspend it together.
      const rows: AllocationRow[] = await this.connection
        .getManager(ctx)
        .query(`${ALLOCATION_SELECT} WHERE a.id = $1 FOR UPDATE OF a`, [input.allocationId]);
      const a = rows[0];
      if (!a) {
        throw new DomainError(ErrorCode.ALLOCATION_NOT_FOUND, 'The chosen allocation was not found', {
          fields: [{ field: 'input.allocationId', message: 'not found' }],
        });
      }
      const refusal = allocationRefusal(
        {
          channel: a.channel,
          villageCode: a.village_code,
          planStatus: a.status,
          amount: BigInt(a.amount),
          used: BigInt(a.repaired) + BigInt(a.paid),
        },
        asset.locationCode,
        input.cost,
      );
      if (refusal) {
        throw new DomainError(refusal.code, refusal.message, {
          fields: [{ field: 'input.allocationId', message: refusal.message }],
        });
      }
    }
    const evidence = await this.files.requireEvidence(
      ctx,
      input.evidenceFileIds,
      'input.evidenceFileIds',
      asset.locationCode,
    );
    const inserted = await this.connection.getRepository(ctx, UpkeepRepair).insert({
      assetId: asset.id,
      regionCode: asset.locationCode,
      inspectionId: inspection?.id ?? null,
      repairedOn: input.repairedOn,
      description: input.description.trim(),
      cost: input.cost,
      paidBy: input.paidBy,
      allocationId: input.allocationId ?? null,
      payerNote: input.payerNote?.trim() || null,
      evidence,
      recordedBy: ctx.currentUser.id,
    });
    const id = inserted.identifiers[0].id as string;
    this.ledger.record(ctx, {
      action: LedgerAction.UPKEEP_REPAIRED,
      entityType: UPKEEP_REPAIR_SUBJECT,
      entityId: id,
      details: {
        assetId: asset.id,
        cost: input.cost.toString(),
        paidBy: input.paidBy,
        allocationId: input.allocationId ?? null,
      },
    });
    const repair = await this.connection.getRepository(ctx, UpkeepRepair).findOneByOrFail({ id });
    return (await this.repairViews(ctx, [repair]))[0];
  }

  /** The asset, locked, if the caller records its upkeep (and it is not disposed). */
  private async writableAsset(ctx: RequestContext, assetId: string): Promise<Asset> {
    const asset = await this.assets.lockForUpdate(ctx, assetId);
    const refusal = writerRefusal(ctx.currentUser, asset.locationCode);
    if (refusal) throw new DomainError(ErrorCode.FORBIDDEN, refusal);
    if (asset.status === AssetStatus.DISPOSED) {
      throw new DomainError(
        ErrorCode.ASSET_DISPOSED,
        `Asset ${asset.code} is disposed: it takes no more upkeep records`,
      );
    }
    return asset;
  }

  // ---------------------------------------------------------------------------------------------------
  // Reads
  // ---------------------------------------------------------------------------------------------------

  async assetUpkeep(ctx: RequestContext, assetId: string): Promise<AssetUpkeepType> {
    const asset = await this.assets.findOne(ctx, assetId);
    const duty = await this.connection.getRepository(ctx, UpkeepDuty).findOneBy({ assetId });
    const inspections = await this.connection
      .getRepository(ctx, UpkeepInspection)
      .find({ where: { assetId }, order: { inspectedOn: 'DESC', createdAt: 'DESC' } });
    const repairs = await this.connection
      .getRepository(ctx, UpkeepRepair)
      .find({ where: { assetId }, order: { repairedOn: 'DESC', createdAt: 'DESC' } });
    const policy = await this.currentPolicy(ctx);
    const last = inspections[0] ?? null;
    const dueOn = inspectionDueOn(policy.rules, asset.class, last?.inspectedOn ?? null, asset.handoverDate);
    const who = effectiveResponsibility(duty, asset);
    return {
      assetId,
      duty: duty ? this.dutyView(ctx.currentUser, duty) : null,
      responsibleBody: who.body,
      responsiblePerson: who.person,
      responsibilitySource: who.source,
      currentCondition: last?.condition ?? null,
      lastInspectedOn: last?.inspectedOn ?? null,
      inspectionDueOn: dueOn,
      inspectionOverdue:
        asset.status !== AssetStatus.DISPOSED &&
        asset.status !== AssetStatus.UNDER_CONSTRUCTION &&
        last?.condition !== UpkeepCondition.LOST &&
        dueOn < todayInChina(),
      inspections,
      repairs: await this.repairViews(ctx, repairs),
      repairCostTotal: repairs.reduce((s, r) => s + r.cost, 0n),
    };
  }

  /** The ASSET_UPKEEP allocations of filed (or completed) plans of the asset's village, with what is left. */
  async allocationsFor(ctx: RequestContext, assetId: string): Promise<UpkeepAllocationType[]> {
    const asset = await this.assets.findOne(ctx, assetId);
    // The village's plans are its own: a co-owner elsewhere reads the asset, not the plans that keep it.
    this.scope.assertRead(
      ctx.currentUser,
      asset.locationCode,
      `the upkeep allocations of asset ${asset.code}`,
    );
    const rows: AllocationRow[] = await this.connection.getManager(ctx).query(
      `${ALLOCATION_SELECT} WHERE a.channel = 'ASSET_UPKEEP' AND p.village_code = $1 AND p.status IN ('FILED', 'COMPLETED')
        ORDER BY p.plan_date DESC, a.position`,
      [asset.locationCode],
    );
    return rows.map((r) => {
      const used = BigInt(r.repaired) + BigInt(r.paid);
      const amount = BigInt(r.amount);
      return {
        allocationId: r.id,
        planId: r.plan_id,
        planTitle: r.title,
        amount,
        used,
        remaining: amount > used ? amount - used : 0n,
        note: r.note,
      };
    });
  }

  /** The phone as `user` may see it: in full for the clerk and the township officer in charge. */
  private dutyView(user: AuthUser, d: UpkeepDuty): UpkeepDutyType {
    const full =
      (user.role === Role.VILLAGE_CLERK || user.role === Role.TOWNSHIP_OFFICER) &&
      this.scope.canWrite(user, d.regionCode);
    return {
      assetId: d.assetId,
      body: d.body,
      person: d.person,
      phone: d.phone === null ? null : full ? d.phone : maskPhone(d.phone),
      department: d.department,
      fundingSource: d.fundingSource,
      note: d.note,
      updatedAt: d.updatedAt,
      version: d.version,
    };
  }

  private async repairViews(ctx: RequestContext, repairs: UpkeepRepair[]): Promise<UpkeepRepairType[]> {
    const allocationIds = [...new Set(repairs.map((r) => r.allocationId).filter((x): x is string => !!x))];
    const plans = new Map<string, string>();
    if (allocationIds.length) {
      const rows: Array<{ id: string; plan_id: string }> = await this.connection
        .getManager(ctx)
        .query('SELECT id, plan_id FROM distribution_allocation WHERE id = ANY($1)', [allocationIds]);
      for (const r of rows) plans.set(r.id, r.plan_id);
    }
    return repairs.map((r) => ({
      ...r,
      planId: r.allocationId ? (plans.get(r.allocationId) ?? null) : null,
    }));
  }
}

const ALLOCATION_SELECT = `SELECT a.id, a.plan_id, p.title, a.channel, a.amount::text, a.note, p.village_code, p.status,
    (SELECT coalesce(sum(r.cost), 0) FROM upkeep_repair r WHERE r.allocation_id = a.id)::text AS repaired,
    (SELECT coalesce(sum(x.amount), 0) FROM distribution_payout x WHERE x.allocation_id = a.id)::text AS paid
  FROM distribution_allocation a JOIN distribution_plan p ON p.id = a.plan_id`;

export function toPolicyType(p: UpkeepPolicyVersion): UpkeepPolicyType {
  return {
    version: p.version,
    operatingInspectionDays: p.rules.inspectionDays.OPERATING,
    publicWelfareInspectionDays: p.rules.inspectionDays.PUBLIC_WELFARE,
    householdInspectionDays: p.rules.inspectionDays.HOUSEHOLD,
    repairDays: p.rules.repairDays,
    cycleStart: p.rules.cycleStart,
    note: p.note,
    createdAt: p.createdAt,
  };
}

/** The duty as the ledger records it: the phone only as a mask and a salted digest. */
function dutyState(d: UpkeepDuty): Json {
  return toLedgerJson({
    assetId: d.assetId,
    regionCode: d.regionCode,
    body: d.body,
    person: d.person,
    phoneMasked: d.phone === null ? null : maskPhone(d.phone),
    phoneDigest: d.phone === null ? null : phoneDigest(d.phoneSalt, d.phone),
    department: d.department,
    fundingSource: d.fundingSource,
    note: d.note,
    updatedBy: d.updatedBy,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    version: d.version,
  });
}

function inspectionState(r: UpkeepInspection): Json {
  return toLedgerJson({
    id: r.id,
    assetId: r.assetId,
    regionCode: r.regionCode,
    inspectedOn: r.inspectedOn,
    inspector: r.inspector,
    condition: r.condition,
    photos: r.photos,
    notes: r.notes,
    recordedBy: r.recordedBy,
    createdAt: r.createdAt,
  });
}

function repairState(r: UpkeepRepair): Json {
  return toLedgerJson({
    id: r.id,
    assetId: r.assetId,
    regionCode: r.regionCode,
    inspectionId: r.inspectionId,
    repairedOn: r.repairedOn,
    description: r.description,
    cost: r.cost,
    paidBy: r.paidBy,
    allocationId: r.allocationId,
    payerNote: r.payerNote,
    evidence: r.evidence,
    recordedBy: r.recordedBy,
    createdAt: r.createdAt,
  });
}

function policyState(r: UpkeepPolicyVersion): Json {
  return toLedgerJson({
    version: r.version,
    rules: r.rules,
    note: r.note,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  });
}
