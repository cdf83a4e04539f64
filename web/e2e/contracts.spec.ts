import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
import { fillDate } from './support/forms';
import { chooseOption, openFromMenu } from './support/ui';

useConsoleApp();

type Caller = Awaited<ReturnType<import('./support/console-app').ConsoleApp['as']>>;
interface ContractNode {
  id: string;
  code: string;
  kind: string;
  endDate: string;
  version: number;
  assets: Array<{ id: string }>;
  versions: Array<{ change: string }>;
  payments: { outstanding: string };
}

async function contracts(caller: Caller): Promise<ContractNode[]> {
  const { contracts: list } = await caller.gql<{ contracts: { edges: Array<{ node: ContractNode }> } }>(
    '{ contracts(first: 100) { edges { node { id code kind endDate version assets { id } versions { change } payments { outstanding } } } } }',
  );
  return list.edges.map((e) => e.node);
}

async function operatorCount(caller: Caller): Promise<number> {
  const { operators } = await caller.gql<{ operators: { totalCount: number } }>(
    '{ operators(first: 1) { totalCount } }',
  );
  return operators.totalCount;
}

test.describe('经营主体与合同', () => {
  test('a clerk registers a cooperative: a mistyped credit code is refused beside the field', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const before = await operatorCount(clerk);
    await signInAs('wutong');
    await page.goto('/');
    await openFromMenu(page, '经营主体');
    await expect(page).toHaveTitle('经营主体 - 扶贫项目资产管理系统');
    await expect(page.getByRole('cell', { name: '万州区梧桐蔬菜专业合作社' })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: '登记经营主体' }).click();
    const dialog = page.getByRole('dialog', { name: '登记经营主体' });
    await chooseOption(page, '主体类型', '合作社', dialog);
    await dialog.getByLabel('名称').fill('万州区龙驹茶叶专业合作社');
    await dialog.getByLabel('统一社会信用代码').fill('91350100M000100Y44');
    await dialog.getByLabel('联系电话').fill('13912345678');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByText(/校验位（第 18 位）不符/)).toBeVisible();
    await expectAccessible(page);
    expect(await operatorCount(clerk)).toBe(before);

    await dialog.getByLabel('统一社会信用代码').fill('91350100M000100Y43');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('cell', { name: '万州区龙驹茶叶专业合作社' })).toBeVisible();
    expect(await operatorCount(clerk)).toBe(before + 1);
  });

  test('the contract page: terms, what is owed, history; the clerk renews it', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const behind = (await contracts(clerk)).find((c) => c.kind === 'CONTRACTING');
    if (!behind) throw new Error('the demo has no contracting contract in 梧桐村');
    expect(behind.payments.outstanding).not.toBe('0.00');

    await signInAs('wutong');
    await page.goto('/');
    await openFromMenu(page, '经营合同');
    await expect(page).toHaveTitle('经营合同 - 扶贫项目资产管理系统');
    await expect(page.getByRole('row', { name: new RegExp(behind.code) })).toContainText('欠收');
    await expectAccessible(page);

    await page.getByRole('link', { name: behind.code }).click();
    await expect(page.getByRole('heading', { level: 1, name: `合同 ${behind.code}` })).toBeVisible();
    await expect(page.getByText('应收与实收')).toBeVisible();
    await expect(page.getByRole('cell', { name: '变更', exact: true })).toBeVisible();
    await expect(page.getByText(/¥[\d,]+\.\d\d/).first()).toBeVisible();
    await expectAccessible(page);

    const newEnd = `${Number(behind.endDate.slice(0, 4)) + 5}${behind.endDate.slice(4)}`;
    await page.getByRole('button', { name: '续签' }).click();
    const dialog = page.getByRole('dialog', { name: '续签合同' });
    await fillDate(dialog, '续签后的终止日期', newEnd);
    await dialog.getByLabel('说明').fill('续签五年');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('cell', { name: '续签', exact: true })).toBeVisible();
    const after = (await contracts(clerk)).find((c) => c.id === behind.id)!;
    expect(after.endDate).toBe(newEnd);
    expect(after.versions.map((v) => v.change)).toContain('RENEWED');

    // The asset's page lists the contract under 合同.
    await page.goto(`/assets/${behind.assets[0].id}`);
    await page.getByRole('tab', { name: '合同' }).click();
    await expect(page.getByRole('link', { name: behind.code })).toBeVisible();
    await expectAccessible(page);
  });

  test('a township officer reads contracts but has nothing to change; works on a phone', async ({
    page,
    app,
    signInAs,
  }) => {
    const officer = await app.as('longju');
    const [first] = await contracts(officer);
    await signInAs('longju');
    await page.setViewportSize(WIDTHS.phone);
    await page.goto('/contracts');
    await expect(page.getByRole('heading', { level: 1, name: '经营合同' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await page.goto(`/contracts/${first.id}`);
    await expect(page.getByRole('heading', { level: 1, name: `合同 ${first.code}` })).toBeVisible();
    await expect(page.getByRole('button', { name: '续签' })).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);
  });
});
