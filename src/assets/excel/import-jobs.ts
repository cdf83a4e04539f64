import { EntityTarget, ObjectLiteral } from 'typeorm';
import { RequestContext } from '@/common/context';
import { TransactionalConnection } from '@/database';

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
