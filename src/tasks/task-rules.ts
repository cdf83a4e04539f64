import { Role } from '@/common/auth';
import { DisposalStatus } from '@/disposal/disposal.entity';

/** The kinds of to-do (待办) the home page lists. */
export enum TaskKind {
  /** Ownership proposals whose publicity (公示) has ended, waiting for confirmation. */
  OWNERSHIP_PUBLICITY_ENDED = 'OWNERSHIP_PUBLICITY_ENDED',
  /** Distribution plans submitted by a village, for the township to file or return. */
  PLAN_TO_FILE = 'PLAN_TO_FILE',
  /** Disposal requests waiting for the caller's level to review. */
  DISPOSAL_TO_REVIEW = 'DISPOSAL_TO_REVIEW',
  /** Items of an open annual inventory (年度清查) not confirmed yet. */
  INVENTORY_TO_CONFIRM = 'INVENTORY_TO_CONFIRM',
  /** Red flags (other than an ended publicity, listed above) in the caller's region. */
  RED_FLAG = 'RED_FLAG',
}

/**
 * Which kinds of to-do each role has, in the order the home page shows them: what its level acts on
 * (the township files plans and reviews disposals first, the district decides the disposals above the
 * thresholds, the village confirms its inventory items) and the red flags it watches. An auditor only
 * watches; an admin manages users and settings and has none.
 */
export function taskKindsFor(role: Role): TaskKind[] {
  switch (role) {
    case Role.VILLAGE_CLERK:
      return [TaskKind.OWNERSHIP_PUBLICITY_ENDED, TaskKind.INVENTORY_TO_CONFIRM, TaskKind.RED_FLAG];
    case Role.TOWNSHIP_OFFICER:
      return [
        TaskKind.OWNERSHIP_PUBLICITY_ENDED,
        TaskKind.PLAN_TO_FILE,
        TaskKind.DISPOSAL_TO_REVIEW,
        TaskKind.INVENTORY_TO_CONFIRM,
        TaskKind.RED_FLAG,
      ];
    case Role.DISTRICT_SUPERVISOR:
      return [TaskKind.OWNERSHIP_PUBLICITY_ENDED, TaskKind.DISPOSAL_TO_REVIEW, TaskKind.RED_FLAG];
    case Role.AUDITOR:
      return [TaskKind.RED_FLAG];
    case Role.ADMIN:
      return [];
  }
}

/** The disposal status the caller's level reviews, if it reviews any. */
export function disposalStatusReviewedBy(role: Role): DisposalStatus | undefined {
  if (role === Role.TOWNSHIP_OFFICER) return DisposalStatus.PENDING_TOWNSHIP;
  if (role === Role.DISTRICT_SUPERVISOR) return DisposalStatus.PENDING_DISTRICT;
  return undefined;
}
