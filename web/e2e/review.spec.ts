import { chinaDaysAgo } from './support/co-owned';
import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
import { decisionEvidence } from './support/plans';
import { openFromMenu } from './support/ui';

useConsoleApp();

interface Tasks {
  myTasks: {
    groups: Array<{
      kind: string;
      count: number;
      items: Array<{ entityId: string; assetCode: string | null; title: string }>;
    }>;
  };
}
const TASKS = '{ myTasks(first: 50) { groups { kind count items { entityId assetCode title } } } }';

test.describe('审核待办（乡镇）', () => {
  // Before the tests below decide the demo's proposals and its disposal request.
  test('on a phone, each to-do shows what the officer decides on under its first column, before the table is scrolled', async ({
    page,
    app,
    signInAs,
  }) => {
    await page.setViewportSize(WIDTHS.phone);
    // The first row's cells of the table whose first column is `first` (the tab shown).
    const firstRow = (first: string) =>
      page
        .getByRole('table')
        .filter({ has: page.getByRole('columnheader', { name: first }) })
        .getByRole('row')
        .filter({ has: page.getByRole('cell') })
        .first()
        .getByRole('cell');
    const text = async (cell: ReturnType<typeof firstRow>) => (await cell.textContent())!;
    const inView = async (cell: ReturnType<typeof firstRow>, facts: string[]) => {
      for (const fact of facts)
        await expect(cell.getByText(fact, { exact: true })).toBeInViewport({ ratio: 1 });
    };

    // 罗田镇: two proposals whose publicity has ended, one disposal request to review.
    await signInAs('luotian');
    await page.goto('/review');
    let cells = firstRow('公示截止');
    await expect(cells.first().getByRole('link')).toBeVisible();
    const asset = await text(cells.first().getByRole('link'));
    const village = await text(cells.nth(1));
    const ended = await text(cells.nth(2));
    expect(ended).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect(cells.first()).toHaveText(`${asset}${village}公示截止 ${ended}`);
    await inView(cells.first(), [village, `公示截止 ${ended}`]);
    await expect(cells.nth(2)).not.toBeInViewport();
    await expectAccessible(page);

    await page.getByRole('tab', { name: /处置待审核/ }).click();
    cells = firstRow('评估价值');
    await expect(cells.first().getByRole('link')).toBeVisible();
    const request = await text(cells.first().getByRole('link'));
    const [from, method, value, due] = await Promise.all([1, 2, 4, 5].map((n) => text(cells.nth(n))));
    // The demo's request is overdue: 已超期 beside its due day.
    expect(due).toMatch(/^\d{4}-\d{2}-\d{2}已超期$/);
    const day = due.replace('已超期', '');
    await expect(cells.first()).toHaveText(`${request}${from}${method}${value}期限 ${day}已超期`);
    await inView(cells.first(), [from, method, value, `期限 ${day}`, '已超期']);
    await expect(cells.nth(4)).not.toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);
    // On a wide screen the facts stay in their own columns.
    await page.setViewportSize(WIDTHS.desktop);
    await expect(cells.first()).toHaveText(request);

    // 龙驹镇: a plan submitted for filing.
    await page.setViewportSize(WIDTHS.phone);
    await signInAs('longju');
    await page.goto('/review?tab=plans');
    const { distributionPlans } = await (
      await app.as('longju')
    ).gql<{ distributionPlans: { edges: Array<{ node: { title: string } }> } }>(
      '{ distributionPlans(filter: { status: [SUBMITTED] }, first: 1) { edges { node { title } } } }',
    );
    const title = distributionPlans.edges[0].node.title;
    cells = firstRow('分配金额');
    await expect(cells.nth(1)).not.toHaveText('');
    const [planVillage, amount, submitted] = await Promise.all([1, 2, 3].map((n) => text(cells.nth(n))));
    expect(amount).toMatch(/^¥[\d,]+\.\d{2}$/);
    await expect(cells.first()).toHaveText(`${title}${planVillage}${amount}提交 ${submitted}`);
    await inView(cells.first(), [planVillage, amount, `提交 ${submitted}`]);
    await expect(cells.nth(2)).not.toBeInViewport();
    await expectAccessible(page);
  });

  test('a township officer confirms an ownership whose publicity has ended', async ({
    page,
    app,
    signInAs,
  }) => {
    const officer = await app.as('longju');
    const due = (await officer.gql<Tasks>(TASKS)).myTasks.groups.find(
      (g) => g.kind === 'OWNERSHIP_PUBLICITY_ENDED',
    )!;
    expect(due.count).toBeGreaterThan(0);
    const item = due.items[0];

    await signInAs('longju');
    await page.goto('/');
    await openFromMenu(page, '审核待办');
    await expect(page).toHaveTitle('审核待办 - 扶贫项目资产管理系统');
    await expect(
      page.getByRole('tab', { name: new RegExp(`确权待确认\\D*${due.count}(?!\\d)`) }),
    ).toBeVisible();
    const row = page.getByRole('row', { name: new RegExp(item.assetCode ?? item.title) });
    await expect(row).toBeVisible();
    await expectAccessible(page);

    await row.getByRole('button', { name: '确认权属' }).click();
    const dialog = page.getByRole('dialog', { name: '确认权属' });
    await expect(dialog.getByText('公示期')).toBeVisible();
    await expect(dialog.getByRole('columnheader', { name: '份额' })).toBeVisible();
    await expectAccessible(page);
    // Without the certificate number: a field message, nothing confirmed.
    await dialog.getByRole('button', { name: '确认权属' }).click();
    await expect(dialog.getByText('请填写确权证书编号')).toBeVisible();
    await dialog.getByLabel('确权证书编号').fill('LJ-QQ-2026-0901');
    await dialog.getByRole('button', { name: '确认权属' }).click();
    await expect(page.getByText(`已确认权属：${item.assetCode ?? ''} ${item.title}`)).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByRole('tab', { name: new RegExp(`确权待确认\\D*${due.count - 1}(?!\\d)`) }),
    ).toBeVisible();

    const { ownershipProposal } = await officer.gql<{
      ownershipProposal: { status: string; certificateNo: string };
    }>('query($id: ID!) { ownershipProposal(id: $id) { status certificateNo } }', { id: item.entityId });
    expect(ownershipProposal).toEqual({ status: 'CONFIRMED', certificateNo: 'LJ-QQ-2026-0901' });
  });

  test('on a phone an officer opens a proposal from the home page, sees its evidence and the notice photo, and declines it with a reason', async ({
    page,
    app,
    signInAs,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const officer = await app.as('longju');
    const due = (await officer.gql<Tasks>(TASKS)).myTasks.groups.find(
      (g) => g.kind === 'OWNERSHIP_PUBLICITY_ENDED',
    )!;
    expect(due.items.length).toBeGreaterThan(1);
    const item = due.items[0];
    const { ownershipProposal: before } = await officer.gql<{
      ownershipProposal: { backdated: boolean; evidence: unknown[]; noticeEvidence: unknown[] };
    }>(
      'query($id: ID!) { ownershipProposal(id: $id) { backdated evidence { fileId } noticeEvidence { fileId } } }',
      {
        id: item.entityId,
      },
    );
    expect(before.backdated).toBe(true); // the demo's proposals were posted before they were recorded
    const files = before.evidence.length + before.noticeEvidence.length;
    expect(before.noticeEvidence.length).toBeGreaterThan(0);

    await signInAs('longju');
    await page.goto('/');
    const card = page.getByRole('region', { name: /^公示期满待确权/ });
    await card.getByRole('link', { name: `确认权属：${item.assetCode ?? ''} ${item.title}` }).click();
    const dialog = page.getByRole('dialog', { name: '确认权属' });
    await expect(dialog).toBeVisible();
    await expect(page).toHaveURL(/\/review\?tab=ownership$/);
    await expect(dialog).toContainText(`${item.assetCode ?? ''} ${item.title}`);
    // What the officer decides on: the evidence, and the photo of the notice the back-dating rests on.
    await expect(
      dialog.getByText('补录公示：公示起始日期早于登记日期，请核对公示照片后再确认'),
    ).toBeVisible();
    await expect(dialog.getByRole('heading', { name: '证明材料' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: '下载' })).toHaveCount(files);
    await expect(dialog.getByText(/^公示照片 · \d+ KB$/)).toHaveCount(before.noticeEvidence.length);
    await expect(dialog.getByRole('button', { name: '下载' }).first()).toBeEnabled();
    await expectAccessible(page);

    // Not confirmed: the reason is required, then the proposal is closed with it.
    await dialog.getByRole('button', { name: '不予确权' }).click();
    await dialog.getByRole('button', { name: '确认不予确权' }).click();
    await expect(dialog.getByText('请写明不予确权的理由')).toBeVisible();
    await dialog.getByLabel('不予确权的理由').fill('公示照片未显示张贴地点，请补充后重新申请');
    await dialog.getByRole('button', { name: '确认不予确权' }).click();
    await expect(page.getByText(`已不予确权：${item.assetCode ?? ''} ${item.title}`)).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByRole('tab', { name: new RegExp(`确权待确认\\D*${due.count - 1}(?!\\d)`) }),
    ).toBeVisible();
    const { ownershipProposal } = await officer.gql<{
      ownershipProposal: { status: string; rejectReason: string };
    }>('query($id: ID!) { ownershipProposal(id: $id) { status rejectReason } }', { id: item.entityId });
    expect(ownershipProposal).toEqual({
      status: 'REJECTED',
      rejectReason: '公示照片未显示张贴地点，请补充后重新申请',
    });

    // On the phone the queue's button is on the screen, not past the table's right edge.
    const row = page.getByRole('row', { name: new RegExp(due.items[1].assetCode ?? due.items[1].title) });
    await expect(row.getByRole('button', { name: '确认权属' })).toBeInViewport({ ratio: 1 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  test('a district supervisor confirms an ownership from the to-do of the home page', async ({
    page,
    app,
    signInAs,
  }) => {
    const district = await app.as('district');
    const due = (await district.gql<Tasks>(TASKS)).myTasks.groups.find(
      (g) => g.kind === 'OWNERSHIP_PUBLICITY_ENDED',
    )!;
    expect(due.count).toBeGreaterThan(0);
    const item = due.items[due.items.length - 1];

    await signInAs('district');
    await page.goto('/');
    const card = page.getByRole('region', { name: /^公示期满待确权/ });
    if (due.count > 5)
      await expect(card.getByRole('link', { name: /^另有 \d+ 项，查看全部$/ })).toBeVisible();
    await openFromMenu(page, '审核待办');
    await expect(page.getByRole('heading', { level: 1, name: '审核待办' })).toBeVisible();
    // The district confirms ownership here; plans and disposals are not its queue on this page.
    await expect(page.getByRole('tab', { name: /确权待确认/ })).toBeVisible();
    await expect(page.getByRole('tab')).toHaveCount(1);
    await expectAccessible(page);
    const row = page.getByRole('row', { name: new RegExp(item.assetCode ?? item.title) });
    await row.getByRole('button', { name: '确认权属' }).click();
    const dialog = page.getByRole('dialog', { name: '确认权属' });
    await dialog.getByLabel('确权证书编号').fill('WZ-QQ-2026-0902');
    await dialog.getByRole('button', { name: '确认权属' }).click();
    await expect(page.getByText(`已确认权属：${item.assetCode ?? ''} ${item.title}`)).toBeVisible();
    const { ownershipProposal } = await district.gql<{
      ownershipProposal: { status: string; certificateNo: string };
    }>('query($id: ID!) { ownershipProposal(id: $id) { status certificateNo } }', { id: item.entityId });
    expect(ownershipProposal).toEqual({ status: 'CONFIRMED', certificateNo: 'WZ-QQ-2026-0902' });
  });

  test('a township officer returns a submitted plan with a reason, then files it once resubmitted', async ({
    page,
    app,
    signInAs,
  }) => {
    const officer = await app.as('longju');
    const PLANS = `{ distributionPlans(filter: { status: [SUBMITTED] }) { totalCount edges { node { id title villageCode
      decision { partyBranchProposalOn twoCommitteesDiscussionOn partyMembersReviewOn representativesDecisionOn decisionPublishedOn files { fileId } } } } } }`;
    type Plans = {
      distributionPlans: {
        totalCount: number;
        edges: Array<{
          node: {
            id: string;
            title: string;
            villageCode: string;
            decision: Record<string, string> & { files: Array<{ fileId: string }> };
          };
        }>;
      };
    };
    const submitted = (await officer.gql<Plans>(PLANS)).distributionPlans;
    expect(submitted.totalCount).toBeGreaterThan(0);
    const plan = submitted.edges[0].node;

    await signInAs('longju');
    await page.goto('/review?tab=plans');
    const row = page.getByRole('row', { name: new RegExp(plan.title) });
    await row.getByRole('button', { name: '审查' }).click();
    const dialog = page.getByRole('dialog', { name: '审查分配方案' });
    await expect(dialog.getByText('四议两公开')).toBeVisible();
    await expect(dialog.getByRole('cell', { name: '公益性岗位工资' }).first()).toBeVisible();
    await expectAccessible(page);
    // The whole plan (its income sources, every household) is a link away.
    await expect(dialog.getByRole('link', { name: '查看方案详情（收益来源、受益农户）' })).toHaveAttribute(
      'href',
      `/distribution/${plan.id}`,
    );

    // Returning needs a reason.
    await dialog.getByRole('button', { name: '退回' }).click();
    await dialog.getByRole('button', { name: '确认退回' }).click();
    await expect(dialog.getByText('请写明退回理由（需要修改什么）')).toBeVisible();
    await dialog.getByLabel('退回理由').fill('公益性岗位人员名单请附村民代表签字页');
    await dialog.getByRole('button', { name: '确认退回' }).click();
    await expect(page.getByText(`已退回：${plan.title}`)).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(plan.title) })).toHaveCount(0);
    const GET = 'query($id: ID!) { distributionPlan(id: $id) { status returnReason filedAt } }';
    type One = { distributionPlan: { status: string; returnReason: string | null; filedAt: string | null } };
    expect((await officer.gql<One>(GET, { id: plan.id })).distributionPlan).toMatchObject({
      status: 'DRAFT',
      returnReason: '公益性岗位人员名单请附村民代表签字页',
    });

    // The village resubmits (through the API); the officer files it.
    const clerk = await app.as(plan.villageCode === '500101151201' ? 'wutong' : 'yuhe');
    const { files, ...dates } = plan.decision;
    await clerk.gql(
      'mutation($id: ID!, $d: DecisionEvidenceInput!) { submitDistributionPlan(id: $id, decisionEvidence: $d) { id } }',
      {
        id: plan.id,
        d: { ...dates, fileIds: files.map((f) => f.fileId) },
      },
    );
    await page.reload();
    await page
      .getByRole('row', { name: new RegExp(plan.title) })
      .getByRole('button', { name: '审查' })
      .click();
    await dialog.getByRole('button', { name: '备案' }).click();
    await expect(page.getByText(`已备案：${plan.title}`)).toBeVisible();
    const filed = (await officer.gql<One>(GET, { id: plan.id })).distributionPlan;
    expect(filed.status).toBe('FILED');
    expect(filed.filedAt).not.toBeNull();
  });

  test('a disposal review shows the snapshot and what changed since; a stale decision is refused, then returned', async ({
    page,
    app,
    signInAs,
  }) => {
    // 大坪村 (罗田镇) asked a month ago; the township has not reviewed it.
    const officer = await app.as('luotian');
    type List = {
      disposalRequests: { edges: Array<{ node: { id: string; assetId: string; snapshotHash: string } }> };
    };
    const pending = (
      await officer.gql<List>(
        '{ disposalRequests(filter: { status: [PENDING_TOWNSHIP] }) { edges { node { id assetId snapshotHash } } } }',
      )
    ).disposalRequests.edges.map((e) => e.node);
    expect(pending.length).toBeGreaterThan(0);
    const request = pending[0];
    const clerk = await app.as('daping');
    const ASSET = 'query($id: ID!) { asset(id: $id) { code name version managementResponsible } }';
    type Asset = {
      asset: { code: string; name: string; version: number; managementResponsible: string | null };
    };
    const asset = (await clerk.gql<Asset>(ASSET, { id: request.assetId })).asset;

    await signInAs('luotian');
    await page.goto('/');
    await openFromMenu(page, '审核待办');
    await page.getByRole('tab', { name: /处置待审核/ }).click();
    await expect(page.getByRole('row', { name: /大坪村/ }).first()).toContainText('已超期');
    await page
      .getByRole('row', { name: /大坪村/ })
      .first()
      .getByRole('link', { name: '审核' })
      .click();
    await expect(page).toHaveTitle('处置审核 - 扶贫项目资产管理系统');
    await expect(page.getByText('快照指纹已核对')).toBeVisible();
    await expect(page.getByText(`快照指纹（SHA-256）：${request.snapshotHash}`)).toBeVisible();
    await expect(page.getByRole('link', { name: asset.code })).toBeVisible();
    await expect(page.getByText(/^自提交申请（.*）以来的变化$/)).toBeVisible();
    await expectAccessible(page);

    // A reason is required to return it.
    await page.getByLabel('退回修改').check();
    await page.getByRole('button', { name: '提交审核意见' }).click();
    await expect(page.getByText('退回或不同意时，请写明理由')).toBeVisible();
    await page.getByLabel('审核说明').fill('评估报告未盖评估机构公章，请补充');

    // Meanwhile the village changes the asset: the decision, bound to what the officer saw, is refused.
    await clerk.gql(
      'mutation($id: ID!, $v: Int!) { updateAsset(id: $id, expectedVersion: $v, changes: { managementResponsible: "黄新管" }) { version } }',
      { id: request.assetId, v: asset.version },
    );
    await page.getByRole('button', { name: '提交审核意见' }).click();
    await expect(page.getByText(/申请或资产在您审阅后发生了变化/)).toBeVisible();
    const change = page
      .getByRole('table')
      .filter({ has: page.getByRole('columnheader', { name: '原为' }) })
      .getByRole('row', { name: /管护责任人/ });
    await expect(change).toContainText('黄新管');
    if (asset.managementResponsible) await expect(change).toContainText(asset.managementResponsible);
    await expect(page.getByText('快照指纹已核对')).toBeVisible();
    await expectAccessible(page);

    // Reviewed again (the page now shows the new snapshot): returned.
    await page.getByRole('button', { name: '提交审核意见' }).click();
    await expect(page.getByText('已提交审核意见：退回修改，申请已退回')).toBeVisible();
    await expect(page).toHaveURL(/\/review\?tab=disposals$/);

    const after = await officer.gql<{
      disposalRequest: {
        status: string;
        reviews: Array<{ decision: string; comment: string; snapshotHash: string }>;
      };
      asset: { managementResponsible: string };
    }>(
      'query($id: ID!, $a: ID!) { disposalRequest(id: $id) { status reviews { decision comment snapshotHash } } asset(id: $a) { managementResponsible } }',
      { id: request.id, a: request.assetId },
    );
    expect(after.disposalRequest.status).toBe('RETURNED');
    const last = after.disposalRequest.reviews.at(-1)!;
    expect(last).toMatchObject({ decision: 'RETURN', comment: '评估报告未盖评估机构公章，请补充' });
    expect(last.snapshotHash).not.toBe(request.snapshotHash);
  });

  test('on a phone the queue fits the screen', async ({ page, signInAs }) => {
    await page.setViewportSize(WIDTHS.phone);
    await signInAs('longju');
    await page.goto('/review?tab=plans');
    await expect(page.getByRole('heading', { level: 1, name: '审核待办' })).toBeVisible();
    await expect(page.getByRole('tab', { name: /分配方案待备案/ })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);
  });

  test('past 20 submitted plans the filing queue pages; filing the last one of page 2 goes back to page 1', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const officer = await app.as('longju');
    const minutes = await clerk.upload(Buffer.from('%PDF-1.4\n% 决议\n%%EOF\n'), '决议.pdf');
    const decision = decisionEvidence([minutes]);
    // 梧桐村 submits 21 small plans (¥1.00 each, to 小型公益事业).
    for (let i = 1; i <= 21; i++) {
      const { draftDistributionPlan: plan } = await clerk.gql<{ draftDistributionPlan: { id: string } }>(
        'mutation($input: DraftPlanInput!) { draftDistributionPlan(input: $input) { id } }',
        {
          input: {
            villageCode: '500101151201',
            title: `梧桐村 分页测试方案 ${i}`,
            amount: '1.00',
            allocations: [{ channel: 'SMALL_PUBLIC_WORKS', amount: '1.00' }],
          },
        },
      );
      await clerk.gql(
        'mutation($id: ID!, $d: DecisionEvidenceInput!) { submitDistributionPlan(id: $id, decisionEvidence: $d) { id } }',
        { id: plan.id, d: decision },
      );
    }
    type Queue = {
      distributionPlans: { totalCount: number; edges: Array<{ node: { id: string; title: string } }> };
    };
    const QUEUE =
      '{ distributionPlans(filter: { status: [SUBMITTED] }, first: 100) { totalCount edges { node { id title } } } }';
    const queue = (await officer.gql<Queue>(QUEUE)).distributionPlans;
    expect(queue.totalCount).toBeGreaterThan(20);
    // All but one of what page 2 holds are filed through the API: page 2 keeps one plan, the oldest.
    const secondPage = queue.edges.slice(20).map((e) => e.node);
    for (const p of secondPage.slice(0, -1))
      await officer.gql('mutation($id: ID!) { fileDistributionPlan(id: $id) { id } }', { id: p.id });
    const last = secondPage.at(-1)!;

    await signInAs('longju');
    await page.goto('/review?tab=plans');
    const plans = page.getByRole('tabpanel');
    const pager = plans.getByRole('navigation', { name: '翻页' });
    await expect(pager).toContainText('共 21 项，第 1 / 2 页');
    await expect(plans.getByRole('button', { name: '审查' })).toHaveCount(20);
    await expect(plans.getByRole('row', { name: new RegExp(`${last.title}(?!\\d)`) })).toHaveCount(0);
    await pager.getByRole('button', { name: '下一页' }).click();
    await expect(pager).toContainText('第 2 / 2 页');
    const row = plans.getByRole('row', { name: new RegExp(`${last.title}(?!\\d)`) });
    await expect(plans.getByRole('button', { name: '审查' })).toHaveCount(1);
    await row.getByRole('button', { name: '审查' }).click();
    await page.getByRole('dialog', { name: '审查分配方案' }).getByRole('button', { name: '备案' }).click();
    await expect(page.getByText(`已备案：${last.title}`)).toBeVisible();
    // Page 2 is empty now: the queue is back on page 1, which holds the other 20.
    await expect(pager).toContainText('共 20 项，第 1 / 1 页');
    await expect(plans.getByRole('button', { name: '审查' })).toHaveCount(20);
  });

  test('past 20 proposals whose publicity ended the ownership queue pages, shows the total, and opens a proposal of a later page from a link', async ({
    page,
    app,
    signInAs,
  }) => {
    const officer = await app.as('longju');
    const clerk = await app.as('wutong');
    const unique = Date.now().toString(36).toUpperCase();
    const { registerProject } = await officer.gql<{ registerProject: { id: string } }>(
      'mutation($input: RegisterProjectInput!) { registerProject(input: $input) { id } }',
      {
        input: {
          code: `P-QQ-${unique}`,
          name: '梧桐村确权分页测试项目',
          year: 2022,
          type: 'INDUSTRY',
          implementingUnit: '龙驹镇人民政府',
          regionCode: '500101151',
          completionDate: '2022-10-01',
          acceptanceDate: '2022-11-01',
          fundSources: [{ source: 'LINKAGE_FUND', amount: '2100000.00' }],
        },
      },
    );
    const notice = await clerk.upload(Buffer.from('%PDF-1.4\n% 公示\n%%EOF\n'), '公示.pdf');
    // 梧桐村 registers 21 small storehouses and proposes their ownership; each publicity ended 5 days ago.
    for (let i = 1; i <= 21; i++) {
      const { registerAsset } = await clerk.gql<{ registerAsset: { id: string } }>(
        'mutation($input: RegisterAssetInput!) { registerAsset(input: $input) { id } }',
        {
          input: {
            code: `A-QQ-${unique}-${String(i).padStart(2, '0')}`,
            name: `确权分页测试仓库 ${i}`,
            class: 'PUBLIC_WELFARE',
            form: 'FIXED',
            categoryCode: 'FARM_INFRASTRUCTURE',
            projectId: registerProject.id,
            locationCode: '500101151201',
            quantity: '1',
            unit: '座',
            investedAmount: '100000.00',
            formedValue: '100000.00',
            fundSources: [{ source: 'LINKAGE_FUND', amount: '100000.00' }],
            completionDate: '2022-10-01',
            acceptanceDate: '2022-11-01',
            handoverDate: '2022-12-01',
            status: 'IN_USE',
            managementEntity: '梧桐村股份经济合作联合社',
          },
        },
      );
      await clerk.gql('mutation($input: ProposeOwnershipInput!) { proposeOwnership(input: $input) { id } }', {
        input: {
          assetId: registerAsset.id,
          owners: [
            {
              ownerType: 'VILLAGE_COLLECTIVE',
              ownerRef: '500101151201',
              name: '梧桐村股份经济合作联合社',
              sharePercent: '100',
            },
          ],
          managementEntity: '梧桐村股份经济合作联合社',
          publicityStart: chinaDaysAgo(15),
          noticeEvidenceFileIds: [notice],
        },
      });
    }
    type Queue = {
      ownershipProposals: {
        totalCount: number;
        edges: Array<{ node: { id: string; asset: { code: string; name: string } } }>;
      };
    };
    const queue = (
      await officer.gql<Queue>(
        '{ ownershipProposals(filter: { status: [PUBLICITY], publicityEnded: true }, first: 200) { totalCount edges { node { id asset { code name } } } } }',
      )
    ).ownershipProposals;
    const total = queue.totalCount;
    expect(total).toBeGreaterThan(20);
    expect(queue.edges).toHaveLength(total);
    const pages = Math.ceil(total / 20);
    const firstOfPage2 = queue.edges[20].node;
    const last = queue.edges[total - 1].node;
    const rowOf = (code: string) => new RegExp(`${code}(?!\\d)`);
    // The tab's badge: Ant Design's counter names each digit apart (23 reads "2 3").
    const tabWith = (n: number) =>
      page.getByRole('tab', {
        name: new RegExp(`确权待确认\\D*${[...String(n)].join('\\s*')}(?!\\s*\\d)`),
      });

    await signInAs('longju');
    await page.goto('/review?tab=ownership');
    await expect(tabWith(total)).toBeVisible();
    const proposals = page.getByRole('tabpanel');
    const pager = proposals.getByRole('navigation', { name: '翻页' });
    await expect(pager).toContainText(`共 ${total} 项，第 1 / ${pages} 页`);
    await expect(proposals.getByRole('button', { name: '确认权属' })).toHaveCount(20);
    await expect(proposals.getByRole('row', { name: rowOf(firstOfPage2.asset.code) })).toHaveCount(0);
    await expectAccessible(page);
    await pager.getByRole('button', { name: '下一页' }).click();
    await expect(pager).toContainText(`第 2 / ${pages} 页`);
    await expect(proposals.getByRole('row', { name: rowOf(firstOfPage2.asset.code) })).toBeVisible();
    await pager.getByRole('button', { name: '上一页' }).click();
    await expect(pager).toContainText(`第 1 / ${pages} 页`);

    // A link to the last proposal of the queue (an asset's 去确认权属) opens it, though page 1 does not show it.
    await page.goto(`/review?tab=ownership&open=${last.id}`);
    const dialog = page.getByRole('dialog', { name: '确认权属' });
    await expect(dialog).toContainText(`${last.asset.code} ${last.asset.name}`);
    await expect(page).toHaveURL(/\/review\?tab=ownership$/);
    await expect(pager).toContainText(`第 1 / ${pages} 页`);
    await dialog.getByLabel('确权证书编号').fill(`LJ-QQ-${unique}`);
    await dialog.getByRole('button', { name: '确认权属' }).click();
    await expect(page.getByText(`已确认权属：${last.asset.code} ${last.asset.name}`)).toBeVisible();
    await expect(pager).toContainText(`共 ${total - 1} 项`);
    await expect(tabWith(total - 1)).toBeVisible();
  });
});
