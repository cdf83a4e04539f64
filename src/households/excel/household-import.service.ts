import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { In } from 'typeorm';
import { chunks } from '@/common/collections/chunks';
import { RequestContext } from '@/common/context';
import { ErrorCode } from '@/common/errors';
import { todayInChina } from '@/common/scalars';
import { IdempotencyService, TransactionalConnection } from '@/database';
import { RegionScopeService } from '@/auth/region-scope.service';
import { FilesService } from '@/files/files.service';
import { Region } from '@/regions/region.entity';
import { RegionLevel } from '@/regions/region-level.enum';
import { ImportJobRunner, ImportRequest, ImportSteps, MAX_STORED_PROBLEMS } from '@/spreadsheet/import-jobs';
import { sheetRowsOf } from '@/spreadsheet/workbook';
import { HouseholdDraft, HouseholdsService } from '../households.service';
import { HouseholdImport } from './household-import.entity';
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

/**
 * `importHouseholds`: an import job per file, run by the spreadsheet layer's ImportJobRunner (read its
 * header comment for the phases). What is particular to households: the 农户 sheet; villages and scope,
 * registry numbers unique in the file and not registered; and, in the one transaction, every household
 * through HouseholdsService.insertMany (one ledger entry per household).
 */
@Injectable()
export class HouseholdImportService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly jobs: ImportJobRunner<HouseholdImport>;

  constructor(
    private readonly connection: TransactionalConnection,
    idempotency: IdempotencyService,
    private readonly scope: RegionScopeService,
    private readonly households: HouseholdsService,
    files: FilesService,
  ) {
    this.jobs = new ImportJobRunner<HouseholdImport>(connection, idempotency, files, scope, {
      name: 'household-import',
      operation: 'importHouseholds',
      entity: HouseholdImport,
      what: 'households',
      template: 'the household template',
      fileInvalidCode: ErrorCode.HOUSEHOLD_IMPORT_FILE_INVALID,
      notFoundCode: ErrorCode.HOUSEHOLD_IMPORT_NOT_FOUND,
      maxRows: MAX_HOUSEHOLD_IMPORT_ROWS,
      csvSheet: HOUSEHOLD_SHEET,
      raceMessages: {
        UQ_household_registry_no:
          'A registry number of the file was registered by someone else during the import. Nothing was imported: start the import again to see which.',
      },
    });
  }

  /** Jobs left running by a process that stopped are closed as FAILED (their transaction rolled back). */
  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.closeStale();
  }

  async onModuleDestroy(): Promise<void> {
    await this.jobs.drain();
  }

  start(ctx: RequestContext, request: ImportRequest): Promise<HouseholdImport> {
    return this.jobs.start(ctx, request, (work) => this.steps(work));
  }

  find(ctx: RequestContext, id: string): Promise<HouseholdImport> {
    return this.jobs.find(ctx, id);
  }

  /** The newest jobs of the caller's region. */
  recent(ctx: RequestContext, first: number): Promise<HouseholdImport[]> {
    return this.jobs.recent(ctx, first);
  }

  private steps(ctx: RequestContext): ImportSteps<ParsedHouseholdRow[], HouseholdDraft[]> {
    const problems = new HouseholdImportProblems(MAX_STORED_PROBLEMS);
    const today = todayInChina();
    return {
      problems,
      // A household file is read whole and held: at most MAX_HOUSEHOLD_IMPORT_ROWS short rows.
      parse: async (sources) => {
        const sheets = [];
        for (const source of sources) sheets.push(await sheetRowsOf(source));
        return parseHouseholdFile(sheets, problems, today);
      },
      rowCount: (rows) => rows.length,
      validate: async (rows, progress) =>
        checkHouseholdRows(rows, await this.loadReferences(ctx, rows, today), problems, progress),
      write: async (_manager, drafts, progress) => {
        let written = 0;
        for (const batch of chunks(drafts, INSERT_BATCH)) {
          // The states are read at the append, a slice at a time, not held for the whole file.
          await this.households.insertMany(ctx, batch, { readStatesAtAppend: true });
          written += batch.length;
          // Autocommit, on another connection.
          await progress({ processedRows: written });
        }
        return {
          importedCount: drafts.length,
          message: `${drafts.length} household${drafts.length === 1 ? '' : 's'} imported`,
        };
      },
    };
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
}
