import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { minimalWorkbook } from '../../test/support/zip';
import { problemMessageZh } from '@/common/i18n/problem-messages';
import { gbk } from '@/common/text/testing/gbk';
import { TemplateColumn } from './template';
import {
  addRowsAsTheyCome,
  addTemplateSheet,
  CellOut,
  csvPieces,
  readAll,
  csvRecords,
  openCsv,
  openXlsx,
  parseCsv,
  SheetRow,
  SheetRows,
  sheetRowsOf,
  SheetSource,
  UnreadableSheet,
  TemplateRow,
  UnreadableWorkbook,
  newWorkbook,
  workbookBytes,
  WorkbookOut,
} from './workbook';

const sheets = [
  {
    name: '资产',
    rows: [
      ['资产编号', '资产名称'],
      ['A-1', '蔬菜大棚'],
    ],
  },
  { name: '项目', rows: [['项目编号'], ['P-1']] },
];

const relative = (n: number): string => `worksheets/sheet${n}.xml`;

/** Every sheet of an .xlsx stream, each read once. */
async function readXlsx(stream: Readable, maxDataRows: number): Promise<SheetRows[]> {
  const sheets: SheetRows[] = [];
  for (const source of await openXlsx(await readAll(stream), maxDataRows))
    sheets.push(await sheetRowsOf(source));
  return sheets;
}

describe('readXlsx', () => {
  it.each([
    ['relative (Excel, WPS, LibreOffice)', relative],
    ['absolute (openpyxl)', (n: number) => `/xl/worksheets/sheet${n}.xml`],
    ['to a part not named sheetN.xml', (n: number) => (n === 2 ? 'worksheets/projects.xml' : relative(n))],
  ])('names every sheet when the relationship targets are %s', async (_label, target) => {
    const read = await readXlsx(Readable.from([minimalWorkbook(sheets, target)]), 100);
    expect(read.map((s) => s.name)).toEqual(['资产', '项目']);
    expect(read[1].rows).toEqual([
      { number: 1, cells: ['项目编号'] },
      { number: 2, cells: ['P-1'] },
    ]);
  });

  it('refuses a workbook whose listed sheet part is not in the file, rather than read it without that sheet', async () => {
    const bytes = minimalWorkbook(sheets, relative, 'xl/worksheets/sheet2.xml');
    await expect(readXlsx(Readable.from([bytes]), 100)).rejects.toThrow(
      /"项目" of this workbook could not be read/,
    );
  });

  it('reads every sheet on every read (a one-pass ZIP reader lost one about once in eight)', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('资产').addRows([['资产编号'], ['A-1'], ['A-2']]);
    book.addWorksheet('项目').addRows([['项目编号'], ['P-1']]);
    const written = Buffer.from(await book.xlsx.writeBuffer());
    const files = [written, minimalWorkbook(sheets, relative)];
    const counts: string[] = [];
    for (let i = 0; i < 200; i++) {
      // One after another, as imports run: the lost entries came from the reader awaiting its consumer.
      const read = await readXlsx(Readable.from([files[i % 2]]), 100);
      counts.push(read.map((s) => `${s.name}:${s.rows.length}`).join(','));
    }
    expect(new Set(counts)).toEqual(new Set(['资产:3,项目:2', '资产:2,项目:2']));
  });

  it('stops at the row limit and says the sheet was cut', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('资产').addRows([['资产编号'], ['A-1'], [''], ['A-2'], ['A-3']]);
    const [sheet] = await readXlsx(Readable.from([Buffer.from(await book.xlsx.writeBuffer())]), 2);
    expect(sheet).toMatchObject({ truncated: true });
    expect(sheet.rows.map((r) => r.cells[0])).toEqual(['资产编号', 'A-1', 'A-2']);
  });
});

describe('what readXlsx says of a file it cannot read, in Chinese', () => {
  const refusal = async (bytes: Buffer): Promise<string> => {
    try {
      await readXlsx(Readable.from([bytes]), 100);
    } catch (error) {
      if (error instanceof UnreadableWorkbook) return error.message;
      throw error;
    }
    throw new Error('the workbook was read');
  };

  it.each([
    ['a listed sheet whose part is missing', 'xl/worksheets/sheet2.xml', /工作表 “项目” 无法读取/],
    ['no workbook relationships', 'xl/_rels/workbook.xml.rels', /缺少工作簿的主体部分/],
  ])('%s', async (_label, omit, zh) => {
    const message = await refusal(minimalWorkbook(sheets, relative, omit));
    const translated = problemMessageZh(
      `The file could not be read completely: ${message}. Nothing was imported.`,
    );
    expect(translated).toMatch(zh);
    const english = (translated ?? '').match(/[A-Za-z]{3,}/g) ?? [];
    expect(english.filter((w) => !['Excel', 'WPS', 'LibreOffice', 'xlsx'].includes(w))).toEqual([]);
  });
});

describe('sheets read again from the file', () => {
  const rowsOf = async (source: SheetSource): Promise<SheetRow[]> => (await sheetRowsOf(source)).rows;

  it('gives an .xlsx sheet the same rows on every reading', async () => {
    const [assets, projects] = await openXlsx(minimalWorkbook(sheets, relative), 100);
    const first = await rowsOf(assets);
    expect(first).toEqual([
      { number: 1, cells: ['资产编号', '资产名称'] },
      { number: 2, cells: ['A-1', '蔬菜大棚'] },
    ]);
    expect(await rowsOf(projects)).toEqual([
      { number: 1, cells: ['项目编号'] },
      { number: 2, cells: ['P-1'] },
    ]);
    expect(await rowsOf(assets)).toEqual(first);
  });

  it('stops at the row limit and says so, on every reading', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('资产');
    sheet.addRow(['资产编号']);
    for (let i = 1; i <= 5; i++) sheet.addRow([`A-${i}`]);
    const [source] = await openXlsx(Buffer.from(await book.xlsx.writeBuffer()), 3);
    for (let reading = 0; reading < 2; reading++) {
      const rows = await rowsOf(source);
      expect(rows.map((r) => r.cells[0])).toEqual(['资产编号', 'A-1', 'A-2', 'A-3']);
      expect(source.truncated).toBe(true);
    }
  });

  it('reads every character of a large workbook, whichever writer made it, however its parts are cut into chunks', async () => {
    // Each string's UTF-8 bytes are 3 per character, some 4: a part is unpacked in chunks of 16 KiB,
    // and a chunk ends inside a character about twice in three times.
    const ROWS = 4000;
    const text = (i: number): string =>
      `${'中央财政资金衔接资金'.slice(i % 7)}${i}号𠀋${'梧桐村'.repeat(1 + (i % 5))}`;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('资产');
    sheet.addRow(['资产编号', '资产名称', '备注']);
    for (let i = 0; i < ROWS; i++) sheet.addRow([`A-${i}`, text(i), { richText: [{ text: text(i + 1) }] }]);
    const inMemory = Buffer.from(await book.xlsx.writeBuffer());
    // The app's streaming writer (exports): its shared strings are written as the rows come.
    const streamed = await (async () => {
      const out = newWorkbook();
      const rows = Array.from({ length: ROWS }, (_, i) => ({
        code: `A-${i}`,
        name: text(i),
        remarks: text(i + 1),
      }));
      const ws = out.workbook.addWorksheet('资产');
      ws.addRow(['资产编号', '资产名称', '备注']).commit();
      for (const r of rows) ws.addRow([r.code, r.name, r.remarks]).commit();
      ws.commit();
      return workbookBytes(out);
    })();
    for (const bytes of [inMemory, streamed]) {
      const [source] = await openXlsx(bytes, ROWS);
      const rows = await rowsOf(source);
      expect(rows).toHaveLength(ROWS + 1);
      const wrong = rows
        .slice(1)
        .filter((r, i) => r.cells[1] !== text(i) || r.cells[2] !== text(i + 1))
        .map((r) => r.cells);
      expect(wrong).toEqual([]);
    }
  });

  it('numbers CSV records as a spreadsheet would, skips blank ones and keeps the limit', async () => {
    const csv = Buffer.from('\ufeff编号,名称\r\nA-1,"大棚,一号"\n,\nA-2,"两行\n文字"\nA-3,x\n', 'utf8');
    const source = openCsv(csv, 2, '资产');
    for (let reading = 0; reading < 2; reading++) {
      expect(await rowsOf(source)).toEqual([
        { number: 1, cells: ['编号', '名称'] },
        { number: 2, cells: ['A-1', '大棚,一号'] },
        { number: 4, cells: ['A-2', '两行\n文字'] },
      ]);
      expect(source.truncated).toBe(true);
    }
  });

  it('parses a CSV decoded in pieces exactly as the whole text', () => {
    // Random files of the characters that matter (quotes, separators, line breaks, multi-byte text),
    // cut into pieces of a few bytes: every record and field comes out the same.
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = ['a', '资', '"', ',', '\n', '\r', '\r\n', ' ', '""', '产'];
    for (let run = 0; run < 2_000; run++) {
      let text = '';
      const length = random(60);
      for (let i = 0; i < length; i++) text += alphabet[random(alphabet.length)];
      const pieceBytes = 1 + random(8);
      // As UTF-8 and as GBK (a line feed, a comma or a quote is never inside a character of either).
      for (const bytes of [Buffer.from(text, 'utf8'), gbk(text)]) {
        const pieces = [...csvPieces(bytes, pieceBytes)];
        expect(pieces.join('')).toBe(text);
        for (const piece of pieces.slice(0, -1)) expect(piece.endsWith('\n')).toBe(true);
        expect([...csvRecords(pieces)]).toEqual(parseCsv(text));
      }
    }
  });

  it('reads a GBK CSV (as Excel and WPS on a Chinese Windows save one) as its UTF-8 twin', async () => {
    const text =
      '资产编号,资产名称,管护主体\r\nA-1,"光伏电站,一号",“百安”村集体\r\nA-2,蔬菜大棚（二期）,龙驹镇\r\n';
    const utf8 = await rowsOf(openCsv(Buffer.from(`\ufeff${text}`, 'utf8'), 10, '资产'));
    expect(utf8[1].cells).toEqual(['A-1', '光伏电站,一号', '“百安”村集体']);
    expect(await rowsOf(openCsv(gbk(text), 10, '资产'))).toEqual(utf8);
    // GB18030's own byte order mark is dropped too.
    const marked = Buffer.concat([Buffer.from([0x84, 0x31, 0x95, 0x33]), gbk(text)]);
    expect(await rowsOf(openCsv(marked, 10, '资产'))).toEqual(utf8);
  });

  it('drops the BOM of a CSV however it is cut', () => {
    expect([...csvPieces(Buffer.from('\ufeffa\nb', 'utf8'), 1)]).toEqual(['a\n', 'b']);
  });

  it('refuses an .xlsx whose shared strings or sheet break off, naming the part', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('资产');
    sheet.addRow(['资产编号', '资产名称']);
    for (let i = 1; i <= 30; i++) sheet.addRow([`A-${i}`, `蔬菜大棚${i}`]);
    const whole = Buffer.from(await book.xlsx.writeBuffer());
    const cut = async (part: string): Promise<Buffer> => {
      const zip = await JSZip.loadAsync(whole);
      const xml = await zip.file(part)!.async('string');
      zip.file(part, xml.slice(0, Math.floor(xml.length * 0.6)));
      return zip.generateAsync({ type: 'nodebuffer' });
    };
    // Whole, it reads (its names are shared strings).
    const [source] = await openXlsx(whole, 100);
    expect((await rowsOf(source)).at(-1)).toEqual({ number: 31, cells: ['A-30', '蔬菜大棚30'] });

    const refusal = async (reading: Promise<unknown>): Promise<string> => {
      const error = await reading.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UnreadableSheet);
      return (error as Error).message;
    };
    expect(await refusal(openXlsx(await cut('xl/sharedStrings.xml'), 100))).toBe(
      'the shared strings could not be read',
    );
    const [broken] = await openXlsx(await cut('xl/worksheets/sheet1.xml'), 100);
    expect(await refusal(rowsOf(broken))).toBe('the sheet "资产" could not be read');
  });
});

describe('template sheets, written as their rows come', () => {
  type Key = 'code' | 'status' | 'amount' | 'day' | 'remarks' | 'seq';
  const columns: Array<TemplateColumn<Key>> = [
    {
      key: 'seq',
      header: '序号',
      required: false,
      kind: 'integer',
      width: 6,
      note: '导出时填写',
      exportOnly: true,
    },
    { key: 'code', header: '资产编号', required: true, kind: 'code', width: 20, note: '唯一编号' },
    {
      key: 'status',
      header: '状态',
      required: true,
      kind: 'enum',
      width: 8,
      list: ['在用', '闲置'],
      note: '选填一项',
    },
    { key: 'amount', header: '金额(元)', required: false, kind: 'money', width: 14, note: '两位小数' },
    { key: 'day', header: '建成日期', required: false, kind: 'date', width: 12, note: 'YYYY-MM-DD' },
    { key: 'remarks', header: '备注', required: false, kind: 'text', width: 30, note: '' },
  ];
  const ROWS = 3000;
  /** Lets the writer's compression run (up to a second) until the file has grown. */
  async function settled(out: WorkbookOut): Promise<void> {
    const before = out.bytesWritten;
    for (let waited = 0; waited < 1000 && out.bytesWritten === before; waited += 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  it('emits the file while rows are still coming, and reads back with its header, formats and lists', async () => {
    const out = newWorkbook();
    let producedBeforeLastRow = 0;
    async function* rows(): AsyncGenerator<TemplateRow<Key>> {
      for (let i = 1; i <= ROWS; i++) {
        // An export reads its rows from the database a page at a time: compression goes on meanwhile.
        if (i % 500 === 0) await settled(out);
        if (i === ROWS) producedBeforeLastRow = out.bytesWritten;
        yield {
          seq: i,
          code: `A-${String(i).padStart(5, '0')}`,
          status: i % 2 ? '在用' : '闲置',
          amount: i === 2 ? null : 1234.5,
          day: new Date(Date.UTC(2024, 0, i % 28)),
          remarks: i === 2 ? null : `第${i}行`,
        };
      }
    }
    expect(await addTemplateSheet(out, '资产', columns, rows(), 100)).toBe(ROWS);
    const bytes = await workbookBytes(out);
    // Compressed rows had left the writer long before the last row came.
    expect(producedBeforeLastRow).toBeGreaterThan(bytes.length / 2);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('资产')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:F1');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(columns.map((c) => c.header));
    const fill = (address: string): string | undefined =>
      ((sheet.getCell(address).fill as ExcelJS.FillPattern).fgColor as { argb?: string }).argb;
    expect([fill('A1'), fill('B1'), fill('D1')]).toEqual(['FFE5E7EB', 'FFFDE2C4', 'FFDCE8F5']);
    expect(sheet.getCell('B1').note).toBe('唯一编号');
    // 备注 has no note: no comment on its header cell, not an empty one.
    expect(sheet.getCell('F1').note).toBeUndefined();
    expect(sheet.rowCount).toBe(ROWS + 1);
    expect(sheet.getCell('B3').value).toBe('A-00002');
    expect(sheet.getCell('B3').numFmt).toBe('@');
    expect(sheet.getCell('D4').value).toBe(1234.5);
    expect(sheet.getCell('D4').numFmt).toBe('#,##0.00');
    expect(sheet.getCell('E4').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('E4').value).toEqual(new Date(Date.UTC(2024, 0, 3)));
    // An empty cell is not written: nothing there, its column's format still applies.
    expect(sheet.getCell('D3').value).toBeNull();
    expect(sheet.getCell('F3').value).toBeNull();
    expect(sheet.getCell(`B${ROWS + 1}`).value).toBe(`A-0${ROWS}`);
    // The drop-down list reaches the last row (past listRows, 100 here), and not beyond.
    for (const address of ['C2', `C${ROWS + 1}`]) {
      expect(sheet.getCell(address).dataValidation).toMatchObject({
        type: 'list',
        formulae: ['"在用,闲置"'],
      });
    }
    expect(sheet.getCell(`C${ROWS + 2}`).dataValidation).toBeUndefined();
    expect(sheet.getCell('B2').dataValidation).toBeUndefined();
  });

  it('writes a blank template: the header, and the lists down to listRows', async () => {
    const out = newWorkbook();
    expect(await addTemplateSheet(out, '资产', columns, [], 50)).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await workbookBytes(out)) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('资产')!;
    expect(sheet.rowCount).toBe(1);
    expect(sheet.getCell('C50').dataValidation).toMatchObject({ type: 'list' });
    expect(sheet.getCell('C51').dataValidation).toBeUndefined();
  });
});

describe('addRowsAsTheyCome', () => {
  it('lets the event loop turn while rows are written, however few and slow they are', async () => {
    const out = newWorkbook();
    const sheet = out.workbook.addWorksheet('慢');
    let written = 0;
    let writtenWhenTimerRan: number | null = null;
    setTimeout(() => (writtenWhenTimerRan = written), 0);
    const ROWS = 100;
    const count = await addRowsAsTheyCome(
      sheet,
      Array.from({ length: ROWS }, (_, i) => i),
      (i) => {
        // A row that takes 2 ms to compute: 100 of them hold the loop 200 ms unless it is let turn.
        const until = performance.now() + 2;
        while (performance.now() < until);
        written++;
        return [i, `第${i}行`];
      },
    );
    sheet.commit();
    await workbookBytes(out);
    expect(count).toBe(ROWS);
    expect(writtenWhenTimerRan).not.toBeNull();
    expect(writtenWhenTimerRan!).toBeLessThan(ROWS);
  });

  it("formats each cell by its column's style and its value's type, whatever the rows before it held", async () => {
    const out = newWorkbook();
    const sheet = out.workbook.addWorksheet('混合');
    sheet.columns = [
      { key: 'free', width: 12, style: {} },
      { key: 'money', width: 12, style: { numFmt: '#,##0.00' } },
    ];
    const day = new Date(Date.UTC(2024, 4, 6));
    const rows: Array<Array<CellOut | undefined>> = [
      [12.5, 1],
      ['文字', 2.5],
      [day, undefined],
      [7, 3],
    ];
    await addRowsAsTheyCome(sheet, rows, (row) => row);
    sheet.commit();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await workbookBytes(out)) as unknown as ArrayBuffer);
    const back = book.worksheets[0];
    expect([1, 2, 3, 4].map((r) => back.getCell(`A${r}`).value)).toEqual([12.5, '文字', day, 7]);
    // A date in a column without a format still reads back as a date (ExcelJS gives it its date format).
    expect(back.getCell('A3').numFmt).toBe('mm-dd-yy');
    expect([back.getCell('A1').numFmt, back.getCell('A4').numFmt]).toEqual([undefined, undefined]);
    expect([1, 2, 4].map((r) => back.getCell(`B${r}`).numFmt)).toEqual(['#,##0.00', '#,##0.00', '#,##0.00']);
  });
});
