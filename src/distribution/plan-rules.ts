import { FieldProblem } from '@/common/errors';
import { formatPercent, formatYuan, isLocalDate } from '@/common/scalars';
import { DistributionChannel, PolicyRules } from './distribution.entity';

/** A plan as the rules see it (amounts in fen). */
export interface PlanDraft {
  villageCode: string;
  amount: bigint;
  planDate: string;
  allocations: Array<{
    channel: DistributionChannel;
    amount: bigint;
    beneficiaries: Array<{ householdId: string; amount: bigint }>;
  }>;
}

export interface DecisionDates {
  partyBranchProposalOn: string;
  twoCommitteesDiscussionOn: string;
  partyMembersReviewOn: string;
  representativesDecisionOn: string;
  decisionPublishedOn: string;
  fileCount: number;
}

/** What the rules need to know besides the plan. */
export interface PlanContext {
  today: string;
  undistributed: bigint;
  policy: PolicyRules;
  /** Households named as beneficiaries (absent = unknown). */
  beneficiaries: Map<string, { villageCode: string; eligible: boolean }>;
  /** Every household registered in the village, with its members. */
  villageHouseholds: Array<{ id: string; membersCount: number }>;
}

const pct = (part: bigint, whole: bigint): string =>
  whole === 0n ? '0.00' : formatPercent(Number((part * 10000n) / whole));

/**
 * Every rule a plan must meet when it is submitted; returns all broken ones (empty = the plan may go
 * to the township). Pure, so it is tested property by property.
 */
export function checkPlan(plan: PlanDraft, decision: DecisionDates, ctx: PlanContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string): void => void problems.push({ field, message });

  // Sums, to the fen.
  const allocated = plan.allocations.reduce((s, a) => s + a.amount, 0n);
  if (allocated !== plan.amount) {
    add(
      'allocations',
      `the allocations add up to ${formatYuan(allocated)} yuan, not the plan's amount of ${formatYuan(plan.amount)} yuan`,
    );
  }
  plan.allocations.forEach((a, i) => {
    if (a.beneficiaries.length === 0) return;
    const sum = a.beneficiaries.reduce((s, b) => s + b.amount, 0n);
    if (sum !== a.amount) {
      add(
        `allocations[${i}].beneficiaries`,
        `the beneficiaries add up to ${formatYuan(sum)} yuan, not the allocation's amount of ${formatYuan(a.amount)} yuan`,
      );
    }
    const seen = new Set<string>();
    a.beneficiaries.forEach((b, j) => {
      if (seen.has(b.householdId))
        add(`allocations[${i}].beneficiaries[${j}].householdId`, 'the same household is listed twice');
      seen.add(b.householdId);
    });
  });

  // Only income that is there.
  if (plan.amount > ctx.undistributed) {
    add(
      'amount',
      `the village's undistributed income is only ${formatYuan(ctx.undistributed > 0n ? ctx.undistributed : 0n)} yuan, less than the plan's amount of ${formatYuan(plan.amount)} yuan`,
    );
  }

  // Beneficiaries: households of this village, eligible on the plan date.
  plan.allocations.forEach((a, i) =>
    a.beneficiaries.forEach((b, j) => {
      const h = ctx.beneficiaries.get(b.householdId);
      const field = `allocations[${i}].beneficiaries[${j}].householdId`;
      if (!h) add(field, 'no such household');
      else if (h.villageCode !== plan.villageCode)
        add(
          field,
          `the household belongs to village ${h.villageCode}, not to this village (${plan.villageCode})`,
        );
      else if (!h.eligible)
        add(field, `the household was neither formerly poor nor monitored on ${plan.planDate}`);
    }),
  );

  // The district's policy.
  const byChannel = new Map<DistributionChannel, bigint>();
  for (const a of plan.allocations) byChannel.set(a.channel, (byChannel.get(a.channel) ?? 0n) + a.amount);
  plan.allocations.forEach((a, i) => {
    if (ctx.policy.forbiddenChannels.includes(a.channel))
      add(`allocations[${i}].channel`, `the district's distribution policy does not allow ${a.channel}`);
  });
  for (const limit of ctx.policy.channelLimits) {
    const amount = byChannel.get(limit.channel) ?? 0n;
    const exactAbove = (bp: number): boolean => amount * 10000n > BigInt(bp) * plan.amount;
    const exactBelow = (bp: number): boolean => amount * 10000n < BigInt(bp) * plan.amount;
    if (limit.minBp !== null && exactBelow(limit.minBp)) {
      add(
        `policy.${limit.channel}`,
        `${limit.channel} is ${pct(amount, plan.amount)}% of the plan; the policy asks for at least ${formatPercent(limit.minBp)}%`,
      );
    }
    if (limit.maxBp !== null && exactAbove(limit.maxBp)) {
      add(
        `policy.${limit.channel}`,
        `${limit.channel} is ${pct(amount, plan.amount)}% of the plan; the policy allows at most ${formatPercent(limit.maxBp)}%`,
      );
    }
  }
  if (ctx.policy.banEqualSplit) {
    plan.allocations.forEach((a, i) => {
      if (isEqualSplitAcrossVillage(a.beneficiaries, ctx.villageHouseholds)) {
        add(`allocations[${i}]`, 'cash must not be split equally among every household of the village');
      }
    });
  }

  // 四议两公开: the four deliberations in order, then the publication, none in the future, with files.
  const steps: Array<keyof DecisionDates> = [
    'partyBranchProposalOn',
    'twoCommitteesDiscussionOn',
    'partyMembersReviewOn',
    'representativesDecisionOn',
    'decisionPublishedOn',
  ];
  let previous: string | undefined;
  for (const key of steps) {
    const value = decision[key] as string;
    const field = `decisionEvidence.${key}`;
    if (!isLocalDate(value)) add(field, 'is not a valid date');
    else if (value > ctx.today) add(field, `the step's date (${value}) is after today`);
    else if (previous && value < previous)
      add(field, `the step's date (${value}) is before the step before it (${previous})`);
    if (isLocalDate(value)) previous = value;
  }
  if (decision.fileCount < ctx.policy.minDecisionFiles) {
    add(
      'decisionEvidence.fileIds',
      `upload at least ${ctx.policy.minDecisionFiles} files of the decision and of its publication`,
    );
  }
  return problems;
}

/**
 * 一分了之: an allocation that gives every household of the village the same cash, or the same cash per
 * person (within a fen), is an equal split. Two or more households are needed to call it one.
 */
export function isEqualSplitAcrossVillage(
  beneficiaries: Array<{ householdId: string; amount: bigint }>,
  villageHouseholds: Array<{ id: string; membersCount: number }>,
): boolean {
  if (villageHouseholds.length < 2 || beneficiaries.length !== villageHouseholds.length) return false;
  const members = new Map(villageHouseholds.map((h) => [h.id, BigInt(h.membersCount)]));
  if (!beneficiaries.every((b) => members.has(b.householdId))) return false;
  if (new Set(beneficiaries.map((b) => b.householdId)).size !== villageHouseholds.length) return false;
  const amounts = beneficiaries.map((b) => b.amount);
  const equalPerHousehold = amounts.every((a) => a === amounts[0]);
  // Per person: |aᵢ·mⱼ − aⱼ·mᵢ| < mᵢ·mⱼ for every pair, i.e. per-person amounts within one fen.
  const perPerson = beneficiaries.every((b, i) =>
    beneficiaries.every((c, j) => {
      if (i >= j) return true;
      const [mi, mj] = [members.get(b.householdId)!, members.get(c.householdId)!];
      const diff = b.amount * mj - c.amount * mi;
      return (diff < 0n ? -diff : diff) < mi * mj;
    }),
  );
  return equalPerHousehold || perPerson;
}
