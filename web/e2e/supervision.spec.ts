import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
import type { Page } from '@playwright/test';
import {
  chooseOption,
  expectAmountsReadable,
  expectChartsWithinEdges,
  expectInsideCells,
  openFromMenu,
} from './support/ui';
import { sheetRows } from './support/workbook';
import { fen, shownMoney } from './support/money';

useConsoleApp();

interface Flags {
  redFlags: {
    total: number;
    flags: Array<{
      kind: string;
      count: number;
      byRegion: Array<{ regionCode: string; regionName: string | null; count: number }>;
      records: Array<{ entityType: string; entityId: string; code: string; name: string }>;
    }>;
  };
}
const FLAGS = `query($r: String) { redFlags(regionCode: $r) { total flags { kind count
  byRegion { regionCode regionName count } records { entityType entityId code name } } } }`;

interface Dashboard {
  supervisionDashboard: {
    total: { assetCount: number; incomeReceived: string };
    rows: Array<{ regionCode: string; regionName: string; assetCount: number; incomeReceived: string }>;
  };
}
const DASHBOARD = `query($r: String) { supervisionDashboard(regionCode: $r) {
  total { assetCount incomeReceived } rows { regionCode regionName assetCount incomeReceived } } }`;

/** Shows one kind of red flag: its tab on a wide screen, its option of 预警类型 on a phone. */
async function showKind(page: Page, name: string): Promise<void> {
  const select = page.getByLabel('预警类型', { exact: true });
  await expect(select.or(page.getByRole('tablist'))).toBeVisible();
  if (await select.isVisible()) await chooseOption(page, '预警类型', name);
  else await page.getByRole('tab', { name }).click();
}

/** The records of the kind shown: its tab's panel, or on a phone the part under the select. */
const kindPanel = (page: Page) =>
  page.getByRole('tabpanel').or(page.getByRole('region', { name: '预警明细', exact: true }));

test.describe('风险预警与监管看板', () => {
  test('a district supervisor drills down from the red flags of the district to a township and to an asset', async ({
    page,
    app,
    signInAs,
  }) => {
    const district = await app.as('district');
    const all = (await district.gql<Flags>(FLAGS, {})).redFlags;
    // 凤鸣村 distributes nothing in the demo: its income ages into a red flag.
    const undistributed = all.flags.find((f) => f.kind === 'INCOME_UNDISTRIBUTED')!;
    expect(undistributed.count).toBeGreaterThan(0);
    const township = undistributed.byRegion.find((r) => r.count > 0)!;

    await signInAs('district');
    await page.goto('/');
    await openFromMenu(page, '风险预警');
    await expect(page).toHaveTitle('风险预警 - 扶贫项目资产管理系统');
    await expect(page.getByText(new RegExp(`共有风险预警 ${all.total} 项`))).toBeVisible();
    await page.getByRole('tab', { name: `收益长期未分配（${undistributed.count}）` }).click();
    await expectAccessible(page);

    // Down to the township: its own figures, as the API gives them for it.
    const inTownship = (await district.gql<Flags>(FLAGS, { r: township.regionCode })).redFlags;
    await page
      .getByRole('tabpanel')
      .getByRole('button', { name: township.regionName ?? township.regionCode })
      .click();
    await expect(page).toHaveURL(new RegExp(`region=${township.regionCode}`));
    await expect(page.getByText(new RegExp(`共有风险预警 ${inTownship.total} 项`))).toBeVisible();
    const flag = inTownship.flags.find((f) => f.kind === 'INCOME_UNDISTRIBUTED')!;
    await page.getByRole('tab', { name: `收益长期未分配（${flag.count}）` }).click();
    const record = flag.records.find((r) => r.entityType === 'Asset')!;
    const row = page.getByRole('tabpanel').getByRole('row', { name: new RegExp(record.code) });
    await expect(row).toContainText(record.name);
    await expectAccessible(page);

    // And to the record: the asset's page.
    await row.getByRole('link', { name: record.code }).click();
    await expect(page).toHaveURL(new RegExp(`/assets/${record.entityId}$`));
    await expect(page.getByRole('heading', { level: 1, name: record.name })).toBeVisible();
  });

  test("on a phone the red flags by region show each region's count on the screen", async ({
    page,
    app,
    signInAs,
  }) => {
    const all = (await (await app.as('district')).gql<Flags>(FLAGS, {})).redFlags;
    const undistributed = all.flags.find((f) => f.kind === 'INCOME_UNDISTRIBUTED')!;
    const regions = undistributed.byRegion.filter((r) => r.count > 0);
    expect(regions.length).toBeGreaterThan(0);

    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs('district');
    await page.goto('/red-flags');
    await showKind(page, `收益长期未分配（${undistributed.count}）`);
    const byRegion = kindPanel(page).getByRole('table', { name: '按区域' });
    // Down the page to the table (the window only: the table's own scroll stays where the user finds it).
    await byRegion.evaluate((table) =>
      window.scrollTo(0, window.scrollY + table.getBoundingClientRect().top - 120),
    );
    for (const r of regions) {
      const row = byRegion.getByRole('row', { name: new RegExp(r.regionName ?? r.regionCode) });
      await expect(row.getByRole('cell', { name: String(r.count), exact: true })).toBeInViewport({
        ratio: 1,
      });
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page);
  });

  test('a district supervisor reads the dashboard per township, with charts and their figures as text, then one township', async ({
    page,
    app,
    signInAs,
  }) => {
    const district = await app.as('district');
    const d = (await district.gql<Dashboard>(DASHBOARD, {})).supervisionDashboard;
    const longju = d.rows.find((r) => r.regionCode === '500101151')!;

    await signInAs('district');
    await page.goto('/');
    await openFromMenu(page, '监管看板');
    await expect(page).toHaveTitle('监管看板 - 扶贫项目资产管理系统');
    await expect(page.getByText(new RegExp(`资产 ${d.total.assetCount} 项`))).toBeVisible();
    await expect(
      page.getByRole('img', { name: /^各乡镇资产按类别：.*龙驹镇：经营性资产 \d+ 项/ }),
    ).toBeVisible();
    await expect(
      page.getByRole('img', {
        name: new RegExp(`龙驹镇：已收 ${shownMoney(longju.incomeReceived).replace(/[.$]/g, '\\$&')}`),
      }),
    ).toBeVisible();
    await expect(page.getByRole('img', { name: /^当前风险预警按发生月份/ })).toBeVisible();
    // Flags with no start, or one still to come, have no month: the chart says how many it leaves out.
    const { redFlags } = await district.gql<{
      redFlags: { flags: Array<{ records: Array<{ since: string | null }> }> };
    }>('{ redFlags { flags { records { since } } } }');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // Beijing's day
    const undated = redFlags.flags
      .flatMap((f) => f.records)
      .filter((r) => !r.since || r.since > today).length;
    expect(undated).toBeGreaterThan(0);
    await expect(page.getByText(`另有 ${undated} 项没有起始日期或尚未发生`, { exact: false })).toBeVisible();
    // The charts' canvases are drawn (ECharts loaded on first use), every label within the chart's box.
    await expectChartsWithinEdges(page);
    const row = page.getByRole('row', { name: /^龙驹镇/ });
    await expect(row).toContainText(String(longju.assetCount));
    await expect(row).toContainText(shownMoney(longju.incomeReceived));
    await expect(page.getByRole('row', { name: /^合计/ })).toContainText(shownMoney(d.total.incomeReceived));
    // The district's amounts (tens of millions of yuan) each on one line, inside their columns.
    await expectAmountsReadable(page.getByRole('table'));
    await expectAccessible(page);

    await row.getByRole('button', { name: '龙驹镇' }).click();
    const villages = (await district.gql<Dashboard>(DASHBOARD, { r: '500101151' })).supervisionDashboard;
    await expect(page.getByRole('img', { name: /^各村资产按类别：/ })).toBeVisible();
    for (const v of villages.rows.filter((r) => r.assetCount > 0)) {
      await expect(page.getByRole('row', { name: new RegExp(`^${v.regionName}`) })).toContainText(
        shownMoney(v.incomeReceived),
      );
    }
  });

  test('a township officer sees the dashboard of its villages, also on a phone', async ({
    page,
    app,
    signInAs,
  }) => {
    const officer = await app.as('longju');
    const d = (await officer.gql<Dashboard>(DASHBOARD, {})).supervisionDashboard;
    expect(d.rows.map((r) => r.regionName)).toContain('梧桐村');

    await page.setViewportSize(WIDTHS.phone);
    await signInAs('longju');
    await page.goto('/');
    await openFromMenu(page, '监管看板');
    await expect(page.getByRole('heading', { level: 1, name: '监管看板' })).toBeVisible();
    await expect(
      page.getByText(new RegExp(`^龙驹镇（截至 .*）：资产 ${d.total.assetCount} 项`)),
    ).toBeVisible();
    await expect(page.getByRole('img', { name: /^各村资产按类别：.*梧桐村/ })).toBeVisible();
    await expectChartsWithinEdges(page);
    const wutong = d.rows.find((r) => r.regionName === '梧桐村')!;
    await expect(page.getByRole('row', { name: /^梧桐村/ })).toContainText(shownMoney(wutong.incomeReceived));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);
  });
});

test.describe('风险预警：管护与合同', () => {
  test("on a phone a township officer reads overdue inspections and overdue rent: what each date and day count is, the record's code in view as the row scrolls", async ({
    page,
    app,
    signInAs,
  }) => {
    interface Records {
      redFlags: {
        flags: Array<{
          kind: string;
          count: number;
          records: Array<{ code: string; days: number | null; amount: string | null }>;
        }>;
      };
    }
    const { redFlags } = await (
      await app.as('longju')
    ).gql<Records>('{ redFlags { flags { kind count records { code days amount } } } }');
    const flag = (kind: string) => {
      const found = redFlags.flags.find((f) => f.kind === kind)!;
      // The demo township has one of each: an asset not inspected in time, a contract's rent unpaid.
      expect(found.count, kind).toBeGreaterThan(0);
      return found;
    };

    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs('longju');
    await page.goto('/red-flags');
    const kinds: Array<[string, string, string[]]> = [
      ['UPKEEP_INSPECTION_OVERDUE', '资产超期未巡查', ['应巡查日期', '超期天数', '原值']],
      ['CONTRACT_PAYMENT_OVERDUE', '合同租金或分红逾期未收', ['逾期起始', '逾期天数', '欠收金额']],
    ];
    for (const [kind, label, headers] of kinds) {
      const f = flag(kind);
      await showKind(page, `${label}（${f.count}）`);
      const records = kindPanel(page).getByRole('table', { name: '预警记录' });
      await expect(records.getByRole('columnheader')).toContainText(headers);
      // The caption on the screen (not centred on a table wider than the phone): each kind's records open
      // at their start, not scrolled sideways as the kind before was left.
      await records.evaluate((table) =>
        window.scrollTo(0, window.scrollY + table.getBoundingClientRect().top - 200),
      );
      const caption = await records.locator('caption').evaluate((c) => {
        const range = document.createRange();
        range.selectNodeContents(c);
        const box = range.getBoundingClientRect();
        return { left: box.left, right: box.right };
      });
      expect(caption.left).toBeGreaterThanOrEqual(0);
      expect(caption.right).toBeLessThanOrEqual(390);
      // Before the table is scrolled, its days and amount are under the record's code.
      const record = f.records[0];
      const row = records.getByRole('row', { name: new RegExp(record.code) });
      await row.scrollIntoViewIfNeeded();
      const codeCell = row.getByRole('cell').first();
      await expect(codeCell.getByText(`${headers[1]} ${record.days} 天`, { exact: true })).toBeInViewport({
        ratio: 1,
      });
      await expect(
        codeCell.getByText(`${headers[2]} ${shownMoney(record.amount!)}`, { exact: true }),
      ).toBeInViewport({ ratio: 1 });
      // Scrolled to its days and amount, the row still says whose they are.
      await page
        .getByRole('region', { name: '预警记录（表格，可滚动）' })
        .evaluate((area) => (area.scrollLeft = area.scrollWidth));
      await expect(row.getByRole('link', { name: record.code })).toBeInViewport({ ratio: 1 });
      await expectInsideCells(row.getByRole('link', { name: record.code }));
      await expect(row.getByRole('cell', { name: `${record.days} 天`, exact: true })).toBeInViewport({
        ratio: 1,
      });
      await expectAmountsReadable(row);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await expectAccessible(page);
    }

    // A date still to come counts down to it: 37 天, never -37 天.
    const maturing = flag('EQUITY_MATURING');
    await showKind(page, `股权协议即将到期（${maturing.count}）`);
    const records = kindPanel(page).getByRole('table', { name: '预警记录' });
    await expect(records.getByRole('columnheader', { name: '距到期' })).toBeVisible();
    const days = maturing.records[0].days!;
    await expect(
      records.getByRole('row', { name: new RegExp(maturing.records[0].code) }).getByRole('cell', {
        name: `${Math.abs(days)} 天`,
        exact: true,
      }),
    ).toBeVisible();
    await expect(records.getByRole('cell', { name: /^-\d+ 天$/ })).toHaveCount(0);
  });

  test('at 390×844 the kinds are one select of one row, each with its count; choosing one shows its records and keeps it in the address', async ({
    page,
    app,
    signInAs,
  }) => {
    const { redFlags } = await (
      await app.as('district')
    ).gql<Flags>(
      '{ redFlags { total flags { kind count byRegion { regionCode regionName count } records { entityType entityId code name } } } }',
    );
    const shown = redFlags.flags.filter((f) => f.count > 0);
    expect(shown.length).toBeGreaterThan(5);
    const overdue = shown.find((f) => f.kind === 'CONTRACT_PAYMENT_OVERDUE')!;

    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs('district');
    await page.goto('/red-flags');
    const select = page.getByLabel('预警类型', { exact: true });
    await expect(select).toBeVisible();
    await expect(page.getByRole('tab')).toHaveCount(0);
    // One row: the select's box is as high as one line of a field, not the six rows the tabs took.
    const box = page.locator('.ant-select').filter({ has: select });
    const height = (await box.boundingBox())!.height;
    expect(height).toBeLessThanOrEqual(48);
    // The first kind with records is shown, with its count.
    await expect(box).toContainText(`（${shown[0].count}）`);
    await expectAccessible(page);

    await chooseOption(page, '预警类型', `合同租金或分红逾期未收（${overdue.count}）`);
    await expect(page).toHaveURL(/[?&]kind=CONTRACT_PAYMENT_OVERDUE/);
    const records = kindPanel(page).getByRole('table', { name: '预警记录' });
    await expect(records.getByRole('columnheader', { name: '欠收金额' })).toBeVisible();
    await expect(records.getByRole('row', { name: new RegExp(overdue.records[0].code) })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The address keeps the choice: opened again, the same kind.
    await page.reload();
    await expect(
      kindPanel(page)
        .getByRole('table', { name: '预警记录' })
        .getByRole('columnheader', { name: '欠收金额' }),
    ).toBeVisible();
    await expectAccessible(page);

    // A desktop keeps the tabs, the kind from the address chosen.
    await page.setViewportSize(WIDTHS.desktop);
    await expect(
      page.getByRole('tab', { name: `合同租金或分红逾期未收（${overdue.count}）` }),
    ).toHaveAttribute('aria-selected', 'true');
  });
});

test.describe('风险预警与监管看板：导出', () => {
  const DISTRICT = '500101';
  const LONGJU = '500101151';
  const WUTONG = '500101151201';

  test('a district supervisor exports the red flags of the district, then the dashboard of a township', async ({
    page,
    app,
    signInAs,
  }) => {
    const district = await app.as('district');
    const all = (await district.gql<Flags>(FLAGS, {})).redFlags;
    const record = all.flags
      .find((f) => f.kind === 'INCOME_UNDISTRIBUTED')!
      .records.find((r) => r.entityType === 'Asset')!;
    expect(record).toBeDefined();

    await signInAs('district');
    await page.goto('/red-flags');
    await expect(page.getByText(new RegExp(`共有风险预警 ${all.total} 项`))).toBeVisible();
    await expectAccessible(page);
    const [flags] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出预警清单' }).click(),
    ]);
    expect(flags.suggestedFilename()).toBe(`问题清单-${DISTRICT}.xlsx`);
    const details = await sheetRows(flags, '明细');
    expect(details).toHaveLength(all.flags.reduce((n, f) => n + f.records.length, 0));
    expect(details.find((r) => r['资产编号'] === record.code)).toMatchObject({
      问题类型: '收益长期未分配',
      名称: record.name,
    });

    // Down to 龙驹镇 on the dashboard: the export is of the villages shown.
    const villages = (await district.gql<Dashboard>(DASHBOARD, { r: LONGJU })).supervisionDashboard;
    const wutong = villages.rows.find((r) => r.regionCode === WUTONG)!;
    await page.goto('/supervision');
    await page
      .getByRole('row', { name: /^龙驹镇/ })
      .getByRole('button', { name: '龙驹镇' })
      .click();
    await expect(page).toHaveURL(new RegExp(`region=${LONGJU}`));
    await expect(page.getByRole('img', { name: /^各村资产按类别：/ })).toBeVisible();
    const [dashboard] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出看板' }).click(),
    ]);
    expect(dashboard.suggestedFilename()).toBe(`监管看板-${LONGJU}.xlsx`);
    const rows = await sheetRows(dashboard, '监管看板');
    expect(rows.map((r) => r['区域代码'])).toEqual([...villages.rows.map((r) => r.regionCode), LONGJU]);
    const row = rows.find((r) => r['区域代码'] === WUTONG)!;
    expect(row['区域名称']).toBe('梧桐村');
    expect(
      Number(row['经营性资产(个)']) + Number(row['公益性资产(个)']) + Number(row['到户类资产(个)']),
    ).toBe(wutong.assetCount);
    expect(fen(row['收益(元)'])).toBe(fen(wutong.incomeReceived));
  });

  test('the export of a township outside the officer’s own is refused in Chinese', async ({
    page,
    signInAs,
  }) => {
    // 罗田镇's officer follows a link to 龙驹镇's red flags.
    await signInAs('luotian');
    await page.goto(`/red-flags?region=${LONGJU}`);
    await page.getByRole('button', { name: '导出预警清单' }).click();
    // The API's sentence names the region refused.
    await expect(page.locator('.page-header').getByRole('alert')).toHaveText(
      `区域 ${LONGJU} 不在您的管辖范围内`,
    );
    await expectAccessible(page);
  });

  test('on a phone a village clerk exports its village’s red flags; it has no dashboard', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const mine = (await clerk.gql<Flags>(FLAGS, {})).redFlags;

    await page.setViewportSize(WIDTHS.phone);
    await signInAs('wutong');
    await page.goto('/');
    await openFromMenu(page, '风险预警');
    await expect(page.getByText(new RegExp(`梧桐村共有风险预警 ${mine.total} 项`))).toBeVisible();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出预警清单' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`问题清单-${WUTONG}.xlsx`);
    expect(await sheetRows(download, '明细')).toHaveLength(
      mine.flags.reduce((n, f) => n + f.records.length, 0),
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);

    await page.goto('/supervision');
    await expect(page.getByText('无权访问')).toBeVisible();
    await expect(page.getByRole('button', { name: '导出看板' })).toHaveCount(0);
  });

  test('the admin has neither the red flags nor the dashboard to export', async ({ page, signInAs }) => {
    await signInAs('admin');
    for (const path of ['/red-flags', '/supervision']) {
      await page.goto(path);
      await expect(page.getByText('无权访问')).toBeVisible();
      await expect(page.getByRole('button', { name: /^导出/ })).toHaveCount(0);
    }
  });
});
