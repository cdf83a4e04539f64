import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
import { saveDocScreenshot } from './support/screenshots';

useConsoleApp();

const ROLES = [
  { username: 'wutong', name: '梧桐村 张会计', role: '村级经办' },
  { username: 'longju', name: '龙驹镇 陈干事', role: '乡镇干部' },
  { username: 'district', name: '区乡村振兴局 李督', role: '区级监管' },
  { username: 'auditor', name: '区审计员 王审', role: '审计人员' },
  { username: 'admin', name: '系统管理员', role: '系统管理员' },
] as const;

test.describe('首页', () => {
  for (const who of ROLES) {
    test(`${who.role} sees their home page (screenshot for docs/console.md)`, async ({ page, signInAs }) => {
      await signInAs(who.username);
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1, name: '首页' })).toBeVisible();
      await expect(page).toHaveTitle('首页 - 扶贫项目资产管理系统');
      await expect(page.getByRole('button', { name: new RegExp(`当前用户 ${who.name}`) })).toBeVisible();
      await expectAccessible(page);
      await saveDocScreenshot(page, `home-${who.username}`);
    });
  }

  test('works on a phone: the menu opens from the header', async ({ page, signInAs }) => {
    await page.setViewportSize(WIDTHS.phone);
    await signInAs('wutong');
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: '首页' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: '打开菜单' }).click();
    await expect(
      page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '首页' }),
    ).toBeVisible();
    await expectAccessible(page);
    await saveDocScreenshot(page, 'home-wutong-phone');
  });
});
