import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
import { choose, chooseFound, fillDate } from './support/forms';
import {
  chooseOption,
  expectAmountsReadable,
  expectInsideCells,
  expectOnOneLine,
  expectWrapsAtLeast,
  openFromMenu,
} from './support/ui';
import { shownMoney } from './support/money';

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
  payments: { outstanding: string; overdueSince: string | null };
}

async function contracts(caller: Caller): Promise<ContractNode[]> {
  const { contracts: list } = await caller.gql<{ contracts: { edges: Array<{ node: ContractNode }> } }>(
    '{ contracts(first: 100) { edges { node { id code kind endDate version assets { id } versions { change } payments { outstanding overdueSince } } } } }',
  );
  return list.edges.map((e) => e.node);
}

async function operatorCount(caller: Caller): Promise<number> {
  const { operators } = await caller.gql<{ operators: { totalCount: number } }>(
    '{ operators(first: 1) { totalCount } }',
  );
  return operators.totalCount;
}

/** An equity stake of 梧桐村 (through the API): ¥50,000.00 of principal from 2020 to 2030, due back at the end of 2025. */
async function equityStake(
  caller: Caller,
  code: string,
): Promise<{ id: string; code: string; assets: Array<{ id: string }> }> {
  const { assets, operators } = await caller.gql<{
    assets: { edges: Array<{ node: { id: string } }> };
    operators: { edges: Array<{ node: { id: string } }> };
  }>(
    '{ assets(filter: { class: [OPERATING], regionCode: "500101151201" }, first: 1) { edges { node { id } } } operators(first: 1) { edges { node { id } } } }',
  );
  const { signContract } = await caller.gql<{
    signContract: { id: string; code: string; assets: Array<{ id: string }> };
  }>('mutation($input: SignContractInput!) { signContract(input: $input) { id code assets { id } } }', {
    input: {
      code,
      kind: 'EQUITY',
      operatorId: operators.edges[0].node.id,
      ownerName: '梧桐村股份经济合作联合社',
      assetIds: [assets.edges[0].node.id],
      startDate: '2020-01-01',
      endDate: '2030-12-31',
      amount: '3000.00',
      schedule: 'ANNUAL',
      equityPrincipal: '50000.00',
      equityMaturityDate: '2025-12-31',
      idempotencyKey: `${code}-sign`,
    },
  });
  return signContract;
}

interface PrincipalReturn {
  version: number;
  principalReturnedOn: string | null;
  principalReturnedAmount: string | null;
  versions: Array<{ change: string; principalReturned: string | null; evidence: Array<{ fileId: string }> }>;
}
const principalOf = async (caller: Caller, id: string): Promise<PrincipalReturn> =>
  (
    await caller.gql<{ contract: PrincipalReturn }>(
      'query($id: ID!) { contract(id: $id) { version principalReturnedOn principalReturnedAmount versions { change principalReturned evidence { fileId } } } }',
      { id },
    )
  ).contract;

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

  test('a clerk registers an equity contract: Chinese field messages first, then the contract on its page', async ({
    page,
    app,
    signInAs,
  }) => {
    test.slow(); // a long form, filled field by field
    const clerk = await app.as('wutong');
    const before = (await contracts(clerk)).length;
    const { assets, operators } = await clerk.gql<{
      assets: { edges: Array<{ node: { id: string; code: string; name: string } }> };
      operators: { edges: Array<{ node: { id: string; name: string } }> };
    }>(
      '{ assets(filter: { class: [OPERATING] }, first: 1) { edges { node { id code name } } } operators(first: 1) { edges { node { id name } } } }',
    );
    const asset = assets.edges[0].node;
    const operator = operators.edges[0].node;
    const code = `WT-RG-${Date.now()}`;

    await signInAs('wutong');
    await page.goto('/contracts');
    await page.getByRole('button', { name: '登记合同' }).click();
    const dialog = page.getByRole('dialog', { name: '登记合同' });
    await chooseOption(page, '合同类型', '入股（股权）', dialog);
    await dialog.getByLabel('每期金额（元）').fill('12,000');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByText('请输入合同编号')).toBeVisible();
    await expect(dialog.getByText('请选择经营主体')).toBeVisible();
    await expect(dialog.getByText('请至少选择一项资产')).toBeVisible();
    await expect(dialog.getByText('金额须为数字，最多两位小数，如 1200 或 1200.50')).toBeVisible();
    await expect(dialog.getByText('入股合同须填写入股本金')).toBeVisible();
    await expectAccessible(page);
    expect((await contracts(clerk)).length).toBe(before);

    await dialog.getByLabel('合同编号').fill(code);
    await dialog.getByLabel('甲方（发包方）').fill('梧桐村股份经济合作社');
    // Both found on the server by what is typed (a region may have hundreds of each).
    await chooseFound(page, dialog, '经营主体', operator.name);
    await chooseFound(page, dialog, '资产', asset.code);
    await page.keyboard.press('Escape');
    await fillDate(dialog, '起始日期', '2026-01-01');
    await fillDate(dialog, '终止日期', '2030-12-31');
    await dialog.getByLabel('每期金额（元）').fill('12000');
    await chooseOption(page, '支付周期', '每年', dialog);
    await dialog.getByLabel('入股本金（元）').fill('200000');
    await fillDate(dialog, '本金到期日', '2030-12-31');
    const chooser = page.waitForEvent('filechooser');
    const stored = page.waitForResponse((r) => r.url().endsWith('/files') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: '选择文件' }).click();
    await (
      await chooser
    ).setFiles({
      name: '入股协议.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% 入股协议\ntrailer << >>\n%%EOF\n', 'utf8'),
    });
    expect((await stored).status()).toBe(201);
    await expect(dialog.getByText(/入股协议\.pdf/)).toBeVisible();
    await dialog.getByRole('button', { name: '保存' }).click();

    await expect(page.getByRole('heading', { level: 1, name: `合同 ${code}` })).toBeVisible();
    await expect(page.getByText('¥200,000.00').first()).toBeVisible();
    await expectAccessible(page);
    const after = await contracts(clerk);
    expect(after.length).toBe(before + 1);
    const added = after.find((c) => c.code === code)!;
    expect(added.kind).toBe('EQUITY');
    expect(added.assets.map((a) => a.id)).toEqual([asset.id]);
    expect(added.versions.map((v) => v.change)).toEqual(['SIGNED']);
    const { contract } = await clerk.gql<{
      contract: { equityPrincipal: string; evidence: Array<{ fileId: string }> };
    }>(`{ contract(id: "${added.id}") { equityPrincipal evidence { fileId } } }`);
    expect(contract.equityPrincipal).toBe('200000.00');
    expect(contract.evidence).toHaveLength(1);
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
    // On a laptop's 1280 px the codes and kinds stay whole (HT-WZ-151201-0045, 入股（股权）).
    await page.setViewportSize({ width: 1280, height: 900 });
    await expectOnOneLine(
      page
        .getByRole('row')
        .filter({ has: page.getByRole('cell') })
        .locator('td:nth-child(-n+2)'),
    );
    await page.setViewportSize(WIDTHS.desktop);

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

  test('the contract page says what was received ahead of the due days, and beyond the whole term', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const { assets, operators } = await clerk.gql<{
      assets: { edges: Array<{ node: { id: string; locationCode: string } }> };
      operators: { edges: Array<{ node: { id: string } }> };
    }>(
      '{ assets(filter: { class: [OPERATING], status: [IN_USE], regionCode: "500101151201" }, first: 50) { edges { node { id locationCode } } } operators(first: 1) { edges { node { id } } } }',
    );
    const asset = assets.edges.map((e) => e.node).filter((a) => a.locationCode === '500101151201')[2];
    // A lease of two past years at ¥1,000 a year, and ¥2,000.50 received under it.
    const code = `HT-E2E-AHEAD-${Date.now().toString(36)}`;
    const { signContract } = await clerk.gql<{ signContract: { id: string } }>(
      'mutation($input: SignContractInput!) { signContract(input: $input) { id } }',
      {
        input: {
          code,
          kind: 'LEASE',
          operatorId: operators.edges[0].node.id,
          ownerName: '梧桐村股份经济合作联合社',
          assetIds: [asset.id],
          startDate: '2012-01-01',
          endDate: '2013-12-31',
          amount: '1000.00',
          schedule: 'ANNUAL',
          idempotencyKey: `${code}-sign`,
        },
      },
    );
    await clerk.gql('mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { id } }', {
      input: {
        assetId: asset.id,
        contractId: signContract.id,
        kind: 'RENT',
        amount: '2000.50',
        periodFrom: '2013-01-01',
        periodTo: '2013-12-31',
        receivedOn: '2013-12-20',
        idempotencyKey: `${code}-income`,
      },
    });

    await signInAs('wutong');
    await page.goto(`/contracts/${signContract.id}`);
    await expect(page.getByRole('heading', { level: 1, name: `合同 ${code}` })).toBeVisible();
    const cell = (label: string) =>
      page.getByRole('rowheader', { name: label, exact: true }).locator('xpath=following-sibling::td[1]');
    await expect(cell('已收')).toHaveText('¥2,000.50');
    await expect(cell('欠收')).toHaveText('¥0.00');
    await expect(cell('预收（已收多于到期应收）')).toHaveText('¥0.50');
    await expect(cell('多收（超过合同期全部应收）')).toContainText('¥0.50');
    await expect(cell('多收（超过合同期全部应收）')).toContainText('须核实退还');
    await expectAccessible(page);

    // A contract received exactly as owed says neither.
    const exact = (await contracts(clerk)).find((c) => c.payments.outstanding !== '0.00')!;
    await page.goto(`/contracts/${exact.id}`);
    await expect(cell('欠收')).toBeVisible();
    await expect(page.getByRole('rowheader', { name: /^预收|^多收/ })).toHaveCount(0);
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
    // The contract whose rent is overdue: scrolled across to its 欠收, the row still shows its number.
    const overdue = (await contracts(officer)).find((c) => c.payments.overdueSince)!;
    expect(overdue).toBeDefined();
    const row = page.getByRole('row', { name: new RegExp(overdue.code) });
    await expect(row).toContainText('欠收');
    // The row into view first: contracts made by other tests can push it below a phone's screen.
    await row.scrollIntoViewIfNeeded();
    // Under its number, before the table is scrolled: that it is overdue and what it still owes.
    const numberCell = row.getByRole('cell').first();
    await expect(numberCell.getByText(/^逾期 \d+ 天$/)).toBeInViewport({ ratio: 1 });
    await expect(
      numberCell.getByText(`欠收 ${shownMoney(overdue.payments.outstanding)}`, { exact: true }),
    ).toBeInViewport({ ratio: 1 });
    // Scrolled across to the end, again if the table was laid out anew since (its data read again): its
    // 欠收 in view, but for a fraction of a pixel where the table's width is not a whole number of pixels
    // (a scroll position is one).
    await expect(async () => {
      await page
        .getByRole('region', { name: '表格（可滚动）' })
        .evaluate((area) => (area.scrollLeft = area.scrollWidth));
      await expect(
        row.getByRole('cell', { name: shownMoney(overdue.payments.outstanding), exact: true }),
      ).toBeInViewport({ ratio: 0.99, timeout: 1000 });
    }).toPass();
    await expect(row.getByRole('link', { name: overdue.code })).toBeInViewport({ ratio: 1 });
    await expectInsideCells(page.getByRole('table').getByRole('link', { name: /^HT-/ }));
    // 经营主体, 资产 and 期限 wrap, but not a few characters a line.
    await expectWrapsAtLeast(
      page
        .getByRole('table')
        .getByRole('row')
        .filter({ has: page.getByRole('cell') })
        .locator('td:nth-child(3), td:nth-child(4), td:nth-child(5)'),
      8,
    );
    await page.goto(`/contracts/${first.id}`);
    await expect(page.getByRole('heading', { level: 1, name: `合同 ${first.code}` })).toBeVisible();
    await expect(page.getByRole('button', { name: '续签' })).toHaveCount(0);
    // The change history's short values (第 1 版, 签订, its dates) each on one line: the table scrolls instead.
    const versions = page
      .getByRole('table')
      .filter({ has: page.getByRole('columnheader', { name: '版本' }) });
    await expect(versions.getByRole('cell', { name: /^第 \d+ 版$/ }).first()).toBeVisible();
    await expectOnOneLine(
      versions
        .getByRole('row')
        .filter({ has: page.getByRole('cell') })
        .locator('td:nth-child(-n+4)'),
    );
    await expectAmountsReadable(versions);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);
  });
  test('a clerk records the return of an equity principal: a day before the stake is refused in Chinese, then the return among the terms', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const stake = await equityStake(clerk, `HT-E2E-RET-${Date.now().toString(36)}`);
    await signInAs('wutong');
    await page.goto(`/contracts/${stake.id}`);
    await expect(page.getByRole('heading', { level: 1, name: `合同 ${stake.code}` })).toBeVisible();
    const cell = (label: string) =>
      page.getByRole('rowheader', { name: label, exact: true }).locator('xpath=following-sibling::td[1]');
    // Due back at the end of 2025 and not recorded: flagged.
    await expect(cell('本金收回')).toContainText('已到期，尚未收回');

    await page.getByRole('button', { name: '登记本金收回' }).click();
    const dialog = page.getByRole('dialog', { name: '登记本金收回' });
    await expect(dialog.getByLabel('收回金额（元）')).toHaveValue('50000.00');
    await fillDate(dialog, '收回日期', '2019-06-30');
    await dialog.getByLabel('收回金额（元）').fill('48000');
    await choose(page, '凭证', '选择文件', {
      name: '本金收款凭证.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% 收款凭证\ntrailer << >>\n%%EOF\n', 'utf8'),
    });
    await dialog.getByRole('button', { name: '保存' }).click();
    // The API refuses a day before the stake began, beside the field, in Chinese; nothing is written.
    await expect(dialog.getByText('返还日期须在 2020-01-01 至今天之间')).toBeVisible();
    await expectAccessible(page);
    expect((await principalOf(clerk, stake.id)).principalReturnedOn).toBeNull();

    await fillDate(dialog, '收回日期', '2025-12-31');
    await dialog.getByLabel('说明').fill('企业按协议退回股金，扣除约定费用 2000 元');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();

    await expect(cell('本金收回')).toContainText('2025年12月31日 收回 ¥48,000.00（少于入股本金 ¥2,000.00）');
    await expect(cell('本金收回')).toContainText('扣除约定费用 2000 元');
    await expect(cell('本金收回')).toContainText('本金收款凭证.pdf');
    await expect(
      page.getByRole('row').filter({ hasText: '返还股金本金' }).getByRole('cell', { name: '¥48,000.00' }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: '登记本金收回' })).toHaveCount(0);
    await expectAccessible(page);
    const after = await principalOf(clerk, stake.id);
    expect(after.principalReturnedOn).toBe('2025-12-31');
    expect(after.principalReturnedAmount).toBe('48000.00');
    const entry = after.versions.find((v) => v.change === 'PRINCIPAL_RETURNED')!;
    expect(entry.principalReturned).toBe('48000.00');
    expect(entry.evidence).toHaveLength(1);

    // The asset's 合同 tab says so beside the stake.
    await page.goto(`/assets/${stake.assets[0].id}?tab=contracts`);
    await expect(page.getByRole('row').filter({ hasText: stake.code })).toContainText(
      '本金 2025年12月31日 收回 ¥48,000.00',
    );
    await expectAccessible(page);
  });

  test('only the village clerk records a principal return, and only of an equity stake; an officer reads it on a phone', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const stake = await equityStake(clerk, `HT-E2E-RO-${Date.now().toString(36)}`);
    // A lease of the clerk's village: no principal to return.
    const lease = (await contracts(clerk)).find((c) => c.kind === 'LEASE')!;
    await signInAs('wutong');
    await page.goto(`/contracts/${lease.id}`);
    await expect(page.getByRole('heading', { level: 1, name: `合同 ${lease.code}` })).toBeVisible();
    await expect(page.getByText('应收与实收')).toBeVisible();
    await expect(page.getByRole('button', { name: '登记本金收回' })).toHaveCount(0);

    // The township's officer reads the stake, and the API refuses the officer's return.
    const officer = await app.gql(
      'mutation($id: ID!, $input: ReturnPrincipalInput!) { recordPrincipalReturn(id: $id, input: $input) { id } }',
      { id: stake.id, input: { returnedOn: '2025-12-31', amount: '50000.00' } },
      (await app.login('longju')).accessToken,
    );
    expect(officer.data).toBeNull();
    expect((await principalOf(clerk, stake.id)).principalReturnedOn).toBeNull();
    await clerk.gql(
      'mutation($id: ID!, $input: ReturnPrincipalInput!) { recordPrincipalReturn(id: $id, input: $input) { id } }',
      { id: stake.id, input: { returnedOn: '2025-12-31', amount: '50000.00' } },
    );
    await signInAs('longju');
    await page.setViewportSize(WIDTHS.phone);
    await page.goto(`/contracts/${stake.id}`);
    await expect(page.getByRole('heading', { level: 1, name: `合同 ${stake.code}` })).toBeVisible();
    await expect(
      page
        .getByRole('rowheader', { name: '本金收回', exact: true })
        .locator('xpath=following-sibling::td[1]'),
    ).toHaveText('2025年12月31日 收回 ¥50,000.00');
    await expect(page.getByRole('button', { name: '登记本金收回' })).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);

    // An auditor reads it too, with nothing to record.
    await signInAs('auditor');
    await page.goto(`/contracts/${stake.id}`);
    await expect(page.getByText('2025年12月31日 收回 ¥50,000.00')).toBeVisible();
    await expect(page.getByRole('button', { name: '登记本金收回' })).toHaveCount(0);
  });

  test('仅看逾期 lists the contracts the red flag counts, in the address, on a phone; the red flag links to it', async ({
    page,
    app,
    signInAs,
  }) => {
    const district = await app.as('district');
    const listed = async (overdue: boolean) =>
      (
        await district.gql<{ contracts: { totalCount: number; edges: Array<{ node: { code: string } }> } }>(
          'query($o: Boolean) { contracts(filter: { overdue: $o }, first: 100) { totalCount edges { node { code } } } }',
          { o: overdue },
        )
      ).contracts;
    const late = await listed(true);
    const others = await listed(false);
    const { redFlags } = await district.gql<{ redFlags: { flags: Array<{ count: number }> } }>(
      '{ redFlags(kinds: [CONTRACT_PAYMENT_OVERDUE]) { flags { count } } }',
    );
    // The demo's 承包 contract is behind with its rent: the list and the red flag count the same ones.
    expect(late.totalCount).toBeGreaterThan(0);
    expect(late.totalCount).toBe(redFlags.flags[0].count);

    await signInAs('district');
    await page.setViewportSize(WIDTHS.phone);
    await page.goto('/contracts');
    await expect(page.getByRole('heading', { level: 1, name: '经营合同' })).toBeVisible();
    await page.getByRole('switch', { name: '仅看逾期' }).click();
    await expect(page).toHaveURL('/contracts?overdue=1');
    const pager = page.getByRole('navigation', { name: '翻页' });
    await expect(pager).toContainText(`共 ${late.totalCount} 项`);
    for (const { node } of late.edges.slice(0, 20))
      await expect(page.getByRole('link', { name: node.code, exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: others.edges[0].node.code, exact: true })).toHaveCount(0);
    await expect(page.getByRole('row', { name: new RegExp(late.edges[0].node.code) })).toContainText(
      /逾期 \d+ 天/,
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);
    // Opened again from the address: still only the overdue ones; switched off, every contract.
    await page.reload();
    await expect(page.getByRole('switch', { name: '仅看逾期' })).toBeChecked();
    await expect(pager).toContainText(`共 ${late.totalCount} 项`);
    await page.getByRole('switch', { name: '仅看逾期' }).click();
    await expect(page).toHaveURL('/contracts');
    await expect(pager).toContainText(`共 ${late.totalCount + others.totalCount} 项`);

    // From the red flag's records to the same list.
    await page.setViewportSize(WIDTHS.desktop);
    await page.goto('/red-flags');
    await page.getByRole('tab', { name: /^合同租金或分红逾期未收/ }).click();
    await page.getByRole('link', { name: `在经营合同中查看逾期合同（${late.totalCount}）` }).click();
    await expect(page).toHaveURL('/contracts?overdue=1');
    await expect(pager).toContainText(`共 ${late.totalCount} 项`);
  });
});
