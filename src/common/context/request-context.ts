import { EntityManager } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { DomainError, ErrorCode } from '../errors';
import { Locale, localeOf } from '../i18n/locale';

/**
 * Everything one request carries through the services: who asks, the request id for logs and the
 * ledger, and, while a mutation runs, the EntityManager of its transaction. Services take it as their
 * first argument (as in Vendure) and get repositories only through `TransactionalConnection`, so a
 * write cannot silently escape the request's transaction.
 */
export class RequestContext {
  /** Set by the transaction helper while a transaction is open. */
  manager?: EntityManager;
  /** Per-transaction scratch space (e.g. the ledger's pending entries), cleared when it ends. */
  readonly transactionState = new Map<symbol, unknown>();
  /** Per-request caches (DataLoaders). */
  readonly loaders = new Map<string, unknown>();

  constructor(
    readonly requestId: string,
    public user?: AuthUser,
    readonly ip?: string,
    /** The raw HTTP request (headers), for the auth guard. */
    readonly httpRequest?: unknown,
  ) {}

  /** The language of the answer (`Accept-Language`): Chinese unless English is asked for. */
  get locale(): Locale {
    const headers = (
      this.httpRequest as { headers?: Record<string, string | string[] | undefined> } | undefined
    )?.headers;
    return localeOf(headers?.['accept-language']);
  }

  get inTransaction(): boolean {
    return this.manager !== undefined;
  }

  /** The signed-in user, or UNAUTHENTICATED. The global guard makes this safe in non-public resolvers. */
  get currentUser(): AuthUser {
    if (!this.user) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'You must sign in');
    return this.user;
  }

  /** A context for work the system does itself (seeding, scheduled checkpoints). */
  static system(requestId: string): RequestContext {
    return new RequestContext(requestId);
  }

  loader<T>(key: string, create: () => T): T {
    let loader = this.loaders.get(key) as T | undefined;
    if (loader === undefined) {
      loader = create();
      this.loaders.set(key, loader);
    }
    return loader;
  }
}
