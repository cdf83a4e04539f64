import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { IdArg } from '@/common/validation/arg.pipes';
import { Role, Roles } from '@/common/auth';
import { Ctx, RequestContext } from '@/common/context';
import { Connection, ConnectionType, mapConnection } from '@/common/pagination';
import { Asset } from '@/assets/asset.entity';
import { AssetType } from '@/assets/asset.type';
import { AssetsService } from '@/assets/assets.service';
import {
  ConfirmOwnershipArgs,
  OwnershipPolicyInput,
  OwnershipPolicyType,
  OwnershipProposalsArgs,
  ProposalType,
  ProposeOwnershipInput,
  RecordObjectionInput,
  RejectOwnershipArgs,
  ResolveObjectionArgs,
  toOwnershipPolicyType,
  toProposalType,
} from './ownership.types';
import { OwnershipService } from './ownership.service';

const ProposalConnection = ConnectionType(ProposalType, 'OwnershipProposal');

@Resolver(() => ProposalType)
export class OwnershipResolver {
  constructor(
    private readonly service: OwnershipService,
    private readonly assets: AssetsService,
  ) {}

  @Query(() => ProposalType)
  async ownershipProposal(@Ctx() ctx: RequestContext, @IdArg('id') id: string): Promise<ProposalType> {
    return toProposalType(await this.service.findOne(ctx, id));
  }

  @Query(() => ProposalConnection, {
    description:
      'Ownership proposals (确权申请) of assets located in your region, or in filter.regionCode within it: the oldest end of publicity first (publicityEnd ascending, then the asset code), so that the longest waiting are decided first. With publicityEnded: true, the proposals awaiting confirmation (公示期满待确权).',
  })
  async ownershipProposals(
    @Ctx() ctx: RequestContext,
    @Args() args: OwnershipProposalsArgs,
  ): Promise<Connection<ProposalType>> {
    const page = await this.service.list(ctx, args.filter, args.first, args.after);
    return mapConnection(page, toProposalType);
  }

  @ResolveField(() => AssetType, {
    description: 'The asset the proposal is about, as the register holds it now.',
  })
  async asset(@Ctx() ctx: RequestContext, @Parent() proposal: ProposalType): Promise<Asset> {
    const loader = ctx.loader(
      'ownershipProposal.assets',
      () =>
        new DataLoader<string, Asset | null>(async (ids) => {
          const found = await this.assets.byIds(ctx, ids);
          return ids.map((id) => found.get(id) ?? null);
        }),
    );
    return (await loader.load(proposal.assetId))!;
  }

  @Mutation(() => ProposalType, {
    description:
      'Propose owners (shares adding up to 100) and a management entity; starts the publicity (公示).',
  })
  async proposeOwnership(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ProposeOwnershipInput,
  ): Promise<ProposalType> {
    return toProposalType(await this.service.propose(ctx, input));
  }

  @Mutation(() => ProposalType, { description: 'Record an objection raised during the publicity.' })
  async recordObjection(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RecordObjectionInput,
  ): Promise<ProposalType> {
    return toProposalType(await this.service.recordObjection(ctx, input));
  }

  @Mutation(() => ProposalType, { description: 'Township or district: settle an objection.' })
  async resolveObjection(
    @Ctx() ctx: RequestContext,
    @Args() args: ResolveObjectionArgs,
  ): Promise<ProposalType> {
    return toProposalType(await this.service.resolveObjection(ctx, args.objectionId, args.resolution));
  }

  @Mutation(() => ProposalType, {
    description:
      "After the publicity, the asset's township officer or a district supervisor confirms ownership.",
  })
  async confirmOwnership(
    @Ctx() ctx: RequestContext,
    @Args() args: ConfirmOwnershipArgs,
  ): Promise<ProposalType> {
    return toProposalType(
      await this.service.confirm(ctx, args.proposalId, args.certificateNo, args.effectiveDate),
    );
  }

  @Mutation(() => ProposalType, { description: 'Reject a proposal; the reason is mandatory.' })
  async rejectOwnership(
    @Ctx() ctx: RequestContext,
    @Args() args: RejectOwnershipArgs,
  ): Promise<ProposalType> {
    return toProposalType(await this.service.reject(ctx, args.proposalId, args.reason));
  }

  @Query(() => OwnershipPolicyType, {
    description: 'How far back a publicity may start (the version in force).',
  })
  async ownershipPolicy(@Ctx() ctx: RequestContext): Promise<OwnershipPolicyType> {
    return toOwnershipPolicyType(await this.service.currentPolicy(ctx));
  }

  @Query(() => [OwnershipPolicyType])
  async ownershipPolicies(@Ctx() ctx: RequestContext): Promise<OwnershipPolicyType[]> {
    return (await this.service.policies(ctx)).map(toOwnershipPolicyType);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => OwnershipPolicyType, { description: 'ADMIN: a new version of the ownership policy.' })
  async setOwnershipPolicy(
    @Ctx() ctx: RequestContext,
    @Args('input') input: OwnershipPolicyInput,
  ): Promise<OwnershipPolicyType> {
    return toOwnershipPolicyType(await this.service.setPolicy(ctx, input));
  }
}
