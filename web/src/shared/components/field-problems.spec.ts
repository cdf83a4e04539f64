import { fieldPath } from './field-problems';

describe('fieldPath', () => {
  it('turns the field the API names into the form’s name path', () => {
    expect(fieldPath('fundSources')).toEqual(['fundSources']);
    expect(fieldPath('fundSources[1].source')).toEqual(['fundSources', 1, 'source']);
    expect(fieldPath('fundSources.0.amount')).toEqual(['fundSources', 0, 'amount']);
    expect(fieldPath('code')).toEqual(['code']);
  });
});
