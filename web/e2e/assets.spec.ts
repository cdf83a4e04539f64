import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
import { coOwnedGreenhouse } from './support/co-owned';
import { chooseOption, expectOnOneLine, expectPhrasesOnOneLine, openFromMenu } from './support/ui';
import { shownMoney } from './support/money';

useConsoleApp();

interface AssetPage {
  assets: { totalCount: number; edges: Array<{ node: { id: string; code: string; name: string } }> };
}
const COUNT = `query($f: AssetFilter) { assets(filter: $f, first: 20) { totalCount edges { node { id code name } } } }`;

/** The rows of the register table (its header row aside). */
const rows = (page: import('@playwright/test').Page) =>
  page
    .getByRole('table')
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });

test.describe('资产台账', () => {
  test('a village clerk searches, filters and pages through the register of the village', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const all = await clerk.gql<AssetPage>(COUNT, {});
    await signInAs('wutong');
    await page.goto('/');
    await openFromMenu(page, '资产台账');
    await expect(page).toHaveTitle('资产台账 - 扶贫项目资产管理系统');
    await expect(
      page.getByText(`共 ${all.assets.totalCount} 项，第 1 / ${Math.ceil(all.assets.totalCount / 20)} 页`),
    ).toBeVisible();
    await expect(rows(page)).toHaveCount(Math.min(20, all.assets.totalCount));
    await expect(rows(page).first()).toContainText(all.assets.edges[0].node.code);
    await expectAccessible(page);

    // The next page is the API's next page.
    await page.getByRole('button', { name: '下一页' }).click();
    await expect(page.getByText(`第 2 / ${Math.ceil(all.assets.totalCount / 20)} 页`)).toBeVisible();
    await expect(rows(page)).toHaveCount(all.assets.totalCount - 20);
    await page.getByRole('button', { name: '上一页' }).click();
    await expect(rows(page).first()).toContainText(all.assets.edges[0].node.code);

    // Search by name.
    const pv = await clerk.gql<AssetPage>(COUNT, { f: { text: '光伏' } });
    await page.getByLabel('搜索').fill('光伏');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByText(`共 ${pv.assets.totalCount} 项，第 1 / 1 页`)).toBeVisible();
    for (const row of await rows(page).all()) await expect(row).toContainText('光伏');

    // Filter by status, together with the search.
    const idle = await clerk.gql<AssetPage>(COUNT, { f: { text: '光伏', status: ['IDLE'] } });
    await chooseOption(page, '状态', '闲置');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByText(`共 ${idle.assets.totalCount} 项`)).toBeVisible();

    await page.getByRole('button', { name: '重置' }).click();
    await expect(page.getByText(`共 ${all.assets.totalCount} 项`)).toBeVisible();
    await chooseOption(page, '资产类型', '经营性资产');
    await page.getByRole('button', { name: '查询' }).click();
    const operating = await clerk.gql<AssetPage>(COUNT, { f: { class: ['OPERATING'] } });
    await expect(page.getByText(`共 ${operating.assets.totalCount} 项`)).toBeVisible();
    for (const row of await rows(page).all()) await expect(row).toContainText('经营性资产');
  });

  test('a township officer narrows the register to one village', async ({ page, app, signInAs }) => {
    const officer = await app.as('longju');
    const township = await officer.gql<AssetPage>(COUNT, {});
    const village = await officer.gql<AssetPage>(COUNT, { f: { regionCode: '500101151202' } });
    await signInAs('longju');
    await page.goto('/assets');
    await expect(page.getByText(`共 ${township.assets.totalCount} 项`)).toBeVisible();
    await chooseOption(page, '所在区域', '玉合村');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByText(`共 ${village.assets.totalCount} 项`)).toBeVisible();
    for (const row of await rows(page).all()) await expect(row).toContainText('玉合村');
    await expectAccessible(page);
  });

  test("an asset's page shows its record, fund sources, ownership, income and its history from the ledger", async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const { assets } = await clerk.gql<AssetPage>(COUNT, { f: { text: '光伏' } });
    const { id, code, name } = assets.edges[0].node;
    const detail = await clerk.gql<{
      asset: {
        formedValue: string;
        quantity: string;
        unit: string;
        fundSources: Array<{ amount: string }>;
        owners: Array<{ ownerName: string }>;
      };
      history: Array<{ action: string }>;
      incomeRecords: { totalCount: number };
    }>(
      `query($id: ID!, $sid: String!) {
        asset(id: $id) { formedValue quantity unit fundSources { amount } owners { ownerName } }
        history(entityType: "Asset", entityId: $sid) { action }
        incomeRecords(filter: { assetId: $id }) { totalCount }
      }`,
      { id, sid: id },
    );
    await signInAs('wutong');
    await page.goto('/assets');
    await page.getByRole('link', { name: code }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page).toHaveTitle(`${name} - 扶贫项目资产管理系统`);
    await expect(page.getByRole('tabpanel')).toContainText(shownMoney(detail.asset.formedValue));
    // The quantity as people write it: the API's "1.000" reads 1.
    const { quantity, unit } = detail.asset;
    expect(quantity).toMatch(/\.\d{3}$/);
    const plain = quantity.replace(/\.?0+$/, '');
    const quantityCell = page
      .getByRole('tabpanel')
      .getByRole('rowheader', { name: '数量', exact: true })
      .locator('xpath=following-sibling::td[1]');
    await expect(quantityCell).toHaveText(`${plain} ${unit}`);
    await expectAccessible(page);

    await page.getByRole('tab', { name: '资金来源' }).click();
    for (const f of detail.asset.fundSources)
      await expect(page.getByRole('tabpanel')).toContainText(shownMoney(f.amount));

    await page.getByRole('tab', { name: '权属' }).click();
    for (const o of detail.asset.owners) await expect(page.getByRole('tabpanel')).toContainText(o.ownerName);
    await expectAccessible(page);

    await page.getByRole('tab', { name: '收益' }).click();
    // The balance (a table of its own) comes first, then the income records.
    const incomeRows = page
      .getByRole('tabpanel')
      .getByRole('table')
      .last()
      .getByRole('row')
      .filter({ has: page.getByRole('cell') });
    await expect(incomeRows).toHaveCount(Math.min(10, detail.incomeRecords.totalCount) || 1);

    await page.getByRole('tab', { name: '变更记录' }).click();
    const panel = page.getByRole('tabpanel');
    // One entry per ledger entry (each a group named by its 账本序号; its 变更内容 is a list of its own).
    await expect(panel.getByRole('group', { name: /^账本序号 \d+$/ })).toHaveCount(detail.history.length);
    await expect(panel).toContainText('登记资产');
    // The registration says what the asset was registered as, by the fields' Chinese names.
    await expect(panel.getByRole('list', { name: '变更内容' }).first()).toContainText(`资产名称：${name}`);
    await expectAccessible(page);
  });

  test('works on a phone: the register and an asset without sideways scrolling of the page', async ({
    page,
    signInAs,
  }) => {
    await page.setViewportSize(WIDTHS.phone);
    await signInAs('wutong');
    await page.goto('/assets');
    await expect(page.getByRole('heading', { level: 1, name: '资产台账' })).toBeVisible();
    await expect(rows(page).first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    // The table is wider than the phone: each row's status and class are under its code, in view without
    // scrolling it sideways, as its 状态 and 资产类型 columns say.
    const cells = rows(page).first().getByRole('cell');
    const code = (await cells.first().getByRole('link').textContent())!;
    const kind = (await cells.nth(2).textContent())!;
    const status = (await cells.nth(5).textContent())!;
    expect(kind).toMatch(/资产$/);
    await expect(cells.first()).toHaveText(`${code}${status}${kind}`);
    await expect(cells.first().getByText(status, { exact: true })).toBeInViewport({ ratio: 1 });
    await expect(cells.first().getByText(kind, { exact: true })).toBeInViewport({ ratio: 1 });
    await expect(cells.nth(5)).not.toBeInViewport();
    // On a wide screen they stay in their own columns.
    await page.setViewportSize(WIDTHS.desktop);
    await expect(cells.first()).toHaveText(code);
    await page.setViewportSize(WIDTHS.phone);
    await expect(cells.first()).toHaveText(`${code}${status}${kind}`);
    await page.getByLabel('搜索').fill('光伏');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByText(/^共 \d+ 项/)).toBeVisible();
    await expectAccessible(page);
    await rows(page).first().getByRole('link').click();
    await expect(page.getByRole('tab', { name: '基本信息' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    // No field's label breaks between its characters (资产编 / 号, 管护责任 / 人), nor a date inside itself
    // (（自 2026年1月6 / 日）, 2025年 / 11月26日): a period breaks between its dates.
    await expect(page.getByText('管护与经营', { exact: true })).toBeVisible();
    await expectOnOneLine(page.locator('.ant-descriptions-item-label'));
    await expectPhrasesOnOneLine(page.locator('.ant-descriptions'), /\d{4}年\d{1,2}月\d{1,2}日/);
  });
});

test.describe('资产详情：处置与附件', () => {
  test('a disposed asset shows its disposal, and its evidence downloads as the file the ledger cites', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const { disposalRequests } = await clerk.gql<{
      disposalRequests: {
        edges: Array<{
          node: { assetId: string; evidence: { appraisal: Array<{ fileId: string; sha256: string }> } };
        }>;
      };
    }>(
      '{ disposalRequests(filter: { status: [COMPLETED] }) { edges { node { assetId evidence { appraisal { fileId sha256 } } } } } }',
    );
    const disposal = disposalRequests.edges[0].node;
    const appraisal = disposal.evidence.appraisal[0];
    const { evidenceFile } = await clerk.gql<{ evidenceFile: { name: string } }>(
      'query($id: ID!) { evidenceFile(id: $id) { name } }',
      { id: appraisal.fileId },
    );

    await signInAs('wutong');
    await page.goto(`/assets/${disposal.assetId}`);
    await expect(page.getByRole('tabpanel')).toContainText('已处置');
    await page.getByRole('tab', { name: '处置' }).click();
    const row = page
      .getByRole('tabpanel')
      .getByRole('row')
      .filter({ has: page.getByRole('cell') })
      .first();
    await expect(row).toContainText('报废');
    await expect(row).toContainText('已处置完成');
    await expectAccessible(page);

    await page.getByRole('tab', { name: '附件' }).click();
    const item = page.getByRole('tabpanel').getByRole('listitem').filter({ hasText: evidenceFile.name });
    await expect(item).toContainText('处置');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('button', { name: '下载' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(evidenceFile.name);
    const bytes = await (await import('node:fs/promises')).readFile((await download.path())!);
    const sha256 = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
    expect(sha256).toBe(appraisal.sha256);
    await expectAccessible(page);
  });

  test('下载档案 saves the asset dossier: its card, its ledger records and its evidence with their list', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const { disposalRequests } = await clerk.gql<{
      disposalRequests: {
        edges: Array<{ node: { assetId: string; evidence: { appraisal: Array<{ sha256: string }> } } }>;
      };
    }>(
      '{ disposalRequests(filter: { status: [COMPLETED] }) { edges { node { assetId evidence { appraisal { sha256 } } } } } }',
    );
    const disposal = disposalRequests.edges[0].node;
    const { asset } = await clerk.gql<{ asset: { code: string; name: string } }>(
      'query($id: ID!) { asset(id: $id) { code name } }',
      { id: disposal.assetId },
    );

    await signInAs('wutong');
    await page.goto(`/assets/${disposal.assetId}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(asset.name);
    await expectAccessible(page);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: '下载档案' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`资产档案-${asset.code}.zip`);
    const zip = await JSZip.loadAsync(await readFile((await download.path())!));
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    expect(names).toEqual(expect.arrayContaining(['资产卡片.html', '账本记录.csv', '证明材料/清单.csv']));
    const card = await zip.file('资产卡片.html')!.async('string');
    expect(card).toContain(asset.code);
    expect(card).toContain(asset.name);
    const ledger = (await zip.file('账本记录.csv')!.async('string'))
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(ledger[0]).toMatch(/^序号,账本条目序号,操作,/);
    expect(ledger.length).toBeGreaterThan(1);
    const list = (await zip.file('证明材料/清单.csv')!.async('string'))
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(list[0]).toMatch(/^文件编号,包内路径,原文件名,类型,字节数,SHA-256,/);
    // The appraisal of the disposal is in the dossier, byte for byte.
    const appraisal = list
      .slice(1)
      .find((line) => line.split(',')[5] === disposal.evidence.appraisal[0].sha256);
    expect(appraisal).toBeDefined();
    const inside = appraisal!.split(',')[1];
    const entry = zip.file(inside) ?? zip.file(`证明材料/${inside}`);
    expect(entry).not.toBeNull();
    const bytes = await entry!.async('nodebuffer');
    const sha256 = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
    expect(sha256).toBe(disposal.evidence.appraisal[0].sha256);
    await expect(page.getByRole('button', { name: '下载档案' })).toBeEnabled();
  });

  test('a village finds the asset it co-owns in another village in its register, and reads its page without changing it', async ({
    page,
    app,
    signInAs,
  }) => {
    // In 梧桐村: a greenhouse 梧桐村 owns 60 % and 玉合村 40 %, with ¥10,000.00 of rent received today.
    const greenhouse = await coOwnedGreenhouse(app, '10000.00');
    await signInAs('yuhe');
    await page.goto('/assets');
    await page.getByLabel('搜索').fill(greenhouse.code);
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByText('共 0 项，第 1 / 1 页')).toBeVisible();
    // 玉合村's own register holds what it co-owns elsewhere when asked.
    await page.getByLabel('含本村在他村共有的资产').check();
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByText('共 1 项，第 1 / 1 页')).toBeVisible();
    const row = rows(page).filter({ hasText: greenhouse.code });
    await expect(row).toContainText('位于梧桐村，本村共有');
    await expectAccessible(page);

    await row.getByRole('link', { name: greenhouse.code }).click();
    await expect(page.getByRole('heading', { level: 1, name: greenhouse.name })).toBeVisible();
    await expect(page.getByText('本村共有的资产，位于梧桐村')).toBeVisible();
    // Registered, kept and changed in 梧桐村, which also keeps its evidence and dossier.
    await expect(page.getByRole('button', { name: '编辑' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '下载档案' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '打印资产卡片' })).toBeVisible();
    await expect(page.getByRole('tab', { name: '附件' })).toHaveCount(0);
    await expectAccessible(page);

    await page.getByRole('tab', { name: '权属' }).click();
    const ownership = page.getByRole('tabpanel');
    await expect(ownership).toContainText('梧桐村集体经济组织');
    await expect(ownership).toContainText('玉合村集体经济组织');
    await expect(ownership.getByRole('link', { name: '申请确权' })).toHaveCount(0);

    await page.getByRole('tab', { name: '收益' }).click();
    const parts = page
      .getByRole('tabpanel')
      .getByRole('table')
      .filter({ has: page.getByRole('columnheader', { name: '应分配' }) })
      .getByRole('row')
      .filter({ has: page.getByRole('cell') });
    await expect(parts.nth(1).getByRole('cell')).toHaveText([
      '玉合村本村',
      '¥4,000.00',
      '¥0.00',
      '¥0.00',
      '¥4,000.00',
    ]);

    await page.getByRole('tab', { name: '管护' }).click();
    await expect(page.getByRole('tabpanel').getByText('管护责任', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: '登记巡查' })).toHaveCount(0);

    await page.getByRole('tab', { name: '合同' }).click();
    // No contract registered yet: the 台账's own operator and terms, and no way to register one here.
    await expect(page.getByRole('tabpanel')).toContainText('尚未登记合同');
    await expect(page.getByRole('tabpanel')).not.toContainText('村会计可在');

    await page.getByRole('tab', { name: '变更记录' }).click();
    const history = page.getByRole('tabpanel');
    await expect(history).toContainText('登记资产');
    await expect(history).toContainText('权属变更');
    await expectAccessible(page);

    // 梧桐村's clerk keeps it: the same page with its edit, dossier and evidence.
    await signInAs('wutong');
    await page.goto(`/assets/${greenhouse.id}`);
    await expect(page.getByRole('heading', { level: 1, name: greenhouse.name })).toBeVisible();
    await expect(page.getByRole('button', { name: '编辑' })).toBeVisible();
    await expect(page.getByRole('tab', { name: '附件' })).toBeVisible();
    await expect(page.getByText('本村共有的资产')).toHaveCount(0);
  });
});
