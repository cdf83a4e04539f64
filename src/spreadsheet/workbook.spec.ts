import { Readable } from 'node:stream';
import { minimalWorkbook } from '../../test/support/zip';
import { readXlsx } from './workbook';

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

describe('readXlsx', () => {
  it.each([
    ['relative (Excel, WPS, LibreOffice)', (n: number) => `worksheets/sheet${n}.xml`],
    ['absolute (openpyxl)', (n: number) => `/xl/worksheets/sheet${n}.xml`],
  ])('names every sheet when the relationship targets are %s', async (_label, target) => {
    const read = await readXlsx(Readable.from([minimalWorkbook(sheets, target)]), 100);
    expect(read.map((s) => s.name)).toEqual(['资产', '项目']);
    expect(read[1].rows).toEqual([
      { number: 1, cells: ['项目编号'] },
      { number: 2, cells: ['P-1'] },
    ]);
  });

  it('refuses a workbook whose listed sheet part it cannot find, rather than read it without that sheet', async () => {
    const odd = (n: number) => (n === 2 ? 'worksheets/projects.xml' : `worksheets/sheet${n}.xml`);
    const bytes = minimalWorkbook(sheets, odd);
    await expect(readXlsx(Readable.from([bytes]), 100)).rejects.toThrow(
      /"项目" of this workbook could not be read/,
    );
  });
});
