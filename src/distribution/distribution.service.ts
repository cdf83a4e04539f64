import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuthUser, Role } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode, ProblemList } from '@/common/errors';
import { Connection, keysetPage, newestFirst } from '@/common/pagination';
import { formatPercent, formatYuan, isLocalDate, parsePercent, todayInChina } from '@/common/scalars';
import { APP_CONFIG, AppConfig } from '@/config';
import { IdempotencyService, LockSpace, lockInTransaction, TransactionalConnection } from '@/database';
import { RecordRef, RegionScopeService } from '@/auth/region-scope.service';
import { FilesService } from '@/files/files.service';
import { HouseholdsService } from '@/households/households.service';
import { IncomeBalancesService } from '@/income/income-balances.service';
import { LedgerAction } from '@/ledger/ledger-actions';
import { Json, toLedgerJson } from '@/ledger/ledger-subject';
import { LedgerSubjectRegistry } from '@/ledger/ledger-subject.registry';
import { LedgerService } from '@/ledger/ledger.service';
import { Region } from '@/regions/region.entity';
import { RegionLevel } from '@/regions/region-level.enum';
import {
  DEFAULT_POLICY,
  DistributionAllocation,
  DistributionBeneficiary,
  DistributionPayout,
  DistributionPlan,
  DistributionPolicyVersion,
  PlanStatus,
} from './distribution.entity';
import {
  AllocationInput,
  DecisionEvidenceInput,
  DistributionPolicyInput,
  DraftPlanInput,
  HouseholdReceiptType,
  PlanChangesInput,
  PlanFilter,
  PlanView,
  RecordPayoutInput,
} from './distribution.types';
import { checkPlan } from './plan-rules';

export const PLAN_SUBJECT = 'DistributionPlan';
export const PAYOUT_SUBJECT = 'DistributionPayout';
export const POLICY_SUBJECT = 'DistributionPolicy';

const planRef = (id: string): RecordRef => ({ what: 'Plan', id, code: ErrorCode.PLAN_NOT_FOUND });

/**
 * Distribution plans (收益分配方案): drafted by the village, checked against every rule when submitted
 * (sums to the fen, undistributed income, eligible beneficiaries, the policy in force, 四议两公开), filed
 * or returned by the township, then paid out allocation by allocation until complete.
 */
@Injectable()
export class DistributionService implements OnModuleInit {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly idempotency: IdempotencyService,
    private readonly scope: RegionScopeService,
    private readonly ledger: LedgerService,
    private readonly subjects: LedgerSubjectRegistry,
    private readonly households: HouseholdsService,
    private readonly balances: IncomeBalancesService,
    private readonly files: FilesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const district = this.config.ledger.districtCode;
    this.subjects.register({
      entityType: PLAN_SUBJECT,
      load: (manager, ids) => this.planStates(manager, ids),
      keyset: { entity: DistributionPlan },
      regionOf: (state) => (state as { villageCode: string }).villageCode,
    });
    this.subjects.register({
      entityType: PAYOUT_SUBJECT,
      load: async (manager, ids) => {
        const rows = await manager.getRepository(DistributionPayout).findBy({ id: In(ids) });
        const plans = await manager
          .getRepository(DistributionPlan)
          .findBy({ id: In(rows.map((r) => r.planId)) });
        const village = new Map(plans.map((p) => [p.id, p.villageCode]));
        return new Map(rows.map((r) => [r.id, payoutState(r, village.get(r.planId) ?? '')]));
      },
      keyset: { entity: DistributionPayout },
      regionOf: (state) => (state as { villageCode: string }).villageCode,
    });
    this.subjects.register({
      entityType: POLICY_SUBJECT,
      load: async (manager, ids) => {
        const rows = await manager
          .getRepository(DistributionPolicyVersion)
          .findBy({ version: In(ids.map(Number)) });
        return new Map(rows.map((r) => [String(r.version), policyState(r)]));
      },
      keyset: { entity: DistributionPolicyVersion, column: 'version', parse: Number },
      regionOf: () => district,
    });
  }

  private async planStates(manager: EntityManager, ids: string[]): Promise<Map<string, Json>> {
    if (ids.length === 0) return new Map();
    const plans = await manager.getRepository(DistributionPlan).findBy({ id: In(ids) });
    const allocations = await manager.getRepository(DistributionAllocation).findBy({ planId: In(ids) });
    const beneficiaries = allocations.length
      ? await manager
          .getRepository(DistributionBeneficiary)
          .findBy({ allocationId: In(allocations.map((a) => a.id)) })
      : [];
    return new Map(
      plans.map((p) => [
        p.id,
        toLedgerJson({
          id: p.id,
          villageCode: p.villageCode,
          title: p.title,
          amount: p.amount,
          planDate: p.planDate,
          status: p.status,
          decision: p.decision,
          policyVersion: p.policyVersion,
          createdBy: p.createdBy,
          submittedBy: p.submittedBy,
          submittedAt: p.submittedAt,
          filedBy: p.filedBy,
          filedAt: p.filedAt,
          returnReason: p.returnReason,
          completedAt: p.completedAt,
          createdAt: p.createdAt,
          updatedAt: p.updatedAt,
          version: p.version,
          allocations: allocations
            .filter((a) => a.planId === p.id)
            .sort((a, b) => a.position - b.position)
            .map((a) => ({
              id: a.id,
              channel: a.channel,
              amount: a.amount,
              note: a.note,
              beneficiaries: beneficiaries
                .filter((b) => b.allocationId === a.id)
                .sort((x, y) => x.householdId.localeCompare(y.householdId))
                .map((b) => ({ householdId: b.householdId, amount: b.amount })),
            })),
        }),
      ]),
    );
  }

  // ---------------------------------------------------------------------------------------------------
  // Policy
  // ---------------------------------------------------------------------------------------------------

  async currentPolicy(ctx: RequestContext): Promise<DistributionPolicyVersion> {
    const current = await this.connection
      .getRepository(ctx, DistributionPolicyVersion)
      .findOne({ where: {}, order: { version: 'DESC' } });
    if (!current) throw new Error('no distribution policy: the reference seed did not run');
    return current;
  }

  policies(ctx: RequestContext): Promise<DistributionPolicyVersion[]> {
    return this.connection.getRepository(ctx, DistributionPolicyVersion).find({ order: { version: 'DESC' } });
  }

  /** ADMIN: a new version of the policy; plans submitted from now on are checked against it. */
  async setPolicy(ctx: RequestContext, input: DistributionPolicyInput): Promise<DistributionPolicyVersion> {
    const manager = this.connection.requireTransaction(ctx);
    await lockInTransaction(manager, LockSpace.DISTRIBUTION_POLICY);
    const problems = new ProblemList();
    const seen = new Set<string>();
    const channelLimits = input.channelLimits.map((l, i) => {
      if (seen.has(l.channel)) problems.add(`input.channelLimits[${i}].channel`, 'listed twice');
      seen.add(l.channel);
      const minBp =
        l.minPercent !== undefined
          ? this.percent(l.minPercent, `input.channelLimits[${i}].minPercent`, problems)
          : null;
      const maxBp =
        l.maxPercent !== undefined
          ? this.percent(l.maxPercent, `input.channelLimits[${i}].maxPercent`, problems)
          : null;
      if (minBp !== null && maxBp !== null && minBp > maxBp)
        problems.add(`input.channelLimits[${i}].minPercent`, 'above the maximum');
      if (input.forbiddenChannels.includes(l.channel) && minBp)
        problems.add(`input.channelLimits[${i}].minPercent`, 'a forbidden channel cannot have a minimum');
      return { channel: l.channel, minBp, maxBp };
    });
    const minimums = channelLimits.reduce((s, l) => s + (l.minBp ?? 0), 0);
    if (minimums > 10_000)
      problems.add(
        'input.channelLimits',
        `the minimums add up to ${formatPercent(minimums)}%, more than 100%`,
      );
    problems.throwIfAny();
    const current = await this.currentPolicy(ctx);
    const version = current.version + 1;
    await this.connection.getRepository(ctx, DistributionPolicyVersion).insert({
      version,
      rules: {
        channelLimits,
        forbiddenChannels: [...new Set(input.forbiddenChannels)],
        banEqualSplit: input.banEqualSplit,
        minDecisionFiles: input.minDecisionFiles,
      },
      note: input.note?.trim() || null,
      createdBy: ctx.currentUser.id,
    });
    this.ledger.record(ctx, {
      action: LedgerAction.DISTRIBUTION_POLICY_SET,
      entityType: POLICY_SUBJECT,
      entityId: String(version),
    });
    return this.connection.getRepository(ctx, DistributionPolicyVersion).findOneByOrFail({ version });
  }

  /** Reference data: version 1 of the policy. */
  async seedDefaultPolicy(ctx: RequestContext): Promise<void> {
    const repo = this.connection.getRepository(ctx, DistributionPolicyVersion);
    if (await repo.existsBy({ version: 1 })) return;
    await repo.insert({ version: 1, rules: DEFAULT_POLICY, note: '默认分配政策', createdBy: null });
    this.ledger.record(ctx, {
      action: LedgerAction.DISTRIBUTION_POLICY_SET,
      entityType: POLICY_SUBJECT,
      entityId: '1',
    });
  }

  // ---------------------------------------------------------------------------------------------------
  // Plans
  // ---------------------------------------------------------------------------------------------------

  /** Drafts a plan once per idempotency key (a repeat returns the first plan; see IdempotencyService). */
  draft(ctx: RequestContext, input: DraftPlanInput): Promise<PlanView> {
    return this.idempotency.run(
      ctx,
      {
        operation: 'draftDistributionPlan',
        key: input.idempotencyKey,
        request: input,
        remember: (plan: PlanView) => ({ planId: plan.id }),
        replay: ({ planId }) => this.findOne(ctx, planId),
      },
      () => this.insertDraft(ctx, input),
    );
  }

  private async insertDraft(ctx: RequestContext, input: DraftPlanInput): Promise<PlanView> {
    const user = ctx.currentUser;
    const village = await this.requireVillage(ctx, input.villageCode);
    this.assertVillageWriter(user, village.code);
    const planDate = input.planDate ?? todayInChina();
    if (!isLocalDate(planDate)) throw badField('input.planDate', 'not a date');
    const repo = this.connection.getRepository(ctx, DistributionPlan);
    const inserted = await repo.insert({
      villageCode: village.code,
      title: input.title?.trim() || `${village.name}${planDate.slice(0, 4)}年收益分配方案`,
      amount: input.amount,
      planDate,
      status: PlanStatus.DRAFT,
      decision: null,
      policyVersion: null,
      createdBy: user.id,
    });
    const id = inserted.identifiers[0].id as string;
    await this.replaceAllocations(ctx, id, input.allocations, 'input.allocations');
    this.ledger.record(ctx, { action: LedgerAction.PLAN_DRAFTED, entityType: PLAN_SUBJECT, entityId: id });
    return this.view(ctx, id);
  }

  async updateDraft(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    changes: PlanChangesInput,
  ): Promise<PlanView> {
    const plan = await this.lockPlan(ctx, id);
    this.assertVillageWriter(ctx.currentUser, plan.villageCode);
    this.assertStatus(plan, [PlanStatus.DRAFT], 'changed');
    if (plan.version !== expectedVersion) {
      throw new DomainError(
        ErrorCode.STALE_VERSION,
        `The plan changed since you read it (now version ${plan.version})`,
        { currentVersion: plan.version },
      );
    }
    if (changes.planDate !== undefined && !isLocalDate(changes.planDate))
      throw badField('changes.planDate', 'not a date');
    const before = await this.stateOf(ctx, id);
    await this.connection.getRepository(ctx, DistributionPlan).update(
      { id },
      {
        title: changes.title?.trim() ?? plan.title,
        amount: changes.amount ?? plan.amount,
        planDate: changes.planDate ?? plan.planDate,
        version: plan.version + 1,
      },
    );
    if (changes.allocations)
      await this.replaceAllocations(ctx, id, changes.allocations, 'changes.allocations');
    this.ledger.record(ctx, {
      action: LedgerAction.PLAN_UPDATED,
      entityType: PLAN_SUBJECT,
      entityId: id,
      before,
    });
    return this.view(ctx, id);
  }

  async submit(ctx: RequestContext, id: string, evidence: DecisionEvidenceInput): Promise<PlanView> {
    const user = ctx.currentUser;
    const manager = this.connection.requireTransaction(ctx);
    const peek = this.scope.getInScope(
      user,
      await this.connection.getRepository(ctx, DistributionPlan).findOneBy({ id }),
      (p) => p.villageCode,
      planRef(id),
    );
    this.assertVillageWriter(user, peek.villageCode);
    // One village's submissions (and income reversals) queue up: two plans cannot both spend the same income.
    await lockInTransaction(manager, LockSpace.VILLAGE_INCOME, peek.villageCode);
    const plan = await this.lockPlan(ctx, id);
    this.assertStatus(plan, [PlanStatus.DRAFT], 'submitted');
    const view = await this.view(ctx, id);
    const files = await this.files.requireEvidence(
      ctx,
      evidence.fileIds,
      'decisionEvidence.fileIds',
      plan.villageCode,
    );
    const policy = await this.currentPolicy(ctx);
    const totals = (await this.balances.villageTotals(manager, [plan.villageCode])).get(plan.villageCode)!;
    const householdIds = [
      ...new Set(view.allocations.flatMap((a) => a.beneficiaries.map((b) => b.householdId))),
    ];
    const beneficiaries = await this.households.eligibility(ctx, householdIds, plan.planDate);
    const villageHouseholds = await this.households.villageHouseholds(ctx, plan.villageCode, plan.planDate);
    const problems = checkPlan(
      {
        villageCode: plan.villageCode,
        amount: plan.amount,
        planDate: plan.planDate,
        allocations: view.allocations.map((a) => ({
          channel: a.channel,
          amount: a.amount,
          beneficiaries: a.beneficiaries.map((b) => ({ householdId: b.householdId, amount: b.amount })),
        })),
      },
      { ...evidence, fileCount: files.length },
      {
        today: todayInChina(),
        undistributed: totals.distributable - totals.planned,
        policy: policy.rules,
        beneficiaries: new Map(
          [...beneficiaries].map(([k, v]) => [k, { villageCode: v.villageCode, eligible: v.eligible }]),
        ),
        villageHouseholds,
      },
    );
    if (problems.length > 0) {
      throw new DomainError(
        ErrorCode.PLAN_RULES_VIOLATED,
        `The plan breaks ${problems.length} rule(s): ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
        { fields: problems, policyVersion: policy.version },
      );
    }
    const before = await this.stateOf(ctx, id);
    await this.connection.getRepository(ctx, DistributionPlan).update(
      { id },
      {
        status: PlanStatus.SUBMITTED,
        decision: {
          partyBranchProposalOn: evidence.partyBranchProposalOn,
          twoCommitteesDiscussionOn: evidence.twoCommitteesDiscussionOn,
          partyMembersReviewOn: evidence.partyMembersReviewOn,
          representativesDecisionOn: evidence.representativesDecisionOn,
          decisionPublishedOn: evidence.decisionPublishedOn,
          files,
        },
        policyVersion: policy.version,
        submittedBy: user.id,
        submittedAt: new Date(),
        version: plan.version + 1,
      },
    );
    this.ledger.record(ctx, {
      action: LedgerAction.PLAN_SUBMITTED,
      entityType: PLAN_SUBJECT,
      entityId: id,
      before,
      details: { policyVersion: policy.version },
    });
    return this.view(ctx, id);
  }

  async file(ctx: RequestContext, id: string): Promise<PlanView> {
    const plan = await this.lockPlan(ctx, id);
    this.assertTownship(ctx.currentUser, plan.villageCode);
    this.assertStatus(plan, [PlanStatus.SUBMITTED], 'filed');
    const before = await this.stateOf(ctx, id);
    await this.connection.getRepository(ctx, DistributionPlan).update(
      { id },
      {
        status: PlanStatus.FILED,
        filedBy: ctx.currentUser.id,
        filedAt: new Date(),
        version: plan.version + 1,
      },
    );
    this.ledger.record(ctx, {
      action: LedgerAction.PLAN_FILED,
      entityType: PLAN_SUBJECT,
      entityId: id,
      before,
    });
    return this.view(ctx, id);
  }

  async returnPlan(ctx: RequestContext, id: string, reason: string): Promise<PlanView> {
    const plan = await this.lockPlan(ctx, id);
    this.assertTownship(ctx.currentUser, plan.villageCode);
    this.assertStatus(plan, [PlanStatus.SUBMITTED], 'returned');
    const before = await this.stateOf(ctx, id);
    await this.connection.getRepository(ctx, DistributionPlan).update(
      { id },
      {
        status: PlanStatus.DRAFT,
        returnReason: reason.trim(),
        submittedAt: null,
        submittedBy: null,
        policyVersion: null,
        version: plan.version + 1,
      },
    );
    this.ledger.record(ctx, {
      action: LedgerAction.PLAN_RETURNED,
      entityType: PLAN_SUBJECT,
      entityId: id,
      before,
      details: { reason: reason.trim() },
    });
    return this.view(ctx, id);
  }

  /**
   * Records a payout once per idempotency key: a client that retries after a lost answer (same key, same
   * request) gets the plan back and pays nothing twice; see IdempotencyService.
   */
  async recordPayout(ctx: RequestContext, input: RecordPayoutInput): Promise<PlanView> {
    const { plan } = await this.idempotency.run(
      ctx,
      {
        operation: 'recordPayout',
        key: input.idempotencyKey,
        request: input,
        remember: (paid: { payoutId: string; plan: PlanView }) => ({
          planId: paid.plan.id,
          payoutId: paid.payoutId,
        }),
        replay: async ({ planId, payoutId }) => ({ payoutId, plan: await this.findOne(ctx, planId) }),
      },
      () => this.insertPayout(ctx, input),
    );
    return plan;
  }

  private async insertPayout(
    ctx: RequestContext,
    input: RecordPayoutInput,
  ): Promise<{ payoutId: string; plan: PlanView }> {
    const user = ctx.currentUser;
    const plan = await this.lockPlan(ctx, input.planId);
    this.assertVillageWriter(user, plan.villageCode);
    this.assertStatus(plan, [PlanStatus.FILED], 'paid out');
    // The allocation row lock makes concurrent payouts of one allocation queue up: none can overpay.
    const allocation = await this.connection
      .getRepository(ctx, DistributionAllocation)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id AND a.planId = :planId', { id: input.allocationId, planId: plan.id })
      .getOne();
    if (!allocation)
      throw new DomainError(
        ErrorCode.ALLOCATION_NOT_FOUND,
        `Allocation ${input.allocationId} is not part of this plan`,
      );
    if (!isLocalDate(input.paidOn) || input.paidOn > todayInChina())
      throw badField('input.paidOn', 'a date not in the future');
    const [{ paid }]: Array<{ paid: string }> = await this.connection
      .getManager(ctx)
      .query(
        'SELECT coalesce(sum(amount), 0)::text AS paid FROM distribution_payout WHERE allocation_id = $1',
        [allocation.id],
      );
    const remaining = allocation.amount - BigInt(paid);
    if (input.amount > remaining) {
      throw new DomainError(
        ErrorCode.PAYOUT_EXCEEDS_ALLOCATION,
        `Only ${formatYuan(remaining)} of this allocation is left to pay; ${formatYuan(input.amount)} would overpay it`,
        { remaining: formatYuan(remaining) },
      );
    }
    const evidence = await this.files.requireEvidence(
      ctx,
      input.evidenceFileIds,
      'input.evidenceFileIds',
      plan.villageCode,
    );
    const inserted = await this.connection.getRepository(ctx, DistributionPayout).insert({
      planId: plan.id,
      allocationId: allocation.id,
      amount: input.amount,
      paidOn: input.paidOn,
      evidence,
      note: input.note?.trim() || null,
      recordedBy: user.id,
    });
    const payoutId = inserted.identifiers[0].id as string;
    this.ledger.record(ctx, {
      action: LedgerAction.PAYOUT_RECORDED,
      entityType: PAYOUT_SUBJECT,
      entityId: payoutId,
    });
    const [{ open }]: Array<{ open: string }> = await this.connection.getManager(ctx).query(
      `SELECT count(*)::text AS open FROM distribution_allocation a
        WHERE a.plan_id = $1 AND a.amount > (SELECT coalesce(sum(x.amount), 0) FROM distribution_payout x WHERE x.allocation_id = a.id)`,
      [plan.id],
    );
    if (open === '0') {
      const before = await this.stateOf(ctx, plan.id);
      await this.connection
        .getRepository(ctx, DistributionPlan)
        .update(
          { id: plan.id },
          { status: PlanStatus.COMPLETED, completedAt: new Date(), version: plan.version + 1 },
        );
      this.ledger.record(ctx, {
        action: LedgerAction.PLAN_COMPLETED,
        entityType: PLAN_SUBJECT,
        entityId: plan.id,
        before,
      });
    }
    return { payoutId, plan: await this.view(ctx, plan.id) };
  }

  // ---------------------------------------------------------------------------------------------------
  // Reads
  // ---------------------------------------------------------------------------------------------------

  async findOne(ctx: RequestContext, id: string): Promise<PlanView> {
    const plan = await this.connection.getRepository(ctx, DistributionPlan).findOneBy({ id });
    this.scope.getInScope(ctx.currentUser, plan, (p) => p.villageCode, planRef(id));
    return this.view(ctx, id);
  }

  async list(
    ctx: RequestContext,
    filter: PlanFilter | undefined,
    first: number | undefined,
    after: string | undefined,
  ): Promise<Connection<PlanView>> {
    const qb = this.scope.restrict(
      this.connection.getRepository(ctx, DistributionPlan).createQueryBuilder('p'),
      ctx.currentUser,
      'p.village_code',
      { region: filter?.regionCode },
    );
    if (filter?.status?.length) qb.andWhere('p.status IN (:...statuses)', { statuses: filter.status });
    return keysetPage(
      qb,
      { first, after, maxPageSize: this.config.pagination.maxPageSize },
      newestFirst('p'),
      (rows) => this.views(ctx, rows),
    );
  }

  async householdReceipts(ctx: RequestContext, householdId: string): Promise<HouseholdReceiptType[]> {
    await this.households.findOne(ctx, householdId);
    const rows: Array<{ year: number; channel: string; amount: string; plans: string }> =
      await this.connection.getManager(ctx).query(
        `SELECT extract(year FROM p.plan_date)::int AS year, a.channel, sum(b.amount)::text AS amount, count(DISTINCT p.id)::text AS plans
         FROM distribution_beneficiary b
         JOIN distribution_allocation a ON a.id = b.allocation_id
         JOIN distribution_plan p ON p.id = a.plan_id
        WHERE b.household_id = $1 AND p.status IN ('FILED', 'COMPLETED')
        GROUP BY 1, 2 ORDER BY 1, 2`,
        [householdId],
      );
    return rows.map((r) => ({
      year: r.year,
      channel: r.channel as HouseholdReceiptType['channel'],
      amount: BigInt(r.amount),
      plans: Number(r.plans),
    }));
  }

  // ---------------------------------------------------------------------------------------------------

  private percent(text: string, field: string, problems: ProblemList): number | null {
    try {
      return text === '0' || /^0(\.0{1,2})?$/.test(text) ? 0 : parsePercent(text, field);
    } catch {
      problems.add(field, 'a percentage between 0 and 100');
      return null;
    }
  }

  private async replaceAllocations(
    ctx: RequestContext,
    planId: string,
    allocations: AllocationInput[],
    field: string,
  ): Promise<void> {
    const problems = new ProblemList();
    allocations.forEach((a, i) => {
      const seen = new Set<string>();
      (a.beneficiaries ?? []).forEach((b, j) => {
        if (seen.has(b.householdId))
          problems.add(
            `${field}[${i}].beneficiaries[${j}].householdId`,
            'the same household is listed twice',
          );
        seen.add(b.householdId);
      });
    });
    problems.throwIfAny();
    const allocationRepo = this.connection.getRepository(ctx, DistributionAllocation);
    await allocationRepo.delete({ planId });
    for (const [position, a] of allocations.entries()) {
      const inserted = await allocationRepo.insert({
        planId,
        position,
        channel: a.channel,
        amount: a.amount,
        note: a.note?.trim() || null,
      });
      const allocationId = inserted.identifiers[0].id as string;
      if (a.beneficiaries?.length) {
        await this.connection
          .getRepository(ctx, DistributionBeneficiary)
          .insert(
            a.beneficiaries.map((b) => ({ allocationId, householdId: b.householdId, amount: b.amount })),
          );
      }
    }
  }

  private async requireVillage(ctx: RequestContext, code: string): Promise<Region> {
    const village = await this.connection.getRepository(ctx, Region).findOneBy({ code });
    if (!village || village.level !== RegionLevel.VILLAGE) {
      throw badField(
        'input.villageCode',
        village ? 'plans are made by villages' : 'no such village',
        ErrorCode.REFERENCE_NOT_FOUND,
      );
    }
    return village;
  }

  /** The village's clerk, or the township above it (district roles supervise, they do not draft). */
  private assertVillageWriter(user: AuthUser, villageCode: string): void {
    const ok =
      (user.role === Role.VILLAGE_CLERK && user.regionCode === villageCode) ||
      (user.role === Role.TOWNSHIP_OFFICER && this.scope.canWrite(user, villageCode));
    if (!ok)
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        `Distribution plans of ${villageCode} are made by its village (or its township)`,
      );
  }

  private assertTownship(user: AuthUser, villageCode: string): void {
    if (!(user.role === Role.TOWNSHIP_OFFICER && this.scope.canWrite(user, villageCode))) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        `Plans of ${villageCode} are filed or returned by its township`,
      );
    }
  }

  private assertStatus(plan: DistributionPlan, allowed: PlanStatus[], verb: string): void {
    if (!allowed.includes(plan.status)) {
      throw new DomainError(ErrorCode.PLAN_WRONG_STATUS, `A ${plan.status} plan cannot be ${verb}`, {
        status: plan.status,
      });
    }
  }

  private async lockPlan(ctx: RequestContext, id: string): Promise<DistributionPlan> {
    const plan = await this.connection
      .getRepository(ctx, DistributionPlan)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :id', { id })
      .getOne();
    return this.scope.getInScope(ctx.currentUser, plan, (p) => p.villageCode, planRef(id));
  }

  private async stateOf(ctx: RequestContext, id: string): Promise<Json> {
    return (await this.planStates(this.connection.getManager(ctx), [id])).get(id) ?? null;
  }

  private async view(ctx: RequestContext, id: string): Promise<PlanView> {
    const plan = await this.connection.getRepository(ctx, DistributionPlan).findOneByOrFail({ id });
    return (await this.views(ctx, [plan]))[0];
  }

  private async views(ctx: RequestContext, plans: DistributionPlan[]): Promise<PlanView[]> {
    if (plans.length === 0) return [];
    const ids = plans.map((p) => p.id);
    const allocations = await this.connection
      .getRepository(ctx, DistributionAllocation)
      .find({ where: { planId: In(ids) }, order: { position: 'ASC' } });
    const beneficiaries = allocations.length
      ? await this.connection
          .getRepository(ctx, DistributionBeneficiary)
          .findBy({ allocationId: In(allocations.map((a) => a.id)) })
      : [];
    const payouts = await this.connection
      .getRepository(ctx, DistributionPayout)
      .find({ where: { planId: In(ids) }, order: { paidOn: 'ASC', createdAt: 'ASC' } });
    return plans.map((p) =>
      Object.assign(p, {
        allocations: allocations
          .filter((a) => a.planId === p.id)
          .map((a) =>
            Object.assign(a, {
              beneficiaries: beneficiaries.filter((b) => b.allocationId === a.id),
              paid: payouts.filter((x) => x.allocationId === a.id).reduce((s, x) => s + x.amount, 0n),
            }),
          ),
        payouts: payouts.filter((x) => x.planId === p.id),
      }),
    );
  }
}

function badField(field: string, message: string, code = ErrorCode.VALIDATION_FAILED): DomainError {
  return new DomainError(code, `${field}: ${message}`, { fields: [{ field, message }] });
}

function payoutState(r: DistributionPayout, villageCode: string): Json {
  return toLedgerJson({
    id: r.id,
    planId: r.planId,
    allocationId: r.allocationId,
    villageCode,
    amount: r.amount,
    paidOn: r.paidOn,
    evidence: r.evidence,
    note: r.note,
    recordedBy: r.recordedBy,
    createdAt: r.createdAt,
  });
}

function policyState(r: DistributionPolicyVersion): Json {
  return toLedgerJson({
    version: r.version,
    rules: r.rules,
    note: r.note,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  });
}
