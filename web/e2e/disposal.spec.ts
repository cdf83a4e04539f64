import { expect, expectAccessible, test, useConsoleApp } from './support/fixtures';
import { openFromMenu } from './support/ui';

useConsoleApp();

type Pending = {
  disposalRequests: {
    edges: Array<{
      node: { id: string; assetId: string; snapshotHash: string; reviews: Array<{ level: string }> };
    }>;
  };
};

test.describe('处置审批（区级）', () => {
  test('a district supervisor approves a disposal above the thresholds, seeing what changed since the township approved it', async ({
    page,
    app,
    signInAs,
  }) => {
    const district = await app.as('district');
    // 玉合村's auction: the township forwarded it; by the policy the district decides.
    const pending = (
      await district.gql<Pending>(
        '{ disposalRequests(filter: { status: [PENDING_DISTRICT] }) { edges { node { id assetId snapshotHash reviews { level } } } } }',
      )
    ).disposalRequests.edges.map((e) => e.node);
    expect(pending.length).toBe(1);
    const request = pending[0];
    const clerk = await app.as('yuhe');
    const ASSET = 'query($id: ID!) { asset(id: $id) { code name version managementResponsible } }';
    const asset = (
      await clerk.gql<{
        asset: { code: string; name: string; version: number; managementResponsible: string | null };
      }>(ASSET, {
        id: request.assetId,
      })
    ).asset;
    // After the township's approval the village names another person responsible for upkeep: the district sees it.
    await clerk.gql(
      'mutation($id: ID!, $v: Int!) { updateAsset(id: $id, expectedVersion: $v, changes: { managementResponsible: "玉合村 刘新管" }) { version } }',
      { id: request.assetId, v: asset.version },
    );

    await signInAs('district');
    await page.goto('/');
    await openFromMenu(page, '处置审批');
    await expect(page).toHaveTitle('处置审批 - 扶贫项目资产管理系统');
    await expect(page.getByText(/现行处置政策（第 \d+ 版）/)).toBeVisible();
    const row = page.getByRole('row', { name: new RegExp(asset.code) });
    await expect(row).toContainText('玉合村');
    await expect(row).toContainText('拍卖');
    await expect(row).toContainText('处置方式为拍卖');
    await expect(row).toContainText('¥120,000.00');
    await expectAccessible(page);

    await row.getByRole('link', { name: new RegExp(asset.code) }).click();
    await expect(page).toHaveTitle('处置审核 - 扶贫项目资产管理系统');
    await expect(page.getByText('快照指纹已核对')).toBeVisible();
    await expect(page.getByText(/^自乡镇审核同意（.*）以来的变化$/)).toBeVisible();
    const change = page
      .getByRole('table')
      .filter({ has: page.getByRole('columnheader', { name: '原为' }) })
      .getByRole('row', { name: /管护责任人/ });
    await expect(change).toContainText('玉合村 刘新管');
    await expect(page.getByText(/账本记录：修改资产/)).toBeVisible();
    await expect(page.getByRole('cell', { name: '情况属实，报区级审批' })).toBeVisible();
    await expectAccessible(page);

    // Not agreeing needs a reason.
    await page.getByLabel('不同意').check();
    await page.getByRole('button', { name: '提交审核意见' }).click();
    await expect(page.getByText('退回或不同意时，请写明理由')).toBeVisible();
    await page.getByLabel('同意', { exact: true }).check();
    await page.getByLabel('审核说明').fill('同意公开拍卖，所得上缴村集体');
    await page.getByRole('button', { name: '提交审核意见' }).click();
    await expect(page.getByText('已提交审核意见：同意，申请已批准')).toBeVisible();
    await expect(page).toHaveURL(/\/disposals$/);
    await expect(page.getByText('暂无待审批的处置申请')).toBeVisible();
    await page.getByRole('tab', { name: '已审批' }).click();
    await expect(page.getByRole('row', { name: new RegExp(asset.code) })).toContainText('已批准');

    const after = await district.gql<{
      disposalRequest: {
        status: string;
        reviews: Array<{ level: string; decision: string; comment: string; snapshotHash: string }>;
      };
    }>(
      'query($id: ID!) { disposalRequest(id: $id) { status reviews { level decision comment snapshotHash } } }',
      {
        id: request.id,
      },
    );
    expect(after.disposalRequest.status).toBe('APPROVED');
    expect(after.disposalRequest.reviews.at(-1)).toMatchObject({
      level: 'DISTRICT',
      decision: 'APPROVE',
      comment: '同意公开拍卖，所得上缴村集体',
    });
    // Bound to the snapshot with the village's change, not the one the township saw.
    expect(after.disposalRequest.reviews.at(-1)!.snapshotHash).not.toBe(request.snapshotHash);
  });

  test('a township officer may not open the district approvals', async ({ page, signInAs }) => {
    await signInAs('longju');
    await page.goto('/disposals');
    await expect(page.getByText('无权访问')).toBeVisible();
    await expect(
      page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '处置审批' }),
    ).toHaveCount(0);
  });

  test('past a page of 20, the township and district queues page on the server and reach the oldest request', async ({
    page,
    app,
    signInAs,
  }) => {
    type Requests = {
      disposalRequests: {
        totalCount: number;
        edges: Array<{ node: { id: string; assetId: string; snapshotHash: string; createdAt: string } }>;
      };
    };
    const LIST = `query($status: [DisposalStatus!]) { disposalRequests(filter: { status: $status }, first: 100) {
      totalCount edges { node { id assetId snapshotHash createdAt } } } }`;
    const clerk = await app.as('daping');
    const officer = await app.as('luotian');
    const district = await app.as('district');

    // 大坪村 asks to auction 20 more of its assets (an auction is the district's to approve).
    const open = (
      await clerk.gql<Requests>(LIST, { status: ['PENDING_TOWNSHIP', 'PENDING_DISTRICT', 'APPROVED'] })
    ).disposalRequests.edges.map((e) => e.node.assetId);
    const { assets } = await clerk.gql<{
      assets: { edges: Array<{ node: { id: string; status: string } }> };
    }>('{ assets(first: 100) { edges { node { id status } } } }');
    const candidates = assets.edges
      .map((e) => e.node)
      .filter((a) => a.status === 'IN_USE' && !open.includes(a.id));
    expect(candidates.length).toBeGreaterThanOrEqual(20);
    const upload = (name: string): Promise<string> =>
      clerk.upload(Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`), name);
    const evidence = {
      appraisalFileIds: [await upload('评估报告.pdf')],
      resolutionFileIds: [await upload('处置决议.pdf')],
    };
    for (const [i, asset] of candidates.slice(0, 20).entries()) {
      await clerk.gql('mutation($input: RequestDisposalInput!) { requestDisposal(input: $input) { id } }', {
        input: {
          assetId: asset.id,
          method: 'AUCTION',
          reasonCode: 'END_OF_LIFE',
          reasonText: `批量处置测试 ${i + 1}`,
          appraisedValue: '1000.00',
          evidence,
        },
      });
    }
    const township = (await officer.gql<Requests>(LIST, { status: ['PENDING_TOWNSHIP'] })).disposalRequests;
    expect(township.totalCount).toBeGreaterThan(20);
    const oldest = [...township.edges].sort((a, b) => a.node.createdAt.localeCompare(b.node.createdAt))[0]
      .node;

    // The township's queue: 20 on the first page, the rest (the oldest among them) on the last.
    await signInAs('luotian');
    await page.goto('/review?tab=disposals');
    const disposals = page.getByRole('tabpanel');
    const pager = disposals.getByRole('navigation', { name: '翻页' });
    await expect(pager).toContainText(`共 ${township.totalCount} 项，第 1 / 2 页`);
    await expect(disposals.getByRole('link', { name: '审核' })).toHaveCount(20);
    await expect(disposals.locator(`a[href="/disposals/${oldest.id}"]`)).toHaveCount(0);
    await pager.getByRole('button', { name: '下一页' }).click();
    await expect(pager).toContainText('第 2 / 2 页');
    await expect(disposals.getByRole('link', { name: '审核' })).toHaveCount(township.totalCount - 20);
    await expect(disposals.locator(`a[href="/disposals/${oldest.id}"]`)).toBeVisible();
    await expect(pager.getByRole('button', { name: '下一页' })).toBeDisabled();
    await pager.getByRole('button', { name: '上一页' }).click();
    await expect(disposals.getByRole('link', { name: '审核' })).toHaveCount(20);

    // The township forwards the auctions; the district's queue pages the same way.
    for (const { node } of township.edges) {
      await officer.gql(
        'mutation($id: ID!, $h: String!) { reviewDisposal(requestId: $id, decision: APPROVE, expectedSnapshotHash: $h) { id } }',
        { id: node.id, h: node.snapshotHash },
      );
    }
    const pending = (await district.gql<Requests>(LIST, { status: ['PENDING_DISTRICT'] })).disposalRequests;
    expect(pending.totalCount).toBeGreaterThan(20);
    const first = [...pending.edges].sort((a, b) => a.node.createdAt.localeCompare(b.node.createdAt))[0].node;
    await signInAs('district');
    await page.goto('/disposals');
    const table = page.locator('.ant-table');
    const districtPager = page.getByRole('navigation', { name: '翻页' });
    await expect(districtPager).toContainText(`共 ${pending.totalCount} 项，第 1 / 2 页`);
    await expect(table.locator('a[href^="/disposals/"]')).toHaveCount(20);
    await districtPager.getByRole('button', { name: '下一页' }).click();
    await expect(districtPager).toContainText('第 2 / 2 页');
    await expect(table.locator('a[href^="/disposals/"]')).toHaveCount(pending.totalCount - 20);
    await expect(table.locator(`a[href="/disposals/${first.id}"]`)).toBeVisible();
    // Another tab starts again at its first page.
    await page.getByRole('tab', { name: '已审批' }).click();
    await expect(districtPager).toContainText('第 1 / 1 页');
  });
});
