import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Brackets, EntityManager, In } from 'typeorm';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode, ProblemList } from '@/common/errors';
import { Connection, keysetPage } from '@/common/pagination';
import { Fen, todayInChina } from '@/common/scalars';
import { APP_CONFIG, AppConfig } from '@/config';
import {
  containsPattern,
  IdempotencyService,
  preparedLeanRows,
  LockSpace,
  lockInTransaction,
  lockManyInTransaction,
  TransactionalConnection,
} from '@/database';
import { RecordRef, RegionScopeService } from '@/auth/region-scope.service';
import { LedgerAction } from '@/ledger/ledger-actions';
import { Json, toLedgerJson } from '@/ledger/ledger-subject';
import { LedgerSubjectRegistry } from '@/ledger/ledger-subject.registry';
import { LedgerService } from '@/ledger/ledger.service';
import { Region } from '@/regions/region.entity';
import { ProjectChangesInput, ProjectFilter, RegisterProjectInput } from './dto/project.inputs';
import { FundSourceAmount, checkFundSources, sortFundSources } from './fund-sources';
import { describeOverruns, investmentOverruns } from './investment-rules';
import { Project, ProjectFundSource } from './project.entity';

/**
 * What the assets of each project use, per fund source: every asset of the project wherever it is,
 * disposed ones too (the assets feature answers it; see registerInvestmentUse).
 */
export type InvestmentUse = (
  ctx: RequestContext,
  projectIds: readonly string[],
) => Promise<Map<string, FundSourceAmount[]>>;

export const PROJECT_SUBJECT = 'Project';

/** Projects are readable in the caller's subtree and above it (a district project built village assets). */
const projectRef = (id: string): RecordRef => ({
  what: 'Project',
  id,
  code: ErrorCode.PROJECT_NOT_FOUND,
  readableFromBelow: true,
});

export function projectState(p: Project, sources: ProjectFundSource[]): Json {
  return toLedgerJson({
    id: p.id,
    code: p.code,
    name: p.name,
    year: p.year,
    type: p.type,
    implementingUnit: p.implementingUnit,
    regionCode: p.regionCode,
    completionDate: p.completionDate,
    acceptanceDate: p.acceptanceDate,
    fundSources: sortFundSources(sources).map((s) => ({ source: s.source, amount: s.amount })),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    version: p.version,
  });
}

/** Checks shared by registration and update; dates are calendar dates in China Standard Time. */
export function checkDates(
  problems: ProblemList,
  dates: Array<[field: string, value: string | null | undefined]>,
  order: Array<[earlier: string, later: string]>,
): void {
  const today = todayInChina();
  const byField = new Map(dates);
  for (const [field, value] of dates) {
    if (value && value > today) problems.add(field, `${value} is in the future`);
  }
  for (const [a, b] of order) {
    const [x, y] = [byField.get(a), byField.get(b)];
    if (x && y && y < x) problems.add(b, `${y} is before ${a.split('.').pop()} ${x}`);
  }
}

@Injectable()
export class ProjectsService implements OnModuleInit {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly scope: RegionScopeService,
    private readonly ledger: LedgerService,
    private readonly subjects: LedgerSubjectRegistry,
    private readonly idempotency: IdempotencyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      entityType: PROJECT_SUBJECT,
      load: (manager, ids) => this.states(manager, ids),
      keyset: { entity: Project },
      regionOf: (state) => (state as { regionCode: string }).regionCode,
    });
  }

  private async states(manager: EntityManager, ids: string[]): Promise<Map<string, Json>> {
    if (ids.length === 0) return new Map();
    const projects = await manager.getRepository(Project).findBy({ id: In(ids) });
    const sources = await manager.getRepository(ProjectFundSource).findBy({ projectId: In(ids) });
    return new Map(
      projects.map((p) => [
        p.id,
        projectState(
          p,
          sources.filter((s) => s.projectId === p.id),
        ),
      ]),
    );
  }

  private investmentUse: InvestmentUse = (_ctx, ids) => Promise.resolve(new Map(ids.map((id) => [id, []])));

  /** The assets feature tells what a project's assets use (this feature never reads assets itself). */
  registerInvestmentUse(use: InvestmentUse): void {
    this.investmentUse = use;
  }

  /**
   * Serialises every change of what a project invests or what its assets use (advisory lock, held to
   * the end of the transaction), so that two concurrent registrations cannot both fit.
   */
  async lockInvestment(ctx: RequestContext, projectId: string): Promise<void> {
    await lockInTransaction(this.connection.requireTransaction(ctx), LockSpace.PROJECT_INVESTMENT, projectId);
  }

  /** {@link lockInvestment} of many projects in one statement, in id order (an import's). */
  async lockInvestments(ctx: RequestContext, projectIds: readonly string[]): Promise<void> {
    await lockManyInTransaction(
      this.connection.requireTransaction(ctx),
      LockSpace.PROJECT_INVESTMENT,
      [...projectIds].sort(),
    );
  }

  /** What the assets of each project use, per fund source (`Project.investmentUse`). */
  usedBy(ctx: RequestContext, projectIds: readonly string[]): Promise<Map<string, FundSourceAmount[]>> {
    return this.investmentUse(ctx, projectIds);
  }

  async findOne(ctx: RequestContext, id: string): Promise<Project> {
    const project = await this.connection.getRepository(ctx, Project).findOneBy({ id });
    return this.scope.getInScope(ctx.currentUser, project, (p) => p.regionCode, projectRef(id));
  }

  async byIds(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, Project>> {
    const rows = await preparedLeanRows(
      this.connection.getManager(ctx),
      Project,
      'project-by-ids-v1',
      (columns) => `SELECT ${columns} FROM project WHERE id = ANY($1::uuid[])`,
      [[...ids]],
    );
    return new Map(rows.map((p) => [p.id, p]));
  }

  async byCodes(ctx: RequestContext, codes: readonly string[]): Promise<Map<string, Project>> {
    if (codes.length === 0) return new Map();
    const rows = await this.connection.getRepository(ctx, Project).findBy({ code: In([...codes]) });
    return new Map(rows.map((p) => [p.code, p]));
  }

  async fundSourcesOf(
    ctx: RequestContext,
    projectIds: readonly string[],
  ): Promise<Map<string, ProjectFundSource[]>> {
    const rows = await this.connection
      .getRepository(ctx, ProjectFundSource)
      .findBy({ projectId: In([...projectIds]) });
    const out = new Map<string, ProjectFundSource[]>(projectIds.map((id) => [id, []]));
    for (const row of rows) out.get(row.projectId)?.push(row);
    for (const [id, list] of out) out.set(id, sortFundSources(list));
    return out;
  }

  /** A project an asset may refer to: exists and is readable by the caller; BAD_USER_INPUT otherwise. */
  async requireReference(ctx: RequestContext, id: string, field: string): Promise<Project> {
    const project = await this.connection.getRepository(ctx, Project).findOneBy({ id });
    if (!project || !this.scope.canReadRegionRecord(ctx.currentUser, project.regionCode)) {
      throw new DomainError(ErrorCode.REFERENCE_NOT_FOUND, `${field}: no such project (${id})`, {
        fields: [{ field, message: 'no such project in your region' }],
      });
    }
    return project;
  }

  /**
   * Registers a project once per idempotency key (a repeat returns the first project; the Excel import
   * sends none and registers its projects in its own transaction).
   */
  register(ctx: RequestContext, input: RegisterProjectInput): Promise<Project> {
    return this.idempotency.run(
      ctx,
      {
        operation: 'registerProject',
        key: input.idempotencyKey,
        request: input,
        remember: (project: Project) => ({ id: project.id }),
        replay: ({ id }) => this.findOne(ctx, id),
      },
      () => this.insertProject(ctx, input),
    );
  }

  private async insertProject(ctx: RequestContext, input: RegisterProjectInput): Promise<Project> {
    const user = ctx.currentUser;
    const problems = new ProblemList();
    checkFundSources(input.fundSources, 'input.fundSources', problems);
    checkDates(
      problems,
      [
        ['input.completionDate', input.completionDate],
        ['input.acceptanceDate', input.acceptanceDate],
      ],
      [['input.completionDate', 'input.acceptanceDate']],
    );
    this.checkYear(problems, 'input.year', input.year, input.completionDate);
    problems.throwIfAny();
    await this.requireRegion(ctx, input.regionCode, 'input.regionCode');
    this.scope.assertWrite(user, input.regionCode, `region ${input.regionCode}`);
    const repo = this.connection.getRepository(ctx, Project);
    if (await repo.existsBy({ code: input.code })) {
      throw new DomainError(ErrorCode.PROJECT_DUPLICATE_CODE, `input.code: project ${input.code} exists`, {
        fields: [{ field: 'input.code', message: 'already exists' }],
      });
    }
    const inserted = await repo.insert({
      code: input.code,
      name: input.name.trim(),
      year: input.year,
      type: input.type,
      implementingUnit: input.implementingUnit.trim(),
      regionCode: input.regionCode,
      completionDate: input.completionDate ?? null,
      acceptanceDate: input.acceptanceDate ?? null,
    });
    const id = inserted.identifiers[0].id as string;
    await this.replaceFundSources(ctx, id, input.fundSources);
    this.ledger.record(ctx, {
      action: LedgerAction.PROJECT_REGISTERED,
      entityType: PROJECT_SUBJECT,
      entityId: id,
    });
    return repo.findOneByOrFail({ id });
  }

  async update(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    changes: ProjectChangesInput,
  ): Promise<Project> {
    const user = ctx.currentUser;
    const repo = this.connection.getRepository(ctx, Project);
    const project = this.scope.getInScope(
      user,
      await repo.createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne(),
      (p) => p.regionCode,
      projectRef(id),
      'write',
    );
    if (project.version !== expectedVersion) {
      throw new DomainError(
        ErrorCode.STALE_VERSION,
        `Project ${project.code} changed since you read it (now version ${project.version}, you had ${expectedVersion})`,
        { currentVersion: project.version },
      );
    }
    const before = (await this.states(this.connection.getManager(ctx), [id])).get(id)!;
    const problems = new ProblemList();
    if (changes.fundSources) checkFundSources(changes.fundSources, 'changes.fundSources', problems);
    const completion = changes.completionDate ?? project.completionDate;
    const acceptance = changes.acceptanceDate ?? project.acceptanceDate;
    checkDates(
      problems,
      [
        ['changes.completionDate', completion],
        ['changes.acceptanceDate', acceptance],
      ],
      [['changes.completionDate', 'changes.acceptanceDate']],
    );
    this.checkYear(problems, 'changes.year', changes.year ?? project.year, completion);
    problems.throwIfAny();
    if (changes.regionCode !== undefined && changes.regionCode !== project.regionCode) {
      await this.requireRegion(ctx, changes.regionCode, 'changes.regionCode');
      this.scope.assertWrite(user, changes.regionCode, `region ${changes.regionCode}`);
      project.regionCode = changes.regionCode;
    }
    if (changes.code !== undefined && changes.code !== project.code) {
      if (await repo.existsBy({ code: changes.code })) {
        throw new DomainError(
          ErrorCode.PROJECT_DUPLICATE_CODE,
          `changes.code: project ${changes.code} exists`,
          {
            fields: [{ field: 'changes.code', message: 'already exists' }],
          },
        );
      }
      project.code = changes.code;
    }
    if (changes.name !== undefined) project.name = changes.name.trim();
    if (changes.year !== undefined) project.year = changes.year;
    if (changes.type !== undefined) project.type = changes.type;
    if (changes.implementingUnit !== undefined) project.implementingUnit = changes.implementingUnit.trim();
    project.completionDate = completion ?? null;
    project.acceptanceDate = acceptance ?? null;
    project.version += 1;
    await repo.update(
      { id },
      {
        code: project.code,
        name: project.name,
        year: project.year,
        type: project.type,
        implementingUnit: project.implementingUnit,
        regionCode: project.regionCode,
        completionDate: project.completionDate,
        acceptanceDate: project.acceptanceDate,
        version: project.version,
      },
    );
    if (changes.fundSources) {
      // Never below what the project's assets already use, per fund source.
      await this.lockInvestment(ctx, id);
      const used = (await this.investmentUse(ctx, [id])).get(id) ?? [];
      const overruns = investmentOverruns(changes.fundSources, used);
      if (overruns.length > 0) {
        const message = `below what the project's assets use: ${describeOverruns(overruns)}`;
        throw new DomainError(ErrorCode.PROJECT_INVESTMENT_BELOW_ASSETS, `changes.fundSources: ${message}`, {
          fields: [{ field: 'changes.fundSources', message }],
        });
      }
      await this.replaceFundSources(ctx, id, changes.fundSources);
    }
    this.ledger.record(ctx, {
      action: LedgerAction.PROJECT_UPDATED,
      entityType: PROJECT_SUBJECT,
      entityId: id,
      before,
    });
    return repo.findOneByOrFail({ id });
  }

  async list(
    ctx: RequestContext,
    filter: ProjectFilter | undefined,
    first: number | undefined,
    after: string | undefined,
  ): Promise<Connection<Project>> {
    const qb = this.scope.restrict(
      this.connection.getRepository(ctx, Project).createQueryBuilder('p'),
      ctx.currentUser,
      'p.region_code',
      { region: filter?.regionCode, readableFromBelow: true },
    );
    if (filter?.yearFrom !== undefined) qb.andWhere('p.year >= :yearFrom', { yearFrom: filter.yearFrom });
    if (filter?.yearTo !== undefined) qb.andWhere('p.year <= :yearTo', { yearTo: filter.yearTo });
    if (filter?.type) qb.andWhere('p.type = :type', { type: filter.type });
    if (filter?.fundSource) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM project_fund_source f WHERE f.project_id = p.id AND f.source = :fundSource)',
        { fundSource: filter.fundSource },
      );
    }
    if (filter?.text) {
      const pattern = containsPattern(filter.text);
      qb.andWhere(
        new Brackets((w) => w.where('p.code ILIKE :pattern', { pattern }).orWhere('p.name ILIKE :pattern')),
      );
    }
    return keysetPage(
      qb,
      { first, after, maxPageSize: this.config.pagination.maxPageSize },
      { keys: [{ sql: 'p.code', type: 'varchar' }], direction: 'ASC' },
    );
  }

  private checkYear(problems: ProblemList, field: string, year: number, completion?: string | null): void {
    const thisYear = Number(todayInChina().slice(0, 4));
    if (year > thisYear) problems.add(field, `${year} is in the future`);
    if (completion && Number(completion.slice(0, 4)) < year) {
      problems.add(field, `the project cannot be completed (${completion}) before its year ${year}`);
    }
  }

  private async requireRegion(ctx: RequestContext, code: string, field: string): Promise<Region> {
    const region = await this.connection.getRepository(ctx, Region).findOneBy({ code });
    if (!region) {
      throw new DomainError(ErrorCode.REFERENCE_NOT_FOUND, `${field}: region ${code} does not exist`, {
        fields: [{ field, message: 'no such region' }],
      });
    }
    return region;
  }

  private async replaceFundSources(
    ctx: RequestContext,
    projectId: string,
    sources: FundSourceAmount[],
  ): Promise<void> {
    const repo = this.connection.getRepository(ctx, ProjectFundSource);
    await repo.delete({ projectId });
    await repo.insert(sources.map((s) => ({ projectId, source: s.source, amount: s.amount })));
  }

  total(sources: ProjectFundSource[]): Fen {
    return sources.reduce((sum, s) => sum + s.amount, 0n);
  }
}
