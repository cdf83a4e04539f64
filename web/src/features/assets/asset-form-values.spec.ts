import { assetChanges, fenOf, registrationInput, type AssetFormValues } from './asset-form-values';

const base: AssetFormValues = {
  code: 'WZ-1',
  name: '光伏电站',
  class: 'OPERATING',
  form: 'FIXED',
  categoryCode: 'PV',
  projectId: 'p1',
  locationCode: '500101151201',
  quantity: '1',
  unit: '座',
  investedAmount: '1000.00',
  formedValue: '1000.00',
  fundSources: [{ source: 'CENTRAL_FISCAL', amount: '1000.00' }],
  operator: null,
  managementEntity: '梧桐村',
};

describe('asset form values', () => {
  it('fenOf reads yuan without floating point', () => {
    expect(fenOf('1200.5')).toBe(120050n);
    expect(fenOf('0.07')).toBe(7n);
    expect(fenOf('12345678901.99')).toBe(1234567890199n);
  });

  it('a registration sends the fields that have a value, trimmed', () => {
    const input = registrationInput({ ...base, name: ' 光伏电站 ', operator: '  ' });
    expect(input.name).toBe('光伏电站');
    expect('operator' in input).toBe(false);
    expect(input.fundSources).toEqual([{ source: 'CENTRAL_FISCAL', amount: '1000.00' }]);
  });

  it('an edit sends only what changed; an emptied field clears it; the code never', () => {
    expect(assetChanges(base, { ...base })).toEqual({});
    expect(
      assetChanges(base, { ...base, code: 'X', name: '新名称', managementEntity: '', operator: '合作社' }),
    ).toEqual({ name: '新名称', managementEntity: null, operator: '合作社' });
    expect(
      assetChanges(base, { ...base, fundSources: [{ source: 'CENTRAL_FISCAL', amount: '1000' }] }),
    ).toEqual({});
    expect(
      assetChanges(base, {
        ...base,
        fundSources: [
          { source: 'CENTRAL_FISCAL', amount: '600' },
          { source: 'DISTRICT_FISCAL', amount: '400' },
        ],
      }).fundSources,
    ).toEqual([
      { source: 'CENTRAL_FISCAL', amount: '600' },
      { source: 'DISTRICT_FISCAL', amount: '400' },
    ]);
  });
});
