import { Role } from '@/common/auth';
import { disposalStatusReviewedBy, TaskKind, taskKindsFor } from './task-rules';

describe('task rules', () => {
  it('gives each role the to-dos of its level', () => {
    expect(taskKindsFor(Role.VILLAGE_CLERK)).toEqual([
      TaskKind.OWNERSHIP_PUBLICITY_ENDED,
      TaskKind.INVENTORY_TO_CONFIRM,
      TaskKind.RED_FLAG,
    ]);
    expect(taskKindsFor(Role.TOWNSHIP_OFFICER)).toContain(TaskKind.PLAN_TO_FILE);
    expect(taskKindsFor(Role.TOWNSHIP_OFFICER)).toContain(TaskKind.DISPOSAL_TO_REVIEW);
    expect(taskKindsFor(Role.DISTRICT_SUPERVISOR)).not.toContain(TaskKind.PLAN_TO_FILE);
    expect(taskKindsFor(Role.AUDITOR)).toEqual([TaskKind.RED_FLAG]);
    expect(taskKindsFor(Role.ADMIN)).toEqual([]);
  });

  it('sends each disposal step to its level only', () => {
    expect(disposalStatusReviewedBy(Role.TOWNSHIP_OFFICER)).toBe('PENDING_TOWNSHIP');
    expect(disposalStatusReviewedBy(Role.DISTRICT_SUPERVISOR)).toBe('PENDING_DISTRICT');
    expect(disposalStatusReviewedBy(Role.VILLAGE_CLERK)).toBeUndefined();
    expect(disposalStatusReviewedBy(Role.AUDITOR)).toBeUndefined();
  });
});
