import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role, Roles } from '@/common/auth';
import { Ctx, RequestContext } from '@/common/context';
import { IdArg } from '@/common/validation/arg.pipes';
import { toPolicyType, UpkeepService } from './upkeep.service';
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

/** Upkeep (管护): thin; the rules live in UpkeepService and upkeep-rules.ts. */
@Resolver()
export class UpkeepResolver {
  constructor(private readonly service: UpkeepService) {}

  @Query(() => AssetUpkeepType, {
    description: 'An asset’s upkeep: its duty, inspections, repairs and when the next inspection is due.',
  })
  assetUpkeep(@Ctx() ctx: RequestContext, @IdArg('assetId') assetId: string): Promise<AssetUpkeepType> {
    return this.service.assetUpkeep(ctx, assetId);
  }

  @Query(() => [UpkeepAllocationType], {
    description:
      'The ASSET_UPKEEP allocations of filed plans of the asset’s village that a repair may draw on.',
  })
  upkeepAllocations(
    @Ctx() ctx: RequestContext,
    @IdArg('assetId') assetId: string,
  ): Promise<UpkeepAllocationType[]> {
    return this.service.allocationsFor(ctx, assetId);
  }

  @Mutation(() => UpkeepDutyType, {
    description:
      'The village clerk records (or replaces) an asset’s upkeep duty; it supersedes the asset’s managementEntity / managementResponsible.',
  })
  setUpkeepDuty(
    @Ctx() ctx: RequestContext,
    @Args('input') input: SetUpkeepDutyInput,
  ): Promise<UpkeepDutyType> {
    return this.service.setDuty(ctx, input);
  }

  @Mutation(() => UpkeepInspectionType, { description: 'The village clerk records an inspection (巡查).' })
  recordUpkeepInspection(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RecordInspectionInput,
  ): Promise<UpkeepInspectionType> {
    return this.service.recordInspection(ctx, input);
  }

  @Mutation(() => UpkeepRepairType, {
    description:
      'The village clerk records a repair: what, cost, who paid (possibly an ASSET_UPKEEP allocation of a filed plan), evidence.',
  })
  recordUpkeepRepair(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RecordRepairInput,
  ): Promise<UpkeepRepairType> {
    return this.service.recordRepair(ctx, input);
  }

  @Query(() => UpkeepPolicyType, {
    description: 'Inspection periods by asset class and the repair deadline.',
  })
  async upkeepPolicy(@Ctx() ctx: RequestContext): Promise<UpkeepPolicyType> {
    return toPolicyType(await this.service.currentPolicy(ctx));
  }

  @Query(() => [UpkeepPolicyType], { description: 'Every version of the upkeep policy, newest first.' })
  async upkeepPolicies(@Ctx() ctx: RequestContext): Promise<UpkeepPolicyType[]> {
    return (await this.service.policies(ctx)).map(toPolicyType);
  }

  @Roles(Role.ADMIN, Role.DISTRICT_SUPERVISOR)
  @Mutation(() => UpkeepPolicyType, {
    description: 'ADMIN or DISTRICT_SUPERVISOR: a new version of the upkeep policy.',
  })
  async setUpkeepPolicy(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpkeepPolicyInput,
  ): Promise<UpkeepPolicyType> {
    return toPolicyType(await this.service.setPolicy(ctx, input));
  }
}
