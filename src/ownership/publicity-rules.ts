import { ErrorCode, FieldProblem } from '@/common/errors';
import { addDays, daysBetween, isLocalDate } from '@/common/scalars';

/** The ownership policy's rules: how far back a publicity may start when its notice was already posted. */
export interface PublicityRules {
  /** At most this many days before the day the proposal is recorded (0: never back-dated). */
  publicityBackdateMaxDays: number;
}

/** Where a proposal's publicity starts, and whether that is before the day it is recorded. */
export interface PublicityStart {
  start: string;
  backdated: boolean;
}

/** Why a publicity start is refused: the code, the field and the message (Chinese). */
export interface PublicityRefusal {
  code: ErrorCode;
  problem: FieldProblem;
}

/**
 * Publicity cannot be skipped: it counts from the day the proposal is recorded (`today`). A notice
 * already posted on the village board may be recorded with its real, earlier start only with evidence
 * of the posted notice (`noticeFiles` > 0) and at most `publicityBackdateMaxDays` back; such a proposal is
 * back-dated. A start in the future is allowed up to 30 days ahead. Pure: the service decides with it.
 */
export function checkPublicityStart(
  start: string,
  today: string,
  noticeFiles: number,
  rules: PublicityRules,
  field = 'input.publicityStart',
): PublicityRefusal | PublicityStart {
  if (!isLocalDate(start)) {
    return { code: ErrorCode.VALIDATION_FAILED, problem: { field, message: 'not a date' } };
  }
  if (start > addDays(today, 30)) {
    return {
      code: ErrorCode.VALIDATION_FAILED,
      problem: { field, message: 'the publicity must start within 30 days' },
    };
  }
  if (start >= today) return { start, backdated: false };
  const back = daysBetween(start, today);
  if (back > rules.publicityBackdateMaxDays) {
    return {
      code: ErrorCode.OWNERSHIP_PUBLICITY_BACKDATED_TOO_FAR,
      problem: {
        field,
        message: `the publicity starts ${back} days before today: at most ${rules.publicityBackdateMaxDays} days earlier (from ${addDays(today, -rules.publicityBackdateMaxDays)})`,
      },
    };
  }
  if (noticeFiles === 0) {
    return {
      code: ErrorCode.OWNERSHIP_PUBLICITY_BACKDATED_WITHOUT_NOTICE,
      problem: {
        field,
        message: `publicity counts from the day of registration (${today}): to start it earlier, on ${start}, attach the photo or scan of the posted notice (noticeEvidenceFileIds)`,
      },
    };
  }
  return { start, backdated: true };
}

/** The kinds of file that show a posted notice: a photo or a scan. */
export function isNoticeMediaType(mediaType: string): boolean {
  return mediaType.startsWith('image/') || mediaType === 'application/pdf';
}

/**
 * The one definition of a proposal whose publicity has ended and that awaits its decision (公示期满待确权),
 * as SQL over the proposal's `alias`: still PUBLICITY, and its publicityEnd (the first day it may be
 * confirmed) on or before `cutoff`, a placeholder for a date: today in China, less the PUBLICITY_ENDED red
 * flag's grace days (none for the to-do and for `ownershipProposals(filter: { publicityEnded })`).
 */
export const publicityEndedSql = (alias: string, cutoff: string): string =>
  `(${alias}.status = 'PUBLICITY' AND ${alias}.publicity_end <= ${cutoff})`;
