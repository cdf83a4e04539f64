import type { Page } from '@playwright/test';
import type { ConsoleApp } from './support/console-app';
import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
import { chooseOption, openFromMenu } from './support/ui';
import { sheetRows } from './support/workbook';

useConsoleApp();

test.describe('年度清查', () => {
  test('a township officer follows the annual inventory of its villages as a village confirms its items', async ({
    page,
    app,
    signInAs,
  }) => {
    // The district opens this year's inventory of 龙驹镇; 梧桐村 confirms all of its items (through the API).
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    const district = await app.as('district');
    const { startInventory } = await district.gql<{ startInventory: { id: string } }>(
      'mutation($y: Int!) { startInventory(regionCode: "500101151", year: $y) { id } }',
      { y: year },
    );
    const clerk = await app.as('wutong');
    const items = await clerk.gql<{
      inventoryItems: { totalCount: number; edges: Array<{ node: { id: string } }> };
    }>(
      'query($id: ID!) { inventoryItems(inventoryId: $id, first: 200) { totalCount edges { node { id } } } }',
      { id: startInventory.id },
    );
    expect(items.inventoryItems.totalCount).toBeGreaterThan(0);
    await clerk.gql(
      'mutation($items: [ConfirmInventoryItemInput!]!) { confirmInventoryItems(items: $items) { id } }',
      {
        items: items.inventoryItems.edges.map((e) => ({ itemId: e.node.id, finding: 'PRESENT' })),
      },
    );
    const officer = await app.as('longju');
    const { inventory } = await officer.gql<{
      inventory: { progress: { total: number; confirmed: number; remaining: number; present: number } };
    }>('query($id: ID!) { inventory(id: $id) { progress { total confirmed remaining present } } }', {
      id: startInventory.id,
    });
    expect(inventory.progress.confirmed).toBe(items.inventoryItems.totalCount);

    await signInAs('longju');
    await page.goto('/');
    await openFromMenu(page, '年度清查');
    await expect(page).toHaveTitle('年度清查 - 扶贫项目资产管理系统');
    await expect(page.getByText(`${year} 年 龙驹镇资产清查`)).toBeVisible();
    const p = inventory.progress;
    await expect(
      page.getByText(`清查进度：已确认 ${p.confirmed} / ${p.total} 项，待确认 ${p.remaining} 项`),
    ).toBeVisible();
    const wutong = page.getByRole('row', { name: /^梧桐村/ });
    await expect(wutong).toContainText(
      `已确认 ${items.inventoryItems.totalCount} / ${items.inventoryItems.totalCount} 项`,
    );
    await expect(wutong).toContainText('已完成');
    await expect(page.getByRole('row', { name: /^玉合村/ })).toContainText(/已确认 0 \/ \d+ 项/);
    await expect(page.getByRole('row', { name: /^龙驹镇/ })).toContainText('未签认');
    await expectAccessible(page);

    // 玉合村 has its clerk: the officer sees its checklist but confirms nothing there.
    await page.getByRole('button', { name: '玉合村清查清单' }).click();
    const yuhe = page.getByRole('region', { name: '玉合村清查清单' });
    await expect(yuhe.getByText('本村有村会计，由其清点确认；这里只能查看进度。')).toBeVisible();
    await expect(yuhe.getByText('由村会计确认').first()).toBeVisible();
    await expect(yuhe.getByRole('button', { name: /^确认 / })).toHaveCount(0);
    // 凤鸣村 has none: its township officer counts it, item by item, from the same page.
    await page.getByRole('button', { name: '凤鸣村清查清单' }).click();
    await expect(yuhe).toHaveCount(0);
    const fengming = page.getByRole('region', { name: '凤鸣村清查清单' });
    const first = fengming.getByRole('button', { name: /^确认 / }).first();
    await expect(first).toBeVisible();
    const before = await fengming.getByRole('button', { name: /^确认 / }).count();
    await expectAccessible(page);
    await first.click();
    const dialog = page.getByRole('dialog', { name: /^确认 / });
    await dialog.getByRole('radio', { name: '账实相符' }).check();
    await dialog.getByRole('button', { name: '确认' }).click();
    await expect(fengming.getByRole('button', { name: /^确认 / })).toHaveCount(before - 1);
    await expect(page.getByRole('row', { name: /^凤鸣村/ })).toContainText(/已确认 1 \/ \d+ 项/);
  });
});

// Last year's inventory of 罗田镇, step by step: each test takes the inventory where the one before left it.
test.describe.serial('年度清查：发起、逐项确认、乡镇签认、区级结束', () => {
  const LAST = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)) - 1;
  const LUOTIAN = '500101153';
  const DAPING = '500101153201';
  type Item = {
    id: string;
    assetCode: string;
    assetName: string;
    locationCode: string;
    finding: string | null;
  };
  const ITEMS = `query($id: ID!, $r: String!, $c: Boolean) { inventoryItems(inventoryId: $id, filter: { regionCode: $r, confirmed: $c }, first: 200) {
    totalCount edges { node { id assetCode assetName locationCode finding note } } } }`;
  const inventoryOf = async (app: {
    as: (u: string) => Promise<{ gql: <T>(q: string, v?: Record<string, unknown>) => Promise<T> }>;
  }) => {
    const district = await app.as('district');
    const { inventories } = await district.gql<{
      inventories: Array<{ id: string; regionCode: string; status: string; closingNote: string | null }>;
    }>('query($y: Int!) { inventories(year: $y) { id regionCode status closingNote } }', { y: LAST });
    return inventories.find((i) => i.regionCode === LUOTIAN);
  };

  test('a district supervisor starts last year’s inventory of a township; it cannot be closed before the sign-offs', async ({
    page,
    app,
    signInAs,
  }) => {
    expect(await inventoryOf(app)).toBeUndefined();
    await signInAs('district');
    await page.goto('/');
    await openFromMenu(page, '年度清查');
    await chooseOption(page, '年度', `${LAST} 年`);
    await expect(page.getByText(`${LAST} 年尚未开始清查`)).toBeVisible();
    await page.getByRole('button', { name: '发起清查' }).click();
    const dialog = page.getByRole('dialog', { name: '发起清查' });
    await dialog.getByRole('button', { name: '开始清查' }).click();
    await expect(dialog.getByText('请选择清查范围')).toBeVisible();
    await chooseOption(page, '清查范围', '罗田镇', dialog);
    await expectAccessible(page);
    await dialog.getByRole('button', { name: '开始清查' }).click();
    await expect(page.getByText(`${LAST} 年 罗田镇资产清查`)).toBeVisible();

    const inventory = await inventoryOf(app);
    expect(inventory?.status).toBe('OPEN');

    await page.getByRole('button', { name: '结束清查' }).click();
    const closing = page.getByRole('dialog', { name: '结束清查' });
    await closing.getByRole('button', { name: '结束清查' }).click();
    await expect(closing.getByRole('alert')).toHaveText('还有乡镇未签认，全部签认后才能结束清查');
    await closing.getByRole('button', { name: '取消' }).click();
    expect((await inventoryOf(app))?.status).toBe('OPEN');
  });

  test('on a phone a village clerk confirms its items: one damaged with a note, the rest as found', async ({
    page,
    app,
    signInAs,
  }) => {
    const inventory = (await inventoryOf(app))!;
    const clerk = await app.as('daping');
    const before = (
      await clerk.gql<{ inventoryItems: { totalCount: number; edges: Array<{ node: Item }> } }>(ITEMS, {
        id: inventory.id,
        r: DAPING,
        c: false,
      })
    ).inventoryItems;
    expect(before.totalCount).toBeGreaterThan(1);
    const first = before.edges[0].node;

    await page.setViewportSize(WIDTHS.phone);
    await signInAs('daping');
    await page.goto('/');
    await openFromMenu(page, '年度清查');
    await chooseOption(page, '年度', `${LAST} 年`);
    await expect(page.getByRole('heading', { name: '本村清查清单' })).toBeVisible();
    await expect(
      page.getByText(`应查 ${before.totalCount} 项，已确认 0 项，待确认 ${before.totalCount} 项`),
    ).toBeVisible();
    await page.getByRole('button', { name: `确认 ${first.assetCode}` }).click();
    const dialog = page.getByRole('dialog', { name: `确认 ${first.assetCode} ${first.assetName}` });
    await dialog.getByRole('radio', { name: '损毁' }).check();
    await dialog.getByRole('button', { name: '确认' }).click();
    await expect(dialog.getByText('请填写说明')).toBeVisible();
    await dialog.getByLabel('说明').fill('屋顶漏雨，墙体开裂');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: '确认' }).click();
    await expect(page.getByRole('button', { name: `确认 ${first.assetCode}` })).toHaveCount(0);
    await expect(
      page.getByText(`应查 ${before.totalCount} 项，已确认 1 项，待确认 ${before.totalCount - 1} 项`),
    ).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );

    await page.getByRole('button', { name: '其余全部账实相符' }).click();
    const all = page.getByRole('dialog', { name: '全部确认为账实相符' });
    await expect(all).toContainText(`其余 ${before.totalCount - 1} 项`);
    await all.getByRole('button', { name: '确认' }).click();
    await expect(page.getByText('本村资产已全部确认')).toBeVisible();
    await expectAccessible(page);

    const after = (
      await clerk.gql<{ inventoryItems: { edges: Array<{ node: Item & { note: string | null } }> } }>(ITEMS, {
        id: inventory.id,
        r: DAPING,
        c: null,
      })
    ).inventoryItems.edges.map((e) => e.node);
    expect(after.every((i) => i.finding !== null)).toBe(true);
    expect(after.find((i) => i.id === first.id)).toMatchObject({
      finding: 'DAMAGED',
      note: '屋顶漏雨，墙体开裂',
    });
    expect(after.filter((i) => i.finding === 'PRESENT')).toHaveLength(before.totalCount - 1);
  });

  test('a township officer signs off its township once every item is confirmed', async ({
    page,
    app,
    signInAs,
  }) => {
    const inventory = (await inventoryOf(app))!;
    const officer = await app.as('luotian');
    // What is left of the township (outside 大坪村, which has a clerk) is the officer's to confirm.
    const rest = (
      await officer.gql<{ inventoryItems: { edges: Array<{ node: Item }> } }>(ITEMS, {
        id: inventory.id,
        r: LUOTIAN,
        c: false,
      })
    ).inventoryItems.edges.map((e) => e.node);
    expect(rest.some((i) => i.locationCode === DAPING)).toBe(false);
    if (rest.length > 0) {
      await officer.gql(
        'mutation($items: [ConfirmInventoryItemInput!]!) { confirmInventoryItems(items: $items) { id } }',
        { items: rest.map((i) => ({ itemId: i.id, finding: 'PRESENT' })) },
      );
    }

    await signInAs('luotian');
    await page.goto('/');
    await openFromMenu(page, '年度清查');
    await chooseOption(page, '年度', `${LAST} 年`);
    const row = page.getByRole('row', { name: /^罗田镇/ });
    await row.getByRole('button', { name: '签认' }).click();
    const dialog = page.getByRole('dialog', { name: '罗田镇签认' });
    await expect(dialog).toContainText('损毁 1 项');
    await dialog.getByLabel('签认意见').fill('已逐项核对，大坪村一处损毁待修缮');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: '签认' }).click();
    await expect(row).toContainText('罗田镇 周干事 于');
    await expect(row.getByRole('button', { name: '签认' })).toHaveCount(0);

    const { inventory: after } = await officer.gql<{
      inventory: {
        townships: Array<{ townshipCode: string; signOff: { note: string; damaged: number } | null }>;
      };
    }>('query($id: ID!) { inventory(id: $id) { townships { townshipCode signOff { note damaged } } } }', {
      id: inventory.id,
    });
    expect(after.townships.find((t) => t.townshipCode === LUOTIAN)?.signOff).toEqual({
      note: '已逐项核对，大坪村一处损毁待修缮',
      damaged: 1,
    });
  });

  test('the district supervisor closes the inventory with its conclusion', async ({
    page,
    app,
    signInAs,
  }) => {
    await signInAs('district');
    await page.goto('/inventory');
    await chooseOption(page, '年度', `${LAST} 年`);
    await expect(page.getByText(`${LAST} 年 罗田镇资产清查`)).toBeVisible();
    await page.getByRole('button', { name: '结束清查' }).click();
    const dialog = page.getByRole('dialog', { name: '结束清查' });
    await dialog.getByLabel('清查结论').fill('罗田镇清查完毕，损毁 1 项已安排修缮');
    await dialog.getByRole('button', { name: '结束清查' }).click();
    await expect(page.getByText('清查结论：罗田镇清查完毕，损毁 1 项已安排修缮')).toBeVisible();
    await expect(page.getByRole('button', { name: '结束清查' })).toHaveCount(0);
    await expectAccessible(page);
    expect(await inventoryOf(app)).toMatchObject({
      status: 'CLOSED',
      closingNote: '罗田镇清查完毕，损毁 1 项已安排修缮',
    });
  });
});

// This year's inventory of 罗田镇 (no other test uses it): an asset of the township itself, which no
// village clerk confirms, is confirmed by the township officer on the inventory page.
test.describe('年度清查：乡镇本级资产', () => {
  test('a township officer confirms the assets located at the township itself', async ({
    page,
    app,
    signInAs,
  }) => {
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    const LUOTIAN = '500101153';
    const officer = await app.as('luotian');
    const unique = Date.now().toString(36).toUpperCase();
    const project = await officer.gql<{ registerProject: { id: string } }>(
      'mutation($input: RegisterProjectInput!) { registerProject(input: $input) { id } }',
      {
        input: {
          code: `P-LT-${unique}`,
          name: '罗田镇农产品集散中心',
          year: 2021,
          type: 'INDUSTRY',
          implementingUnit: '罗田镇人民政府',
          regionCode: LUOTIAN,
          completionDate: '2021-10-01',
          acceptanceDate: '2021-11-01',
          fundSources: [{ source: 'LINKAGE_FUND', amount: '500000.00' }],
        },
      },
    );
    const code = `A-LT-${unique}`;
    await officer.gql('mutation($input: RegisterAssetInput!) { registerAsset(input: $input) { id } }', {
      input: {
        code,
        name: '罗田镇冷链仓库',
        class: 'OPERATING',
        form: 'FIXED',
        categoryCode: 'FARM_INFRASTRUCTURE',
        projectId: project.registerProject.id,
        locationCode: LUOTIAN,
        quantity: '1',
        unit: '座',
        investedAmount: '300000.00',
        formedValue: '300000.00',
        fundSources: [{ source: 'LINKAGE_FUND', amount: '300000.00' }],
        completionDate: '2021-10-01',
        acceptanceDate: '2021-11-01',
        handoverDate: '2021-12-01',
        status: 'IN_USE',
        managementEntity: '罗田镇人民政府',
        operator: '罗田镇供销合作社',
        operatingMode: 'LEASED',
        contractStart: '2022-01-01',
        contractEnd: '2026-12-31',
        contractTerms: '年租金 12000 元',
        contractAnnualAmount: '12000.00',
      },
    });
    const district = await app.as('district');
    const { startInventory } = await district.gql<{ startInventory: { id: string } }>(
      'mutation($y: Int!) { startInventory(regionCode: "500101153", year: $y) { id } }',
      { y: year },
    );
    const own = await officer.gql<{
      inventoryItems: {
        totalCount: number;
        edges: Array<{ node: { id: string; assetCode: string; locationCode: string } }>;
      };
    }>(
      `query($id: ID!, $r: String!) { inventoryItems(inventoryId: $id, filter: { locatedAt: $r }, first: 200) {
         totalCount edges { node { id assetCode locationCode } } } }`,
      { id: startInventory.id, r: LUOTIAN },
    );
    expect(own.inventoryItems.edges.map((e) => e.node.assetCode)).toContain(code);
    // Located at the township itself, none in its villages (which the township has too).
    expect(new Set(own.inventoryItems.edges.map((e) => e.node.locationCode))).toEqual(new Set([LUOTIAN]));
    const total = own.inventoryItems.totalCount;

    await signInAs('luotian');
    await page.goto('/inventory');
    await expect(page.getByText(`${year} 年 罗田镇资产清查`)).toBeVisible();
    await expect(page.getByRole('heading', { name: '乡镇本级清查清单' })).toBeVisible();
    await expect(page.getByText(`应查 ${total} 项，已确认 0 项，待确认 ${total} 项`)).toBeVisible();
    // Only the township's own assets: none of its villages'.
    await expect(page.getByRole('button', { name: /^确认 / })).toHaveCount(total);
    await expectAccessible(page);
    await page.getByRole('button', { name: `确认 ${code}` }).click();
    const dialog = page.getByRole('dialog', { name: `确认 ${code} 罗田镇冷链仓库` });
    await dialog.getByRole('radio', { name: '账实相符' }).check();
    await dialog.getByRole('button', { name: '确认' }).click();
    await expect(page.getByRole('button', { name: `确认 ${code}` })).toHaveCount(0);
    await expect(page.getByText(`应查 ${total} 项，已确认 1 项，待确认 ${total - 1} 项`)).toBeVisible();
    await expectAccessible(page);

    const done = await officer.gql<{
      inventoryItems: {
        edges: Array<{ node: { assetCode: string; finding: string; confirmedBy: { displayName: string } } }>;
      };
    }>(
      `query($id: ID!, $r: String!) { inventoryItems(inventoryId: $id, filter: { locatedAt: $r, confirmed: true }) {
         edges { node { assetCode finding confirmedBy { displayName } } } } }`,
      { id: startInventory.id, r: LUOTIAN },
    );
    expect(done.inventoryItems.edges.map((e) => e.node)).toEqual([
      { assetCode: code, finding: 'PRESENT', confirmedBy: { displayName: '罗田镇 周干事' } },
    ]);
  });
});

// The inventory of 龙驹镇 two years ago (no other test uses that year): 梧桐村's clerk found one asset
// missing and one in another state than the books say, 玉合村's clerk one damaged; the rest is unconfirmed.
test.describe('年度清查：清查差异', () => {
  const YEAR = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)) - 2;
  const LONGJU = '500101151';
  const WUTONG = '500101151201';
  interface Discrepancy {
    id: string;
    assetCode: string;
    assetName: string;
    finding: string;
    note: string | null;
    location: { code: string; name: string };
  }
  const DISCREPANCIES = `query($id: ID!) { inventoryDiscrepancies(inventoryId: $id) {
    id assetCode assetName finding note location { code name } } }`;
  const OWN_ITEMS = `query($id: ID!) { inventoryItems(inventoryId: $id, first: 200) {
    edges { node { id assetStatus } } } }`;
  const CONFIRM = `mutation($items: [ConfirmInventoryItemInput!]!) { confirmInventoryItems(items: $items) { id } }`;

  /** The inventory with its discrepancies (started and confirmed through the API on first use). */
  async function discrepantInventory(app: ConsoleApp): Promise<{ id: string; found: Discrepancy[] }> {
    const district = await app.as('district');
    const { inventories } = await district.gql<{ inventories: Array<{ id: string; regionCode: string }> }>(
      'query($y: Int!) { inventories(year: $y) { id regionCode } }',
      { y: YEAR },
    );
    let id = inventories.find((i) => i.regionCode === LONGJU)?.id;
    if (!id) {
      id = (
        await district.gql<{ startInventory: { id: string } }>(
          'mutation($y: Int!, $r: String!) { startInventory(regionCode: $r, year: $y) { id } }',
          { y: YEAR, r: LONGJU },
        )
      ).startInventory.id;
      const own = async (clerk: Awaited<ReturnType<ConsoleApp['as']>>) =>
        (
          await clerk.gql<{
            inventoryItems: { edges: Array<{ node: { id: string; assetStatus: string } }> };
          }>(OWN_ITEMS, { id })
        ).inventoryItems.edges.map((e) => e.node);
      const wutong = await app.as('wutong');
      const [gone, moved] = await own(wutong);
      await wutong.gql(CONFIRM, {
        items: [
          { itemId: gone.id, finding: 'MISSING', note: '大棚于汛期被冲毁，现场未见' },
          {
            itemId: moved.id,
            finding: 'STATUS_DIFFERS',
            observedStatus: moved.assetStatus === 'IDLE' ? 'IN_USE' : 'IDLE',
            note: '账面状态与现场不符',
          },
        ],
      });
      const yuhe = await app.as('yuhe');
      const [broken] = await own(yuhe);
      await yuhe.gql(CONFIRM, { items: [{ itemId: broken.id, finding: 'DAMAGED', note: '棚膜破损' }] });
    }
    const found = (await district.gql<{ inventoryDiscrepancies: Discrepancy[] }>(DISCREPANCIES, { id }))
      .inventoryDiscrepancies;
    return { id, found };
  }

  const openYear = async (page: Page) => {
    await page.goto('/inventory');
    await chooseOption(page, '年度', `${YEAR} 年`);
    await expect(page.getByText(`${YEAR} 年 龙驹镇资产清查`)).toBeVisible();
  };

  test('a township officer reads the discrepancies of its township and downloads the 清查差异表', async ({
    page,
    app,
    signInAs,
  }) => {
    const { id, found } = await discrepantInventory(app);
    expect(found.map((f) => f.finding).sort()).toEqual(['DAMAGED', 'MISSING', 'STATUS_DIFFERS']);
    const officer = await app.as('longju');
    expect(
      (await officer.gql<{ inventoryDiscrepancies: Discrepancy[] }>(DISCREPANCIES, { id }))
        .inventoryDiscrepancies,
    ).toEqual(found);
    const missing = found.find((f) => f.finding === 'MISSING')!;

    await signInAs('longju');
    await openYear(page);
    const section = page.getByRole('region', { name: '清查差异' });
    await expect(section.getByText('共 3 项：盘亏 1 项，损毁 1 项，状态不符 1 项。')).toBeVisible();
    const table = section.getByRole('table', { name: '清查差异明细' });
    await expect(table.getByRole('row')).toHaveCount(found.length + 1);
    const row = table.getByRole('row', { name: new RegExp(missing.assetCode) });
    await expect(row).toContainText('盘亏');
    await expect(row).toContainText('梧桐村');
    await expect(row).toContainText('大棚于汛期被冲毁，现场未见');
    await expect(table.getByRole('row', { name: /状态不符（账面.+，实际.+）/ })).toHaveCount(1);
    await expect(table.getByRole('row', { name: /损毁/ })).toContainText('玉合村');
    // Per township, what was found besides 账实相符.
    const township = page.getByRole('table', { name: '各乡镇进度' }).getByRole('row', { name: /^龙驹镇/ });
    // 乡镇, 应查, 已确认, 待确认, then 盘亏, 损毁, 状态不符.
    for (const n of [4, 5, 6]) await expect(township.getByRole('cell').nth(n)).toHaveText('1');
    await expectAccessible(page);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: '导出差异表' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`资产清查差异表-${YEAR}-${LONGJU}.xlsx`);
    const rows = await sheetRows(download, '清查差异');
    expect(rows.map((r) => r['资产编号'])).toEqual(found.map((f) => f.assetCode));
    expect(rows.find((r) => r['资产编号'] === missing.assetCode)).toMatchObject({
      '村/镇名称': '梧桐村',
      清查结果: '盘亏(未找到)',
      情况说明: '大棚于汛期被冲毁，现场未见',
    });
    const progress = await sheetRows(download, '清查进度');
    expect(progress.find((r) => r['乡镇代码'] === LONGJU)).toMatchObject({
      乡镇名称: '龙驹镇',
      盘亏: '1',
      损毁: '1',
      状态不符: '1',
    });
  });

  test('a lost answer to 导出差异表 is said in Chinese; the retry gets the same file', async ({
    page,
    app,
    signInAs,
  }) => {
    await discrepantInventory(app);
    // The first answer is lost on the way back (the file is written): the retry sends the same key.
    const answers: string[] = [];
    let lost = 0;
    await page.route('**/graphql', async (route) => {
      if (!(route.request().postData() ?? '').includes('mutation ExportInventoryDiscrepancies'))
        return route.continue();
      const response = await route.fetch();
      answers.push(await response.text());
      if (lost++ === 0) return route.abort('connectionreset');
      return route.fulfill({ response });
    });

    await signInAs('district');
    await openYear(page);
    const section = page.getByRole('region', { name: '清查差异' });
    await section.getByRole('button', { name: '导出差异表' }).click();
    await expect(section.getByRole('alert')).toHaveText('无法连接服务器，请检查网络后重试');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: '导出差异表' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`资产清查差异表-${YEAR}-${LONGJU}.xlsx`);
    await expect(section.getByRole('alert')).toHaveCount(0);
    const fileIds = answers.map(
      (a) =>
        (JSON.parse(a) as { data: { exportInventoryDiscrepancies: { fileId: string } } }).data
          .exportInventoryDiscrepancies.fileId,
    );
    expect(fileIds).toHaveLength(2);
    expect(fileIds[1]).toBe(fileIds[0]);
  });

  test('on a phone a village clerk reads and exports its village’s discrepancies', async ({
    page,
    app,
    signInAs,
  }) => {
    const { found } = await discrepantInventory(app);
    const mine = found.filter((f) => f.location.code === WUTONG);
    expect(mine).toHaveLength(2);

    await page.setViewportSize(WIDTHS.phone);
    await signInAs('wutong');
    await page.goto('/');
    await openFromMenu(page, '年度清查');
    await chooseOption(page, '年度', `${YEAR} 年`);
    const section = page.getByRole('region', { name: '清查差异' });
    await expect(section.getByText('共 2 项：盘亏 1 项，损毁 0 项，状态不符 1 项。')).toBeVisible();
    await expect(section.getByRole('table', { name: '清查差异明细' }).getByRole('row')).toHaveCount(3);
    await expect(section.getByText('玉合村')).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: '导出差异表' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`资产清查差异表-${YEAR}-${WUTONG}.xlsx`);
    expect((await sheetRows(download, '清查差异')).map((r) => r['资产编号'])).toEqual(
      mine.map((f) => f.assetCode),
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
  });

  test('an auditor reads every discrepancy and exports them, without the inventory’s actions', async ({
    page,
    app,
    signInAs,
  }) => {
    const { found } = await discrepantInventory(app);
    await signInAs('auditor');
    await page.goto('/');
    await openFromMenu(page, '年度清查');
    await chooseOption(page, '年度', `${YEAR} 年`);
    const section = page.getByRole('region', { name: '清查差异' });
    await expect(section.getByRole('table', { name: '清查差异明细' }).getByRole('row')).toHaveCount(
      found.length + 1,
    );
    await expect(page.getByRole('button', { name: /发起清查|结束清查|签认|确认/ })).toHaveCount(0);
    await expectAccessible(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: '导出差异表' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`资产清查差异表-${YEAR}-${LONGJU}.xlsx`);
  });

  test('the admin has no inventory page', async ({ page, signInAs }) => {
    await signInAs('admin');
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: '主菜单' })).toBeVisible();
    await expect(
      page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: /年度清查/ }),
    ).toHaveCount(0);
    await page.goto('/inventory');
    await expect(page.getByText('无权访问')).toBeVisible();
    await expect(page.getByRole('button', { name: '导出差异表' })).toHaveCount(0);
  });
});
