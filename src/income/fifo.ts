/**
 * Which of a village's income its plans take, and what their payouts paid of it: each committed plan
 * names the income records it distributes when it is submitted (its income links: the records or assets
 * its lines chose, else the village's income oldest first), and a plan's payouts are covered by its own
 * links oldest first, as the money trail traces them. That is what lets the register say, per asset,
 * how much of its income has been planned or paid, and how old the oldest undistributed fen is. Pure;
 * amounts in fen.
 */
export interface IncomeLot {
  /** The income record (its reversal, if any, is already netted in). */
  incomeId: string;
  assetId: string;
  receivedOn: string;
  /** This village's net share of the income. */
  amount: bigint;
}

/** What one committed plan of the village takes from one of its lots (a `distribution_plan_income` row). */
export interface PlanTake {
  planId: string;
  incomeId: string;
  amount: bigint;
}

export interface LotUse {
  lot: IncomeLot;
  planned: bigint;
  paid: bigint;
}

/** Oldest first; the record's id breaks ties. */
function byReceipt(a: IncomeLot, b: IncomeLot): number {
  return a.receivedOn === b.receivedOn
    ? a.incomeId.localeCompare(b.incomeId)
    : a.receivedOn < b.receivedOn
      ? -1
      : 1;
}

/**
 * The village's lots oldest first, each with what its plans take of it (`takes`) and what their payouts
 * paid of that (`paidByPlan`: each plan's total paid, covered by its takes oldest first, never more than
 * they add up to). A take of a record that is not one of `lots` is ignored.
 */
export function lotUses(
  lots: readonly IncomeLot[],
  takes: readonly PlanTake[],
  paidByPlan: ReadonlyMap<string, bigint>,
): LotUse[] {
  const ordered = [...lots].sort(byReceipt);
  const uses = new Map(ordered.map((lot) => [lot.incomeId, { lot, planned: 0n, paid: 0n }]));
  const byPlan = new Map<string, Array<{ use: LotUse; amount: bigint }>>();
  for (const take of takes) {
    const use = uses.get(take.incomeId);
    if (!use) continue;
    use.planned += take.amount;
    let planTakes = byPlan.get(take.planId);
    if (!planTakes) byPlan.set(take.planId, (planTakes = []));
    planTakes.push({ use, amount: take.amount });
  }
  for (const [planId, planTakes] of byPlan) {
    let left = paidByPlan.get(planId) ?? 0n;
    for (const t of planTakes.sort((a, b) => byReceipt(a.use.lot, b.use.lot))) {
      if (left <= 0n) break;
      const paid = left < t.amount ? left : t.amount;
      t.use.paid += paid;
      left -= paid;
    }
  }
  return ordered.map((lot) => uses.get(lot.incomeId)!);
}

/** The receipt date of the oldest lot not fully planned, or null. */
export function oldestUndistributed(uses: readonly LotUse[]): string | null {
  const open = uses.find((u) => u.lot.amount > u.planned);
  return open ? open.lot.receivedOn : null;
}
