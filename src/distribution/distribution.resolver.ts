import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdArg } from '@/common/validation/arg.pipes';
import { Role, Roles } from '@/common/auth';
import { Ctx, RequestContext } from '@/common/context';
import { Connection, ConnectionType } from '@/common/pagination';
import { formatPercent } from '@/common/scalars';
import { DistributionPolicyVersion } from './distribution.entity';
import { DistributionService, PlanView } from './distribution.service';
import {
  DistributionPolicyInput,
  DraftPlanInput,
  HouseholdReceiptType,
  PlanIdArgs,
  PlansArgs,
  PlanType,
  PolicyType,
  RecordPayoutInput,
  ReturnPlanArgs,
  SubmitPlanArgs,
  UpdatePlanArgs,
} from './distribution.types';

const PlanConnection = ConnectionType(PlanType, 'DistributionPlan');

export function toPlanType(v: PlanView): PlanType {
  return {
    id: v.id,
    villageCode: v.villageCode,
    title: v.title,
    amount: v.amount,
    planDate: v.planDate,
    status: v.status,
    allocations: v.allocations.map((a) => ({
      id: a.id,
      channel: a.channel,
      amount: a.amount,
      paid: a.paid,
      note: a.note,
      beneficiaries: a.beneficiaries.map((b) => ({ householdId: b.householdId, amount: b.amount })),
    })),
    payouts: v.payouts.map((x) => ({
      id: x.id,
      allocationId: x.allocationId,
      amount: x.amount,
      paidOn: x.paidOn,
      evidence: x.evidence,
      note: x.note,
    })),
    decision: v.decision,
    policyVersion: v.policyVersion,
    returnReason: v.returnReason,
    submittedAt: v.submittedAt,
    filedAt: v.filedAt,
    completedAt: v.completedAt,
    createdAt: v.createdAt,
    version: v.version,
  };
}

function toPolicyType(p: DistributionPolicyVersion): PolicyType {
  return {
    version: p.version,
    channelLimits: p.rules.channelLimits.map((l) => ({
      channel: l.channel,
      minPercent: l.minBp === null ? null : formatPercent(l.minBp),
      maxPercent: l.maxBp === null ? null : formatPercent(l.maxBp),
    })),
    forbiddenChannels: p.rules.forbiddenChannels,
    banEqualSplit: p.rules.banEqualSplit,
    minDecisionFiles: p.rules.minDecisionFiles,
    note: p.note,
    createdAt: p.createdAt,
  };
}

@Resolver(() => PlanType)
export class DistributionResolver {
  constructor(private readonly service: DistributionService) {}

  @Mutation(() => PlanType, { description: 'A village drafts a distribution plan (checked when submitted).' })
  async draftDistributionPlan(
    @Ctx() ctx: RequestContext,
    @Args('input') input: DraftPlanInput,
  ): Promise<PlanType> {
    return toPlanType(await this.service.draft(ctx, input));
  }

  @Mutation(() => PlanType, { description: 'Change a draft; a stale expectedVersion is a CONFLICT.' })
  async updateDistributionPlan(@Ctx() ctx: RequestContext, @Args() args: UpdatePlanArgs): Promise<PlanType> {
    return toPlanType(await this.service.updateDraft(ctx, args.id, args.expectedVersion, args.changes));
  }

  @Mutation(() => PlanType, {
    description: 'Submit to the township; every broken rule is listed in extensions.fields (BAD_USER_INPUT).',
  })
  async submitDistributionPlan(@Ctx() ctx: RequestContext, @Args() args: SubmitPlanArgs): Promise<PlanType> {
    return toPlanType(await this.service.submit(ctx, args.id, args.decisionEvidence));
  }

  @Mutation(() => PlanType, { description: 'Township: file a submitted plan (备案).' })
  async fileDistributionPlan(@Ctx() ctx: RequestContext, @Args() args: PlanIdArgs): Promise<PlanType> {
    return toPlanType(await this.service.file(ctx, args.id));
  }

  @Mutation(() => PlanType, { description: 'Township: return a submitted plan to draft, with the reason.' })
  async returnDistributionPlan(@Ctx() ctx: RequestContext, @Args() args: ReturnPlanArgs): Promise<PlanType> {
    return toPlanType(await this.service.returnPlan(ctx, args.id, args.reason));
  }

  @Mutation(() => PlanType, {
    description: 'Record money paid out of an allocation of a filed plan; overpaying is refused.',
  })
  async recordPayout(@Ctx() ctx: RequestContext, @Args('input') input: RecordPayoutInput): Promise<PlanType> {
    return toPlanType(await this.service.recordPayout(ctx, input));
  }

  @Query(() => PlanType)
  async distributionPlan(@Ctx() ctx: RequestContext, @IdArg('id') id: string): Promise<PlanType> {
    return toPlanType(await this.service.findOne(ctx, id));
  }

  @Query(() => PlanConnection, { description: 'Plans of villages in your region, newest first.' })
  async distributionPlans(
    @Ctx() ctx: RequestContext,
    @Args() args: PlansArgs,
  ): Promise<Connection<PlanType>> {
    const page = await this.service.list(ctx, args.filter, args.first, args.after);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toPlanType(e.node) })) };
  }

  @Query(() => PolicyType, { description: 'The distribution policy in force.' })
  async distributionPolicy(@Ctx() ctx: RequestContext): Promise<PolicyType> {
    return toPolicyType(await this.service.currentPolicy(ctx));
  }

  @Query(() => [PolicyType], { description: 'Every version of the policy, newest first.' })
  async distributionPolicies(@Ctx() ctx: RequestContext): Promise<PolicyType[]> {
    return (await this.service.policies(ctx)).map(toPolicyType);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => PolicyType, { description: 'ADMIN: a new version of the distribution policy.' })
  async setDistributionPolicy(
    @Ctx() ctx: RequestContext,
    @Args('input') input: DistributionPolicyInput,
  ): Promise<PolicyType> {
    return toPolicyType(await this.service.setPolicy(ctx, input));
  }

  @Query(() => [HouseholdReceiptType], {
    description: 'What a household received from filed and completed plans, by year and channel.',
  })
  householdReceipts(
    @Ctx() ctx: RequestContext,
    @IdArg('householdId') householdId: string,
  ): Promise<HouseholdReceiptType[]> {
    return this.service.householdReceipts(ctx, householdId);
  }
}
