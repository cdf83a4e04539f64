import type { Readable } from 'node:stream';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { In, QueryFailedError } from 'typeorm';
import { readCsv, readXlsx, SheetRows } from '@/assets/excel/asset-workbook';
import {
  closeStaleJobs,
  isStaleJob,
  MAX_STORED_PROBLEMS,
  PROGRESS_INTERVAL_MS,
} from '@/assets/excel/import-jobs';
import { chunks } from '@/common/collections/chunks';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode } from '@/common/errors';
import { todayInChina } from '@/common/scalars';
import { TransactionalConnection } from '@/database';
import { RegionScopeService } from '@/auth/region-scope.service';
import { EvidenceFile } from '@/files/evidence-file.entity';
import { FilesService } from '@/files/files.service';
import { MediaType } from '@/files/media-type';
import { Region } from '@/regions/region.entity';
import { RegionLevel } from '@/regions/region-level.enum';
import { HouseholdDraft, HouseholdsService } from '../households.service';
import { HouseholdImport, HouseholdImportPhase } from './household-import.entity';
import {
  checkHouseholdRows,
  HouseholdImportProblems,
  HouseholdImportReferences,
  ParsedHouseholdRow,
  parseHouseholdFile,
  referencesOf,
  VillageRef,
} from './household-import.validator';
import { HOUSEHOLD_SHEET, MAX_HOUSEHOLD_IMPORT_ROWS } from './household-template';

/** Households per `insertMany` call while importing (progress is reported after each). */
const INSERT_BATCH = 1000;
const LOOKUP_BATCH = 5000;

type JobPatch = Partial<
  Omit<HouseholdImport, 'id' | 'file' | 'region' | 'creator' | 'createdAt' | 'updatedAt'>
>;

/** A failure of the import as a whole (not a problem of a row): ends the job FAILED with this message. */
class ImportFailed extends Error {}

/**
 * `importHouseholds`: the asset import's approach (read its header comment), for households. The
 * mutation records a job and returns (or waits with `wait: true`); the work runs in this process:
 *   PARSING     the file is read (.xlsx with the streaming reader, or CSV);
 *   VALIDATING  every row is checked (cells, status rules, villages and scope, registry numbers unique
 *               in the file and not registered). Any problem: FAILED with every problem, nothing written;
 *   IMPORTING   one transaction: every household through HouseholdsService.insertMany (one ledger entry
 *               per household); the job becomes SUCCEEDED in the same transaction.
 * Progress goes to `household_import` in short autocommit statements, so any process can follow it.
 */
@Injectable()
export class HouseholdImportService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('HouseholdImportService');
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly scope: RegionScopeService,
    private readonly households: HouseholdsService,
    private readonly files: FilesService,
  ) {}

  /** Jobs left running by a process that stopped are closed as FAILED (their transaction rolled back). */
  async onApplicationBootstrap(): Promise<void> {
    await closeStaleJobs(this.connection, HouseholdImport);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  async start(ctx: RequestContext, fileId: string, wait: boolean): Promise<HouseholdImport> {
    const user = ctx.currentUser;
    if (!this.scope.canWrite(user, user.regionCode)) {
      throw new DomainError(ErrorCode.FORBIDDEN, `The role ${user.role} may not import households`);
    }
    const file = await this.files.findReadable(ctx, fileId);
    if (file.mediaType !== MediaType.XLSX && file.mediaType !== MediaType.CSV) {
      const message = `is ${file.mediaType}: import an .xlsx or .csv file of the household template`;
      throw new DomainError(ErrorCode.HOUSEHOLD_IMPORT_FILE_INVALID, `fileId: ${message}`, {
        fields: [{ field: 'fileId', message }],
      });
    }
    // The job row commits at once (not with the mutation), so that polls see it from the start.
    const ops = RequestContext.system(`household-import:${ctx.requestId}`);
    const repo = this.connection.getRepository(ops, HouseholdImport);
    const inserted = await repo.insert({
      fileId: file.id,
      fileName: file.originalName,
      regionCode: user.regionCode,
      createdBy: user.id,
      requestId: ctx.requestId,
      phase: HouseholdImportPhase.PARSING,
      problems: [],
    });
    const id = (inserted.identifiers[0] as { id: string }).id;
    const job = await repo.findOneByOrFail({ id });
    // The background work acts as the caller, in a context of its own.
    const work = new RequestContext(`household-import:${id}`, { ...user }, ctx.ip);
    const run = this.run(work, job, file);
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    if (!wait) return job;
    await run;
    return repo.findOneByOrFail({ id });
  }

  /** Villages the caller may register households in (listed on the template's 说明 sheet). */
  async writableVillages(ctx: RequestContext): Promise<Array<{ code: string; name: string }>> {
    const user = ctx.currentUser;
    if (!this.scope.canWrite(user, user.regionCode)) return [];
    const qb = this.connection
      .getRepository(ctx, Region)
      .createQueryBuilder('r')
      .where('r.level = :level', { level: RegionLevel.VILLAGE })
      .orderBy('r.code');
    return this.scope.restrict(qb, user, 'r.code').getMany();
  }

  async find(ctx: RequestContext, id: string): Promise<HouseholdImport> {
    const repo = this.connection.getRepository(ctx, HouseholdImport);
    let job = this.scope.getInScope(ctx.currentUser, await repo.findOneBy({ id }), (j) => j.regionCode, {
      what: 'Import',
      id,
      code: ErrorCode.HOUSEHOLD_IMPORT_NOT_FOUND,
    });
    if (isStaleJob(job)) {
      await closeStaleJobs(this.connection, HouseholdImport, id);
      job = await repo.findOneByOrFail({ id });
    }
    return job;
  }

  /** Runs a job to its end; never rejects (a failure ends the job FAILED). */
  private async run(ctx: RequestContext, job: HouseholdImport, file: EvidenceFile): Promise<void> {
    const ops = RequestContext.system(`household-import:${job.id}:progress`);
    const update = async (patch: JobPatch): Promise<void> => {
      await this.connection.getRepository(ops, HouseholdImport).update({ id: job.id }, patch);
    };
    let lastWrite = 0;
    const progress = async (patch: JobPatch, force = false): Promise<void> => {
      if (!force && Date.now() - lastWrite < PROGRESS_INTERVAL_MS) return;
      await update(patch);
      lastWrite = Date.now();
    };
    const problems = new HouseholdImportProblems(MAX_STORED_PROBLEMS);
    const fail = async (message: string): Promise<void> => {
      await update({
        phase: HouseholdImportPhase.FAILED,
        problemCount: problems.count,
        problems: problems.list,
        message,
        finishedAt: new Date(),
      });
    };
    try {
      await progress({ startedAt: new Date() }, true);
      const today = todayInChina();
      const rows = await this.parse(ctx, file, problems, today);
      await progress(
        { phase: HouseholdImportPhase.VALIDATING, totalRows: rows.length, processedRows: 0 },
        true,
      );
      const refs = await this.loadReferences(ctx, rows, today);
      const drafts = await checkHouseholdRows(rows, refs, problems, (checked) =>
        progress({ processedRows: checked }),
      );
      if (!problems.isEmpty) {
        const shown =
          problems.count > problems.list.length ? ` (the first ${problems.list.length} are listed)` : '';
        await fail(
          `${problems.count} problem${problems.count === 1 ? '' : 's'} found${shown}: nothing was imported`,
        );
        return;
      }
      await progress(
        {
          phase: HouseholdImportPhase.IMPORTING,
          processedRows: 0,
          validatedAt: new Date(),
          problemCount: 0,
        },
        true,
      );
      await this.write(ctx, job.id, drafts, progress);
      this.logger.log(
        { requestId: ctx.requestId, importId: job.id, rows: drafts.length },
        'households imported',
      );
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

  private failureMessage(ctx: RequestContext, job: HouseholdImport, error: unknown): string {
    if (error instanceof ImportFailed) return error.message;
    if (error instanceof DomainError) return `The import failed: ${error.message}. Nothing was imported.`;
    const constraint =
      error instanceof QueryFailedError
        ? (error.driverError as { constraint?: string }).constraint
        : undefined;
    if (constraint === 'UQ_household_registry_no') {
      return 'A registry number of the file was registered by someone else during the import. Nothing was imported: start the import again to see which.';
    }
    this.logger.error(
      { requestId: ctx.requestId, importId: job.id, err: error },
      'household import failed unexpectedly',
    );
    return `The import failed because of an internal error (request id ${ctx.requestId}). Nothing was imported.`;
  }

  /** PARSING: reads the file (the caller must still be allowed to read it) and every cell. */
  private async parse(
    ctx: RequestContext,
    file: EvidenceFile,
    problems: HouseholdImportProblems,
    today: string,
  ): Promise<ParsedHouseholdRow[]> {
    const { stream } = await this.files.openForDownload(ctx, file.id);
    let sheets: SheetRows[];
    try {
      sheets =
        file.mediaType === MediaType.CSV
          ? [readCsv(await readAll(stream), MAX_HOUSEHOLD_IMPORT_ROWS, HOUSEHOLD_SHEET)]
          : await readXlsx(stream, MAX_HOUSEHOLD_IMPORT_ROWS);
    } catch (error) {
      this.logger.warn({ requestId: ctx.requestId, err: error }, 'an import file could not be read');
      const kind = file.mediaType === MediaType.CSV ? 'a CSV file' : 'an .xlsx workbook';
      throw new ImportFailed(`The file could not be read as ${kind}: nothing was imported.`);
    } finally {
      stream.destroy();
    }
    return parseHouseholdFile(sheets, problems, today);
  }

  /** The villages and registry numbers the rows refer to, in a few queries whatever the number of rows. */
  private async loadReferences(
    ctx: RequestContext,
    rows: readonly ParsedHouseholdRow[],
    today: string,
  ): Promise<HouseholdImportReferences> {
    const user = ctx.currentUser;
    const wanted = referencesOf(rows);
    const regionRepo = this.connection.getRepository(ctx, Region);
    const villagesInScope: VillageRef[] = await this.scope
      .restrict(
        regionRepo.createQueryBuilder('r').where('r.level = :level', { level: RegionLevel.VILLAGE }),
        user,
        'r.code',
      )
      .getMany();
    const regions = new Map<string, VillageRef>(villagesInScope.map((r) => [r.code, r]));
    const others = wanted.regionCodes.filter((c) => !regions.has(c));
    for (const batch of chunks(others, LOOKUP_BATCH)) {
      for (const r of await regionRepo.findBy({ code: In(batch) })) regions.set(r.code, r);
    }
    return {
      today,
      userRegion: user.regionCode,
      canWrite: (code) => this.scope.canWrite(user, code),
      regions,
      villagesInScope,
      existingRegistryNos: await this.households.existingRegistryNumbers(ctx, wanted.registryNos),
    };
  }

  /** IMPORTING: one transaction for every household; the job becomes SUCCEEDED in it. */
  private async write(
    ctx: RequestContext,
    jobId: string,
    drafts: HouseholdDraft[],
    progress: (patch: JobPatch, force?: boolean) => Promise<void>,
  ): Promise<void> {
    await this.connection.withTransaction(ctx, async (manager) => {
      let written = 0;
      for (const batch of chunks(drafts, INSERT_BATCH)) {
        await this.households.insertMany(ctx, batch);
        written += batch.length;
        // Autocommit, on another connection.
        await progress({ processedRows: written });
      }
      const done = await manager
        .createQueryBuilder()
        .update(HouseholdImport)
        .set({
          phase: HouseholdImportPhase.SUCCEEDED,
          processedRows: drafts.length,
          importedCount: drafts.length,
          message: `${drafts.length} household${drafts.length === 1 ? '' : 's'} imported`,
          finishedAt: () => 'clock_timestamp()',
        })
        .where('id = :id AND phase = :phase', { id: jobId, phase: HouseholdImportPhase.IMPORTING })
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
