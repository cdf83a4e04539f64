import { expect, expectAccessible, test, useConsoleApp } from './support/fixtures';
import { userMenu } from './support/ui';

useConsoleApp();

const NEW_PASSWORD = 'wutong-new-password-2026';

test.describe('登录、修改密码、退出', () => {
  test('a wrong password is refused in Chinese, the right one opens the home page', async ({
    page,
    app,
  }, testInfo) => {
    // The bundle budget, as the browser sees it: JavaScript bytes on the wire until the form is usable.
    const scripts: Array<Promise<number>> = [];
    page.on('response', (res) => {
      if (res.url().endsWith('.js'))
        scripts.push(res.headerValue('content-length').then((v) => Number(v ?? 0)));
    });
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('button', { name: '登录' })).toBeEnabled();
    const jsBytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
    testInfo.annotations.push({ type: 'sign-in JavaScript (gzip, bytes)', description: String(jsBytes) });
    process.stdout.write(`[browser] the sign-in page loaded ${jsBytes} bytes of gzipped JavaScript\n`);
    expect(jsBytes).toBeGreaterThan(0);
    expect(jsBytes).toBeLessThanOrEqual(600 * 1000);
    await expect(page).toHaveTitle('登录 - 扶贫项目资产管理系统');
    await expectAccessible(page);

    await page.getByLabel('用户名').fill('wutong');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');
    await expectAccessible(page);

    await page.getByLabel('密码').fill(app.demoPassword);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '首页' })).toBeVisible();
    await expect(page).toHaveTitle('首页 - 扶贫项目资产管理系统');
    await expect(page.getByRole('button', { name: /当前用户 梧桐村 张会计/ })).toBeVisible();
  });

  test('an account locked after repeated failures says so in Chinese', async ({ page, app }) => {
    await page.goto('/login');
    await page.getByLabel('用户名').fill('yuhe');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByLabel('密码').fill(`wrong-${attempt}`);
      await page.getByRole('button', { name: '登录' }).click();
      await expect(page.getByRole('alert')).toHaveText(
        attempt < 5 ? '用户名或密码错误' : /账号已锁定至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/,
      );
    }
    // Even the right password is refused while the lock holds.
    await page.getByLabel('密码').fill(app.demoPassword);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert')).toContainText('登录失败次数过多，账号已锁定');
    await expect(page).toHaveURL(/\/login$/);

    const admin = await app.as('admin');
    const { users } = await admin.gql<{
      users: { edges: Array<{ node: { signInLockedUntil: string | null } }> };
    }>('{ users(filter: { search: "yuhe" }) { edges { node { signInLockedUntil } } } }');
    expect(Date.parse(users.edges[0].node.signInLockedUntil!)).toBeGreaterThan(Date.now());
  });

  test('changes the password, which then is the only one that works, and signs out', async ({
    page,
    app,
  }) => {
    await page.goto('/login');
    await page.getByLabel('用户名').fill('wutong');
    await page.getByLabel('密码').fill(app.demoPassword);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '首页' })).toBeVisible();

    await userMenu(page, '修改密码');
    await expect(page).toHaveTitle('修改密码 - 扶贫项目资产管理系统');
    await page.getByLabel('当前密码').fill('not-my-password');
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码').fill(NEW_PASSWORD.replace('2026', '2025'));
    await page.getByRole('button', { name: '修改密码' }).click();
    await expect(page.getByText('两次输入的新密码不一致')).toBeVisible();
    await page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '修改密码' }).click();
    await expect(page.getByText('当前密码不正确')).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel('当前密码').fill(app.demoPassword);
    await page.getByRole('button', { name: '修改密码' }).click();
    await expect(page.getByText('密码已修改')).toBeVisible();
    // The session goes on with the new token.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: '修改密码' })).toBeVisible();

    const old = await app.gql(
      'mutation($p: String!) { login(username: "wutong", password: $p) { accessToken } }',
      {
        p: app.demoPassword,
      },
    );
    expect(old.errors?.[0].extensions.reason).toBe('INVALID_CREDENTIALS');
    await expect(app.login('wutong', NEW_PASSWORD)).resolves.toHaveProperty('accessToken');

    await userMenu(page, '退出登录');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
    expect(await page.evaluate(() => window.localStorage.getItem('asset-registry.session'))).toBeNull();
    await page.goto('/assets');
    await expect(page).toHaveURL(/\/login$/);
  });
});
