import type { Locator, Page } from '@playwright/test';
import { expect, expectAccessible, test, useConsoleApp } from './support/fixtures';
import { coOwnedGreenhouse } from './support/co-owned';
import { fillDate } from './support/forms';
import { chooseOption, expectOnOneLine, expectPhrasesOnOneLine } from './support/ui';
import { fen, shownMoney } from './support/money';

useConsoleApp();

type Caller = Awaited<ReturnType<import('./support/console-app').ConsoleApp['as']>>;

/** An operating asset in use in 梧桐村, whose income its clerk records. */
async function operatingAsset(clerk: Caller): Promise<{ id: string; code: string; name: string }> {
  const { assets } = await clerk.gql<{
    assets: { edges: Array<{ node: { id: string; code: string; name: string; locationCode: string } }> };
  }>(
    '{ assets(filter: { class: [OPERATING], status: [IN_USE], regionCode: "500101151201" }, first: 50) { edges { node { id code name locationCode } } } }',
  );
  const asset = assets.edges.map((e) => e.node).find((a) => a.locationCode === '500101151201');
  if (!asset) throw new Error('the demo district has no operating asset in 梧桐村');
  return asset;
}

let keys = 0;
/** Records income through the API as `clerk`; its period is the day received (so no two overlap). */
async function recordIncome(
  clerk: Caller,
  assetId: string,
  input: { kind: string; amount: string; receivedOn: string; note?: string },
): Promise<string> {
  const { recordIncome } = await clerk.gql<{ recordIncome: { id: string } }>(
    'mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { id } }',
    {
      input: {
        assetId,
        periodFrom: input.receivedOn,
        periodTo: input.receivedOn,
        idempotencyKey: `income-record-${Date.now()}-${keys++}`,
        ...input,
      },
    },
  );
  return recordIncome.id;
}

/** The data rows of a table. */
const rowsOf = (table: Locator) => table.getByRole('row').filter({ has: table.page().getByRole('cell') });

const heading = (page: Page) => page.getByRole('heading', { level: 1, name: '收益明细' });

test.describe('收益明细', () => {
  test('opened from the income list and from the asset page: what, when, whose, who recorded it, its history', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const asset = await operatingAsset(clerk);
    const id = await recordIncome(clerk, asset.id, {
      kind: 'OTHER',
      amount: '4321.09',
      receivedOn: '2019-03-05',
      note: '村委会代收',
    });

    await signInAs('wutong');
    await page.goto(`/income?asset=${asset.id}`);
    await page.getByRole('link', { name: '收益明细 2019-03-05 ¥4,321.09' }).click();
    await expect(page).toHaveURL(`/income/${id}`);
    await expect(heading(page)).toBeVisible();
    await expect(page).toHaveTitle('收益明细 - 扶贫项目资产管理系统');
    const info = page.getByRole('table').filter({ hasText: '到账日期' }).first();
    await expect(info).toContainText('¥4,321.09');
    await expect(info).toContainText('2019年3月5日');
    await expect(info).toContainText('其他收入');
    await expect(info).toContainText('不对应合同');
    await expect(info).toContainText('村委会代收');
    await expect(info.getByRole('link', { name: `${asset.code} ${asset.name}` })).toHaveAttribute(
      'href',
      `/assets/${asset.id}`,
    );
    // Who recorded it, as the ledger has it.
    await expect(info.getByRole('row').filter({ hasText: '登记人' })).toContainText('wutong（村级经办）');
    await expect(page.getByText('尚未纳入分配方案')).toBeVisible();
    await expect(page.getByText('未上传收款凭证')).toBeVisible();
    const history = page.locator('.ant-card').filter({ hasText: '变更记录' }).last();
    await expect(history).toContainText('登记收益');
    await expectAccessible(page);

    // The asset's 收益 tab links to the same page.
    await page.goto(`/assets/${asset.id}?tab=income`);
    await page.getByRole('link', { name: '收益明细 2019年3月5日 ¥4,321.09' }).click();
    await expect(page).toHaveURL(`/income/${id}`);
    await expect(heading(page)).toBeVisible();
  });

  test('a reversed record shows when, by whom and why, and links to the reversing record and back', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const asset = await operatingAsset(clerk);
    const id = await recordIncome(clerk, asset.id, {
      kind: 'SALES',
      amount: '555.55',
      receivedOn: '2019-04-02',
    });
    const { reverseIncome } = await clerk.gql<{ reverseIncome: { id: string } }>(
      'mutation($id: ID!) { reverseIncome(id: $id, reason: "重复登记，已在 4 月 1 日登记") { id } }',
      { id },
    );

    // Opened by its address (a deep link), not from a list.
    await signInAs('wutong');
    await page.goto(`/income/${id}`);
    const reversed = page.getByRole('alert').filter({ hasText: '该收益已冲销' });
    await expect(reversed).toContainText('冲销原因：重复登记，已在 4 月 1 日登记');
    await expect(reversed).toContainText('冲销人：wutong（村级经办）');
    await expect(reversed).toContainText('冲销时间：');
    await expectAccessible(page);
    await reversed.getByRole('link', { name: '查看冲销记录' }).click();
    await expect(page).toHaveURL(`/income/${reverseIncome.id}`);
    const reversing = page.getByRole('alert').filter({ hasText: '这是一条冲销记录' });
    await expect(reversing).toContainText('冲销原因：重复登记，已在 4 月 1 日登记');
    await expect(reversing).toContainText(
      '被冲销的收益：2019年4月2日 到账 ¥555.55，由 wutong（村级经办） 登记',
    );
    await expect(page.getByRole('table').first()).toContainText('-¥555.55');
    await expect(page.locator('.ant-card').filter({ hasText: '变更记录' }).last()).toContainText('冲销收益');
    await reversing.getByRole('link', { name: '查看被冲销的收益' }).click();
    await expect(page).toHaveURL(`/income/${id}`);
    await expect(page.getByRole('alert').filter({ hasText: '该收益已冲销' })).toBeVisible();
  });

  test('income a plan distributes: the plan, what it takes of the record, from the plan page and back', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const { distributionPlans } = await clerk.gql<{
      distributionPlans: {
        edges: Array<{
          node: {
            id: string;
            title: string;
            income: Array<{ incomeId: string; amount: string; receivedOn: string }>;
          };
        }>;
      };
    }>(
      '{ distributionPlans(first: 100, filter: { status: [SUBMITTED, FILED, COMPLETED] }) { edges { node { id title income { incomeId amount receivedOn } } } } }',
    );
    const plans = distributionPlans.edges.map((e) => e.node);
    const plan = plans.find((p) => p.income.length > 0);
    if (!plan) throw new Error('the demo district has no plan of 梧桐村 that distributes income');
    const line = plan.income[0];
    // Every plan that takes part of that record, as the plans themselves state it.
    const takers = plans.filter((p) => p.income.some((i) => i.incomeId === line.incomeId));

    await signInAs('wutong');
    await page.goto(`/distribution/${plan.id}`);
    await page
      .getByRole('link', {
        name: `收益明细 ${line.receivedOn.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}`,
      })
      .first()
      .click();
    await expect(page).toHaveURL(`/income/${line.incomeId}`);
    const plansTable = page.getByRole('table').filter({ hasText: '纳入分配' });
    for (const p of takers) {
      // Two plans may share a title: each row is found by its link's address.
      const row = rowsOf(plansTable).filter({ has: page.locator(`a[href="/distribution/${p.id}"]`) });
      const taken = p.income.filter((i) => i.incomeId === line.incomeId)[0].amount;
      await expect(row).toContainText(shownMoney(taken));
    }
    await expect(rowsOf(plansTable).filter({ hasNotText: '合计' })).toHaveCount(takers.length);
    if (takers.length > 1) {
      const total = takers
        .flatMap((p) => p.income.filter((i) => i.incomeId === line.incomeId))
        .reduce((sum, i) => sum + fen(i.amount), 0n);
      await expect(rowsOf(plansTable).filter({ hasText: '合计' })).toContainText(shownMoney(total));
    }
    await expectAccessible(page);
    await plansTable.locator(`a[href="/distribution/${plan.id}"]`).click();
    await expect(page).toHaveURL(`/distribution/${plan.id}`);
  });

  test("another region's record is refused in the API's words; a co-owning village reads its share's record and history", async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const asset = await operatingAsset(clerk);
    const id = await recordIncome(clerk, asset.id, {
      kind: 'OTHER',
      amount: '88.80',
      receivedOn: '2019-05-06',
    });

    for (const user of ['luotian', 'daping', 'yuhe']) {
      await signInAs(user);
      await page.goto(`/income/${id}`);
      await expect(heading(page)).toBeVisible();
      await expect(page.getByRole('alert')).toContainText('找不到该收益记录，或它不在您的管辖范围内');
      await expect(page.getByText('¥88.80')).toHaveCount(0);
    }
    await expectAccessible(page);

    // 玉合村 owns 40 % of a greenhouse in 梧桐村: it reads the greenhouse's income, marked where it is.
    const greenhouse = await coOwnedGreenhouse(app, '1000.00');
    const yuhe = await app.as('yuhe');
    const { incomeRecords } = await yuhe.gql<{ incomeRecords: { edges: Array<{ node: { id: string } }> } }>(
      'query($id: ID!) { incomeRecords(filter: { assetId: $id }) { edges { node { id } } } }',
      { id: greenhouse.id },
    );
    expect(incomeRecords.edges).toHaveLength(1);
    await signInAs('yuhe');
    await page.goto(`/income/${incomeRecords.edges[0].node.id}`);
    await expect(heading(page)).toBeVisible();
    await expect(page.getByText('位于梧桐村，本村共有')).toBeVisible();
    const shares = page.getByRole('table').filter({ hasText: '应分金额' });
    await expect(rowsOf(shares).filter({ hasText: '玉合村' })).toContainText('¥400.00');
    await expect(page.getByRole('row').filter({ hasText: '登记人' })).toContainText('wutong（村级经办）');
    await expect(page.locator('.ant-card').filter({ hasText: '变更记录' }).last()).toContainText('登记收益');
    await expectAccessible(page);
  });
});

test.describe('收益汇总', () => {
  test('a clerk groups its own records by year and kind: counts, 收到 and the 合计 row add up', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const asset = await operatingAsset(clerk);
    const inMay2018 = async () =>
      (
        await clerk.gql<{ incomeRecords: { totalCount: number } }>(
          '{ incomeRecords(filter: { receivedFrom: "2018-05-01", receivedTo: "2018-05-31" }) { totalCount } }',
        )
      ).incomeRecords.totalCount;
    expect(await inMay2018()).toBe(0);
    await recordIncome(clerk, asset.id, { kind: 'RENT', amount: '1000.10', receivedOn: '2018-05-10' });
    await recordIncome(clerk, asset.id, { kind: 'OTHER', amount: '234.56', receivedOn: '2018-05-12' });
    await recordIncome(clerk, asset.id, { kind: 'OTHER', amount: '65.34', receivedOn: '2018-05-20' });
    expect(await inMay2018()).toBe(3);

    await signInAs('wutong');
    await page.goto('/income');
    await page.getByRole('tab', { name: '汇总' }).click();
    await expect(page).toHaveURL('/income?tab=summary');
    const form = page.locator('form[id="incomeSummary"]');
    await chooseOption(page, '分组方式', '年度', form);
    await chooseOption(page, '再按', '收益类型', form);
    await fillDate(form, '到账日期起', '2018-05-01');
    await fillDate(form, '到账日期止', '2018-05-31');
    await form.getByRole('button', { name: '汇总' }).click();

    const table = page.getByRole('table').filter({ hasText: '收到（净额）' });
    await expect(table.getByRole('columnheader')).toHaveText([
      '年度',
      '收益类型',
      '笔数',
      '收到（净额）',
      '村集体应分',
      '已分配',
      '已支付',
      '未分配',
    ]);
    const rows = rowsOf(table);
    await expect(rows.filter({ hasText: '其他收入' })).toHaveText(/2018 年\s*其他收入\s*2\s*¥299\.90/);
    await expect(rows.filter({ hasText: '租金' })).toHaveText(/2018 年\s*租金\s*1\s*¥1,000\.10/);
    await expect(rows.filter({ hasText: '合计' })).toHaveText(/合计\s*3\s*¥1,300\.00/);
    await expect(rows).toHaveCount(3);
    await expectAccessible(page);

    // 分配渠道 combines with 年度 only (or 区域): the form says so before asking.
    await chooseOption(page, '再按', '资产', form);
    await chooseOption(page, '分组方式', '分配渠道', form);
    await expect(form.getByText('分配渠道只能与区域或年度同时分组')).toBeVisible();
  });

  test('a district supervisor groups by region and drills down from a township to its villages', async ({
    page,
    app,
    signInAs,
  }) => {
    const district = await app.as('district');
    const summary = async (regionCode?: string) =>
      (
        await district.gql<{
          incomeSummary: Array<{
            regionName: string;
            count: number;
            received: string;
            planned: string;
            paid: string;
            undistributed: string;
          }>;
        }>(
          'query($f: IncomeFilter) { incomeSummary(groupBy: [REGION], filter: $f) { regionName count received planned paid undistributed } }',
          { f: regionCode ? { regionCode } : null },
        )
      ).incomeSummary;
    const townships = await summary();
    const longju = townships.find((r) => r.regionName === '龙驹镇');
    if (!longju) throw new Error('no income in 龙驹镇 in the demo district');
    const villages = await summary('500101151');

    await signInAs('district');
    await page.goto('/income?tab=summary');
    const form = page.locator('form[id="incomeSummary"]');
    await chooseOption(page, '分组方式', '区域', form);
    await chooseOption(page, '再按', '不再分组', form);
    await form.getByRole('button', { name: '汇总' }).click();
    const table = page.getByRole('table').filter({ hasText: '收到（净额）' });
    await expect(rowsOf(table)).toHaveCount(townships.length + 1);
    // Each row: 笔数, 收到, 村集体应分, 已分配, 已支付, 未分配, as incomeSummary says.
    expect(longju.planned).not.toBe('0.00');
    await expect(rowsOf(table).filter({ hasText: '龙驹镇' })).toHaveText(
      new RegExp(
        [longju.count, longju.received, longju.planned, longju.paid, longju.undistributed]
          .map((v, i) => (i === 0 ? String(v) : shownMoney(String(v))).replace(/[.$]/g, '\\$&'))
          .join('.*'),
      ),
    );
    await table.getByRole('button', { name: '查看龙驹镇下属区域' }).click();
    await expect(page.getByRole('alert').filter({ hasText: '区域：龙驹镇' })).toBeVisible();
    await expect(rowsOf(table)).toHaveCount(villages.length + 1);
    for (const v of villages)
      await expect(rowsOf(table).filter({ hasText: v.regionName })).toContainText(String(v.count));
    await expectAccessible(page);
    await page.getByRole('button', { name: '返回上级' }).click();
    await expect(rowsOf(table)).toHaveCount(townships.length + 1);
  });

  test('on a phone: the summary and a record page without sideways scrolling of the page', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const asset = await operatingAsset(clerk);
    const id = await recordIncome(clerk, asset.id, {
      kind: 'OTHER',
      amount: '12.34',
      receivedOn: '2019-06-07',
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs('wutong');
    await page.goto('/income?tab=summary');
    const table = page.getByRole('table').filter({ hasText: '收到（净额）' });
    await expect(rowsOf(table).filter({ hasText: '合计' })).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.clientWidth);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await expectAccessible(page);
    await page.goto(`/income/${id}`);
    await expect(page.getByText('¥12.34').first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await expectAccessible(page);

    // A record of an asset the village shares with its township (梧桐村乡村民宿, 60 % and 40 %).
    const { incomeRecords } = await clerk.gql<{
      incomeRecords: {
        edges: Array<{
          node: {
            id: string;
            shares: Array<{ ownerType: string; ownerRef: string; ownerName: string | null }>;
          };
        }>;
      };
    }>('{ incomeRecords(first: 100) { edges { node { id shares { ownerType ownerRef ownerName } } } } }');
    const shared = incomeRecords.edges
      .map((e) => e.node)
      .find((r) => r.shares.some((s) => s.ownerType === 'TOWNSHIP'))!;
    expect(shared.shares.find((s) => s.ownerType === 'TOWNSHIP')!.ownerRef).toBe('500101151');
    await page.goto(`/income/${shared.id}`);
    // The township's share under its name, as the village's is, not under its code; below each, the
    // name the confirmed ownership gives the owner (the demo's: 梧桐村集体经济组织 and 乡镇人民政府).
    expect(shared.shares.map((s) => s.ownerName)).toEqual(['梧桐村集体经济组织', '乡镇人民政府']);
    const owners = page
      .getByRole('table')
      .filter({ has: page.getByRole('columnheader', { name: '所有权人' }) });
    const ownerCell = (row: number) => rowsOf(owners).nth(row).getByRole('cell').first();
    await expect(ownerCell(0).locator('div')).toHaveText('梧桐村');
    await expect(ownerCell(0)).toHaveText('梧桐村梧桐村集体经济组织');
    await expect(ownerCell(1).locator('div')).toHaveText('龙驹镇');
    await expect(ownerCell(1)).toHaveText('龙驹镇乡镇人民政府');
    await expect(owners).not.toContainText('500101151');
    // On the phone no field's label breaks between its characters (所属期 / 间), nor a date inside itself
    // (2025年 / 12月31日): a period breaks between its dates.
    await expectOnOneLine(page.locator('.ant-descriptions-item-label'));
    await expectPhrasesOnOneLine(page.locator('.ant-descriptions'), /\d{4}年\d{1,2}月\d{1,2}日/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });
});
