/**
 * Reading and writing spreadsheet files: .xlsx through ExcelJS (its streaming sheet parser for imports,
 * fed from the ZIP's central directory: see {@link openXlsx}; 10,000 rows × 30 columns read in about
 * 1.3 s here, where ExcelJS' own one-pass reader took 2.0 s and now and then lost a sheet), .csv
 * (UTF-8 or GBK, optional BOM, RFC 4180 quoting) with a small parser of our own, so that no cell is converted
 * behind our back (ExcelJS' CSV reader turns "001" into 1 and guesses dates).
 * Template sheets (a styled header, notes, drop-down lists) are written by {@link addTemplateSheet}.
 */
import { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJS from 'exceljs';
import { PRODUCT_NAME } from '@/common/i18n';
import { excelJs, jsZip } from '@/common/libraries';
import { bomLength, decodeText, encodingOf, TextEncoding } from '@/common/text/text-encoding';
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

/** A relationship of the workbook part (`xl/_rels/workbook.xml.rels`), as ExcelJS' reader parses it. */
interface WorkbookRel {
  Id: string;
  Type?: string;
  Target: string;
}

/** A worksheet as ExcelJS' streaming reader gives it: its rows, parsed as they are read. */
type StreamedWorksheet = AsyncIterable<ExcelJS.Row>;

/**
 * The parts of ExcelJS' streaming `WorkbookReader` this module drives (not in its typings; exceljs is
 * pinned to an exact version in package.json, and `workbook.spec.ts` reads real workbooks through them).
 * Each `_parse…` method takes the stream of one part's bytes.
 */
interface ReaderParts {
  workbookRels?: WorkbookRel[];
  model?: { sheets?: Array<{ id: number; name: string; rId: string }> };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(chunks: AsyncIterable<unknown>, sheetNo: string): Iterable<{ value: StreamedWorksheet }>;
}

/** Thrown when an .xlsx cannot be read completely; its message says which sheets are missing. */
export class UnreadableWorkbook extends Error {}

/**
 * Thrown when a part of an .xlsx fails while it is read (a sheet's rows, the shared strings): its cause
 * says how.
 */
export class UnreadableSheet extends Error {
  constructor(part: string, cause: unknown) {
    super(`${part} could not be read`, { cause });
  }
}

/** The relationships part beside `part` (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`). */
function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/**
 * A sheet of an uploaded file that can be read more than once: every call of {@link SheetSource.rows}
 * reads it afresh from the file's bytes, so that an import holds the file (its compressed bytes, for an
 * .xlsx) and never all of its rows at once. An import reads its main sheet three times: to count its
 * rows and collect what they refer to, to check them, and to write them.
 */
export interface SheetSource {
  name: string;
  /**
   * Row 1 first (the header: empty cells if the sheet has no row 1), then each non-blank row after it, up
   * to the limit of data rows the source was opened with.
   */
  rows(): AsyncIterable<SheetRow>;
  /** Set by a pass of {@link rows} that reached the limit: the sheet has more data rows (not read). */
  truncated: boolean;
}

/** Every row of a sheet source, read once (for imports whose rows are few). */
export async function sheetRowsOf(source: SheetSource): Promise<SheetRows> {
  const rows: SheetRow[] = [];
  for await (const row of source.rows()) rows.push(row);
  return { name: source.name, rows, truncated: source.truncated };
}

/**
 * The sheet rows after the header that count as data: blank ones skipped, at most `maxDataRows`; one
 * more sets `truncated` on `source` and ends the reading.
 */
async function* dataRows(
  source: { truncated: boolean },
  rows: AsyncIterable<SheetRow> | Iterable<SheetRow>,
  maxDataRows: number,
): AsyncGenerator<SheetRow> {
  let count = 0;
  let first = true;
  for await (const row of rows) {
    if (first) {
      first = false;
      // The header is row 1, even when the sheet's first row with cells is a later one.
      if (row.number === 1) {
        yield row;
        continue;
      }
      yield { number: 1, cells: [] };
    }
    if (isBlankRow(row.cells)) continue;
    if (count >= maxDataRows) {
      // One data row too many: the rest of the sheet is not read.
      source.truncated = true;
      return;
    }
    count++;
    yield row;
  }
  if (first) yield { number: 1, cells: [] };
}

/**
 * Every worksheet of an .xlsx, in the workbook's order, as re-readable sources (see {@link SheetSource}):
 * the header row (row 1, even if empty) and each non-blank row after it, up to `maxDataRows` data rows
 * per sheet.
 *
 * The file's parts are found through the ZIP's central directory (the compressed file is held in memory:
 * uploads are capped by FILES_MAX_BYTES) and each sheet is found through the workbook's relationships,
 * relative (Excel, WPS, LibreOffice) or absolute (openpyxl) and whatever its part is named. The shared
 * strings and styles are read once; each reading of a sheet unpacks its XML again and parses it as a
 * stream, row by row, with ExcelJS, so a large sheet is never held unpacked or as a whole.
 * ExcelJS' own `WorkbookReader.parse` reads the ZIP in one forward pass through unzipper, and that pass
 * loses entries now and then when its consumer awaits (exceljs#3064, unzipper#234): measured here,
 * 36 of 300 reads of a two-sheet workbook came back without a sheet. A workbook listing a sheet whose
 * part is not in the file is refused rather than read without it.
 */
export async function openXlsx(bytes: Buffer, maxDataRows: number): Promise<SheetSource[]> {
  const zip = await jsZip().loadAsync(bytes);
  const byName = new Map(Object.values(zip.files).map((f) => [f.name.toLowerCase(), f]));
  // Each part as its text: ExcelJS' XML parser decodes every chunk of bytes it is given on its own, and a
  // character cut between two chunks came out as U+FFFD (87 of 4,000 rows of Chinese shared strings).
  const part = (name: string): Readable | undefined => {
    const stream = byName.get(name.toLowerCase())?.nodeStream('nodebuffer') as Readable | undefined;
    return stream && Readable.from(utf8Text(stream));
  };
  const reader = new (excelJs().stream.xlsx.WorkbookReader)(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell date cells from numbers.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as ReaderParts;

  const workbookPart = 'xl/workbook.xml';
  const workbook = part(workbookPart);
  const rels = part(relsPartOf(workbookPart));
  if (!workbook || !rels)
    throw new UnreadableWorkbook(
      'the workbook part or its relationships are missing: save the file again as .xlsx from Excel, WPS or LibreOffice',
    );
  await reader._parseRels(rels);
  await reader._parseWorkbook(workbook);
  const relsById = new Map((reader.workbookRels ?? []).map((r) => [r.Id, r]));
  const targetOfType = (type: string): string | undefined => {
    const rel = (reader.workbookRels ?? []).find((r) => r.Type?.endsWith(`/${type}`));
    return rel && resolvePartName('xl', rel.Target);
  };
  const sharedStrings = part(targetOfType('sharedStrings') ?? 'xl/sharedStrings.xml');
  if (sharedStrings) {
    // Cut short, it would leave the cells of its missing strings empty without a word.
    for await (const _ of reader._parseSharedStrings(
      Readable.from(wholeXml('the shared strings', sharedStrings, 'sst')),
    ));
  }
  const styles = part(targetOfType('styles') ?? 'xl/styles.xml');
  if (styles) await reader._parseStyles(styles);

  const listed = reader.model?.sheets ?? [];
  const unread = listed.filter((s) => {
    const rel = relsById.get(s.rId);
    return (
      rel?.Type?.endsWith('/worksheet') === true &&
      !byName.has(resolvePartName('xl', rel.Target).toLowerCase())
    );
  });
  if (unread.length > 0) {
    throw new UnreadableWorkbook(
      `the worksheet${unread.length === 1 ? '' : 's'} ${unread.map((s) => `"${s.name}"`).join(', ')} of this workbook could not be read (its part is not in the file): save the file again as .xlsx from Excel, WPS or LibreOffice`,
    );
  }

  const sources: SheetSource[] = [];
  for (const listedSheet of listed) {
    const rel = relsById.get(listedSheet.rId);
    // Chart sheets and dialog sheets hold no rows.
    if (!rel?.Type?.endsWith('/worksheet')) continue;
    const partName = resolvePartName('xl', rel.Target);
    const source: SheetSource = {
      name: listedSheet.name,
      truncated: false,
      rows: () => {
        const xml = wholeXml(`the sheet "${listedSheet.name}"`, part(partName)!, 'worksheet');
        const [event] = [...reader._parseWorksheet(xml, String(listedSheet.id))];
        return dataRows(source, worksheetRows(listedSheet.name, event.value), maxDataRows);
      },
    };
    sources.push(source);
  }
  return sources;
}

/**
 * A stream of bytes as UTF-8 text, a character cut between two chunks put together again (not decoded
 * chunk by chunk).
 */
async function* utf8Text(stream: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  // JSZip's stream is an older kind of stream, not async-iterable everywhere: wrapped in a current one.
  for await (const chunk of new Readable().wrap(stream)) {
    const text = decoder.write(chunk as Buffer);
    if (text !== '') yield text;
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}

/**
 * The text of a part, passed on as it comes; at the end, an UnreadableSheet unless the part closes its
 * root element. ExcelJS' XML parser never tells a document that stops part-way from a whole one: a sheet
 * cut short (a copy broken off, a damaged file) would import its first rows and drop the rest silently.
 */
async function* wholeXml(what: string, part: Readable, root: string): AsyncGenerator<string> {
  const closing = new RegExp(`</(?:[A-Za-z_][\\w.-]*:)?${root}\\s*>\\s*$`);
  let tail = '';
  for await (const chunk of part) {
    const text = chunk as string;
    tail = (tail + text.slice(-64)).slice(-64);
    yield text;
  }
  if (!closing.test(tail)) {
    throw new UnreadableSheet(what, new Error(`the part ends before </${root}>`));
  }
}

/** The rows of a streamed worksheet as plain cells (0-based); a failure of the file is an UnreadableSheet. */
async function* worksheetRows(sheet: string, worksheet: StreamedWorksheet): AsyncGenerator<SheetRow> {
  const rows = worksheet[Symbol.asyncIterator]();
  let done = false;
  try {
    for (;;) {
      let next: IteratorResult<ExcelJS.Row>;
      try {
        next = await rows.next();
      } catch (error) {
        done = true;
        throw new UnreadableSheet(`the sheet "${sheet}"`, error);
      }
      if (next.done) {
        done = true;
        return;
      }
      const values = next.value.values as unknown[];
      const cells: PlainCell[] = [];
      for (let i = 1; i < values.length; i++) cells.push(plainCell(values[i]));
      yield { number: next.value.number, cells };
    }
  } finally {
    // Stopped early (the row limit): the sheet's parser is told to stop reading.
    if (!done) await rows.return?.();
  }
}

/** The whole of a stream's bytes. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/**
 * RFC 4180 records of a CSV text, one at a time: fields separated by commas, records by CRLF or LF,
 * fields in double quotes may contain commas, line breaks and doubled quotes. The text may come in
 * pieces, each ending just after a line feed (but the last): a record or a quoted field may run on into
 * the next piece.
 */
export function* csvRecords(pieces: Iterable<string>): Generator<string[]> {
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (const text of pieces) {
    let i = 0;
    const n = text.length;
    // Runs of ordinary characters are taken as slices of the text, not a character at a time: a file of
    // 100,000 rows would otherwise build every cell out of one string per character.
    while (i < n) {
      if (quoted) {
        const quote = text.indexOf('"', i);
        if (quote === -1) {
          field += text.slice(i);
          break;
        }
        field += text.slice(i, quote);
        if (text[quote + 1] === '"') {
          field += '"';
          i = quote + 2;
        } else {
          quoted = false;
          i = quote + 1;
        }
        continue;
      }
      const c = text[i];
      if (c === '"' && field === '') {
        quoted = true;
        i++;
      } else if (c === ',') {
        record.push(field);
        field = '';
        i++;
      } else if (c === '\r' || c === '\n') {
        record.push(field);
        field = '';
        yield record;
        record = [];
        i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      } else {
        // Up to the next comma, line break or quote (a quote inside an unquoted field is a character).
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === 44 || d === 10 || d === 13 || d === 34) break;
          j++;
        }
        field += text.slice(i, j);
        i = j;
      }
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    yield record;
  }
}

/** Every record of a CSV text (see {@link csvRecords}). */
export function parseCsv(text: string): string[][] {
  return [...csvRecords([text])];
}

/** Bytes of CSV decoded per piece: a cell is a slice of its piece, never of the whole file's text. */
export const CSV_PIECE_BYTES = 1 << 20;

/**
 * The text of a CSV file, UTF-8 or else GB18030 (GBK: see {@link TextEncoding}), its byte order mark
 * dropped, in pieces of about `pieceBytes`, each ending just after a line feed (a whole character: a line
 * feed byte is never part of another character in either encoding).
 */
export function* csvPieces(
  bytes: Buffer,
  pieceBytes = CSV_PIECE_BYTES,
  encoding: TextEncoding = encodingOf(bytes),
): Generator<string> {
  let start = bomLength(bytes, encoding);
  while (start < bytes.length) {
    const lineFeed = bytes.indexOf(0x0a, start + pieceBytes - 1);
    const end = lineFeed === -1 ? bytes.length : lineFeed + 1;
    yield decodeText(bytes.subarray(start, end), encoding);
    start = end;
  }
}

/** The rows of a CSV file, numbered as a spreadsheet would number its records. */
function* numberedRecords(bytes: Buffer, encoding: TextEncoding): Generator<SheetRow> {
  let number = 0;
  for (const cells of csvRecords(csvPieces(bytes, CSV_PIECE_BYTES, encoding))) {
    number++;
    yield { number, cells };
  }
}

/**
 * A CSV file (UTF-8 or GB18030, with or without BOM) as the one sheet `sheetName`, re-readable (see
 * {@link SheetSource}): each reading decodes the bytes again, a piece at a time, and parses one record
 * at a time. The encoding is decided once, on the whole file.
 */
export function openCsv(bytes: Buffer, maxDataRows: number, sheetName: string): SheetSource {
  const encoding = encodingOf(bytes);
  const source: SheetSource = {
    name: sheetName,
    truncated: false,
    rows: () => dataRows(source, numberedRecords(bytes, encoding), maxDataRows),
  };
  return source;
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

/** A row of a template sheet: a value per column key. */
export type TemplateRow<K extends string> = Record<K, CellOut>;

/**
 * A template sheet: the columns' headers (required ones orange, optional ones blue, export-only ones
 * grey, each with its note), number formats per kind, the given rows, each written out as it comes, and a
 * drop-down list for enumerations down to `listRows` (or the last row). Commits the sheet: the workbook's
 * next sheet may be added then. Returns the number of rows written.
 */
export async function addTemplateSheet<K extends string>(
  out: WorkbookOut,
  name: string,
  columns: ReadonlyArray<TemplateColumn<K>>,
  rows: Iterable<TemplateRow<K>> | AsyncIterable<TemplateRow<K>>,
  listRows = 10_000,
): Promise<number> {
  const sheet = out.workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
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
    // A column without a note gets no comment (an empty one still shows its marker on the cell).
    if (c.note) cell.note = c.note;
  });
  header.height = 20;
  header.commit();
  const written = await addRowsAsTheyCome(sheet, rows, (row) => columns.map((c) => row[c.key]));
  const lastRow = Math.max(written + 1, listRows);
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
  sheet.commit();
  return written;
}

/** The longest the rows of a sheet hold the event loop before letting it turn (milliseconds). */
export const ROWS_TURN_MS = 20;

/**
 * Adds the rows to a streamed sheet, each written out (committed) as it comes, and returns how many. An
 * empty cell is left out (undefined), not written as a styled blank: its column's style applies.
 *
 * - The event loop turns at least every {@link ROWS_TURN_MS}, for the requests in flight and the
 *   compression: by time, not by a count of rows, since how long a row takes depends on its width and
 *   the machine (a thousand rows of the 56-column asset sheet held the loop up to 650 ms).
 * - Every cell of a column takes the same style object (per type of value): ExcelJS gives each new cell
 *   a copy of its column's style and, at the commit, renders it to XML to look up its style id, unless it
 *   has seen that very object before. The cells are added here and committed at once, so nothing else
 *   sets their style; sharing the object makes the lookup a WeakMap hit.
 */
export async function addRowsAsTheyCome<Row>(
  sheet: ExcelJS.Worksheet,
  rows: Iterable<Row> | AsyncIterable<Row>,
  cells: (row: Row) => Array<CellOut | undefined>,
): Promise<number> {
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  let written = 0;
  let turned = performance.now();
  for await (const row of rows) {
    const added = sheet.addRow(cells(row).map((v) => v ?? undefined));
    added.eachCell((cell, column) => {
      const key = `${column}:${cell.type}`;
      const style = styles.get(key);
      if (style) cell.style = style;
      else styles.set(key, cell.style);
    });
    added.commit();
    written++;
    if (performance.now() - turned >= ROWS_TURN_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      turned = performance.now();
    }
  }
  return written;
}

/** A bold header row of a table on an instructions sheet. */
export function addTableHeader(sheet: ExcelJS.Worksheet, cells: string[]): void {
  sheet.addRow(cells).eachCell((cell) => {
    cell.font = HEADER_FONT;
    cell.fill = OPTIONAL_FILL;
  });
}

/**
 * A workbook written as it is built (ExcelJS's streaming writer): a committed row is turned into XML and
 * compressed at once, so that what is held is the finished file's bytes, not a cell object per cell (an
 * export of 100,000 assets as an in-memory workbook took 242 s and peaked at 4.3 GiB). Its sheets are
 * written one after the other: commit a sheet before adding the next. Strings go to the shared-string
 * table, held to the end but only one copy of each (written in their cells instead, the same export was
 * a 29.8 MB file against 15.2 MB, over the 20 MiB that an export, to be imported again, must fit).
 * Deflate runs at level 9: 100,000 assets in 11.2 MB instead of 15.2, for 4 s more (docs/benchmarks.md).
 */
export class WorkbookOut {
  readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly chunks: Buffer[] = [];
  private readonly sink = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      this.chunks.push(chunk);
      done();
    },
  });

  constructor() {
    this.workbook = new (excelJs().stream.xlsx.WorkbookWriter)({
      stream: this.sink,
      useStyles: true,
      useSharedStrings: true,
      zip: { zlib: { level: 9 } },
    });
    this.workbook.creator = PRODUCT_NAME;
  }

  /** Bytes of the file produced so far (compressed rows arrive as the writer gets to them). */
  get bytesWritten(): number {
    return this.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  }

  /** Commits what is not yet committed and returns the file. */
  async bytes(): Promise<Buffer> {
    const written = finished(this.sink);
    await this.workbook.commit();
    await written;
    return Buffer.concat(this.chunks);
  }
}

/** A new workbook as the app writes them. */
export function newWorkbook(): WorkbookOut {
  return new WorkbookOut();
}

export function workbookBytes(out: WorkbookOut): Promise<Buffer> {
  return out.bytes();
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A template's header as a CSV file: UTF-8 with a BOM (so that Excel reads the Chinese headers). */
export function headerCsv(columns: ReadonlyArray<{ header: string }>): Buffer {
  return Buffer.from(`\ufeff${columns.map((c) => csvField(c.header)).join(',')}\r\n`, 'utf8');
}
