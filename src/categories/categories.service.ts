import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { In } from 'typeorm';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode, notFound } from '@/common/errors';
import { APP_CONFIG, AppConfig } from '@/config';
import { TransactionalConnection } from '@/database';
import { LedgerAction } from '@/ledger/ledger-actions';
import { Json, toLedgerJson } from '@/ledger/ledger-subject';
import { LedgerSubjectRegistry } from '@/ledger/ledger-subject.registry';
import { LedgerService } from '@/ledger/ledger.service';
import { AssetCategory, DEFAULT_CATEGORIES } from './asset-category.entity';
import { CategoryChangesInput, CreateCategoryInput } from './dto/category.inputs';

export const CATEGORY_SUBJECT = 'AssetCategory';

export function categoryState(c: AssetCategory): Json {
  return toLedgerJson({
    code: c.code,
    name: c.name,
    description: c.description,
    sortOrder: c.sortOrder,
    active: c.active,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    version: c.version,
  });
}

@Injectable()
export class CategoriesService implements OnModuleInit {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly ledger: LedgerService,
    private readonly subjects: LedgerSubjectRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const district = this.config.ledger.districtCode;
    this.subjects.register({
      entityType: CATEGORY_SUBJECT,
      load: async (manager, ids) => {
        const rows = await manager.getRepository(AssetCategory).findBy({ code: In(ids) });
        return new Map(rows.map((c) => [c.code, categoryState(c)]));
      },
      keyset: { entity: AssetCategory, column: 'code' },
      regionOf: () => district,
    });
  }

  list(ctx: RequestContext, includeInactive: boolean): Promise<AssetCategory[]> {
    return this.connection.getRepository(ctx, AssetCategory).find({
      where: includeInactive ? {} : { active: true },
      order: { sortOrder: 'ASC', code: 'ASC' },
    });
  }

  async byCodes(ctx: RequestContext, codes: readonly string[]): Promise<Map<string, AssetCategory>> {
    const rows = await this.connection.getRepository(ctx, AssetCategory).findBy({ code: In([...codes]) });
    return new Map(rows.map((c) => [c.code, c]));
  }

  /** A category that may be given to an asset now (exists and is active), or BAD_USER_INPUT on `field`. */
  async requireActive(ctx: RequestContext, code: string, field: string): Promise<AssetCategory> {
    const category = await this.connection.getRepository(ctx, AssetCategory).findOneBy({ code });
    if (!category || !category.active) {
      throw new DomainError(
        ErrorCode.REFERENCE_NOT_FOUND,
        `${field}: ${category ? 'category is no longer in use' : 'no such category'} (${code})`,
        { fields: [{ field, message: category ? 'category is no longer in use' : 'no such category' }] },
      );
    }
    return category;
  }

  async create(ctx: RequestContext, input: CreateCategoryInput): Promise<AssetCategory> {
    const repo = this.connection.getRepository(ctx, AssetCategory);
    if (await repo.existsBy({ code: input.code })) {
      throw new DomainError(ErrorCode.CATEGORY_DUPLICATE_CODE, `input.code: category ${input.code} exists`, {
        fields: [{ field: 'input.code', message: 'already exists' }],
      });
    }
    await repo.insert({
      code: input.code,
      name: input.name.trim(),
      description: input.description?.trim() || null,
      sortOrder: input.sortOrder ?? 500,
      active: true,
    });
    this.ledger.record(ctx, {
      action: LedgerAction.CATEGORY_CREATED,
      entityType: CATEGORY_SUBJECT,
      entityId: input.code,
    });
    return repo.findOneByOrFail({ code: input.code });
  }

  async update(
    ctx: RequestContext,
    code: string,
    expectedVersion: number,
    changes: CategoryChangesInput,
  ): Promise<AssetCategory> {
    const repo = this.connection.getRepository(ctx, AssetCategory);
    const category = await repo
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.code = :code', { code })
      .getOne();
    if (!category) throw notFound('Category', code, ErrorCode.CATEGORY_NOT_FOUND);
    if (category.version !== expectedVersion) {
      throw new DomainError(
        ErrorCode.STALE_VERSION,
        `Category ${code} changed since you read it (version ${category.version}, you had ${expectedVersion})`,
        { currentVersion: category.version },
      );
    }
    const before = categoryState(category);
    if (changes.name !== undefined) category.name = changes.name.trim();
    if (changes.description !== undefined) category.description = changes.description.trim() || null;
    if (changes.sortOrder !== undefined) category.sortOrder = changes.sortOrder;
    if (changes.active !== undefined) category.active = changes.active;
    await repo.save(category);
    this.ledger.record(ctx, {
      action: LedgerAction.CATEGORY_UPDATED,
      entityType: CATEGORY_SUBJECT,
      entityId: code,
      before,
    });
    return category;
  }

  /** Reference data: the usual categories, through the ledger like any change. */
  async seedDefaults(ctx: RequestContext): Promise<void> {
    const repo = this.connection.getRepository(ctx, AssetCategory);
    for (const c of DEFAULT_CATEGORIES) {
      if (await repo.existsBy({ code: c.code })) continue;
      await repo.insert({ ...c, description: null, active: true });
      this.ledger.record(ctx, {
        action: LedgerAction.CATEGORY_CREATED,
        entityType: CATEGORY_SUBJECT,
        entityId: c.code,
      });
    }
  }
}
