import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role, Roles } from '@/common/auth';
import { Ctx, RequestContext } from '@/common/context';
import {
  LedgerVerificationRunType,
  toVerificationRunType,
  VerificationRunArgs,
  VerificationRunsArgs,
} from './verification-run.types';
import { VerificationRunService } from './verification-run.service';

/** verifyLedger in the background, with its progress (the console's 账本校验). */
@Resolver()
export class VerificationRunResolver {
  constructor(private readonly runs: VerificationRunService) {}

  @Roles(Role.AUDITOR, Role.DISTRICT_SUPERVISOR, Role.ADMIN)
  @Mutation(() => LedgerVerificationRunType, {
    description:
      'Start verifyLedger in the background (or join the run already going); follow it with ledgerVerificationRun.',
  })
  async startLedgerVerification(@Ctx() ctx: RequestContext): Promise<LedgerVerificationRunType> {
    return toVerificationRunType(await this.runs.start(ctx), ctx.locale);
  }

  @Roles(Role.AUDITOR, Role.DISTRICT_SUPERVISOR, Role.ADMIN)
  @Query(() => LedgerVerificationRunType, { description: 'A verification run: its progress and findings.' })
  async ledgerVerificationRun(
    @Ctx() ctx: RequestContext,
    @Args() args: VerificationRunArgs,
  ): Promise<LedgerVerificationRunType> {
    return toVerificationRunType(await this.runs.find(ctx, args.id), ctx.locale);
  }

  @Roles(Role.AUDITOR, Role.DISTRICT_SUPERVISOR, Role.ADMIN)
  @Query(() => [LedgerVerificationRunType], { description: 'The newest verification runs.' })
  async ledgerVerificationRuns(
    @Ctx() ctx: RequestContext,
    @Args() args: VerificationRunsArgs,
  ): Promise<LedgerVerificationRunType[]> {
    return (await this.runs.recent(ctx, args.first)).map((run) => toVerificationRunType(run, ctx.locale));
  }
}
