import { fenOfMoney } from './income-money';

describe('fenOfMoney', () => {
  it("reads the API's money strings as fen, without a float", () => {
    expect(fenOfMoney('1234.56')).toBe(123456n);
    expect(fenOfMoney('1234.5')).toBe(123450n);
    expect(fenOfMoney('1234')).toBe(123400n);
    expect(fenOfMoney('0.01')).toBe(1n);
    expect(fenOfMoney('-777.70')).toBe(-77770n);
    expect(fenOfMoney('-0.05')).toBe(-5n);
    // Beyond 2^53 fen: exact.
    expect(fenOfMoney('90071992547409.93')).toBe(9007199254740993n);
  });

  it('takes no amount as zero', () => {
    expect(fenOfMoney(null)).toBe(0n);
    expect(fenOfMoney(undefined)).toBe(0n);
    expect(fenOfMoney('')).toBe(0n);
  });
});
