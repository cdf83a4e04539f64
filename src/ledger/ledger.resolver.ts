import { Inject } from '@nestjs/common';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { SingleFlight } from '@/common/concurrency/single-flight';
import { APP_CONFIG, AppConfig } from '@/config';
import { Role, Roles } from '@/common/auth';
import { Ctx, RequestContext } from '@/common/context';
import { JsonScalarType } from '@/common/scalars';
import { CheckpointService } from './checkpoint.service';
import { EvidenceService } from './evidence.service';
import { LedgerQueryService, toCheckpointType } from './ledger-query.service';
import { LedgerVerificationService } from './ledger-verification.service';
import {
  CheckpointConnection,
  CheckpointsArgs,
  CheckpointType,
  ConsistencyProofType,
  InclusionProofType,
  LedgerEntriesArgs,
  LedgerEntryConnection,
  LedgerEntryType,
  LedgerPublicKeyType,
  LedgerVerificationType,
  ReconciliationType,
} from './ledger.types';
import { EvidenceArgs, HistoryArgs } from './dto/ledger.args';
import { DomainError, ErrorCode } from '@/common/errors';

@Resolver()
export class LedgerResolver {
  /** Whole-ledger checks, single-flight (public for metrics and tests). */
  readonly verifications: SingleFlight<LedgerVerificationType>;
  readonly reconciliations = new SingleFlight<ReconciliationType>();

  constructor(
    private readonly query: LedgerQueryService,
    private readonly checkpointService: CheckpointService,
    private readonly verification: LedgerVerificationService,
    private readonly evidence: EvidenceService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.verifications = new SingleFlight({ reuseForMs: config.ledger.verifyReuseSeconds * 1000 });
  }

  @Query(() => LedgerEntryConnection, {
    description:
      'Ledger entries by index, oldest first unless direction: DESC (your region unless district).',
  })
  ledgerEntries(@Ctx() ctx: RequestContext, @Args() args: LedgerEntriesArgs) {
    return this.query.entries(ctx, args.filter, args.first, args.after, args.direction);
  }

  @Query(() => LedgerEntryType, {
    description:
      'One entry by index: district roles any; others an entry of their region, or of a record whose history they read (an asset their village co-owns elsewhere), else OUT_OF_SCOPE; an index outside the ledger is VALIDATION_FAILED on index.',
  })
  ledgerEntry(@Ctx() ctx: RequestContext, @Args('index', { type: () => Int }) index: number) {
    return this.query.entry(ctx, index);
  }

  @Query(() => [LedgerEntryType], { description: 'Every entry of one record, oldest first.' })
  history(@Ctx() ctx: RequestContext, @Args() args: HistoryArgs) {
    return this.query.history(ctx, args.entityType, args.entityId);
  }

  @Query(() => CheckpointType, { nullable: true })
  latestCheckpoint(@Ctx() ctx: RequestContext) {
    return this.query.latestCheckpoint(ctx);
  }

  @Query(() => CheckpointConnection, { description: 'Signed checkpoints, newest first.' })
  checkpoints(@Ctx() ctx: RequestContext, @Args() args: CheckpointsArgs) {
    return this.query.checkpointList(ctx, args.first, args.after);
  }

  @Query(() => LedgerPublicKeyType)
  ledgerPublicKey(): LedgerPublicKeyType {
    return this.query.publicKey();
  }

  @Query(() => InclusionProofType)
  inclusionProof(
    @Ctx() ctx: RequestContext,
    @Args('index', { type: () => Int }) index: number,
    @Args('treeSize', { type: () => Int }) treeSize: number,
  ) {
    return this.query.inclusion(ctx, index, treeSize);
  }

  @Query(() => ConsistencyProofType)
  consistencyProof(
    @Ctx() ctx: RequestContext,
    @Args('fromSize', { type: () => Int }) fromSize: number,
    @Args('toSize', { type: () => Int }) toSize: number,
  ) {
    return this.query.consistency(ctx, fromSize, toSize);
  }

  @Roles(Role.AUDITOR, Role.DISTRICT_SUPERVISOR, Role.ADMIN)
  @Query(() => LedgerVerificationType, {
    description: 'Recompute every leaf, subtree and root; check every checkpoint and entry signature.',
  })
  async verifyLedger(@Ctx() ctx: RequestContext) {
    // Concurrent callers share one run; while no ledger row changed, the last result is reused.
    const fingerprint = await this.query.rowsFingerprint(ctx);
    return this.verifications.do(fingerprint, () => this.verification.verify(ctx));
  }

  @Roles(Role.AUDITOR, Role.DISTRICT_SUPERVISOR, Role.ADMIN)
  @Query(() => ReconciliationType, {
    description: 'Compare the latest ledger state of every record with the business tables.',
  })
  reconcile(@Ctx() ctx: RequestContext) {
    // Concurrent callers share one run (business rows change without the ledger: never reused).
    return this.reconciliations.do('reconcile', () => this.verification.reconcile(ctx));
  }

  @Query(() => JsonScalarType, {
    description: 'An offline-verifiable evidence bundle for one record (verify with `npm run verify`).',
  })
  exportEvidence(@Ctx() ctx: RequestContext, @Args() args: EvidenceArgs) {
    return this.evidence.export(ctx, args.entityType, args.entityId, args.sinceTreeSize);
  }

  @Roles(Role.DISTRICT_SUPERVISOR, Role.ADMIN)
  @Mutation(() => CheckpointType, { description: 'Sign a checkpoint of the ledger now.' })
  async createCheckpoint(@Ctx() ctx: RequestContext): Promise<CheckpointType> {
    const checkpoint = await this.checkpointService.create(ctx.manager);
    if (!checkpoint)
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'The ledger is empty: nothing to sign');
    return toCheckpointType(checkpoint, this.query.publicKey().origin);
  }
}
