/** Pure statistics of a benchmark run (no I/O), unit-tested beside. */

/** The q-quantile (0 ≤ q ≤ 1) of the values, by linear interpolation between closest ranks. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  if (q < 0 || q > 1) throw new RangeError(`quantile must be between 0 and 1, got ${q}`);
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** What one timed run of requests gives. */
export interface RunStats {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export function runStats(latenciesMs: readonly number[], errors: number, seconds: number): RunStats {
  return {
    requests: latenciesMs.length,
    errors,
    seconds,
    perSecond: latenciesMs.length / seconds,
    p50Ms: quantile(latenciesMs, 0.5),
    p95Ms: quantile(latenciesMs, 0.95),
    p99Ms: quantile(latenciesMs, 0.99),
  };
}

/** The median of each figure over repeated runs (each figure on its own). */
export function medianStats(runs: readonly RunStats[]): RunStats {
  const m = (pick: (r: RunStats) => number): number => median(runs.map(pick));
  return {
    requests: m((r) => r.requests),
    errors: m((r) => r.errors),
    seconds: m((r) => r.seconds),
    perSecond: m((r) => r.perSecond),
    p50Ms: m((r) => r.p50Ms),
    p95Ms: m((r) => r.p95Ms),
    p99Ms: m((r) => r.p99Ms),
  };
}

/**
 * The order in which two contenders run in each of `rounds` rounds: alternating which goes first, so
 * that neither always profits from (or pays for) the state the other left (caches, autovacuum).
 */
export function interleave<T>(a: T, b: T, rounds: number): T[][] {
  return Array.from({ length: rounds }, (_, i) => (i % 2 === 0 ? [a, b] : [b, a]));
}

export const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : String(n);
