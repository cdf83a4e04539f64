import type { AssetClass, AssetForm, AssetStatus, FundSource, OperatingMode } from '@web/gql/enums';

/** What the asset form holds: dates as LocalDate strings ("2026-11-30"), money as yuan strings. */
export interface AssetFormValues {
  code: string;
  name: string;
  class: AssetClass;
  form: AssetForm;
  categoryCode: string;
  projectId: string;
  locationCode: string;
  status?: AssetStatus | null;
  quantity: string;
  unit: string;
  investedAmount: string;
  formedValue: string;
  fundSources: Array<{ source: FundSource; amount: string }>;
  completionDate?: string | null;
  acceptanceDate?: string | null;
  handoverDate?: string | null;
  managementEntity?: string | null;
  managementResponsible?: string | null;
  operator?: string | null;
  operatingMode?: OperatingMode | null;
  contractStart?: string | null;
  contractEnd?: string | null;
  contractAnnualAmount?: string | null;
  contractTerms?: string | null;
  investee?: string | null;
  equityAgreementNo?: string | null;
  equityMaturityDate?: string | null;
  householdHeadName?: string | null;
  householdRegistryNo?: string | null;
  constructionContent?: string | null;
  constructionScale?: string | null;
  beneficiaryHouseholds?: number | null;
  beneficiaryPeople?: number | null;
  beneficiaryPoorHouseholds?: number | null;
  beneficiaryPoorPeople?: number | null;
  beneficiaryMonitoredHouseholds?: number | null;
  beneficiaryMonitoredPeople?: number | null;
  remarks?: string | null;
}

type Key = keyof AssetFormValues;

/** An empty text is no value (null), a text is trimmed. */
function clean(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  return value ?? null;
}

/** Fen of a yuan string ("1200.5" → 120050n), for comparing sums without floating point. */
export function fenOf(yuan: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!m) return 0n;
  return BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

/** The registration input: every field that has a value. */
export function registrationInput(values: AssetFormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key === 'fundSources') continue;
    const v = clean(value);
    if (v !== null) out[key] = v;
  }
  out.fundSources = values.fundSources.map((f) => ({ source: f.source, amount: f.amount.trim() }));
  return out;
}

/**
 * The changes of an edit: only the fields that differ from the asset as it was read (a field emptied
 * is sent as null, which clears it), the fund sources as a whole list when any of them changed.
 */
export function assetChanges(before: AssetFormValues, after: AssetFormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Key[]) {
    if (key === 'fundSources' || key === 'code') continue;
    const a = clean(after[key]);
    if (a !== clean(before[key])) out[key] = a;
  }
  const sources = (v: AssetFormValues) =>
    JSON.stringify(v.fundSources.map((f) => [f.source, String(fenOf(f.amount))]));
  if (sources(before) !== sources(after))
    out.fundSources = after.fundSources.map((f) => ({ source: f.source, amount: f.amount.trim() }));
  return out;
}
