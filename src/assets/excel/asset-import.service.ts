import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { chunks } from '@/common/collections/chunks';
import { writeInBatches } from '@/common/collections/write-in-batches';
import { RequestContext } from '@/common/context';
import { ErrorCode } from '@/common/errors';
import { todayInChina } from '@/common/scalars';
import { IdempotencyService, TransactionalConnection } from '@/database';
import { RegionScopeService } from '@/auth/region-scope.service';
import { CategoriesService } from '@/categories/categories.service';
import { FilesService } from '@/files/files.service';
import { LedgerService } from '@/ledger/ledger.service';
import { ProjectsService } from '@/projects/projects.service';
import { Region } from '@/regions/region.entity';
import { ancestorCodes } from '@/regions/region-level.enum';
import {
  ImportJobRunner,
  ImportRequest,
  ImportSteps,
  MAX_STORED_PROBLEMS,
  ReportProgress,
} from '@/spreadsheet/import-jobs';
import { AssetsService } from '../assets.service';
import { ASSET_SHEET, MAX_IMPORT_ROWS } from './asset-template';
import { AssetImport } from './asset-import.entity';
import {
  AssetToInsert,
  checkFile,
  ImportPlan,
  ImportProblems,
  ImportReferences,
  ParsedFile,
  parseFile,
  ProjectRef,
  RegionRef,
} from './asset-import.validator';

/** Assets per `insertMany` call while importing (progress is reported after each). */
const INSERT_BATCH = 1000;
/** Lookups of many codes are split so that no statement has more parameters than PostgreSQL allows. */
const LOOKUP_BATCH = 5000;

/**
 * `importAssets`: an import job per file, run by the spreadsheet layer's ImportJobRunner (read its
 * header comment for the phases). What is particular to assets: the 资产 and 项目 sheets; references
 * (categories, projects, regions, existing codes) loaded in batches, never per row; and, in the one
 * transaction, projects of the 项目 sheet that are not registered yet (ProjectsService.register), then
 * every asset (AssetsService.insertMany), one ledger entry per record.
 */
@Injectable()
export class AssetImportService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly jobs: ImportJobRunner<AssetImport>;

  constructor(
    private readonly connection: TransactionalConnection,
    idempotency: IdempotencyService,
    private readonly scope: RegionScopeService,
    private readonly assets: AssetsService,
    private readonly projects: ProjectsService,
    private readonly categories: CategoriesService,
    files: FilesService,
    private readonly ledger: LedgerService,
  ) {
    this.jobs = new ImportJobRunner<AssetImport>(connection, idempotency, files, scope, {
      name: 'asset-import',
      operation: 'importAssets',
      entity: AssetImport,
      what: 'assets',
      template: 'the asset ledger template',
      fileInvalidCode: ErrorCode.ASSET_IMPORT_FILE_INVALID,
      notFoundCode: ErrorCode.ASSET_IMPORT_NOT_FOUND,
      maxRows: MAX_IMPORT_ROWS,
      csvSheet: ASSET_SHEET,
      raceMessages: {
        UQ_asset_code:
          'An asset code of the file was registered by someone else during the import. Nothing was imported: start the import again to see which.',
        UQ_project_code:
          'A project code of the file was registered by someone else during the import. Nothing was imported: start the import again to see which.',
      },
    });
  }

  /** Jobs left running by a process that stopped are closed as FAILED (their transaction rolled back). */
  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.closeStale();
  }

  /** Lets running imports finish before the database pool closes. */
  async onModuleDestroy(): Promise<void> {
    await this.jobs.drain();
  }

  start(ctx: RequestContext, request: ImportRequest): Promise<AssetImport> {
    return this.jobs.start(ctx, request, (work) => this.steps(work));
  }

  find(ctx: RequestContext, id: string): Promise<AssetImport> {
    return this.jobs.find(ctx, id);
  }

  /** The newest jobs of the caller's region. */
  recent(ctx: RequestContext, first: number): Promise<AssetImport[]> {
    return this.jobs.recent(ctx, first);
  }

  private steps(ctx: RequestContext): ImportSteps<ParsedFile, ImportPlan> {
    const problems = new ImportProblems(MAX_STORED_PROBLEMS);
    return {
      problems,
      parse: (sheets) => parseFile(sheets, problems),
      rowCount: (parsed) => parsed.assetCount + parsed.projects.length,
      validate: async (parsed, progress) =>
        checkFile(parsed, await this.loadReferences(ctx, parsed), problems, progress),
      write: (manager, plan, progress, totalRows) => this.write(ctx, manager, plan, progress, totalRows),
    };
  }

  /** Everything the rows refer to, in a handful of queries whatever the number of rows. */
  private async loadReferences(ctx: RequestContext, file: ParsedFile): Promise<ImportReferences> {
    const user = ctx.currentUser;
    const manager = this.connection.getManager(ctx);
    const wanted = file.takeReferences();

    const regionRepo = this.connection.getRepository(ctx, Region);
    const inScope = await this.scope.restrict(regionRepo.createQueryBuilder('r'), user, 'r.code').getMany();
    const regions = new Map<string, RegionRef>(inScope.map((r) => [r.code, r]));
    const above = ancestorCodes(user.regionCode);
    const others = [...new Set([...wanted.regionCodes, ...above])].filter((c) => !regions.has(c));
    for (const batch of chunks(others, LOOKUP_BATCH)) {
      for (const r of await regionRepo.findBy({ code: In(batch) })) regions.set(r.code, r);
    }
    const namedRegions = [...regions.values()].filter((r) => this.scope.canReadRegionRecord(user, r.code));

    const projects = new Map<string, ProjectRef>();
    for (const batch of chunks(wanted.projectCodes, LOOKUP_BATCH)) {
      const found = await this.projects.byCodes(ctx, batch);
      const sources = await this.projects.fundSourcesOf(
        ctx,
        [...found.values()].map((p) => p.id),
      );
      for (const p of found.values()) {
        projects.set(p.code, {
          ...p,
          fundSources: (sources.get(p.id) ?? []).map((s) => ({ source: s.source, amount: s.amount })),
        });
      }
    }

    const use = await this.assets.investmentUseByProject(
      ctx,
      [...projects.values()].map((p) => p.id),
    );
    const projectInvestmentUse = new Map([...projects.values()].map((p) => [p.code, use.get(p.id) ?? []]));

    const existingAssetCodes = new Set<string>();
    for (const batch of chunks(wanted.assetCodes, LOOKUP_BATCH)) {
      const rows = await manager.query<Array<{ code: string }>>(
        'SELECT code FROM asset WHERE code = ANY($1::varchar[])',
        [batch],
      );
      for (const r of rows) existingAssetCodes.add(r.code);
    }

    return {
      user,
      today: todayInChina(),
      canWrite: (code) => this.scope.canWrite(user, code),
      canReadProject: (code) => this.scope.canReadRegionRecord(user, code),
      categories: await this.categories.list(ctx, true),
      regions,
      namedRegions,
      projects,
      projectInvestmentUse,
      existingAssetCodes,
    };
  }

  /** IMPORTING, in the import's transaction: every project, then every asset. */
  private async write(
    ctx: RequestContext,
    manager: EntityManager,
    plan: ImportPlan,
    progress: ReportProgress,
    totalRows: number,
  ): Promise<{ importedCount: number; createdProjectCount: number; message: string }> {
    const projectIds = new Map(plan.projectIds);
    for (const p of plan.projects) {
      const project = await this.projects.register(ctx, p.input);
      projectIds.set(project.code, project.id);
    }
    const projectRows = totalRows - plan.assetCount;
    await progress({ processedRows: projectRows });
    const projectIdOf = (a: AssetToInsert): string => projectIds.get(a.projectCode)!;
    // Checked again under each project's investment lock (in id order): a registration since the check
    // cannot make the project's assets exceed it.
    await this.assets.assertInvestmentsFit(
      ctx,
      new Map([...plan.investmentAdded].map(([code, sources]) => [projectIds.get(code)!, sources])),
      'fundSources',
    );
    // The file is read a third time, a batch of rows at a time: what is inserted is never held whole. The
    // next batch is read while the database writes the one before.
    let imported = 0;
    await writeInBatches(plan.assets(), INSERT_BATCH, async (batch) => {
      // The states are read at the append, a slice at a time, not held for the whole file.
      await this.assets.insertMany(
        ctx,
        batch.map((a) => ({ ...a.values, projectId: projectIdOf(a) })),
        { readStatesAtAppend: true },
      );
      imported += batch.length;
      await progress({ processedRows: projectRows + imported });
    });
    // Autocommit, on another connection: the last progress report before this transaction touches
    // the job's row (after that, a report would wait for this transaction's row lock).
    await progress(
      { message: `recording ${imported + plan.projects.length} entries on the audit ledger` },
      true,
    );
    // The ledger's before-commit hook would append the entries after the job's last update; appending
    // them now (the hook then finds nothing pending) makes finishedAt the end of the import's work.
    await this.ledger.flush(ctx, manager);
    return {
      importedCount: imported,
      createdProjectCount: plan.projects.length,
      message: `${imported} asset${imported === 1 ? '' : 's'} imported${plan.projects.length > 0 ? `, ${plan.projects.length} project${plan.projects.length === 1 ? '' : 's'} registered` : ''}`,
    };
  }
}
