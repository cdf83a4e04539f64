import { expect, expectAccessible, test, useConsoleApp } from './support/fixtures';

useConsoleApp();

test.describe('登录、修改密码、退出', () => {
  test('a wrong password is refused in Chinese, the right one opens the home page', async ({ page, app }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page).toHaveTitle('登录 - 扶贫项目资产管理系统');
    await expectAccessible(page);

    await page.getByLabel('用户名').fill('wutong');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');

    await page.getByLabel('密码').fill(app.demoPassword);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '首页' })).toBeVisible();
    await expect(page).toHaveTitle('首页 - 扶贫项目资产管理系统');
    await expect(page.getByRole('button', { name: /当前用户 梧桐村 张会计/ })).toBeVisible();
    await expectAccessible(page);
  });
});
