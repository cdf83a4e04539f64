import { Injectable, OnModuleInit } from '@nestjs/common';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { AuthUser } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode, notFound } from '@/common/errors';
import { leanRows, TransactionalConnection } from '@/database';
import { RegionScopeService } from '@/auth/region-scope.service';
import { LedgerAction } from '@/ledger/ledger-actions';
import { LedgerService } from '@/ledger/ledger.service';
import { Json, toLedgerJson } from '@/ledger/ledger-subject';
import { LedgerSubjectRegistry } from '@/ledger/ledger-subject.registry';
import { Region } from './region.entity';
import { ancestorCodes, CODE_LENGTH, levelOfCode, PARENT_LEVEL, RegionLevel } from './region-level.enum';

export const REGION_SUBJECT = 'Region';

export function regionState(region: Region): Json {
  return toLedgerJson({
    code: region.code,
    name: region.name,
    level: region.level,
    parentCode: region.parentCode,
    createdAt: region.createdAt,
    // Only retired villages carry these (entries of earlier regions keep their shape).
    ...(region.retiredOn !== null && region.retiredOn !== undefined
      ? { retiredOn: region.retiredOn, mergedInto: region.mergedInto }
      : {}),
  });
}

@Injectable()
export class RegionsService implements OnModuleInit {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly scope: RegionScopeService,
    private readonly ledger: LedgerService,
    private readonly subjects: LedgerSubjectRegistry,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      entityType: REGION_SUBJECT,
      load: async (manager, ids) => {
        const rows = await manager.getRepository(Region).findBy({ code: In(ids) });
        return new Map(rows.map((r) => [r.code, regionState(r)]));
      },
      keyset: { entity: Region, column: 'code' },
      regionOf: (state) => (state as { code: string }).code,
    });
  }

  /**
   * A region the caller may see (its own subtree, or one of its ancestors). Region codes are public
   * numbering, so one outside the caller's scope is FORBIDDEN, like a list filtered on it, not NOT_FOUND.
   */
  async findOne(ctx: RequestContext, code: string): Promise<Region> {
    const region = await this.connection.getRepository(ctx, Region).findOneBy({ code });
    if (!region) throw notFound('Region', code, ErrorCode.REGION_NOT_FOUND);
    if (!this.scope.canReadRegionRecord(ctx.currentUser, code)) {
      throw new DomainError(ErrorCode.OUT_OF_SCOPE, `Region ${code} is outside your region`, { code });
    }
    return region;
  }

  /** Regions the caller may see, optionally the children of one region and/or of one level. */
  async list(ctx: RequestContext, parentCode?: string, level?: RegionLevel): Promise<Region[]> {
    const user = ctx.currentUser;
    if (parentCode !== undefined) await this.findOne(ctx, parentCode);
    const qb = this.scope.restrict(
      this.connection.getRepository(ctx, Region).createQueryBuilder('r').orderBy('r.code'),
      user,
      'r.code',
      { readableFromBelow: true },
    );
    if (parentCode !== undefined) qb.andWhere('r.parentCode = :parentCode', { parentCode });
    if (level !== undefined) qb.andWhere('r.level = :level', { level });
    return qb.getMany();
  }

  /** The villages the caller may read; within `regionCode` when given (FORBIDDEN when out of scope). */
  villagesIn(ctx: RequestContext, regionCode?: string | null, field = 'regionCode'): Promise<Region[]> {
    const qb = this.connection
      .getRepository(ctx, Region)
      .createQueryBuilder('r')
      .where('r.level = :level', { level: RegionLevel.VILLAGE })
      .orderBy('r.code');
    return this.scope.restrict(qb, ctx.currentUser, 'r.code', { region: regionCode, field }).getMany();
  }

  async children(ctx: RequestContext, region: Region): Promise<Region[]> {
    const user = ctx.currentUser;
    const rows = await this.connection
      .getRepository(ctx, Region)
      .find({ where: { parentCode: region.code }, order: { code: 'ASC' } });
    return rows.filter((r) => this.scope.canReadRegionRecord(user, r.code));
  }

  async ancestors(ctx: RequestContext, region: Region): Promise<Region[]> {
    const codes = ancestorCodes(region.code);
    if (codes.length === 0) return [];
    const rows = await this.connection.getRepository(ctx, Region).findBy({ code: In(codes) });
    return rows.sort((a, b) => a.code.length - b.code.length);
  }

  /** Per-request batched lookup of regions by code (for every `region` field a list can ask for). */
  load(ctx: RequestContext, code: string): Promise<Region | undefined> {
    return ctx
      .loader(
        'region.byCode',
        () =>
          new DataLoader<string, Region | undefined>(async (codes) => {
            const found = await this.byCodes(ctx, codes);
            return codes.map((c) => found.get(c));
          }),
      )
      .load(code);
  }

  async byCodes(ctx: RequestContext, codes: readonly string[]): Promise<Map<string, Region>> {
    const rows = await leanRows(
      this.connection.getManager(ctx),
      Region,
      'SELECT * FROM region WHERE code = ANY($1)',
      [[...codes]],
    );
    return new Map(rows.map((r) => [r.code, r]));
  }

  /** ADMIN adds a township or a village under an existing parent. */
  async create(
    ctx: RequestContext,
    input: { code: string; name: string; parentCode: string },
  ): Promise<Region> {
    const user = ctx.currentUser;
    const level = levelOfCode(input.code);
    if (level === undefined || level === RegionLevel.DISTRICT) {
      throw new DomainError(
        ErrorCode.REGION_INVALID_CODE,
        'code: a township code has 9 digits and a village code 12 digits',
        { fields: [{ field: 'code', message: 'must be 9 (township) or 12 (village) digits' }] },
      );
    }
    const expectedParentLength = CODE_LENGTH[PARENT_LEVEL[level] as RegionLevel];
    if (input.parentCode.length !== expectedParentLength || !input.code.startsWith(input.parentCode)) {
      throw new DomainError(
        ErrorCode.REGION_WRONG_PARENT,
        `parentCode: a ${level.toLowerCase()} code must extend its parent's ${expectedParentLength}-digit code`,
        {
          fields: [
            {
              field: 'parentCode',
              message: `must be the first ${expectedParentLength} digits of code (${input.code.slice(0, expectedParentLength)})`,
            },
          ],
        },
      );
    }
    const repo = this.connection.getRepository(ctx, Region);
    const parent = await repo.findOneBy({ code: input.parentCode });
    if (!parent) {
      throw new DomainError(
        ErrorCode.REGION_PARENT_NOT_FOUND,
        `parentCode: region ${input.parentCode} does not exist`,
        {
          fields: [{ field: 'parentCode', message: 'no such region' }],
        },
      );
    }
    this.scope.assertWrite(user, parent.code, `region ${parent.code}`);
    if (await repo.existsBy({ code: input.code })) {
      throw new DomainError(ErrorCode.REGION_DUPLICATE_CODE, `code: region ${input.code} already exists`, {
        fields: [{ field: 'code', message: 'already exists' }],
      });
    }
    const region = await this.insert(ctx, {
      code: input.code,
      name: input.name.trim(),
      level,
      parentCode: parent.code,
    });
    return region;
  }

  /** Inserts one region and records it on the ledger (used by `create` and by the reference seed). */
  async insert(
    ctx: RequestContext,
    row: { code: string; name: string; level: RegionLevel; parentCode: string | null },
  ): Promise<Region> {
    const repo = this.connection.getRepository(ctx, Region);
    // insert(), not save(): save() would silently UPDATE a row a concurrent request just committed.
    await repo.insert(row);
    const region = await repo.findOneByOrFail({ code: row.code });
    this.ledger.record(ctx, {
      action: LedgerAction.REGION_CREATED,
      entityType: REGION_SUBJECT,
      entityId: region.code,
    });
    return region;
  }

  assertReadable(user: AuthUser, code: string): void {
    this.scope.assertRead(user, code, `region ${code}`);
  }
}
