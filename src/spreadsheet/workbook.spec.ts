import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { minimalWorkbook } from '../../test/support/zip';
import { problemMessageZh } from '@/common/i18n/problem-messages';
import { readXlsx, UnreadableWorkbook } from './workbook';

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
