import { FieldProblem } from '@/common/errors';
import { formatYuan } from '@/common/scalars';

/** What is left of one income record of the village for new plans (amounts in fen). */
export interface IncomeLeft {
  incomeId: string;
  assetId: string;
  receivedOn: string;
  /** The village's net share of the record, less what committed plans already take from it. */
  left: bigint;
}

/** One line of a plan's income request: an income record, or an asset (its income oldest first). */
export interface IncomeRequestLine {
  incomeId: string | null;
  assetId: string | null;
  amount: bigint;
}

export interface IncomeLink {
  incomeId: string;
  amount: bigint;
}

/** Oldest first; the id breaks ties (the same order as the balances' lots, income/fifo.ts). */
export function oldestFirst<T extends { receivedOn: string; incomeId: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) =>
    a.receivedOn === b.receivedOn
      ? a.incomeId.localeCompare(b.incomeId)
      : a.receivedOn < b.receivedOn
        ? -1
        : 1,
  );
}

/** What is left of a village's income from one asset, for new plans (in fen). */
export interface AssetIncomeLeft {
  assetId: string;
  /** The sum of what is left of the asset's records (never below zero per record, as {@link selectIncome} counts it). */
  left: bigint;
  /** When the oldest record with something left was received. */
  oldestReceivedOn: string;
}

/**
 * A village's income left for new plans, per asset: only the assets with something left, the one whose
 * oldest fen left came first at the top (ties by asset id). The amounts are those {@link selectIncome}
 * takes an asset's line from. Pure.
 */
export function incomeLeftByAsset(lots: readonly IncomeLeft[]): AssetIncomeLeft[] {
  const byAsset = new Map<string, AssetIncomeLeft>();
  for (const lot of lots) {
    if (lot.left <= 0n) continue;
    const a = byAsset.get(lot.assetId);
    if (!a)
      byAsset.set(lot.assetId, { assetId: lot.assetId, left: lot.left, oldestReceivedOn: lot.receivedOn });
    else {
      a.left += lot.left;
      if (lot.receivedOn < a.oldestReceivedOn) a.oldestReceivedOn = lot.receivedOn;
    }
  }
  return [...byAsset.values()].sort((a, b) =>
    a.oldestReceivedOn === b.oldestReceivedOn
      ? a.assetId.localeCompare(b.assetId)
      : a.oldestReceivedOn < b.oldestReceivedOn
        ? -1
        : 1,
  );
}

/**
 * Which income a plan of `amount` distributes. Without a request: the village's income oldest first.
 * With one: each line takes its amount from its record, or from its asset's income oldest first; the
 * lines add up to the plan's amount exactly and never take more than is left. Returns the links (one per
 * income record, in fen, adding up to `amount` when there are no problems) and the problems. Pure.
 */
export function selectIncome(
  lots: readonly IncomeLeft[],
  request: readonly IncomeRequestLine[] | null,
  amount: bigint,
): { links: IncomeLink[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const left = new Map(lots.map((l) => [l.incomeId, l.left > 0n ? l.left : 0n]));
  const taken = new Map<string, bigint>();
  const take = (from: readonly IncomeLeft[], wanted: bigint): bigint => {
    let rest = wanted;
    for (const lot of oldestFirst(from)) {
      if (rest === 0n) break;
      const here = left.get(lot.incomeId) ?? 0n;
      const t = here < rest ? here : rest;
      if (t === 0n) continue;
      left.set(lot.incomeId, here - t);
      taken.set(lot.incomeId, (taken.get(lot.incomeId) ?? 0n) + t);
      rest -= t;
    }
    return wanted - rest;
  };
  if (!request || request.length === 0) {
    const got = take(lots, amount);
    if (got < amount)
      problems.push({
        field: 'amount',
        message: `the village has only ${formatYuan(got)} yuan of income left to distribute, less than the plan's ${formatYuan(amount)} yuan`,
      });
  } else {
    const requested = request.reduce((s, r) => s + r.amount, 0n);
    if (requested !== amount)
      problems.push({
        field: 'income',
        message: `the income lines add up to ${formatYuan(requested)} yuan, not the plan's ${formatYuan(amount)} yuan`,
      });
    request.forEach((line, i) => {
      const field = `income[${i}]`;
      if ((line.incomeId === null) === (line.assetId === null)) {
        problems.push({
          field,
          message: 'each line names either an income record (incomeId) or an asset (assetId)',
        });
        return;
      }
      const from = line.incomeId
        ? lots.filter((l) => l.incomeId === line.incomeId)
        : lots.filter((l) => l.assetId === line.assetId);
      if (from.length === 0) {
        problems.push({
          field: line.incomeId ? `${field}.incomeId` : `${field}.assetId`,
          message: line.incomeId
            ? 'not an income record of this village'
            : 'the asset has no income of this village',
        });
        return;
      }
      const available = from.reduce((s, l) => s + (left.get(l.incomeId) ?? 0n), 0n);
      if (line.amount > available) {
        problems.push({
          field: `${field}.amount`,
          message: `only ${formatYuan(available)} yuan of it is left to distribute, less than ${formatYuan(line.amount)} yuan`,
        });
        return;
      }
      take(from, line.amount);
    });
  }
  const order = new Map(oldestFirst(lots).map((l, i) => [l.incomeId, i]));
  const links = [...taken.entries()]
    .map(([incomeId, amt]) => ({ incomeId, amount: amt }))
    .sort((a, b) => order.get(a.incomeId)! - order.get(b.incomeId)!);
  return { links, problems };
}

/** One piece of a draw covered by one source. */
export interface FifoSlice {
  sourceId: string;
  drawId: string;
  amount: bigint;
}

/**
 * Covers the draws (in their order) with the sources (in theirs), first in first out: which source each
 * fen of each draw came from. A draw beyond the sources' total is covered as far as they go. Pure.
 */
export function fifoSlices(
  sources: ReadonlyArray<{ id: string; amount: bigint }>,
  draws: ReadonlyArray<{ id: string; amount: bigint }>,
): FifoSlice[] {
  const out: FifoSlice[] = [];
  let s = 0;
  let sourceLeft = sources[0]?.amount ?? 0n;
  for (const draw of draws) {
    let need = draw.amount;
    while (need > 0n && s < sources.length) {
      if (sourceLeft === 0n) {
        s += 1;
        sourceLeft = sources[s]?.amount ?? 0n;
        continue;
      }
      const t = sourceLeft < need ? sourceLeft : need;
      out.push({ sourceId: sources[s].id, drawId: draw.id, amount: t });
      sourceLeft -= t;
      need -= t;
    }
  }
  return out;
}
