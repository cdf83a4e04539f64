import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { LessThan } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode } from '@/common/errors';
import { LockSpace, lockInTransaction, TransactionalConnection } from '@/database';
import { LedgerVerificationService, VerificationProgress } from '../ledger-verification.service';
import { LedgerVerificationRun, VerificationRunState } from './verification-run.entity';

/** How often a run writes its progress (and so proves it is alive). */
const PROGRESS_EVERY_MS = 1000;
/** A RUNNING run not updated for this long belongs to a process that stopped. */
const STALE_AFTER_MS = 60_000;
const STOPPED = 'The server stopped during the verification: it did not finish. Start it again.';

/**
 * `verifyLedger` as a background run with its progress (`startLedgerVerification`,
 * `ledgerVerificationRun`): the same verification (one read-only snapshot, constant memory), its
 * progress written every second to `ledger_verification_run`, its findings stored when it ends. A run
 * already going is shared rather than started twice.
 */
@Injectable()
export class VerificationRunService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('VerificationRunService');
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly verification: LedgerVerificationService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.closeStale();
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /**
   * Starts a run, or returns the one going. The row is written outside the request's transaction (on a
   * connection of its own, under a lock so that two callers start one run), so that the background work
   * sees it at once, as import jobs do.
   */
  async start(ctx: RequestContext): Promise<LedgerVerificationRun> {
    const user = ctx.currentUser;
    await this.closeStale();
    const ops = RequestContext.system(`ledger-verification:start:${ctx.requestId}`);
    const { run, started } = await this.connection.withTransaction(ops, async (manager) => {
      await lockInTransaction(manager, LockSpace.LEDGER_VERIFICATION);
      const repo = manager.getRepository(LedgerVerificationRun);
      const going = await repo.findOne({
        where: { state: VerificationRunState.RUNNING },
        order: { startedAt: 'DESC' },
      });
      if (going) return { run: going, started: false };
      const created = await repo.save(
        repo.create({
          state: VerificationRunState.RUNNING,
          startedBy: user.id,
          checkedEntries: 0,
          treeSize: null,
        }),
      );
      return { run: created, started: true };
    });
    if (started) {
      const work = this.run(run.id).finally(() => this.running.delete(work));
      this.running.add(work);
    }
    return run;
  }

  async find(ctx: RequestContext, id: string): Promise<LedgerVerificationRun> {
    await this.closeStale();
    const run = await this.connection.getRepository(ctx, LedgerVerificationRun).findOneBy({ id });
    if (!run) throw new DomainError(ErrorCode.NOT_FOUND, `Verification run ${id} was not found`);
    return run;
  }

  async recent(ctx: RequestContext, first: number): Promise<LedgerVerificationRun[]> {
    await this.closeStale();
    return this.connection
      .getRepository(ctx, LedgerVerificationRun)
      .find({ order: { startedAt: 'DESC', id: 'DESC' }, take: first });
  }

  private async run(id: string): Promise<void> {
    const ops = RequestContext.system(`ledger-verification:${id}`);
    const repo = () => this.connection.getRepository(ops, LedgerVerificationRun);
    let lastWrite = 0;
    let pending: Promise<unknown> = Promise.resolve();
    const onProgress = (p: VerificationProgress): void => {
      if (Date.now() - lastWrite < PROGRESS_EVERY_MS) return;
      lastWrite = Date.now();
      pending = pending
        .then(() => repo().update(id, { checkedEntries: p.checkedEntries, treeSize: p.treeSize }))
        .catch((error: unknown) => this.logger.warn(`progress of run ${id}: ${String(error)}`));
    };
    try {
      const result = await this.connection.withSnapshot(ops, (manager) =>
        this.verification.verifyIn(manager, onProgress),
      );
      await pending;
      await repo().update(id, {
        state: VerificationRunState.SUCCEEDED,
        treeSize: result.treeSize,
        checkedEntries: result.checkedEntries,
        result: JSON.parse(JSON.stringify(result)) as Record<string, unknown>,
        finishedAt: new Date(),
      } as QueryDeepPartialEntity<LedgerVerificationRun>);
    } catch (error) {
      this.logger.error(`verification run ${id} failed: ${String(error)}`);
      await pending;
      await repo()
        .update(id, {
          state: VerificationRunState.FAILED,
          message:
            'The verification could not finish (the database was unavailable or the server was stopping): start it again later.',
          finishedAt: new Date(),
        })
        .catch((e: unknown) => this.logger.error(`closing run ${id}: ${String(e)}`));
    }
  }

  /** Runs left RUNNING by a process that stopped (no progress for a minute) end FAILED. */
  private async closeStale(): Promise<void> {
    await this.connection
      .getRepository(RequestContext.system('ledger-verification:stale'), LedgerVerificationRun)
      .update(
        { state: VerificationRunState.RUNNING, updatedAt: LessThan(new Date(Date.now() - STALE_AFTER_MS)) },
        { state: VerificationRunState.FAILED, message: STOPPED, finishedAt: new Date() },
      );
  }
}
