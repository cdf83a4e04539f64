import { AuthUser, canWriteRegion, Role } from '@/common/auth';
import { ErrorCode, FieldProblem } from '@/common/errors';
import { addDays, Fen, isLocalDate } from '@/common/scalars';
import { OwnerType } from '@/ownership/ownership.entity';
import { DisposalStatus, ReviewDecision, ReviewLevel } from './disposal.entity';

/**
 * The rules of a disposal that need no database: who requests and who reviews each step, what a
 * request and a review must carry, where a decision leads, when a step is due and where the proceeds go.
 * Refusals are returned (null when allowed), problems as a list, for the service to throw.
 */

/** The thresholds and methods of the disposal policy that decide the final level. */
export interface DecidingRules {
  districtFromFormedValue: string | null;
  districtFromAppraisedValue: string | null;
  districtMethods: string[];
}

/** The level whose approval is final: the district from the thresholds or for the listed methods. */
export function decidingLevel(
  rules: DecidingRules,
  formedValue: Fen,
  appraisedValue: Fen,
  method: string,
): ReviewLevel {
  const byFormed =
    rules.districtFromFormedValue !== null && formedValue >= BigInt(rules.districtFromFormedValue);
  const byAppraised =
    rules.districtFromAppraisedValue !== null && appraisedValue >= BigInt(rules.districtFromAppraisedValue);
  return byFormed || byAppraised || rules.districtMethods.includes(method)
    ? ReviewLevel.DISTRICT
    : ReviewLevel.TOWNSHIP;
}

/**
 * Why `user` may not request the disposal of the asset (null when they may): its owner requests it —
 * the owning village's clerk (also for a household's asset in the village), the owning township's
 * officer, a district supervisor for a district department's; with no confirmed owner, the clerk of
 * the village where it sits, or the officer of the township where it sits.
 */
export function requesterRefusal(
  user: AuthUser,
  asset: { code: string; locationCode: string },
  owners: ReadonlyArray<{ ownerType: OwnerType; ownerRef: string }>,
): string | null {
  const village = asset.locationCode.length === 12 ? asset.locationCode : null;
  const ok = owners.length
    ? owners.some(
        (o) =>
          (o.ownerType === OwnerType.VILLAGE_COLLECTIVE &&
            user.role === Role.VILLAGE_CLERK &&
            user.regionCode === o.ownerRef) ||
          (o.ownerType === OwnerType.HOUSEHOLD &&
            user.role === Role.VILLAGE_CLERK &&
            user.regionCode === village) ||
          (o.ownerType === OwnerType.TOWNSHIP &&
            user.role === Role.TOWNSHIP_OFFICER &&
            user.regionCode === o.ownerRef) ||
          (o.ownerType === OwnerType.DISTRICT_DEPARTMENT && user.role === Role.DISTRICT_SUPERVISOR),
      )
    : (user.role === Role.VILLAGE_CLERK && user.regionCode === village) ||
      (user.role === Role.TOWNSHIP_OFFICER && village === null && user.regionCode === asset.locationCode);
  return ok
    ? null
    : `A disposal of ${asset.code} is requested by its owner (the owning village, or the owning level)`;
}

/** The review step a request waits for (null when it waits for none). */
export function pendingLevel(status: DisposalStatus): ReviewLevel | null {
  if (status === DisposalStatus.PENDING_TOWNSHIP) return ReviewLevel.TOWNSHIP;
  if (status === DisposalStatus.PENDING_DISTRICT) return ReviewLevel.DISTRICT;
  return null;
}

/**
 * Why `user` may not review the `level` step of a request of `regionCode` (null when they may): the
 * township step is an officer of the request's township's, the district step a district supervisor's.
 * A reviewer of the other level is told it is the wrong level.
 */
export function reviewerRefusal(
  user: AuthUser,
  regionCode: string,
  level: ReviewLevel,
): { code: ErrorCode; message: string } | null {
  const township = regionCode.slice(0, 9);
  if (level === ReviewLevel.TOWNSHIP) {
    if (user.role === Role.TOWNSHIP_OFFICER && user.regionCode === township) return null;
    if (user.role === Role.DISTRICT_SUPERVISOR) {
      return {
        code: ErrorCode.DISPOSAL_WRONG_LEVEL,
        message: 'The township reviews this step first; the district decides after it',
      };
    }
    return {
      code: ErrorCode.FORBIDDEN,
      message: `This step is reviewed by an officer of township ${township}`,
    };
  }
  if (user.role === Role.DISTRICT_SUPERVISOR && canWriteRegion(user, regionCode)) return null;
  if (user.role === Role.TOWNSHIP_OFFICER) {
    return {
      code: ErrorCode.DISPOSAL_WRONG_LEVEL,
      message: 'The township has decided its step; this one is the district’s',
    };
  }
  return { code: ErrorCode.FORBIDDEN, message: 'This step is decided by a district supervisor' };
}

/** Problems of a review: anything but an approval says why. */
export function reviewProblems(decision: ReviewDecision, comment: string | null): FieldProblem[] {
  return !comment && decision !== ReviewDecision.APPROVE
    ? [{ field: 'comment', message: `required to ${decision.toLowerCase()}` }]
    : [];
}

/**
 * Where a decision on the `level` step leads: a rejection ends the request, a return sends it back to
 * the requester, an approval goes on to the district when the district decides, else approves it.
 */
export type ReviewOutcome =
  | DisposalStatus.REJECTED
  | DisposalStatus.RETURNED
  | DisposalStatus.PENDING_DISTRICT
  | DisposalStatus.APPROVED;

export function statusAfterReview(
  decision: ReviewDecision,
  level: ReviewLevel,
  deciding: ReviewLevel,
): ReviewOutcome {
  if (decision === ReviewDecision.REJECT) return DisposalStatus.REJECTED;
  if (decision === ReviewDecision.RETURN) return DisposalStatus.RETURNED;
  if (level === ReviewLevel.TOWNSHIP && deciding === ReviewLevel.DISTRICT)
    return DisposalStatus.PENDING_DISTRICT;
  return DisposalStatus.APPROVED;
}

/** Problems of a request's evidence: the appraisal and the owner's democratic resolution are required. */
export function evidenceProblems(
  evidence: { appraisalFileIds: readonly string[]; resolutionFileIds: readonly string[] },
  field: string,
): FieldProblem[] {
  return [
    ...(evidence.appraisalFileIds.length === 0
      ? [{ field: `${field}.appraisalFileIds`, message: 'the appraisal is required' }]
      : []),
    ...(evidence.resolutionFileIds.length === 0
      ? [{ field: `${field}.resolutionFileIds`, message: "the owner's democratic resolution is required" }]
      : []),
  ];
}

/** Problems of a completion date: a date between the approval and today. */
export function completionProblems(completedOn: string, approvedOn: string, today: string): FieldProblem[] {
  return !isLocalDate(completedOn) || completedOn > today || completedOn < approvedOn
    ? [{ field: 'completedOn', message: `between ${approvedOn} and today` }]
    : [];
}

/** When the current step is due: its start plus the policy's days for the level (null when none waits). */
export function reviewDueOn(
  level: ReviewLevel | null,
  stepStartedOn: string,
  rules: { townshipReviewDays: number; districtReviewDays: number },
): string | null {
  if (!level) return null;
  return addDays(
    stepStartedOn,
    level === ReviewLevel.TOWNSHIP ? rules.townshipReviewDays : rules.districtReviewDays,
  );
}

/** Where proceeds go: the district treasury for an asset only district departments own, else the owners' income. */
export function proceedsDestination(
  owners: ReadonlyArray<{ ownerType: OwnerType }>,
): 'DISTRICT_TREASURY' | 'OWNERS_INCOME' {
  return owners.length > 0 && owners.every((o) => o.ownerType === OwnerType.DISTRICT_DEPARTMENT)
    ? 'DISTRICT_TREASURY'
    : 'OWNERS_INCOME';
}

/** What of an asset's lease, operation and agreements can still run after a disposal. */
export interface AssetTerms {
  operator: string | null;
  operatingMode: string | null;
  contractStart: string | null;
  contractEnd: string | null;
  contractAnnualAmount: Fen | null;
  equityMaturityDate: string | null;
}

/**
 * A disposed asset's lease, operator contract and equity agreement end on the disposal date: the
 * changes to write (empty when nothing runs past it). A contract that had not started yet ends, unrun,
 * on that date.
 */
export function termsEndingOnDisposal(
  asset: AssetTerms,
  completedOn: string,
): Partial<Pick<AssetTerms, 'contractStart' | 'contractEnd' | 'equityMaturityDate'>> {
  const changes: Partial<Pick<AssetTerms, 'contractStart' | 'contractEnd' | 'equityMaturityDate'>> = {};
  const hasContract =
    asset.operator !== null ||
    asset.operatingMode !== null ||
    asset.contractStart !== null ||
    asset.contractEnd !== null ||
    asset.contractAnnualAmount !== null;
  if (hasContract && (asset.contractEnd === null || asset.contractEnd > completedOn)) {
    changes.contractEnd = completedOn;
    if (asset.contractStart !== null && asset.contractStart > completedOn)
      changes.contractStart = completedOn;
  }
  if (asset.equityMaturityDate !== null && asset.equityMaturityDate > completedOn) {
    changes.equityMaturityDate = completedOn;
  }
  return changes;
}
