import { FundSource } from '@/projects/fund-source.enum';
import { ASSET_CLASS_NAMES, AssetClass } from '../asset.enums';
import {
  CellProblem,
  DAMAGED_TEXT,
  moneyCell,
  normaliseHeader,
  parseDate,
  parseEnum,
  parseInteger,
  parseMoney,
  parseQuantity,
  parseText,
  plainCell,
  PlainCell,
  quantityCell,
} from '@/spreadsheet/cells';
import { parseCsv } from '@/spreadsheet/workbook';
import { fundSourcesText, parseFundSources } from './fund-source-cells';

const problemOf = (parse: (cell: PlainCell) => unknown, cell: PlainCell): string => {
  try {
    parse(cell);
  } catch (error) {
    if (error instanceof CellProblem) return error.message;
    throw error;
  }
  throw new Error(`no problem with ${String(cell)}`);
};

describe('asset ledger cells', () => {
  it('flattens ExcelJS values: rich text, hyperlinks, formulas, errors', () => {
    expect(plainCell({ richText: [{ text: '蔬菜' }, { text: '大棚' }] })).toBe('蔬菜大棚');
    expect(plainCell({ text: 'A-1', hyperlink: 'http://example.org' })).toBe('A-1');
    expect(plainCell({ formula: 'A1+B1', result: 12.5 })).toBe(12.5);
    expect(plainCell({ sharedFormula: 'A1', result: 'x' })).toBe('x');
    expect(plainCell({ error: '#N/A' })).toEqual({ error: '#N/A' });
    expect(plainCell(undefined)).toBeNull();
    expect(problemOf(parseMoney, { error: '#DIV/0!' })).toMatch(/error #DIV\/0!/);
  });

  it('refuses text holding U+FFFD (damaged in a conversion), in any kind of cell', () => {
    expect(problemOf((c) => parseText(c, 50), '梧桐\ufffd村')).toBe(DAMAGED_TEXT);
    expect(problemOf(parseMoney, '12\ufffd')).toBe(DAMAGED_TEXT);
    expect(problemOf(parseDate, '2024-01-0\ufffd')).toBe(DAMAGED_TEXT);
    expect(parseText('梧桐村', 50)).toBe('梧桐村');
  });

  it('reads money exactly in fen: numbers through their shortest decimal text, text with separators', () => {
    expect(parseMoney(12345.67)).toBe(1234567n);
    expect(parseMoney(236000.5)).toBe(23600050n);
    expect(parseMoney(1e12 + 0.01)).toBe(100000000000001n);
    expect(parseMoney(0)).toBe(0n);
    expect(parseMoney('12,345.67')).toBe(1234567n);
    expect(parseMoney('12345.6')).toBe(1234560n);
    expect(parseMoney(' ￥1,000,000 ')).toBe(100000000n);
    // As typed with a Chinese input method in full-width mode, and with 元 after the amount.
    expect(parseMoney('１２０，０００．５０')).toBe(12000050n);
    expect(parseMoney('￥１２０００')).toBe(1200000n);
    expect(parseMoney('120000元')).toBe(12000000n);
    expect(problemOf(parseMoney, '12万')).toMatch(/not an amount/);
    expect(problemOf(parseMoney, '元')).toMatch(/not an amount/);
    expect(parseMoney('')).toBeNull();
    expect(parseMoney(null)).toBeNull();
    expect(problemOf(parseMoney, '12.345')).toMatch(/more than two decimals/);
    expect(problemOf(parseMoney, 12.345)).toMatch(/more than two decimals/);
    // A formula's floating-point noise is not silently rounded.
    expect(problemOf(parseMoney, 0.1 + 0.2)).toMatch(/more than two decimals/);
    expect(problemOf(parseMoney, -5)).toMatch(/negative/);
    expect(problemOf(parseMoney, '1,23.00')).toMatch(/not an amount/);
    expect(problemOf(parseMoney, 'abc')).toMatch(/not an amount/);
    expect(problemOf(parseMoney, 1e20)).toMatch(/too large for a number cell/);
    expect(problemOf(parseMoney, new Date())).toMatch(/is a date/);
  });

  it('writes money as a number only when it reads back as the same fen', () => {
    expect(moneyCell(1234567n)).toBe(12345.67);
    expect(moneyCell(24000000n)).toBe(240000);
    expect(moneyCell(123456789012345678n)).toBe('1234567890123456.78');
    for (const fen of [1n, 10n, 99n, 100n, 1234567n, 99999999999n, 123456789012n]) {
      const cell = moneyCell(fen);
      expect(parseMoney(cell)).toBe(fen);
    }
  });

  it('reads quantities with up to three decimals', () => {
    expect(parseQuantity(12)).toBe('12');
    expect(parseQuantity(2.5)).toBe('2.5');
    expect(parseQuantity('1,200.500')).toBe('1200.5');
    expect(parseQuantity('007')).toBe('7');
    expect(parseQuantity('１，２００．５')).toBe('1200.5');
    expect(problemOf(parseQuantity, 1.2345)).toMatch(/more than three decimals/);
    expect(problemOf(parseQuantity, '1/2')).toMatch(/not a number/);
    expect(quantityCell('12.000')).toBe(12);
    expect(quantityCell('0.125')).toBe(0.125);
    expect(quantityCell('123456789012345.125')).toBe('123456789012345.125');
  });

  it('reads dates from date cells (UTC midnight), text and bare Excel serial numbers', () => {
    expect(parseDate(new Date('2021-10-01T00:00:00Z'))).toBe('2021-10-01');
    expect(parseDate(new Date('2021-09-30T23:59:59.9995Z'))).toBe('2021-10-01');
    expect(parseDate('2021-10-01')).toBe('2021-10-01');
    expect(parseDate('2021/1/5')).toBe('2021-01-05');
    expect(parseDate('2021年10月1日')).toBe('2021-10-01');
    expect(parseDate('２０２１－１０－０１')).toBe('2021-10-01');
    expect(parseDate('２０２１年１０月１日')).toBe('2021-10-01');
    expect(parseDate('２０２１／１／５')).toBe('2021-01-05');
    expect(parseInteger('２０２１', 1950, 2099)).toBe(2021);
    expect(problemOf((c) => parseInteger(c, 1, 99), '３人')).toBe('"３人" is not a whole number');
    expect(parseDate(44470)).toBe('2021-10-01');
    expect(parseDate('')).toBeNull();
    expect(problemOf(parseDate, '2021-02-30')).toMatch(/not a date of the calendar/);
    expect(problemOf(parseDate, '2021-13-01')).toMatch(/not a date/);
    expect(problemOf(parseDate, '01/10/2021')).toMatch(/YYYY-MM-DD/);
    expect(problemOf(parseDate, 2021)).toMatch(/not a date/);
  });

  it('reads enumerations by Chinese name or by value', () => {
    expect(parseEnum('经营性资产', ASSET_CLASS_NAMES)).toBe(AssetClass.OPERATING);
    expect(parseEnum('household', ASSET_CLASS_NAMES)).toBe(AssetClass.HOUSEHOLD);
    expect(problemOf((c) => parseEnum(c, ASSET_CLASS_NAMES), '经营性')).toMatch(
      /经营性资产、公益性资产、到户类资产/,
    );
  });

  it('reads and writes fund sources', () => {
    expect(parseFundSources('中央财政资金:100000.00;区级财政资金：50,000')).toEqual([
      { source: FundSource.CENTRAL_FISCAL, amount: 10000000n },
      { source: FundSource.DISTRICT_FISCAL, amount: 5000000n },
    ]);
    expect(parseFundSources('LINKAGE_FUND:1.5；\n')).toEqual([
      { source: FundSource.LINKAGE_FUND, amount: 150n },
    ]);
    expect(parseFundSources(null)).toEqual([]);
    const message = problemOf(
      parseFundSources,
      '衔接资金:1;衔接资金:2;不明资金:3;其他资金:0;区级财政资金:1.234;债券资金',
    );
    expect(message).toMatch(/衔接资金 is listed twice/);
    expect(message).toMatch(/"不明资金" is not a fund source/);
    expect(message).toMatch(/其他资金 must be more than zero/);
    expect(message).toMatch(/more than two decimals/);
    expect(message).toMatch(/"债券资金" needs a name and an amount/);
    const sources = [
      { source: FundSource.LINKAGE_FUND, amount: 20000000n },
      { source: FundSource.DISTRICT_FISCAL, amount: 4000050n },
    ];
    expect(fundSourcesText(sources)).toBe('衔接资金:200000.00;区级财政资金:40000.50');
    expect(parseFundSources(fundSourcesText(sources))).toEqual(sources);
  });

  it('normalises headers as people write them', () => {
    expect(normaliseHeader(' 投资额（元）* ')).toBe('投资额(元)');
    expect(normaliseHeader('所在村／镇')).toBe('所在村/镇');
  });

  it('parses RFC 4180 CSV', () => {
    expect(parseCsv('a,"b,c","d ""e""\nf"\r\n1,,3\n')).toEqual([
      ['a', 'b,c', 'd "e"\nf'],
      ['1', '', '3'],
    ]);
    expect(parseCsv('x,y')).toEqual([['x', 'y']]);
    // A quote inside an unquoted field is a character; text after a closing quote joins the field; a
    // blank line is a record of one empty field; an unclosed quote runs to the end of the file.
    expect(parseCsv('a"b,"c"d\r\r\n"资产,\n')).toEqual([['a"b', 'cd'], [''], ['资产,\n']]);
  });
});
