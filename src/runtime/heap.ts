import * as v8 from 'node:v8';

/**
 * How far the served app's heap may grow between full collections. V8 picks the old generation's next
 * limit as what survived the last collection times a factor of up to 4 when the program allocates fast,
 * so a process whose live heap is 170 MB (a 100,000-row import at its peak, measured by heap snapshot)
 * grew to 690 MiB of RSS, and the list load kept ~390 MiB. `--heap-growing-percent` fixes the factor
 * (1.5 by default here): a soft bound, not a limit — an export of 100,000 assets, which needs far more,
 * still gets it; the heap is only collected sooner. The flag is read each time V8 computes a limit, so
 * setting it once the process runs takes effect from the next collection. bench/ measures its effect
 * (docs/benchmarks.md, "Memory").
 */
export function tuneHeap(growingPercent: number): void {
  if (growingPercent > 0) v8.setFlagsFromString(`--heap-growing-percent=${growingPercent}`);
}
