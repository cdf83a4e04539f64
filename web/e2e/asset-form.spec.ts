import type { Page } from '@playwright/test';
import { expect, expectAccessible, test, useConsoleApp } from './support/fixtures';
import { chooseFound, fillDate } from './support/forms';
import { chooseOption } from './support/ui';
import { fen, yuan } from './support/money';

useConsoleApp();

interface Found {
  assets: {
    edges: Array<{
      node: {
        id: string;
        name: string;
        version: number;
        formedValue: string;
        managementEntity: string | null;
        operator: string | null;
        operatingMode: string | null;
        fundSources: Array<{ source: string; amount: string }>;
      };
    }>;
  };
}
const BY_CODE = `query($text: String!) { assets(filter: { text: $text }) { edges { node {
  id name version formedValue managementEntity operator operatingMode fundSources { source amount } } } } }`;

const save = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

/** The fund sources as the form offers them. */
const FUND_SOURCES: Record<string, string> = {
  CENTRAL_FISCAL: '中央财政资金',
  MUNICIPAL_FISCAL: '市级财政资金',
  DISTRICT_FISCAL: '区级财政资金',
  LINKAGE_FUND: '衔接资金',
  INTEGRATED_AGRI_FUND: '统筹整合涉农资金',
  BOND: '债券资金',
  EAST_WEST_COOPERATION: '东西部协作资金',
  PAIRED_ASSISTANCE: '对口帮扶资金',
  DESIGNATED_ASSISTANCE: '定点帮扶资金',
  SOCIAL_DONATION: '社会捐赠资金',
  REINVESTED_INCOME: '收益再投入',
  OTHER: '其他资金',
};

test.describe('登记与编辑资产', () => {
  test('a clerk registers an asset: a Chinese message under each wrong field, then the asset is saved', async ({
    page,
    app,
    signInAs,
  }) => {
    test.slow(); // a long form, filled field by field
    const clerk = await app.as('wutong');
    const { assetCategories } = await clerk.gql<{ assetCategories: Array<{ code: string; name: string }> }>(
      '{ assetCategories { code name } }',
    );
    const category = assetCategories[0];
    // A project with room for the new asset's fund sources (the demo's projects are used up exactly).
    const { registerProject: project } = await clerk.gql<{ registerProject: { id: string; code: string } }>(
      'mutation($input: RegisterProjectInput!) { registerProject(input: $input) { id code } }',
      {
        input: {
          code: 'WZ-P-COLD-2025',
          name: '梧桐村冷链项目',
          year: 2025,
          type: 'INDUSTRY',
          implementingUnit: '梧桐村村民委员会',
          regionCode: '500101151201',
          fundSources: [
            { source: 'CENTRAL_FISCAL', amount: '150000.00' },
            { source: 'DISTRICT_FISCAL', amount: '50000.00' },
          ],
        },
      },
    );

    await signInAs('wutong');
    await page.goto('/assets');
    await page.getByRole('button', { name: '登记资产' }).click();
    await expect(page).toHaveTitle('登记资产 - 扶贫项目资产管理系统');
    await save(page, '登记');
    for (const text of [
      '请输入资产编号',
      '请输入资产名称',
      '请选择资产类型',
      '请选择资产形态',
      '请选择资产分类',
      '请选择所属项目',
      '请输入单位',
      '请输入投资额',
      '请输入原值',
      '请选择资金来源',
    ])
      await expect(page.getByText(text, { exact: true })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel('资产编号').fill('WZ 151201');
    await expect(page.getByText('资产编号须为 1–64 位字母、数字或 . _ / -')).toBeVisible();
    await page.getByLabel('资产编号').fill('WZ-151201-9001');
    await page.getByLabel('资产名称').fill('梧桐村冷库');
    await chooseOption(page, '资产类型', '经营性资产');
    await chooseOption(page, '资产形态', '固定资产');
    await chooseFound(page, page.locator('body'), '资产分类', category.name);
    await chooseFound(page, page.locator('body'), '所属项目', project.code);
    await page.getByLabel('单位').fill('座');
    await page.getByLabel('投资额（元）').fill('200000');
    await page.getByLabel('原值（元）').fill('198000.5');
    await chooseOption(page, '资金来源 1', '中央财政资金');
    await page.getByLabel('金额 1（元）').fill('150000');
    await fillDate(page.locator('body'), '建成日期', '2025-06-30');
    await fillDate(page.locator('body'), '验收日期', '2025-06-01');
    await save(page, '登记');
    await expect(page.getByText('验收日期不能早于建成日期')).toBeVisible();
    await expect(page.getByText('各资金来源合计 ¥150,000.00，须等于投资额 ¥200,000.00')).toBeVisible();
    await fillDate(page.locator('body'), '验收日期', '2025-07-15');
    await page.getByRole('button', { name: '添加资金来源' }).click();
    await chooseOption(page, '资金来源 2', '区级财政资金');
    await page.getByLabel('金额 2（元）').fill('50000');
    await expectAccessible(page);
    await save(page, '登记');

    // The asset's page, as registered.
    await expect(page.getByRole('heading', { level: 1, name: '梧桐村冷库' })).toBeVisible();
    await expect(page.getByRole('tabpanel')).toContainText('WZ-151201-9001');
    await expect(page.getByRole('tabpanel')).toContainText('¥198,000.50');
    const { assets } = await clerk.gql<Found>(BY_CODE, { text: 'WZ-151201-9001' });
    expect(assets.edges).toHaveLength(1);
    expect(assets.edges[0].node.formedValue).toBe('198000.50');
    expect(assets.edges[0].node.fundSources).toEqual(
      expect.arrayContaining([
        { source: 'CENTRAL_FISCAL', amount: '150000.00' },
        { source: 'DISTRICT_FISCAL', amount: '50000.00' },
      ]),
    );
  });

  test('a code already in the register is refused at the code field; nothing is written', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const { assetCategories, projects, assets } = await clerk.gql<{
      assetCategories: Array<{ code: string; name: string }>;
      projects: { edges: Array<{ node: { id: string; code: string } }> };
      assets: { totalCount: number; edges: Array<{ node: { code: string } }> };
    }>(
      '{ assetCategories { code name } projects(first: 1) { edges { node { id code } } } assets(first: 1) { totalCount edges { node { code } } } }',
    );
    const taken = assets.edges[0].node.code;
    await signInAs('wutong');
    await page.goto('/assets/new');
    await page.getByLabel('资产编号').fill(taken);
    await page.getByLabel('资产名称').fill('重复编号的资产');
    await chooseOption(page, '资产类型', '公益性资产');
    await chooseOption(page, '资产形态', '固定资产');
    await chooseFound(page, page.locator('body'), '资产分类', assetCategories[0].name);
    await chooseFound(page, page.locator('body'), '所属项目', projects.edges[0].node.code);
    await page.getByLabel('单位').fill('座');
    await page.getByLabel('投资额（元）').fill('0');
    await page.getByLabel('原值（元）').fill('0');
    await page.getByRole('button', { name: '删除资金来源 1' }).click();
    await fillDate(page.locator('body'), '建成日期', '2025-06-30');
    await save(page, '登记');
    await expect(page.getByText('该资产编号已被使用')).toBeVisible();
    await expect(page).toHaveTitle('登记资产 - 扶贫项目资产管理系统');
    const after = await clerk.gql<{ assets: { totalCount: number } }>('{ assets(first: 1) { totalCount } }');
    expect(after.assets.totalCount).toBe(assets.totalCount);
  });

  test('a clerk edits an asset; only what changed is saved, with the operator a mode needs', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const { assets } = await clerk.gql<{ assets: { edges: Array<{ node: { id: string; code: string } }> } }>(
      '{ assets(filter: { class: [PUBLIC_WELFARE], status: [IN_USE], regionCode: "500101151201" }, first: 1) { edges { node { id code } } } }',
    );
    const { id, code } = assets.edges[0].node;
    const before = (await clerk.gql<Found>(BY_CODE, { text: code })).assets.edges[0].node;

    await signInAs('wutong');
    await page.goto(`/assets/${id}`);
    await page.getByRole('button', { name: '编辑' }).click();
    await expect(page).toHaveTitle(`编辑资产 ${code} - 扶贫项目资产管理系统`);
    await expect(page.getByLabel('资产名称')).toHaveValue(before.name);
    await expect(page.getByLabel('资产编号')).toBeDisabled();
    await page.getByLabel('资产名称').fill('');
    await page.getByLabel('管护主体').fill('梧桐村村民委员会');
    await page.getByLabel('经营主体').fill('');
    await chooseOption(page, '经营方式', '委托经营');
    await save(page, '保存');
    await expect(page.getByText('请输入资产名称')).toBeVisible();
    await expect(page.getByText('填写了经营方式，须填写经营主体')).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel('资产名称').fill(`${before.name}（改）`);
    await page.getByLabel('经营主体').fill('梧桐村专业合作社');
    await save(page, '保存');

    await expect(page.getByRole('heading', { level: 1, name: `${before.name}（改）` })).toBeVisible();
    await expect(page.getByRole('tabpanel')).toContainText('梧桐村专业合作社');
    const after = (await clerk.gql<Found>(BY_CODE, { text: code })).assets.edges[0].node;
    expect(after).toMatchObject({
      name: `${before.name}（改）`,
      managementEntity: '梧桐村村民委员会',
      operator: '梧桐村专业合作社',
      operatingMode: 'ENTRUSTED',
      version: before.version + 1,
      formedValue: before.formedValue,
      fundSources: before.fundSources,
    });
  });

  test('more than the project has left: the API’s own sentence beside 资金来源, its amounts as the API writes them; nothing is written', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const { assetCategories, projects, assets } = await clerk.gql<{
      assetCategories: Array<{ name: string }>;
      projects: {
        edges: Array<{
          node: {
            code: string;
            investmentUse: Array<{ source: string; invested: string; used: string; remaining: string }>;
          };
        }>;
      };
      assets: { totalCount: number };
    }>(
      '{ assetCategories { name } projects(first: 1) { edges { node { code investmentUse { source invested used remaining } } } } assets(first: 1) { totalCount } }',
    );
    const project = projects.edges[0].node;
    const use = project.investmentUse[0];
    expect(use.remaining).toBe('0.00'); // the demo's projects are used up exactly

    await signInAs('wutong');
    await page.goto('/assets/new');
    await page.getByLabel('资产编号').fill('WZ-151201-9002');
    await page.getByLabel('资产名称').fill('梧桐村冷库二期');
    await chooseOption(page, '资产类型', '公益性资产');
    await chooseOption(page, '资产形态', '固定资产');
    await chooseFound(page, page.locator('body'), '资产分类', assetCategories[0].name);
    await chooseFound(page, page.locator('body'), '所属项目', project.code);
    await fillDate(page.locator('body'), '建成日期', '2025-06-30'); // its Enter submits the form: before the rest
    await page.getByLabel('单位').fill('座');
    await page.getByLabel('投资额（元）').fill('1000');
    await page.getByLabel('原值（元）').fill('1000');
    await chooseOption(page, '资金来源 1', FUND_SOURCES[use.source]);
    await expect(page.getByLabel('金额 1（元）')).toHaveAccessibleDescription(/所选项目剩余可用 ¥0\.00$/);
    await page.getByLabel('金额 1（元）').fill('1000');
    await save(page, '登记');

    const sentence = `超出项目 ${project.code} 的投资：${FUND_SOURCES[use.source]}：项目投资 ${use.invested} 元，资产合计 ${yuan(fen(use.used) + 100000n)} 元（超出 1000.00 元）`;
    await expect(page.getByRole('group', { name: '资金来源' })).toHaveAccessibleDescription(sentence);
    await expect(page.getByText(sentence)).toHaveCount(1);
    await expect(page.getByText('填写的内容不符合登记规则，请检查')).toHaveCount(0);
    await expect(page.getByRole('alert').filter({ hasText: '未能登记：请按标出的栏目修改' })).toBeVisible();
    await expect(page).toHaveTitle('登记资产 - 扶贫项目资产管理系统');
    await expectAccessible(page);
    const after = await clerk.gql<{ assets: { totalCount: number } }>('{ assets(first: 1) { totalCount } }');
    expect(after.assets.totalCount).toBe(assets.totalCount);
  });

  test('an auditor may neither register nor edit', async ({ page, signInAs }) => {
    await signInAs('auditor');
    await page.goto('/assets');
    await expect(page.getByRole('heading', { level: 1, name: '资产台账' })).toBeVisible();
    await expect(page.getByRole('button', { name: '登记资产' })).toHaveCount(0);
    await page.goto('/assets/new');
    await expect(page.getByText('无权访问')).toBeVisible();
    await expectAccessible(page);
  });
});
