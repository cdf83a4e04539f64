import { AuthUser, Role } from '@/common/auth';
import { ErrorCode } from '@/common/errors';
import { OwnerType } from '@/ownership/ownership.entity';
import { DisposalStatus, ReviewDecision, ReviewLevel } from './disposal.entity';
import {
  completionProblems,
  decidingLevel,
  evidenceProblems,
  pendingLevel,
  proceedsDestination,
  requesterRefusal,
  reviewDueOn,
  reviewerRefusal,
  reviewProblems,
  statusAfterReview,
  termsEndingOnDisposal,
} from './disposal-rules';

const user = (role: Role, regionCode: string, id = 'u'): AuthUser =>
  ({ id, username: id, role, regionCode }) as AuthUser;
const VILLAGE = '500101151201';
const asset = { code: 'A-1', locationCode: VILLAGE };

describe('disposal rules', () => {
  it('the district decides from either threshold or for a listed method; else the township', () => {
    const rules = {
      districtFromFormedValue: '100000',
      districtFromAppraisedValue: '50000',
      districtMethods: ['AUCTION'],
    };
    expect(decidingLevel(rules, 99_999n, 49_999n, 'SCRAP')).toBe(ReviewLevel.TOWNSHIP);
    expect(decidingLevel(rules, 100_000n, 0n, 'SCRAP')).toBe(ReviewLevel.DISTRICT);
    expect(decidingLevel(rules, 0n, 50_000n, 'SCRAP')).toBe(ReviewLevel.DISTRICT);
    expect(decidingLevel(rules, 0n, 0n, 'AUCTION')).toBe(ReviewLevel.DISTRICT);
    const none = { districtFromFormedValue: null, districtFromAppraisedValue: null, districtMethods: [] };
    expect(decidingLevel(none, 10n ** 15n, 10n ** 15n, 'AUCTION')).toBe(ReviewLevel.TOWNSHIP);
  });

  it('the owner requests: the owning village, the owning township, the district for its departments', () => {
    const village = [{ ownerType: OwnerType.VILLAGE_COLLECTIVE, ownerRef: VILLAGE }];
    expect(requesterRefusal(user(Role.VILLAGE_CLERK, VILLAGE), asset, village)).toBeNull();
    expect(requesterRefusal(user(Role.VILLAGE_CLERK, '500101151202'), asset, village)).not.toBeNull();
    expect(requesterRefusal(user(Role.TOWNSHIP_OFFICER, '500101151'), asset, village)).not.toBeNull();
    const household = [{ ownerType: OwnerType.HOUSEHOLD, ownerRef: 'H-1' }];
    expect(requesterRefusal(user(Role.VILLAGE_CLERK, VILLAGE), asset, household)).toBeNull();
    const township = [{ ownerType: OwnerType.TOWNSHIP, ownerRef: '500101151' }];
    expect(requesterRefusal(user(Role.TOWNSHIP_OFFICER, '500101151'), asset, township)).toBeNull();
    const district = [{ ownerType: OwnerType.DISTRICT_DEPARTMENT, ownerRef: '交通局' }];
    expect(requesterRefusal(user(Role.DISTRICT_SUPERVISOR, '500101'), asset, district)).toBeNull();
    expect(requesterRefusal(user(Role.VILLAGE_CLERK, VILLAGE), asset, district)).not.toBeNull();
    // No confirmed owner: where the asset sits.
    expect(requesterRefusal(user(Role.VILLAGE_CLERK, VILLAGE), asset, [])).toBeNull();
    const atTownship = { code: 'A-2', locationCode: '500101151' };
    expect(requesterRefusal(user(Role.TOWNSHIP_OFFICER, '500101151'), atTownship, [])).toBeNull();
    expect(requesterRefusal(user(Role.TOWNSHIP_OFFICER, '500101151'), asset, [])).not.toBeNull();
  });

  it('each step has its reviewer; the other level is told it is the wrong level', () => {
    const officer = user(Role.TOWNSHIP_OFFICER, '500101151');
    const supervisor = user(Role.DISTRICT_SUPERVISOR, '500101');
    expect(reviewerRefusal(officer, VILLAGE, ReviewLevel.TOWNSHIP)).toBeNull();
    expect(
      reviewerRefusal(user(Role.TOWNSHIP_OFFICER, '500101153'), VILLAGE, ReviewLevel.TOWNSHIP)?.code,
    ).toBe(ErrorCode.FORBIDDEN);
    expect(reviewerRefusal(supervisor, VILLAGE, ReviewLevel.TOWNSHIP)?.code).toBe(
      ErrorCode.DISPOSAL_WRONG_LEVEL,
    );
    expect(reviewerRefusal(supervisor, VILLAGE, ReviewLevel.DISTRICT)).toBeNull();
    expect(reviewerRefusal(officer, VILLAGE, ReviewLevel.DISTRICT)?.code).toBe(
      ErrorCode.DISPOSAL_WRONG_LEVEL,
    );
    for (const role of [Role.AUDITOR, Role.ADMIN, Role.VILLAGE_CLERK]) {
      expect(reviewerRefusal(user(role, '500101'), VILLAGE, ReviewLevel.DISTRICT)?.code).toBe(
        ErrorCode.FORBIDDEN,
      );
    }
  });

  it('a review that does not approve says why', () => {
    expect(reviewProblems(ReviewDecision.APPROVE, null)).toEqual([]);
    expect(reviewProblems(ReviewDecision.REJECT, null)).toEqual([
      { field: 'comment', message: 'required to reject' },
    ]);
    expect(reviewProblems(ReviewDecision.RETURN, '补充评估报告')).toEqual([]);
  });

  it('where a decision leads', () => {
    const { TOWNSHIP, DISTRICT } = ReviewLevel;
    expect(statusAfterReview(ReviewDecision.REJECT, TOWNSHIP, DISTRICT)).toBe(DisposalStatus.REJECTED);
    expect(statusAfterReview(ReviewDecision.RETURN, DISTRICT, DISTRICT)).toBe(DisposalStatus.RETURNED);
    expect(statusAfterReview(ReviewDecision.APPROVE, TOWNSHIP, DISTRICT)).toBe(
      DisposalStatus.PENDING_DISTRICT,
    );
    expect(statusAfterReview(ReviewDecision.APPROVE, TOWNSHIP, TOWNSHIP)).toBe(DisposalStatus.APPROVED);
    expect(statusAfterReview(ReviewDecision.APPROVE, DISTRICT, DISTRICT)).toBe(DisposalStatus.APPROVED);
  });

  it('a request carries the appraisal and the resolution', () => {
    expect(evidenceProblems({ appraisalFileIds: ['f'], resolutionFileIds: ['g'] }, 'input.evidence')).toEqual(
      [],
    );
    expect(
      evidenceProblems({ appraisalFileIds: [], resolutionFileIds: [] }, 'input.evidence').map((p) => p.field),
    ).toEqual(['input.evidence.appraisalFileIds', 'input.evidence.resolutionFileIds']);
  });

  it('completion lies between the approval and today', () => {
    expect(completionProblems('2026-05-02', '2026-05-01', '2026-05-03')).toEqual([]);
    expect(completionProblems('2026-04-30', '2026-05-01', '2026-05-03')).toHaveLength(1);
    expect(completionProblems('2026-05-04', '2026-05-01', '2026-05-03')).toHaveLength(1);
    expect(completionProblems('2026-02-30', '2026-01-01', '2026-05-03')).toHaveLength(1);
  });

  it('steps are due after the policy days of their level; only pending requests wait', () => {
    const rules = { townshipReviewDays: 15, districtReviewDays: 30 };
    expect(pendingLevel(DisposalStatus.PENDING_TOWNSHIP)).toBe(ReviewLevel.TOWNSHIP);
    expect(pendingLevel(DisposalStatus.PENDING_DISTRICT)).toBe(ReviewLevel.DISTRICT);
    expect(pendingLevel(DisposalStatus.APPROVED)).toBeNull();
    expect(reviewDueOn(ReviewLevel.TOWNSHIP, '2026-01-20', rules)).toBe('2026-02-04');
    expect(reviewDueOn(ReviewLevel.DISTRICT, '2026-01-20', rules)).toBe('2026-02-19');
    expect(reviewDueOn(null, '2026-01-20', rules)).toBeNull();
  });

  it('proceeds go to the district treasury only when district departments own it all', () => {
    expect(proceedsDestination([{ ownerType: OwnerType.DISTRICT_DEPARTMENT }])).toBe('DISTRICT_TREASURY');
    expect(
      proceedsDestination([{ ownerType: OwnerType.DISTRICT_DEPARTMENT }, { ownerType: OwnerType.TOWNSHIP }]),
    ).toBe('OWNERS_INCOME');
    expect(proceedsDestination([])).toBe('OWNERS_INCOME');
  });

  it("a disposed asset's lease, operator contract and equity agreement end on the disposal date", () => {
    const none = {
      operator: null,
      operatingMode: null,
      contractStart: null,
      contractEnd: null,
      contractAnnualAmount: null,
      equityMaturityDate: null,
    };
    expect(termsEndingOnDisposal(none, '2026-03-01')).toEqual({});
    const leased = { ...none, operator: '合作社', operatingMode: 'LEASED', contractStart: '2022-01-01' };
    expect(termsEndingOnDisposal({ ...leased, contractEnd: '2026-12-31' }, '2026-03-01')).toEqual({
      contractEnd: '2026-03-01',
    });
    expect(termsEndingOnDisposal(leased, '2026-03-01')).toEqual({ contractEnd: '2026-03-01' });
    // Ended before the disposal: kept as it was.
    expect(termsEndingOnDisposal({ ...leased, contractEnd: '2025-12-31' }, '2026-03-01')).toEqual({});
    // Not started yet: ends, unrun, on the disposal date.
    expect(
      termsEndingOnDisposal(
        { ...leased, contractStart: '2026-06-01', contractEnd: '2027-05-31' },
        '2026-03-01',
      ),
    ).toEqual({ contractStart: '2026-03-01', contractEnd: '2026-03-01' });
    expect(termsEndingOnDisposal({ ...none, equityMaturityDate: '2030-01-01' }, '2026-03-01')).toEqual({
      equityMaturityDate: '2026-03-01',
    });
  });
});
