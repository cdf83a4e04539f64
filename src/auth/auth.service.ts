import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuthUser } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode } from '@/common/errors';
import { APP_CONFIG, AppConfig } from '@/config';
import { preparedQuery, TransactionalConnection } from '@/database';
import { LedgerAction } from '@/ledger/ledger-actions';
import { LedgerService } from '@/ledger/ledger.service';
import { signAccessToken, verifyAccessToken } from './access-token';
import { LoginThrottle } from './login-throttle.entity';
import { dummyPasswordHash, verifyPassword } from '@/users/password-hasher';
import { User, UserStatus } from '@/users/user.entity';
import { USER_SUBJECT, userState, UsersService } from '@/users/users.service';

export interface IssuedToken {
  accessToken: string;
  expiresAt: Date;
  user: User;
}

/**
 * Sign-in, tokens and lockout. Tokens are HS256 JWTs carrying the user id and a token version; every
 * request re-reads the user, so a disabled user, a changed password or role ends older tokens at once.
 */
@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connection: TransactionalConnection,
    private readonly users: UsersService,
    private readonly ledger: LedgerService,
  ) {}

  /**
   * Sign-in, with failures counted three ways (`login_throttle`): per account and client address (after
   * LOCKOUT_MAX_FAILURES that address is locked out of that account: a stranger cannot lock the owner
   * out), per account from all addresses (after LOCKOUT_ACCOUNT_MAX_FAILURES the account is locked for
   * everyone, a USER_LOCKED entry on the ledger) and per address whatever the account (after
   * LOCKOUT_ADDRESS_MAX_FAILURES the address may not sign in at all for a while: LOGIN_THROTTLED).
   * A username that does not exist is counted and answered exactly like one that does, locks included.
   */
  async login(ctx: RequestContext, username: string, password: string): Promise<IssuedToken> {
    const name = username.toLowerCase();
    const address = ctx.ip ?? 'unknown';
    const keys = {
      account: `account:${name}`,
      pair: `pair:${name}|${address}`,
      address: `address:${address}`,
    };
    const now = new Date();
    const throttles = await this.throttles(ctx, Object.values(keys), now);
    const addressLock = throttles.get(keys.address);
    if (addressLock) {
      const retryAfterSeconds = Math.max(1, Math.ceil((addressLock.getTime() - now.getTime()) / 1000));
      throw new DomainError(
        ErrorCode.LOGIN_THROTTLED,
        `Too many failed sign-ins from your network: try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`,
        { retryAfterSeconds },
      );
    }
    const user = await this.connection
      .getRepository(ctx, User)
      .createQueryBuilder('u')
      .setLock('pessimistic_write')
      .where('u.username = :username', { username: name })
      .getOne();
    const locks = [throttles.get(keys.account), throttles.get(keys.pair), user?.lockedUntil ?? undefined];
    const lockedUntil = locks.reduce<Date | undefined>(
      (latest, d) => (d && d > now && (!latest || d > latest) ? d : latest),
      undefined,
    );
    if (lockedUntil) throw this.locked(lockedUntil);
    // Unknown users cost the same time as real ones.
    const valid = await verifyPassword(password, user ? user.passwordHash : await dummyPasswordHash());
    if (!user || !valid) return this.recordFailure(ctx, keys, user, now);
    if (user.status === UserStatus.DISABLED) {
      throw new DomainError(ErrorCode.ACCOUNT_DISABLED, 'This account is disabled');
    }
    // The owner proved who they are: their count starts over (another address's lock stays).
    await this.connection
      .getManager(ctx)
      .query('DELETE FROM login_throttle WHERE key IN ($1, $2)', [keys.account, keys.pair]);
    return this.issue(user);
  }

  issue(user: User): IssuedToken {
    const { token, expiresAt } = signAccessToken(
      { sub: user.id, ver: user.tokenVersion },
      this.config.auth.jwtSecret,
      this.config.auth.tokenTtlSeconds,
    );
    return { accessToken: token, expiresAt, user };
  }

  /** Verifies a bearer token and returns the user it belongs to, or throws UNAUTHENTICATED. */
  async authenticate(ctx: RequestContext, token: string): Promise<AuthUser> {
    const claims = verifyAccessToken(token, this.config.auth.jwtSecret, this.config.auth.tokenTtlSeconds);
    // Read on every request, never cached: a bumped token version or a disabled account takes effect
    // at once, in every process (docs/benchmarks.md). One primary-key lookup of the columns needed.
    const [user] = await preparedQuery<{
      id: string;
      username: string;
      role: AuthUser['role'];
      region_code: string;
      status: UserStatus;
      token_version: number;
    }>(
      this.connection.getManager(ctx),
      'auth.user',
      'SELECT id, username, role, region_code, status, token_version FROM app_user WHERE id = $1',
      [claims.sub],
    );
    if (!user || user.token_version !== claims.ver) {
      throw new DomainError(ErrorCode.TOKEN_INVALID, 'The access token is no longer valid: sign in again');
    }
    if (user.status !== UserStatus.ACTIVE) {
      throw new DomainError(ErrorCode.ACCOUNT_DISABLED, 'This account is disabled');
    }
    return { id: user.id, username: user.username, role: user.role, regionCode: user.region_code };
  }

  /** The locks in force (lockedUntil after `now`) among `keys`. */
  private async throttles(ctx: RequestContext, keys: string[], now: Date): Promise<Map<string, Date>> {
    const rows = await this.connection
      .getRepository(ctx, LoginThrottle)
      .createQueryBuilder('t')
      .where('t.key IN (:...keys)', { keys })
      .andWhere('t.lockedUntil > :now', { now })
      .getMany();
    return new Map(rows.map((r) => [r.key, r.lockedUntil!]));
  }

  /**
   * Counts a failed sign-in under its three keys (a count older than LOCKOUT_MINUTES starts over) and
   * locks what reached its limit. Throws ACCOUNT_LOCKED or INVALID_CREDENTIALS, flagged so that the
   * transaction still commits the counts (and a lock).
   */
  private async recordFailure(
    ctx: RequestContext,
    keys: { account: string; pair: string; address: string },
    user: User | null,
    now: Date,
  ): Promise<never> {
    const manager = this.connection.requireTransaction(ctx);
    const { lockoutMaxFailures, lockoutAccountMaxFailures, lockoutAddressMaxFailures, lockoutMinutes } =
      this.config.auth;
    const windowStart = new Date(now.getTime() - lockoutMinutes * 60_000);
    const lockUntil = new Date(now.getTime() + lockoutMinutes * 60_000);
    const limits: Array<[string, number]> = [
      [keys.pair, lockoutMaxFailures],
      [keys.account, lockoutAccountMaxFailures],
      [keys.address, lockoutAddressMaxFailures],
    ];
    const reached = new Set<string>();
    for (const [key, limit] of limits) {
      const rows: Array<{ failed_count: number }> = await manager.query(
        `INSERT INTO login_throttle (key, failed_count, window_started_at, locked_until)
         VALUES ($1, 1, $2, CASE WHEN $4::int <= 1 THEN $5::timestamptz END)
         ON CONFLICT (key) DO UPDATE SET
           failed_count = CASE WHEN login_throttle.window_started_at < $3 THEN 1 ELSE login_throttle.failed_count + 1 END,
           window_started_at = CASE WHEN login_throttle.window_started_at < $3 THEN $2 ELSE login_throttle.window_started_at END,
           locked_until = CASE
             WHEN (CASE WHEN login_throttle.window_started_at < $3 THEN 1 ELSE login_throttle.failed_count + 1 END) >= $4
             THEN $5::timestamptz ELSE login_throttle.locked_until END
         RETURNING failed_count`,
        [key, now, windowStart, limit, lockUntil],
      );
      if (rows[0].failed_count >= limit) reached.add(key);
    }
    if (reached.has(keys.account) && user) {
      // Locked for everyone: a change of the user, on the ledger.
      const before = userState(user);
      user.lockedUntil = lockUntil;
      await this.connection.getRepository(ctx, User).save(user);
      this.ledger.record(ctx, {
        action: LedgerAction.USER_LOCKED,
        entityType: USER_SUBJECT,
        entityId: user.id,
        before,
        details: { failedAttempts: lockoutAccountMaxFailures, lockedMinutes: lockoutMinutes },
      });
    }
    if (reached.has(keys.address)) {
      new Logger('AuthService').warn(
        { key: keys.address, requestId: ctx.requestId },
        'sign-ins from this address are throttled after too many failures',
      );
    }
    const error =
      reached.has(keys.pair) || reached.has(keys.account)
        ? this.locked(lockUntil)
        : this.invalidCredentials();
    error.commitBeforeThrow = true;
    throw error;
  }

  /** The answer for a locked account: the same whether the account exists or not. */
  private locked(until: Date): DomainError {
    return new DomainError(
      ErrorCode.ACCOUNT_LOCKED,
      `Too many failed sign-ins: this account is locked until ${until.toISOString()}`,
      { lockedUntil: until.toISOString() },
    );
  }

  private invalidCredentials(): DomainError {
    return new DomainError(ErrorCode.INVALID_CREDENTIALS, 'Wrong username or password');
  }
}
