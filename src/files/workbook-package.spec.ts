import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { docxLike, minimalWorkbook, workbookWithoutPart, zipOf } from '../../test/support/zip';
import { workbookProblem } from './workbook-package';

describe('workbookProblem', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbook-package-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const check = (bytes: Buffer) => {
    const file = path.join(dir, `${Math.random().toString(36).slice(2)}.bin`);
    fs.writeFileSync(file, bytes);
    return workbookProblem(file);
  };

  it('accepts a workbook Excel (here ExcelJS) writes', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('资产').addRow(['资产编号', '名称']);
    expect(await check(Buffer.from(await workbook.xlsx.writeBuffer()))).toBeNull();
  });

  const twoSheets = [
    { name: '资产', rows: [['资产编号']] },
    { name: '项目', rows: [['项目编号']] },
  ];

  it.each([
    ['relative', (n: number) => `worksheets/sheet${n}.xml`],
    ['absolute (openpyxl)', (n: number) => `/xl/worksheets/sheet${n}.xml`],
    ['dotted', (n: number) => `./worksheets/../worksheets/sheet${n}.xml`],
  ])('accepts a workbook whose relationship targets are %s', async (_label, target) => {
    expect(await check(minimalWorkbook(twoSheets, target))).toBeNull();
  });

  it.each([
    ['a sheet part that is missing', 'xl/worksheets/sheet2.xml', /sheet "项目" points at no part/],
    ['relationships that are missing', 'xl/_rels/workbook.xml.rels', /relationships are missing/],
  ])('refuses a workbook with %s', async (_label, omit, message) => {
    const relative = (n: number) => `worksheets/sheet${n}.xml`;
    expect(await check(minimalWorkbook(twoSheets, relative, omit))).toMatch(message);
  });

  it('refuses a workbook that lists no sheets', async () => {
    expect(await check(minimalWorkbook([], (n) => `worksheets/sheet${n}.xml`))).toMatch(/lists no sheets/);
  });

  it.each([
    ['a ZIP of a text file', zipOf({ 'hello.txt': 'hello' }), /without \[Content_Types\]\.xml/],
    ['a Word document', docxLike(), /not an Excel workbook/],
    ['a workbook part that is declared but missing', workbookWithoutPart(), /workbook part is missing/],
    [
      'a ZIP header and garbage',
      Buffer.from('PK\x03\x04\x14\x00rest of nothing', 'latin1'),
      /not a complete ZIP/,
    ],
    ['a truncated workbook', zipOf({ 'a.bin': randomBytes(1000) }).subarray(0, 200), /not a complete ZIP/],
  ])('refuses %s', async (_label, bytes, message) => {
    expect(await check(bytes)).toMatch(message);
  });
});
