/**
 * Yuan strings as the API sends them ("1200.5") turned into fen (bigint) and back, and what is left to pay
 * per household and per allocation of a plan. No floating point: money is counted in whole fen.
 */

const YUAN = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** "1200.5" → 120050n; throws on what is not yuan with at most two decimals. */
export function toFen(yuan: string): bigint {
  const m = YUAN.exec(yuan.trim());
  if (!m) throw new Error(`not an amount of yuan: ${yuan}`);
  const [, minus, whole, fraction = ''] = m;
  const fen = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return minus ? -fen : fen;
}

/** 120050n → "1200.50" (the API's Money format). */
export function toYuan(fen: bigint): string {
  const minus = fen < 0n;
  const abs = minus ? -fen : fen;
  return `${minus ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** The sum of yuan strings, as yuan; blanks and what is not an amount count as nothing. */
export function sumYuan(amounts: Array<string | null | undefined>): string {
  let fen = 0n;
  for (const a of amounts) {
    if (a && YUAN.test(a.trim())) fen += toFen(a);
  }
  return toYuan(fen);
}

export interface PlanAmounts {
  allocations: Array<{
    id: string;
    amount: string;
    /** What repairs drew on it (an ASSET_UPKEEP allocation): spent like payouts. */
    repaired?: string;
    beneficiaries: Array<{ householdId: string; amount: string }>;
  }>;
  payouts: Array<{ allocationId: string; householdId?: string | null; amount: string }>;
}

export interface ShareLeft {
  allocationId: string;
  householdId: string;
  share: string;
  paid: string;
  left: string;
}

/** Each beneficiary's share of each allocation, what it has been paid and what is left to pay it. */
export function sharesLeft(plan: PlanAmounts): ShareLeft[] {
  return plan.allocations.flatMap((a) =>
    a.beneficiaries.map((b) => {
      const paid = plan.payouts
        .filter((p) => p.allocationId === a.id && p.householdId === b.householdId)
        .reduce((s, p) => s + toFen(p.amount), 0n);
      const share = toFen(b.amount);
      return {
        allocationId: a.id,
        householdId: b.householdId,
        share: b.amount,
        paid: toYuan(paid),
        left: toYuan(share - paid),
      };
    }),
  );
}

/** What is left to pay of an allocation (its amount less every payout out of it). */
export function allocationLeft(plan: PlanAmounts, allocationId: string): string {
  const a = plan.allocations.find((x) => x.id === allocationId);
  if (!a) return '0.00';
  const paid = plan.payouts
    .filter((p) => p.allocationId === allocationId)
    .reduce((s, p) => s + toFen(p.amount), 0n);
  return toYuan(toFen(a.amount) - paid - (a.repaired ? toFen(a.repaired) : 0n));
}

/** True when `amount` (yuan) is more than zero and at most `limit` (yuan). */
export function withinLimit(amount: string, limit: string): boolean {
  if (!YUAN.test(amount.trim())) return false;
  const fen = toFen(amount);
  return fen > 0n && fen <= toFen(limit);
}
