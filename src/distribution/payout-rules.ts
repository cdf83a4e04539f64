import { formatYuan } from '@/common/scalars';

/** An allocation as the payout rules see it (amounts in fen). */
export interface PayoutTarget {
  amount: bigint;
  /** Paid out of the allocation so far. */
  paid: bigint;
  /** The allocation's beneficiaries: share and what each was paid so far (empty = none named). */
  beneficiaries: Map<string, { share: bigint; paid: bigint }>;
}

export type PayoutProblemKind =
  'HOUSEHOLD_REQUIRED' | 'NOT_BENEFICIARY' | 'EXCEEDS_SHARE' | 'EXCEEDS_ALLOCATION';

export interface PayoutProblem {
  kind: PayoutProblemKind;
  message: string;
  details: Record<string, string>;
}

/**
 * Whether `amount` may be paid out of the allocation to `householdId` (null = to no household). An
 * allocation with beneficiaries pays only them, each at most its share, so that when the allocation is
 * paid in full every household got exactly its share; one without beneficiaries names no household.
 * Returns the first broken rule, or null. Pure.
 */
export function checkPayout(
  target: PayoutTarget,
  householdId: string | null,
  amount: bigint,
): PayoutProblem | null {
  if (target.beneficiaries.size > 0) {
    if (!householdId) {
      return {
        kind: 'HOUSEHOLD_REQUIRED',
        message: 'The allocation has beneficiaries: say which household (householdId) is paid',
        details: { field: 'input.householdId' },
      };
    }
    const b = target.beneficiaries.get(householdId);
    if (!b) {
      return {
        kind: 'NOT_BENEFICIARY',
        message: 'The household is not a beneficiary of this allocation',
        details: { field: 'input.householdId' },
      };
    }
    const left = b.share - b.paid;
    if (amount > left) {
      return {
        kind: 'EXCEEDS_SHARE',
        message: `The household's share is ${formatYuan(b.share)} yuan, ${formatYuan(b.paid)} yuan of it paid, ${formatYuan(left)} yuan left: ${formatYuan(amount)} yuan is more than its share`,
        details: {
          share: formatYuan(b.share),
          paid: formatYuan(b.paid),
          remaining: formatYuan(left),
          amount: formatYuan(amount),
        },
      };
    }
  } else if (householdId) {
    return {
      kind: 'NOT_BENEFICIARY',
      message: 'The allocation has no list of beneficiaries: it cannot be paid to a household',
      details: { field: 'input.householdId' },
    };
  }
  const remaining = target.amount - target.paid;
  if (amount > remaining) {
    return {
      kind: 'EXCEEDS_ALLOCATION',
      message: `The allocation has ${formatYuan(remaining)} yuan left to pay: ${formatYuan(amount)} yuan would pay more than that`,
      details: { remaining: formatYuan(remaining), amount: formatYuan(amount) },
    };
  }
  return null;
}

/**
 * 结果公开 of a completed plan: published on a real date, not in the future and not before the last
 * payout (there is no result to publish before the money is paid). Returns the problem, or null.
 */
export function checkResultPublicity(
  publishedOn: string,
  lastPaidOn: string | null,
  today: string,
): string | null {
  if (publishedOn > today) return `the result publicity date (${publishedOn}) must not be after today`;
  if (lastPaidOn && publishedOn < lastPaidOn)
    return `the result publicity date (${publishedOn}) is before the last payout (${lastPaidOn})`;
  return null;
}

/** The day a completed plan was completed: the date of its last payout. */
export function completedOn(payouts: ReadonlyArray<{ paidOn: string }>): string | null {
  return payouts.reduce<string | null>((d, p) => (d === null || p.paidOn > d ? p.paidOn : d), null);
}
