import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuthUser, Role } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode, ProblemList } from '@/common/errors';
import { Connection, keysetPage, newestFirst } from '@/common/pagination';
import { formatPercent, isLocalDate, parsePercent, todayInChina } from '@/common/scalars';
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
  DistributionPlanIncome,
  DistributionPolicyVersion,
  PlanIncomeRequest,
  PlanStatus,
  DistributionChannel,
} from './distribution.entity';
import {
  AllocationInput,
  DecisionEvidenceInput,
  DistributionPolicyInput,
  DraftPlanInput,
  HouseholdReceiptType,
  PlanChangesInput,
  PlanFilter,
  PlanIncomeInput,
  PlanIncomeType,
  PlanView,
  RecordPayoutInput,
  RecordResultPublicityInput,
  VillageAssetIncomeType,
} from './distribution.types';
import { checkPayout, checkResultPublicity, completedOn, PayoutProblemKind } from './payout-rules';
import { fifoSlices, IncomeLeft, incomeLeftByAsset, oldestFirst, selectIncome } from './plan-income-rules';
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
/** One payment to a household, as the 收益分配明细表 lists it. */
export interface HouseholdPayoutRow {
  registryNo: string;
  headName: string;
  villageName: string;
  amount: bigint;
  paidOn: string;
  reference: string | null;
  planTitle: string;
  planDate: string;
  channel: DistributionChannel;
  /** The assets whose income the plan distributes: "code name" joined by "；". */
  assets: string | null;
}

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
    const links = await manager.getRepository(DistributionPlanIncome).findBy({ planId: In(ids) });
    return new Map(
      plans.map((p) => [
        p.id,
        toLedgerJson({
          // Fields added later appear only once set, so entries recorded before them still reconcile.
          ...(p.incomeRequest ? { incomeRequest: p.incomeRequest } : {}),
          ...(links.some((l) => l.planId === p.id)
            ? {
                income: links
                  .filter((l) => l.planId === p.id)
                  .sort((a, b) => a.incomeId.localeCompare(b.incomeId))
                  .map((l) => ({ incomeId: l.incomeId, amount: l.amount })),
              }
            : {}),
          ...(p.resultPublishedOn
            ? {
                resultPublishedOn: p.resultPublishedOn,
                resultEvidence: p.resultEvidence,
                resultRecordedBy: p.resultRecordedBy,
              }
            : {}),
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
      // An explicit null is no limit, as an absent field is (the console sends null for an empty box).
      const minBp =
        l.minPercent !== undefined && l.minPercent !== null
          ? this.percent(l.minPercent, `input.channelLimits[${i}].minPercent`, problems)
          : null;
      const maxBp =
        l.maxPercent !== undefined && l.maxPercent !== null
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
      incomeRequest: incomeRequestOf(input.income),
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
        ...(changes.income !== undefined ? { incomeRequest: incomeRequestOf(changes.income) } : {}),
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
    const income = selectIncome(
      await this.incomeLeft(manager, plan.villageCode),
      plan.incomeRequest?.map((r) => ({
        incomeId: r.incomeId,
        assetId: r.assetId,
        amount: BigInt(r.amount),
      })) ?? null,
      plan.amount,
    );
    // Short of income without a request is the "amount" rule above, said once.
    for (const p of income.problems) if (!problems.some((q) => q.field === p.field)) problems.push(p);
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
    await this.connection
      .getRepository(ctx, DistributionPlanIncome)
      .insert(income.links.map((l) => ({ planId: id, incomeId: l.incomeId, amount: l.amount })));
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
    // A draft distributes no income: the links are made again when it is resubmitted.
    await this.connection.getRepository(ctx, DistributionPlanIncome).delete({ planId: id });
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
    const payouts = await this.connection
      .getRepository(ctx, DistributionPayout)
      .findBy({ allocationId: allocation.id });
    const shares = await this.connection
      .getRepository(ctx, DistributionBeneficiary)
      .findBy({ allocationId: allocation.id });
    const paidTo = (householdId: string): bigint =>
      payouts.filter((x) => x.householdId === householdId).reduce((sum, x) => sum + x.amount, 0n);
    // An ASSET_UPKEEP allocation also pays repairs (upkeep/): what they drew is spent too. Both paths
    // lock the allocation row first, so a repair and a payout cannot overspend it together.
    const [{ repaired }]: Array<{ repaired: string }> = await this.connection
      .getManager(ctx)
      .query('SELECT coalesce(sum(cost), 0)::text AS repaired FROM upkeep_repair WHERE allocation_id = $1', [
        allocation.id,
      ]);
    const problem = checkPayout(
      {
        amount: allocation.amount,
        paid: payouts.reduce((sum, x) => sum + x.amount, 0n) + BigInt(repaired),
        beneficiaries: new Map(
          shares.map((b) => [b.householdId, { share: b.amount, paid: paidTo(b.householdId) }]),
        ),
      },
      input.householdId ?? null,
      input.amount,
    );
    if (problem) throw payoutError(problem.kind, problem.message, problem.details);
    const evidence = await this.files.requireEvidence(
      ctx,
      input.evidenceFileIds,
      'input.evidenceFileIds',
      plan.villageCode,
    );
    const inserted = await this.connection.getRepository(ctx, DistributionPayout).insert({
      planId: plan.id,
      allocationId: allocation.id,
      householdId: input.householdId ?? null,
      amount: input.amount,
      paidOn: input.paidOn,
      bankReference: input.bankReference?.trim() || null,
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
        WHERE a.plan_id = $1 AND a.amount > (SELECT coalesce(sum(x.amount), 0) FROM distribution_payout x WHERE x.allocation_id = a.id)
                                         + (SELECT coalesce(sum(r.cost), 0) FROM upkeep_repair r WHERE r.allocation_id = a.id)`,
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

  /** 结果公开: the village records that it published the result of a completed plan (once, with evidence). */
  async recordResultPublicity(ctx: RequestContext, input: RecordResultPublicityInput): Promise<PlanView> {
    const plan = await this.lockPlan(ctx, input.planId);
    this.assertVillageWriter(ctx.currentUser, plan.villageCode);
    this.assertStatus(plan, [PlanStatus.COMPLETED], 'given a result publicity');
    if (plan.resultPublishedOn) {
      throw new DomainError(
        ErrorCode.PLAN_RESULT_ALREADY_PUBLISHED,
        `The result of this plan was published on ${plan.resultPublishedOn} already`,
        { publishedOn: plan.resultPublishedOn },
      );
    }
    if (!isLocalDate(input.publishedOn)) throw badField('input.publishedOn', 'not a date');
    const payouts = await this.connection.getRepository(ctx, DistributionPayout).findBy({ planId: plan.id });
    const problem = checkResultPublicity(input.publishedOn, completedOn(payouts), todayInChina());
    if (problem) throw badField('input.publishedOn', problem);
    const evidence = await this.files.requireEvidence(
      ctx,
      input.evidenceFileIds,
      'input.evidenceFileIds',
      plan.villageCode,
    );
    const before = await this.stateOf(ctx, plan.id);
    await this.connection.getRepository(ctx, DistributionPlan).update(
      { id: plan.id },
      {
        resultPublishedOn: input.publishedOn,
        resultEvidence: evidence,
        resultRecordedBy: ctx.currentUser.id,
        version: plan.version + 1,
      },
    );
    this.ledger.record(ctx, {
      action: LedgerAction.PLAN_RESULT_PUBLISHED,
      entityType: PLAN_SUBJECT,
      entityId: plan.id,
      before,
    });
    return this.view(ctx, plan.id);
  }

  /**
   * Reference step, once per database: plans committed before plans named their income get links the
   * way the balances always counted them (each village's income oldest first, taken by its committed
   * plans in the order they were submitted), each with a ledger entry.
   */
  async linkIncomeOfEarlierPlans(ctx: RequestContext): Promise<number> {
    const manager = this.connection.requireTransaction(ctx);
    const plans: Array<{ id: string; village_code: string; amount: string }> = await manager.query(
      `SELECT p.id, p.village_code, p.amount::text FROM distribution_plan p
        WHERE p.status IN ('SUBMITTED', 'FILED', 'COMPLETED')
          AND NOT EXISTS (SELECT 1 FROM distribution_plan_income l WHERE l.plan_id = p.id)
        ORDER BY p.village_code, p.submitted_at, p.created_at, p.id`,
    );
    const villages = [...new Set(plans.map((p) => p.village_code))];
    for (const village of villages) {
      await lockInTransaction(manager, LockSpace.VILLAGE_INCOME, village);
      const lots = oldestFirst(await this.incomeLeft(manager, village));
      const mine = plans.filter((p) => p.village_code === village);
      const slices = fifoSlices(
        lots.map((l) => ({ id: l.incomeId, amount: l.left > 0n ? l.left : 0n })),
        mine.map((p) => ({ id: p.id, amount: BigInt(p.amount) })),
      );
      for (const p of mine) {
        const before = await this.stateOf(ctx, p.id);
        const links = slices.filter((x) => x.drawId === p.id);
        if (links.length === 0) continue;
        await this.connection
          .getRepository(ctx, DistributionPlanIncome)
          .insert(links.map((l) => ({ planId: p.id, incomeId: l.sourceId, amount: l.amount })));
        this.ledger.record(ctx, {
          action: LedgerAction.PLAN_INCOME_LINKED,
          entityType: PLAN_SUBJECT,
          entityId: p.id,
          before,
        });
      }
    }
    return plans.length;
  }

  /**
   * The village's income records with what its committed plans have not taken from them yet. A record
   * of an asset several villages own is each one's share: another owner's plans take from theirs.
   */
  private async incomeLeft(manager: EntityManager, villageCode: string): Promise<IncomeLeft[]> {
    const lots = (await this.balances.lots(manager, [villageCode])).get(villageCode) ?? [];
    if (lots.length === 0) return [];
    const taken: Array<{ income_id: string; amount: string }> = await manager.query(
      `SELECT l.income_id, sum(l.amount)::text AS amount
         FROM distribution_plan_income l JOIN distribution_plan p ON p.id = l.plan_id
        WHERE l.income_id = ANY($1) AND p.village_code = $2
        GROUP BY l.income_id`,
      [lots.map((l) => l.incomeId), villageCode],
    );
    const used = new Map(taken.map((t) => [t.income_id, BigInt(t.amount)]));
    return lots.map((l) => ({
      incomeId: l.incomeId,
      assetId: l.assetId,
      receivedOn: l.receivedOn,
      left: l.amount - (used.get(l.incomeId) ?? 0n),
    }));
  }

  // ---------------------------------------------------------------------------------------------------
  // Reads
  // ---------------------------------------------------------------------------------------------------

  /**
   * The village's income still to distribute, per asset (its own and those it co-owns elsewhere), from
   * what its plans' income is checked against (see {@link incomeLeft}), oldest first.
   */
  async incomeByAsset(ctx: RequestContext, villageCode: string): Promise<VillageAssetIncomeType[]> {
    this.scope.assertFilter(ctx.currentUser, villageCode, 'villageCode');
    const manager = this.connection.getManager(ctx);
    const byAsset = incomeLeftByAsset(await this.incomeLeft(manager, villageCode));
    if (byAsset.length === 0) return [];
    const assets: Array<{
      id: string;
      code: string;
      name: string;
      location_code: string;
      location_name: string;
    }> = await manager.query(
      `SELECT a.id, a.code, a.name, a.location_code, g.name AS location_name
         FROM asset a JOIN region g ON g.code = a.location_code WHERE a.id = ANY($1)`,
      [byAsset.map((a) => a.assetId)],
    );
    const named = new Map(assets.map((a) => [a.id, a]));
    return byAsset.map((a) => {
      const asset = named.get(a.assetId)!;
      return {
        assetId: a.assetId,
        assetCode: asset.code,
        assetName: asset.name,
        locationCode: asset.location_code,
        locationName: asset.location_name,
        left: a.left,
        oldestReceivedOn: a.oldestReceivedOn,
      };
    });
  }

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

  /** What a household was actually paid (payouts naming it), by year of payment and channel. */
  /**
   * Every payment made to a household out of the plans of these villages (收益分配明细表), oldest
   * first, with the plan and the assets whose income the plan distributes. One query.
   */
  async householdPayouts(
    ctx: RequestContext,
    villageCodes: readonly string[],
  ): Promise<HouseholdPayoutRow[]> {
    if (villageCodes.length === 0) return [];
    const rows: Array<{
      registry_no: string;
      head_name: string;
      village_name: string;
      amount: string;
      paid_on: string;
      bank_reference: string | null;
      plan_title: string;
      plan_date: string;
      channel: DistributionChannel;
      assets: string | null;
    }> = await this.connection.getManager(ctx).query(
      `SELECT h.registry_no, h.head_name, v.name AS village_name, x.amount::text AS amount, x.paid_on::text AS paid_on,
              x.bank_reference, p.title AS plan_title, p.plan_date::text AS plan_date, a.channel,
              (SELECT string_agg(DISTINCT s.code || ' ' || s.name, '；')
                 FROM distribution_plan_income l JOIN income_record r ON r.id = l.income_id JOIN asset s ON s.id = r.asset_id
                WHERE l.plan_id = p.id) AS assets
         FROM distribution_payout x
         JOIN distribution_allocation a ON a.id = x.allocation_id
         JOIN distribution_plan p ON p.id = x.plan_id
         JOIN household h ON h.id = x.household_id
         JOIN region v ON v.code = p.village_code
        WHERE p.village_code = ANY($1)
        ORDER BY x.paid_on, p.village_code, h.registry_no, x.id`,
      [[...villageCodes]],
    );
    return rows.map((r) => ({
      registryNo: r.registry_no,
      headName: r.head_name,
      villageName: r.village_name,
      amount: BigInt(r.amount),
      paidOn: r.paid_on,
      reference: r.bank_reference,
      planTitle: r.plan_title,
      planDate: r.plan_date,
      channel: r.channel,
      assets: r.assets,
    }));
  }

  async householdReceipts(ctx: RequestContext, householdId: string): Promise<HouseholdReceiptType[]> {
    await this.households.findOne(ctx, householdId);
    const rows: Array<{
      payout_id: string;
      paid_on: string;
      plan_id: string;
      plan_title: string;
      channel: string;
      amount: string;
      bank_reference: string | null;
    }> = await this.connection.getManager(ctx).query(
      `SELECT x.id AS payout_id, x.paid_on, p.id AS plan_id, p.title AS plan_title, a.channel,
              x.amount::text AS amount, x.bank_reference
         FROM distribution_payout x
         JOIN distribution_allocation a ON a.id = x.allocation_id
         JOIN distribution_plan p ON p.id = x.plan_id
        WHERE x.household_id = $1
        ORDER BY x.paid_on, x.created_at, x.id`,
      [householdId],
    );
    const groups = new Map<string, HouseholdReceiptType>();
    for (const r of rows) {
      const year = Number(r.paid_on.slice(0, 4));
      const key = `${year}|${r.channel}`;
      const g =
        groups.get(key) ??
        ({
          year,
          channel: r.channel as HouseholdReceiptType['channel'],
          amount: 0n,
          plans: 0,
          payments: [],
        } satisfies HouseholdReceiptType);
      groups.set(key, g);
      g.amount += BigInt(r.amount);
      if (!g.payments.some((x) => x.planId === r.plan_id)) g.plans += 1;
      g.payments.push({
        payoutId: r.payout_id,
        paidOn: r.paid_on,
        planId: r.plan_id,
        planTitle: r.plan_title,
        amount: BigInt(r.amount),
        bankReference: r.bank_reference,
      });
    }
    return [...groups.values()].sort((a, b) => a.year - b.year || a.channel.localeCompare(b.channel));
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
    // Repairs (upkeep/) that drew on an ASSET_UPKEEP allocation spend it like payouts.
    const repairRows: Array<{ allocation_id: string; cost: string }> = allocations.length
      ? await this.connection
          .getManager(ctx)
          .query(
            'SELECT allocation_id, sum(cost)::text AS cost FROM upkeep_repair WHERE allocation_id = ANY($1) GROUP BY allocation_id',
            [allocations.map((a) => a.id)],
          )
      : [];
    const repaired = new Map(repairRows.map((r) => [r.allocation_id, BigInt(r.cost)]));
    const links: Array<{
      plan_id: string;
      income_id: string;
      asset_id: string;
      asset_code: string;
      asset_name: string;
      location_code: string;
      location_name: string;
      received_on: string;
      amount: string;
    }> = await this.connection.getManager(ctx).query(
      `SELECT l.plan_id, l.income_id, r.asset_id, a.code AS asset_code, a.name AS asset_name, r.received_on,
              a.location_code, g.name AS location_name, l.amount::text AS amount
           FROM distribution_plan_income l JOIN income_record r ON r.id = l.income_id
           JOIN asset a ON a.id = r.asset_id JOIN region g ON g.code = a.location_code
          WHERE l.plan_id = ANY($1) ORDER BY r.received_on, l.income_id`,
      [ids],
    );
    return plans.map((p) =>
      Object.assign(p, {
        allocations: allocations
          .filter((a) => a.planId === p.id)
          .map((a) =>
            Object.assign(a, {
              beneficiaries: beneficiaries.filter((b) => b.allocationId === a.id),
              paid: payouts.filter((x) => x.allocationId === a.id).reduce((s, x) => s + x.amount, 0n),
              repaired: repaired.get(a.id) ?? 0n,
            }),
          ),
        payouts: payouts.filter((x) => x.planId === p.id),
        income: links
          .filter((l) => l.plan_id === p.id)
          .map((l): PlanIncomeType => ({
            incomeId: l.income_id,
            assetId: l.asset_id,
            assetCode: l.asset_code,
            assetName: l.asset_name,
            locationCode: l.location_code,
            locationName: l.location_name,
            receivedOn: l.received_on,
            amount: BigInt(l.amount),
          })),
      }),
    );
  }
}

function badField(field: string, message: string, code = ErrorCode.VALIDATION_FAILED): DomainError {
  return new DomainError(code, `${field}: ${message}`, { fields: [{ field, message }] });
}

function incomeRequestOf(lines: PlanIncomeInput[] | undefined): PlanIncomeRequest[] | null {
  if (!lines?.length) return null;
  return lines.map((l) => ({
    incomeId: l.incomeId ?? null,
    assetId: l.assetId ?? null,
    amount: l.amount.toString(),
  }));
}

const PAYOUT_CODES: Record<PayoutProblemKind, ErrorCode> = {
  HOUSEHOLD_REQUIRED: ErrorCode.PAYOUT_HOUSEHOLD_REQUIRED,
  NOT_BENEFICIARY: ErrorCode.PAYOUT_NOT_BENEFICIARY,
  EXCEEDS_SHARE: ErrorCode.PAYOUT_EXCEEDS_SHARE,
  EXCEEDS_ALLOCATION: ErrorCode.PAYOUT_EXCEEDS_ALLOCATION,
};

function payoutError(kind: PayoutProblemKind, message: string, details: Record<string, string>): DomainError {
  const { field, ...rest } = details;
  return new DomainError(PAYOUT_CODES[kind], message, {
    ...rest,
    ...(field ? { fields: [{ field, message }] } : {}),
  });
}

function payoutState(r: DistributionPayout, villageCode: string): Json {
  return toLedgerJson({
    id: r.id,
    planId: r.planId,
    allocationId: r.allocationId,
    villageCode,
    ...(r.householdId ? { householdId: r.householdId } : {}),
    ...(r.bankReference ? { bankReference: r.bankReference } : {}),
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
