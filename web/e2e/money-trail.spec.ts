import type { Page } from '@playwright/test';
import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
import { chinaDaysAgo, coOwnedGreenhouse, type CoOwnedAsset } from './support/co-owned';
import type { ConsoleApp } from './support/console-app';
import { decisionEvidence } from './support/plans';
import { chooseOption, expectAmountsReadable, openFromMenu } from './support/ui';
import { fen, shownMoney } from './support/money';

useConsoleApp();

const WUTONG = '500101151201';
const PDF = Buffer.from('%PDF-1.4\n% 村民代表会议决议\ntrailer << >>\n%%EOF\n', 'utf8');

interface Trail {
  incomes: Array<{ villageCode: string; amount: string }>;
  households: Array<{ householdId: string; headName: string; registryNo: string; amount: string }>;
  totals: { invested: string; income: string; distributed: string; paid: string; paidToHouseholds: string };
}
const TRAIL = `query($a: ID, $h: ID) { moneyTrail(assetId: $a, householdId: $h) {
  incomes { villageCode amount }
  households { householdId headName registryNo amount }
  totals { invested income distributed paid paidToHouseholds } } }`;

interface Paid {
  greenhouse: CoOwnedAsset;
  household: { id: string; headName: string; registryNo: string };
  title: string;
}

/**
 * A trail with every stage: the co-owned greenhouse (¥200,000.00 of 衔接资金; ¥5,000.00 of rent today,
 * ¥3,000.00 of it 梧桐村's), of which 梧桐村 plans ¥1,000.00 — ¥600.00 of 奖励补助 to one household,
 * ¥400.00 of 小型公益事业 — filed by 龙驹镇 and paid in full, all through the API.
 */
async function paidTrail(app: ConsoleApp): Promise<Paid> {
  const greenhouse = await coOwnedGreenhouse(app, '5000.00');
  const clerk = await app.as('wutong');
  const officer = await app.as('longju');
  const { households } = await clerk.gql<{
    households: { edges: Array<{ node: Paid['household'] }> };
  }>(
    'query($d: LocalDate!, $v: String!) { households(filter: { eligibleOn: $d, villageCode: $v }, first: 1) { edges { node { id headName registryNo } } } }',
    { d: chinaDaysAgo(0), v: WUTONG },
  );
  const household = households.edges[0].node;
  const title = `联建大棚租金分配 ${greenhouse.code}`;
  const minutes = await clerk.upload(PDF, '决议.pdf');
  const { draftDistributionPlan: plan } = await clerk.gql<{
    draftDistributionPlan: { id: string; allocations: Array<{ id: string }> };
  }>('mutation($input: DraftPlanInput!) { draftDistributionPlan(input: $input) { id allocations { id } } }', {
    input: {
      villageCode: WUTONG,
      title,
      amount: '1000.00',
      allocations: [
        {
          channel: 'AWARDS_SUBSIDIES',
          amount: '600.00',
          beneficiaries: [{ householdId: household.id, amount: '600.00' }],
        },
        { channel: 'SMALL_PUBLIC_WORKS', amount: '400.00' },
      ],
      income: [{ assetId: greenhouse.id, amount: '1000.00' }],
    },
  });
  await clerk.gql(
    'mutation($id: ID!, $d: DecisionEvidenceInput!) { submitDistributionPlan(id: $id, decisionEvidence: $d) { id } }',
    { id: plan.id, d: decisionEvidence([minutes]) },
  );
  await officer.gql('mutation($id: ID!) { fileDistributionPlan(id: $id) { id } }', { id: plan.id });
  const payouts: Array<[number, string | undefined, string]> = [
    [0, household.id, '600.00'],
    [1, undefined, '400.00'],
  ];
  for (const [i, householdId, amount] of payouts) {
    await clerk.gql('mutation($i: RecordPayoutInput!) { recordPayout(input: $i) { id } }', {
      i: {
        planId: plan.id,
        allocationId: plan.allocations[i].id,
        householdId,
        amount,
        paidOn: chinaDaysAgo(0),
      },
    });
  }
  return { greenhouse, household, title };
}

/** The figure beside a label of the trail's 资金流向汇总 (a bordered Descriptions). */
const figure = (page: Page, label: string) =>
  page.getByRole('rowheader', { name: label, exact: true }).locator('xpath=following-sibling::td[1]');

/** A stage's table, named by its caption (资金投入：…). */
const stage = (page: Page, name: string) => page.getByRole('table', { name: new RegExp(`^${name}：`) });

/** The row of a stage's table holding `text`. */
const stageRow = (page: Page, name: string, text: string | RegExp) =>
  stage(page, name).getByRole('row').filter({ hasText: text });

const FUND_TRAIL = `query($s: FundSource, $r: String) { moneyTrail(fundSource: $s, regionCode: $r) {
  investments { assetCode } incomes { amount }
  totals { invested income distributed paid paidToHouseholds } } }`;

/** The 资金流向汇总 and every stage's 合计 row show the API's totals for the same fund source and region. */
async function expectTrailTotals(page: Page, totals: Trail['totals']) {
  await expect(figure(page, '资金投入')).toHaveText(shownMoney(totals.invested));
  await expect(figure(page, '资产收益（村分得）')).toHaveText(shownMoney(totals.income));
  await expect(figure(page, '纳入分配方案')).toHaveText(shownMoney(totals.distributed));
  await expect(figure(page, '已发放')).toHaveText(shownMoney(totals.paid));
  await expect(figure(page, '其中发放到户')).toHaveText(shownMoney(totals.paidToHouseholds));
  await expect(stageRow(page, '资金投入', '合计投入')).toContainText(shownMoney(totals.invested));
  await expect(stageRow(page, '资产收益', '合计')).toContainText(shownMoney(totals.income));
  await expect(stageRow(page, '分配方案', '合计纳入分配')).toContainText(shownMoney(totals.distributed));
  await expect(stageRow(page, '发放', '合计发放')).toContainText(shownMoney(totals.paid));
  await expect(stageRow(page, '到户', '合计到户')).toContainText(shownMoney(totals.paidToHouseholds));
}

const noSidewaysScroll = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    WIDTHS.phone.width,
  );

test.describe('资金流向', () => {
  // Made by the first test that needs it (the app is a test's fixture), then shared by the file's tests.
  let made: Paid | undefined;
  const trailOf = async (app: ConsoleApp): Promise<Paid> => (made ??= await paidTrail(app));

  test("a clerk follows an asset's money stage by stage, each stage adding up, then a household's", async ({
    page,
    app,
    signInAs,
  }) => {
    const paid = await trailOf(app);
    const clerk = await app.as('wutong');
    const { moneyTrail: trail } = await clerk.gql<{ moneyTrail: Trail }>(TRAIL, { a: paid.greenhouse.id });
    // 梧桐村's clerk reads 梧桐村's share only.
    expect(trail.totals).toEqual({
      invested: '200000.00',
      income: '3000.00',
      distributed: '1000.00',
      paid: '1000.00',
      paidToHouseholds: '600.00',
    });

    await signInAs('wutong');
    await page.goto(`/assets/${paid.greenhouse.id}`);
    await page.getByRole('tab', { name: '资金流向' }).click();
    await expect(page).toHaveURL(/\?tab=trail$/);
    await expect(figure(page, '资金投入')).toHaveText('¥200,000.00');
    await expect(figure(page, '资产收益（村分得）')).toHaveText('¥3,000.00');
    await expect(figure(page, '纳入分配方案')).toHaveText('¥1,000.00');
    await expect(figure(page, '收益未分配')).toHaveText('¥2,000.00');
    await expect(figure(page, '已发放')).toHaveText('¥1,000.00');
    await expect(figure(page, '其中发放到户')).toHaveText('¥600.00');

    // 1 资金投入: fund source → project → asset, and its total.
    await expect(stageRow(page, '资金投入', '衔接资金')).toContainText('梧桐玉合联建大棚项目');
    await expect(stageRow(page, '资金投入', '合计投入')).toContainText('¥200,000.00');
    // 2 资产收益: 收益 = 纳入分配 + 未分配.
    await expect(stageRow(page, '资产收益', '梧桐村')).toContainText(/¥3,000\.00.*¥1,000\.00.*¥2,000\.00/);
    await expect(stageRow(page, '资产收益', '合计')).toContainText(/¥3,000\.00.*¥1,000\.00.*¥2,000\.00/);
    // 3 分配方案: the plan and its two uses adding up to it.
    await expect(
      stageRow(page, '分配方案', paid.title).getByRole('link', { name: paid.title }),
    ).toBeVisible();
    await expect(stageRow(page, '分配方案', '奖励补助')).toContainText(/¥600\.00.*¥600\.00/);
    await expect(stageRow(page, '分配方案', '小型公益事业')).toContainText(/¥400\.00.*¥400\.00/);
    await expect(stageRow(page, '分配方案', '合计纳入分配')).toContainText('¥1,000.00');
    // 4 发放 and 5 到户.
    await expect(stageRow(page, '发放', paid.household.headName)).toContainText('¥600.00');
    await expect(stageRow(page, '发放', '集体/未到户')).toContainText('¥400.00');
    await expect(stageRow(page, '发放', '合计发放')).toContainText('¥1,000.00');
    await expect(stageRow(page, '发放', '其中发放到户')).toContainText('¥600.00');
    await expect(stageRow(page, '到户', '合计到户')).toContainText('¥600.00');
    await expectAccessible(page);

    // The household's own trail, from its name.
    await stageRow(page, '到户', paid.household.registryNo)
      .getByRole('link', { name: paid.household.headName })
      .click();
    await expect(page).toHaveURL(`/households/${paid.household.id}/trail`);
    await expect(
      page.getByRole('heading', { level: 1, name: `${paid.household.headName}户的资金流向` }),
    ).toBeVisible();
    const { moneyTrail: own } = await clerk.gql<{ moneyTrail: Trail }>(TRAIL, { h: paid.household.id });
    expect(own.households).toEqual([
      {
        householdId: paid.household.id,
        headName: paid.household.headName,
        registryNo: paid.household.registryNo,
        amount: own.totals.paid,
      },
    ]);
    await expect(figure(page, '发放给该户')).toHaveText(shownMoney(own.totals.paid));
    await expect(stageRow(page, '到户', '合计到户')).toContainText(shownMoney(own.totals.paid));
    await expect(stageRow(page, '资金投入', paid.greenhouse.code)).toContainText('衔接资金');
    await expectAccessible(page);
  });

  test("a township officer reads both villages' shares of the greenhouse's income", async ({
    page,
    app,
    signInAs,
  }) => {
    const paid = await trailOf(app);
    const officer = await app.as('longju');
    const { moneyTrail: trail } = await officer.gql<{ moneyTrail: Trail }>(TRAIL, { a: paid.greenhouse.id });
    expect(trail.totals.income).toBe('5000.00');
    expect(trail.incomes.map((i) => i.amount).sort()).toEqual(['2000.00', '3000.00']);

    await signInAs('longju');
    await page.goto(`/assets/${paid.greenhouse.id}?tab=trail`);
    await expect(figure(page, '资产收益（村分得）')).toHaveText('¥5,000.00');
    await expect(figure(page, '收益未分配')).toHaveText('¥4,000.00');
    await expect(stageRow(page, '资产收益', '玉合村')).toContainText('¥2,000.00');
    await expect(stageRow(page, '资产收益', '梧桐村')).toContainText('¥3,000.00');
    await expect(stageRow(page, '资产收益', '合计')).toContainText(/¥5,000\.00.*¥1,000\.00.*¥4,000\.00/);
    await expectAccessible(page);
  });

  test('a co-owner elsewhere has no trail of the asset, nor of another village’s household', async ({
    page,
    app,
    signInAs,
  }) => {
    const paid = await trailOf(app);
    // 玉合村 co-owns the greenhouse in 梧桐村: the API answers its trail only where the asset is kept.
    const refused = await app.gql(
      'query($a: ID) { moneyTrail(assetId: $a) { totals { income } } }',
      { a: paid.greenhouse.id },
      (await app.login('yuhe')).accessToken,
    );
    expect(refused.data).toBeNull();
    expect(refused.errors?.length).toBeGreaterThan(0);

    await signInAs('yuhe');
    await page.goto(`/assets/${paid.greenhouse.id}`);
    await expect(page.getByRole('tab', { name: '收益' })).toBeVisible();
    await expect(page.getByRole('tab', { name: '资金流向' })).toHaveCount(0);
    await page.goto(`/households/${paid.household.id}/trail`);
    await expect(page.getByText('找不到该农户')).toBeVisible();
    await expect(page.getByText('该农户不存在，或不在您的管辖范围内。')).toBeVisible();
    await expectAccessible(page);
  });

  test('on a phone: from the 农户 list to a household’s trail, and the asset’s tab, without sideways scrolling', async ({
    page,
    app,
    signInAs,
  }) => {
    const paid = await trailOf(app);
    await signInAs('wutong');
    await page.setViewportSize(WIDTHS.phone);
    await page.goto(`/households`);
    await page.getByRole('textbox', { name: '关键字' }).fill(paid.household.registryNo);
    await page.getByRole('button', { name: '查询' }).click();
    await page
      .getByRole('link', { name: `资金流向 ${paid.household.registryNo} ${paid.household.headName}` })
      .click();
    await expect(
      page.getByRole('heading', { level: 1, name: `${paid.household.headName}户的资金流向` }),
    ).toBeVisible();
    await expect(stageRow(page, '到户', '合计到户')).toBeVisible();
    await noSidewaysScroll(page);
    await expectAmountsReadable(stage(page, '发放给该户'));
    await expectAccessible(page);

    await page.goto(`/assets/${paid.greenhouse.id}?tab=trail`);
    await expect(stageRow(page, '分配方案', '合计纳入分配')).toBeVisible();
    await noSidewaysScroll(page);
    await expectAmountsReadable(stage(page, '分配方案'));
    await expectAccessible(page);
  });

  test('a township officer follows 衔接资金 in a village, as the API states it, and is refused another township', async ({
    page,
    app,
    signInAs,
  }) => {
    const paid = await trailOf(app);
    const officer = await app.as('longju');
    const { moneyTrail: trail } = await officer.gql<{
      moneyTrail: Trail & { investments: Array<{ assetCode: string }> };
    }>(FUND_TRAIL, { s: 'LINKAGE_FUND', r: WUTONG });
    // The greenhouse's ¥200,000.00 of 衔接资金 and both villages' ¥5,000.00 of its rent are in it.
    expect(trail.investments.map((i) => i.assetCode)).toContain(paid.greenhouse.code);
    expect(fen(trail.totals.invested)).toBeGreaterThanOrEqual(20_000_000n);
    expect(fen(trail.totals.paid)).toBeGreaterThanOrEqual(100_000n);

    await signInAs('longju');
    await page.goto('/');
    await openFromMenu(page, '资金流向');
    await expect(page).toHaveTitle('资金流向 - 扶贫项目资产管理系统');
    await expect(page.getByText('请选择资金来源，查看该资金投入了哪些项目和资产')).toBeVisible();
    await chooseOption(page, '资金来源', '衔接资金');
    await chooseOption(page, '村', '梧桐村');
    await expect(page).toHaveURL(`/money-trail?fundSource=LINKAGE_FUND&region=${WUTONG}`);
    await expect(page.getByText('衔接资金在梧桐村的资金流向')).toBeVisible();
    await expectTrailTotals(page, trail.totals);
    await expectAccessible(page);

    // The address is the trail: opened again (a shared link), the same figures.
    await page.reload();
    await expectTrailTotals(page, trail.totals);

    // 罗田镇 is not 龙驹镇's: the API refuses it, and the page says so in the API's words (in Chinese, as
    // the console asks for them).
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': 'zh-CN',
        authorization: `Bearer ${(await app.login('longju')).accessToken}`,
      },
      body: JSON.stringify({ query: FUND_TRAIL, variables: { s: 'LINKAGE_FUND', r: '500101153' } }),
    });
    const refused = (await res.json()) as {
      data: unknown;
      errors: Array<{ message: string; extensions: { reason?: string } }>;
    };
    expect(refused.data).toBeNull();
    expect(refused.errors[0].extensions.reason).toBe('OUT_OF_SCOPE');
    expect(refused.errors[0].message).toMatch(/不在您的管辖/);
    await page.goto('/money-trail?fundSource=LINKAGE_FUND&region=500101153');
    await expect(page.getByRole('alert').filter({ hasText: refused.errors[0].message })).toBeVisible();
    await expect(page.getByTestId('money-trail')).toHaveCount(0);
    await expectAccessible(page);
  });

  test('on a phone: a district supervisor narrows 衔接资金 to a township, then a village, without sideways scrolling', async ({
    page,
    app,
    signInAs,
  }) => {
    await trailOf(app);
    const district = await app.as('district');
    const totals = async (r: string) =>
      (await district.gql<{ moneyTrail: Trail }>(FUND_TRAIL, { s: 'LINKAGE_FUND', r })).moneyTrail.totals;

    await signInAs('district');
    await page.setViewportSize(WIDTHS.phone);
    await page.goto('/money-trail?fundSource=LINKAGE_FUND&region=500101151');
    await expectTrailTotals(page, await totals('500101151'));
    await noSidewaysScroll(page);
    await expectAmountsReadable(stage(page, '资金投入'));
    await expectAccessible(page);

    await chooseOption(page, '村', '梧桐村');
    await expect(page).toHaveURL(`/money-trail?fundSource=LINKAGE_FUND&region=${WUTONG}`);
    await expectTrailTotals(page, await totals(WUTONG));
    await noSidewaysScroll(page);
    await expectAmountsReadable(stage(page, '分配方案'));
  });
});
