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
});
