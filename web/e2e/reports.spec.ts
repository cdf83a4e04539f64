import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
import { chooseOption, openFromMenu } from './support/ui';
import { loadWorkbook } from './support/workbook';
import { fen } from './support/money';

useConsoleApp();

const WUTONG = '500101151201';

interface Payout {
  householdId: string | null;
  amount: string;
  bankReference: string | null;
  paidOn: string;
}

const text = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? '' : String(v));

test.describe('收益报表', () => {
  test('a township officer downloads the 收益分配明细表 of a village; a row is a payout the API knows', async ({
    page,
    app,
    signInAs,
  }) => {
    const officer = await app.as('longju');
    const { distributionPlans } = await officer.gql<{
      distributionPlans: { edges: Array<{ node: { payouts: Payout[] } }> };
    }>(
      `query($f: PlanFilter) { distributionPlans(filter: $f, first: 200) {
         edges { node { payouts { householdId amount bankReference paidOn } } } } }`,
      { f: { regionCode: WUTONG } },
    );
    const payouts = distributionPlans.edges.flatMap((e) => e.node.payouts).filter((p) => p.householdId);
    expect(payouts.length).toBeGreaterThan(0);
    const known = payouts.find((p) => p.bankReference)!;
    expect(known).toBeDefined();
    const { household } = await officer.gql<{ household: { registryNo: string; headName: string } }>(
      'query($id: ID!) { household(id: $id) { registryNo headName } }',
      { id: known.householdId },
    );

    await signInAs('longju');
    await page.goto('/');
    await openFromMenu(page, '收益报表');
    await expect(page).toHaveTitle('收益报表 - 扶贫项目资产管理系统');
    await expectAccessible(page);
    // Every report of a region, by its Chinese name.
    // (Keyboard: the chosen value covers the field.)
    await page.getByLabel('报表', { exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    for (const name of ['收益分配明细表（每户每笔支付）', '村级收益结余', '资产收益结余', '收益汇总'])
      await expect(page.locator('.ant-select-dropdown').getByText(name, { exact: true })).toBeVisible();
    await page.keyboard.press('Escape');
    await chooseOption(page, '区域', `梧桐村（${WUTONG}）`);
    await page.getByRole('button', { name: '生成报表' }).click();
    const save = page.getByRole('link', { name: /保存 收益分配明细.*\.xlsx$/ });
    await expect(save).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    await expect(page.getByText(`${payouts.length} 行`)).toBeVisible();
    await expectAccessible(page);
    const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    const book = await loadWorkbook(await readFile((await download.path())!));
    const sheet = book.worksheets.find((s) => s.name.includes('收益分配明细'))!;
    expect(sheet).toBeDefined();
    let headers: string[] = [];
    const rows: Array<Record<string, string>> = [];
    sheet.eachRow((row) => {
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map(text);
      if (headers.length === 0) {
        if (values.includes('户主姓名')) headers = values;
        return;
      }
      if (values.some((v) => v !== '')) rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i]])));
    });
    // A reference is the household's card: the payout is its card, its day and its amount.
    const found = rows.filter(
      (r) =>
        r['支付凭证号'] === known.bankReference &&
        r['支付日期'] === known.paidOn &&
        fen(r['支付金额(元)']) === fen(known.amount),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      户籍编号: household.registryNo,
      户主姓名: household.headName,
      村名称: '梧桐村',
    });
    expect(fen(found[0]['支付金额(元)'])).toBe(fen(known.amount));
    // One numbered row a payout (a total or a signature line below them aside).
    expect(rows.filter((r) => /^\d+$/.test(r['序号']))).toHaveLength(payouts.length);
    expect(rows.map((r) => Object.values(r).join(' ')).join(' ')).not.toMatch(
      /PUBLIC_WELFARE|SMALL_PUBLIC|ASSET_UPKEEP/,
    );
  });

  test('a village clerk gets the village balances on a phone, without a region to pick', async ({
    page,
    signInAs,
  }) => {
    await page.setViewportSize(WIDTHS.phone);
    await signInAs('wutong');
    await page.goto('/reports');
    await expect(page.getByRole('heading', { level: 1, name: '收益报表' })).toBeVisible();
    await expect(page.getByLabel('区域', { exact: true })).toHaveCount(0);
    await chooseOption(page, '报表', '村级收益结余');
    await page.getByRole('button', { name: '生成报表' }).click();
    await expect(page.getByRole('link', { name: /保存 村级收益结余.*\.xlsx$/ })).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.getByText('1 行')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);
  });
});
