import { ProblemList } from '@/common/errors';
import { Fen, todayInChina } from '@/common/scalars';
import { checkFundSources, FundSourceAmount } from '@/projects/fund-sources';
import { AssetClass, AssetForm, AssetStatus } from './asset.enums';

/** The fields of an asset that the rules look at (a registration, or a row merged with its changes). */
export interface AssetDraft {
  class: AssetClass;
  form: AssetForm;
  status: AssetStatus;
  /** 状态起始日期; null when not given (the import and the API then use today). */
  statusSince: string | null;
  investedAmount: Fen;
  formedValue: Fen;
  fundSources: FundSourceAmount[];
  completionDate: string | null;
  acceptanceDate: string | null;
  handoverDate: string | null;
  operator: string | null;
  operatingMode: string | null;
  contractStart: string | null;
  contractEnd: string | null;
  contractTerms: string | null;
  contractAnnualAmount: Fen | null;
  investee: string | null;
  equityAgreementNo: string | null;
  equityMaturityDate: string | null;
  householdRegistryNo: string | null;
  householdHeadName: string | null;
  beneficiaryHouseholds: number | null;
  beneficiaryPeople: number | null;
  beneficiaryPoorHouseholds: number | null;
  beneficiaryPoorPeople: number | null;
  beneficiaryMonitoredHouseholds: number | null;
  beneficiaryMonitoredPeople: number | null;
}

/**
 * The rules of a registered asset, pure (no database): every broken rule is added to `problems` with
 * the field it concerns, prefixed by `prefix` (`input.` for a registration, `changes.` for an update,
 * or a column name for an import row). A date after `today` (in China) is in the future: an import
 * passes the one day it checks all its rows against.
 */
export function checkAssetRules(
  draft: AssetDraft,
  prefix: string,
  problems: ProblemList,
  today: string = todayInChina(),
): void {
  const f = (name: string): string => `${prefix}${name}`;

  if (draft.status === AssetStatus.DISPOSED) {
    problems.add(f('status'), 'an asset becomes DISPOSED only through an approved disposal');
  }

  const total = checkFundSources(draft.fundSources, f('fundSources'), problems);
  if (draft.fundSources.length === 0 && draft.investedAmount > 0n) {
    problems.add(f('fundSources'), 'say where the invested amount came from');
  } else if (total !== draft.investedAmount) {
    problems.add(
      f('fundSources'),
      `the fund sources add up to ${yuan(total)} yuan, not the invested amount ${yuan(draft.investedAmount)}`,
    );
  }

  const dates: Array<[string, string | null]> = [
    ['completionDate', draft.completionDate],
    ['acceptanceDate', draft.acceptanceDate],
    ['handoverDate', draft.handoverDate],
    ['statusSince', draft.statusSince],
  ];
  for (const [name, value] of dates) {
    if (value && value > today) problems.add(f(name), `${value} is in the future`);
  }
  if (draft.completionDate && draft.acceptanceDate && draft.acceptanceDate < draft.completionDate) {
    problems.add(
      f('acceptanceDate'),
      `accepted (${draft.acceptanceDate}) before it was completed (${draft.completionDate})`,
    );
  }
  const handoverAfter = draft.acceptanceDate ?? draft.completionDate;
  if (draft.handoverDate && handoverAfter && draft.handoverDate < handoverAfter) {
    problems.add(
      f('handoverDate'),
      `handed over (${draft.handoverDate}) before completion/acceptance (${handoverAfter})`,
    );
  }
  if (draft.status !== AssetStatus.UNDER_CONSTRUCTION && !draft.completionDate) {
    problems.add(f('completionDate'), `an asset that is ${draft.status} needs its completion date`);
  }
  if (draft.status === AssetStatus.UNDER_CONSTRUCTION && draft.handoverDate) {
    problems.add(f('status'), 'an asset under construction cannot have been handed over');
  }

  if (draft.operatingMode && !draft.operator) {
    problems.add(f('operator'), 'an operating mode needs the operator');
  }
  if (draft.contractStart && draft.contractEnd && draft.contractEnd < draft.contractStart) {
    problems.add(
      f('contractEnd'),
      `the contract ends (${draft.contractEnd}) before it starts (${draft.contractStart})`,
    );
  }
  if ((draft.contractStart || draft.contractEnd || draft.contractAnnualAmount !== null) && !draft.operator) {
    problems.add(f('operator'), 'a contract needs the operator it is with');
  }

  if (draft.form === AssetForm.EQUITY) {
    if (!draft.investee) problems.add(f('investee'), 'an equity stake needs the company invested in');
    if (!draft.equityAgreementNo)
      problems.add(f('equityAgreementNo'), 'an equity stake needs its dividend agreement');
  } else if (draft.investee || draft.equityAgreementNo || draft.equityMaturityDate) {
    problems.add(f('investee'), 'investee, agreement and maturity are for EQUITY assets only');
  }

  if (draft.class === AssetClass.HOUSEHOLD) {
    if (!draft.householdRegistryNo)
      problems.add(f('householdRegistryNo'), 'a household asset needs the household it was given to');
    if (!draft.householdHeadName)
      problems.add(f('householdHeadName'), 'a household asset needs the head of that household');
  } else if (draft.householdRegistryNo || draft.householdHeadName) {
    problems.add(f('householdRegistryNo'), 'a household owner is for HOUSEHOLD assets only');
  }
  if (draft.class !== AssetClass.OPERATING && draft.form === AssetForm.EQUITY) {
    problems.add(f('class'), 'an equity stake is an OPERATING asset');
  }

  checkBeneficiaries(draft, f, problems);
}

/**
 * The declared beneficiaries: the formerly poor (脱贫) and monitored (监测) are "of which" counts of
 * the total, so they need the total and fit in it; a household has at least one person.
 */
function checkBeneficiaries(draft: AssetDraft, f: (name: string) => string, problems: ProblemList): void {
  const parts: Array<['households' | 'people', number | null, number | null, number | null, string]> = [
    [
      'households',
      draft.beneficiaryHouseholds,
      draft.beneficiaryPoorHouseholds,
      draft.beneficiaryMonitoredHouseholds,
      'beneficiaryHouseholds',
    ],
    [
      'people',
      draft.beneficiaryPeople,
      draft.beneficiaryPoorPeople,
      draft.beneficiaryMonitoredPeople,
      'beneficiaryPeople',
    ],
  ];
  for (const [what, total, poor, monitored, field] of parts) {
    if (poor === null && monitored === null) continue;
    if (total === null) {
      problems.add(
        f(field),
        `the formerly poor and monitored ${what} are part of the beneficiary ${what}: give their number`,
      );
    } else if ((poor ?? 0) + (monitored ?? 0) > total) {
      problems.add(
        f(field),
        `${total} beneficiary ${what} cannot include ${poor ?? 0} formerly poor and ${monitored ?? 0} monitored ${what}`,
      );
    }
  }
  if (
    draft.beneficiaryHouseholds !== null &&
    draft.beneficiaryPeople !== null &&
    draft.beneficiaryHouseholds > draft.beneficiaryPeople
  ) {
    problems.add(
      f('beneficiaryPeople'),
      `${draft.beneficiaryHouseholds} beneficiary households cannot have only ${draft.beneficiaryPeople} people`,
    );
  }
}

function yuan(fen: Fen): string {
  return `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
}
