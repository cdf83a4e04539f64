import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
import { saveDocScreenshot } from './support/screenshots';
import { expectChartsWithinEdges, openFromMenu } from './support/ui';

useConsoleApp();

const ROLES = [
  { username: 'wutong', name: '梧桐村 张会计', role: '村级经办' },
  { username: 'longju', name: '龙驹镇 陈干事', role: '乡镇干部' },
  { username: 'district', name: '区乡村振兴局 李督', role: '区级监管' },
  { username: 'auditor', name: '区审计员 王审', role: '审计人员' },
  { username: 'admin', name: '系统管理员', role: '系统管理员' },
] as const;

const KIND_LABELS: Record<string, string> = {
  OWNERSHIP_PUBLICITY_ENDED: '公示期满待确权',
  PLAN_TO_FILE: '待备案的分配方案',
  DISPOSAL_TO_REVIEW: '待审核的处置申请',
  INVENTORY_TO_CONFIRM: '待确认的清查资产',
  RED_FLAG: '风险预警',
};

interface MyTasks {
  myTasks: { total: number; groups: Array<{ kind: string; count: number; items: Array<{ title: string }> }> };
}

test.describe('首页（待办）', () => {
  for (const who of ROLES) {
    test(`${who.role}: the to-do list the API gives, and a screenshot for docs/console.md`, async ({
      page,
      app,
      signInAs,
    }) => {
      const { myTasks } = await (
        await app.as(who.username)
      ).gql<MyTasks>('{ myTasks { total groups { kind count items { title } } } }');
      await signInAs(who.username);
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1, name: '首页' })).toBeVisible();
      await expect(page).toHaveTitle('首页 - 扶贫项目资产管理系统');
      await expect(page.getByRole('button', { name: new RegExp(`当前用户 ${who.name}`) })).toBeVisible();
      await expect(page.getByText(`您有 ${myTasks.total} 项待办事项`)).toBeVisible();
      for (const group of myTasks.groups.filter((g) => g.count > 0)) {
        const card = page.getByRole('region', { name: `${KIND_LABELS[group.kind]}，共 ${group.count} 项` });
        await expect(card).toBeVisible();
        await expect(card.getByRole('listitem')).toHaveCount(group.items.length);
        await expect(card).toContainText(group.items[0].title);
      }
      if (myTasks.total === 0) await expect(page.getByText('暂无待办事项')).toBeVisible();
      if (who.username !== 'admin') {
        await expect(page.getByRole('img', { name: /^资产按类别：/ })).toBeVisible();
        await expectChartsWithinEdges(page);
      }
      await expectAccessible(page);
      await saveDocScreenshot(page, `home-${who.username}`);
    });
  }

  test('a to-do leads to the asset it concerns', async ({ page, app, signInAs }) => {
    await signInAs('wutong');
    await page.goto('/');
    const card = page.getByRole('region', { name: /^公示期满待确权/ });
    const first = card.getByRole('link').first();
    const text = (await first.textContent()) ?? '';
    await first.click();
    const code = text.split(' ')[0];
    await expect(page.getByRole('navigation', { name: '当前位置' })).toContainText(code);
    const { assets } = await (
      await app.as('wutong')
    ).gql<{ assets: { edges: Array<{ node: { name: string } }> } }>(
      'query($t: String!) { assets(filter: { text: $t }) { edges { node { name } } } }',
      { t: code },
    );
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(assets.edges[0].node.name);
  });

  test("a clerk opens all of the village's red flags from the home page, which lists the first few", async ({
    page,
    app,
    signInAs,
  }) => {
    const { redFlags } = await (
      await app.as('wutong')
    ).gql<{ redFlags: { total: number } }>('{ redFlags { total } }');
    await signInAs('wutong');
    await page.goto('/');
    const card = page.getByRole('region', { name: /^风险预警/ });
    const more = card.getByRole('link', { name: /^另有 \d+ 项，查看全部风险预警$/ });
    await expect(more).toBeVisible();
    await more.click();
    await expect(page).toHaveTitle('风险预警 - 扶贫项目资产管理系统');
    await expect(page.getByText(new RegExp(`梧桐村共有风险预警 ${redFlags.total} 项`))).toBeVisible();
    await expectAccessible(page);
  });

  test('the red flags card says why the 风险预警 page counts more: the ended publicities listed above', async ({
    page,
    app,
    signInAs,
  }) => {
    const client = await app.as('district');
    const { redFlags } = await client.gql<{
      redFlags: { total: number; flags: Array<{ kind: string; count: number }> };
    }>('{ redFlags { total flags { kind count } } }');
    const ended = redFlags.flags.find((f) => f.kind === 'PUBLICITY_ENDED')?.count ?? 0;
    expect(ended).toBeGreaterThan(0);
    await signInAs('district');
    await page.goto('/');
    const card = page.getByRole('region', { name: `风险预警，共 ${redFlags.total - ended} 项` });
    await expect(card).toBeVisible();
    await expect(card).toContainText(
      `不含上方“公示期满待确权”的 ${ended} 项；风险预警页将其计为“公示期满未确权”`,
    );
    await expect(page.getByRole('region', { name: `公示期满待确权，共 ${ended} 项` })).toBeVisible();
    await card.getByRole('link', { name: /查看全部风险预警$/ }).click();
    await expect(page.getByText(new RegExp(`共有风险预警 ${redFlags.total} 项`))).toBeVisible();
  });

  test('works on a phone: no sideways scrolling, the menu opens from the header', async ({
    page,
    signInAs,
  }) => {
    await page.setViewportSize(WIDTHS.phone);
    await signInAs('wutong');
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: '首页' })).toBeVisible();
    await expect(page.getByRole('region', { name: /^风险预警/ })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);
    await saveDocScreenshot(page, 'home-wutong-phone');
    await openFromMenu(page, '资产台账');
    await expect(page.getByRole('heading', { level: 1, name: '资产台账' })).toBeVisible();
  });

  test("on a phone a township officer's to-dos open where they are decided: the plan to file, the disposal to review", async ({
    page,
    app,
    signInAs,
  }) => {
    // 梧桐村 asks to scrap an asset: a disposal for the township to review.
    const clerk = await app.as('wutong');
    const { assets } = await clerk.gql<{
      assets: { edges: Array<{ node: { id: string; code: string; name: string; status: string } }> };
    }>('{ assets(first: 100) { edges { node { id code name status } } } }');
    const asset = assets.edges.map((e) => e.node).find((a) => a.status === 'IN_USE')!;
    const upload = (name: string) => clerk.upload(Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`), name);
    const { requestDisposal } = await clerk.gql<{ requestDisposal: { id: string } }>(
      'mutation($input: RequestDisposalInput!) { requestDisposal(input: $input) { id } }',
      {
        input: {
          assetId: asset.id,
          method: 'SCRAP',
          reasonCode: 'DISASTER',
          reasonText: '洪灾冲毁，无修复价值',
          appraisedValue: '500.00',
          evidence: {
            appraisalFileIds: [await upload('评估报告.pdf')],
            resolutionFileIds: [await upload('处置决议.pdf')],
          },
        },
      },
    );
    const { myTasks } = await (
      await app.as('longju')
    ).gql<{
      myTasks: { groups: Array<{ kind: string; items: Array<{ entityId: string; title: string }> }> };
    }>('{ myTasks { groups { kind items { entityId title } } } }');
    const plan = myTasks.groups.find((g) => g.kind === 'PLAN_TO_FILE')!.items[0];
    expect(plan).toBeDefined();

    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs('longju');
    await page.goto('/');
    // The plan: its review opens at once, with 备案 and 退回.
    await page
      .getByRole('region', { name: /^待备案的分配方案/ })
      .getByRole('link', { name: `审查备案：${plan.title}` })
      .click();
    const dialog = page.getByRole('dialog', { name: '审查分配方案' });
    await expect(dialog).toContainText(plan.title);
    await expect(dialog.getByRole('button', { name: '备案' })).toBeEnabled();
    await expectAccessible(page);
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect(dialog).toBeHidden();

    // The disposal: its review page.
    await page.goto('/');
    await page
      .getByRole('region', { name: /^待审核的处置申请/ })
      .getByRole('link', { name: `审核：${asset.code} ${asset.name}` })
      .click();
    await expect(page).toHaveURL(new RegExp(`/disposals/${requestDisposal.id}$`));
    await expect(page.getByRole('heading', { level: 1, name: '处置审核' })).toBeVisible();

    // The township's disposal queue names the asset of each request.
    await page.goto('/review?tab=disposals');
    const row = page.getByRole('row', { name: new RegExp(`${asset.code} ${asset.name}`) });
    await expect(row.getByRole('link', { name: '审核' })).toBeInViewport({ ratio: 1 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page);
  });

  test("while a page's code is on its way, a bar says the page is opening; then the page comes", async ({
    page,
    signInAs,
  }) => {
    await signInAs('wutong');
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: '首页' })).toBeVisible();
    // The register's code is held back, as a slow network would.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    await page.route(/\/static\/AssetListPage-[\w-]+\.js$/, async (route) => {
      held++;
      await released;
      await route.continue();
    });
    const bar = page.getByRole('progressbar', { name: '正在打开页面' });
    await expect(bar).toHaveCount(0);
    await openFromMenu(page, '资产台账');
    await expect(bar).toBeVisible();
    await expect(page.getByRole('main')).toHaveAttribute('aria-busy', 'true');
    await expect(page.getByRole('heading', { level: 1, name: '首页' })).toBeVisible();
    expect(held).toBe(1);
    await expectAccessible(page);
    release();
    await expect(page.getByRole('heading', { level: 1, name: '资产台账' })).toBeVisible();
    await expect(bar).toHaveCount(0);
    await expect(page.getByRole('main')).not.toHaveAttribute('aria-busy', /.*/);
  });
});
