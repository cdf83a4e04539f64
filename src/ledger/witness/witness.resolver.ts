import DataLoader from 'dataloader';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, Roles } from '@/common/auth';
import { Ctx, RequestContext } from '@/common/context';
import { IdArg } from '@/common/validation/arg.pipes';
import { independentReads, TransactionalConnection } from '@/database';
import { CheckpointType } from '../ledger.types';
import { Witness, WitnessPolicyVersion } from './witness.entity';
import { StoredCosignature, WitnessService } from './witness.service';
import { pushMessage } from './witness-push';
import {
  CheckpointWitnessingType,
  RegisterWitnessInput,
  RevokeWitnessArgs,
  SetWitnessPolicyInput,
  WitnessPolicyType,
  WitnessPushResultType,
  WitnessType,
} from './witness.types';

/** What every witness field of one request needs: the witnesses, the policy, their last cosignatures. */
interface WitnessContext {
  witnesses: Witness[];
  policy: WitnessPolicyVersion | null;
  last: Map<string, { treeSize: number; signedAt: Date }>;
}

@Resolver()
export class WitnessResolver {
  constructor(
    private readonly service: WitnessService,
    private readonly connection: TransactionalConnection,
  ) {}

  private context(ctx: RequestContext): Promise<WitnessContext> {
    return witnessContext(ctx, this.service, this.connection);
  }

  @Query(() => [WitnessType], { description: 'Witnesses of the ledger (their public keys), oldest first.' })
  async witnesses(@Ctx() ctx: RequestContext): Promise<WitnessType[]> {
    const c = await this.context(ctx);
    return c.witnesses.map((w) => toWitnessType(w, c));
  }

  @Query(() => WitnessPolicyType, { nullable: true, description: 'The current witness policy (k of n).' })
  async witnessPolicy(@Ctx() ctx: RequestContext): Promise<WitnessPolicyType | null> {
    const c = await this.context(ctx);
    if (!c.policy) return null;
    const policy = c.policy;
    return {
      version: policy.version,
      quorum: policy.quorum,
      witnesses: policy.witnessIds
        .map((id) => c.witnesses.find((w) => w.id === id))
        .filter((w): w is Witness => !!w)
        .map((w) => toWitnessType(w, c)),
      text: this.service.policyText(policy, c.witnesses),
      createdAt: policy.createdAt,
    };
  }

  @Roles(Role.TOWNSHIP_OFFICER, Role.DISTRICT_SUPERVISOR)
  @Mutation(() => WitnessType, {
    description:
      'Register the public key of a witness key you hold (made with the witness CLI or in the console). An ADMIN approves it.',
  })
  async registerWitness(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RegisterWitnessInput,
  ): Promise<WitnessType> {
    const w = await this.service.register(ctx, input);
    return toWitnessType(w, { witnesses: [], policy: null, last: new Map() });
  }

  @Roles(Role.ADMIN)
  @Mutation(() => WitnessType)
  async approveWitness(@Ctx() ctx: RequestContext, @IdArg('id') id: string): Promise<WitnessType> {
    const w = await this.service.approve(ctx, id);
    return toWitnessType(w, await this.context(ctx));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => WitnessType)
  async revokeWitness(@Ctx() ctx: RequestContext, @Args() args: RevokeWitnessArgs): Promise<WitnessType> {
    const w = await this.service.revoke(ctx, args.id, args.reason);
    return toWitnessType(w, await this.context(ctx));
  }

  @Roles(Role.ADMIN, Role.DISTRICT_SUPERVISOR)
  @Mutation(() => WitnessPolicyType, {
    description: 'Which active witnesses count, and how many must cosign.',
  })
  async setWitnessPolicy(
    @Ctx() ctx: RequestContext,
    @Args('input') input: SetWitnessPolicyInput,
  ): Promise<WitnessPolicyType> {
    const policy = await this.service.setPolicy(ctx, input);
    const witnesses = await this.service.list(this.connection.getManager(ctx));
    const c = { witnesses, policy, last: await this.service.lastCosigned(this.connection.getManager(ctx)) };
    return {
      version: policy.version,
      quorum: policy.quorum,
      witnesses: policy.witnessIds.map((id) =>
        toWitnessType(
          witnesses.find((w) => w.id === id)!,
          c,
        ),
      ),
      text: this.service.policyText(policy, witnesses),
      createdAt: policy.createdAt,
    };
  }

  @Roles(Role.ADMIN, Role.DISTRICT_SUPERVISOR)
  @Mutation(() => [WitnessPushResultType], {
    description:
      'Send the newest checkpoint now to the active witnesses that answer tlog-witness add-checkpoint (those with a URL).',
  })
  async requestCosignatures(@Ctx() ctx: RequestContext): Promise<WitnessPushResultType[]> {
    return (await this.service.pushAll()).map((r) => ({ ...r, message: pushMessage(r, ctx.locale) }));
  }
}

/** `Checkpoint.witnessing`: its cosignatures against the current policy (batched per request). */
@Resolver(() => CheckpointType)
export class CheckpointWitnessingResolver {
  constructor(
    private readonly service: WitnessService,
    private readonly connection: TransactionalConnection,
  ) {}

  @ResolveField(() => CheckpointWitnessingType, {
    description:
      'Which witnesses cosigned this checkpoint, whether the policy is met, and the cosigned note.',
  })
  async witnessing(
    @Ctx() ctx: RequestContext,
    @Parent() checkpoint: CheckpointType,
  ): Promise<CheckpointWitnessingType> {
    const manager = this.connection.getManager(ctx);
    const loader = ctx.loader(
      'witness.cosignatures',
      () =>
        new DataLoader<number, StoredCosignature[]>(async (sizes) => {
          const found = await this.service.cosignaturesOf(manager, sizes);
          return sizes.map((s) => found.get(s) ?? []);
        }),
    );
    const c = await witnessContext(ctx, this.service, this.connection);
    const w = this.service.witnessing(
      checkpoint,
      await loader.load(checkpoint.treeSize),
      c.policy,
      c.witnesses,
    );
    return { ...w, behind: w.behind.map((x) => toWitnessType(x, c)) };
  }
}

/** Loaded once per request. */
function witnessContext(
  ctx: RequestContext,
  service: WitnessService,
  connection: TransactionalConnection,
): Promise<WitnessContext> {
  return ctx.loader('witness.context', async () => {
    const manager = connection.getManager(ctx);
    const [witnesses, policy, last] = await independentReads(manager, [
      () => service.list(manager),
      () => service.policy(manager),
      () => service.lastCosigned(manager),
    ]);
    return { witnesses, policy, last };
  });
}

export function toWitnessType(w: Witness, c: WitnessContext): WitnessType {
  const last = c.last.get(w.id);
  return {
    id: w.id,
    name: w.name,
    verifierKey: w.verifierKey,
    regionCode: w.regionCode,
    url: w.url,
    status: w.status,
    registeredBy: w.registeredBy,
    approvedAt: w.approvedAt,
    revokedAt: w.revokedAt,
    revokeReason: w.revokeReason,
    createdAt: w.createdAt,
    lastCosignedSize: last?.treeSize ?? null,
    lastCosignedAt: last?.signedAt ?? null,
    inPolicy: c.policy?.witnessIds.includes(w.id) ?? false,
  };
}
