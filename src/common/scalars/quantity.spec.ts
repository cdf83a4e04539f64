import { plainQuantity } from './quantity';

describe('plainQuantity', () => {
  it.each([
    ['6.000', '6'],
    ['2.500', '2.5'],
    ['100.050', '100.05'],
    ['10.000', '10'],
    ['0.000', '0'],
    ['0.125', '0.125'],
    ['120', '120'],
  ])('%s → %s', (stored, shown) => {
    expect(plainQuantity(stored)).toBe(shown);
  });
});
