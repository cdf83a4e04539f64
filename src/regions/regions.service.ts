import type { Readable } from 'node:stream';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { AuthUser } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode, notFound } from '@/common/errors';
import { isLocalDate, todayInChina } from '@/common/scalars';
import { APP_CONFIG, AppConfig } from '@/config';
import {
  IdempotencyService,
  LockSpace,
  lockInTransaction,
  preparedLeanRows,
  TransactionalConnection,
} from '@/database';
import { FilesService } from '@/files/files.service';
import { openCsv, sheetRowsOf } from '@/spreadsheet/workbook';
import { RegionScopeService } from '@/auth/region-scope.service';
import { LedgerAction } from '@/ledger/ledger-actions';
import { LedgerService } from '@/ledger/ledger.service';
import { Json, toLedgerJson } from '@/ledger/ledger-subject';
import { LedgerSubjectRegistry } from '@/ledger/ledger-subject.registry';
import { Region } from './region.entity';
import { ancestorCodes, CODE_LENGTH, levelOfCode, PARENT_LEVEL, RegionLevel } from './region-level.enum';
import { planVillageImport } from './village-import-rules';

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
    private readonly idempotency: IdempotencyService,
    private readonly files: FilesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    return this.loader(ctx).load(code);
  }

  /**
   * Hands the request's region loader regions read elsewhere (with a list's page): the rows
   * {@link byCodes} would read. A code the loader already holds keeps what it holds.
   */
  prime(ctx: RequestContext, regions: Iterable<Region>): void {
    const loader = this.loader(ctx);
    for (const region of regions) loader.prime(region.code, region);
  }

  private loader(ctx: RequestContext): DataLoader<string, Region | undefined> {
    return ctx.loader(
      'region.byCode',
      () =>
        new DataLoader<string, Region | undefined>(async (codes) => {
          const found = await this.byCodes(ctx, codes);
          return codes.map((c) => found.get(c));
        }),
    );
  }

  async byCodes(ctx: RequestContext, codes: readonly string[]): Promise<Map<string, Region>> {
    const rows = await preparedLeanRows(
      this.connection.getManager(ctx),
      Region,
      'region-by-codes-v1',
      (columns) => `SELECT ${columns} FROM region WHERE code = ANY($1::varchar[])`,
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

  /** ADMIN renames a village or township; the former name stays on the ledger (REGION_RENAMED, before). */
  async rename(ctx: RequestContext, code: string, name: string): Promise<Region> {
    const manager = this.connection.requireTransaction(ctx);
    await lockInTransaction(manager, LockSpace.REGIONS);
    const region = await this.lockedRegion(ctx, code);
    if (region.level === RegionLevel.DISTRICT) {
      throw new DomainError(ErrorCode.FORBIDDEN, "The district's name cannot be changed here");
    }
    const next = name.trim();
    if (!next) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'name: the name must not be empty', {
        fields: [{ field: 'name', message: 'the name must not be empty' }],
      });
    }
    if (next === region.name) return region;
    const before = regionState(region);
    await this.connection.getRepository(ctx, Region).update({ code }, { name: next });
    this.ledger.record(ctx, {
      action: LedgerAction.REGION_RENAMED,
      entityType: REGION_SUBJECT,
      entityId: code,
      before,
      details: { from: region.name, to: next },
    });
    return this.connection.getRepository(ctx, Region).findOneByOrFail({ code });
  }

  /**
   * ADMIN retires a village (撤销), usually merged into another (合并): it stays readable with all its
   * records (its assets keep their location) and takes no new assets.
   */
  async retire(
    ctx: RequestContext,
    input: { code: string; mergedInto?: string | null; retiredOn?: string | null },
  ): Promise<Region> {
    const manager = this.connection.requireTransaction(ctx);
    await lockInTransaction(manager, LockSpace.REGIONS);
    const region = await this.lockedRegion(ctx, input.code);
    if (region.level !== RegionLevel.VILLAGE) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'code: only a village or community can be retired', {
        fields: [{ field: 'code', message: 'only a village or community can be retired' }],
      });
    }
    if (region.retiredOn) {
      throw new DomainError(
        ErrorCode.REGION_RETIRED,
        `${region.name} (${region.code}) was retired on ${region.retiredOn}`,
      );
    }
    const today = todayInChina();
    const retiredOn = input.retiredOn ?? today;
    if (!isLocalDate(retiredOn) || retiredOn > today) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        `retiredOn: the retirement date must not be after today (${today})`,
        {
          fields: [{ field: 'retiredOn', message: `the retirement date must not be after today (${today})` }],
        },
      );
    }
    const mergedInto = input.mergedInto?.trim() || null;
    if (mergedInto) {
      const target = await this.connection.getRepository(ctx, Region).findOneBy({ code: mergedInto });
      const problem = !target
        ? 'no such village or community'
        : target.level !== RegionLevel.VILLAGE
          ? 'can only be merged into another village or community'
          : target.code === region.code
            ? 'cannot be merged into itself'
            : target.retiredOn
              ? `${target.name} is retired: merge into a village or community still in use`
              : null;
      if (problem) {
        throw new DomainError(
          target ? ErrorCode.VALIDATION_FAILED : ErrorCode.REFERENCE_NOT_FOUND,
          `mergedInto: ${problem}`,
          { fields: [{ field: 'mergedInto', message: problem }] },
        );
      }
    }
    const before = regionState(region);
    await this.connection.getRepository(ctx, Region).update({ code: region.code }, { retiredOn, mergedInto });
    this.ledger.record(ctx, {
      action: LedgerAction.REGION_RETIRED,
      entityType: REGION_SUBJECT,
      entityId: region.code,
      before,
      details: { retiredOn, mergedInto },
    });
    return this.connection.getRepository(ctx, Region).findOneByOrFail({ code: region.code });
  }

  /**
   * ADMIN imports villages and communities from a CSV of NBS codes and names: every row is checked
   * first; any problem and nothing is written (REGION_IMPORT_INVALID with every problem in
   * `extensions.details.problems`); otherwise every new village is created with its ledger entry.
   */
  importVillages(
    ctx: RequestContext,
    input: { fileId: string; idempotencyKey?: string },
  ): Promise<{ imported: number; unchanged: number; codes: string[] }> {
    return this.idempotency.run(
      ctx,
      {
        operation: 'importVillages',
        key: input.idempotencyKey,
        request: input,
        remember: (r: { imported: number; unchanged: number; codes: string[] }) => r,
        replay: (r) => Promise.resolve(r),
      },
      () => this.runVillageImport(ctx, input.fileId),
    );
  }

  private async runVillageImport(
    ctx: RequestContext,
    fileId: string,
  ): Promise<{ imported: number; unchanged: number; codes: string[] }> {
    const manager = this.connection.requireTransaction(ctx);
    await lockInTransaction(manager, LockSpace.REGIONS);
    const { file, stream } = await this.files.openForDownload(ctx, fileId);
    const csv = file.mediaType === 'text/csv' || file.originalName.toLowerCase().endsWith('.csv');
    if (!csv) {
      throw new DomainError(
        ErrorCode.REGION_IMPORT_INVALID,
        'The village list must be a CSV file (UTF-8 or GBK)',
        {
          problems: [{ row: 0, column: '', message: 'the file is not a CSV file' }],
        },
      );
    }
    const sheet = await sheetRowsOf(openCsv(await readAll(stream), 5001, '村（社区）'));
    const district = this.config.ledger.districtCode;
    const rows = await this.connection.getRepository(ctx, Region).find();
    const plan = planVillageImport(
      sheet.rows.map((r) => ({
        number: r.number,
        cells: r.cells.map((c) => (c === null ? null : String(c))),
      })),
      {
        districtCode: district,
        townships: new Map(rows.filter((r) => r.level === RegionLevel.TOWNSHIP).map((r) => [r.code, r.name])),
        villages: new Map(
          rows
            .filter((r) => r.level === RegionLevel.VILLAGE)
            .map((r) => [r.code, { name: r.name, retired: r.retiredOn !== null }]),
        ),
      },
    );
    if (plan.problems.length > 0) {
      const shown = plan.problems
        .slice(0, 5)
        .map((p) => (p.row > 0 ? `row ${p.row}, column "${p.column}": ${p.message}` : p.message))
        .join(' | ');
      throw new DomainError(
        ErrorCode.REGION_IMPORT_INVALID,
        `The village list has ${plan.problems.length} problem${plan.problems.length > 1 ? 's' : ''}, nothing was imported: ${shown}${plan.problems.length > 5 ? ' …' : ''}`,
        { problems: plan.problems },
      );
    }
    for (const v of plan.create) {
      await this.insert(ctx, {
        code: v.code,
        name: v.name,
        level: RegionLevel.VILLAGE,
        parentCode: v.parentCode,
      });
    }
    return { imported: plan.create.length, unchanged: plan.unchanged, codes: plan.create.map((v) => v.code) };
  }

  /** Refuses a new record (an asset) in a retired village. */
  assertOpen(region: Pick<Region, 'code' | 'name' | 'retiredOn' | 'mergedInto'>, field: string): void {
    if (!region.retiredOn) return;
    const message = `${region.name} (${region.code}) was retired on ${region.retiredOn}${region.mergedInto ? ` (merged into ${region.mergedInto})` : ''}: it takes no new assets`;
    throw new DomainError(ErrorCode.REGION_RETIRED, `${field}: ${message}`, {
      fields: [{ field, message }],
      mergedInto: region.mergedInto,
    });
  }

  private async lockedRegion(ctx: RequestContext, code: string): Promise<Region> {
    const region = await this.connection
      .getRepository(ctx, Region)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.code = :code', { code })
      .getOne();
    if (!region) throw notFound('Region', code, ErrorCode.REGION_NOT_FOUND);
    this.scope.assertWrite(ctx.currentUser, region.code, `region ${region.code}`);
    return region;
  }

  assertReadable(user: AuthUser, code: string): void {
    this.scope.assertRead(user, code, `region ${code}`);
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
