import { createHash } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Brackets, In } from 'typeorm';
import { Role } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode, notFound } from '@/common/errors';
import { Connection, keysetPage } from '@/common/pagination';
import { APP_CONFIG, AppConfig } from '@/config';
import { containsPattern, startsWithPattern, TransactionalConnection } from '@/database';
import { LedgerAction } from '@/ledger/ledger-actions';
import { Json, toLedgerJson } from '@/ledger/ledger-subject';
import { LedgerSubjectRegistry } from '@/ledger/ledger-subject.registry';
import { LedgerService } from '@/ledger/ledger.service';
import { Region } from '@/regions/region.entity';
import { RegionLevel } from '@/regions/region-level.enum';
import { CreateUserInput, UserFilter } from './dto/user.inputs';
import { hashPassword, verifyPassword } from './password-hasher';
import { User, UserStatus } from './user.entity';

export const USER_SUBJECT = 'User';

/** The level of region each role is bound to. */
export const ROLE_LEVEL: Record<Role, RegionLevel> = {
  [Role.VILLAGE_CLERK]: RegionLevel.VILLAGE,
  [Role.TOWNSHIP_OFFICER]: RegionLevel.TOWNSHIP,
  [Role.DISTRICT_SUPERVISOR]: RegionLevel.DISTRICT,
  [Role.AUDITOR]: RegionLevel.DISTRICT,
  [Role.ADMIN]: RegionLevel.DISTRICT,
};

/**
 * The ledger state of a user. The password hash itself never enters the ledger (auditors read it);
 * a digest of it does, so a hash changed behind the app's back still shows in `reconcile`.
 */
export function userState(user: User): Json {
  return toLedgerJson({
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    regionCode: user.regionCode,
    status: user.status,
    tokenVersion: user.tokenVersion,
    lockedUntil: user.lockedUntil,
    passwordDigest: createHash('sha256').update(user.passwordHash).digest('hex'),
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    version: user.version,
  });
}

@Injectable()
export class UsersService implements OnModuleInit {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly ledger: LedgerService,
    private readonly subjects: LedgerSubjectRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      entityType: USER_SUBJECT,
      load: async (manager, ids) => {
        const rows = await manager.getRepository(User).findBy({ id: In(ids) });
        return new Map(rows.map((u) => [u.id, userState(u)]));
      },
      keyset: { entity: User },
      regionOf: (state) => (state as { regionCode: string }).regionCode,
    });
  }

  async findById(ctx: RequestContext, id: string): Promise<User> {
    const user = await this.connection.getRepository(ctx, User).findOneBy({ id });
    if (!user) throw notFound('User', id, ErrorCode.USER_NOT_FOUND);
    return user;
  }

  findByUsername(ctx: RequestContext, username: string): Promise<User | null> {
    return this.connection.getRepository(ctx, User).findOneBy({ username: username.toLowerCase() });
  }

  async create(ctx: RequestContext, input: CreateUserInput): Promise<User> {
    const repo = this.connection.getRepository(ctx, User);
    const username = input.username.toLowerCase();
    await this.assertRoleRegion(ctx, input.role, input.regionCode, 'input.regionCode');
    if (await repo.existsBy({ username })) {
      throw new DomainError(ErrorCode.USER_DUPLICATE_USERNAME, `input.username: ${username} is taken`, {
        fields: [{ field: 'input.username', message: 'is taken' }],
      });
    }
    const user = await repo.save(
      repo.create({
        username,
        displayName: input.displayName.trim(),
        role: input.role,
        regionCode: input.regionCode,
        passwordHash: await hashPassword(input.password),
        status: UserStatus.ACTIVE,
        tokenVersion: 0,
        lockedUntil: null,
      }),
    );
    this.ledger.record(ctx, {
      action: LedgerAction.USER_CREATED,
      entityType: USER_SUBJECT,
      entityId: user.id,
    });
    return user;
  }

  async updateRole(ctx: RequestContext, userId: string, role: Role, regionCode?: string): Promise<User> {
    const user = await this.lockForUpdate(ctx, userId);
    const targetRegion = regionCode ?? user.regionCode;
    await this.assertRoleRegion(ctx, role, targetRegion, regionCode === undefined ? 'role' : 'regionCode');
    const before = userState(user);
    user.role = role;
    user.regionCode = targetRegion;
    user.tokenVersion += 1;
    await this.connection.getRepository(ctx, User).save(user);
    this.ledger.record(ctx, {
      action: LedgerAction.USER_ROLE_CHANGED,
      entityType: USER_SUBJECT,
      entityId: user.id,
      before,
    });
    return user;
  }

  async disable(ctx: RequestContext, userId: string): Promise<User> {
    if (userId === ctx.currentUser.id) {
      throw new DomainError(
        ErrorCode.USER_CANNOT_DISABLE_SELF,
        'userId: you cannot disable your own account',
        {
          fields: [{ field: 'userId', message: 'is your own account' }],
        },
      );
    }
    const user = await this.lockForUpdate(ctx, userId);
    if (user.status === UserStatus.DISABLED) {
      throw new DomainError(ErrorCode.USER_ALREADY_DISABLED, `User ${user.username} is already disabled`);
    }
    const before = userState(user);
    user.status = UserStatus.DISABLED;
    user.tokenVersion += 1;
    await this.connection.getRepository(ctx, User).save(user);
    this.ledger.record(ctx, {
      action: LedgerAction.USER_DISABLED,
      entityType: USER_SUBJECT,
      entityId: user.id,
      before,
    });
    return user;
  }

  async enable(ctx: RequestContext, userId: string): Promise<User> {
    const user = await this.lockForUpdate(ctx, userId);
    if (user.status === UserStatus.ACTIVE) return user;
    const before = userState(user);
    user.status = UserStatus.ACTIVE;
    await this.connection.getRepository(ctx, User).save(user);
    this.ledger.record(ctx, {
      action: LedgerAction.USER_ENABLED,
      entityType: USER_SUBJECT,
      entityId: user.id,
      before,
    });
    return user;
  }

  async unlock(ctx: RequestContext, userId: string): Promise<User> {
    const user = await this.lockForUpdate(ctx, userId);
    if (user.lockedUntil === null) {
      // Not locked for everyone, maybe for some addresses (AuthService.login): lift those locks.
      await this.clearFailures(ctx, user.id);
      return user;
    }
    const before = userState(user);
    user.lockedUntil = null;
    await this.connection.getRepository(ctx, User).save(user);
    await this.clearFailures(ctx, user.id);
    this.ledger.record(ctx, {
      action: LedgerAction.USER_UNLOCKED,
      entityType: USER_SUBJECT,
      entityId: user.id,
      before,
    });
    return user;
  }

  async changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<User> {
    const user = await this.lockForUpdate(ctx, ctx.currentUser.id);
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      throw new DomainError(ErrorCode.WRONG_CURRENT_PASSWORD, 'currentPassword: does not match', {
        fields: [{ field: 'currentPassword', message: 'does not match your password' }],
      });
    }
    if (currentPassword === newPassword) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        'newPassword: must differ from the current password',
        {
          fields: [{ field: 'newPassword', message: 'must differ from the current password' }],
        },
      );
    }
    return this.setPassword(ctx, user, newPassword, LedgerAction.USER_PASSWORD_CHANGED);
  }

  async resetPassword(ctx: RequestContext, userId: string, newPassword: string): Promise<User> {
    const user = await this.lockForUpdate(ctx, userId);
    return this.setPassword(ctx, user, newPassword, LedgerAction.USER_PASSWORD_RESET);
  }

  async list(
    ctx: RequestContext,
    filter: UserFilter | undefined,
    first: number | undefined,
    after: string | undefined,
  ): Promise<Connection<User>> {
    const qb = this.connection.getRepository(ctx, User).createQueryBuilder('u');
    if (filter?.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter?.status) qb.andWhere('u.status = :status', { status: filter.status });
    if (filter?.regionCode) {
      qb.andWhere('u.regionCode LIKE :prefix', { prefix: startsWithPattern(filter.regionCode) });
    }
    if (filter?.search) {
      const pattern = containsPattern(filter.search);
      qb.andWhere(
        new Brackets((w) =>
          w.where('u.username ILIKE :pattern', { pattern }).orWhere('u.displayName ILIKE :pattern'),
        ),
      );
    }
    return keysetPage(
      qb,
      { first, after, maxPageSize: this.config.pagination.maxPageSize },
      { keys: [{ sql: 'u.username', type: 'varchar' }], direction: 'ASC' },
    );
  }

  private async setPassword(
    ctx: RequestContext,
    user: User,
    password: string,
    action: LedgerAction,
  ): Promise<User> {
    const before = userState(user);
    user.passwordHash = await hashPassword(password);
    user.tokenVersion += 1;
    await this.connection.getRepository(ctx, User).save(user);
    this.ledger.record(ctx, { action, entityType: USER_SUBJECT, entityId: user.id, before });
    return user;
  }

  /** Reads the user row FOR UPDATE, so concurrent changes of one user queue up. */
  async lockForUpdate(ctx: RequestContext, userId: string): Promise<User> {
    const user = await this.connection
      .getRepository(ctx, User)
      .createQueryBuilder('u')
      .setLock('pessimistic_write')
      .where('u.id = :userId', { userId })
      .getOne();
    if (!user) throw notFound('User', userId, ErrorCode.USER_NOT_FOUND);
    return user;
  }

  /**
   * For each user id: the latest sign-in lock in force on the account, for everyone (`lockedUntil`) or
   * from some address after repeated failures there (AuthService.login); absent when none.
   */
  async signInLocks(ctx: RequestContext, userIds: readonly string[]): Promise<Map<string, Date>> {
    const rows = (await this.connection.getManager(ctx).query(
      `SELECT u.id, greatest(max(t.locked_until), u.locked_until) AS until
         FROM app_user u
         LEFT JOIN login_throttle t
           ON (t.key = 'account:' || u.username OR starts_with(t.key, 'pair:' || u.username || '|'))
          AND t.locked_until > now()
        WHERE u.id = ANY($1::uuid[])
        GROUP BY u.id, u.locked_until`,
      [userIds],
    )) as Array<{ id: string; until: Date | null }>;
    const now = Date.now();
    return new Map(
      rows.filter((r) => r.until && r.until.getTime() > now).map((r) => [r.id, r.until as Date]),
    );
  }

  async clearFailures(ctx: RequestContext, userId: string): Promise<void> {
    // The user's sign-in failures, from every address (see AuthService.login).
    await this.connection.getManager(ctx).query(
      `DELETE FROM login_throttle t USING app_user u
        WHERE u.id = $1 AND (t.key = 'account:' || u.username OR starts_with(t.key, 'pair:' || u.username || '|'))`,
      [userId],
    );
  }

  private async assertRoleRegion(
    ctx: RequestContext,
    role: Role,
    regionCode: string,
    field: string,
  ): Promise<void> {
    const region = await this.connection.getRepository(ctx, Region).findOneBy({ code: regionCode });
    if (!region) {
      throw new DomainError(ErrorCode.REFERENCE_NOT_FOUND, `${field}: region ${regionCode} does not exist`, {
        fields: [{ field, message: 'no such region' }],
      });
    }
    const needed = ROLE_LEVEL[role];
    if (region.level !== needed) {
      throw new DomainError(
        ErrorCode.USER_ROLE_REGION_MISMATCH,
        `${field}: a ${role} must be bound to a ${needed.toLowerCase()}, not a ${region.level.toLowerCase()}`,
        { fields: [{ field, message: `must be a ${needed.toLowerCase()}` }] },
      );
    }
  }
}
