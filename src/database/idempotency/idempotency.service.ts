import { Injectable } from '@nestjs/common';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode } from '@/common/errors';
import { LockSpace, lockInTransaction } from '../advisory-lock';
import { TransactionalConnection } from '../transactional-connection';
import { requestHash } from './request-hash';

/** What is kept of a first result to give it again: JSON (ids, file references), never whole records. */
export type Remembered = null | boolean | number | string | Remembered[] | { [key: string]: Remembered };

export interface IdempotentWrite<T, R extends Remembered> {
  /** The mutation's name (`recordIncome`): a key used for one operation cannot be reused for another. */
  operation: string;
  /** The client's key; without one the write simply runs (where the key is optional). */
  key: string | null | undefined;
  /** The input as validated; its `idempotencyKey` field is left out of the hash. */
  request: object;
  /** What identifies the result, to be stored beside the key. */
  remember: (result: T) => R;
  /** The first result again, from what {@link remember} kept (read in the caller's scope). */
  replay: (remembered: R) => Promise<T>;
}

/**
 * The one idempotency mechanism of every mutation that creates something or moves money. Keys are per
 * user. Inside the mutation's transaction it takes a transaction-scoped advisory lock on (user, key), so
 * concurrent repeats queue up behind the first; then either
 * - the key is new: the write runs and the key is stored with the request's hash and the result's ids,
 *   committed together with the write (or rolled back with it: a failed write leaves the key free);
 * - the key was used for the same request: nothing is written, the first result is returned;
 * - the key was used for another request (another amount, kind, asset … or another operation):
 *   CONFLICT `IDEMPOTENCY_KEY_REUSED`, nothing is written.
 * Call it first in the mutation, before other locks, so the lock order is always the same.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly connection: TransactionalConnection) {}

  async run<T, R extends Remembered>(
    ctx: RequestContext,
    write: IdempotentWrite<T, R>,
    work: () => Promise<T>,
  ): Promise<T> {
    if (!write.key) return work();
    const manager = this.connection.requireTransaction(ctx);
    const userId = ctx.currentUser.id;
    const hash = requestHash(write.operation, write.request);
    await lockInTransaction(manager, LockSpace.IDEMPOTENCY_KEY, `${userId}:${write.key}`);
    const [seen] = await manager.query<Array<{ operation: string; request_hash: string; result: R }>>(
      'SELECT operation, request_hash, result FROM idempotency_key WHERE user_id = $1 AND key = $2',
      [userId, write.key],
    );
    if (seen) {
      if (seen.operation !== write.operation || seen.request_hash !== hash) {
        throw new DomainError(
          ErrorCode.IDEMPOTENCY_KEY_REUSED,
          seen.operation !== write.operation
            ? `The idempotency key ${write.key} was used for another operation (${seen.operation}): it cannot be used for this request; give a new request a new key`
            : `The idempotency key ${write.key} was used for a different request (another amount, kind, asset …): this request was not run; give a new request a new key`,
          { operation: seen.operation },
        );
      }
      return write.replay(seen.result);
    }
    const result = await work();
    await manager.query(
      'INSERT INTO idempotency_key (user_id, key, operation, request_hash, result) VALUES ($1, $2, $3, $4, $5)',
      [userId, write.key, write.operation, hash, JSON.stringify(write.remember(result))],
    );
    return result;
  }
}
