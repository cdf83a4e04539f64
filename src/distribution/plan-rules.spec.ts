import fc from 'fast-check';
import { allocateByWeights } from '@/common/money/allocate';
import { DEFAULT_POLICY, DistributionChannel, PolicyRules } from './distribution.entity';
import { checkPlan, DecisionDates, isEqualSplitAcrossVillage, PlanContext, PlanDraft } from './plan-rules';

const decision: DecisionDates = {
  partyBranchProposalOn: '2026-03-01',
  twoCommitteesDiscussionOn: '2026-03-05',
  partyMembersReviewOn: '2026-03-08',
  representativesDecisionOn: '2026-03-10',
  decisionPublishedOn: '2026-03-12',
  fileCount: 2,
};
const households = Array.from({ length: 6 }, (_, i) => ({ id: `h${i}`, membersCount: (i % 4) + 1 }));
const context = (over: Partial<PlanContext> = {}): PlanContext => ({
  today: '2026-06-01',
  undistributed: 10_000_000n,
  policy: DEFAULT_POLICY,
  beneficiaries: new Map(households.map((h) => [h.id, { villageCode: 'V', eligible: true }])),
  villageHouseholds: households,
  ...over,
});
const plan = (allocations: PlanDraft['allocations'], amount?: bigint): PlanDraft => ({
  villageCode: 'V',
  planDate: '2026-05-01',
  amount: amount ?? allocations.reduce((s, a) => s + a.amount, 0n),
  allocations,
});

describe('distribution plan rules', () => {
  it('a plan whose sums add up to the fen passes; changing any amount by one fen breaks a sum rule', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 500_000n }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 3 }),
        fc.nat(),
        (amounts, weights, pick) => {
          const allocations = amounts.map((amount, i) => ({
            channel: [
              DistributionChannel.PUBLIC_WELFARE_JOB_WAGES,
              DistributionChannel.SMALL_PUBLIC_WORKS,
              DistributionChannel.AWARDS_SUBSIDIES,
              DistributionChannel.SUPPORT_NO_LABOUR_CAPACITY,
            ][i],
            amount,
            beneficiaries:
              i === 0 && amount >= BigInt(weights.length)
                ? allocateByWeights(amount, weights).map((a, j) => ({ householdId: `h${j}`, amount: a }))
                : [],
          }));
          const noPolicy: PolicyRules = { ...DEFAULT_POLICY, channelLimits: [], banEqualSplit: false };
          const ok = plan(allocations);
          expect(checkPlan(ok, decision, context({ policy: noPolicy }))).toEqual([]);
          // One fen more on the plan: the allocations no longer add up.
          expect(
            checkPlan({ ...ok, amount: ok.amount + 1n }, decision, context({ policy: noPolicy })).map(
              (p) => p.field,
            ),
          ).toContain('allocations');
          // One fen moved inside a beneficiary list: that allocation no longer adds up.
          const withBeneficiaries = allocations.findIndex((a) => a.beneficiaries.length > 0);
          if (withBeneficiaries >= 0) {
            const broken = structuredClone(allocations);
            const b =
              broken[withBeneficiaries].beneficiaries[pick % broken[withBeneficiaries].beneficiaries.length];
            b.amount += 1n;
            expect(
              checkPlan(plan(broken, ok.amount), decision, context({ policy: noPolicy })).map((p) => p.field),
            ).toContain(`allocations[${withBeneficiaries}].beneficiaries`);
          }
        },
      ),
    );
  });

  it('no more than the undistributed income', () => {
    const p = plan([{ channel: DistributionChannel.SMALL_PUBLIC_WORKS, amount: 1000n, beneficiaries: [] }]);
    expect(
      checkPlan(
        p,
        decision,
        context({ undistributed: 999n, policy: { ...DEFAULT_POLICY, channelLimits: [] } }),
      ).map((x) => x.field),
    ).toEqual(['amount']);
    expect(
      checkPlan(
        p,
        decision,
        context({ undistributed: 1000n, policy: { ...DEFAULT_POLICY, channelLimits: [] } }),
      ),
    ).toEqual([]);
  });

  it('channel limits are exact at the boundary', () => {
    const policy: PolicyRules = {
      ...DEFAULT_POLICY,
      channelLimits: [{ channel: DistributionChannel.RESERVE_FUND, minBp: 3000, maxBp: null }],
    };
    const at = plan([
      { channel: DistributionChannel.RESERVE_FUND, amount: 300n, beneficiaries: [] },
      { channel: DistributionChannel.SMALL_PUBLIC_WORKS, amount: 700n, beneficiaries: [] },
    ]);
    expect(checkPlan(at, decision, context({ policy }))).toEqual([]);
    const below = plan([
      { channel: DistributionChannel.RESERVE_FUND, amount: 299n, beneficiaries: [] },
      { channel: DistributionChannel.SMALL_PUBLIC_WORKS, amount: 701n, beneficiaries: [] },
    ]);
    expect(checkPlan(below, decision, context({ policy })).map((x) => x.field)).toEqual([
      'policy.RESERVE_FUND',
    ]);
  });

  it('detects an equal split per household or per person across the whole village, not a targeted one', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 100_000n }), (each) => {
        const perHousehold = households.map((h) => ({ householdId: h.id, amount: each }));
        expect(isEqualSplitAcrossVillage(perHousehold, households)).toBe(true);
        const perPerson = households.map((h) => ({
          householdId: h.id,
          amount: each * BigInt(h.membersCount),
        }));
        expect(isEqualSplitAcrossVillage(perPerson, households)).toBe(true);
        // Leaving one household out is a targeted distribution.
        expect(isEqualSplitAcrossVillage(perHousehold.slice(1), households)).toBe(false);
      }),
    );
    const uneven = households.map((h, i) => ({ householdId: h.id, amount: BigInt(1000 + i * 100) }));
    expect(isEqualSplitAcrossVillage(uneven, households)).toBe(false);
  });

  it('the four deliberations come in order, none in the future, with files', () => {
    const p = plan([{ channel: DistributionChannel.SMALL_PUBLIC_WORKS, amount: 100n, beneficiaries: [] }]);
    const out = {
      ...decision,
      partyMembersReviewOn: '2026-03-02',
      decisionPublishedOn: '2026-07-01',
      fileCount: 0,
    };
    expect(
      checkPlan(p, out, context({ policy: { ...DEFAULT_POLICY, channelLimits: [] } })).map((x) => x.field),
    ).toEqual([
      'decisionEvidence.partyMembersReviewOn',
      'decisionEvidence.decisionPublishedOn',
      'decisionEvidence.fileIds',
    ]);
  });

  it('beneficiaries must be known, of the village and eligible', () => {
    const p = plan([
      {
        channel: DistributionChannel.SUPPORT_NO_LABOUR_CAPACITY,
        amount: 300n,
        beneficiaries: [
          { householdId: 'h0', amount: 100n },
          { householdId: 'x', amount: 100n },
          { householdId: 'h1', amount: 100n },
        ],
      },
    ]);
    const beneficiaries = new Map([
      ['h0', { villageCode: 'OTHER', eligible: true }],
      ['h1', { villageCode: 'V', eligible: false }],
    ]);
    expect(
      checkPlan(
        p,
        decision,
        context({ beneficiaries, policy: { ...DEFAULT_POLICY, channelLimits: [] } }),
      ).map((x) => x.message),
    ).toEqual([
      'the household belongs to village OTHER, not to this village (V)',
      'no such household',
      'the household was neither formerly poor nor monitored on 2026-05-01',
    ]);
  });
});
