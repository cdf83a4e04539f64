import type { Page } from '@playwright/test';
import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
import { chooseFound, fillDate } from './support/forms';
import { chooseOption, expectWrapsAtLeast, openFromMenu } from './support/ui';

useConsoleApp();

const TITLE = (page: string) => `${page} - 扶贫项目资产管理系统`;
const save = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();
const noSidewaysScroll = async (page: Page) =>
  expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
    .toBeLessThanOrEqual(WIDTHS.phone.width);

interface FoundProject {
  id: string;
  code: string;
  name: string;
  year: number;
  type: string;
  implementingUnit: string;
  regionCode: string;
  version: number;
  fundSources: Array<{ source: string; amount: string }>;
  investmentUse: Array<{ source: string; invested: string; used: string; remaining: string }>;
}
const BY_TEXT = `query($text: String!) { projects(filter: { text: $text }) { totalCount edges { node {
  id code name year type implementingUnit regionCode version fundSources { source amount }
  investmentUse { source invested used remaining } } } } }`;

test.describe('项目', () => {
  test('a clerk registers a project with two fund sources, finds it in the list and registers an asset under it', async ({
    page,
    app,
    signInAs,
  }) => {
    test.slow(); // two long forms, filled field by field
    const clerk = await app.as('wutong');
    const before = await clerk.gql<{
      projects: { totalCount: number; edges: Array<{ node: { code: string } }> };
      assetCategories: Array<{ code: string; name: string }>;
    }>('{ projects(first: 1) { totalCount edges { node { code } } } assetCategories { code name } }');
    const taken = before.projects.edges[0].node.code;

    await signInAs('wutong');
    await page.goto('/');
    await openFromMenu(page, '项目');
    await expect(page).toHaveTitle(TITLE('项目'));
    await expect(page.getByText(`共 ${before.projects.totalCount} 项`, { exact: false })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(taken) })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: '登记项目' }).click();
    await expect(page).toHaveTitle(TITLE('登记项目'));
    // Wrong first: no name, an amount with three decimals. Each message under its field.
    await page.getByLabel('项目编号').fill(taken);
    await page.getByLabel('项目年度').fill('2025');
    await chooseOption(page, '项目类型', '产业发展');
    await page.getByLabel('实施单位').fill('梧桐村村民委员会');
    await chooseOption(page, '资金来源 1', '中央财政资金');
    await page.getByLabel('金额 1（元）').fill('150000.005');
    await save(page, '登记');
    await expect(page.getByLabel('项目名称')).toHaveAccessibleDescription('请输入项目名称');
    await expect(page.getByLabel('金额 1（元）')).toHaveAccessibleDescription(
      '金额须为元，最多两位小数，如 12000 或 12000.50',
    );
    await expectAccessible(page);

    // Right, but under a code the district already has: the API refuses it, and says so under the code.
    await page.getByLabel('项目名称').fill('梧桐村冷链仓储项目');
    await page.getByLabel('金额 1（元）').fill('150000');
    await page.getByRole('button', { name: '添加资金来源' }).click();
    await chooseOption(page, '资金来源 2', '区级财政资金');
    await page.getByLabel('金额 2（元）').fill('50000.5');
    await expect(page.getByText('项目总投资（各资金来源合计）：¥200,000.50')).toBeVisible();
    await save(page, '登记');
    await expect(page.getByLabel('项目编号')).toHaveAccessibleDescription(/该项目编号已被使用/);
    await expect(page).toHaveTitle(TITLE('登记项目'));
    const code = 'WZXM-2025-T01';
    await page.getByLabel('项目编号').fill(code);
    await save(page, '登记');

    // The project's page: its fund sources, nothing used yet.
    await expect(page.getByRole('heading', { level: 1, name: '梧桐村冷链仓储项目' })).toBeVisible();
    const central = page.getByRole('row', { name: /^中央财政资金/ });
    await expect(central).toHaveText(/中央财政资金\s*¥150,000\.00\s*¥0\.00\s*¥150,000\.00/);
    await expect(page.getByRole('row', { name: /^区级财政资金/ })).toHaveText(
      /区级财政资金\s*¥50,000\.50\s*¥0\.00\s*¥50,000\.50/,
    );
    await expect(page.getByText('辖区内还没有该项目的资产')).toBeVisible();
    await expectAccessible(page);
    const registered = (
      await clerk.gql<{ projects: { edges: Array<{ node: FoundProject }> } }>(BY_TEXT, { text: code })
    ).projects.edges[0].node;
    expect(registered).toMatchObject({
      name: '梧桐村冷链仓储项目',
      year: 2025,
      type: 'INDUSTRY',
      implementingUnit: '梧桐村村民委员会',
      regionCode: '500101151201',
      fundSources: [
        { source: 'CENTRAL_FISCAL', amount: '150000.00' },
        { source: 'DISTRICT_FISCAL', amount: '50000.50' },
      ],
    });

    // In the list, found by part of its name.
    await openFromMenu(page, '项目');
    await expect(page).toHaveTitle(TITLE('项目'));
    await page.getByLabel('搜索').fill('冷链仓储');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByText('共 1 项', { exact: false })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(code) })).toHaveText(
      /梧桐村冷链仓储项目.*2025.*产业发展.*梧桐村村民委员会.*梧桐村.*¥200,000\.50.*¥0\.00.*¥200,000\.50/,
    );

    // An asset under it, from the asset form: the project's remainder shows once it is chosen.
    await openFromMenu(page, '资产台账');
    await page.getByRole('button', { name: '登记资产' }).click();
    await expect(page).toHaveTitle(TITLE('登记资产'));
    await page.getByLabel('资产编号').fill('WZ-151201-9101');
    await page.getByLabel('资产名称').fill('梧桐村冷链仓储设备');
    await chooseOption(page, '资产类型', '经营性资产');
    await chooseOption(page, '资产形态', '固定资产');
    await chooseFound(page, page.locator('body'), '资产分类', before.assetCategories[0].name);
    await chooseFound(page, page.locator('body'), '所属项目', code);
    await expect(
      page.getByText('所选项目剩余可用：中央财政资金 ¥150,000.00；区级财政资金 ¥50,000.50'),
    ).toBeVisible();
    // The date picker takes its date with Enter, which also submits the form: before the form is complete.
    await fillDate(page.locator('body'), '建成日期', '2025-06-30');
    await page.getByLabel('单位').fill('套');
    await page.getByLabel('投资额（元）').fill('200000.50');
    await page.getByLabel('原值（元）').fill('196000');
    await chooseOption(page, '资金来源 1', '中央财政资金');
    await expect(page.getByLabel('金额 1（元）')).toHaveAccessibleDescription(
      /所选项目剩余可用 ¥150,000\.00$/,
    );
    await page.getByLabel('金额 1（元）').fill('150000');
    await page.getByRole('button', { name: '添加资金来源' }).click();
    await chooseOption(page, '资金来源 2', '区级财政资金');
    await page.getByLabel('金额 2（元）').fill('50000.50');
    await expectAccessible(page);
    await save(page, '登记');
    await expect(page.getByRole('heading', { level: 1, name: '梧桐村冷链仓储设备' })).toBeVisible();

    // The project now has nothing left; its page lists the asset.
    await page.goto(`/projects/${registered.id}`);
    await expect(page.getByRole('row', { name: /^中央财政资金/ })).toHaveText(
      /中央财政资金\s*¥150,000\.00\s*¥150,000\.00\s*¥0\.00/,
    );
    await expect(page.getByRole('link', { name: 'WZ-151201-9101' })).toBeVisible();
    const after = (
      await clerk.gql<{ projects: { edges: Array<{ node: FoundProject }> } }>(BY_TEXT, { text: code })
    ).projects.edges[0].node;
    expect(after.investmentUse).toEqual([
      { source: 'CENTRAL_FISCAL', invested: '150000.00', used: '150000.00', remaining: '0.00' },
      { source: 'DISTRICT_FISCAL', invested: '50000.50', used: '50000.50', remaining: '0.00' },
    ]);
  });

  test('who may change what: an auditor reads without 登记项目 or 编辑; a clerk changes only the village’s projects, never below what its assets use', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    // A township project the clerk reads (it built the village's assets) but may not change.
    const { projects } = await clerk.gql<{ projects: { edges: Array<{ node: FoundProject }> } }>(BY_TEXT, {
      text: 'WZXM-',
    });
    const township = projects.edges.find((e) => e.node.regionCode === '500101151')!.node;
    // A project of the village with one asset using all of its 衔接资金.
    const { registerProject: own } = await clerk.gql<{ registerProject: { id: string; version: number } }>(
      'mutation($input: RegisterProjectInput!) { registerProject(input: $input) { id version } }',
      {
        input: {
          code: 'WZXM-2024-T02',
          name: '梧桐村机耕道项目',
          year: 2024,
          type: 'INFRASTRUCTURE',
          implementingUnit: '梧桐村村民委员会',
          regionCode: '500101151201',
          fundSources: [
            { source: 'LINKAGE_FUND', amount: '80000.00' },
            { source: 'SOCIAL_DONATION', amount: '20000.00' },
          ],
        },
      },
    );
    const category = (
      await clerk.gql<{ assetCategories: Array<{ code: string }> }>('{ assetCategories { code } }')
    ).assetCategories[0].code;
    await clerk.gql('mutation($input: RegisterAssetInput!) { registerAsset(input: $input) { id } }', {
      input: {
        code: 'WZ-151201-9102',
        name: '梧桐村机耕道',
        class: 'PUBLIC_WELFARE',
        form: 'FIXED',
        categoryCode: category,
        projectId: own.id,
        locationCode: '500101151201',
        quantity: '1.2',
        unit: '公里',
        investedAmount: '80000.00',
        formedValue: '80000.00',
        fundSources: [{ source: 'LINKAGE_FUND', amount: '80000.00' }],
        completionDate: '2024-10-01',
      },
    });

    await signInAs('auditor');
    await page.goto('/');
    await openFromMenu(page, '项目');
    await expect(page).toHaveTitle(TITLE('项目'));
    await page.getByLabel('搜索').fill('机耕道');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByRole('row', { name: /WZXM-2024-T02/ })).toBeVisible();
    await expect(page.getByRole('button', { name: '登记项目' })).toHaveCount(0);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'WZXM-2024-T02' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '梧桐村机耕道项目' })).toBeVisible();
    await expect(page.getByRole('row', { name: /^衔接资金/ })).toHaveText(
      /衔接资金\s*¥80,000\.00\s*¥80,000\.00\s*¥0\.00/,
    );
    await expect(page.getByRole('button', { name: '编辑' })).toHaveCount(0);
    await page.goto('/projects/new');
    await expect(page.getByText('无权访问')).toBeVisible();
    await expectAccessible(page);

    // The clerk: a township project is read, not changed.
    await signInAs('wutong');
    await page.goto(`/projects/${township.id}`);
    await expect(page.getByRole('heading', { level: 1, name: township.name })).toBeVisible();
    await expect(page.getByRole('button', { name: '编辑' })).toHaveCount(0);
    await page.goto(`/projects/${township.id}/edit`);
    await expect(page.getByText('不能修改该项目')).toBeVisible();

    // The village's own: lowering 衔接资金 below what its asset uses is refused, in the API's words, beside 资金来源.
    await page.goto(`/projects/${own.id}`);
    await page.getByRole('button', { name: '编辑' }).click();
    await expect(page).toHaveTitle(TITLE('编辑项目 WZXM-2024-T02'));
    await expect(page.getByLabel('项目名称')).toHaveValue('梧桐村机耕道项目');
    await expect(page.getByLabel('金额 1（元）')).toHaveAccessibleDescription(
      '该项目的资产已用 ¥80,000.00，不能低于此数',
    );
    await page.getByLabel('金额 1（元）').fill('79999.99');
    await save(page, '保存');
    await expect(page.getByRole('group', { name: '资金来源' })).toHaveAccessibleDescription(
      '低于项目资产已用的投资：衔接资金：项目投资 79999.99 元，资产合计 80000.00 元（超出 0.01 元）',
    );
    await expectAccessible(page);
    await page.getByLabel('金额 1（元）').fill('80000');
    await page.getByLabel('项目名称').fill('梧桐村机耕道硬化项目');
    await save(page, '保存');
    await expect(page.getByRole('heading', { level: 1, name: '梧桐村机耕道硬化项目' })).toBeVisible();
    const saved = (
      await clerk.gql<{ projects: { edges: Array<{ node: FoundProject }> } }>(BY_TEXT, {
        text: 'WZXM-2024-T02',
      })
    ).projects.edges[0].node;
    expect(saved).toMatchObject({
      name: '梧桐村机耕道硬化项目',
      version: own.version + 1,
      fundSources: [
        { source: 'LINKAGE_FUND', amount: '80000.00' },
        { source: 'SOCIAL_DONATION', amount: '20000.00' },
      ],
    });
  });

  test('on a phone: the list and a project without sideways scrolling; 登记项目 from the asset form chooses the new project', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    await page.setViewportSize(WIDTHS.phone);
    await signInAs('wutong');
    await page.goto('/');
    await openFromMenu(page, '项目');
    await expect(page.getByRole('heading', { level: 1, name: '项目' })).toBeVisible();
    await expect(page.getByRole('row', { name: /WZXM-/ }).first()).toBeVisible();
    await noSidewaysScroll(page);
    // The first project's year, type and what is left of its investment under its code, and its whole
    // name wrapped beside it: all in view before the list is scrolled.
    const cells = page.getByRole('row', { name: /WZXM-/ }).first().getByRole('cell');
    const code = (await cells.first().getByRole('link').textContent())!;
    const [year, type, remaining] = await Promise.all(
      [2, 3, 8].map(async (n) => (await cells.nth(n).textContent())!),
    );
    expect(remaining).toMatch(/^¥[\d,]+\.\d{2}$/);
    await expect(cells.first()).toHaveText(`${code}${year} 年${type}剩余可用 ${remaining}`);
    for (const fact of [`${year} 年`, type, `剩余可用 ${remaining}`])
      await expect(cells.first().getByText(fact, { exact: true })).toBeInViewport({ ratio: 1 });
    await expect(cells.nth(1)).toBeInViewport({ ratio: 1 });
    await expectWrapsAtLeast(cells.nth(1), 8);
    await expect(cells.nth(3)).not.toBeInViewport();
    await expectAccessible(page);
    await page.getByRole('row', { name: /WZXM-/ }).first().getByRole('link').click();
    await expect(page.getByRole('row', { name: /^合计/ })).toBeVisible();
    await noSidewaysScroll(page);
    await expectAccessible(page);

    await page.goto('/assets/new');
    await expect(page).toHaveTitle(TITLE('登记资产'));
    await page.getByRole('button', { name: '登记项目' }).click();
    const drawer = page.getByRole('dialog', { name: '登记项目' });
    await expect(drawer).toBeVisible();
    await drawer.getByLabel('项目编号').fill('WZXM-2026-T03');
    await drawer.getByLabel('项目名称').fill('梧桐村光伏扩容项目');
    await drawer.getByLabel('项目年度').fill('2026');
    await chooseOption(page, '项目类型', '产业发展', drawer);
    await drawer.getByLabel('实施单位').fill('龙驹镇人民政府');
    await chooseOption(page, '资金来源 1', '衔接资金', drawer);
    await drawer.getByLabel('金额 1（元）').fill('300000');
    await drawer.getByRole('button', { name: '添加资金来源' }).click();
    await chooseOption(page, '资金来源 2', '衔接资金', drawer);
    await drawer.getByLabel('金额 2（元）').fill('1000');
    await drawer.getByRole('button', { name: '登记', exact: true }).click();
    await expect(drawer.getByText('衔接资金已在资金来源 1 填写，每种来源只填一次')).toBeVisible();
    await noSidewaysScroll(page);
    await expectAccessible(page);
    await chooseOption(page, '资金来源 2', '东西部协作资金', drawer);
    await drawer.getByRole('button', { name: '登记', exact: true }).click();

    await expect(drawer).toBeHidden();
    await expect(
      page.getByText('所选项目剩余可用：衔接资金 ¥300,000.00；东西部协作资金 ¥1,000.00'),
    ).toBeVisible();
    await expect(page.getByTitle('WZXM-2026-T03 梧桐村光伏扩容项目')).toBeVisible();
    await noSidewaysScroll(page);
    const { projects } = await clerk.gql<{ projects: { edges: Array<{ node: FoundProject }> } }>(BY_TEXT, {
      text: 'WZXM-2026-T03',
    });
    expect(projects.edges[0].node).toMatchObject({
      regionCode: '500101151201',
      fundSources: [
        { source: 'LINKAGE_FUND', amount: '300000.00' },
        { source: 'EAST_WEST_COOPERATION', amount: '1000.00' },
      ],
    });
  });
});
