import { fenOfYuan, formatMoney, isMoneyInput, isPositiveMoney, yuanOfFen } from './money';

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

describe('fenOfYuan and yuanOfFen', () => {
  it('reads a money input as fen and writes fen back as yuan, exactly', () => {
    expect(fenOfYuan('1200.5')).toBe(120050n);
    expect(fenOfYuan(' 0.07 ')).toBe(7n);
    expect(fenOfYuan('9999999999999.99')).toBe(999999999999999n);
    expect(yuanOfFen(120050n)).toBe('1200.50');
    expect(yuanOfFen(7n)).toBe('0.07');
    expect(yuanOfFen(-5n)).toBe('-0.05');
    expect(yuanOfFen(fenOfYuan('0.1')! + fenOfYuan('0.2')!)).toBe('0.30');
  });

  it('has no fen for what is not a money input', () => {
    for (const bad of ['1.234', '-1', '', '1e3', '１２']) expect(fenOfYuan(bad)).toBeNull();
    expect(fenOfYuan(undefined)).toBeNull();
  });
});
