import { createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { AuthUser } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode } from '@/common/errors';
import { APP_CONFIG, AppConfig } from '@/config';
import { preparedQuery, TransactionalConnection } from '@/database';
import { LedgerAction } from '@/ledger/ledger-actions';
import { LedgerService } from '@/ledger/ledger.service';
import { dummyPasswordHash, verifyPassword } from '@/users/password-hasher';
import { User, UserStatus } from '@/users/user.entity';
import { USER_SUBJECT, userState, UsersService } from '@/users/users.service';

interface TokenClaims {
  sub: string;
  ver: number;
}

const ISSUER = 'asset-registry';
const AUDIENCE = 'asset-registry-api';

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
  /**
   * The HS256 key as a KeyObject, made once: given the secret as a string, jsonwebtoken would first try
   * to parse it as a public key (crypto.createPublicKey) on every request before falling back to it.
   */
  private readonly key: KeyObject;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connection: TransactionalConnection,
    private readonly users: UsersService,
    private readonly ledger: LedgerService,
  ) {
    this.key = createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8'));
  }

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
    const ttl = this.config.auth.tokenTtlSeconds;
    const claims: TokenClaims = { sub: user.id, ver: user.tokenVersion };
    const accessToken = jwt.sign(claims, this.key, {
      algorithm: 'HS256',
      expiresIn: ttl,
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    const decoded = jwt.decode(accessToken) as { exp: number };
    return { accessToken, expiresAt: new Date(decoded.exp * 1000), user };
  }

  /** Verifies a bearer token and returns the user it belongs to, or throws UNAUTHENTICATED. */
  async authenticate(ctx: RequestContext, token: string): Promise<AuthUser> {
    let claims: TokenClaims;
    try {
      claims = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
      }) as TokenClaims;
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) {
        throw new DomainError(ErrorCode.TOKEN_EXPIRED, 'Your session has expired: sign in again');
      }
      throw new DomainError(ErrorCode.TOKEN_INVALID, 'The access token is not valid');
    }
    if (
      typeof claims.sub !== 'string' ||
      typeof claims.ver !== 'number' ||
      !/^[0-9a-f-]{36}$/.test(claims.sub)
    ) {
      throw new DomainError(ErrorCode.TOKEN_INVALID, 'The access token is not valid');
    }
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
