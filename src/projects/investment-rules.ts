import { Fen, formatYuan } from '@/common/scalars';
import { FundSource } from './fund-source.enum';
import { FundSourceAmount, sortFundSources } from './fund-sources';

/** One fund source whose assets use more than the project invested from it. */
export interface InvestmentOverrun {
  source: FundSource;
  /** What the project invested from this source (0 when it lists no such source). */
  invested: Fen;
  /** What the project's assets use from it. */
  used: Fen;
}

/** Sums amounts per source (a source listed several times counts once, with the sum). */
export function sumBySource(amounts: readonly FundSourceAmount[]): Map<FundSource, Fen> {
  const out = new Map<FundSource, Fen>();
  for (const a of amounts) out.set(a.source, (out.get(a.source) ?? 0n) + a.amount);
  return out;
}

/**
 * Investment adds up: for every fund source, what a project's assets use (`used`: their fund sources,
 * all together) never exceeds what the project invested from that source. Pure: the API (registerAsset,
 * updateAsset, updateProject) and the Excel import decide with it. Returns the sources that overrun, in
 * the usual order of sources; empty when everything fits.
 */
export function investmentOverruns(
  invested: readonly FundSourceAmount[],
  used: readonly FundSourceAmount[],
): InvestmentOverrun[] {
  const budget = sumBySource(invested);
  const use = sumBySource(used);
  const overruns: InvestmentOverrun[] = [];
  for (const [source, amount] of use) {
    const limit = budget.get(source) ?? 0n;
    if (amount > limit) overruns.push({ source, invested: limit, used: amount });
  }
  return sortFundSources(overruns);
}

/** One fund source of a project: what it invested, what its assets use, what is left for new assets. */
export interface InvestmentBalance {
  source: FundSource;
  invested: Fen;
  used: Fen;
  /** `invested - used`: below zero only where assets overran the project before the rule held. */
  remaining: Fen;
}

/**
 * Per fund source, what a project invested and what its assets use (`Project.investmentUse`): every
 * source the project lists or its assets use, in the usual order of sources. What remains of a source is
 * what a new asset of the project may still take from it ({@link investmentOverruns} decides with the same sums).
 */
export function investmentBalances(
  invested: readonly FundSourceAmount[],
  used: readonly FundSourceAmount[],
): InvestmentBalance[] {
  const budget = sumBySource(invested);
  const use = sumBySource(used);
  const sources = new Set([...budget.keys(), ...use.keys()]);
  return sortFundSources(
    [...sources].map((source) => {
      const [i, u] = [budget.get(source) ?? 0n, use.get(source) ?? 0n];
      return { source, invested: i, used: u, remaining: i - u };
    }),
  );
}

/**
 * The overruns in words, amounts in yuan, one sentence a fund source joined by "; ": `LINKAGE_FUND: the
 * project invested 300000.00 yuan, its assets 440000.00 yuan (140000.00 yuan over)` (in Chinese, by
 * src/common/i18n: 衔接资金：项目投资 300000.00 元，资产合计 440000.00 元（超出 140000.00 元）).
 */
export function describeOverruns(overruns: readonly InvestmentOverrun[]): string {
  return overruns
    .map(
      (o) =>
        `${o.source}: the project invested ${formatYuan(o.invested)} yuan, its assets ${formatYuan(o.used)} yuan (${formatYuan(o.used - o.invested)} yuan over)`,
    )
    .join('; ');
}
