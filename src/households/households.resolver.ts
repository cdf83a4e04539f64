import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IdArg } from '@/common/validation/arg.pipes';
import DataLoader from 'dataloader';
import { Ctx, RequestContext } from '@/common/context';
import { Connection, ConnectionType } from '@/common/pagination';
import { LocalDateScalarType } from '@/common/scalars';
import { Region } from '@/regions/region.entity';
import { RegionType } from '@/regions/region.type';
import { RegionsService } from '@/regions/regions.service';
import {
  ChangeHouseholdStatusArgs,
  EndHouseholdStatusArgs,
  HouseholdsArgs,
  RegisterHouseholdInput,
  UpdateHouseholdArgs,
} from './dto/household.inputs';
import { isEligibleOn } from './eligibility';
import { Household, HouseholdStatus } from './household.entity';
import { HouseholdStatusType, HouseholdType } from './household.type';
import { HouseholdsService } from './households.service';

const HouseholdConnection = ConnectionType(HouseholdType, 'Household');

@Resolver(() => HouseholdType)
export class HouseholdsResolver {
  constructor(
    private readonly service: HouseholdsService,
    private readonly regions: RegionsService,
  ) {}

  @Query(() => HouseholdType, { description: 'One household of your region.' })
  household(@Ctx() ctx: RequestContext, @IdArg('id') id: string): Promise<Household> {
    return this.service.findOne(ctx, id);
  }

  @Query(() => HouseholdConnection, {
    description: 'Households of your region, ordered by registry number.',
  })
  households(@Ctx() ctx: RequestContext, @Args() args: HouseholdsArgs): Promise<Connection<Household>> {
    return this.service.list(ctx, args.filter, args.first, args.after);
  }

  @Mutation(() => HouseholdType, {
    description: 'Register a household with its status (户类型) and the date it was determined.',
  })
  registerHousehold(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RegisterHouseholdInput,
  ): Promise<Household> {
    return this.service.register(ctx, input);
  }

  @Mutation(() => HouseholdType, {
    description:
      'Change a household; a stale expectedVersion is a CONFLICT. Statuses change with changeHouseholdStatus.',
  })
  updateHousehold(@Ctx() ctx: RequestContext, @Args() args: UpdateHouseholdArgs): Promise<Household> {
    return this.service.update(ctx, args.id, args.expectedVersion, args.changes);
  }

  @Mutation(() => HouseholdType, {
    description:
      'A new status from startedOn; the current status ends the day before (history is kept). A household that left the monitoring system re-enters it.',
  })
  changeHouseholdStatus(
    @Ctx() ctx: RequestContext,
    @Args() args: ChangeHouseholdStatusArgs,
  ): Promise<Household> {
    return this.service.changeStatus(
      ctx,
      args.householdId,
      args.status,
      args.monitoringCategory,
      args.startedOn,
    );
  }

  @Mutation(() => HouseholdType, {
    description:
      'The household leaves the monitoring system: its current status ends on endedOn. It stays eligible for income distribution until the end of that month.',
  })
  endHouseholdStatus(@Ctx() ctx: RequestContext, @Args() args: EndHouseholdStatusArgs): Promise<Household> {
    return this.service.endStatus(ctx, args.householdId, args.endedOn, args.reason);
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      "The head's resident ID number: in full for the village clerk and the township officer of the household's village (they make payouts), masked (5001**********1234) for everyone else.",
  })
  idNumber(@Ctx() ctx: RequestContext, @Parent() household: Household): string | null {
    return this.service.idNumberFor(ctx.currentUser, household);
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      "The head's telephone number: in full for the village clerk and the township officer of the household's village, masked (138****5678) for everyone else.",
  })
  phone(@Ctx() ctx: RequestContext, @Parent() household: Household): string | null {
    return this.service.phoneFor(ctx.currentUser, household);
  }

  @ResolveField(() => RegionType)
  async village(@Ctx() ctx: RequestContext, @Parent() household: Household): Promise<Region> {
    return (await this.regions.load(ctx, household.villageCode))!;
  }

  @ResolveField(() => [HouseholdStatusType], { description: 'Every status period, oldest first.' })
  statusHistory(@Ctx() ctx: RequestContext, @Parent() household: Household): Promise<HouseholdStatus[]> {
    return this.statusLoader(ctx).load(household.id);
  }

  @ResolveField(() => HouseholdStatusType, {
    nullable: true,
    description: 'The open status; null when the household has left the monitoring system.',
  })
  async currentStatus(
    @Ctx() ctx: RequestContext,
    @Parent() household: Household,
  ): Promise<HouseholdStatus | null> {
    const history = await this.statusLoader(ctx).load(household.id);
    return history.find((s) => s.endedOn === null) ?? null;
  }

  @ResolveField(() => Boolean, {
    description:
      'Eligible for income distribution on this date: a status covers it, or it left the system in the same month.',
  })
  async eligibleOn(
    @Ctx() ctx: RequestContext,
    @Parent() household: Household,
    @Args('date', { type: () => LocalDateScalarType }) date: string,
  ): Promise<boolean> {
    return isEligibleOn(await this.statusLoader(ctx).load(household.id), date);
  }

  private statusLoader(ctx: RequestContext): DataLoader<string, HouseholdStatus[]> {
    return ctx.loader(
      'household.statuses',
      () =>
        new DataLoader<string, HouseholdStatus[]>(async (ids) => {
          const found = await this.service.statusesOf(ctx, ids);
          return ids.map((id) => found.get(id) ?? []);
        }),
    );
  }
}
