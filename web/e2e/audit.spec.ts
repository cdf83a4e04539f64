import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { expect, expectAccessible, test, useConsoleApp } from './support/fixtures';
import { chooseOption, openFromMenu } from './support/ui';

useConsoleApp();

interface Page {
  assets: {
    totalCount: number;
    edges: Array<{ node: { id: string; code: string; name: string; status: string } }>;
  };
}
const SEARCH =
  'query($f: AssetFilter) { assets(filter: $f, first: 20) { totalCount edges { node { id code name status } } } }';

test.describe('资产查询', () => {
  test('an auditor searches the register with the filters and sees an asset as it stood on a past day', async ({
    page,
    app,
    signInAs,
  }) => {
    const auditor = await app.as('auditor');
    const all = await auditor.gql<Page>(SEARCH, {});
    await signInAs('auditor');
    await page.goto('/');
    await openFromMenu(page, '资产查询');
    await expect(page).toHaveTitle('资产查询 - 扶贫项目资产管理系统', { timeout: 30_000 });
    await expect(page.getByText(`共 ${all.assets.totalCount} 项`)).toBeVisible();
    await expectAccessible(page);

    // Several filters together, each as the API reads it.
    const filter = { class: ['OPERATING'], form: ['FIXED'], valueFrom: '100000', yearFrom: 2016 };
    const some = await auditor.gql<Page>(SEARCH, { f: filter });
    expect(some.assets.totalCount).toBeLessThan(all.assets.totalCount);
    await chooseOption(page, '资产类型', '经营性资产');
    await page.keyboard.press('Escape');
    await chooseOption(page, '资产形态', '固定资产');
    await page.keyboard.press('Escape');
    await page.getByLabel('原值不低于（元）').fill('100000');
    await page.getByLabel('项目年度从').fill('2016');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByText(`共 ${some.assets.totalCount} 项`)).toBeVisible();
    for (const row of some.assets.edges.slice(0, 5))
      await expect(page.getByRole('link', { name: row.node.code })).toBeVisible();

    // A wrong amount is refused in the form, in Chinese.
    await page.getByLabel('原值不高于（元）').fill('12.345');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByText('请输入金额，如 12345.67')).toBeVisible();
    await page.getByLabel('原值不高于（元）').fill('');

    // An asset on the day before its register entry existed is not found; today it is as the API says.
    const asset = some.assets.edges[0].node;
    const { asset: today } = await auditor.gql<{ asset: { name: string; status: string } }>(
      'query($id: ID!, $t: DateTime) { asset(id: $id, asOf: $t) { name status } }',
      { id: asset.id, t: new Date().toISOString() },
    );
    await page.getByRole('button', { name: `查看 ${asset.code} 的历史状态` }).click();
    const drawer = page.getByRole('dialog', { name: `${asset.name} 的历史状态` });
    await expect(drawer).toContainText(today.name);
    await expect(drawer).toContainText('日终');
    await expectAccessible(page);
    await drawer.getByLabel('截至日期').fill('2000-01-01');
    await expect(drawer.getByRole('alert')).toBeVisible();
  });

  test('an auditor filters on any project of the district, found on the server by part of its code', async ({
    page,
    app,
    signInAs,
  }) => {
    const auditor = await app.as('auditor');
    const { projects } = await auditor.gql<{
      projects: { totalCount: number; edges: Array<{ node: { id: string; code: string; name: string } }> };
    }>('{ projects(first: 200) { totalCount edges { node { id code name } } } }');
    // The select offers 20 projects before anything is typed: the last of the district is not among them.
    expect(projects.totalCount).toBeGreaterThan(20);
    const last = projects.edges[projects.edges.length - 1].node;
    const ofLast = await auditor.gql<Page>(SEARCH, { f: { projectId: last.id } });
    expect(ofLast.assets.totalCount).toBeGreaterThan(0);

    await signInAs('auditor');
    await page.goto('/audit/assets');
    const box = page.getByLabel('项目', { exact: true });
    await box.click();
    const offered = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    await expect(offered.getByTitle(projects.edges[0].node.code)).toBeVisible();
    await expect(offered.getByTitle(last.code)).toHaveCount(0);
    await box.fill(last.code.slice(-8));
    await offered.getByTitle(`${last.code} ${last.name}`).click();
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByText(`共 ${ofLast.assets.totalCount} 项`)).toBeVisible();
    for (const row of ofLast.assets.edges.slice(0, 5))
      await expect(page.getByRole('link', { name: row.node.code })).toBeVisible();
  });

  test("an auditor downloads a village's evidence as one ZIP from the search filtered on it", async ({
    page,
    signInAs,
  }) => {
    await signInAs('auditor');
    await page.goto('/');
    await openFromMenu(page, '资产查询');
    await page.getByLabel('所在区域（区划代码）').fill('500101151201');
    await page.getByRole('button', { name: '查询' }).click();
    const button = page.getByRole('button', { name: /^download 下载.*的全部证明材料（ZIP）$/ });
    await expect(button).toBeVisible();
    await expectAccessible(page);
    const download = page.waitForEvent('download');
    await button.click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('证明材料-500101151201.zip');
    const zip = await JSZip.loadAsync(await readFile((await file.path())!));
    const manifest = (await zip.file('清单.csv')!.async('string'))
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(manifest[0]).toMatch(/^文件编号,包内路径,原文件名,类型,字节数,SHA-256,所属区域,/);
    expect(manifest.length).toBeGreaterThan(1);
    for (const line of manifest.slice(1)) {
      const [, path, , , , , region] = line.split(',');
      expect(region.startsWith('500101151201')).toBe(true);
      expect(zip.file(path)).not.toBeNull();
    }
  });
});
