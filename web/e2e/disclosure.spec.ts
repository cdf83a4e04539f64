import type { Browser, Page } from '@playwright/test';
import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
import { openFromMenu } from './support/ui';

useConsoleApp();

type Caller = Awaited<ReturnType<import('./support/console-app').ConsoleApp['as']>>;
interface Link {
  id: string;
  url: string;
  year: number;
  villageName: string;
  createdByName: string;
  revokedAt: string | null;
  revokedByName: string | null;
  revokeReason: string | null;
}

const WUTONG = '500101151201';
/** 大坪村 (罗田镇): only the paging test publishes for it, so its count is that test's own. */
const DAPING = '500101153201';
const LINK_FIELDS = 'id url year villageName createdByName revokedAt revokedByName revokeReason';
const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

async function linksOf(caller: Caller, village = WUTONG): Promise<Link[]> {
  const { disclosureLinks } = await caller.gql<{ disclosureLinks: { edges: Array<{ node: Link }> } }>(
    `query($r: String) { disclosureLinks(regionCode: $r, first: 100) { edges { node { ${LINK_FIELDS} } } } }`,
    { r: village },
  );
  return disclosureLinks.edges.map((e) => e.node);
}

async function publish(caller: Caller, y = year, village = WUTONG): Promise<Link> {
  const { createDisclosureLink } = await caller.gql<{ createDisclosureLink: Link }>(
    `mutation($v: String!, $y: Int!) { createDisclosureLink(villageCode: $v, year: $y) { ${LINK_FIELDS} } }`,
    { v: village, y },
  );
  return createDisclosureLink;
}

/** 梧桐村's registered assets not disposed, as its disclosure page counts them. */
async function assetCount(clerk: Caller): Promise<number> {
  const { assets } = await clerk.gql<{ assets: { totalCount: number } }>(
    `{ assets(filter: { regionCode: "${WUTONG}", status: [IN_USE, IDLE, SUSPENDED] }, first: 1) { totalCount } }`,
  );
  return assets.totalCount;
}

/** Opens a link as a villager does: a browser that never signed in. */
async function openAnonymously(browser: Browser, url: string) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const response = await page.goto(url);
  return { page, status: response?.status(), close: () => context.close() };
}

/** The data rows of the page's table. */
const rows = (page: Page) =>
  page
    .getByRole('table')
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });

const noSidewaysScroll = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    WIDTHS.phone.width,
  );

test.describe('年度公示', () => {
  test('an answer lost on the way: the retry publishes once and shows the link the first attempt made', async ({
    page,
    app,
    signInAs,
  }) => {
    const YUHE = '500101151202';
    const clerk = await app.as('yuhe');
    const before = await linksOf(clerk, YUHE);
    let attempts = 0;
    await page.route('**/graphql', async (route) => {
      if (!(route.request().postData() ?? '').includes('mutation PublishDisclosure')) return route.continue();
      const response = await route.fetch();
      // The API published; its answer never reaches the browser.
      if (attempts++ === 0) return route.abort('connectionreset');
      return route.fulfill({ response });
    });
    await signInAs('yuhe');
    await page.goto('/disclosures');
    await page.getByRole('button', { name: '发布年度公示' }).click();
    const dialog = page.getByRole('dialog', { name: '发布年度公示' });
    await dialog.getByRole('button', { name: '发布', exact: true }).click();
    await expect(dialog.getByRole('alert')).toHaveText('无法连接服务器，请检查网络后重试');
    const published = await linksOf(clerk, YUHE);
    expect(published.length).toBe(before.length + 1);
    await dialog.getByRole('button', { name: '发布', exact: true }).click();
    const shared = page.getByRole('dialog', { name: '年度公示已发布' });
    await expect(shared).toBeVisible();
    expect(attempts).toBe(2);
    const after = await linksOf(clerk, YUHE);
    expect(after.map((l) => l.id)).toEqual(published.map((l) => l.id));
    const link = after.find((l) => !before.some((b) => b.id === l.id))!;
    await expect(shared.getByLabel('公示链接', { exact: true })).toHaveValue(link.url);
  });

  test('a clerk publishes the village’s disclosure, copies its link, and a villager opens it without signing in', async ({
    page,
    app,
    browser,
    context,
    signInAs,
  }) => {
    test.slow(); // a checkpoint signed, two tabs and a second browser
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const clerk = await app.as('wutong');
    const before = await linksOf(clerk);

    await signInAs('wutong');
    await page.goto('/');
    await openFromMenu(page, '年度公示');
    await expect(page).toHaveTitle('年度公示 - 扶贫项目资产管理系统');
    await expect(page.getByRole('heading', { level: 1, name: '年度公示' })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: '发布年度公示' }).click();
    const dialog = page.getByRole('dialog', { name: '发布年度公示' });
    await expect(dialog).toBeVisible();
    // A clerk publishes for the own village only: chosen and fixed.
    await expect(dialog.locator('#publishDisclosure_village')).toHaveText('梧桐村');
    await expect(dialog.getByLabel('村', { exact: true })).toHaveCount(0);
    await expect(dialog.getByTitle(`${year} 年`)).toBeVisible();
    await expect(dialog.getByLabel('公示天数')).toHaveValue('10');
    await expectAccessible(page);
    // The draft first (预览稿): nothing is published by it.
    const draft = page.waitForEvent('popup');
    await dialog.getByRole('button', { name: '预览公示内容' }).click();
    const draftPage = await draft;
    await expect(draftPage.getByRole('heading', { level: 1 })).toContainText(`梧桐村 ${year}年度`);
    await expect(draftPage.locator('body')).toContainText('预览稿');
    await draftPage.close();
    expect((await linksOf(clerk)).length).toBe(before.length);
    // A double click publishes once.
    await dialog.getByRole('button', { name: '发布' }).dblclick();
    await expect(dialog).toBeHidden();

    // The link, as text to paste into the WeChat group, with its QR code.
    const shared = page.getByRole('dialog', { name: '年度公示已发布' });
    await expect(shared).toBeVisible();
    const after = await linksOf(clerk);
    expect(after.length).toBe(before.length + 1);
    const link = after.find((l) => !before.some((b) => b.id === l.id))!;
    expect(link).toMatchObject({
      year,
      villageName: '梧桐村',
      createdByName: '梧桐村 张会计',
      revokedAt: null,
    });
    await expect(shared.getByLabel('公示链接', { exact: true })).toHaveValue(link.url);
    await expect(shared.getByRole('figure')).toContainText(`扫码查看 梧桐村 ${year} 年度公示`);
    await expectAccessible(page);
    await shared.getByRole('button', { name: '复制链接' }).click();
    await expect(page.getByText('已复制公示链接，可粘贴到村民微信群')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link.url);
    await shared.getByRole('button', { name: '完成' }).click();
    await expect(shared).toBeHidden();

    // Its row: year, when and by whom, 公示中.
    const row = rows(page).first();
    await expect(row).toContainText(`${year} 年`);
    await expect(row).toContainText('梧桐村 张会计');
    await expect(row).toContainText('公示中');

    // 打开: the public page in a new tab.
    const tab = page.waitForEvent('popup');
    await row.getByRole('link', { name: `打开 梧桐村 ${year} 年度公示` }).click();
    const opened = await tab;
    await expect(opened.getByRole('heading', { level: 1 })).toContainText(`梧桐村 ${year}年度`);
    await opened.close();

    // A villager's phone, never signed in: the village's figures.
    const villager = await openAnonymously(browser, link.url);
    expect(villager.status).toBe(200);
    await expect(villager.page.getByRole('heading', { level: 1 })).toContainText(
      `梧桐村 ${year}年度 扶贫项目资产、收益及分配公示`,
    );
    await expect(villager.page.locator('#assets p').first()).toContainText(
      `本村登记在册（未处置）的扶贫项目资产共 ${await assetCount(clerk)} 项`,
    );
    await expect(villager.page.getByText('公示单位：梧桐村村民委员会')).toBeVisible();
    await villager.close();
  });

  test('a township officer revokes a link with the reason; its page then says 已撤销; a link revoked meanwhile is refused in Chinese', async ({
    page,
    app,
    browser,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const officer = await app.as('longju');
    const first = await publish(clerk);
    const second = await publish(officer, year - 1);

    await signInAs('longju');
    await page.goto('/disclosures');
    await expect(page.getByRole('heading', { level: 1, name: '年度公示' })).toBeVisible();
    const firstRow = rows(page)
      .filter({ hasText: `${year} 年` })
      .filter({ hasText: '梧桐村 张会计' })
      .first();
    await expect(firstRow).toContainText('梧桐村');
    await firstRow.getByRole('button', { name: `撤销 梧桐村 ${year} 年度公示` }).click();
    const dialog = page.getByRole('dialog', { name: '撤销公示链接' });
    await dialog.getByRole('button', { name: '确认撤销' }).click();
    await expect(dialog.getByText('请填写撤销原因')).toBeVisible();
    await dialog.getByLabel('撤销原因').fill('收益数据有误，更正后重新公示');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: '确认撤销' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`已撤销 梧桐村 ${year} 年度公示链接`)).toBeVisible();

    const revoked = (await linksOf(clerk)).find((l) => l.id === first.id)!;
    expect(revoked).toMatchObject({
      revokeReason: '收益数据有误，更正后重新公示',
      revokedByName: '龙驹镇 陈干事',
    });
    expect(revoked.revokedAt).not.toBeNull();
    const revokedRow = rows(page).filter({ hasText: '收益数据有误，更正后重新公示' });
    await expect(revokedRow).toContainText('已撤销');
    await expect(revokedRow).toContainText('龙驹镇 陈干事');
    await expect(revokedRow.getByRole('button')).toHaveCount(0);
    await expect(revokedRow.getByRole('link')).toHaveCount(0);

    // The revoked link serves nothing: a short page that names no village.
    const villager = await openAnonymously(browser, first.url);
    expect(villager.status).toBe(403);
    await expect(villager.page.getByRole('heading', { level: 1 })).toHaveText('公示链接已撤销');
    await expect(villager.page.locator('body')).not.toContainText('梧桐村');
    await villager.close();

    // Revoked by the clerk while the officer's page still offers 撤销: refused, said in Chinese.
    await clerk.gql('mutation($id: ID!) { revokeDisclosureLink(id: $id, reason: "重复发布") { id } }', {
      id: second.id,
    });
    await rows(page)
      .filter({ hasText: `${year - 1} 年` })
      .getByRole('button', { name: `撤销 梧桐村 ${year - 1} 年度公示` })
      .click();
    await dialog.getByLabel('撤销原因').fill('重复发布');
    await dialog.getByRole('button', { name: '确认撤销' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('该公示链接已被撤销，请刷新后查看');
    await expectAccessible(page);
  });

  test('an auditor reads the disclosures and opens their links, but neither publishes nor revokes', async ({
    page,
    app,
    signInAs,
  }) => {
    await publish(await app.as('wutong'));
    const auditor = await app.as('auditor');
    // The API refuses the auditor too.
    await expect(
      auditor.gql(
        'mutation($v: String!, $y: Int!) { createDisclosureLink(villageCode: $v, year: $y) { id } }',
        {
          v: WUTONG,
          y: year,
        },
      ),
    ).rejects.toThrow(/FORBIDDEN/);
    expect((await linksOf(auditor)).length).toBeGreaterThan(0);

    await signInAs('auditor');
    await page.goto('/');
    await openFromMenu(page, '年度公示');
    await expect(page.getByRole('heading', { level: 1, name: '年度公示' })).toBeVisible();
    await expect(rows(page).first()).toBeVisible();
    await expect(
      rows(page)
        .first()
        .getByRole('link', { name: /^打开 / }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: '发布年度公示' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^撤销/ })).toHaveCount(0);
    await expectAccessible(page);
  });

  test('more than 20 links: page 1 shows 20, 下一页 the rest with none repeated, 上一页 goes back', async ({
    page,
    app,
    signInAs,
  }) => {
    test.slow(); // 23 links published through the API
    const clerk = await app.as('daping');
    // Three years, so the rows differ by more than their time; each link is its own (its own address).
    for (let i = 0; i < 23; i++) await publish(clerk, year - (i % 3), DAPING);
    const made = await linksOf(clerk, DAPING);
    expect(made.length).toBe(23);
    const urls = made.map((l) => l.url); // newest first, as the page lists them
    expect(new Set(urls).size).toBe(23);

    const pager = page.getByRole('navigation', { name: '翻页' });
    /** The addresses the rows of the page open (打开), top to bottom. */
    const shown = () =>
      rows(page)
        .getByRole('link', { name: /^打开 大坪村 / })
        .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));

    await signInAs('daping');
    await page.goto('/disclosures');
    await expect(pager).toContainText('共 23 项，第 1 / 2 页');
    await expect(rows(page)).toHaveCount(20);
    const first = await shown();
    expect(first).toEqual(urls.slice(0, 20));
    await expect(pager.getByRole('button', { name: '上一页' })).toBeDisabled();
    await expectAccessible(page);

    await pager.getByRole('button', { name: '下一页' }).click();
    await expect(pager).toContainText('共 23 项，第 2 / 2 页');
    await expect(rows(page)).toHaveCount(3);
    const second = await shown();
    expect(second).toEqual(urls.slice(20));
    expect(second.filter((url) => first.includes(url))).toEqual([]);
    expect(new Set([...first, ...second]).size).toBe(23);
    await expect(pager.getByRole('button', { name: '下一页' })).toBeDisabled();

    await pager.getByRole('button', { name: '上一页' }).click();
    await expect(pager).toContainText('共 23 项，第 1 / 2 页');
    await expect(rows(page)).toHaveCount(20);
    expect(await shown()).toEqual(first);
  });

  test('works on a phone: the list, publishing and the link with its QR code without sideways scrolling', async ({
    page,
    app,
    signInAs,
  }) => {
    await publish(await app.as('wutong'), year - 2);
    await page.setViewportSize(WIDTHS.phone);
    await signInAs('wutong');
    await page.goto('/disclosures');
    await expect(page.getByRole('heading', { level: 1, name: '年度公示' })).toBeVisible();
    await expect(rows(page).first()).toBeVisible();
    await noSidewaysScroll(page);
    await expectAccessible(page);

    await page.getByRole('button', { name: '发布年度公示' }).click();
    const dialog = page.getByRole('dialog', { name: '发布年度公示' });
    await expect(dialog.getByLabel('公示天数')).toBeVisible();
    await noSidewaysScroll(page);
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect(dialog).toBeHidden();

    await rows(page)
      .filter({ hasText: `${year - 2} 年` })
      .first()
      .getByRole('button', { name: `二维码 梧桐村 ${year - 2} 年度公示` })
      .click();
    const shared = page.getByRole('dialog', { name: '公示链接' });
    await expect(shared.getByRole('figure')).toBeVisible();
    await expect(shared.getByLabel('公示链接', { exact: true })).toHaveValue(/\/disclosure\//);
    await noSidewaysScroll(page);
    await expectAccessible(page);
  });
});
