/** The blank household template: an .xlsx (农户 and 说明 sheets) and a .csv (the header row only). */
import {
  addTableHeader,
  addTemplateSheet,
  headerCsv,
  newWorkbook,
  workbookBytes,
} from '@/spreadsheet/workbook';
import { HOUSEHOLD_COLUMNS, HOUSEHOLD_SHEET, INSTRUCTIONS, INSTRUCTIONS_SHEET } from './household-template';

/** The template workbook; `villages` (those the caller may register households in) are listed on 说明. */
export async function householdTemplateXlsx(
  villages: ReadonlyArray<{ code: string; name: string }>,
): Promise<Buffer> {
  const out = newWorkbook();
  await addTemplateSheet(out, HOUSEHOLD_SHEET, HOUSEHOLD_COLUMNS, [], 1000);

  const help = out.workbook.addWorksheet(INSTRUCTIONS_SHEET);
  // Column styles first: a streamed row takes its column's style when it is added.
  help.columns = [
    { width: 16, style: { numFmt: '@' } },
    { width: 12 },
    { width: 90, style: { alignment: { wrapText: true, vertical: 'top' } } },
  ];
  INSTRUCTIONS.forEach((line, i) => {
    const row = help.addRow([line]);
    if (i === 0) row.font = { bold: true, size: 12 };
  });
  help.addRow([]);
  addTableHeader(help, ['列名', '是否必填', '填写要求']);
  for (const c of HOUSEHOLD_COLUMNS) help.addRow([c.header, c.required ? '必填' : '选填', c.note]);
  help.addRow([]);
  addTableHeader(help, ['区划代码', '村名']);
  for (const v of villages) help.addRow([v.code, v.name]);
  help.commit();
  return workbookBytes(out);
}

/** The header row as CSV: UTF-8 with a BOM (so that Excel reads the Chinese headers). */
export function householdTemplateCsv(): Buffer {
  return headerCsv(HOUSEHOLD_COLUMNS);
}
