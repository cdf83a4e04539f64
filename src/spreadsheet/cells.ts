/**
 * The spreadsheet layer's cells: pure conversions between spreadsheet cells and the register's values: money as bigint fen (never
 * through floating point arithmetic), calendar dates as 'YYYY-MM-DD', quantities as decimal text.
 *
 * A cell arrives as ExcelJS gives it (string, number, boolean, a Date at UTC midnight for date cells,
 * rich text, a hyperlink, a formula with its cached result, an error) or as CSV text; {@link plainCell}
 * flattens it. Parsers throw {@link CellProblem} with a message for the user.
 */
import { Fen, isLocalDate } from '@/common/scalars';
import { plainQuantity } from '@/common/scalars/quantity';

/** A cell's value once rich text, hyperlinks and formulas are resolved. */
export type PlainCell = string | number | boolean | Date | null | { error: string };

/** What is wrong with one cell, in words for the person who filled it in. */
export class CellProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CellProblem';
  }
}

/** Flattens an ExcelJS cell value (or CSV text) into a {@link PlainCell}. */
export function plainCell(value: unknown): PlainCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.error === 'string') return { error: v.error };
    if (Array.isArray(v.richText)) {
      return (v.richText as Array<{ text?: unknown }>).map((r) => String(r.text ?? '')).join('');
    }
    if ('formula' in v || 'sharedFormula' in v) return plainCell(v.result);
    if ('hyperlink' in v || 'text' in v) return plainCell(v.text);
  }
  return String(value as string);
}

/**
 * The shortest decimal text of a number, as JavaScript prints it (the shortest string that reads back
 * as the same double): 12345.67 → "12345.67", 0.1 + 0.2 → "0.30000000000000004". Integers too large for
 * plain notation are printed in full.
 */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new CellProblem(`${String(n)} is not a number`);
  const s = String(n);
  if (/e/i.test(s) && Number.isInteger(n)) return BigInt(n).toString();
  return s;
}

/** 'YYYY-MM-DD' of a Date cell (ExcelJS gives date cells as UTC midnight; a time of day is dropped). */
export function dateCellText(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new CellProblem('is not a valid date');
  // Round to the second first: a serial converted with a floating error just before midnight.
  return new Date(Math.round(d.getTime() / 1000) * 1000).toISOString().slice(0, 10);
}

/** The cell as trimmed text, or null when it is empty. */
export function cellText(cell: PlainCell): string | null {
  if (cell === null) return null;
  if (typeof cell === 'object' && !(cell instanceof Date)) {
    throw new CellProblem(`the cell holds the error ${cell.error}`);
  }
  let text: string;
  if (cell instanceof Date) text = dateCellText(cell);
  else if (typeof cell === 'number') text = numberText(cell);
  else if (typeof cell === 'boolean') text = cell ? 'TRUE' : 'FALSE';
  else text = cell;
  text = text.replace(/^[\s\u3000\ufeff]+|[\s\u3000]+$/g, '');
  // U+FFFD stands where a converter or a reader met bytes it could not decode: text that was damaged,
  // never what someone typed. Refused, rather than kept in the register (an import once made them itself).
  if (text.includes('\ufffd')) throw new CellProblem(DAMAGED_TEXT);
  return text === '' ? null : text;
}

/**
 * Full-width ASCII as ASCII: digits, separators and signs typed while a Chinese input method is in its
 * full-width mode (１２０，０００．００ for 120,000.00; ２０２１－０９－０１), which look the same as the
 * ASCII ones. For numbers, dates and amounts only: names keep their full-width brackets and punctuation.
 */
export function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** The problem of a cell whose text holds U+FFFD. */
export const DAMAGED_TEXT =
  'holds the character "\ufffd", left where text was damaged in a conversion or a copy: type it again';

/** Text with at most `max` characters (as PostgreSQL counts varchar). */
export function parseText(cell: PlainCell, max: number): string | null {
  const text = cellText(cell);
  if (text !== null && [...text].length > max) {
    throw new CellProblem(`is longer than ${max} characters`);
  }
  return text;
}

// ---------------------------------------------------------------------------------------------------
// Money
// ---------------------------------------------------------------------------------------------------

/** Above this a number cell may not hold an exact amount with two decimals (15 significant digits). */
const MAX_EXACT_NUMBER_YUAN = 1e13;
const MAX_WHOLE_DIGITS = 16;

const MONEY_HINT = 'write yuan with at most two decimals, e.g. 12345.67';

/** Yuan text ("12,345.67", "12345.67", "￥12345", "12345元", in full-width digits too) into fen, exactly. */
export function parseYuanText(raw: string): Fen {
  let text = halfWidth(raw)
    .replace(/[\s\u3000]/g, '')
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '');
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) text = text.replace(/,/g, '');
  if (text.startsWith('-')) throw new CellProblem(`${raw} is negative`);
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) throw new CellProblem(`"${raw.slice(0, 40)}" is not an amount: ${MONEY_HINT}`);
  const [, whole, frac = ''] = match;
  if (frac.length > 2) throw new CellProblem(`${raw} has more than two decimals: ${MONEY_HINT}`);
  if (whole.replace(/^0+(?=\d)/, '').length > MAX_WHOLE_DIGITS) {
    throw new CellProblem(`${raw} is too large`);
  }
  return BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
}

/**
 * An amount in yuan into fen. A number cell is read through its shortest decimal text, so that the
 * double nearest to 12345.67 becomes exactly 1234567 fen; 12.345 (three decimals) is refused.
 */
export function parseMoney(cell: PlainCell): Fen | null {
  if (typeof cell === 'number') {
    if (cell < 0) throw new CellProblem(`${numberText(cell)} is negative`);
    if (cell >= MAX_EXACT_NUMBER_YUAN && !Number.isSafeInteger(cell)) {
      throw new CellProblem(`${numberText(cell)} is too large for a number cell: type it as text`);
    }
    const text = numberText(cell);
    if (/e/i.test(text)) throw new CellProblem(`${text} has more than two decimals: ${MONEY_HINT}`);
    return parseYuanText(text);
  }
  if (cell instanceof Date) throw new CellProblem(`is a date, not an amount: ${MONEY_HINT}`);
  const text = cellText(cell);
  return text === null ? null : parseYuanText(text);
}

/** Fen as yuan text with two decimals: 1234567n → "12345.67". */
export function yuanText(fen: Fen): string {
  const abs = fen < 0n ? -fen : fen;
  return `${fen < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/**
 * The number an amount is written as into a cell (so Excel can add it up), when that number reads back
 * as exactly the same fen; otherwise its text.
 */
export function moneyCell(fen: Fen): number | string {
  const text = yuanText(fen);
  const n = Number(text);
  return n < MAX_EXACT_NUMBER_YUAN && numberText(n) === text.replace(/\.?0+$/, '') ? n : text;
}

// ---------------------------------------------------------------------------------------------------
// Quantity
// ---------------------------------------------------------------------------------------------------

const QUANTITY_TEXT = /^(\d+)(?:\.(\d*))?$/;

/** A non-negative quantity with at most three decimals, as canonical decimal text ("2.5", "12"). */
export function parseQuantity(cell: PlainCell): string | null {
  if (cell instanceof Date) throw new CellProblem('is a date, not a quantity');
  if (typeof cell === 'number' && cell < 0) throw new CellProblem(`${numberText(cell)} is negative`);
  const raw = cellText(cell);
  if (raw === null) return null;
  let text = halfWidth(raw).replace(/[\s\u3000]/g, '');
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) text = text.replace(/,/g, '');
  const match = QUANTITY_TEXT.exec(text);
  if (!match) throw new CellProblem(`"${raw.slice(0, 40)}" is not a number with at most three decimals`);
  const whole = match[1].replace(/^0+(?=\d)/, '');
  const frac = (match[2] ?? '').replace(/0+$/, '');
  if (frac.length > 3) throw new CellProblem(`${raw} has more than three decimals`);
  if (whole.length > 15) throw new CellProblem(`${raw} is too large`);
  return frac ? `${whole}.${frac}` : whole;
}

/** A quantity as a number cell when the number keeps every digit, else as text. */
export function quantityCell(quantity: string): number | string {
  const text = plainQuantity(quantity);
  const n = Number(text);
  return Number.isFinite(n) && numberText(n) === text ? n : text;
}

// ---------------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------------

/** Excel day 0 (1899-12-30, the 1900 system) in Unix milliseconds. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Serial numbers of 1950-01-01 and 2099-12-31: a bare number in this range is taken as an Excel date. */
const SERIAL_MIN = 18_264;
const SERIAL_MAX = 73_050;

const DATE_HINT = 'write the date as YYYY-MM-DD';

/**
 * A calendar date: a date cell, or text 'YYYY-MM-DD', 'YYYY/MM/DD' (also 'YYYY.M.D' and 'YYYY年M月D日',
 * in full-width digits too), or a bare Excel serial number of a date between 1950 and 2099 (a date cell
 * whose format was lost).
 */
export function parseDate(cell: PlainCell): string | null {
  if (cell instanceof Date) return dateCellText(cell);
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= SERIAL_MIN && cell <= SERIAL_MAX) {
      return new Date(EXCEL_EPOCH_MS + cell * 86_400_000).toISOString().slice(0, 10);
    }
    throw new CellProblem(`${numberText(cell)} is not a date: ${DATE_HINT}`);
  }
  const text = cellText(cell);
  if (text === null) return null;
  const plain = halfWidth(text);
  const match =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(plain) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(plain);
  if (!match) throw new CellProblem(`"${text.slice(0, 40)}" is not a date: ${DATE_HINT}`);
  const iso = `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`;
  if (!isLocalDate(iso)) throw new CellProblem(`${text} is not a date of the calendar`);
  return iso;
}

/** A 'YYYY-MM-DD' date as the cell value ExcelJS writes as a date (UTC midnight). */
export function dateCell(date: string | null): Date | null {
  return date === null ? null : new Date(`${date}T00:00:00Z`);
}

// ---------------------------------------------------------------------------------------------------
// Integers, enumerations, fund sources
// ---------------------------------------------------------------------------------------------------

export function parseInteger(cell: PlainCell, min: number, max: number): number | null {
  const text = cellText(cell);
  if (text === null) return null;
  const plain = halfWidth(text);
  if (!/^\d{1,9}$/.test(plain)) throw new CellProblem(`"${text.slice(0, 40)}" is not a whole number`);
  const n = Number(plain);
  if (n < min || n > max) throw new CellProblem(`${n} is not between ${min} and ${max}`);
  return n;
}

/**
 * A value of an enumeration, given by its Chinese name (经营性资产) or by the value itself
 * (OPERATING, any case).
 */
export function parseEnum<E extends string>(cell: PlainCell, names: Record<E, string>): E | null {
  const text = cellText(cell);
  if (text === null) return null;
  const values = Object.keys(names) as E[];
  const byName = values.find((v) => names[v] === text);
  if (byName) return byName;
  const upper = text.toUpperCase();
  const byValue = values.find((v) => v === upper);
  if (byValue) return byValue;
  throw new CellProblem(`"${text.slice(0, 40)}" is not one of ${values.map((v) => names[v]).join('、')}`);
}

/** A header as written by people: full-width brackets, spaces, a `*` marking required columns. */
export function normaliseHeader(text: string): string {
  return text.normalize('NFKC').replace(/[\s*]/g, '').replace(/（/g, '(').replace(/）/g, ')');
}
