import { Inject, Injectable } from '@nestjs/common';
import { AuthUser } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode } from '@/common/errors';
import { APP_CONFIG, AppConfig } from '@/config';
import { TransactionalConnection } from '@/database';
import { LedgerAction } from '@/ledger/ledger-actions';
import { LedgerService } from '@/ledger/ledger.service';
import { signAccessToken, verifyAccessToken } from './access-token';
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

  async login(ctx: RequestContext, username: string, password: string): Promise<IssuedToken> {
    const user = await this.connection
      .getRepository(ctx, User)
      .createQueryBuilder('u')
      .setLock('pessimistic_write')
      .where('u.username = :username', { username: username.toLowerCase() })
      .getOne();
    if (!user) {
      await verifyPassword(password, await dummyPasswordHash());
      throw this.invalidCredentials();
    }
    const now = new Date();
    if (user.lockedUntil && user.lockedUntil > now) {
      throw new DomainError(
        ErrorCode.ACCOUNT_LOCKED,
        `Too many failed sign-ins: this account is locked until ${user.lockedUntil.toISOString()}`,
        { lockedUntil: user.lockedUntil.toISOString() },
      );
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      await this.recordFailure(ctx, user, now);
    }
    if (user.status === UserStatus.DISABLED) {
      throw new DomainError(ErrorCode.ACCOUNT_DISABLED, 'This account is disabled');
    }
    await this.users.clearFailures(ctx, user.id);
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
    const user = await this.connection.getRepository(ctx, User).findOneBy({ id: claims.sub });
    if (!user || user.tokenVersion !== claims.ver) {
      throw new DomainError(ErrorCode.TOKEN_INVALID, 'The access token is no longer valid: sign in again');
    }
    if (user.status !== UserStatus.ACTIVE) {
      throw new DomainError(ErrorCode.ACCOUNT_DISABLED, 'This account is disabled');
    }
    return { id: user.id, username: user.username, role: user.role, regionCode: user.regionCode };
  }

  /**
   * Counts a failed sign-in; at the configured maximum the account is locked (a ledger entry) for the
   * configured time. The error is flagged so the transaction still commits the count.
   */
  private async recordFailure(ctx: RequestContext, user: User, now: Date): Promise<never> {
    const manager = this.connection.requireTransaction(ctx);
    const rows: Array<{ failed_count: number }> = await manager.query(
      `INSERT INTO login_failure (user_id, failed_count, last_failed_at) VALUES ($1, 1, $2)
       ON CONFLICT (user_id) DO UPDATE SET failed_count = login_failure.failed_count + 1, last_failed_at = $2
       RETURNING failed_count`,
      [user.id, now],
    );
    const failures = rows[0].failed_count;
    const { lockoutMaxFailures, lockoutMinutes } = this.config.auth;
    if (failures >= lockoutMaxFailures) {
      const before = userState(user);
      user.lockedUntil = new Date(now.getTime() + lockoutMinutes * 60_000);
      await this.connection.getRepository(ctx, User).save(user);
      await this.users.clearFailures(ctx, user.id);
      this.ledger.record(ctx, {
        action: LedgerAction.USER_LOCKED,
        entityType: USER_SUBJECT,
        entityId: user.id,
        before,
        details: { failedAttempts: failures, lockedMinutes: lockoutMinutes },
      });
      const error = new DomainError(
        ErrorCode.ACCOUNT_LOCKED,
        `Too many failed sign-ins: this account is locked until ${user.lockedUntil.toISOString()}`,
        { lockedUntil: user.lockedUntil.toISOString() },
      );
      error.commitBeforeThrow = true;
      throw error;
    }
    const error = this.invalidCredentials();
    error.commitBeforeThrow = true;
    throw error;
  }

  private invalidCredentials(): DomainError {
    return new DomainError(ErrorCode.INVALID_CREDENTIALS, 'Wrong username or password');
  }
}
