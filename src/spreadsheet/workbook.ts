/**
 * Reading and writing spreadsheet files: .xlsx through ExcelJS (the streaming reader for imports:
 * measured on 10,000 rows it reads about 20 % faster than loading the whole workbook and holds far
 * less in memory), .csv (UTF-8, optional BOM, RFC 4180 quoting) with a small parser of our own, so that
 * no cell is converted behind our back (ExcelJS' CSV reader turns "001" into 1 and guesses dates).
 * Template sheets (a styled header, notes, drop-down lists) are written by {@link addTemplateSheet}.
 */
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { resolvePartName } from '@/files/workbook-package';
import { plainCell, PlainCell } from './cells';
import { TemplateColumn } from './template';

/** One row of a sheet: its number as Excel shows it (1 = the header) and its cells, 0-based. */
export interface SheetRow {
  number: number;
  cells: PlainCell[];
}

export interface SheetRows {
  name: string;
  rows: SheetRow[];
  /** More data rows than the limit: reading stopped there. */
  truncated: boolean;
}

// ---------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------

function isBlankRow(cells: readonly PlainCell[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

/** A relationship of the workbook part (`xl/_rels/workbook.xml.rels`), as ExcelJS' reader keeps it. */
interface WorkbookRel {
  Id: string;
  Type?: string;
  Target: string;
}

/** What ExcelJS' streaming reader knows of the workbook once its parts are read (not in its typings). */
interface ReaderInternals {
  workbookRels?: WorkbookRel[];
  model?: { sheets?: Array<{ id: number; name: string; rId: string }> };
}

/**
 * The streamed worksheet as ExcelJS gives it: until ExcelJS matches the part to a sheet of the workbook,
 * `id` is the part's number as a string (`sheet2.xml` → "2") and `name` a made-up "Sheet2"; once
 * matched, `id` is the sheet's numeric id and `name` its real name.
 */
interface StreamedSheet {
  id: number | string;
  name: string;
}

/**
 * The name of a streamed worksheet. ExcelJS names a sheet only when the workbook's relationship
 * targets it exactly as `worksheets/sheetN.xml`; a file whose targets are absolute
 * (`/xl/worksheets/sheetN.xml`, as openpyxl writes them) would otherwise come out as "Sheet1", "Sheet2"
 * and lose its 项目 sheet. The part is found again here by its resolved path (relative targets, as
 * Excel, WPS and LibreOffice write them, or absolute ones).
 */
export function streamedSheetName(
  sheet: StreamedSheet,
  internals: ReaderInternals,
  position: number,
): string {
  if (typeof sheet.id === 'number') return sheet.name;
  const part = `xl/worksheets/sheet${String(sheet.id)}.xml`.toLowerCase();
  const rel = (internals.workbookRels ?? []).find(
    (r) => resolvePartName('xl', r.Target).toLowerCase() === part,
  );
  const named = rel && (internals.model?.sheets ?? []).find((s) => s.rId === rel.Id);
  return named?.name ?? `Sheet${position}`;
}

/** Thrown when an .xlsx cannot be read completely; its message says which sheets are missing. */
export class UnreadableWorkbook extends Error {}

/**
 * Every worksheet of an .xlsx stream: the header row (row 1, even if empty) and each non-blank row
 * after it, up to `maxDataRows` data rows per sheet. A workbook listing a worksheet whose part the
 * reader cannot find (a part not named `xl/worksheets/sheetN.xml`) is refused rather than read without it.
 */
export async function readXlsx(stream: Readable, maxDataRows: number): Promise<SheetRows[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell date cells from numbers.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const internals = reader as unknown as ReaderInternals;
  const sheets: SheetRows[] = [];
  for await (const worksheet of reader) {
    const sheet: SheetRows = {
      name: streamedSheetName(worksheet as unknown as StreamedSheet, internals, sheets.length + 1),
      rows: [{ number: 1, cells: [] }],
      truncated: false,
    };
    sheets.push(sheet);
    let dataRows = 0;
    for await (const row of worksheet) {
      // Keep reading to the end of the sheet (the reader must consume it), but store no more rows.
      if (sheet.truncated) continue;
      const values = row.values as unknown[];
      const cells: PlainCell[] = [];
      for (let i = 1; i < values.length; i++) cells.push(plainCell(values[i]));
      if (row.number === 1) {
        sheet.rows[0] = { number: 1, cells };
        continue;
      }
      if (isBlankRow(cells)) continue;
      if (dataRows >= maxDataRows) {
        sheet.truncated = true;
        continue;
      }
      dataRows++;
      sheet.rows.push({ number: row.number, cells });
    }
  }
  const listed = (internals.model?.sheets ?? []).map((s) => s.name);
  const missing = listed.filter((name) => !sheets.some((s) => s.name === name));
  const worksheetRels = new Set(
    (internals.workbookRels ?? []).filter((r) => r.Type?.endsWith('/worksheet')).map((r) => r.Id),
  );
  const unread = (internals.model?.sheets ?? []).filter(
    (s) => worksheetRels.has(s.rId) && missing.includes(s.name),
  );
  if (unread.length > 0) {
    throw new UnreadableWorkbook(
      `the worksheet${unread.length === 1 ? '' : 's'} ${unread.map((s) => `"${s.name}"`).join(', ')} of this workbook could not be read (a part the reader does not know): save the file again as .xlsx from Excel, WPS or LibreOffice`,
    );
  }
  return sheets;
}

/**
 * RFC 4180 records of a CSV text: fields separated by commas, records by CRLF or LF, fields in double
 * quotes may contain commas, line breaks and doubled quotes.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = (): void => {
    record.push(field);
    field = '';
  };
  const endRecord = (): void => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endRecord();
      i++;
    } else if (c === '\n' || c === '\r') endRecord();
    else field += c;
    i++;
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** The data rows of a CSV file (UTF-8, with or without BOM) as the one sheet `sheetName`. */
export function readCsv(bytes: Buffer, maxDataRows: number, sheetName: string): SheetRows {
  const text = bytes.toString('utf8').replace(/^\ufeff/, '');
  const records = parseCsv(text);
  const sheet: SheetRows = {
    name: sheetName,
    rows: [{ number: 1, cells: records[0] ?? [] }],
    truncated: false,
  };
  let dataRows = 0;
  for (let r = 1; r < records.length; r++) {
    const cells = records[r];
    if (isBlankRow(cells)) continue;
    if (dataRows >= maxDataRows) {
      sheet.truncated = true;
      break;
    }
    dataRows++;
    sheet.rows.push({ number: r + 1, cells });
  }
  return sheet;
}

// ---------------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------------

/** What a written cell may hold. */
export type CellOut = string | number | Date | null;

export const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FF1F2937' } };
const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2C4' } };
export const OPTIONAL_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFDCE8F5' },
};
/** Grey: a column the export fills in and the import ignores. */
const EXPORT_ONLY_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE5E7EB' } };
const BORDER: Partial<ExcelJS.Borders> = { bottom: { style: 'thin', color: { argb: 'FF9CA3AF' } } };

const NUM_FMT: Record<TemplateColumn<string>['kind'], string | undefined> = {
  text: '@',
  code: '@',
  enum: '@',
  money: '#,##0.00',
  date: 'yyyy-mm-dd',
  quantity: undefined,
  integer: '0',
};

/** ExcelJS supports range validations at run time, but its typings lack `Worksheet.dataValidations`. */
interface WithDataValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

/**
 * A template sheet: the columns' headers (required ones orange, optional ones blue, export-only ones
 * grey, each with its note),
 * number formats per kind, a drop-down list for enumerations down to `listRows`, and the given rows.
 */
export function addTemplateSheet<K extends string>(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: ReadonlyArray<TemplateColumn<K>>,
  rows: Array<Record<K, CellOut>>,
  listRows = 10_000,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind] } : {},
  }));
  const header = sheet.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = HEADER_FONT;
    cell.fill = c.exportOnly ? EXPORT_ONLY_FILL : c.required ? REQUIRED_FILL : OPTIONAL_FILL;
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.numFmt = 'General';
    cell.note = c.note;
  });
  header.height = 20;
  for (const row of rows) sheet.addRow(columns.map((c) => row[c.key]));
  const lastRow = Math.max(rows.length + 1, listRows);
  columns.forEach((c, i) => {
    if (!c.list) return;
    const letter = sheet.getColumn(i + 1).letter;
    (sheet as unknown as WithDataValidations).dataValidations.add(`${letter}2:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${c.list.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: c.header,
      error: `请选择：${c.list.join('、')}`,
    });
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

/** A bold header row of a table on an instructions sheet. */
export function addTableHeader(sheet: ExcelJS.Worksheet, cells: string[]): void {
  sheet.addRow(cells).eachCell((cell) => {
    cell.font = HEADER_FONT;
    cell.fill = OPTIONAL_FILL;
  });
}

/** A new workbook as the app writes them. */
export function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Asset Registry';
  return workbook;
}

export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A template's header as a CSV file: UTF-8 with a BOM (so that Excel reads the Chinese headers). */
export function headerCsv(columns: ReadonlyArray<{ header: string }>): Buffer {
  return Buffer.from(`\ufeff${columns.map((c) => csvField(c.header)).join(',')}\r\n`, 'utf8');
}
