import { expect, expectAccessible, test, useConsoleApp } from './support/fixtures';

useConsoleApp();

interface Candidate {
  id: string;
  code: string;
  ownershipProposals: Array<{
    status: string;
    managementEntity: string;
    owners: Array<{ name: string; sharePercent: string }>;
  }>;
}
const ASSETS = `{ assets(filter: { regionCode: "500101151201", status: [IN_USE] }, first: 50) { edges { node {
  id code ownershipProposals { status managementEntity owners { name sharePercent } } } } } }`;

test.describe('申请确权', () => {
  test('a clerk proposes the owners of an asset; shares must add up to 100; the 公示 starts', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const { assets } = await clerk.gql<{ assets: { edges: Array<{ node: Candidate }> } }>(ASSETS);
    const asset = assets.edges
      .map((e) => e.node)
      .find((a) => !a.ownershipProposals.some((p) => p.status === 'PUBLICITY'));
    if (!asset) throw new Error('no asset of 梧桐村 without a proposal in publicity');
    const before = asset.ownershipProposals.length;

    await signInAs('wutong');
    await page.goto(`/assets/${asset.id}`);
    await page.getByRole('tab', { name: '权属' }).click();
    await page.getByRole('link', { name: '申请确权' }).click();
    await expect(page).toHaveTitle('申请确权 - 扶贫项目资产管理系统');
    // The clerk's village is proposed as the owner, in full.
    await expect(page.getByLabel('所有权人 1 编码')).toHaveValue('500101151201');
    await expect(page.getByLabel('所有权人 1 份额（%）')).toHaveValue('100');
    await expectAccessible(page);

    await page.getByLabel('所有权人 1 份额（%）').fill('60');
    await page.getByLabel('管护主体').fill('');
    await page.getByRole('button', { name: '提交并开始公示' }).click();
    await expect(page.getByText('各所有权人份额合计须为 100%，现为 60%')).toBeVisible();
    await expect(page.getByText('请输入管护主体')).toBeVisible();
    await page.getByLabel('所有权人 1 份额（%）').fill('100.5');
    await expect(page.getByText('份额须大于 0、不超过 100，最多两位小数')).toBeVisible();
    await page.getByLabel('所有权人 1 份额（%）').fill('100');
    await page.getByLabel('管护主体').fill('梧桐村村民委员会');
    await expectAccessible(page);
    await page.getByRole('button', { name: '提交并开始公示' }).click();

    // Back on the asset: the proposal is in publicity, and no second one can be started.
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('申请确权');
    await page.getByRole('tab', { name: '权属' }).click();
    await expect(page.getByRole('tabpanel')).toContainText('公示中');
    await expect(page.getByRole('tabpanel')).toContainText('梧桐村村民委员会');
    await expect(page.getByRole('link', { name: '申请确权' })).toHaveCount(0);

    const after = await clerk.gql<{ asset: Candidate }>(
      'query($id: ID!) { asset(id: $id) { id code ownershipProposals { status managementEntity owners { name sharePercent } } } }',
      { id: asset.id },
    );
    expect(after.asset.ownershipProposals).toHaveLength(before + 1);
    const open = after.asset.ownershipProposals.filter((p) => p.status === 'PUBLICITY');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      managementEntity: '梧桐村村民委员会',
      owners: [{ name: '梧桐村股份经济合作社', sharePercent: '100.00' }],
    });
  });

  test('an auditor cannot open the proposal form', async ({ page, app, signInAs }) => {
    const auditor = await app.as('auditor');
    const { assets } = await auditor.gql<{ assets: { edges: Array<{ node: Candidate }> } }>(ASSETS);
    await signInAs('auditor');
    await page.goto(`/assets/${assets.edges[0].node.id}`);
    await page.getByRole('tab', { name: '权属' }).click();
    await expect(page.getByRole('tabpanel')).toBeVisible();
    await expect(page.getByRole('link', { name: '申请确权' })).toHaveCount(0);
    await page.goto(`/assets/${assets.edges[0].node.id}/ownership/new`);
    await expect(page.getByText('无权访问')).toBeVisible();
  });
});
