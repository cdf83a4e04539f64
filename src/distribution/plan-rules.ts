import { FieldProblem } from '@/common/errors';
import { formatPercent, formatYuan, isLocalDate } from '@/common/scalars';
import { CHANNEL_NAMES, DistributionChannel, PolicyRules } from './distribution.entity';

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
      `各项分配合计 ${formatYuan(allocated)} 元，与方案金额 ${formatYuan(plan.amount)} 元不一致`,
    );
  }
  plan.allocations.forEach((a, i) => {
    if (a.beneficiaries.length === 0) return;
    const sum = a.beneficiaries.reduce((s, b) => s + b.amount, 0n);
    if (sum !== a.amount) {
      add(
        `allocations[${i}].beneficiaries`,
        `受益农户合计 ${formatYuan(sum)} 元，与该项分配金额 ${formatYuan(a.amount)} 元不一致`,
      );
    }
    const seen = new Set<string>();
    a.beneficiaries.forEach((b, j) => {
      if (seen.has(b.householdId))
        add(`allocations[${i}].beneficiaries[${j}].householdId`, '同一农户列了两次');
      seen.add(b.householdId);
    });
  });

  // Only income that is there.
  if (plan.amount > ctx.undistributed) {
    add(
      'amount',
      `本村尚未分配的收益只有 ${formatYuan(ctx.undistributed > 0n ? ctx.undistributed : 0n)} 元，少于方案金额 ${formatYuan(plan.amount)} 元`,
    );
  }

  // Beneficiaries: households of this village, eligible on the plan date.
  plan.allocations.forEach((a, i) =>
    a.beneficiaries.forEach((b, j) => {
      const h = ctx.beneficiaries.get(b.householdId);
      const field = `allocations[${i}].beneficiaries[${j}].householdId`;
      if (!h) add(field, '没有这个农户');
      else if (h.villageCode !== plan.villageCode)
        add(field, `该农户属于村 ${h.villageCode}，不是本村（${plan.villageCode}）的农户`);
      else if (!h.eligible) add(field, `该农户在 ${plan.planDate} 既不是脱贫户也不是监测户`);
    }),
  );

  // The district's policy.
  const byChannel = new Map<DistributionChannel, bigint>();
  for (const a of plan.allocations) byChannel.set(a.channel, (byChannel.get(a.channel) ?? 0n) + a.amount);
  plan.allocations.forEach((a, i) => {
    if (ctx.policy.forbiddenChannels.includes(a.channel))
      add(`allocations[${i}].channel`, `区里的分配政策不允许“${CHANNEL_NAMES[a.channel]}”`);
  });
  for (const limit of ctx.policy.channelLimits) {
    const amount = byChannel.get(limit.channel) ?? 0n;
    const exactAbove = (bp: number): boolean => amount * 10000n > BigInt(bp) * plan.amount;
    const exactBelow = (bp: number): boolean => amount * 10000n < BigInt(bp) * plan.amount;
    if (limit.minBp !== null && exactBelow(limit.minBp)) {
      add(
        `policy.${limit.channel}`,
        `“${CHANNEL_NAMES[limit.channel]}”占方案的 ${pct(amount, plan.amount)}%，政策要求至少 ${formatPercent(limit.minBp)}%`,
      );
    }
    if (limit.maxBp !== null && exactAbove(limit.maxBp)) {
      add(
        `policy.${limit.channel}`,
        `“${CHANNEL_NAMES[limit.channel]}”占方案的 ${pct(amount, plan.amount)}%，政策规定最多 ${formatPercent(limit.maxBp)}%`,
      );
    }
  }
  if (ctx.policy.banEqualSplit) {
    plan.allocations.forEach((a, i) => {
      if (isEqualSplitAcrossVillage(a.beneficiaries, ctx.villageHouseholds)) {
        add(`allocations[${i}]`, '不得把现金平均分给全村每一户（一分了之）');
      }
    });
  }

  // 四议两公开: the four deliberations in order, then the publication, none in the future, with files.
  const steps: Array<[keyof DecisionDates, string]> = [
    ['partyBranchProposalOn', '村党组织提议'],
    ['twoCommitteesDiscussionOn', '村两委会议商议'],
    ['partyMembersReviewOn', '党员大会审议'],
    ['representativesDecisionOn', '村民代表会议决议'],
    ['decisionPublishedOn', '决议公开'],
  ];
  let previous: string | undefined;
  for (const [key, label] of steps) {
    const value = decision[key] as string;
    const field = `decisionEvidence.${key}`;
    if (!isLocalDate(value)) add(field, `${label}：不是有效的日期`);
    else if (value > ctx.today) add(field, `${label}（${value}）晚于今天`);
    else if (previous && value < previous) add(field, `${label}（${value}）早于上一步（${previous}）`);
    if (isLocalDate(value)) previous = value;
  }
  if (decision.fileCount < ctx.policy.minDecisionFiles) {
    add('decisionEvidence.fileIds', `至少上传 ${ctx.policy.minDecisionFiles} 个决议及其公开情况的附件`);
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
