/** The blank household template: an .xlsx (农户 and 说明 sheets) and a .csv (the header row only). */
import ExcelJS from 'exceljs';
import { HOUSEHOLD_COLUMNS, HOUSEHOLD_SHEET, INSTRUCTIONS, INSTRUCTIONS_SHEET } from './household-template';

const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FF1F2937' } };
const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2C4' } };
const OPTIONAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE8F5' } };

const NUM_FMT: Record<(typeof HOUSEHOLD_COLUMNS)[number]['kind'], string> = {
  text: '@',
  enum: '@',
  integer: '0',
  date: 'yyyy-mm-dd',
};

/** ExcelJS supports range validations at run time, but its typings lack `Worksheet.dataValidations`. */
interface WithDataValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

/** The template workbook; `villages` (those the caller may register households in) are listed on 说明. */
export async function householdTemplateXlsx(
  villages: ReadonlyArray<{ code: string; name: string }>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Asset Registry';
  const sheet = workbook.addWorksheet(HOUSEHOLD_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = HOUSEHOLD_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: { numFmt: NUM_FMT[c.kind] },
  }));
  const header = sheet.getRow(1);
  HOUSEHOLD_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = HEADER_FONT;
    cell.fill = c.required ? REQUIRED_FILL : OPTIONAL_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.numFmt = 'General';
    cell.note = c.note;
    if (c.list) {
      const letter = sheet.getColumn(i + 1).letter;
      (sheet as unknown as WithDataValidations).dataValidations.add(`${letter}2:${letter}1000`, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${c.list.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: c.header,
        error: `请选择：${c.list.join('、')}`,
      });
    }
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: HOUSEHOLD_COLUMNS.length } };

  const help = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  help.columns = [{ width: 16 }, { width: 12 }, { width: 90 }];
  INSTRUCTIONS.forEach((line, i) => {
    const row = help.addRow([line]);
    if (i === 0) row.font = { bold: true, size: 12 };
  });
  help.addRow([]);
  const tableHeader = (cells: string[]): void => {
    help.addRow(cells).eachCell((cell) => {
      cell.font = HEADER_FONT;
      cell.fill = OPTIONAL_FILL;
    });
  };
  tableHeader(['列名', '是否必填', '填写要求']);
  for (const c of HOUSEHOLD_COLUMNS) help.addRow([c.header, c.required ? '必填' : '选填', c.note]);
  help.addRow([]);
  tableHeader(['区划代码', '村名']);
  for (const v of villages) help.addRow([v.code, v.name]);
  help.getColumn(1).numFmt = '@';
  help.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The header row as CSV: UTF-8 with a BOM (so that Excel reads the Chinese headers). */
export function householdTemplateCsv(): Buffer {
  return Buffer.from(`\ufeff${HOUSEHOLD_COLUMNS.map((c) => c.header).join(',')}\r\n`, 'utf8');
}
