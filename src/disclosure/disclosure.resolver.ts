import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { Role, Roles } from '@/common/auth';
import { Ctx, RequestContext } from '@/common/context';
import { Connection, ConnectionType } from '@/common/pagination';
import { DisclosureService } from './disclosure.service';
import {
  CreateDisclosureLinkArgs,
  DisclosureLinksArgs,
  DisclosureLinkType,
  RevokeDisclosureLinkArgs,
} from './disclosure.types';

/** Who may publish: whoever writes in the village. Auditors read (and preview) but do not publish. */
const PUBLISHERS = [Role.VILLAGE_CLERK, Role.TOWNSHIP_OFFICER, Role.DISTRICT_SUPERVISOR, Role.ADMIN];

/** `scheme://host` this request reached, to make the link absolute (empty outside HTTP). */
export function originOf(ctx: RequestContext): string {
  const req = ctx.httpRequest as FastifyRequest | undefined;
  return req?.host ? `${req.protocol}://${req.host}` : '';
}

const DisclosureLinkConnection = ConnectionType(DisclosureLinkType, 'DisclosureLink');

@Resolver(() => DisclosureLinkType)
export class DisclosureResolver {
  constructor(private readonly service: DisclosureService) {}

  @Roles(...PUBLISHERS)
  @Mutation(() => DisclosureLinkType, {
    description:
      'Publish a village’s yearly disclosure (公示): signs a ledger checkpoint if anything is new, records the publication on the ledger and returns the public link (GET /disclosure/<token>, no sign-in) to its printable page. The village’s clerk, its township’s officer, DISTRICT_SUPERVISOR or ADMIN.',
  })
  createDisclosureLink(
    @Ctx() ctx: RequestContext,
    @Args() args: CreateDisclosureLinkArgs,
  ): Promise<DisclosureLinkType> {
    return this.service.createLink(ctx, args, originOf(ctx));
  }

  @Roles(...PUBLISHERS)
  @Mutation(() => DisclosureLinkType, {
    description: 'Withdraw a published link (its page then answers 403); recorded on the ledger.',
  })
  revokeDisclosureLink(
    @Ctx() ctx: RequestContext,
    @Args() args: RevokeDisclosureLinkArgs,
  ): Promise<DisclosureLinkType> {
    return this.service.revokeLink(ctx, args.id, args.reason, originOf(ctx));
  }

  @Query(() => DisclosureLinkConnection, {
    description: 'Disclosure links published in your region, newest first, `first` a page after `after`.',
  })
  disclosureLinks(
    @Ctx() ctx: RequestContext,
    @Args() args: DisclosureLinksArgs,
  ): Promise<Connection<DisclosureLinkType>> {
    return this.service.links(ctx, args, originOf(ctx));
  }
}
