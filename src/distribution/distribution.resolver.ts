import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { IdArg, VillageCodeArg } from '@/common/validation/arg.pipes';
import { Role, Roles } from '@/common/auth';
import { Ctx, RequestContext } from '@/common/context';
import { Connection, ConnectionType, mapConnection } from '@/common/pagination';
import { Household } from '@/households/household.entity';
import { HouseholdsService } from '@/households/households.service';
import { DistributionService } from './distribution.service';
import { MoneyTrailService } from './money-trail.service';
import { MoneyTrailArgs, MoneyTrailType, TrailHouseholdType } from './money-trail.types';
import {
  BeneficiaryType,
  DistributionPolicyInput,
  DraftPlanInput,
  HouseholdReceiptType,
  PlanIdArgs,
  PlansArgs,
  PayoutType,
  PlanType,
  PolicyType,
  RecordPayoutInput,
  RecordResultPublicityInput,
  ReturnPlanArgs,
  SubmitPlanArgs,
  toPlanType,
  toPolicyType,
  UpdatePlanArgs,
  VillageAssetIncomeType,
} from './distribution.types';

const PlanConnection = ConnectionType(PlanType, 'DistributionPlan');

@Resolver(() => PlanType)
export class DistributionResolver {
  constructor(
    private readonly service: DistributionService,
    private readonly trails: MoneyTrailService,
  ) {}

  @Query(() => MoneyTrailType, {
    description:
      '以资金为主线: for an asset, a household or a fund source, fund source → project → asset → income → plan → allocation → payout → household, in amounts that add up to the fen (your region only).',
  })
  moneyTrail(@Ctx() ctx: RequestContext, @Args() args: MoneyTrailArgs): Promise<MoneyTrailType> {
    return this.trails.trail(ctx, args);
  }

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
    description:
      'Record money paid out of an allocation of a filed plan, to the household paid when the allocation has beneficiaries; paying a household more than its share, or the allocation more than its amount, is refused.',
  })
  async recordPayout(@Ctx() ctx: RequestContext, @Args('input') input: RecordPayoutInput): Promise<PlanType> {
    return toPlanType(await this.service.recordPayout(ctx, input));
  }

  @Mutation(() => PlanType, {
    description:
      '结果公开: the village records the publication of a completed plan’s result (date, evidence), once.',
  })
  async recordResultPublicity(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RecordResultPublicityInput,
  ): Promise<PlanType> {
    return toPlanType(await this.service.recordResultPublicity(ctx, input));
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
    return mapConnection(page, toPlanType);
  }

  @Query(() => [VillageAssetIncomeType], {
    description:
      "The village's income still to distribute, per asset, for a plan's 指定资产的收益: its share of each asset's income (its own assets and those it co-owns elsewhere), less what its submitted, filed or completed plans take; oldest first, only assets with something left. The village must be in your region.",
  })
  villageIncomeByAsset(
    @Ctx() ctx: RequestContext,
    @VillageCodeArg('villageCode') villageCode: string,
  ): Promise<VillageAssetIncomeType[]> {
    return this.service.incomeByAsset(ctx, villageCode);
  }

  @Query(() => PolicyType, { description: 'The distribution policy in force.' })
  async distributionPolicy(@Ctx() ctx: RequestContext): Promise<PolicyType> {
    return toPolicyType(await this.service.currentPolicy(ctx));
  }

  @Query(() => [PolicyType], { description: 'Every version of the policy, newest first.' })
  async distributionPolicies(@Ctx() ctx: RequestContext): Promise<PolicyType[]> {
    return (await this.service.policies(ctx)).map(toPolicyType);
  }

  @Roles(Role.ADMIN, Role.DISTRICT_SUPERVISOR)
  @Mutation(() => PolicyType, {
    description: 'ADMIN or DISTRICT_SUPERVISOR: a new version of the distribution policy.',
  })
  async setDistributionPolicy(
    @Ctx() ctx: RequestContext,
    @Args('input') input: DistributionPolicyInput,
  ): Promise<PolicyType> {
    return toPolicyType(await this.service.setPolicy(ctx, input));
  }

  @Query(() => [HouseholdReceiptType], {
    description: 'What a household was actually paid, by year of payment and channel, with each payment.',
  })
  householdReceipts(
    @Ctx() ctx: RequestContext,
    @IdArg('householdId') householdId: string,
  ): Promise<HouseholdReceiptType[]> {
    return this.service.householdReceipts(ctx, householdId);
  }
}

/** Who a beneficiary or a payout is: the household's head and registry number (a plan lists hundreds). */
function households(ctx: RequestContext, service: HouseholdsService): DataLoader<string, Household | null> {
  return ctx.loader(
    'distribution.households',
    () =>
      new DataLoader<string, Household | null>(async (ids) => {
        const found = await service.byIds(ctx, ids);
        return ids.map((id) => found.get(id) ?? null);
      }),
  );
}

@Resolver(() => BeneficiaryType)
export class BeneficiaryResolver {
  constructor(private readonly households: HouseholdsService) {}

  @ResolveField(() => String, { description: "The household's head (户主)." })
  async headName(@Ctx() ctx: RequestContext, @Parent() b: BeneficiaryType): Promise<string> {
    return (await households(ctx, this.households).load(b.householdId))!.headName;
  }

  @ResolveField(() => String, { description: "The household's registry number (户籍编号)." })
  async registryNo(@Ctx() ctx: RequestContext, @Parent() b: BeneficiaryType): Promise<string> {
    return (await households(ctx, this.households).load(b.householdId))!.registryNo;
  }
}

@Resolver(() => PayoutType)
export class PayoutResolver {
  constructor(private readonly households: HouseholdsService) {}

  @ResolveField(() => String, { nullable: true, description: "The paid household's head (户主)." })
  async headName(@Ctx() ctx: RequestContext, @Parent() p: PayoutType): Promise<string | null> {
    return p.householdId
      ? ((await households(ctx, this.households).load(p.householdId))?.headName ?? null)
      : null;
  }

  @ResolveField(() => String, { nullable: true, description: "The paid household's registry number." })
  async registryNo(@Ctx() ctx: RequestContext, @Parent() p: PayoutType): Promise<string | null> {
    return p.householdId
      ? ((await households(ctx, this.households).load(p.householdId))?.registryNo ?? null)
      : null;
  }
}

@Resolver(() => TrailHouseholdType)
export class TrailHouseholdResolver {
  constructor(private readonly households: HouseholdsService) {}

  @ResolveField(() => String, { description: "The household's head (户主)." })
  async headName(@Ctx() ctx: RequestContext, @Parent() h: TrailHouseholdType): Promise<string> {
    return (await households(ctx, this.households).load(h.householdId))!.headName;
  }

  @ResolveField(() => String, { description: "The household's registry number (户籍编号)." })
  async registryNo(@Ctx() ctx: RequestContext, @Parent() h: TrailHouseholdType): Promise<string> {
    return (await households(ctx, this.households).load(h.householdId))!.registryNo;
  }
}
