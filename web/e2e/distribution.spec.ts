import type { Locator, Page } from '@playwright/test';
import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
import { coOwnedGreenhouse } from './support/co-owned';
import { chooseFound, fillDate } from './support/forms';
import { decisionEvidence } from './support/plans';
import {
  chooseOption,
  expectAmountsReadable,
  expectOnOneLine,
  loseFirstAnswer,
  openFromMenu,
} from './support/ui';
import { fen, shownMoney, yuan } from './support/money';

useConsoleApp();

type Caller = Awaited<ReturnType<import('./support/console-app').ConsoleApp['as']>>;

const WUTONG = '500101151201';

/** A day `n` days before today in China (the API's "today"), as 2026-11-30. */
const daysAgo = (n: number): string =>
  new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);

/** A minimal PDF, as a clerk's scan of the minutes would be. */
const PDF = Buffer.from('%PDF-1.4\n% 村民代表会议决议\ntrailer << >>\n%%EOF\n', 'utf8');

interface Household {
  id: string;
  headName: string;
  registryNo: string;
}

interface Plan {
  id: string;
  title: string;
  status: string;
  amount: string;
  allocations: Array<{
    id: string;
    channel: string;
    amount: string;
    repaired: string;
    beneficiaries: Array<{ householdId: string; amount: string }>;
  }>;
  payouts: Array<{
    allocationId: string;
    householdId: string | null;
    amount: string;
    bankReference: string | null;
  }>;
  decision: { files: Array<{ fileId: string }> } | null;
  income: Array<{ assetId: string; assetCode: string; assetName: string }>;
  resultPublicity: { publishedOn: string; evidence: Array<{ fileId: string }> } | null;
}

const PLAN_FIELDS = `id title status amount
  allocations { id channel amount repaired beneficiaries { householdId amount } }
  payouts { allocationId householdId amount bankReference }
  decision { files { fileId } }
  income { assetId assetCode assetName }
  resultPublicity { publishedOn evidence { fileId } }`;

async function plans(clerk: Caller, status?: string): Promise<Plan[]> {
  const { distributionPlans } = await clerk.gql<{ distributionPlans: { edges: Array<{ node: Plan }> } }>(
    `query($f: PlanFilter) { distributionPlans(filter: $f, first: 200) { edges { node { ${PLAN_FIELDS} } } } }`,
    { f: status ? { status: [status] } : {} },
  );
  return distributionPlans.edges.map((e) => e.node);
}

async function plan(clerk: Caller, id: string): Promise<Plan> {
  return (
    await clerk.gql<{ distributionPlan: Plan }>(
      `query($id: ID!) { distributionPlan(id: $id) { ${PLAN_FIELDS} } }`,
      {
        id,
      },
    )
  ).distributionPlan;
}

async function households(clerk: Caller, eligibleOn?: string): Promise<Household[]> {
  const { households: list } = await clerk.gql<{ households: { edges: Array<{ node: Household }> } }>(
    'query($f: HouseholdFilter) { households(filter: $f, first: 200) { edges { node { id headName registryNo } } } }',
    { f: { villageCode: WUTONG, ...(eligibleOn ? { eligibleOn } : {}) } },
  );
  return list.edges.map((e) => e.node);
}

const label = (h: Household): string => `${h.headName}（${h.registryNo}）`;

/** The shares of a plan whose household (one of `names`) has not been paid yet, in the plan's order. */
const unpaidShares = (p: Plan, names: Map<string, Household>) =>
  p.allocations.flatMap((a) =>
    a.beneficiaries
      .filter((b) => names.has(b.householdId) && !p.payouts.some((x) => x.householdId === b.householdId))
      .map((b) => ({ allocation: a, share: b })),
  );

/** 2026年11月30日, as the console shows a date. */
const shown = (day: string): string => {
  const [y, m, d] = day.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

/** A plan's status as the console names it (kept here so that the test does not trust the page's labels). */
const PLAN_STATUS_NAMES: Record<string, string> = {
  DRAFT: '草稿',
  SUBMITTED: '待备案',
  FILED: '已备案',
  COMPLETED: '已完成',
};

/**
 * Uploads `name` through 选择文件 of the evidence field `field` in `scope` and waits for the server to
 * store it (the field then lists it as 上传完成).
 */
async function upload(page: Page, scope: Locator, field: string, name: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  const stored = page.waitForResponse((r) => r.url().endsWith('/files') && r.request().method() === 'POST');
  await scope
    .getByRole('group', { name: field, exact: true })
    .getByRole('button', { name: '选择文件' })
    .click();
  await (await chooser).setFiles({ name, mimeType: 'application/pdf', buffer: PDF });
  expect((await stored).status()).toBe(201);
  await expect(scope.getByRole('listitem').filter({ hasText: name })).toContainText('上传完成');
}

test.describe('收益分配', () => {
  test('a clerk drafts a plan in the wizard, sees the policy finding inline, fixes it and submits', async ({
    page,
    app,
    signInAs,
  }) => {
    test.slow(); // four steps, filled field by field, and a second round after the finding
    const clerk = await app.as('wutong');
    const [h1, h2] = await households(clerk, daysAgo(0));
    const title = `梧桐村 浏览器测试 收益分配 ${Date.now()}`;

    await signInAs('wutong');
    await page.goto('/');
    await openFromMenu(page, '收益分配');
    await expect(page).toHaveTitle('收益分配 - 扶贫项目资产管理系统');
    await expect(page.getByRole('table').getByRole('row').nth(1)).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: '新建分配方案' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '新建分配方案' })).toBeVisible();

    // 1 收益来源: the village's undistributed income, oldest first; per asset, the village's share left.
    await expect(page.getByText('各资产尚未分配的收益（本村所占份额，最早到账的在前）')).toBeVisible();
    const { villageIncomeByAsset: left } = await clerk.gql<{
      villageIncomeByAsset: Array<{ assetCode: string; assetName: string; left: string }>;
    }>('query($v: String!) { villageIncomeByAsset(villageCode: $v) { assetCode assetName left } }', {
      v: WUTONG,
    });
    expect(left.length).toBeGreaterThan(0);
    const byAsset = page.getByRole('table', { name: /各资产尚未分配的收益/ });
    await expect(byAsset.getByRole('row')).toHaveCount(left.length + 1);
    await expect(byAsset.getByRole('row').nth(1)).toContainText(
      `${left[0].assetName}（${left[0].assetCode}）`,
    );
    await expect(byAsset.getByRole('row').nth(1)).toContainText(shownMoney(left[0].left));
    // 指定资产的收益: a fen more than an asset's share left is refused at the field.
    await page.getByRole('radio', { name: '指定资产的收益' }).check();
    const take = page.getByLabel(`${left[0].assetName}（${left[0].assetCode}）本次分配金额`);
    await take.fill(yuan(fen(left[0].left) + 1n));
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(page.getByText('超过了该资产尚未分配的收益')).toBeVisible();
    const oldest = page.getByRole('radio', { name: '本村尚未分配的收益，先到先分' });
    await expect(oldest).toBeVisible(); // still on the first step
    await take.fill('');
    await oldest.check();
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(page.getByText('请输入方案金额')).toBeVisible();
    await page.getByLabel('方案名称').fill(title);
    // Typed key by key: "1000." is on its way to an amount, and the page stays as it is while it is.
    await page.getByLabel('方案金额（元）').pressSequentially('1000.5');
    await expect(page.getByLabel('方案金额（元）')).toHaveValue('1000.5');
    await page.getByLabel('方案金额（元）').fill('1000');
    await expectAccessible(page);
    await page.getByRole('button', { name: '下一步' }).click();

    // 2 分配用途: wages and upkeep; upkeep above the policy's 20 %.
    const first = page.getByRole('group', { name: '第 1 项分配' });
    await chooseOption(page, '用途', '公益性岗位工资', first);
    await first.getByLabel('金额（元）').fill('600');
    await page.getByRole('button', { name: '添加分配项' }).click();
    const second = page.getByRole('group', { name: '第 2 项分配' });
    await chooseOption(page, '用途', '资产管护', second);
    await second.getByLabel('金额（元）').fill('400');
    await expect(page.getByText('方案金额 ¥1,000.00，已分配 ¥1,000.00')).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: '下一步' }).click();

    // 3 受益农户: two households share the wages.
    const wages = page.getByRole('group', { name: '第 1 项 公益性岗位工资 的受益农户' });
    await wages.getByRole('button', { name: '添加受益农户' }).click();
    await wages.getByRole('button', { name: '添加受益农户' }).click();
    await chooseFound(page, wages, '第 1 户', h1.headName);
    await wages.getByLabel('第 1 户金额（元）').fill('350');
    await chooseFound(page, wages, '第 2 户', h2.headName);
    await wages.getByLabel('第 2 户金额（元）').fill('250');
    await expect(wages.getByText('各户合计 ¥600.00')).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: '下一步' }).click();

    // 4 四议两公开, with the minutes uploaded; then the API's check finds the upkeep share too high.
    await fillDate(page.locator('body'), '村党组织提议', daysAgo(10));
    await fillDate(page.locator('body'), '村两委会议商议', daysAgo(9));
    await fillDate(page.locator('body'), '党员大会审议', daysAgo(8));
    await fillDate(page.locator('body'), '村民代表会议决议', daysAgo(7));
    await fillDate(page.locator('body'), '决议公开', daysAgo(6));
    await upload(page, page.locator('body'), '决议及公开的附件', '村民代表会议决议.pdf');
    await page.getByRole('button', { name: '提交备案' }).click();
    const findings = page.getByRole('list', { name: '政策检查发现的问题' });
    await expect(findings).toContainText('分配政策：“资产管护”占方案的 40.00%，政策规定最多 20.00%');
    await expect(page.getByText('政策检查发现 1 个问题，方案尚未提交')).toBeVisible();
    await expectAccessible(page);
    // Refused: the plan is a draft, nothing submitted.
    let mine = (await plans(clerk)).filter((p) => p.title === title);
    expect(mine.map((p) => p.status)).toEqual(['DRAFT']);

    // Back to the allocations: upkeep down to 20 %, the rest to small public works.
    await findings.getByRole('button', { name: '去修改' }).click();
    await second.getByLabel('金额（元）').fill('200');
    await page.getByRole('button', { name: '添加分配项' }).click();
    const third = page.getByRole('group', { name: '第 3 项分配' });
    await chooseOption(page, '用途', '小型公益事业', third);
    await third.getByLabel('金额（元）').fill('200');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '提交备案' }).click();

    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByText('待备案').first()).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(h1.headName) })).toContainText('¥350.00');
    await expectAccessible(page);

    mine = (await plans(clerk)).filter((p) => p.title === title);
    expect(mine).toHaveLength(1); // drafted once, changed, submitted
    expect(mine[0]).toMatchObject({ status: 'SUBMITTED', amount: '1000.00' });
    expect(mine[0].allocations.map((a) => [a.channel, a.amount])).toEqual([
      ['PUBLIC_WELFARE_JOB_WAGES', '600.00'],
      ['ASSET_UPKEEP', '200.00'],
      ['SMALL_PUBLIC_WORKS', '200.00'],
    ]);
    expect(mine[0].allocations[0].beneficiaries).toEqual([
      { householdId: h1.id, amount: '350.00' },
      { householdId: h2.id, amount: '250.00' },
    ]);
    expect(mine[0].decision?.files).toHaveLength(1);
  });

  test('a clerk pays a household of a filed plan: more than its share is refused, a double click pays once', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const names = new Map((await households(clerk)).map((h) => [h.id, h]));
    // The demo's filed plan of 梧桐村 has paid the first households of its wages; pay one that is unpaid.
    const filed = (await plans(clerk, 'FILED')).find((p) => unpaidShares(p, names).length > 0);
    if (!filed) throw new Error('the demo district has no filed plan of 梧桐村 with an unpaid household');
    const { allocation, share } = unpaidShares(filed, names)[0];
    const household = names.get(share.householdId)!;
    const reference = `一卡通 6217${Date.now()}`;

    await signInAs('wutong');
    await page.goto(`/distribution/${filed.id}`);
    await expect(page.getByRole('heading', { level: 1, name: filed.title })).toBeVisible();
    await expect(page.getByText('已备案').first()).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: `发放给 ${label(household)}` }).click();
    const dialog = page.getByRole('dialog', { name: '登记发放' });
    await expect(dialog.getByLabel('发放金额（元）')).toHaveValue(share.amount);
    await dialog.getByLabel('发放金额（元）').fill(yuan(fen(share.amount) + 1n));
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByText(/金额须大于 0，且不超过尚未发放的 ¥/)).toBeVisible();
    await dialog.getByLabel('发放金额（元）').fill(share.amount);
    await dialog.getByLabel('转账或一卡通凭证号').fill(reference);
    await upload(page, dialog, '发放凭证', '银行回单.pdf');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: '保存' }).dblclick();
    await expect(dialog).toBeHidden();

    // On screen: the household has nothing left, the payout is listed with its reference.
    const shareRow = page
      .getByRole('row', { name: new RegExp(household.headName) })
      .filter({ hasText: '公益性岗位工资' })
      .first();
    await expect(shareRow).toContainText('¥0.00');
    await expect(page.getByRole('button', { name: `发放给 ${label(household)}` })).toHaveCount(0);
    const payoutRow = page.getByRole('row', { name: new RegExp(reference) });
    await expect(payoutRow).toHaveCount(1);
    await expect(payoutRow).toContainText('1 个');

    // The household's money: every payment it received, this one among them.
    await page.getByRole('button', { name: `${label(household)} 的资金去向` }).click();
    const receipts = page.getByRole('dialog', { name: `${label(household)} 的收益分配到户` });
    await expect(receipts.getByRole('row', { name: new RegExp(reference) })).toContainText(filed.title);
    await expectAccessible(page);
    await receipts.getByRole('button', { name: /关闭|Close/ }).click();
    const { householdReceipts } = await clerk.gql<{
      householdReceipts: Array<{ payments: Array<{ bankReference: string | null; amount: string }> }>;
    }>('query($id: ID!) { householdReceipts(householdId: $id) { payments { bankReference amount } } }', {
      id: household.id,
    });
    expect(householdReceipts.flatMap((r) => r.payments).filter((p) => p.bankReference === reference)).toEqual(
      [{ bankReference: reference, amount: share.amount }],
    );

    // In the database: one payout of the share, not two.
    const after = await plan(clerk, filed.id);
    const mine = after.payouts.filter((p) => p.bankReference === reference);
    expect(mine).toEqual([
      {
        allocationId: allocation.id,
        householdId: household.id,
        amount: share.amount,
        bankReference: reference,
      },
    ]);
    expect(after.payouts).toHaveLength(filed.payouts.length + 1);
  });

  test('a payout whose answer is lost is retried with the same key: the household is paid once', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const names = new Map((await households(clerk)).map((h) => [h.id, h]));
    const filed = (await plans(clerk, 'FILED')).find((p) => unpaidShares(p, names).length > 0);
    if (!filed) throw new Error('the demo district has no filed plan of 梧桐村 with an unpaid household');
    // The last unpaid household: the test before pays the first.
    const { allocation, share } = unpaidShares(filed, names).at(-1)!;
    const household = names.get(share.householdId)!;
    const reference = `一卡通 6228${Date.now()}`;

    // The first answer to 登记发放 is lost on the way back: the server has paid, the browser sees a
    // broken connection.
    const lost = await loseFirstAnswer(page, 'RecordPayout');

    await signInAs('wutong');
    await page.goto(`/distribution/${filed.id}`);
    await expect(page.getByRole('heading', { level: 1, name: filed.title })).toBeVisible();
    await page.getByRole('button', { name: `发放给 ${label(household)}` }).click();
    const dialog = page.getByRole('dialog', { name: '登记发放' });
    await dialog.getByLabel('发放金额（元）').fill(share.amount);
    await dialog.getByLabel('转账或一卡通凭证号').fill(reference);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('无法连接服务器，请检查网络后重试');
    expect(lost()).toBe(1);
    // The server did pay; the retry must not pay again.
    const paid = async () =>
      (await plan(clerk, filed.id)).payouts.filter((p) => p.bankReference === reference);
    expect(await paid()).toHaveLength(1);

    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('row', { name: new RegExp(reference) })).toHaveCount(1);
    expect(await paid()).toEqual([
      {
        allocationId: allocation.id,
        householdId: household.id,
        amount: share.amount,
        bankReference: reference,
      },
    ]);
  });

  test('a clerk submits a saved draft from its page', async ({ page, app, signInAs }) => {
    const clerk = await app.as('wutong');
    const [draft] = await plans(clerk, 'DRAFT');
    if (!draft) throw new Error('the demo district has no draft plan of 梧桐村');

    await signInAs('wutong');
    await page.goto(`/distribution/${draft.id}`);
    await expect(page.getByRole('heading', { level: 1, name: draft.title })).toBeVisible();
    await expect(page.getByText('草稿').first()).toBeVisible();
    await page.getByRole('button', { name: '提交备案' }).click();
    const dialog = page.getByRole('dialog', { name: '提交备案' });
    await dialog.getByRole('button', { name: '提交' }).click();
    await expect(dialog.getByText('请选择村党组织提议的日期')).toBeVisible();
    await fillDate(dialog, '村党组织提议', daysAgo(5));
    await fillDate(dialog, '村两委会议商议', daysAgo(4));
    await fillDate(dialog, '党员大会审议', daysAgo(3));
    await fillDate(dialog, '村民代表会议决议', daysAgo(6));
    await expect(dialog.getByText('不能早于党员大会审议的日期')).toBeVisible();
    await fillDate(dialog, '村民代表会议决议', daysAgo(2));
    await fillDate(dialog, '决议公开', daysAgo(1));
    await upload(page, dialog, '决议及公开的附件', '村民代表会议决议.pdf');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: '提交' }).click();
    await expect(dialog).toBeHidden();

    await expect(page.getByText('待备案').first()).toBeVisible();
    await expect(page.getByText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} 提交乡镇备案$/)).toBeVisible();
    const after = await plan(clerk, draft.id);
    expect(after.status).toBe('SUBMITTED');
    expect(after.decision?.files).toHaveLength(1);
    // The income it distributes, each line naming its asset (code and name) and linking to it.
    expect(after.income.length).toBeGreaterThan(0);
    const incomeCard = page.getByRole('region', { name: '分配的收益' });
    for (const line of after.income) {
      await expect(
        incomeCard.getByRole('link', { name: `${line.assetCode} ${line.assetName}` }).first(),
      ).toHaveAttribute('href', `/assets/${line.assetId}`);
    }
  });

  // After the payout test: it pays the rest of the same filed plan (the demo's only one in 梧桐村).
  test('once a plan is paid in full, the clerk records its result publicity', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const [filed] = await plans(clerk, 'FILED');
    if (!filed) throw new Error('the demo district has no filed plan of 梧桐村');
    // What is left is paid through the API (the page's payouts are the test above).
    for (const a of filed.allocations) {
      const targets =
        a.beneficiaries.length > 0
          ? a.beneficiaries.map((b) => ({ householdId: b.householdId, amount: b.amount }))
          : // What repairs drew on an upkeep allocation is spent already.
            [{ householdId: undefined, amount: yuan(fen(a.amount) - fen(a.repaired)) }];
      for (const t of targets) {
        const paid = filed.payouts
          .filter((p) => p.allocationId === a.id && (p.householdId ?? undefined) === t.householdId)
          .reduce((sum, p) => sum + fen(p.amount), 0n);
        const left = fen(t.amount) - paid;
        if (left <= 0n) continue;
        await clerk.gql('mutation($i: RecordPayoutInput!) { recordPayout(input: $i) { id } }', {
          i: {
            planId: filed.id,
            allocationId: a.id,
            householdId: t.householdId,
            amount: yuan(left),
            paidOn: daysAgo(0),
          },
        });
      }
    }
    expect((await plan(clerk, filed.id)).status).toBe('COMPLETED');

    await signInAs('wutong');
    await page.goto(`/distribution/${filed.id}`);
    await expect(page.getByText('已完成').first()).toBeVisible();
    await page.getByRole('button', { name: '登记结果公开' }).click();
    const dialog = page.getByRole('dialog', { name: '登记结果公开' });
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByText('请至少上传一个附件')).toBeVisible();
    await upload(page, dialog, '公开的照片或扫描件', '收益分配结果公示.pdf');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();

    await expect(page.getByText(`${shown(daysAgo(0))} 结果公开`)).toBeVisible();
    await expect(page.getByRole('button', { name: '登记结果公开' })).toHaveCount(0);
    const after = await plan(clerk, filed.id);
    expect(after.resultPublicity?.publishedOn).toBe(daysAgo(0));
    expect(after.resultPublicity?.evidence).toHaveLength(1);
  });

  test('a village plans the income of an asset it co-owns in another village: the wizard and the plan say where it is', async ({
    page,
    app,
    signInAs,
  }) => {
    // In 梧桐村: a greenhouse 梧桐村 owns 60 % and 玉合村 40 %; of its ¥5,000.00 of rent, ¥2,000.00 is 玉合村's.
    const greenhouse = await coOwnedGreenhouse(app, '5000.00');
    const name = `${greenhouse.name}（${greenhouse.code}）`;

    // 玉合村's wizard lists the greenhouse with 玉合村's share, and where it is.
    await signInAs('yuhe');
    await page.goto('/distribution/new');
    const byAsset = page.getByRole('table', { name: /各资产尚未分配的收益/ });
    const line = byAsset.getByRole('row').filter({ hasText: name });
    await expect(line).toContainText('位于梧桐村，本村共有');
    await expect(line).toContainText('¥2,000.00');
    await expectAccessible(page);

    // 玉合村 plans it (through the API) and opens its plan: the income's asset is named, with where it is,
    // and links to its page (玉合村 reads it).
    const yuhe = await app.as('yuhe');
    const minutes = await yuhe.upload(PDF, '决议.pdf');
    const { draftDistributionPlan: draft } = await yuhe.gql<{ draftDistributionPlan: { id: string } }>(
      'mutation($input: DraftPlanInput!) { draftDistributionPlan(input: $input) { id } }',
      {
        input: {
          villageCode: '500101151202',
          title: '玉合村 联建大棚租金分配',
          amount: '2000.00',
          allocations: [{ channel: 'SMALL_PUBLIC_WORKS', amount: '2000.00' }],
          income: [{ assetId: greenhouse.id, amount: '2000.00' }],
        },
      },
    );
    await yuhe.gql(
      'mutation($id: ID!, $d: DecisionEvidenceInput!) { submitDistributionPlan(id: $id, decisionEvidence: $d) { id } }',
      {
        id: draft.id,
        d: decisionEvidence([minutes]),
      },
    );
    await page.goto(`/distribution/${draft.id}`);
    const income = page.getByRole('region', { name: '分配的收益' });
    const row = income.getByRole('row').filter({ hasText: greenhouse.label });
    await expect(row).toContainText('位于梧桐村，本村共有');
    await expect(row).toContainText('¥2,000.00');
    await expect(row.getByRole('link', { name: greenhouse.label })).toHaveAttribute(
      'href',
      `/assets/${greenhouse.id}`,
    );
    await expectAccessible(page);

    // 龙驹镇's officer opens the greenhouse from a plan's income, without the co-owner's mark: it is its own.
    await signInAs('longju');
    await page.goto(`/distribution/${draft.id}`);
    const officerRow = page
      .getByRole('region', { name: '分配的收益' })
      .getByRole('row')
      .filter({ hasText: greenhouse.label });
    await expect(officerRow.getByRole('link', { name: greenhouse.label })).toHaveAttribute(
      'href',
      `/assets/${greenhouse.id}`,
    );
    await expect(officerRow).not.toContainText('共有');
  });

  test('a district supervisor reads the plans of the district but neither drafts nor pays', async ({
    page,
    app,
    signInAs,
  }) => {
    const supervisor = await app.as('district');
    const all = await plans(supervisor);
    expect(new Set(all.map((p) => p.title)).size).toBeGreaterThan(0);
    await signInAs('district');
    await page.goto('/distribution');
    await expect(page.getByRole('heading', { level: 1, name: '收益分配' })).toBeVisible();
    await expect(page.getByText(`共 ${all.length} 项`)).toBeVisible();
    await expect(page.getByText('大坪村').first()).toBeVisible(); // villages of both townships
    await expect(page.getByRole('button', { name: '新建分配方案' })).toHaveCount(0);
    await expectAccessible(page);

    const paid = all.find((p) => p.payouts.length > 0)!;
    await page.goto(`/distribution/${paid.id}`);
    await expect(page.getByRole('heading', { level: 1, name: paid.title })).toBeVisible();
    await expect(page.getByRole('table').first()).toBeVisible();
    await expect(page.getByRole('button', { name: /^发放给|^支付|登记结果公开|提交备案/ })).toHaveCount(0);

    await page.goto('/distribution/new');
    await expect(page.getByText('无权访问')).toBeVisible();
    await expectAccessible(page);
    // The API refuses the supervisor's draft as well, and nothing is written.
    const before = all.length;
    await expect(
      supervisor.gql('mutation($i: DraftPlanInput!) { draftDistributionPlan(input: $i) { id } }', {
        i: {
          villageCode: WUTONG,
          amount: '100.00',
          allocations: [{ channel: 'SMALL_PUBLIC_WORKS', amount: '100.00' }],
        },
      }),
    ).rejects.toThrow(/FORBIDDEN/);
    expect(await plans(supervisor)).toHaveLength(before);
  });

  test('on a phone (360 px): the list, a plan and the wizard fit the screen', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const all = await plans(clerk);
    await page.setViewportSize(WIDTHS.phone);
    await signInAs('wutong');
    await page.goto('/distribution');
    await expect(page.getByRole('heading', { level: 1, name: '收益分配' })).toBeVisible();
    await expect(page.getByText(`共 ${all.length} 项`)).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    // Plans often share a title (梧桐村2026年收益分配方案): each row's status and amount are under it, in
    // view without scrolling the table sideways.
    const newest = page
      .getByRole('row')
      .filter({ has: page.getByRole('cell') })
      .first()
      .getByRole('cell')
      .first();
    await expect(newest.getByRole('link', { name: all[0].title, exact: true })).toBeVisible();
    await expect(newest.getByText(PLAN_STATUS_NAMES[all[0].status], { exact: true })).toBeInViewport({
      ratio: 1,
    });
    await expect(newest.getByText(shownMoney(all[0].amount), { exact: true })).toBeInViewport({
      ratio: 1,
    });
    await expectAccessible(page);

    await page.getByRole('link', { name: all[0].title, exact: true }).first().click(); // the newest
    await expect(page.getByRole('heading', { level: 1, name: all[0].title })).toBeVisible();
    await expect(page.getByText('分配用途')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    // The tables scroll sideways rather than break 公益性岗位工资 (or 已支付) a character a line.
    const allocations = page.getByRole('region', { name: '分配用途' });
    await expectOnOneLine(allocations.getByRole('columnheader'));
    await expectOnOneLine(
      allocations
        .getByRole('row')
        .filter({ has: page.getByRole('cell') })
        .locator('td:first-child'),
    );
    await expectAmountsReadable(allocations);
    await expectAccessible(page);

    await page.goto('/distribution/new');
    await expect(page.getByRole('heading', { level: 1, name: '新建分配方案' })).toBeVisible();
    await expect(page.getByLabel('方案金额（元）')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);
    // Nothing was written by looking.
    expect(await plans(clerk)).toHaveLength(all.length);
  });
});
