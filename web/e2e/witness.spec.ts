import type { Browser, Page } from '@playwright/test';
import type { ConsoleApp } from './support/console-app';
import { expect, expectAccessible, test, useConsoleApp } from './support/fixtures';
import { openFromMenu } from './support/ui';

useConsoleApp();

interface Witness {
  id: string;
  name: string;
  status: string;
}
interface Latest {
  latestCheckpoint: {
    treeSize: number;
    witnessing: { cosignatures: Array<{ witnessName: string; line: string }> };
  };
}
const ADD_CHECKPOINT = /\/ledger\/witness\/add-checkpoint\?old=/;
const LATEST = '{ latestCheckpoint { treeSize witnessing { cosignatures { witnessName line } } } }';

/** A second browser context signed in as someone else (the witness key stays in the first one's IndexedDB). */
async function pageAs(browser: Browser, app: ConsoleApp, username: string): Promise<Page> {
  const session = await app.login(username);
  const context = await browser.newContext({ baseURL: app.url });
  await context.addInitScript((value) => {
    window.localStorage.setItem('asset-registry.session', value);
  }, JSON.stringify(session));
  return context.newPage();
}

/** Something new on the ledger, and a checkpoint over it. */
async function newCheckpoint(app: ConsoleApp, code: string): Promise<number> {
  await (
    await app.as('admin')
  ).gql(
    'mutation($c: String!) { createRegion(code: $c, name: "见证测试村", parentCode: "500101151") { code } }',
    { c: code },
  );
  const made = await (
    await app.as('district')
  ).gql<{ createCheckpoint: { treeSize: number } }>('mutation { createCheckpoint { treeSize } }');
  return made.createCheckpoint.treeSize;
}

test.describe('本机见证', () => {
  test('a township officer makes a witness key in the browser, the admin approves it, the browser cosigns and refuses a rewritten history', async ({
    page,
    app,
    browser,
    signInAs,
  }) => {
    test.slow(); // three people, two browsers, a rewrite and a second cosigning
    const auditor = await app.as('auditor');
    const name = 'longju.browser-witness/2026';

    // 1. The officer makes the key in the browser and registers its public key.
    await signInAs('longju');
    await page.goto('/');
    await openFromMenu(page, '本机见证');
    await expect(page).toHaveTitle('本机见证 - 扶贫项目资产管理系统', { timeout: 30_000 });
    await page.getByLabel('密钥名称').fill(name);
    await page.getByRole('button', { name: '生成见证密钥' }).click();
    const vkey = page.getByText(new RegExp(`^${name.replace(/[.+/]/g, '\\$&')}\\+[0-9a-f]{8}\\+`));
    await expect(vkey).toBeVisible();
    const verifierKey = (await vkey.textContent())!.trim();
    expect(verifierKey).toMatch(/\+B[A-P][A-Za-z0-9+/]{42}$/); // base64 of 0x04 ‖ key: a cosignature/v1 vkey
    // The private key cannot be read out of the browser.
    const extractable = await page.evaluate(
      () =>
        new Promise<boolean>((resolve, reject) => {
          const req = indexedDB.open('asset-registry-witness');
          req.onsuccess = () => {
            const all = req.result.transaction('witness').objectStore('witness').getAll();
            all.onsuccess = () =>
              resolve((all.result[0] as { privateKey: CryptoKey }).privateKey.extractable);
          };
          req.onerror = () => reject(req.error);
        }),
    );
    expect(extractable).toBe(false);
    await page.getByRole('button', { name: '登记公钥' }).click();
    await expect(page.getByText('待批准')).toBeVisible();
    await expect(page.getByRole('button', { name: '联署最新检查点' })).toBeDisabled();
    await expectAccessible(page);
    const { witnesses } = await auditor.gql<{ witnesses: Array<Witness & { verifierKey: string }> }>(
      '{ witnesses { id name status verifierKey } }',
    );
    const registered = witnesses.find((w) => w.name === name)!;
    expect(registered).toMatchObject({ status: 'PENDING', verifierKey });

    // 2. The admin approves it in the console.
    const adminPage = await pageAs(browser, app, 'admin');
    await adminPage.goto('/ledger/witnesses');
    await expect(adminPage.getByRole('heading', { level: 1, name: '见证人' })).toBeVisible();
    const row = adminPage.getByRole('row', { name: new RegExp(name.replace(/[.+/]/g, '\\$&')) });
    await expect(row).toContainText('待批准');
    await expectAccessible(adminPage);
    await row.getByRole('button', { name: '批准' }).click();
    await adminPage.getByRole('button', { name: '批准', exact: true }).last().click();
    await expect(row).toContainText('已启用');
    await adminPage.context().close();
    const approved = await auditor.gql<{ witnesses: Witness[] }>('{ witnesses { id name status } }');
    expect(approved.witnesses.find((w) => w.name === name)!.status).toBe('ACTIVE');

    // 3. The browser cosigns the newest checkpoint after checking it.
    const size = await newCheckpoint(app, '500101151290');
    await page.reload();
    await page.getByRole('button', { name: '联署最新检查点' }).click();
    await expect(page.getByText(`已核对并联署规模为 ${size} 的检查点`)).toBeVisible();
    await expect(page.getByText(new RegExp(`^规模 ${size}，`))).toBeVisible();
    const after = await auditor.gql<Latest>(LATEST);
    expect(after.latestCheckpoint.treeSize).toBe(size);
    const mine = after.latestCheckpoint.witnessing.cosignatures.find((c) => c.witnessName === name);
    expect(mine?.line).toMatch(new RegExp(`^— ${name.replace(/[.+/]/g, '\\$&')} `));

    // 4. Next time, from what it cosigned: a proof that does not lead from its checkpoint is refused.
    const next = await newCheckpoint(app, '500101151291');
    await page.route(ADD_CHECKPOINT, async (route) => {
      const response = await route.fetch();
      const lines = (await response.text()).split('\n');
      expect(lines[0]).toBe(`old ${size}`);
      const raw = Buffer.from(lines[1], 'base64');
      raw[0] ^= 1;
      lines[1] = raw.toString('base64');
      await route.fulfill({ response, body: lines.join('\n') });
    });
    await page.getByRole('button', { name: '联署最新检查点' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: '拒绝联署' });
    await expect(refusal).toContainText(`与此前联署的检查点（规模 ${size}`);
    await expect(refusal).toContainText('已向服务器报告');
    await expectAccessible(page);
    const still = await auditor.gql<Latest>(LATEST);
    expect(still.latestCheckpoint.treeSize).toBe(next);
    expect(still.latestCheckpoint.witnessing.cosignatures.map((c) => c.witnessName)).not.toContain(name);

    // 5. The district supervisor's home page shows the refusal, with the reason the witness gave.
    const district = await pageAs(browser, app, 'district');
    await district.goto('/');
    const flags = district.getByRole('region', { name: /^风险预警/ });
    const item = flags.getByRole('listitem').filter({ hasText: name });
    await expect(item).toContainText('见证人拒绝联署');
    await expect(item).toContainText(`拒绝联署规模 ${next} 的检查点（状态 422）`);
    await expectAccessible(district);
    await district.context().close();

    // 6. Without the tampering, the witness cosigns the same checkpoint: the log was consistent after all.
    await page.unroute(ADD_CHECKPOINT);
    await page.getByRole('button', { name: '联署最新检查点' }).click();
    await expect(page.getByText(`已核对并联署规模为 ${next} 的检查点`)).toBeVisible();
    const last = await auditor.gql<Latest>(LATEST);
    expect(last.latestCheckpoint.witnessing.cosignatures.map((c) => c.witnessName)).toContain(name);
  });
});
