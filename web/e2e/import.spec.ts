import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { gbk } from '../../src/common/text/testing/gbk';
import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
import { openFromMenu } from './support/ui';
import { loadWorkbook } from './support/workbook';

useConsoleApp();

type Caller = Awaited<ReturnType<import('./support/console-app').ConsoleApp['as']>>;
type Cell = string | number | Date | null;
type Row = Record<string, Cell>;
interface Problem {
  row: number;
  column: string;
  message: string;
}

const WUTONG = '500101151201';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let counter = 0;
const unique = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}${(counter++).toString(36)}`.toUpperCase();

/** A valid resident ID number (GB 11643 check character) from 17 digits. */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i];
  return `${first17}${'10X98765432'[sum % 11]}`;
}

const headersOf = (sheet: ExcelJS.Worksheet): string[] =>
  (sheet.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? ''));

/** Rows added under the header of `sheetName` in a downloaded template, keyed by header. */
async function fillTemplate(template: Buffer, sheetName: string, rows: Row[]): Promise<Buffer> {
  const book = await loadWorkbook(template);
  const sheet = book.getWorksheet(sheetName)!;
  const headers = headersOf(sheet);
  for (const row of rows) {
    for (const key of Object.keys(row)) if (!headers.includes(key)) throw new Error(`no column ${key}`);
    sheet.addRow(headers.map((h) => row[h] ?? null));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A template the way a person gets it: 下载…模板 on the import page. */
async function downloadTemplate(page: Page, label: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `下载${label}模板` }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
}

/** Chooses what to import (资产台账 / 农户信息): a click on the choice's label, as a person does. */
async function chooseKind(page: Page, label: string): Promise<void> {
  const radio = page.getByRole('radio', { name: label });
  await page.locator('label').filter({ has: radio }).click();
  await expect(radio).toBeChecked();
}

/** Chooses `label` (资产台账 / 农户信息), then uploads the file through the file chooser. */
async function uploadFile(
  page: Page,
  label: string,
  name: string,
  bytes: Buffer,
  mimeType = XLSX,
): Promise<string> {
  await chooseKind(page, label);
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: '上传文件并导入' }).click(),
  ]);
  await chooser.setFiles({ name, mimeType, buffer: bytes });
  await page.waitForURL(/\/imports\/(assets|households)\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop()!;
}

/** A complete, valid household row of 梧桐村. */
const householdRow = (over: Row = {}): Row => ({
  户籍编号: unique(`${WUTONG}-I`),
  户主姓名: '冉光荣',
  所在村: WUTONG,
  家庭人口: 3,
  身份证号: idNumber(`50010119800704${String(counter++ % 1000).padStart(3, '0')}`),
  联系电话: '13900002222',
  户类型: '脱贫户',
  认定日期: new Date('2020-06-30T00:00:00Z'),
  ...over,
});

async function householdCount(caller: Caller, text: string): Promise<number> {
  const { households } = await caller.gql<{ households: { totalCount: number } }>(
    'query($text: String) { households(filter: { text: $text }) { totalCount } }',
    { text },
  );
  return households.totalCount;
}

/** The data rows of the table inside `scope`. */
const rowsOf = (page: Page, scope = page.locator('body')) =>
  scope
    .getByRole('table')
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });

test.describe('Excel 导入与导出', () => {
  test('a household file with a bad row: the row errors in a table, nothing written; then the good file imports', async ({
    page,
    app,
    signInAs,
  }) => {
    test.slow(); // two uploads and two imports
    const clerk = await app.as('wutong');
    await signInAs('wutong');
    await page.goto('/');
    await openFromMenu(page, 'Excel 导入');
    await expect(page).toHaveTitle('Excel 导入 - 扶贫项目资产管理系统');
    await expectAccessible(page);
    await chooseKind(page, '农户信息');
    const template = await downloadTemplate(page, '农户信息');
    expect(template.name).toMatch(/\.xlsx$/);

    const good = householdRow();
    const bad = householdRow({
      身份证号: `${String(good['身份证号']).slice(0, 17)}${String(good['身份证号']).endsWith('0') ? '1' : '0'}`,
    });
    const badFile = await fillTemplate(template.bytes, '农户', [good, bad]);
    const jobId = await uploadFile(page, '农户信息', '农户-有误.xlsx', badFile);

    await expect(page.getByRole('heading', { level: 1, name: '农户信息导入' })).toBeVisible();
    await expect(page.getByText('未导入', { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(/文件中有 1 处错误，全部未导入/)).toBeVisible();
    const { householdImport } = await clerk.gql<{
      householdImport: { phase: string; importedCount: number; problems: Problem[] };
    }>(
      'query($id: ID!) { householdImport(id: $id) { phase importedCount problems { row column message } } }',
      {
        id: jobId,
      },
    );
    expect(householdImport).toMatchObject({ phase: 'FAILED', importedCount: 0 });
    expect(householdImport.problems).toHaveLength(1);
    const [problem] = householdImport.problems;
    expect(problem).toMatchObject({ row: 3, column: '身份证号' });
    // The table shows the row, the column and the API's own message.
    const row = rowsOf(page).filter({ hasText: problem.message });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('cell').nth(0)).toHaveText('3');
    await expect(row.getByRole('cell').nth(1)).toHaveText('身份证号');
    await expectAccessible(page);
    // Nothing was written: not even the good row.
    expect(await householdCount(clerk, String(good['户籍编号']))).toBe(0);
    expect(await householdCount(clerk, String(bad['户籍编号']))).toBe(0);

    // The corrected file imports.
    await page.goto('/imports');
    const fixed = householdRow();
    const goodFile = await fillTemplate(template.bytes, '农户', [good, fixed]);
    // The server's answer held back a moment: the page shows the upload's progress meanwhile.
    await page.route('**/files', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    const uploading = uploadFile(page, '农户信息', '农户-改正.xlsx', goodFile);
    await expect(page.getByRole('progressbar', { name: '上传进度' })).toBeVisible();
    const goodJob = await uploading;
    await page.unroute('**/files');
    await expect(page.getByText('已完成', { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText('导入完成：已导入农户 2 条。')).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    expect(await householdCount(clerk, String(good['户籍编号']))).toBe(1);
    expect(await householdCount(clerk, String(fixed['户籍编号']))).toBe(1);

    // Left and come back: the recent imports lead to both jobs, with their outcome.
    await page.goto('/imports');
    const recent = rowsOf(page).filter({ hasText: '农户-改正.xlsx' });
    await expect(recent).toContainText('已完成');
    await expect(rowsOf(page).filter({ hasText: '农户-有误.xlsx' })).toContainText('未导入');
    await recent.getByRole('link', { name: '查看导入 农户-改正.xlsx' }).click();
    await expect(page).toHaveURL(new RegExp(`/imports/households/${goodJob}$`));
    await expect(page.getByText('导入完成：已导入农户 2 条。')).toBeVisible();
  });

  test('a household CSV saved by Excel on a Chinese Windows (GBK, no BOM) imports, every name as written', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    await signInAs('wutong');
    await page.goto('/imports');
    await chooseKind(page, '农户信息');
    const template = await downloadTemplate(page, '农户信息');
    const headers = headersOf((await loadWorkbook(template.bytes)).getWorksheet('农户')!);
    const household = householdRow({ 户主姓名: '龚淑珍' });
    const text = (v: Cell | undefined): string =>
      v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : String(v);
    const csv = gbk(`${headers.join(',')}\r\n${headers.map((h) => text(household[h])).join(',')}\r\n`);
    // What Windows declares for a .csv.
    await uploadFile(page, '农户信息', '农户.csv', csv, 'application/vnd.ms-excel');
    await expect(page.getByRole('heading', { level: 1, name: '农户信息导入' })).toBeVisible();
    // This job's own message (the import page, with the other tests' finished imports, may linger).
    await expect(page.getByText('导入完成：已导入农户 1 条。')).toBeVisible({ timeout: 60_000 });
    const { households } = await clerk.gql<{ households: { edges: Array<{ node: { headName: string } }> } }>(
      'query($text: String) { households(filter: { text: $text }) { edges { node { headName } } } }',
      { text: String(household['户籍编号']) },
    );
    expect(households.edges.map((e) => e.node.headName)).toEqual(['龚淑珍']);
  });

  test('an asset ledger with bad rows: errors by sheet, row and column; no asset is written', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    // A project the clerk's assets already belong to.
    const { assets: existing } = await clerk.gql<{
      assets: { edges: Array<{ node: { project: { code: string } | null } }> };
    }>(`{ assets(filter: { regionCode: "${WUTONG}" }, first: 50) { edges { node { project { code } } } } }`);
    const project = existing.edges.map((e) => e.node.project?.code).find(Boolean)!;
    expect(project).toBeTruthy();
    await signInAs('wutong');
    await page.goto('/imports');
    const template = await downloadTemplate(page, '资产台账');
    expect(template.name).toMatch(/\.xlsx$/);
    const book = await loadWorkbook(template.bytes);
    expect(book.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(['资产', '项目', '说明']));

    const codes = [unique('BT'), unique('BT')];
    const asset = (code: string, over: Row = {}): Row => ({
      资产编号: code,
      资产名称: '村道路灯',
      资产类别: '公益性资产',
      资产形态: '固定资产',
      所属项目: project,
      '所在村/镇': WUTONG,
      数量: 10,
      单位: '盏',
      '投资额(元)': 20000,
      '原值(元)': 20000,
      资金来源: '衔接资金:20000.00',
      建成日期: new Date('2021-10-01T00:00:00Z'),
      状态: '在用',
      ...over,
    });
    const file = await fillTemplate(template.bytes, '资产', [
      asset(codes[0], { 建成日期: '2021-13-01' }),
      asset(codes[1], { '所在村/镇': '500101151299' }),
    ]);
    const jobId = await uploadFile(page, '资产台账', '台账-有误.xlsx', file);
    await expect(page.getByRole('heading', { level: 1, name: '资产台账导入' })).toBeVisible();
    await expect(page.getByText('未导入', { exact: true })).toBeVisible({ timeout: 60_000 });

    const { assetImport } = await clerk.gql<{
      assetImport: { problems: Array<Problem & { sheet: string }>; importedCount: number };
    }>('query($id: ID!) { assetImport(id: $id) { importedCount problems { sheet row column message } } }', {
      id: jobId,
    });
    expect(assetImport.importedCount).toBe(0);
    expect(assetImport.problems.length).toBeGreaterThanOrEqual(2);
    const dated = assetImport.problems.find((p) => p.row === 2 && p.column === '建成日期')!;
    const village = assetImport.problems.find((p) => p.row === 3 && p.column === '所在村/镇')!;
    expect(dated).toBeDefined();
    expect(village).toBeDefined();
    await expect(page.getByText(`错误明细（${assetImport.problems.length} 处）`)).toBeVisible();
    for (const p of [dated, village]) {
      const row = rowsOf(page).filter({ hasText: p.message });
      await expect(row.first()).toBeVisible();
      await expect(row.first().getByRole('cell').nth(0)).toHaveText(p.sheet);
      await expect(row.first().getByRole('cell').nth(1)).toHaveText(String(p.row));
      await expect(row.first().getByRole('cell').nth(2)).toHaveText(p.column);
    }
    await expectAccessible(page);

    for (const code of codes) {
      const { assets } = await clerk.gql<{ assets: { totalCount: number } }>(
        'query($t: String) { assets(filter: { text: $t }) { totalCount } }',
        { t: code },
      );
      expect(assets.totalCount).toBe(0);
    }
  });

  test('a district supervisor exports the register: an xlsx whose rows are the assets', async ({
    page,
    app,
    signInAs,
  }) => {
    const district = await app.as('district');
    const { assets } = await district.gql<{
      assets: { totalCount: number; edges: Array<{ node: { code: string; name: string } }> };
    }>('{ assets(first: 1) { totalCount edges { node { code name } } } }');
    const known = assets.edges[0].node;

    await signInAs('district');
    await page.goto('/');
    await openFromMenu(page, '导出台账');
    await expect(page).toHaveTitle('导出台账 - 扶贫项目资产管理系统');
    await expectAccessible(page);
    // A supervisor does not import.
    await expect(
      page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: 'Excel 导入' }),
    ).toHaveCount(0);
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const save = page.getByRole('link', { name: /保存 资产台账.*\.xlsx$/ });
    await expect(save).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    await expect(page.getByText(`${assets.totalCount} 条`)).toBeVisible();
    await expectAccessible(page);
    const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    const book = await loadWorkbook(await readFile((await download.path())!));
    const sheet = book.getWorksheet('资产')!;
    const headers = headersOf(sheet);
    const codeColumn = headers.indexOf('资产编号') + 1;
    const nameColumn = headers.indexOf('资产名称') + 1;
    expect(codeColumn).toBeGreaterThan(0);
    const found: ExcelJS.Row[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1 && String(row.getCell(codeColumn).value) === known.code) found.push(row);
    });
    expect(found).toHaveLength(1);
    expect(String(found[0].getCell(nameColumn).value)).toBe(known.name);
    let dataRows = 0;
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(codeColumn).value) dataRows++;
    });
    expect(dataRows).toBe(assets.totalCount);
  });

  test('works on a phone: the import page and a job page without sideways scrolling', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    await page.setViewportSize(WIDTHS.phone);
    await signInAs('wutong');
    await page.goto('/imports');
    await expect(page.getByRole('heading', { level: 1, name: 'Excel 导入' })).toBeVisible();
    await expect(page.getByRole('button', { name: '上传文件并导入' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);
    await chooseKind(page, '农户信息');
    const template = await downloadTemplate(page, '农户信息');
    const file = await fillTemplate(template.bytes, '农户', [householdRow({ 家庭人口: 0 })]);
    const jobId = await uploadFile(page, '农户信息', '手机-农户.xlsx', file);
    // The job's page (the list of recent imports before it also shows 未导入 for earlier files).
    await expect(page).toHaveURL(new RegExp(`/imports/households/${jobId}$`));
    // Its heading first: while its code loads, the import page (and its list) may still be shown.
    await expect(page.getByRole('heading', { level: 1, name: '农户信息导入' })).toBeVisible();
    await expect(page.getByText('未导入', { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(rowsOf(page).filter({ hasText: '家庭人口' })).toHaveCount(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);
    const { householdImport } = await clerk.gql<{ householdImport: { importedCount: number } }>(
      'query($id: ID!) { householdImport(id: $id) { importedCount } }',
      { id: jobId },
    );
    expect(householdImport.importedCount).toBe(0);

    // The village's export: the button naming its file wraps rather than widening the page.
    await page.goto('/');
    await openFromMenu(page, '导出台账');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    await expect(page.getByRole('link', { name: /保存 资产台账-500101151201-.*\.xlsx$/ })).toBeVisible({
      timeout: 60_000,
    });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
  });
});
