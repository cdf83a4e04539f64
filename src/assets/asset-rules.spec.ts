import { ProblemList } from '@/common/errors';
import { AssetDraft, checkAssetRules } from './asset-rules';
import { AssetClass, AssetForm, AssetStatus } from './asset.enums';

const draft = (overrides: Partial<AssetDraft>): AssetDraft => ({
  class: AssetClass.PUBLIC_WELFARE,
  form: AssetForm.FIXED,
  status: AssetStatus.IN_USE,
  statusSince: null,
  investedAmount: 0n,
  formedValue: 0n,
  fundSources: [],
  completionDate: '2021-10-01',
  acceptanceDate: null,
  handoverDate: null,
  operator: null,
  operatingMode: null,
  contractStart: null,
  contractEnd: null,
  contractTerms: null,
  contractAnnualAmount: null,
  investee: null,
  equityAgreementNo: null,
  equityMaturityDate: null,
  householdRegistryNo: null,
  householdHeadName: null,
  beneficiaryHouseholds: null,
  beneficiaryPeople: null,
  beneficiaryPoorHouseholds: null,
  beneficiaryPoorPeople: null,
  beneficiaryMonitoredHouseholds: null,
  beneficiaryMonitoredPeople: null,
  ...overrides,
});

function problems(overrides: Partial<AssetDraft>): Array<{ field: string; message: string }> {
  const list = new ProblemList();
  checkAssetRules(draft(overrides), 'input.', list);
  return list.all.map((p) => ({ field: p.field, message: p.message }));
}

describe('checkAssetRules: beneficiaries', () => {
  it('accepts consistent counts, and none at all', () => {
    expect(problems({})).toEqual([]);
    expect(
      problems({
        beneficiaryHouseholds: 40,
        beneficiaryPeople: 120,
        beneficiaryPoorHouseholds: 12,
        beneficiaryPoorPeople: 35,
        beneficiaryMonitoredHouseholds: 3,
        beneficiaryMonitoredPeople: 9,
      }),
    ).toEqual([]);
    expect(
      problems({
        beneficiaryHouseholds: 10,
        beneficiaryPoorHouseholds: 7,
        beneficiaryMonitoredHouseholds: 3,
      }),
    ).toEqual([]);
  });

  it('wants the total when an "of which" count is given', () => {
    expect(problems({ beneficiaryPoorHouseholds: 2 })).toEqual([
      { field: 'input.beneficiaryHouseholds', message: expect.stringMatching(/give their number/) },
    ]);
    expect(problems({ beneficiaryMonitoredPeople: 2 })).toEqual([
      { field: 'input.beneficiaryPeople', message: expect.stringMatching(/give their number/) },
    ]);
  });

  it('refuses formerly poor and monitored beyond the total', () => {
    expect(
      problems({ beneficiaryHouseholds: 5, beneficiaryPoorHouseholds: 4, beneficiaryMonitoredHouseholds: 2 }),
    ).toEqual([
      {
        field: 'input.beneficiaryHouseholds',
        message: '5 beneficiary households cannot include 4 formerly poor and 2 monitored households',
      },
    ]);
    expect(problems({ beneficiaryPeople: 5, beneficiaryPoorPeople: 6 })).toEqual([
      {
        field: 'input.beneficiaryPeople',
        message: '5 beneficiary people cannot include 6 formerly poor and 0 monitored people',
      },
    ]);
  });

  it('refuses more households than people', () => {
    expect(problems({ beneficiaryHouseholds: 5, beneficiaryPeople: 4 })).toEqual([
      { field: 'input.beneficiaryPeople', message: '5 beneficiary households cannot have only 4 people' },
    ]);
  });
});

describe('checkAssetRules: dates in the future', () => {
  const future = (today: string): string[] => {
    const list = new ProblemList();
    checkAssetRules(draft({ completionDate: '2026-03-02', handoverDate: '2026-03-02' }), '', list, today);
    return list.all.filter((p) => p.message.endsWith('is in the future')).map((p) => p.field);
  };

  it('compares with the day it is given (an import checks every row against one day)', () => {
    expect(future('2026-03-01')).toEqual(['completionDate', 'handoverDate']);
    expect(future('2026-03-02')).toEqual([]);
  });

  it('without one, compares with today in China', () => {
    const list = new ProblemList();
    checkAssetRules(draft({ completionDate: '2999-01-01' }), 'input.', list);
    expect(list.all.map((p) => p.field)).toContain('input.completionDate');
  });
});
