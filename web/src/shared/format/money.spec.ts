import { formatMoney, isMoneyInput, isPositiveMoney } from './money';

describe('formatMoney', () => {
  it.each([
    ['12345.67', '¥12,345.67'],
    ['0', '¥0.00'],
    ['0.5', '¥0.50'],
    ['1000000', '¥1,000,000.00'],
    ['-1234.5', '-¥1,234.50'],
    ['-0.00', '¥0.00'],
    ['007.10', '¥7.10'],
    ['99999999999999999.99', '¥99,999,999,999,999,999.99'],
  ])('%s → %s', (input, shown) => expect(formatMoney(input)).toBe(shown));

  it('shows a dash for no amount', () => {
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(undefined)).toBe('—');
  });

  it('refuses what is not an amount of yuan', () => {
    for (const bad of ['1.234', '1e3', '¥1', '12,345.67', 'abc']) expect(() => formatMoney(bad)).toThrow();
  });

  it('accepts money input with at most two decimals', () => {
    expect(isMoneyInput('1200')).toBe(true);
    expect(isMoneyInput('1200.5')).toBe(true);
    expect(isMoneyInput('1200.555')).toBe(false);
    expect(isMoneyInput('-1')).toBe(false);
  });
});

describe('isPositiveMoney', () => {
  it.each([
    ['0.02', true],
    ['1200', true],
    ['0.10', true],
    ['0', false],
    ['0.00', false],
    ['-0.01', false],
    ['', false],
    [null, false],
    ['abc', false],
  ])('%s → %s', (input, positive) => expect(isPositiveMoney(input)).toBe(positive));
});
