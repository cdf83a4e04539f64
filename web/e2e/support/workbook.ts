import { readFile } from 'node:fs/promises';
import { expect, type Download } from '@playwright/test';
import ExcelJS from 'exceljs';

/** A workbook from the bytes of an .xlsx (ExcelJS types its argument with an older Buffer type than @types/node's). */
export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return book;
}

/** The data rows of a sheet of a downloaded .xlsx as objects by its header row (the first row). */
export async function sheetRows(download: Download, name: string): Promise<Array<Record<string, string>>> {
  const book = await loadWorkbook(await readFile((await download.path())!));
  const sheet = book.getWorksheet(name)!;
  expect(sheet, `sheet ${name}`).toBeDefined();
  const values = (r: number) =>
    (sheet.getRow(r).values as ExcelJS.CellValue[]).slice(1).map((v) => (v == null ? '' : String(v)));
  const header = values(1);
  const rows: Array<Record<string, string>> = [];
  // The data rows end at the blank row above the footnote.
  for (let r = 2; r <= sheet.rowCount && values(r).some((v) => v !== ''); r++)
    rows.push(Object.fromEntries(header.map((h, i) => [h, values(r)[i] ?? ''])));
  return rows;
}
