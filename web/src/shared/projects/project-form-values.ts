import type { FundSource, ProjectType } from '@web/gql/enums';
import { fenOfYuan } from '@web/shared/format/money';

/** A project as its form sends it: dates as LocalDate strings ("2025-06-30"), amounts as yuan strings. */
export interface ProjectValues {
  code: string;
  name: string;
  year: number;
  type: ProjectType;
  implementingUnit: string;
  regionCode: string;
  completionDate: string | null;
  acceptanceDate: string | null;
  fundSources: Array<{ source: FundSource; amount: string }>;
}

/** The registration input (registerProject): texts trimmed, dates only when given. */
export function projectInput(v: ProjectValues): Record<string, unknown> {
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    year: v.year,
    type: v.type,
    implementingUnit: v.implementingUnit.trim(),
    regionCode: v.regionCode,
    ...(v.completionDate ? { completionDate: v.completionDate } : {}),
    ...(v.acceptanceDate ? { acceptanceDate: v.acceptanceDate } : {}),
    fundSources: v.fundSources.map((f) => ({ source: f.source, amount: f.amount.trim() })),
  };
}

/** Fund sources as source → fen, to compare two lists whatever their order and however amounts are written. */
const byFen = (rows: ProjectValues['fundSources']): string =>
  rows
    .map((r) => `${r.source}:${fenOfYuan(r.amount) ?? r.amount}`)
    .sort()
    .join(',');

/**
 * The changes of an edit (updateProject): only the fields that differ from the project as it was read,
 * the fund sources as a whole list when any of them changed (the API replaces them all). A date is never
 * cleared: the API keeps a date it is sent no value for, so the form does not offer to.
 */
export function projectChanges(before: ProjectValues, after: ProjectValues): Record<string, unknown> {
  const input = projectInput(after);
  const was = projectInput(before);
  const out: Record<string, unknown> = {};
  for (const key of ['code', 'name', 'year', 'type', 'implementingUnit', 'regionCode'] as const) {
    if (input[key] !== was[key]) out[key] = input[key];
  }
  for (const key of ['completionDate', 'acceptanceDate'] as const) {
    if (after[key] && after[key] !== before[key]) out[key] = after[key];
  }
  if (byFen(after.fundSources) !== byFen(before.fundSources)) out.fundSources = input.fundSources;
  return out;
}
