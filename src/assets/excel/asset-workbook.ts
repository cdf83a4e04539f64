/** The asset ledger template's workbook: the 资产 and 项目 sheets and the 说明 sheet. */
import {
  addTableHeader,
  addTemplateSheet,
  headerCsv,
  newWorkbook,
  TemplateRow,
  workbookBytes,
  WorkbookOut,
} from '@/spreadsheet/workbook';
import {
  ASSET_COLUMNS,
  ASSET_SHEET,
  AssetColumnKey,
  EXPORT_ONLY_NOTE,
  INSTRUCTIONS,
  INSTRUCTIONS_SHEET,
  PROJECT_COLUMNS,
  PROJECT_SHEET,
  ProjectColumnKey,
} from './asset-template';

/** The 说明 sheet's lists. */
export interface TemplateLists {
  /** Asset categories, listed on the 说明 sheet. */
  categories: Array<{ code: string; name: string; active: boolean }>;
  /** Regions the caller may register assets in, listed on the 说明 sheet. */
  regions: Array<{ code: string; name: string }>;
}

/** What a filled template holds: its rows come as they are read (an export writes each as it comes). */
export interface TemplateContent extends TemplateLists {
  assets: Iterable<TemplateRow<AssetColumnKey>> | AsyncIterable<TemplateRow<AssetColumnKey>>;
  /** Read once the assets are written (an export lists the projects its assets named). */
  projects: () => Promise<Array<TemplateRow<ProjectColumnKey>>>;
}

function addInstructions(out: WorkbookOut, { categories, regions }: TemplateLists): void {
  const sheet = out.workbook.addWorksheet(INSTRUCTIONS_SHEET);
  // Column styles first: a streamed row takes its column's style when it is added.
  sheet.columns = [
    { width: 16, style: { numFmt: '@' } },
    { width: 22 },
    { width: 22 },
    { width: 90, style: { alignment: { wrapText: true, vertical: 'top' } } },
  ];
  const title = (text: string): void => {
    const row = sheet.addRow([text]);
    row.font = { bold: true, size: 12 };
  };
  const tableHeader = (cells: string[]): void => addTableHeader(sheet, cells);
  INSTRUCTIONS.forEach((line, i) => (i === 0 ? title(line) : sheet.addRow([line])));
  tableHeader(['工作表', '列名', '是否必填', '填写要求']);
  const need = (c: { required: boolean; exportOnly?: boolean }): string =>
    c.exportOnly ? EXPORT_ONLY_NOTE : c.required ? '必填' : '选填';
  for (const c of ASSET_COLUMNS) sheet.addRow([ASSET_SHEET, c.header, need(c), c.note]);
  for (const c of PROJECT_COLUMNS) {
    sheet.addRow([PROJECT_SHEET, c.header, c.required ? '必填' : '选填', c.note]);
  }
  sheet.addRow([]);
  title('资产分类（填编码或名称）');
  tableHeader(['编码', '名称', '状态']);
  for (const c of categories) sheet.addRow([c.code, c.name, c.active ? '在用' : '停用']);
  sheet.addRow([]);
  title('可登记资产的村/镇（填区划代码或名称）');
  tableHeader(['区划代码', '名称']);
  for (const r of regions) sheet.addRow([r.code, r.name]);
  sheet.commit();
}

/**
 * The template workbook, written as it is built: the 资产 sheet (the given rows, none for the blank
 * template), then 项目 and 说明. Returns the file and the number of asset rows written.
 */
export async function templateWorkbook(
  content: TemplateContent,
): Promise<{ bytes: Buffer; assetRows: number }> {
  const out = newWorkbook();
  const assetRows = await addTemplateSheet(out, ASSET_SHEET, ASSET_COLUMNS, content.assets);
  await addTemplateSheet(out, PROJECT_SHEET, PROJECT_COLUMNS, await content.projects());
  addInstructions(out, content);
  return { bytes: await workbookBytes(out), assetRows };
}

/** The asset sheet's header as a CSV file. */
export function templateCsv(): Buffer {
  return headerCsv(ASSET_COLUMNS);
}
