import type { Page } from '@playwright/test';
import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
import { coOwnedGreenhouse } from './support/co-owned';
import { choose, chooseFound, fillDate } from './support/forms';
import { chooseOption, expectOnOneLine, loseFirstAnswer, openFromMenu } from './support/ui';
import { fen, shownMoney } from './support/money';

useConsoleApp();

type Caller = Awaited<ReturnType<import('./support/console-app').ConsoleApp['as']>>;
interface Income {
  id: string;
  amount: string;
  kind: string;
  periodFrom: string;
  reversedById: string | null;
  reversesId: string | null;
}

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

async function incomeOf(clerk: Caller, assetId: string): Promise<Income[]> {
  const { incomeRecords } = await clerk.gql<{ incomeRecords: { edges: Array<{ node: Income }> } }>(
    'query($id: ID!) { incomeRecords(filter: { assetId: $id }, first: 200) { edges { node { id amount kind periodFrom reversedById reversesId } } } }',
    { id: assetId },
  );
  return incomeRecords.edges.map((e) => e.node);
}

/** A 1×1 PNG: the photo of a receipt. */
const RECEIPT = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The data rows of the page's table. */
const rows = (page: Page) =>
  page
    .getByRole('table')
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });

async function openRecordDialog(page: Page) {
  await page.getByRole('button', { name: '登记收益' }).click();
  const dialog = page.getByRole('dialog', { name: '登记收益' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test.describe('收益', () => {
  test('a clerk records income: field-level messages, then a double click records it once', async ({
    page,
    app,
    signInAs,
  }) => {
    test.slow(); // a long form, filled field by field
    const clerk = await app.as('wutong');
    const asset = await operatingAsset(clerk);
    const before = await incomeOf(clerk, asset.id);

    await signInAs('wutong');
    await page.goto('/');
    await openFromMenu(page, '收益');
    await expect(page).toHaveTitle('收益 - 扶贫项目资产管理系统');
    await expect(page.getByRole('heading', { level: 1, name: '收益' })).toBeVisible();
    await expect(rows(page).first()).toBeVisible();
    await expectAccessible(page);

    const dialog = await openRecordDialog(page);
    // Nothing filled in: a Chinese message under each required field, nothing sent.
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByText('请选择资产')).toBeVisible();
    await expect(dialog.getByText('请选择收益类型')).toBeVisible();
    await expect(dialog.getByText('请输入金额')).toBeVisible();
    await expect(dialog.getByText('请选择所属期间的起始日期')).toBeVisible();
    await expectAccessible(page);

    await chooseFound(page, dialog, '资产', asset.code);
    await chooseOption(page, '收益类型', '销售收入', dialog);
    await dialog.getByLabel('金额（元）').fill('86.504');
    await expect(dialog.getByText('金额须为数字，最多两位小数，如 1200 或 1200.50')).toBeVisible();
    await dialog.getByLabel('金额（元）').fill('0');
    await expect(dialog.getByText('金额须大于 0')).toBeVisible();
    // Typed with a Chinese input method in its full-width mode: the digits become ASCII as they come.
    await dialog.getByLabel('金额（元）').fill('８６５０．４０');
    await expect(dialog.getByLabel('金额（元）')).toHaveValue('8650.40');
    await fillDate(dialog, '所属期间起', '2020-03-31');
    await fillDate(dialog, '所属期间止', '2020-01-01');
    await expect(dialog.getByText('截止日期不能早于起始日期')).toBeVisible();
    await fillDate(dialog, '所属期间起', '2020-01-01');
    await fillDate(dialog, '所属期间止', '2020-03-31');
    await dialog.getByLabel('备注').fill('一季度农产品销售');
    await expect(dialog.getByText('截止日期不能早于起始日期')).toBeHidden();

    // A double click: one record, not two.
    await dialog.getByRole('button', { name: '保存' }).dblclick();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('已登记销售收入 ¥8,650.40')).toBeVisible();
    const row = rows(page).filter({ hasText: '¥8,650.40' });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(asset.code);
    await expect(row).toContainText('2020-01-01 至 2020-03-31');
    await expect(row).toContainText('一季度农产品销售');

    const after = await incomeOf(clerk, asset.id);
    expect(after.length).toBe(before.length + 1);
    expect(after.filter((r) => r.amount === '8650.40')).toMatchObject([
      { kind: 'SALES', periodFrom: '2020-01-01' },
    ]);
  });

  test('a retry after a lost answer sends the same key: the income is recorded once', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const asset = await operatingAsset(clerk);
    const before = await incomeOf(clerk, asset.id);

    // The first answer to 登记收益 is lost on the way back: the server has recorded, the browser sees
    // a broken connection.
    const lost = await loseFirstAnswer(page, 'RecordIncome');

    await signInAs('wutong');
    await page.goto(`/income?asset=${asset.id}`);
    await expect(page.getByText(`只显示资产 ${asset.code} ${asset.name} 的收益`)).toBeVisible();
    const dialog = await openRecordDialog(page);
    // The page's asset is already chosen.
    await expect(dialog.getByLabel('资产', { exact: true })).toHaveValue(`${asset.code} ${asset.name}`);
    await chooseOption(page, '收益类型', '销售收入', dialog);
    await dialog.getByLabel('金额（元）').fill('1234.56');
    await fillDate(dialog, '所属期间起', '2020-04-01');
    await fillDate(dialog, '所属期间止', '2020-06-30');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('无法连接服务器，请检查网络后重试');
    expect(lost()).toBe(1);
    // The server did record it; the retry must not record it again.
    expect((await incomeOf(clerk, asset.id)).length).toBe(before.length + 1);

    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(rows(page).filter({ hasText: '¥1,234.56' })).toHaveCount(1);
    const after = await incomeOf(clerk, asset.id);
    expect(after.length).toBe(before.length + 1);
    expect(after.filter((r) => r.amount === '1234.56')).toHaveLength(1);
  });

  test('rent recorded under its contract with a receipt photo: the contract page shows it received', async ({
    page,
    app,
    signInAs,
  }) => {
    const amount = '1234.50';
    const clerk = await app.as('wutong');
    // An operating asset of 梧桐村 without a contract, whose income is 梧桐村's alone (a share of
    // 玉合村's would put the rent on 玉合村's list, which another test reads), let from 2020 on at
    // ¥3,000 a year: years of rent are owed. Its first month is the period recorded here.
    const { assets, operators } = await clerk.gql<{
      assets: {
        edges: Array<{
          node: {
            id: string;
            locationCode: string;
            contracts: Array<{ id: string }>;
            owners: Array<{ ownerType: string; ownerRef: string }>;
          };
        }>;
      };
      operators: { edges: Array<{ node: { id: string } }> };
    }>(
      '{ assets(filter: { class: [OPERATING], status: [IN_USE], regionCode: "500101151201" }, first: 50) { edges { node { id locationCode contracts { id } owners { ownerType ownerRef } } } } operators(first: 1) { edges { node { id } } } }',
    );
    const asset = assets.edges
      .map((e) => e.node)
      .findLast(
        (a) =>
          a.locationCode === '500101151201' &&
          a.contracts.length === 0 &&
          a.owners.every((o) => o.ownerType === 'VILLAGE_COLLECTIVE' && o.ownerRef === a.locationCode),
      );
    if (!asset) throw new Error('the demo has no operating asset of 梧桐村 alone without a contract');
    const code = `HT-E2E-RENT-${Date.now().toString(36)}`;
    const { signContract } = await clerk.gql<{
      signContract: { id: string; payments: { received: string; outstanding: string } };
    }>(
      'mutation($input: SignContractInput!) { signContract(input: $input) { id payments { received outstanding } } }',
      {
        input: {
          code,
          kind: 'LEASE',
          operatorId: operators.edges[0].node.id,
          ownerName: '梧桐村股份经济合作联合社',
          assetIds: [asset.id],
          startDate: '2020-01-01',
          endDate: '2039-12-31',
          amount: '3000.00',
          schedule: 'ANNUAL',
          idempotencyKey: `${code}-sign`,
        },
      },
    );
    const before = signContract.payments;
    expect(fen(before.outstanding)).toBeGreaterThanOrEqual(fen(amount));
    const contract = { id: signContract.id, code };
    const periodFrom = '2020-01-01';
    const periodTo = '2020-01-31';

    await signInAs('wutong');
    await page.goto(`/income?asset=${asset.id}`);
    const dialog = await openRecordDialog(page);
    // A dividend first: the lease pays rent, so it is not offered, and the form says why.
    await chooseOption(page, '收益类型', '分红', dialog);
    await dialog.getByLabel('金额（元）').fill(amount);
    await fillDate(dialog, '所属期间起', periodFrom);
    await fillDate(dialog, '所属期间止', periodTo);
    await expect(dialog).toContainText(
      `该资产在所属期间起始日有效的合同不收分红：${contract.code}（租赁）项下为租金。请核对收益类型`,
    );
    await expect(dialog.getByTitle('不对应合同', { exact: true })).toBeVisible();
    await chooseOption(page, '收益类型', '租金', dialog);
    // The asset's one contract in force is chosen already; 不对应合同 is offered beside it.
    const field = dialog.getByLabel('对应合同', { exact: true });
    await expect(dialog.getByTitle(new RegExp(`^${contract.code} `))).toBeVisible();
    await field.focus();
    await field.press('ArrowDown');
    const popup = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    await expect(popup.getByTitle('不对应合同', { exact: true })).toBeVisible();
    await popup.getByTitle(new RegExp(`^${contract.code} `)).click();
    // The receipt, photographed: uploaded at once to the asset's village.
    const stored = page.waitForResponse((r) => r.url().endsWith('/files') && r.request().method() === 'POST');
    await choose(page, '收款凭证', '拍照', { name: '收据.png', mimeType: 'image/png', buffer: RECEIPT });
    const upload = await stored;
    expect(upload.status()).toBe(201);
    const file = (await upload.json()) as { id: string; regionCode: string };
    expect(file.regionCode).toBe(asset.locationCode);
    await expect(dialog.getByRole('list', { name: '收款凭证' })).toContainText('上传完成');
    await expectAccessible(page);

    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`已登记租金 ${shownMoney(fen(amount))}`)).toBeVisible();

    // The record names the contract and cites the receipt.
    const { incomeRecords } = await clerk.gql<{
      incomeRecords: {
        edges: Array<{
          node: {
            amount: string;
            periodFrom: string;
            contractId: string | null;
            evidence: Array<{ fileId: string }>;
          };
        }>;
      };
    }>(
      'query($id: ID!) { incomeRecords(filter: { assetId: $id, kind: RENT }, first: 200) { edges { node { amount periodFrom contractId evidence { fileId } } } } }',
      { id: asset.id },
    );
    expect(
      incomeRecords.edges
        .map((e) => e.node)
        .filter((r) => r.periodFrom === periodFrom && r.amount === amount),
    ).toEqual([{ amount, periodFrom, contractId: contract.id, evidence: [{ fileId: file.id }] }]);

    // The contract's page: 已收 up and 欠收 down by exactly the amount.
    const received = shownMoney(fen(before.received) + fen(amount));
    const outstanding = shownMoney(fen(before.outstanding) - fen(amount));
    await page.goto(`/contracts/${contract.id}`);
    await expect(page.getByRole('heading', { level: 1, name: `合同 ${contract.code}` })).toBeVisible();
    const cell = (label: string) =>
      page.getByRole('rowheader', { name: label, exact: true }).locator('xpath=following-sibling::td[1]');
    await expect(cell('已收')).toHaveText(received);
    await expect(cell('欠收')).toHaveText(outstanding);
  });

  test('a clerk reverses a wrong record with a reason; the original stays and shows 已冲销', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const asset = await operatingAsset(clerk);
    const { recordIncome } = await clerk.gql<{ recordIncome: { id: string } }>(
      'mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { id } }',
      {
        input: {
          assetId: asset.id,
          kind: 'OTHER',
          amount: '777.70',
          periodFrom: '2020-07-01',
          periodTo: '2020-07-31',
          receivedOn: '2020-08-05',
          idempotencyKey: `browser-reverse-${Date.now()}`,
        },
      },
    );

    await signInAs('wutong');
    await page.goto(`/income?asset=${asset.id}`);
    // The original, by its date (the compensating record, dated today, shows -¥777.70).
    const row = rows(page).filter({ hasText: '2020-08-05' });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('¥777.70');
    await row.getByRole('button', { name: /^冲销/ }).click();
    const dialog = page.getByRole('dialog', { name: '冲销收益' });
    await expect(dialog).toContainText('¥777.70');
    await dialog.getByRole('button', { name: '确认冲销' }).click();
    await expect(dialog.getByText('请填写冲销原因')).toBeVisible();
    await expectAccessible(page);
    await dialog.getByLabel('冲销原因').fill('金额录入错误，应为 770.70 元');
    await dialog.getByRole('button', { name: '确认冲销' }).click();
    await expect(dialog).toBeHidden();

    await expect(row).toContainText('已冲销');
    await expect(row.getByRole('button', { name: /^冲销/ })).toHaveCount(0);
    const compensating = rows(page).filter({ hasText: '-¥777.70' });
    await expect(compensating).toHaveCount(1);
    await expect(compensating).toContainText('冲销');

    const records = await incomeOf(clerk, asset.id);
    const original = records.find((r) => r.id === recordIncome.id);
    expect(original?.amount).toBe('777.70');
    expect(original?.reversedById).toBeTruthy();
    expect(records.find((r) => r.id === original?.reversedById)).toMatchObject({
      amount: '-777.70',
      reversesId: recordIncome.id,
    });
  });

  test('a reversal whose answer is lost: the retry is given the reversal made, not a refusal, and it is made once', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const asset = await operatingAsset(clerk);
    const { recordIncome } = await clerk.gql<{ recordIncome: { id: string } }>(
      'mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { id } }',
      {
        input: {
          assetId: asset.id,
          kind: 'OTHER',
          amount: '666.60',
          periodFrom: '2020-09-01',
          periodTo: '2020-09-30',
          receivedOn: '2020-10-05',
          idempotencyKey: `browser-reverse-lost-${Date.now()}`,
        },
      },
    );
    const lost = await loseFirstAnswer(page, 'ReverseIncome');

    await signInAs('wutong');
    await page.goto(`/income?asset=${asset.id}`);
    const row = rows(page).filter({ hasText: '2020-10-05' });
    await row.getByRole('button', { name: /^冲销/ }).click();
    const dialog = page.getByRole('dialog', { name: '冲销收益' });
    await dialog.getByLabel('冲销原因').fill('重复登记');
    await dialog.getByRole('button', { name: '确认冲销' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('无法连接服务器，请检查网络后重试');
    expect(lost()).toBe(1);
    // The server did reverse it; the retry carries the same key and is answered with that reversal.
    await dialog.getByRole('button', { name: '确认冲销' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText('已冲销');

    const records = await incomeOf(clerk, asset.id);
    expect(records.filter((r) => r.reversesId === recordIncome.id)).toHaveLength(1);
  });

  test('each record names its asset; the proceeds of a disposal link to it for those who may open it', async ({
    page,
    app,
    signInAs,
  }) => {
    const officer = await app.as('longju');
    const { incomeRecords } = await officer.gql<{
      incomeRecords: {
        edges: Array<{
          node: { assetId: string; assetCode: string; assetName: string; disposalId: string | null };
        }>;
      };
    }>(
      '{ incomeRecords(first: 200, direction: DESC) { edges { node { assetId assetCode assetName disposalId } } } }',
    );
    const proceeds = incomeRecords.edges.map((e) => e.node).find((r) => r.disposalId);
    if (!proceeds) throw new Error('the demo district has no proceeds of a completed disposal in 龙驹镇');
    const assetName = `${proceeds.assetCode} ${proceeds.assetName}`;

    // A township officer opens the disposal from the record.
    await signInAs('longju');
    await page.goto(`/income?asset=${proceeds.assetId}`);
    const row = rows(page).filter({ hasText: '资产处置收入' });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('link', { name: assetName })).toHaveAttribute(
      'href',
      `/assets/${proceeds.assetId}`,
    );
    await expectAccessible(page);
    await row.getByRole('link', { name: '查看处置申请' }).click();
    await expect(page).toHaveURL(`/disposals/${proceeds.disposalId}`);
    await expect(page).toHaveTitle('处置审核 - 扶贫项目资产管理系统');

    // The village clerk, who follows a disposal on its asset's page, sees the asset and no link to the
    // disposal's page (not theirs to open).
    await signInAs('wutong');
    await page.goto(`/income?asset=${proceeds.assetId}`);
    const clerkRow = rows(page).filter({ hasText: '资产处置收入' });
    await expect(clerkRow.getByRole('link', { name: assetName })).toBeVisible();
    await expect(clerkRow.getByRole('link', { name: '查看处置申请' })).toHaveCount(0);
  });

  test('an auditor reads income but may not record or reverse it', async ({ page, app, signInAs }) => {
    const auditor = await app.as('auditor');
    const { incomeRecords } = await auditor.gql<{ incomeRecords: { totalCount: number } }>(
      '{ incomeRecords { totalCount } }',
    );
    await signInAs('auditor');
    await page.goto('/income');
    await expect(page.getByText(`共 ${incomeRecords.totalCount} 项`)).toBeVisible();
    // Every record of the district's first page names its asset, whatever its class or township.
    const { incomeRecords: firstPage } = await auditor.gql<{
      incomeRecords: { edges: Array<{ node: { assetCode: string; assetName: string } }> };
    }>('{ incomeRecords(first: 20, direction: DESC) { edges { node { assetCode assetName } } } }');
    for (const [i, { node }] of firstPage.edges.entries()) {
      await expect(rows(page).nth(i)).toContainText(`${node.assetCode} ${node.assetName}`);
    }
    await expect(page.getByRole('button', { name: '登记收益' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^冲销/ })).toHaveCount(0);
    await expectAccessible(page);
    // On a phone the dates stay whole (2026-10-20, not 2026-10- / 20): the table scrolls. Each amount
    // and kind under its date (on a line of their own) too.
    await page.setViewportSize(WIDTHS.phone);
    await expectOnOneLine(rows(page).locator('td:first-child a'));
    const facts = rows(page).locator('td:first-child .phone-facts');
    expect(await facts.count()).toBeGreaterThan(0);
    const wrapped = await facts.evaluateAll((elements) =>
      elements
        .filter((element) => {
          // On one line: every part's box overlaps every other's vertically (their fonts' tops differ).
          const boxes = Array.from(element.children, (child) => child.getBoundingClientRect());
          return Math.max(...boxes.map((b) => b.top)) >= Math.min(...boxes.map((b) => b.bottom));
        })
        .map((element) => element.textContent),
    );
    expect(wrapped, 'amount and kind wrapped onto two lines').toEqual([]);
  });

  test("another township's asset named in the address: the page says it is out of reach", async ({
    page,
    app,
    signInAs,
  }) => {
    const { assets } = await (
      await app.as('longju')
    ).gql<{ assets: { edges: Array<{ node: { id: string } }> } }>(
      '{ assets(first: 1, filter: { class: [OPERATING] }) { edges { node { id } } } }',
    );
    await signInAs('luotian');
    await page.goto(`/income?asset=${assets.edges[0].node.id}`);
    await expect(page.getByText('找不到该资产：该资产不存在，或不在您的管辖范围内')).toBeVisible();
    await expect(page.getByText(/只显示资产/)).toHaveCount(0);
    await page.getByRole('button', { name: '显示全部' }).click();
    await expect(page).toHaveURL(/\/income$/);
    await expect(page.getByText('找不到该资产', { exact: false })).toHaveCount(0);
  });

  test("an asset's 收益 tab pages its records on the server, newest first", async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const { assets } = await clerk.gql<{
      assets: { edges: Array<{ node: { id: string; name: string; locationCode: string } }> };
    }>(
      '{ assets(filter: { class: [OPERATING], status: [IN_USE], regionCode: "500101151201" }, first: 50) { edges { node { id name locationCode } } } }',
    );
    // Not the asset the other tests of this file record on.
    const asset = assets.edges.map((e) => e.node).filter((a) => a.locationCode === '500101151201')[1];
    // Twelve monthly rents of 2019: more than a page, older than anything the demo recorded.
    for (let month = 1; month <= 12; month++) {
      const mm = String(month).padStart(2, '0');
      const res = await clerk.gql<{ recordIncome: { id: string } }>(
        'mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { id } }',
        {
          input: {
            assetId: asset.id,
            kind: 'RENT',
            amount: `${100 + month}.00`,
            periodFrom: `2019-${mm}-01`,
            periodTo: `2019-${mm}-28`,
            receivedOn: `2019-${mm}-28`,
            idempotencyKey: `browser-asset-income-${asset.id}-${month}`,
          },
        },
      );
      expect(res.recordIncome.id).toBeTruthy();
    }
    const { incomeRecords } = await clerk.gql<{
      incomeRecords: { totalCount: number; edges: Array<{ node: { receivedOn: string } }> };
    }>(
      'query($id: ID!) { incomeRecords(filter: { assetId: $id }, first: 1, direction: DESC) { totalCount edges { node { receivedOn } } } }',
      { id: asset.id },
    );
    const total = incomeRecords.totalCount;
    expect(total).toBeGreaterThanOrEqual(12);
    const chinese = (d: string) =>
      `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

    await signInAs('wutong');
    await page.goto(`/assets/${asset.id}`);
    await page.getByRole('tab', { name: '收益' }).click();
    const panel = page.getByRole('tabpanel');
    const records = panel
      .getByRole('table')
      .last()
      .getByRole('row')
      .filter({ has: page.getByRole('cell') });
    const pages = Math.ceil(total / 10);
    await expect(panel.getByText(`共 ${total} 项，第 1 / ${pages} 页`)).toBeVisible();
    await expect(records).toHaveCount(10);
    await expect(records.first()).toContainText(chinese(incomeRecords.edges[0].node.receivedOn));
    for (let p = 2; p <= pages; p++) {
      await panel.getByRole('button', { name: '下一页' }).click();
      await expect(panel.getByText(`共 ${total} 项，第 ${p} / ${pages} 页`)).toBeVisible();
    }
    // The last page ends on the oldest: January 2019's rent.
    await expect(records).toHaveCount(total - (pages - 1) * 10);
    await expect(records.last()).toContainText('2019年1月28日');
    await expect(records.last()).toContainText('¥101.00');
    await expect(panel.getByRole('button', { name: '下一页' })).toBeDisabled();
    await panel.getByRole('button', { name: '上一页' }).click();
    await expect(panel.getByText(`共 ${total} 项，第 ${pages - 1} / ${pages} 页`)).toBeVisible();
    await expectAccessible(page);
  });

  test('a village sees the income of an asset it co-owns in another village, with its page and without 冲销', async ({
    page,
    app,
    signInAs,
  }) => {
    // In 梧桐村: a greenhouse 梧桐村 owns 60 % and 玉合村 40 %, with ¥10,000.00 of rent received today.
    const { id: assetId, label } = await coOwnedGreenhouse(app, '10000.00');

    // 玉合村's clerk: the record is on its list (its 40 % is its income), marked as co-owned in 梧桐村,
    // with the asset's page (玉合村 reads it); the record's correction is 梧桐村's.
    await signInAs('yuhe');
    await page.goto('/income');
    const row = rows(page).filter({ hasText: label });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('位于梧桐村，本村共有');
    // The whole income, and 玉合村's 40 % of it.
    await expect(row).toContainText('¥10,000.00');
    await expect(row).toContainText('本村应分 ¥4,000.00');
    await expect(row.getByRole('link', { name: label })).toHaveAttribute('href', `/assets/${assetId}`);
    await expect(row.getByRole('button', { name: /^冲销/ })).toHaveCount(0);
    // Its own records still link to their assets (and, like every record, to its 收益明细) and may be reversed.
    const own = rows(page).filter({ hasNotText: label }).first();
    await expect(own.getByRole('link', { name: /^(?!收益明细 )/ })).toHaveCount(1);
    await expect(own.getByRole('link', { name: /^收益明细 / })).toHaveCount(1);
    await expect(own.getByRole('button', { name: /^冲销/ })).toHaveCount(1);
    await expect(own).not.toContainText('本村应分');
    await expectAccessible(page);

    // 梧桐村's clerk: its own asset, linked, with 冲销.
    await signInAs('wutong');
    await page.goto(`/income?asset=${assetId}`);
    const ownRow = rows(page).filter({ hasText: label });
    await expect(ownRow.getByRole('link', { name: label })).toHaveAttribute('href', `/assets/${assetId}`);
    await expect(ownRow.getByRole('button', { name: /^冲销/ })).toHaveCount(1);
    await expect(ownRow).not.toContainText('共有');
    await expect(ownRow).toContainText('本村应分 ¥6,000.00');

    // The asset's 收益结余 tells 梧桐村's part from 玉合村's.
    await ownRow.getByRole('link', { name: label }).click();
    await page.getByRole('tab', { name: '收益' }).click();
    const panel = page.getByRole('tabpanel');
    await expect(panel.getByText('各所有权村的收益结余')).toBeVisible();
    const parts = panel
      .getByRole('table')
      .filter({ has: page.getByRole('columnheader', { name: '应分配' }) })
      .getByRole('row')
      .filter({ has: page.getByRole('cell') });
    await expect(parts).toHaveCount(2);
    await expect(parts.nth(0)).toContainText('梧桐村本村');
    await expect(parts.nth(0).getByRole('cell')).toHaveText([
      '梧桐村本村',
      '¥6,000.00',
      '¥0.00',
      '¥0.00',
      '¥6,000.00',
    ]);
    await expect(parts.nth(1).getByRole('cell')).toHaveText([
      '玉合村',
      '¥4,000.00',
      '¥0.00',
      '¥0.00',
      '¥4,000.00',
    ]);
    await expectAccessible(page);
  });

  test('works on a phone: the list and the form without sideways scrolling of the page', async ({
    page,
    signInAs,
  }) => {
    await page.setViewportSize(WIDTHS.phone);
    await signInAs('wutong');
    await page.goto('/income');
    await expect(page.getByRole('heading', { level: 1, name: '收益' })).toBeVisible();
    await expect(rows(page).first()).toContainText('¥');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    // The table is wider than the phone: each row's amount and kind are under its date, in view without
    // scrolling it sideways, and the amount is the one of its 金额 column.
    const first = rows(page).first().getByRole('cell');
    await expect(first.first()).toHaveText(/^\d{4}-\d{2}-\d{2}-?¥[\d,]+\.\d{2}\p{Script=Han}+$/u);
    await expect(first.first().locator('.money')).toBeInViewport({ ratio: 1 });
    await expect(first.nth(4).locator('.money').first()).not.toBeInViewport();
    expect(await first.first().locator('.money').textContent()).toBe(
      await first.nth(4).locator('.money').first().textContent(),
    );
    // On a wide screen they stay in their own columns.
    await page.setViewportSize(WIDTHS.desktop);
    await expect(first.first()).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
    await page.setViewportSize(WIDTHS.phone);
    await expect(first.first().locator('.money')).toBeVisible();
    const dialog = await openRecordDialog(page);
    await expect(dialog.getByLabel('金额（元）')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);
  });
});
