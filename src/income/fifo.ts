/**
 * First in, first out: plans and payouts of a village consume its income in the order it was received.
 * That is what lets the register say, per asset, how much of its income has been planned or paid, and
 * how old the oldest undistributed fen is. Pure; amounts in fen.
 */
export interface IncomeLot {
  /** The income record (its reversal, if any, is already netted in). */
  incomeId: string;
  assetId: string;
  receivedOn: string;
  /** This village's net share of the income. */
  amount: bigint;
}

export interface LotUse {
  lot: IncomeLot;
  planned: bigint;
  paid: bigint;
}

/** Orders lots oldest first and consumes `planned` and `paid` (paid ≤ planned) from them. */
export function consumeFifo(lots: readonly IncomeLot[], planned: bigint, paid: bigint): LotUse[] {
  const ordered = [...lots].sort((a, b) =>
    a.receivedOn === b.receivedOn
      ? a.incomeId.localeCompare(b.incomeId)
      : a.receivedOn < b.receivedOn
        ? -1
        : 1,
  );
  let leftPlanned = planned;
  let leftPaid = paid;
  return ordered.map((lot) => {
    const available = lot.amount > 0n ? lot.amount : 0n;
    const p = leftPlanned < available ? (leftPlanned > 0n ? leftPlanned : 0n) : available;
    leftPlanned -= p;
    const q = leftPaid < available ? (leftPaid > 0n ? leftPaid : 0n) : available;
    leftPaid -= q;
    return { lot, planned: p, paid: q };
  });
}

/** The receipt date of the oldest lot not fully planned, or null. */
export function oldestUndistributed(uses: readonly LotUse[]): string | null {
  const open = uses.find((u) => u.lot.amount > u.planned);
  return open ? open.lot.receivedOn : null;
}
