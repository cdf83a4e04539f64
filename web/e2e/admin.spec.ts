import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
import { fillDate } from './support/forms';
import { chooseOption, expectOnOneLine, openFromMenu } from './support/ui';

useConsoleApp();

interface UserNode {
  id: string;
  username: string;
  role: string;
  regionCode: string;
  status: string;
  signInLockedUntil: string | null;
}
const USER = `query($s: String!) { users(filter: { search: $s }) { edges { node { id username role regionCode status signInLockedUntil } } } }`;

test.describe('系统管理', () => {
  test('creates a user with role and region, changes the role, resets the password, disables the user', async ({
    page,
    app,
    signInAs,
  }) => {
    test.slow(); // four dialogs in a row; it took 49–66 s on a 2-core machine, near the 60 s limit
    const admin = await app.as('admin');
    const find = async (name: string) =>
      (await admin.gql<{ users: { edges: Array<{ node: UserNode }> } }>(USER, { s: name })).users.edges.map(
        (e) => e.node,
      );
    await signInAs('admin');
    await page.goto('/');
    await openFromMenu(page, '用户管理');
    await expect(page).toHaveTitle('用户管理 - 扶贫项目资产管理系统');
    await expectAccessible(page);

    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    await dialog.getByLabel('用户名').fill('x');
    await dialog.getByRole('button', { name: '创建' }).click();
    await expect(dialog.getByText('用户名须为 3–64 位字母、数字、点、横线或下划线')).toBeVisible();
    await expect(dialog.getByText('请输入姓名')).toBeVisible();
    await dialog.getByLabel('用户名').fill('wutong2');
    await dialog.getByLabel('姓名').fill('梧桐村 李会计');
    await chooseOption(page, '角色', '村级经办', dialog);
    await chooseOption(page, '所属区域', '梧桐村（500101151201）', dialog);
    await dialog.getByLabel('初始密码').fill('short');
    await dialog.getByRole('button', { name: '创建' }).click();
    await expect(dialog.getByText('密码至少 10 个字符')).toBeVisible();
    await dialog.getByLabel('初始密码').fill('first-password-123');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: '创建' }).click();
    await expect(page.getByText('已创建用户 wutong2')).toBeVisible();
    const row = page.getByRole('row', { name: /wutong2/ });
    await expect(row).toContainText('村级经办');
    await expect(row).toContainText('梧桐村');
    expect(await find('wutong2')).toMatchObject([
      { role: 'VILLAGE_CLERK', regionCode: '500101151201', status: 'ACTIVE' },
    ]);
    await expect(app.login('wutong2', 'first-password-123')).resolves.toHaveProperty('accessToken');

    // A username that exists is refused with a Chinese message.
    await page.getByRole('button', { name: '新建用户' }).click();
    await dialog.getByLabel('用户名').fill('wutong');
    await dialog.getByLabel('姓名').fill('重复');
    await chooseOption(page, '角色', '审计人员', dialog);
    await chooseOption(page, '所属区域', '万州区（500101）', dialog);
    await dialog.getByLabel('初始密码').fill('first-password-123');
    await dialog.getByRole('button', { name: '创建' }).click();
    await expect(dialog.getByText('该用户名已被使用')).toBeVisible();
    await dialog.getByRole('button', { name: '取消' }).click();

    // Role and region.
    await row.getByRole('button', { name: '调整角色' }).click();
    const roleDialog = page.getByRole('dialog', { name: /调整角色/ });
    await chooseOption(page, '角色', '乡镇干部', roleDialog);
    await chooseOption(page, '所属区域', '龙驹镇（500101151）', roleDialog);
    await roleDialog.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('已将 wutong2 调整为乡镇干部')).toBeVisible();
    await expect(row).toContainText('乡镇干部');
    expect(await find('wutong2')).toMatchObject([{ role: 'TOWNSHIP_OFFICER', regionCode: '500101151' }]);

    // Reset the password.
    await row.getByRole('button', { name: '重置密码' }).click();
    const resetDialog = page.getByRole('dialog', { name: /重置密码/ });
    await resetDialog.getByLabel('新密码').fill('second-password-456');
    await resetDialog.getByRole('button', { name: '重置' }).click();
    await expect(page.getByText('已重置 wutong2 的密码')).toBeVisible();
    await expect(app.login('wutong2', 'second-password-456')).resolves.toHaveProperty('accessToken');

    // Disable: the user can no longer sign in.
    await row.getByRole('button', { name: '停用' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '停用' }).click();
    await expect(page.getByText('已停用 wutong2')).toBeVisible();
    await expect(row).toContainText('已停用');
    expect(await find('wutong2')).toMatchObject([{ status: 'DISABLED' }]);
    const refused = await app.gql(
      'mutation { login(username: "wutong2", password: "second-password-456") { accessToken } }',
    );
    expect(refused.errors?.[0].extensions.reason).toBe('ACCOUNT_DISABLED');
  });

  test('pages through the users 20 at a time, as a district with a clerk in every village needs', async ({
    page,
    app,
    signInAs,
  }) => {
    const admin = await app.as('admin');
    for (let i = 1; i <= 16; i++) {
      const created = await admin.gql<{ createUser: { id: string } }>(
        'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
        {
          input: {
            username: `paging-auditor-${String(i).padStart(2, '0')}`,
            displayName: `分页测试 审计员 ${i}`,
            role: 'AUDITOR',
            regionCode: '500101',
            password: 'paging-test-password',
          },
        },
      );
      expect(created.createUser.id).toBeTruthy();
    }
    const { users } = await admin.gql<{ users: { totalCount: number; edges: Array<{ node: UserNode }> } }>(
      '{ users(first: 100) { totalCount edges { node { username } } } }',
    );
    expect(users.totalCount).toBeGreaterThan(20);
    const names = users.edges.map((e) => e.node.username);

    await signInAs('admin');
    await page.goto('/admin/users');
    const rows = page
      .getByRole('table')
      .getByRole('row')
      .filter({ has: page.getByRole('cell') });
    const pageCount = Math.ceil(users.totalCount / 20);
    await expect(page.getByText(`共 ${users.totalCount} 项，第 1 / ${pageCount} 页`)).toBeVisible();
    await expect(rows).toHaveCount(20);
    await expect(rows.first()).toContainText(names[0]);
    await page.getByRole('button', { name: '下一页' }).click();
    await expect(page.getByText(`第 2 / ${pageCount} 页`)).toBeVisible();
    await expect(rows.first()).toContainText(names[20]);
    await expect(page.getByRole('cell', { name: names[names.length - 1], exact: true })).toBeVisible();
    // A search starts again from its first page.
    await page.getByLabel('搜索').fill('paging-auditor-16');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByText('共 1 项，第 1 / 1 页')).toBeVisible();
    await expect(rows).toHaveCount(1);
    await expectAccessible(page);
  });

  test('unlocks a user locked out by failed sign-ins', async ({ page, app, signInAs }) => {
    for (let i = 0; i < 5; i++) {
      await app.gql('mutation { login(username: "daping", password: "wrong-password") { accessToken } }');
    }
    const admin = await app.as('admin');
    const before = await admin.gql<{ users: { edges: Array<{ node: UserNode }> } }>(USER, { s: 'daping' });
    expect(before.users.edges[0].node.signInLockedUntil).not.toBeNull();

    await signInAs('admin');
    await page.goto('/admin/users');
    const row = page.getByRole('row', { name: /daping/ });
    await expect(row).toContainText('锁定至');
    await row.getByRole('button', { name: '解锁' }).click();
    await expect(page.getByText('已解除 daping 的锁定')).toBeVisible();
    await expect(row).not.toContainText('锁定至');
    const after = await admin.gql<{ users: { edges: Array<{ node: UserNode }> } }>(USER, { s: 'daping' });
    expect(after.users.edges[0].node.signInLockedUntil).toBeNull();
    await expect(app.login('daping')).resolves.toHaveProperty('accessToken');
  });

  test('adds a village to a township', async ({ page, app, signInAs }) => {
    await signInAs('admin');
    await page.goto('/admin/regions');
    await expect(page).toHaveTitle('区域管理 - 扶贫项目资产管理系统');
    await expectAccessible(page);
    await page.getByRole('button', { name: '新增区域' }).click();
    const dialog = page.getByRole('dialog', { name: '新增区域' });
    await chooseOption(page, '上级区域', '龙驹镇（500101151）', dialog);
    await dialog.getByLabel('区划代码').fill('500101152299');
    await dialog.getByLabel('名称').fill('示例村');
    await dialog.getByRole('button', { name: '新增' }).click();
    await expect(dialog.getByText('区划代码须以上级代码开头，乡镇 9 位、村 12 位')).toBeVisible();
    await dialog.getByLabel('区划代码').fill('500101151299');
    await dialog.getByRole('button', { name: '新增' }).click();
    await expect(page.getByText('已新增 示例村')).toBeVisible();

    const row = page.getByRole('row', { name: /龙驹镇/ });
    await row.getByRole('button', { name: /展开/ }).click();
    await expect(page.getByRole('cell', { name: '示例村', exact: true })).toBeVisible();
    // On a phone the names and codes stay whole (地宝土家族乡, not a character a line): the table scrolls.
    await page.setViewportSize(WIDTHS.phone);
    const townships = page.getByRole('table').first();
    await expect(townships.getByRole('cell', { name: '地宝土家族乡', exact: true })).toBeVisible();
    await expectOnOneLine(townships.getByRole('columnheader'));
    await expectOnOneLine(townships.getByRole('cell', { name: /^(\d{9}|\d{12}|\S+(乡|镇|街道|村|社区))$/ }));
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(WIDTHS.phone.width);
    await page.setViewportSize(WIDTHS.desktop);
    const { region } = await (
      await app.as('admin')
    ).gql<{ region: { name: string; level: string; parentCode: string } }>(
      '{ region(code: "500101151299") { name level parentCode } }',
    );
    expect(region).toEqual({ name: '示例村', level: 'VILLAGE', parentCode: '500101151' });
  });

  test('renames a village and retires another merged into it, each after a confirmation', async ({
    page,
    app,
    signInAs,
  }) => {
    // Two villages of their own, so that no other test depends on them.
    const admin = await app.as('admin');
    await admin.gql(
      'mutation { a: createRegion(code: "500101151297", name: "测试甲村", parentCode: "500101151") { code } b: createRegion(code: "500101151298", name: "测试乙村", parentCode: "500101151") { code } }',
    );
    type RegionNode = { name: string; retiredOn: string | null; mergedInto: string | null };
    const region = async (code: string) =>
      (await admin.gql<{ region: RegionNode }>(`{ region(code: "${code}") { name retiredOn mergedInto } }`))
        .region;

    await signInAs('admin');
    await page.goto('/admin/regions');
    await page
      .getByRole('row', { name: /龙驹镇/ })
      .getByRole('button', { name: /展开/ })
      .click();
    await expect(page.getByRole('cell', { name: '测试甲村', exact: true })).toBeVisible();
    await expectAccessible(page);

    // Rename: the same name is refused beside the field; a new one after the confirmation.
    await page.getByRole('button', { name: '重命名 测试甲村' }).click();
    const rename = page.getByRole('dialog', { name: '重命名 测试甲村' });
    await rename.getByRole('button', { name: '保存' }).click();
    await expect(rename.getByText('新名称与原名称相同')).toBeVisible();
    await rename.getByLabel('新名称').fill('测试新村');
    await rename.getByRole('button', { name: '保存' }).click();
    const confirmRename = page.getByRole('dialog', { name: '确认重命名' });
    await expect(confirmRename).toContainText('将「测试甲村」更名为「测试新村」');
    await expectAccessible(page);
    await confirmRename.getByRole('button', { name: '确认重命名' }).click();
    await expect(page.getByText('已更名为 测试新村')).toBeVisible();
    await expect(page.getByRole('cell', { name: '测试新村', exact: true })).toBeVisible();
    expect((await region('500101151297')).name).toBe('测试新村');

    // Retire: a date in the future is refused by the API and nothing changes; then merged into 测试新村.
    await page.getByRole('button', { name: '撤销 测试乙村' }).click();
    const retire = page.getByRole('dialog', { name: '撤销 测试乙村' });
    await chooseOption(page, '并入村（社区）', '测试新村（500101151297）', retire);
    await fillDate(retire, '撤销日期', '2099-01-01');
    await retire.getByRole('button', { name: '撤销', exact: true }).click();
    const confirmRetire = page.getByRole('dialog', { name: '确认撤销' });
    await expect(confirmRetire).toContainText('撤销「测试乙村」并入「测试新村」');
    await confirmRetire.getByRole('button', { name: '确认撤销' }).click();
    await expect(retire.getByRole('alert')).toContainText('撤销日期不能晚于今天');
    expect((await region('500101151298')).retiredOn).toBeNull();

    await retire.getByRole('button', { name: '取消' }).click();
    await expect(retire).toBeHidden();
    await page.getByRole('button', { name: '撤销 测试乙村' }).click();
    await chooseOption(page, '并入村（社区）', '测试新村（500101151297）', retire);
    await retire.getByRole('button', { name: '撤销', exact: true }).click();
    await confirmRetire.getByRole('button', { name: '确认撤销' }).click();
    await expect(page.getByText('已撤销 测试乙村')).toBeVisible();
    await expect(page.getByRole('row', { name: /测试乙村/ }).last()).toContainText('并入 测试新村');
    await expect(page.getByRole('button', { name: '撤销 测试乙村' })).toHaveCount(0);
    await expectAccessible(page);
    const retired = await region('500101151298');
    expect(retired.retiredOn).not.toBeNull();
    expect(retired.mergedInto).toBe('500101151297');
  });

  test('adds an asset category and retires it', async ({ page, app, signInAs }) => {
    await signInAs('admin');
    await page.goto('/admin/categories');
    await expect(page).toHaveTitle('资产分类 - 扶贫项目资产管理系统');
    await page.getByRole('button', { name: '新增分类' }).click();
    const dialog = page.getByRole('dialog', { name: '新增分类' });
    await dialog.getByLabel('代码').fill('cold');
    await dialog.getByLabel('名称').fill('冷库');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByText(/代码须为 2–32 位大写字母开头/)).toBeVisible();
    await dialog.getByLabel('代码').fill('COLD_STORAGE');
    await dialog.getByLabel('排序').fill('99');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('已新增分类 冷库')).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: '编辑 冷库' }).click();
    const edit = page.getByRole('dialog', { name: '编辑分类' });
    await edit.getByRole('switch', { name: '启用' }).click();
    await edit.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('已保存分类 冷库')).toBeVisible();
    await expect(page.getByRole('row', { name: /冷库/ })).toContainText('停用');
    const { assetCategories } = await (
      await app.as('admin')
    ).gql<{
      assetCategories: Array<{ code: string; name: string; active: boolean; sortOrder: number }>;
    }>('{ assetCategories(includeInactive: true) { code name active sortOrder } }');
    expect(assetCategories.find((c) => c.code === 'COLD_STORAGE')).toEqual({
      code: 'COLD_STORAGE',
      name: '冷库',
      active: false,
      sortOrder: 99,
    });
  });
});
