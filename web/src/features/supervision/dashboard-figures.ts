/** Figures of the supervision dashboard's charts, as pure functions (the page draws them). */

/** Whole yuan of a Money string ("12345.67" → 12345), for a chart's axis only: tables show the exact amount. */
export function wholeYuan(yuan: string): number {
  const m = /^(-)?(\d+)(?:\.\d+)?$/.exec(yuan.trim());
  if (!m) throw new Error(`not a money amount: ${yuan}`);
  const whole = Number(m[2]);
  return m[1] ? -whole : whole;
}

export const EARLIER = '更早';

/**
 * Current red flags counted by the month they began (their `since` date), per row of the dashboard (a
 * record belongs to the row whose region code starts its own). A record with no start (an operating asset
 * with no contract in force: a state, not an event) or one that starts after `today` (an equity agreement
 * maturing, a contract ending: what is coming) has no past month: it is left out of the months and
 * counted in `undated`, so the page can say how many the chart does not show. At most `maxMonths` months
 * are shown, older ones are counted under "更早".
 */
export function flagsByMonth(
  flags: ReadonlyArray<{
    kind: string;
    records: ReadonlyArray<{ regionCode: string; since?: string | null }>;
  }>,
  rowCodes: readonly string[],
  today: string,
  maxMonths = 12,
): { months: string[]; counts: Map<string, Map<string, number>>; undated: number } {
  const found: Array<{ row: string; month: string }> = [];
  let undated = 0;
  for (const flag of flags) {
    for (const r of flag.records) {
      const row = rowCodes.find((c) => r.regionCode.startsWith(c));
      if (!row) continue;
      if (!r.since || r.since > today) undated++;
      else found.push({ row, month: r.since.slice(0, 7) });
    }
  }
  const all = [...new Set(found.map((f) => f.month))].sort();
  const shown = all.slice(-maxMonths);
  const earlier = all.length > shown.length;
  const counts = new Map<string, Map<string, number>>();
  for (const f of found) {
    const month = shown.includes(f.month) ? f.month : EARLIER;
    const row = counts.get(f.row) ?? new Map<string, number>();
    row.set(month, (row.get(month) ?? 0) + 1);
    counts.set(f.row, row);
  }
  return { months: earlier ? [EARLIER, ...shown] : shown, counts, undated };
}
