import { Locale } from '@/common/i18n/locale';
import { problemMessage } from '@/common/i18n/problem-messages';

/** An import job's row as the runner and the GraphQL types see it (asset_import, household_import). */

/** The columns every import job table has. */
export interface ImportJob {
  id: string;
  fileId: string;
  fileName: string;
  regionCode: string;
  createdBy: string;
  requestId: string;
  phase: string;
  totalRows: number | null;
  processedRows: number;
  importedCount: number;
  problemCount: number;
  problems: object[];
  message: string | null;
  startedAt: Date | null;
  validatedAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * What every import job's GraphQL type shows of its row (each kind adds its own counts), its messages
 * in the reader's language (stored as raised, in English; translated as they are read).
 */
export function importJobFields<J extends ImportJob>(job: J, locale: Locale) {
  const problems = (job.problems as Array<{ message: string }>).map((p) => ({
    ...p,
    message: problemMessage(p.message, locale),
  }));
  return {
    id: job.id,
    fileId: job.fileId,
    fileName: job.fileName,
    phase: job.phase as J['phase'],
    totalRows: job.totalRows,
    processedRows: job.processedRows,
    importedCount: job.importedCount,
    problemCount: job.problemCount,
    problems: problems as J['problems'],
    message: job.message === null ? null : problemMessage(job.message, locale),
    createdBy: job.createdBy,
    regionCode: job.regionCode,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    validatedAt: job.validatedAt,
    finishedAt: job.finishedAt,
    updatedAt: job.updatedAt,
  };
}
