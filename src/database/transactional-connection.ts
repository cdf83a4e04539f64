import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import { RequestContext } from '@/common/context';
import { CommitOutcomeUnknownError, DomainError, isDatabaseUnavailable } from '@/common/errors';

export const DATA_SOURCE = Symbol('DATA_SOURCE');

export type TransactionHook = (ctx: RequestContext, manager: EntityManager) => Promise<void>;

/**
 * The only way services reach the database. Repositories are always obtained for a
 * {@link RequestContext}: inside a mutation they are bound to that mutation's transaction, so a write
 * cannot slip outside it; outside a transaction (queries) they use the pool.
 *
 * Every mutation runs through {@link withTransaction} exactly once (the global transaction interceptor
 * does it for GraphQL mutations; REST endpoints and background jobs call it themselves). Features that
 * must act just before the commit (the ledger appends its entries there, last, to hold its lock as
 * briefly as possible) or after it register hooks.
 */
@Injectable()
export class TransactionalConnection {
  private readonly beforeCommitHooks: TransactionHook[] = [];
  private readonly afterCommitHooks: TransactionHook[] = [];
  private readonly logger = new Logger('TransactionalConnection');

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  getRepository<T extends ObjectLiteral>(ctx: RequestContext, target: EntityTarget<T>): Repository<T> {
    return this.getManager(ctx).getRepository(target);
  }

  getManager(ctx: RequestContext): EntityManager {
    return ctx.manager ?? this.dataSource.manager;
  }

  /** Requires an open transaction: for code paths that write. */
  requireTransaction(ctx: RequestContext): EntityManager {
    if (!ctx.manager) throw new Error('this write must run inside TransactionalConnection.withTransaction');
    return ctx.manager;
  }

  onBeforeCommit(hook: TransactionHook): void {
    this.beforeCommitHooks.push(hook);
  }

  onAfterCommit(hook: TransactionHook): void {
    this.afterCommitHooks.push(hook);
  }

  /**
   * Runs `work` in one database transaction bound to `ctx`. A nested call joins the open transaction.
   * If `work` throws, everything (including pending ledger entries) is rolled back, unless the error is
   * a {@link DomainError} flagged `commitBeforeThrow`. A connection lost during COMMIT itself is a
   * {@link CommitOutcomeUnknownError} (the write may have committed: retry with the same idempotency key).
   */
  async withTransaction<T>(ctx: RequestContext, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (ctx.manager) return work(ctx.manager);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    ctx.manager = runner.manager;
    try {
      let result: T;
      try {
        result = await work(runner.manager);
      } catch (error) {
        if (error instanceof DomainError && error.commitBeforeThrow) {
          await this.commit(ctx, runner.manager, () => runner.commitTransaction());
        }
        throw error;
      }
      await this.commit(ctx, runner.manager, () => runner.commitTransaction());
      return result;
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      ctx.manager = undefined;
      ctx.transactionState.clear();
      ctx.loaders.clear();
      await runner.release();
    }
  }

  /**
   * A read-only REPEATABLE READ transaction: one consistent snapshot for long reads (ledger
   * verification, reconciliation, exports).
   */
  async withSnapshot<T>(ctx: RequestContext, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await work(runner.manager);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async commit(
    ctx: RequestContext,
    manager: EntityManager,
    commit: () => Promise<void>,
  ): Promise<void> {
    for (const hook of this.beforeCommitHooks) await hook(ctx, manager);
    try {
      await commit();
    } catch (error) {
      // Before COMMIT a lost connection means nothing was written; during COMMIT nobody here can know.
      if (isDatabaseUnavailable(error)) throw new CommitOutcomeUnknownError(error);
      throw error;
    }
    for (const hook of this.afterCommitHooks) {
      // After-commit work (e.g. a checkpoint) must never turn a committed mutation into an error.
      await hook(ctx, this.dataSource.manager).catch((error: unknown) =>
        this.logger.error({ requestId: ctx.requestId, err: error }, 'after-commit hook failed'),
      );
    }
  }
}
