/** The asset ledger template's workbook: the 资产 and 项目 sheets and the 说明 sheet. */
import type ExcelJS from 'exceljs';
import { addTableHeader, addTemplateSheet, CellOut, headerCsv, newWorkbook } from '@/spreadsheet/workbook';
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

export interface TemplateContent {
  assets: Array<Record<AssetColumnKey, CellOut>>;
  projects: Array<Record<ProjectColumnKey, CellOut>>;
  /** Asset categories, listed on the 说明 sheet. */
  categories: Array<{ code: string; name: string; active: boolean }>;
  /** Regions the caller may register assets in, listed on the 说明 sheet. */
  regions: Array<{ code: string; name: string }>;
}

function addInstructions(
  workbook: ExcelJS.Workbook,
  categories: TemplateContent['categories'],
  regions: TemplateContent['regions'],
): void {
  const sheet = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  sheet.columns = [{ width: 16 }, { width: 22 }, { width: 22 }, { width: 90 }];
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
  sheet.getColumn(1).numFmt = '@';
  sheet.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
}

/** The template workbook: the 资产 and 项目 sheets (with the given rows, none for the blank template) and 说明. */
export function buildWorkbook(content: TemplateContent): ExcelJS.Workbook {
  const workbook = newWorkbook();
  addTemplateSheet(workbook, ASSET_SHEET, ASSET_COLUMNS, content.assets);
  addTemplateSheet(workbook, PROJECT_SHEET, PROJECT_COLUMNS, content.projects);
  addInstructions(workbook, content.categories, content.regions);
  return workbook;
}

/** The asset sheet's header as a CSV file. */
export function templateCsv(): Buffer {
  return headerCsv(ASSET_COLUMNS);
}
