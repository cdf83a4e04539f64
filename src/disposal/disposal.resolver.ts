import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { IdArg } from '@/common/validation/arg.pipes';
import { Role, Roles } from '@/common/auth';
import { Ctx, RequestContext } from '@/common/context';
import { Connection, ConnectionType, mapConnection } from '@/common/pagination';
import { IncomeRecord } from '@/income/income.entity';
import { IncomeRecordType } from '@/income/income.types';
import { DisposalService } from './disposal.service';
import {
  CompleteDisposalArgs,
  DisposalIdArgs,
  DisposalPolicyInput,
  DisposalPolicyType,
  DisposalRequestType,
  DisposalsArgs,
  toDisposalType,
  toPolicyType,
  RequestDisposalInput,
  ReviewDisposalArgs,
  UpdateDisposalArgs,
} from './disposal.types';

const DisposalConnection = ConnectionType(DisposalRequestType, 'DisposalRequest');

@Resolver(() => DisposalRequestType)
export class DisposalResolver {
  constructor(private readonly service: DisposalService) {}

  @Mutation(() => DisposalRequestType, {
    description: 'The owner applies to dispose of an asset (appraisal and democratic resolution attached).',
  })
  async requestDisposal(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RequestDisposalInput,
  ): Promise<DisposalRequestType> {
    return toDisposalType(await this.service.request(ctx, input));
  }

  @Mutation(() => DisposalRequestType, { description: 'The requester changes a returned request.' })
  async updateDisposalRequest(
    @Ctx() ctx: RequestContext,
    @Args() args: UpdateDisposalArgs,
  ): Promise<DisposalRequestType> {
    return toDisposalType(await this.service.update(ctx, args.id, args.expectedVersion, args.changes));
  }

  @Mutation(() => DisposalRequestType, {
    description: 'The requester sends a returned request back to the township.',
  })
  async resubmitDisposal(
    @Ctx() ctx: RequestContext,
    @Args() args: DisposalIdArgs,
  ): Promise<DisposalRequestType> {
    return toDisposalType(await this.service.resubmit(ctx, args.requestId));
  }

  @Mutation(() => DisposalRequestType, {
    description: 'The requester withdraws the request before a decision.',
  })
  async withdrawDisposal(
    @Ctx() ctx: RequestContext,
    @Args() args: DisposalIdArgs,
  ): Promise<DisposalRequestType> {
    return toDisposalType(await this.service.withdraw(ctx, args.requestId));
  }

  @Mutation(() => DisposalRequestType, {
    description:
      'Township (first) or district (where the policy says): APPROVE, REJECT or RETURN, bound to the snapshot you saw.',
  })
  async reviewDisposal(
    @Ctx() ctx: RequestContext,
    @Args() args: ReviewDisposalArgs,
  ): Promise<DisposalRequestType> {
    return toDisposalType(await this.service.review(ctx, args));
  }

  @Mutation(() => DisposalRequestType, {
    description: 'After approval: the asset becomes DISPOSED and the proceeds are recorded as income.',
  })
  async completeDisposal(
    @Ctx() ctx: RequestContext,
    @Args() args: CompleteDisposalArgs,
  ): Promise<DisposalRequestType> {
    return toDisposalType(await this.service.complete(ctx, args));
  }

  @Query(() => DisposalRequestType)
  async disposalRequest(@Ctx() ctx: RequestContext, @IdArg('id') id: string): Promise<DisposalRequestType> {
    return toDisposalType(await this.service.findOne(ctx, id));
  }

  @Query(() => DisposalConnection, { description: 'Disposal requests in your region, newest first.' })
  async disposalRequests(
    @Ctx() ctx: RequestContext,
    @Args() args: DisposalsArgs,
  ): Promise<Connection<DisposalRequestType>> {
    const page = await this.service.list(ctx, args.filter, args.first, args.after);
    return mapConnection(page, toDisposalType);
  }

  @Query(() => DisposalPolicyType, { description: 'Which level decides disposals, and review deadlines.' })
  async disposalPolicy(@Ctx() ctx: RequestContext): Promise<DisposalPolicyType> {
    return toPolicyType(await this.service.currentPolicy(ctx));
  }

  @Query(() => [DisposalPolicyType])
  async disposalPolicies(@Ctx() ctx: RequestContext): Promise<DisposalPolicyType[]> {
    return (await this.service.policies(ctx)).map(toPolicyType);
  }

  @Roles(Role.ADMIN, Role.DISTRICT_SUPERVISOR)
  @Mutation(() => DisposalPolicyType, {
    description: 'ADMIN or DISTRICT_SUPERVISOR: a new version of the disposal policy.',
  })
  async setDisposalPolicy(
    @Ctx() ctx: RequestContext,
    @Args('input') input: DisposalPolicyInput,
  ): Promise<DisposalPolicyType> {
    return toPolicyType(await this.service.setPolicy(ctx, input));
  }
}

/** `IncomeRecord.disposalId`: the proceeds of a completed disposal name its request. */
@Resolver(() => IncomeRecordType)
export class IncomeDisposalResolver {
  constructor(private readonly service: DisposalService) {}

  @ResolveField(() => ID, {
    nullable: true,
    description: 'On the proceeds of a completed disposal (资产处置收入): the disposal request.',
  })
  async disposalId(@Ctx() ctx: RequestContext, @Parent() record: IncomeRecord): Promise<string | null> {
    const loader = ctx.loader(
      'income.disposals',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const found = await this.service.proceedsOf(ctx, ids);
          return ids.map((id) => found.get(id) ?? null);
        }),
    );
    return loader.load(record.id);
  }
}
