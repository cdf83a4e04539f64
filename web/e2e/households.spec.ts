import type { Locator, Page } from '@playwright/test';
import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
import { fillDate } from './support/forms';
import { chooseOption, expectOnOneLine, openFromMenu } from './support/ui';

useConsoleApp();

type Caller = Awaited<ReturnType<import('./support/console-app').ConsoleApp['as']>>;
interface Household {
  id: string;
  registryNo: string;
  headName: string;
  villageCode: string;
  membersCount: number;
  idNumber: string | null;
  phone: string | null;
  version: number;
  currentStatus: { status: string; monitoringCategory: string | null; startedOn: string } | null;
  statusHistory: Array<{
    status: string;
    monitoringCategory: string | null;
    startedOn: string;
    endedOn: string | null;
    endReason: string | null;
  }>;
}

const WUTONG = '500101151201';
const FIELDS =
  'id registryNo headName villageCode membersCount idNumber phone version currentStatus { status monitoringCategory startedOn } statusHistory { status monitoringCategory startedOn endedOn endReason }';

let counter = 0;
/** A registry number no other test uses. */
const registryNo = (): string =>
  `${WUTONG}-B${Date.now().toString(36)}${(counter++).toString(36)}`.toUpperCase();

/** A valid resident ID number (GB 11643 check character) from 17 digits. */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i];
  return `${first17}${'10X98765432'[sum % 11]}`;
}

async function householdsNamed(caller: Caller, text: string): Promise<Household[]> {
  const { households } = await caller.gql<{ households: { edges: Array<{ node: Household }> } }>(
    `query($text: String) { households(filter: { text: $text }, first: 50) { edges { node { ${FIELDS} } } } }`,
    { text },
  );
  return households.edges.map((e) => e.node);
}

/** The data rows of the page's table. */
const rows = (page: Page) =>
  page
    .getByRole('table')
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });

/** Registers a 脱贫户 of 梧桐村 from `startedOn` through the API; returns its registry number. */
async function registered(clerk: Caller, headName: string, startedOn: string): Promise<string> {
  const number = registryNo();
  await clerk.gql('mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }', {
    input: {
      registryNo: number,
      headName,
      villageCode: WUTONG,
      membersCount: 3,
      status: 'POVERTY_ALLEVIATED',
      startedOn,
    },
  });
  return number;
}

/** The status periods listed in a 户类型记录 dialog. */
const periods = (dialog: Locator) =>
  dialog
    .getByRole('region', { name: '户类型记录' })
    .getByRole('row')
    .filter({ has: dialog.page().getByRole('cell') });

async function search(page: Page, text: string): Promise<void> {
  await page.getByLabel('关键字').fill(text);
  await page.getByRole('button', { name: '查询' }).click();
}

async function openDialog(page: Page, name: string): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  return dialog;
}

test.describe('农户', () => {
  test('a clerk registers a household: Chinese field messages, then a double click registers it once', async ({
    page,
    app,
    signInAs,
  }) => {
    test.slow(); // a long form, filled field by field
    const clerk = await app.as('wutong');
    const number = registryNo();
    const id = idNumber('50010119850312441');
    const wrongCheck = `${id.slice(0, 17)}${id[17] === '1' ? '2' : '1'}`;

    await signInAs('wutong');
    await page.goto('/');
    await openFromMenu(page, '农户');
    await expect(page).toHaveTitle('农户 - 扶贫项目资产管理系统');
    await expect(page.getByRole('heading', { level: 1, name: '农户' })).toBeVisible();
    await expect(rows(page).first()).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: '登记农户' }).click();
    const dialog = await openDialog(page, '登记农户');
    // Nothing filled in: a Chinese message under each required field, nothing sent.
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByText('请输入户籍编号')).toBeVisible();
    await expect(dialog.getByText('请输入户主姓名')).toBeVisible();
    await expect(dialog.getByText('请输入家庭人口')).toBeVisible();
    await expect(dialog.getByText('请选择户类型')).toBeVisible();
    // The clerk's own village is chosen and cannot be changed.
    await expect(dialog.getByLabel('所在村')).toHaveValue(`梧桐村（${WUTONG}）`);
    await expect(dialog.getByLabel('所在村')).not.toBeEditable();
    await expectAccessible(page);

    await dialog.getByLabel('户籍编号').fill(number);
    await dialog.getByLabel('户主姓名').fill('谭明华');
    await dialog.getByLabel('家庭人口').fill('31');
    await expect(dialog.getByText('家庭人口须为 1 到 30 之间的整数')).toBeVisible();
    await dialog.getByLabel('家庭人口').fill('4');
    await dialog.getByLabel('身份证号').fill(wrongCheck);
    await expect(dialog.getByText('身份证号校验位（第 18 位）不符，请核对是否输错')).toBeVisible();
    await dialog.getByLabel('身份证号').fill(id.slice(0, 16));
    await expect(dialog.getByText('身份证号须为 18 位（现为 16 位）')).toBeVisible();
    await dialog.getByLabel('身份证号').fill(id);
    await dialog.getByLabel('联系电话').fill('1390000111');
    await expect(dialog.getByText('手机号须为 11 位（现为 10 位）')).toBeVisible();
    await dialog.getByLabel('联系电话').fill('13900001111');
    await dialog.getByLabel('住址').fill('梧桐村三组 8 号');
    await chooseOption(page, '户类型', '监测户', dialog);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByText('监测户须选择监测类别')).toBeVisible();
    await chooseOption(page, '监测类别', '边缘易致贫户', dialog);
    await fillDate(dialog, '认定日期', '2024-03-15');
    await expect(dialog.getByText('身份证号校验位（第 18 位）不符，请核对是否输错')).toBeHidden();
    await expectAccessible(page);

    // A double click: one household, not two.
    await dialog.getByRole('button', { name: '保存' }).dblclick();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`已登记农户 ${number} 谭明华`)).toBeVisible();

    await search(page, number);
    const row = rows(page).filter({ hasText: number });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('谭明华');
    await expect(row).toContainText('梧桐村');
    await expect(row).toContainText('4 人');
    await expect(row).toContainText(id); // the clerk of the village sees the number in full
    await expect(row).toContainText('13900001111');
    await expect(row).toContainText('监测户');
    await expect(row).toContainText('边缘易致贫户');
    await expect(row).toContainText('2024-03-15');
    await expect(page.getByText('共 1 项')).toBeVisible();

    const found = await householdsNamed(clerk, number);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      registryNo: number,
      headName: '谭明华',
      villageCode: WUTONG,
      membersCount: 4,
      idNumber: id,
      phone: '13900001111',
      currentStatus: { status: 'MONITORED', monitoringCategory: 'MARGINAL', startedOn: '2024-03-15' },
    });

    // The same registry number again: the API refuses it, the form says so under the field.
    await page.getByRole('button', { name: '登记农户' }).click();
    const again = await openDialog(page, '登记农户');
    await again.getByLabel('户籍编号').fill(number);
    await again.getByLabel('户主姓名').fill('谭明');
    await again.getByLabel('家庭人口').fill('2');
    await chooseOption(page, '户类型', '脱贫户', again);
    await again.getByRole('button', { name: '保存' }).click();
    await expect(again.getByText('该户籍编号已登记')).toBeVisible();
    await again.getByRole('button', { name: '取消' }).click();
    expect(await householdsNamed(clerk, number)).toHaveLength(1);
  });

  test('a clerk edits a household: only what changed is sent, with the version read', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const number = registryNo();
    await clerk.gql('mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }', {
      input: {
        registryNo: number,
        headName: '冉光荣',
        villageCode: WUTONG,
        membersCount: 3,
        phone: '13900002222',
        status: 'POVERTY_ALLEVIATED',
        startedOn: '2020-06-30',
      },
    });
    const [before] = await householdsNamed(clerk, number);

    await signInAs('wutong');
    await page.goto('/households');
    await search(page, number);
    const row = rows(page).filter({ hasText: number });
    await expect(row).toContainText('冉光荣');
    await row.getByRole('button', { name: `编辑 ${number} 冉光荣` }).click();
    const dialog = await openDialog(page, '编辑农户');
    await expect(dialog.getByLabel('户籍编号')).toBeDisabled();
    await expect(dialog.getByLabel('联系电话')).toHaveValue('13900002222');
    await dialog.getByLabel('联系电话').fill('电话');
    await expect(dialog.getByText(/^联系电话须为电话号码/)).toBeVisible();
    await dialog.getByLabel('联系电话').fill('023-58001234');
    await dialog.getByLabel('家庭人口').fill('5');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText('023-58001234');
    await expect(row).toContainText('5 人');

    const [after] = await householdsNamed(clerk, number);
    expect(after).toMatchObject({ phone: '023-58001234', membersCount: 5, headName: '冉光荣' });
    expect(after.version).toBe(before.version + 1);
  });

  test('a district supervisor reads households with ID numbers and phones masked, and may not register', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const district = await app.as('district');
    const number = registryNo();
    const id = idNumber('50010119770101123');
    await clerk.gql('mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }', {
      input: {
        registryNo: number,
        headName: '向秀英',
        villageCode: WUTONG,
        membersCount: 2,
        idNumber: id,
        phone: '13800005678',
        status: 'POVERTY_ALLEVIATED',
        startedOn: '2019-12-31',
      },
    });
    const [seen] = await householdsNamed(district, number);
    expect(seen.idNumber).toBe(`${id.slice(0, 4)}**********${id.slice(-4)}`);
    expect(seen.phone).toBe('138****5678');

    await signInAs('district');
    await page.goto('/households');
    await expect(page.getByRole('heading', { level: 1, name: '农户' })).toBeVisible();
    await expect(page.getByRole('button', { name: '登记农户' })).toHaveCount(0);
    await search(page, number);
    const row = rows(page).filter({ hasText: number });
    await expect(row).toContainText(seen.idNumber!);
    await expect(row).toContainText('138****5678');
    await expect(row).not.toContainText(id);
    await expect(row.getByRole('button', { name: /^编辑/ })).toHaveCount(0);
    await expectAccessible(page);
  });

  test('works on a phone: the list and the form without sideways scrolling of the page', async ({
    page,
    signInAs,
  }) => {
    await page.setViewportSize(WIDTHS.phone);
    await signInAs('wutong');
    await page.goto('/households');
    await expect(page.getByRole('heading', { level: 1, name: '农户' })).toBeVisible();
    await expect(rows(page).first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    // The table scrolls sideways rather than break 张淑芬 or 梧桐村 a character a line, or a registry
    // number at its hyphen.
    await expectOnOneLine(page.getByRole('table').getByRole('columnheader'));
    for (const column of [1, 2, 3, 4]) {
      await expectOnOneLine(rows(page).locator(`td:nth-child(${column})`));
    }
    await expectAccessible(page);
    await page.getByRole('button', { name: '登记农户' }).click();
    const dialog = await openDialog(page, '登记农户');
    await expect(dialog.getByLabel('身份证号')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);
  });

  test('a clerk changes the status of a household and takes it out of monitoring: 户类型记录 keeps every period', async ({
    page,
    app,
    signInAs,
  }) => {
    test.slow(); // two forms and the history between them
    const clerk = await app.as('wutong');
    const number = await registered(clerk, '冉启明', '2020-06-30');

    await signInAs('wutong');
    await page.goto('/households');
    await search(page, number);
    const row = rows(page).filter({ hasText: number });
    await expect(row).toContainText('脱贫户');
    await row.getByRole('button', { name: `户类型 ${number} 冉启明` }).click();
    let history = await openDialog(page, `${number} 冉启明 的户类型记录`);
    await expect(periods(history)).toHaveCount(1);
    await expect(periods(history).first()).toContainText('脱贫户');
    await expect(periods(history).first()).toContainText('2020-06-30');
    await expect(periods(history).first()).toContainText('至今');
    await expectAccessible(page);

    // 变更状态: a 监测户 needs its category; the date must follow the current status's start.
    await history.getByRole('button', { name: '变更状态' }).click();
    const change = await openDialog(page, '变更状态');
    await expect(change).toContainText('脱贫户，自 2020-06-30 起');
    await chooseOption(page, '新户类型', '监测户', change);
    await change.getByRole('button', { name: '保存' }).click();
    await expect(change.getByText('监测户须选择监测类别')).toBeVisible();
    await chooseOption(page, '监测类别', '突发严重困难户', change);
    await fillDate(change, '起始日期', '2020-06-30');
    await change.getByRole('button', { name: '保存' }).click();
    await expect(change.getByText('起始日期须晚于当前户类型的起始日期（2020-06-30）')).toBeVisible();
    await fillDate(change, '起始日期', '2025-09-01');
    await expectAccessible(page);
    await change.getByRole('button', { name: '保存' }).dblclick();
    await expect(page.getByText(`已将农户 ${number} 冉启明 变更为监测户（突发严重困难户）`)).toBeVisible();

    // Back in the history: the first period ends the day before the new one.
    history = await openDialog(page, `${number} 冉启明 的户类型记录`);
    await expect(periods(history)).toHaveCount(2);
    await expect(periods(history).nth(0)).toContainText('2025-08-31');
    await expect(periods(history).nth(1)).toContainText('监测户');
    await expect(periods(history).nth(1)).toContainText('突发严重困难户');
    await expect(periods(history).nth(1)).toContainText('2025-09-01');
    await expect(periods(history).nth(1)).toContainText('至今');
    await expect(row).toContainText('监测户');
    await expect(row).toContainText('突发严重困难户');
    await expect(row).toContainText('2025-09-01');
    let [seen] = await householdsNamed(clerk, number);
    expect(seen.statusHistory).toEqual([
      {
        status: 'POVERTY_ALLEVIATED',
        monitoringCategory: null,
        startedOn: '2020-06-30',
        endedOn: '2025-08-31',
        endReason: null,
      },
      {
        status: 'MONITORED',
        monitoringCategory: 'SUDDEN_HARDSHIP',
        startedOn: '2025-09-01',
        endedOn: null,
        endReason: null,
      },
    ]);

    // 退出监测: not before the current status began; a reason is required.
    await history.getByRole('button', { name: '退出监测' }).click();
    const end = await openDialog(page, '退出监测');
    await fillDate(end, '终止日期', '2025-08-31');
    await end.getByRole('button', { name: '确认退出' }).click();
    await expect(end.getByText('请填写退出原因')).toBeVisible();
    await expect(end.getByText('终止日期不能早于当前户类型的起始日期（2025-09-01）')).toBeVisible();
    await fillDate(end, '终止日期', '2026-01-31');
    await end.getByLabel('退出原因').fill('风险消除');
    await expectAccessible(page);
    await end.getByRole('button', { name: '确认退出' }).click();
    await expect(page.getByText(`农户 ${number} 冉启明 已退出监测`)).toBeVisible();
    history = await openDialog(page, `${number} 冉启明 的户类型记录`);
    await expect(periods(history).nth(1)).toContainText('2026-01-31');
    await expect(periods(history).nth(1)).toContainText('风险消除');
    // Nothing is open any more: only 变更状态 (which brings the household back) is offered.
    await expect(history.getByRole('button', { name: '退出监测' })).toHaveCount(0);
    await expect(history.getByRole('button', { name: '变更状态' })).toBeVisible();
    await history.getByRole('button', { name: '关闭' }).click();
    await expect(row).toContainText('已退出监测');

    [seen] = await householdsNamed(clerk, number);
    expect(seen.currentStatus).toBeNull();
    expect(seen.statusHistory[1]).toMatchObject({ endedOn: '2026-01-31', endReason: '风险消除' });
    expect(seen.version).toBe(3);
  });

  test('a change made meanwhile: the API refuses in Chinese, and the history is read again', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const number = await registered(clerk, '谭永福', '2021-01-15');
    const [{ id }] = await householdsNamed(clerk, number);

    await signInAs('wutong');
    await page.goto('/households');
    await search(page, number);
    await rows(page)
      .filter({ hasText: number })
      .getByRole('button', { name: `户类型 ${number} 谭永福` })
      .click();
    let history = await openDialog(page, `${number} 谭永福 的户类型记录`);
    await history.getByRole('button', { name: '变更状态' }).click();
    const change = await openDialog(page, '变更状态');
    await chooseOption(page, '新户类型', '监测户', change);
    await chooseOption(page, '监测类别', '脱贫不稳定户', change);
    await fillDate(change, '起始日期', '2025-03-01');

    // Meanwhile the township made it a 监测户 from a later day: the API is the judge.
    const township = await app.as('longju');
    await township.gql(
      `mutation($id: ID!) { changeHouseholdStatus(householdId: $id, status: MONITORED, monitoringCategory: MARGINAL, startedOn: "2025-06-01") { id } }`,
      { id },
    );
    await change.getByRole('button', { name: '保存' }).click();
    await expect(change.getByText('须晚于当前户类型的起始日期（2025-06-01）')).toBeVisible();
    await expect(change.getByRole('alert')).toContainText('未能变更：请按标出的栏目修改');
    await change.getByRole('button', { name: '取消' }).click();
    history = await openDialog(page, `${number} 谭永福 的户类型记录`);
    await expect(periods(history)).toHaveCount(2);
    await expect(periods(history).nth(1)).toContainText('边缘易致贫户');

    // It left the system meanwhile: 退出监测 says so.
    await history.getByRole('button', { name: '退出监测' }).click();
    const end = await openDialog(page, '退出监测');
    await end.getByLabel('退出原因').fill('自然消亡');
    await township.gql(
      `mutation($id: ID!) { endHouseholdStatus(householdId: $id, endedOn: "2025-12-31", reason: "风险消除") { id } }`,
      { id },
    );
    await end.getByRole('button', { name: '确认退出' }).click();
    await expect(end.getByRole('alert')).toHaveText(
      '该农户已退出监测，没有可终止的户类型；如需重新纳入，请使用“变更状态”',
    );
    const [seen] = await householdsNamed(clerk, number);
    expect(seen.statusHistory.map((s) => s.endReason)).toEqual([null, '风险消除']);
  });

  test('an auditor reads the status history but may not change it, nor may the API let them', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const number = await registered(clerk, '周春兰', '2019-10-08');
    const [{ id }] = await householdsNamed(clerk, number);

    await signInAs('auditor');
    await page.goto('/households');
    await search(page, number);
    const row = rows(page).filter({ hasText: number });
    await expect(row.getByRole('button', { name: /^编辑/ })).toHaveCount(0);
    await row.getByRole('button', { name: `户类型 ${number} 周春兰` }).click();
    const history = await openDialog(page, `${number} 周春兰 的户类型记录`);
    await expect(periods(history).first()).toContainText('2019-10-08');
    await expect(history.getByRole('button', { name: '变更状态' })).toHaveCount(0);
    await expect(history.getByRole('button', { name: '退出监测' })).toHaveCount(0);
    await expectAccessible(page);

    const { accessToken } = await app.login('auditor');
    const changed = await app.gql(
      `mutation($id: ID!) { changeHouseholdStatus(householdId: $id, status: MONITORED, monitoringCategory: MARGINAL, startedOn: "2025-06-01") { id } }`,
      { id },
      accessToken,
    );
    expect(changed.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const ended = await app.gql(
      `mutation($id: ID!) { endHouseholdStatus(householdId: $id, endedOn: "2025-12-31", reason: "风险消除") { id } }`,
      { id },
      accessToken,
    );
    expect(ended.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const [seen] = await householdsNamed(clerk, number);
    expect(seen.statusHistory).toHaveLength(1);
    expect(seen.version).toBe(1);
  });

  test('on a phone: the status history scrolls inside the dialog, and the status form fits', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const number = await registered(clerk, '冉小燕', '2022-02-14');
    await page.setViewportSize(WIDTHS.phone);
    await signInAs('wutong');
    await page.goto('/households');
    await search(page, number);
    await rows(page)
      .filter({ hasText: number })
      .getByRole('button', { name: `户类型 ${number} 冉小燕` })
      .click();
    const history = await openDialog(page, `${number} 冉小燕 的户类型记录`);
    await expect(periods(history).first()).toContainText('2022-02-14');
    await expect(history.getByRole('region', { name: '户类型记录' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);
    await history.getByRole('button', { name: '变更状态' }).click();
    const change = await openDialog(page, '变更状态');
    await expect(change.getByLabel('起始日期')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);
  });
});
