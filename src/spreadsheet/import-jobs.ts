import { Logger } from '@nestjs/common';
import { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral, QueryFailedError } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode } from '@/common/errors';
import { IdempotencyService, TransactionalConnection } from '@/database';
import { RegionScopeService } from '@/auth/region-scope.service';
import { EvidenceFile } from '@/files/evidence-file.entity';
import { FilesService } from '@/files/files.service';
import { MediaType } from '@/files/media-type';
import { ImportJob } from './import-job';
import { openCsv, openXlsx, readAll, SheetSource, UnreadableSheet, UnreadableWorkbook } from './workbook';

/**
 * What the spreadsheet import jobs (`asset_import`, `household_import`) share: a job row that commits at
 * once, a heartbeat in `updated_at` written by short autocommit progress reports, and the rule that a
 * job silent for too long was cut off by a process that stopped (its transaction rolled back).
 */

/** Problems kept on a job (all are counted in problemCount). */
export const MAX_STORED_PROBLEMS = 10_000;
/** Progress is written at most this often (plus at every phase change). */
export const PROGRESS_INTERVAL_MS = 250;
/** A job whose heartbeat (updatedAt) is older than this was cut off by a stopped process. */
export const STALE_JOB_MINUTES = 10;

const FINISHED = ['SUCCEEDED', 'FAILED'];

/** Whether a job read just now is unfinished and has not reported for longer than a running job would. */
export function isStaleJob(job: { phase: string; updatedAt: Date }): boolean {
  return !FINISHED.includes(job.phase) && Date.now() - job.updatedAt.getTime() > STALE_JOB_MINUTES * 60_000;
}

/**
 * Closes as FAILED the unfinished jobs of `entity` (or the one job `id`) whose heartbeat stopped long
 * ago: at boot for every job, and when a stale job is read. A running job reports at least every few
 * seconds (its longest step, the ledger append, takes seconds for 10,000 rows).
 */
export async function closeStaleJobs(
  connection: TransactionalConnection,
  entity: EntityTarget<ObjectLiteral>,
  id?: string,
): Promise<void> {
  const qb = connection
    .getRepository(RequestContext.system('import:stale'), entity)
    .createQueryBuilder()
    .update()
    .set({
      phase: 'FAILED',
      message: 'The server stopped during the import: nothing was imported. Start the import again.',
      finishedAt: () => 'now()',
    })
    .where('phase NOT IN (:...finished)', { finished: FINISHED })
    .andWhere(`updated_at < now() - make_interval(mins => :minutes)`, { minutes: STALE_JOB_MINUTES });
  if (id !== undefined) qb.andWhere('id = :id', { id });
  await qb.execute();
}

/** What a job may report while it runs. */
export type JobPatch = Partial<
  Omit<ImportJob, 'id' | 'fileId' | 'fileName' | 'regionCode' | 'createdBy' | 'createdAt' | 'updatedAt'>
>;
export type ReportProgress = (patch: JobPatch, force?: boolean) => Promise<void>;

/** One kind of import: its table and the words its messages use. */
export interface ImportJobKind<J extends ImportJob> {
  /** Prefix of the jobs' request ids (`asset-import:<job id>`) and of their logs. */
  name: string;
  /** The mutation that starts a job (`importAssets`): the operation its idempotency keys are for. */
  operation: string;
  entity: EntityTarget<J>;
  /** What is imported, for messages: `assets`. */
  what: string;
  /** The template a file must follow, for messages: `the asset ledger template`. */
  template: string;
  fileInvalidCode: ErrorCode;
  notFoundCode: ErrorCode;
  maxRows: number;
  /** The sheet a CSV file stands for. */
  csvSheet: string;
  /** Unique constraints a concurrent registration can break, and what the importer is told then. */
  raceMessages: Record<string, string>;
}

/** What a caller asks for: the file, whether to wait, and optionally an idempotency key. */
export interface ImportRequest {
  fileId: string;
  wait?: boolean;
  idempotencyKey?: string;
}

/** What one job does with its file; the runner does the rest (phases, progress, failures). */
export interface ImportSteps<Parsed, Plan> {
  problems: { count: number; list: object[]; isEmpty: boolean };
  /**
   * PARSING: every cell of the sheets read once; problems reported. What it returns may read the sheets
   * again later (they are re-readable sources): an import need not hold all of its rows at once.
   */
  parse(sheets: SheetSource[]): Promise<Parsed>;
  rowCount(parsed: Parsed): number;
  /** VALIDATING: references loaded in batches, every rule checked; problems reported. */
  validate(parsed: Parsed, progress: (processedRows: number) => Promise<void>): Promise<Plan>;
  /**
   * IMPORTING, inside the one transaction of the import (`manager`): writes the plan (reporting progress
   * with short autocommit statements) and says what the job's final row holds.
   */
  write(
    manager: EntityManager,
    plan: Plan,
    progress: ReportProgress,
    totalRows: number,
  ): Promise<{ importedCount: number; message: string } & JobPatch>;
}

/** A failure of the import as a whole (not a problem of a row): ends the job FAILED with this message. */
export class ImportFailed extends Error {}

const PHASE = {
  PARSING: 'PARSING',
  VALIDATING: 'VALIDATING',
  IMPORTING: 'IMPORTING',
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
} as const;

/**
 * The one import-job runner (asset and household imports): the mutation records a job, which commits at
 * once, and returns (or waits with `wait: true`); the work runs in the background of this process, as
 * the caller:
 *   PARSING     the file's sheets are opened as re-readable sources (SheetSource) and read once, every
 *               cell parsed;
 *   VALIDATING  every row is checked. Any problem: FAILED with every problem, nothing written;
 *   IMPORTING   one transaction writes everything (one ledger entry per record); the job becomes
 *               SUCCEEDED in that same transaction.
 * The steps may read the sheets again in later phases (the asset import reads its main sheet three
 * times) rather than hold every row: only the file's bytes are kept for the job.
 * Progress is written by short autocommit statements of their own, never in the import's transaction,
 * so any process can follow a job. A job cut off by a stopped process is closed as FAILED.
 */
export class ImportJobRunner<J extends ImportJob> {
  private readonly logger: Logger;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly idempotency: IdempotencyService,
    private readonly files: FilesService,
    private readonly scope: RegionScopeService,
    private readonly kind: ImportJobKind<J>,
  ) {
    this.logger = new Logger(kind.name);
  }

  /** At boot: jobs left running by a process that stopped are closed as FAILED. */
  closeStale(): Promise<void> {
    return closeStaleJobs(this.connection, this.kind.entity);
  }

  /** Lets running imports finish (before the database pool closes). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /**
   * Records a job for the request's file and runs it with the steps `stepsFor` gives for the job's
   * context. With an idempotency key, a repeat of the request returns the first job (see
   * IdempotencyService) and imports nothing again.
   */
  start<Parsed, Plan>(
    ctx: RequestContext,
    request: ImportRequest,
    stepsFor: (work: RequestContext) => ImportSteps<Parsed, Plan>,
  ): Promise<J> {
    return this.idempotency.run(
      ctx,
      {
        operation: this.kind.operation,
        key: request.idempotencyKey,
        request: { fileId: request.fileId, wait: request.wait ?? false },
        remember: (job: J) => ({ id: job.id }),
        replay: ({ id }) => this.find(ctx, id),
      },
      () => this.startJob(ctx, request.fileId, request.wait ?? false, stepsFor),
    );
  }

  private async startJob<Parsed, Plan>(
    ctx: RequestContext,
    fileId: string,
    wait: boolean,
    stepsFor: (work: RequestContext) => ImportSteps<Parsed, Plan>,
  ): Promise<J> {
    const user = ctx.currentUser;
    if (!this.scope.canWrite(user, user.regionCode)) {
      throw new DomainError(ErrorCode.FORBIDDEN, `The role ${user.role} may not import ${this.kind.what}`);
    }
    const file = await this.files.findReadable(ctx, fileId);
    if (file.mediaType !== MediaType.XLSX && file.mediaType !== MediaType.CSV) {
      const message = `is ${file.mediaType}: import an .xlsx or .csv file of ${this.kind.template}`;
      throw new DomainError(this.kind.fileInvalidCode, `fileId: ${message}`, {
        fields: [{ field: 'fileId', message }],
      });
    }
    // The job row commits at once (not with the mutation), so that polls see it from the start.
    const ops = RequestContext.system(`${this.kind.name}:${ctx.requestId}`);
    const repo = this.connection.getRepository(ops, this.kind.entity);
    const inserted = await repo.insert({
      fileId: file.id,
      fileName: file.originalName,
      regionCode: user.regionCode,
      createdBy: user.id,
      requestId: ctx.requestId,
      phase: PHASE.PARSING,
      problems: [],
    } as unknown as QueryDeepPartialEntity<J>);
    const id = (inserted.identifiers[0] as { id: string }).id;
    const job = await this.findRow(ops, id);
    // The background work acts as the caller: a context of its own, with the caller as the actor.
    const work = new RequestContext(`${this.kind.name}:${id}`, { ...user }, ctx.ip);
    const run = this.run(work, job, file, stepsFor(work));
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    if (!wait) return job;
    await run;
    return this.findRow(ops, id);
  }

  /** A job the caller may follow (its importer's region), or NOT_FOUND; a stale job is closed first. */
  async find(ctx: RequestContext, id: string): Promise<J> {
    const repo = this.connection.getRepository(ctx, this.kind.entity);
    const row = await repo.findOneBy({ id } as FindOptionsWhere<J>);
    let job = this.scope.getInScope(ctx.currentUser, row, (j) => j.regionCode, {
      what: 'Import',
      id,
      code: this.kind.notFoundCode,
    });
    if (isStaleJob(job)) {
      await closeStaleJobs(this.connection, this.kind.entity, id);
      job = await this.findRow(ctx, id);
    }
    return job;
  }

  /**
   * The newest `first` jobs of the caller's region (every importer's, newest first), so that a user
   * who left an import finds it again from any browser; stale jobs are closed first, as in `find`.
   */
  async recent(ctx: RequestContext, first: number): Promise<J[]> {
    const prefix = this.scope.readPrefix(ctx.currentUser);
    const list = () =>
      this.connection
        .getRepository(ctx, this.kind.entity)
        .createQueryBuilder('j')
        .where('j.regionCode LIKE :prefix', { prefix: `${prefix}%` })
        .orderBy('j.createdAt', 'DESC')
        .addOrderBy('j.id', 'DESC')
        .take(first)
        .getMany();
    const jobs = await list();
    if (!jobs.some(isStaleJob)) return jobs;
    await closeStaleJobs(this.connection, this.kind.entity);
    return list();
  }

  private findRow(ctx: RequestContext, id: string): Promise<J> {
    return this.connection
      .getRepository(ctx, this.kind.entity)
      .findOneByOrFail({ id } as FindOptionsWhere<J>);
  }

  /** Runs a job to its end; never rejects (a failure ends the job FAILED). */
  private async run<Parsed, Plan>(
    ctx: RequestContext,
    job: J,
    file: EvidenceFile,
    steps: ImportSteps<Parsed, Plan>,
  ): Promise<void> {
    const ops = RequestContext.system(`${this.kind.name}:${job.id}:progress`);
    const update = async (patch: JobPatch): Promise<void> => {
      await this.connection
        .getRepository(ops, this.kind.entity)
        .update(job.id, patch as QueryDeepPartialEntity<J>);
    };
    let lastWrite = 0;
    const progress: ReportProgress = async (patch, force = false) => {
      if (!force && Date.now() - lastWrite < PROGRESS_INTERVAL_MS) return;
      await update(patch);
      lastWrite = Date.now();
    };
    const { problems } = steps;
    const fail = (message: string): Promise<void> =>
      update({
        phase: PHASE.FAILED,
        problemCount: problems.count,
        problems: problems.list,
        message,
        finishedAt: new Date(),
      });
    try {
      await progress({ startedAt: new Date() }, true);
      let parsed: Parsed | undefined = await steps.parse(await this.openSheets(ctx, file));
      const totalRows = steps.rowCount(parsed);
      await progress({ phase: PHASE.VALIDATING, totalRows, processedRows: 0 }, true);
      const plan = await steps.validate(parsed, (processedRows) => progress({ processedRows }));
      // Past validation only the plan is needed: what was parsed goes before the write (a suspended async
      // function keeps its locals alive).
      parsed = undefined;
      if (!problems.isEmpty) {
        const shown =
          problems.count > problems.list.length ? ` (the first ${problems.list.length} are listed)` : '';
        await fail(
          `${problems.count} problem${problems.count === 1 ? '' : 's'} found${shown}: nothing was imported`,
        );
        return;
      }
      await progress(
        { phase: PHASE.IMPORTING, processedRows: 0, validatedAt: new Date(), problemCount: 0 },
        true,
      );
      await this.connection.withTransaction(ctx, async (manager) => {
        const result = await steps.write(manager, plan, progress, totalRows);
        const done = await manager
          .createQueryBuilder()
          .update(this.kind.entity)
          .set({
            ...result,
            phase: PHASE.SUCCEEDED,
            processedRows: totalRows,
            finishedAt: () => 'clock_timestamp()',
          } as QueryDeepPartialEntity<J>)
          .where('id = :id AND phase = :phase', { id: job.id, phase: PHASE.IMPORTING })
          .execute();
        if (done.affected !== 1) {
          throw new ImportFailed('The import was marked as failed while it ran: nothing was imported.');
        }
      });
      this.logger.log(
        { requestId: ctx.requestId, importId: job.id, rows: totalRows },
        `${this.kind.what} imported`,
      );
    } catch (error) {
      const message = this.failureMessage(ctx, job, file, error);
      await fail(message).catch((updateError: unknown) =>
        this.logger.error(
          { importId: job.id, err: updateError },
          'could not record the failure of an import',
        ),
      );
    }
  }

  private failureMessage(ctx: RequestContext, job: J, file: EvidenceFile, error: unknown): string {
    if (error instanceof ImportFailed) return error.message;
    if (error instanceof UnreadableSheet) {
      this.logger.warn({ requestId: ctx.requestId, err: error.cause }, 'an import file could not be read');
      return this.unreadableMessage(file);
    }
    if (error instanceof DomainError) return `The import failed: ${error.message}. Nothing was imported.`;
    const constraint =
      error instanceof QueryFailedError
        ? (error.driverError as { constraint?: string }).constraint
        : undefined;
    const race = constraint === undefined ? undefined : this.kind.raceMessages[constraint];
    if (race) return race;
    this.logger.error(
      { requestId: ctx.requestId, importId: job.id, err: error },
      `${this.kind.name} failed unexpectedly`,
    );
    return `The import failed because of an internal error (request id ${ctx.requestId}). Nothing was imported.`;
  }

  /**
   * PARSING: the file's sheets, as sources that read them again when asked (the caller must still be
   * allowed to read the file). The file's bytes are held for the rest of the job.
   */
  private async openSheets(ctx: RequestContext, file: EvidenceFile): Promise<SheetSource[]> {
    const { stream } = await this.files.openForDownload(ctx, file.id);
    try {
      const bytes = await readAll(stream);
      return file.mediaType === MediaType.CSV
        ? [openCsv(bytes, this.kind.maxRows, this.kind.csvSheet)]
        : await openXlsx(bytes, this.kind.maxRows);
    } catch (error) {
      if (error instanceof UnreadableWorkbook) {
        throw new ImportFailed(
          `The file could not be read completely: ${error.message}. Nothing was imported.`,
        );
      }
      this.logger.warn({ requestId: ctx.requestId, err: error }, 'an import file could not be read');
      throw new ImportFailed(this.unreadableMessage(file));
    } finally {
      stream.destroy();
    }
  }

  private unreadableMessage(file: EvidenceFile): string {
    const kind = file.mediaType === MediaType.CSV ? 'a CSV file' : 'an .xlsx workbook';
    return `The file could not be read as ${kind}: nothing was imported.`;
  }
}
