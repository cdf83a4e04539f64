import type { Readable } from 'node:stream';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { In, QueryFailedError } from 'typeorm';
import { chunks } from '@/common/collections/chunks';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode } from '@/common/errors';
import { todayInChina } from '@/common/scalars';
import { TransactionalConnection } from '@/database';
import { RegionScopeService } from '@/auth/region-scope.service';
import { CategoriesService } from '@/categories/categories.service';
import { EvidenceFile } from '@/files/evidence-file.entity';
import { FilesService } from '@/files/files.service';
import { LedgerService } from '@/ledger/ledger.service';
import { MediaType } from '@/files/media-type';
import { ProjectsService } from '@/projects/projects.service';
import { Region } from '@/regions/region.entity';
import { ancestorCodes } from '@/regions/region-level.enum';
import { AssetsService } from '../assets.service';
import { MAX_IMPORT_ROWS } from './asset-template';
import { readCsv, readXlsx, SheetRows } from './asset-workbook';
import { AssetImport, AssetImportPhase } from './asset-import.entity';
import { closeStaleJobs, isStaleJob, MAX_STORED_PROBLEMS, PROGRESS_INTERVAL_MS } from './import-jobs';
import {
  checkFile,
  ImportPlan,
  ImportProblems,
  ImportReferences,
  ParsedFile,
  parseFile,
  ProjectRef,
  referencesOf,
  RegionRef,
} from './asset-import.validator';

/** Assets per `insertMany` call in phase 2 (progress is reported after each). */
const INSERT_BATCH = 1000;
/** Lookups of many codes are split so that no statement has more parameters than PostgreSQL allows. */
const LOOKUP_BATCH = 5000;

type JobPatch = Partial<Omit<AssetImport, 'id' | 'file' | 'region' | 'creator' | 'createdAt' | 'updatedAt'>>;

/** A failure of the import as a whole (not a problem of a row): ends the job FAILED with this message. */
class ImportFailed extends Error {}

/**
 * `importAssets`: an import job per file. The mutation records the job and returns; the work runs in
 * the background of this process (or is awaited with `wait: true`):
 *   PARSING     the file is read (streaming .xlsx reader, or CSV);
 *   VALIDATING  every row is checked: cells, the asset rules, references (loaded in batches, never per
 *               row), scope, unique codes. Any problem: FAILED with every problem, nothing written;
 *   IMPORTING   one transaction: projects of the 项目 sheet that are not registered yet (through
 *               ProjectsService.register), then every asset through AssetsService.insertMany (one ledger
 *               entry per record); the job becomes SUCCEEDED in the same transaction.
 * Progress is written to `asset_import` by short autocommit statements of their own, never in the
 * import's transaction, so any process can follow it with `assetImport(id)`.
 */
@Injectable()
export class AssetImportService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AssetImportService');
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly scope: RegionScopeService,
    private readonly assets: AssetsService,
    private readonly projects: ProjectsService,
    private readonly categories: CategoriesService,
    private readonly files: FilesService,
    private readonly ledger: LedgerService,
  ) {}

  /** Jobs left running by a process that stopped are closed as FAILED (their transaction rolled back). */
  async onApplicationBootstrap(): Promise<void> {
    await closeStaleJobs(this.connection, AssetImport);
  }

  /** Lets running imports finish before the database pool closes. */
  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  // ---------------------------------------------------------------------------------------------------
  // The API
  // ---------------------------------------------------------------------------------------------------

  async start(ctx: RequestContext, fileId: string, wait: boolean): Promise<AssetImport> {
    const user = ctx.currentUser;
    if (!this.scope.canWrite(user, user.regionCode)) {
      throw new DomainError(ErrorCode.FORBIDDEN, `The role ${user.role} may not import assets`);
    }
    const file = await this.files.findReadable(ctx, fileId);
    if (file.mediaType !== MediaType.XLSX && file.mediaType !== MediaType.CSV) {
      const message = `is ${file.mediaType}: import an .xlsx or .csv file of the asset ledger template`;
      throw new DomainError(ErrorCode.ASSET_IMPORT_FILE_INVALID, `fileId: ${message}`, {
        fields: [{ field: 'fileId', message }],
      });
    }
    // The job row commits at once (not with the mutation), so that polls see it from the start.
    const ops = RequestContext.system(`asset-import:${ctx.requestId}`);
    const repo = this.connection.getRepository(ops, AssetImport);
    const inserted = await repo.insert({
      fileId: file.id,
      fileName: file.originalName,
      regionCode: user.regionCode,
      createdBy: user.id,
      requestId: ctx.requestId,
      phase: AssetImportPhase.PARSING,
      problems: [],
    });
    const id = (inserted.identifiers[0] as { id: string }).id;
    const job = await repo.findOneByOrFail({ id });
    // The background work acts as the caller: a context of its own, with the caller as the actor.
    const work = new RequestContext(`asset-import:${id}`, { ...user }, ctx.ip);
    const run = this.run(work, job, file);
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    if (!wait) return job;
    await run;
    return repo.findOneByOrFail({ id });
  }

  async find(ctx: RequestContext, id: string): Promise<AssetImport> {
    const repo = this.connection.getRepository(ctx, AssetImport);
    let job = this.scope.getInScope(ctx.currentUser, await repo.findOneBy({ id }), (j) => j.regionCode, {
      what: 'Import',
      id,
      code: ErrorCode.ASSET_IMPORT_NOT_FOUND,
    });
    if (isStaleJob(job)) {
      await closeStaleJobs(this.connection, AssetImport, id);
      job = await repo.findOneByOrFail({ id });
    }
    return job;
  }

  // ---------------------------------------------------------------------------------------------------
  // The job
  // ---------------------------------------------------------------------------------------------------

  /** Runs a job to its end; never rejects (a failure ends the job FAILED). */
  private async run(ctx: RequestContext, job: AssetImport, file: EvidenceFile): Promise<void> {
    const ops = RequestContext.system(`asset-import:${job.id}:progress`);
    const update = async (patch: JobPatch): Promise<void> => {
      await this.connection.getRepository(ops, AssetImport).update({ id: job.id }, patch);
    };
    let lastWrite = 0;
    const progress = async (patch: JobPatch, force = false): Promise<void> => {
      if (!force && Date.now() - lastWrite < PROGRESS_INTERVAL_MS) return;
      await update(patch);
      lastWrite = Date.now();
    };
    const problems = new ImportProblems(MAX_STORED_PROBLEMS);
    const fail = async (message: string): Promise<void> => {
      await update({
        phase: AssetImportPhase.FAILED,
        problemCount: problems.count,
        problems: problems.list,
        message,
        finishedAt: new Date(),
      });
    };
    try {
      await progress({ startedAt: new Date() }, true);
      const parsed = await this.parse(ctx, file, problems);
      const totalRows = parsed.assets.length + parsed.projects.length;
      await progress({ phase: AssetImportPhase.VALIDATING, totalRows, processedRows: 0 }, true);
      const refs = await this.loadReferences(ctx, parsed);
      const plan = await checkFile(parsed, refs, problems, (checked) => progress({ processedRows: checked }));
      if (!problems.isEmpty) {
        const shown =
          problems.count > problems.list.length ? ` (the first ${problems.list.length} are listed)` : '';
        await fail(
          `${problems.count} problem${problems.count === 1 ? '' : 's'} found${shown}: nothing was imported`,
        );
        return;
      }
      await progress(
        { phase: AssetImportPhase.IMPORTING, processedRows: 0, validatedAt: new Date(), problemCount: 0 },
        true,
      );
      await this.write(ctx, job.id, plan, totalRows, progress);
      this.logger.log({ requestId: ctx.requestId, importId: job.id, rows: totalRows }, 'assets imported');
    } catch (error) {
      const message = this.failureMessage(ctx, job, error);
      await fail(message).catch((updateError: unknown) =>
        this.logger.error(
          { importId: job.id, err: updateError },
          'could not record the failure of an import',
        ),
      );
    }
  }

  private failureMessage(ctx: RequestContext, job: AssetImport, error: unknown): string {
    if (error instanceof ImportFailed) return error.message;
    if (error instanceof DomainError) return `The import failed: ${error.message}. Nothing was imported.`;
    const constraint =
      error instanceof QueryFailedError
        ? (error.driverError as { constraint?: string }).constraint
        : undefined;
    if (constraint === 'UQ_asset_code' || constraint === 'UQ_project_code') {
      return `An ${constraint === 'UQ_asset_code' ? 'asset' : 'project'} code of the file was registered by someone else during the import. Nothing was imported: start the import again to see which.`;
    }
    this.logger.error(
      { requestId: ctx.requestId, importId: job.id, err: error },
      'import failed unexpectedly',
    );
    return `The import failed because of an internal error (request id ${ctx.requestId}). Nothing was imported.`;
  }

  /** PARSING: reads the file's sheets (the caller must still be allowed to read it) and every cell. */
  private async parse(
    ctx: RequestContext,
    file: EvidenceFile,
    problems: ImportProblems,
  ): Promise<ParsedFile> {
    const { stream } = await this.files.openForDownload(ctx, file.id);
    let sheets: SheetRows[];
    try {
      sheets =
        file.mediaType === MediaType.CSV
          ? [readCsv(await readAll(stream), MAX_IMPORT_ROWS)]
          : await readXlsx(stream, MAX_IMPORT_ROWS);
    } catch (error) {
      this.logger.warn({ requestId: ctx.requestId, err: error }, 'an import file could not be read');
      const kind = file.mediaType === MediaType.CSV ? 'a CSV file' : 'an .xlsx workbook';
      throw new ImportFailed(`The file could not be read as ${kind}: nothing was imported.`);
    } finally {
      stream.destroy();
    }
    return parseFile(sheets, problems);
  }

  /** Everything the rows refer to, in a handful of queries whatever the number of rows. */
  private async loadReferences(ctx: RequestContext, file: ParsedFile): Promise<ImportReferences> {
    const user = ctx.currentUser;
    const manager = this.connection.getManager(ctx);
    const wanted = referencesOf(file);

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
      existingAssetCodes,
    };
  }

  /** IMPORTING: one transaction for every project and asset; the job becomes SUCCEEDED in it. */
  private async write(
    ctx: RequestContext,
    jobId: string,
    plan: ImportPlan,
    totalRows: number,
    progress: (patch: JobPatch, force?: boolean) => Promise<void>,
  ): Promise<void> {
    await this.connection.withTransaction(ctx, async (manager) => {
      const projectIds = new Map(plan.projectIds);
      for (const p of plan.projects) {
        const project = await this.projects.register(ctx, p.input);
        projectIds.set(project.code, project.id);
      }
      const projectRows = totalRows - plan.assets.length;
      await progress({ processedRows: projectRows });
      const rows = plan.assets.map((a) => ({ ...a.values, projectId: projectIds.get(a.projectCode)! }));
      for (const [i, batch] of chunks(rows, INSERT_BATCH).entries()) {
        await this.assets.insertMany(ctx, batch);
        await progress({ processedRows: projectRows + i * INSERT_BATCH + batch.length });
      }
      // Autocommit, on another connection: the last progress report before this transaction touches
      // the job's row below (after that, a report would wait for this transaction's row lock).
      await progress(
        { message: `recording ${rows.length + plan.projects.length} entries on the audit ledger` },
        true,
      );
      // The ledger's before-commit hook would append the entries after the job's last update; appending
      // them now (the hook then finds nothing pending) makes finishedAt the end of the import's work.
      await this.ledger.flush(ctx, manager);
      const done = await manager
        .createQueryBuilder()
        .update(AssetImport)
        .set({
          phase: AssetImportPhase.SUCCEEDED,
          processedRows: totalRows,
          importedCount: rows.length,
          createdProjectCount: plan.projects.length,
          message: `${rows.length} asset${rows.length === 1 ? '' : 's'} imported${plan.projects.length > 0 ? `, ${plan.projects.length} project${plan.projects.length === 1 ? '' : 's'} registered` : ''}`,
          finishedAt: () => 'clock_timestamp()',
        })
        .where('id = :id AND phase = :phase', { id: jobId, phase: AssetImportPhase.IMPORTING })
        .execute();
      if (done.affected !== 1) {
        throw new ImportFailed('The import was marked as failed while it ran: nothing was imported.');
      }
    });
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}
