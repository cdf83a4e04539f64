import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
import { choose } from './support/forms';
import { chooseOption, openFromMenu } from './support/ui';

useConsoleApp();

type Pending = {
  disposalRequests: {
    edges: Array<{
      node: { id: string; assetId: string; snapshotHash: string; reviews: Array<{ level: string }> };
    }>;
  };
};

test.describe('处置审批（区级）', () => {
  // Before the next test approves the one request waiting for the district.
  test('on a phone, each request shows its status, method and due day under its asset, before the table is scrolled', async ({
    page,
    signInAs,
  }) => {
    await page.setViewportSize(WIDTHS.phone);
    await signInAs('district');
    await page.goto('/disposals');
    // The first request's cells (a locator: after a change of tab, the first request of that tab).
    const cells = page
      .getByRole('table')
      .filter({ has: page.getByRole('columnheader', { name: '处置方式' }) })
      .getByRole('row')
      .filter({ has: page.getByRole('cell') })
      .first()
      .getByRole('cell');
    await expect(cells.first().getByRole('link')).toBeVisible();
    const asset = (await cells.first().getByRole('link').textContent())!;
    const method = (await cells.nth(2).textContent())!;
    const status = (await cells.nth(6).textContent())!;
    const due = (await cells.nth(7).textContent())!;
    expect(status).toMatch(/^待区级审批(已超期)?$/);
    expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect(cells.first()).toHaveText(`${asset}${status}${method}期限 ${due}`);
    for (const fact of ['待区级审批', method, `期限 ${due}`])
      await expect(cells.first().getByText(fact, { exact: true })).toBeInViewport({ ratio: 1 });
    await expect(cells.nth(6)).not.toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);
    // A decided request has no step left to be due: no 期限 under it.
    await page.getByRole('tab', { name: '已审批' }).click();
    await expect(cells.nth(7)).toHaveText('—');
    await expect(cells.first()).toHaveText(
      `${await cells.first().getByRole('link').textContent()}${await cells.nth(6).textContent()}${await cells.nth(2).textContent()}`,
    );
    // On a wide screen the facts stay in their own columns.
    await page.setViewportSize(WIDTHS.desktop);
    await expect(cells.first()).toHaveText((await cells.first().getByRole('link').textContent())!);
  });

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
    // A new version of the disposal policy (the same rules, so that the rest of this file decides as
    // before) comes into force after the request was submitted: its grounds say by which version they
    // were decided, the card above showing the current one.
    const { disposalPolicy: inForce } = await district.gql<{
      disposalPolicy: {
        districtFromAppraisedValue: string | null;
        districtFromFormedValue: string | null;
        districtMethods: string[];
        districtReviewDays: number;
        townshipReviewDays: number;
      };
    }>(
      '{ disposalPolicy { districtFromAppraisedValue districtFromFormedValue districtMethods districtReviewDays townshipReviewDays } }',
    );
    await district.gql(
      'mutation($input: DisposalPolicyInput!) { setDisposalPolicy(input: $input) { version } }',
      {
        input: { ...inForce, note: '重新发布，规则不变' },
      },
    );
    await page.reload();
    const versions = await district.gql<{
      disposalRequest: { policyVersion: number };
      disposalPolicies: Array<{ version: number }>;
    }>('query($id: ID!) { disposalRequest(id: $id) { policyVersion } disposalPolicies { version } }', {
      id: request.id,
    });
    const submittedUnder = versions.disposalRequest.policyVersion;
    expect(submittedUnder).toBeLessThan(versions.disposalPolicies[0].version);
    await expect(
      page.getByText(`现行处置政策（第 ${versions.disposalPolicies[0].version} 版）`),
    ).toBeVisible();
    await expect(row).toContainText(`按提交时的第 ${submittedUnder} 版处置政策`);
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
    // The row names its asset (a link to the request too) beside 审核.
    await expect(
      disposals.locator(`a[href="/disposals/${oldest.id}"]`).filter({ hasText: '审核' }),
    ).toBeVisible();
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

test.describe('处置申请（村级）', () => {
  type Request = {
    id: string;
    status: string;
    version: number;
    appraisedValue: string;
    proceeds: string | null;
    proceedsIncomeId: string | null;
    snapshotHash: string;
    currentLevel: string | null;
    evidence: { appraisal: Array<{ fileId: string }>; resolution: Array<{ fileId: string }> };
  };
  const REQUEST = `query($id: ID!) { disposalRequest(id: $id) { id status version appraisedValue proceeds
    proceedsIncomeId snapshotHash currentLevel evidence { appraisal { fileId } resolution { fileId } } } }`;
  const pdf = (name: string) => ({
    name,
    mimeType: 'application/pdf',
    buffer: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`),
  });

  test('a village clerk applies on the phone, withdraws, changes a returned request, resubmits it and records the disposal once approved', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const officer = await app.as('longju');
    const district = await app.as('district');
    // An asset 梧桐村's collective alone owns, in use, with no request under way.
    const { assets } = await clerk.gql<{
      assets: {
        edges: Array<{
          node: {
            id: string;
            code: string;
            status: string;
            owners: Array<{ ownerType: string; ownerRef: string }>;
          };
        }>;
      };
    }>('{ assets(first: 200) { edges { node { id code status owners { ownerType ownerRef } } } } }');
    const { disposalRequests } = await clerk.gql<{
      disposalRequests: { edges: Array<{ node: { assetId: string; status: string } }> };
    }>('{ disposalRequests(first: 200) { edges { node { assetId status } } } }');
    const busy = new Set(
      disposalRequests.edges
        .filter((e) =>
          ['PENDING_TOWNSHIP', 'PENDING_DISTRICT', 'RETURNED', 'APPROVED'].includes(e.node.status),
        )
        .map((e) => e.node.assetId),
    );
    const asset = assets.edges
      .map((e) => e.node)
      .find(
        (a) =>
          a.status === 'IN_USE' &&
          !busy.has(a.id) &&
          a.owners.length === 1 &&
          a.owners[0].ownerType === 'VILLAGE_COLLECTIVE' &&
          a.owners[0].ownerRef === '500101151201',
      );
    expect(asset, 'a demo asset of 梧桐村 to dispose of').toBeDefined();
    const { id, code } = asset!;
    const latest = async (): Promise<Request> => {
      const { disposalRequests: mine } = await clerk.gql<{
        disposalRequests: { edges: Array<{ node: { id: string } }> };
      }>('query($a: ID) { disposalRequests(filter: { assetId: $a }) { edges { node { id } } } }', { a: id });
      return (await clerk.gql<{ disposalRequest: Request }>(REQUEST, { id: mine.edges[0].node.id }))
        .disposalRequest;
    };

    // The township officer reads the asset but does not apply for it: its village does.
    await signInAs('longju');
    await page.goto(`/assets/${id}?tab=disposal`);
    await expect(page.getByRole('tab', { name: '处置', selected: true })).toBeVisible();
    await expect(page.getByText('暂无处置申请')).toBeVisible();
    await expect(page.getByRole('link', { name: '申请处置' })).toHaveCount(0);
    await page.goto(`/assets/${id}/disposal/new`);
    await expect(page.getByText(/处置由资产的所有权人申请/)).toBeVisible();
    await expect(page.getByRole('button', { name: '提交申请' })).toHaveCount(0);

    // The clerk, on a phone.
    await signInAs('wutong');
    await page.setViewportSize(WIDTHS.phone);
    await page.goto(`/assets/${id}?tab=disposal`);
    await page.getByRole('link', { name: '申请处置' }).click();
    await expect(page).toHaveTitle('申请处置 - 扶贫项目资产管理系统');
    await page.getByRole('button', { name: '提交申请' }).click();
    for (const problem of [
      '请选择处置方式',
      '请选择处置原因',
      '请填写评估价值',
      '请说明处置的原因和经过',
      '请上传评估报告',
      '请上传民主决议',
    ]) {
      await expect(page.getByText(problem)).toBeVisible();
    }
    // The evidence pickers are the two buttons only (no browser file control shows beside them).
    await expect(page.locator('input[type=file]').first()).toBeHidden();
    await chooseOption(page, '处置方式', '报废');
    await chooseOption(page, '处置原因', '使用年限届满');
    await page.getByLabel('评估价值（元）').fill('1.234');
    await expect(page.getByText('请填写金额（元），最多两位小数，如 120000.00')).toBeVisible();
    await page.getByLabel('评估价值（元）').fill('1200');
    await page.getByLabel('情况说明').fill('大棚钢架锈蚀，经鉴定已无修复价值');
    await choose(page, '评估报告', '选择文件', pdf('评估报告.pdf'));
    await choose(page, '民主决议', '拍照', pdf('村民代表会议决议.pdf'));
    await expect(page.getByRole('list', { name: '民主决议' })).toContainText('村民代表会议决议.pdf');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect(page.getByText('已提交处置申请，待乡镇审核')).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/assets/${id}\\?tab=disposal$`));
    const row = page.getByRole('row', { name: /报废/ });
    await expect(row).toContainText('待乡镇审核');
    await expect(row).toContainText('¥1,200.00');
    await expect(page.getByRole('link', { name: '申请处置' })).toHaveCount(0);
    const first = await latest();
    expect(first).toMatchObject({ status: 'PENDING_TOWNSHIP', appraisedValue: '1200.00' });
    expect(first.evidence.appraisal).toHaveLength(1);
    expect(first.evidence.resolution).toHaveLength(1);
    await expectAccessible(page);

    // Withdrawn before the township decided.
    await row.getByRole('button', { name: '撤回' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await expect(page.getByText('已撤回处置申请')).toBeVisible();
    await expect(row).toContainText('已撤回');
    expect(
      (await clerk.gql<{ disposalRequest: Request }>(REQUEST, { id: first.id })).disposalRequest.status,
    ).toBe('WITHDRAWN');

    // Applied for again; the township sends it back.
    await page.getByRole('link', { name: '申请处置' }).click();
    await chooseOption(page, '处置方式', '报废');
    await chooseOption(page, '处置原因', '使用年限届满');
    await page.getByLabel('评估价值（元）').fill('1200');
    await page.getByLabel('情况说明').fill('大棚钢架锈蚀，经鉴定已无修复价值');
    await choose(page, '评估报告', '选择文件', pdf('评估报告.pdf'));
    await choose(page, '民主决议', '选择文件', pdf('村民代表会议决议.pdf'));
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect(page.getByText('已提交处置申请，待乡镇审核')).toBeVisible();
    const second = await latest();
    expect(second.id).not.toBe(first.id);
    await officer.gql(
      'mutation($id: ID!, $h: String!) { reviewDisposal(requestId: $id, decision: RETURN, comment: "评估报告缺少评估机构盖章", expectedSnapshotHash: $h) { id } }',
      { id: second.id, h: second.snapshotHash },
    );
    await page.reload();
    const returned = page.getByRole('row', { name: /已退回/ });
    await expect(returned).toContainText('乡镇审核意见：评估报告缺少评估机构盖章');
    await expectAccessible(page);
    await returned.getByRole('button', { name: '修改' }).click();
    await expect(page).toHaveTitle('修改处置申请 - 扶贫项目资产管理系统');
    await expect(page.getByRole('alert').filter({ hasText: '退回意见' })).toContainText(
      '评估报告缺少评估机构盖章',
    );
    await expect(page.getByLabel('评估价值（元）')).toHaveValue('1200.00');
    await page.getByLabel('评估价值（元）').fill('800');
    await choose(page, '评估报告', '选择文件', pdf('评估报告（盖章）.pdf'));
    await expect(page.getByRole('list', { name: '评估报告' })).toContainText('评估报告（盖章）.pdf');
    await page.getByRole('button', { name: '保存并重新提交' }).click();
    await expect(page.getByText('已修改并重新提交处置申请，待乡镇审核')).toBeVisible();
    await expect(page.getByRole('row', { name: /报废/ }).first()).toContainText('待乡镇审核');
    const changed = await latest();
    expect(changed).toMatchObject({ id: second.id, status: 'PENDING_TOWNSHIP', appraisedValue: '800.00' });
    expect(changed.version).toBeGreaterThan(second.version);
    // The new appraisal replaced the old one; the resolution, not chosen again, stayed.
    expect(changed.evidence.appraisal[0].fileId).not.toBe(second.evidence.appraisal[0].fileId);
    expect(changed.evidence.resolution).toEqual(second.evidence.resolution);

    // Approved at each level the policy names; the clerk records that it was carried out.
    for (let r = await latest(); r.status !== 'APPROVED'; r = await latest()) {
      const reviewer = r.currentLevel === 'DISTRICT' ? district : officer;
      await reviewer.gql(
        'mutation($id: ID!, $h: String!) { reviewDisposal(requestId: $id, decision: APPROVE, expectedSnapshotHash: $h) { id } }',
        { id: r.id, h: r.snapshotHash },
      );
    }
    await page.reload();
    const approved = page.getByRole('row', { name: /已批准/ });
    await expect(approved.getByRole('button', { name: '撤回' })).toHaveCount(0);
    await approved.getByRole('button', { name: '完成处置' }).click();
    const dialog = page.getByRole('dialog', { name: '完成处置' });
    await dialog.getByLabel('处置收入（元）').fill('650');
    await choose(page, '凭证', '选择文件', pdf('废旧钢材收购凭证.pdf'));
    await expect(dialog.getByRole('list', { name: '凭证' })).toContainText('废旧钢材收购凭证.pdf');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: '确认完成' }).click();
    await expect(page.getByText('处置已完成，资产状态为已处置')).toBeVisible();
    await expect(page.getByRole('row', { name: /已处置完成/ })).toContainText('¥650.00');
    await page.getByRole('tab', { name: '基本信息' }).click();
    await expect(page.getByRole('tabpanel')).toContainText('已处置');
    await expect(page.getByRole('button', { name: '编辑' })).toHaveCount(0);
    const done = await latest();
    expect(done).toMatchObject({ status: 'COMPLETED', proceeds: '650.00' });
    expect(done.proceedsIncomeId).not.toBeNull();
    const after = await clerk.gql<{ asset: { code: string; status: string } }>(
      'query($id: ID!) { asset(id: $id) { code status } }',
      { id },
    );
    expect(after.asset).toEqual({ code, status: 'DISPOSED' });
    // A disposed asset offers no new application.
    await page.getByRole('tab', { name: '处置' }).click();
    await expect(page.getByRole('row', { name: /已处置完成/ })).toBeVisible();
    await expect(page.getByRole('link', { name: '申请处置' })).toHaveCount(0);
  });
});
