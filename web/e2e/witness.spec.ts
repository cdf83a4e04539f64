import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { addLog, initWitness, openWitness, serveWitness } from '../../src/ledger/cli/witness-cli';
import { generateCosigner } from '../../src/ledger/note/cosignature';
import type { ConsoleApp } from './support/console-app';
import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
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
    // The witness's reason as it sent it, labelled as its own words.
    await expect(item).toContainText(`拒绝联署规模 ${next} 的检查点（状态 422），见证人原文：“`);
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

interface PushResult {
  witnessName: string;
  status: number;
  outcome: string;
  message: string;
}
const REQUEST = 'mutation { requestCosignatures { witnessName status outcome message } }';
const escape = (s: string) => s.replace(/[.+/]/g, '\\$&');

/** Registers a witness that answers at `url` (as the district) and approves it (as the admin). */
async function witnessAt(app: ConsoleApp, verifierKey: string, url: string): Promise<string> {
  const { registerWitness } = await (
    await app.as('district')
  ).gql<{ registerWitness: { id: string } }>(
    'mutation($k: String!, $u: String!) { registerWitness(input: { verifierKey: $k, url: $u }) { id } }',
    { k: verifierKey, u: url },
  );
  await (
    await app.as('admin')
  ).gql('mutation($id: ID!) { approveWitness(id: $id) { status } }', { id: registerWitness.id });
  return registerWitness.id;
}

test.describe('见证人管理', () => {
  test('the admin asks the witnesses to cosign now, changes the witness policy and revokes a witness', async ({
    page,
    app,
    signInAs,
  }) => {
    test.slow(); // a witness server, two refusals and a revocation
    const admin = await app.as('admin');
    const district = await app.as('district');

    // 1. The demo's witnesses pull (no URL): asking now sends nothing, and the page says so.
    await signInAs('admin');
    await page.goto('/ledger/witnesses');
    await expect(page.getByRole('heading', { level: 1, name: '见证人' })).toBeVisible();
    await expect(page.getByText(/^见证策略第 1 版：3 个见证人中至少 2 个联署/)).toBeVisible();
    await page.getByRole('button', { name: '立即请求联署' }).click();
    await expect(page.getByText('没有向任何见证人推送')).toBeVisible();
    await expectAccessible(page);
    expect((await district.gql<{ requestCosignatures: PushResult[] }>(REQUEST)).requestCosignatures).toEqual(
      [],
    );

    // 2. Two witnesses that answer at a URL: a real one (the witness CLI's server) and one nobody answers at.
    const pushedName = 'push.wanzhou.example/witness';
    const offlineName = 'offline.wanzhou.example/witness';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-witness-'));
    const { latestCheckpoint } = await admin.gql<{ latestCheckpoint: { verifierKey: string } }>(
      '{ latestCheckpoint { verifierKey } }',
    );
    const { verifierKey } = initWitness(dir, pushedName);
    addLog(dir, latestCheckpoint.verifierKey);
    const server = serveWitness(openWitness(dir));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const pushedId = await witnessAt(
        app,
        verifierKey,
        `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      );
      const offlineId = await witnessAt(app, generateCosigner(offlineName).verifierKey, 'http://127.0.0.1:9');

      // On a phone: each witness's answer in Chinese, the page does not scroll sideways.
      await page.setViewportSize(WIDTHS.phone);
      await page.reload();
      await page.getByRole('button', { name: '立即请求联署' }).click();
      await expect(page.getByText('已向 2 个见证人推送最新检查点，1 个已联署')).toBeVisible();
      const answers = page.getByRole('list', { name: /已向 2 个见证人推送/ });
      await expect(answers.getByRole('listitem').filter({ hasText: pushedName })).toContainText('已联署');
      const offline = answers.getByRole('listitem').filter({ hasText: offlineName });
      await expect(offline).toContainText('未能连接');
      await expect(offline).toContainText('推送地址无法访问或 10 秒内没有应答');
      await expect
        .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
        .toBeLessThanOrEqual(WIDTHS.phone.width);
      await expectAccessible(page);
      const cosigned = await admin.gql<Latest>(LATEST);
      expect(cosigned.latestCheckpoint.witnessing.cosignatures.map((c) => c.witnessName)).toContain(
        pushedName,
      );
      await expect(page.getByRole('row', { name: new RegExp(escape(pushedName)) })).toContainText(
        `规模 ${cosigned.latestCheckpoint.treeSize}，`,
      );
      // What the API answers now: the witness that cosigned is not asked again, the other is not reached.
      const again = await district.gql<{ requestCosignatures: PushResult[] }>(REQUEST);
      expect(again.requestCosignatures).toEqual([
        {
          witnessName: offlineName,
          status: 0,
          outcome: 'NOT_REACHED',
          message: expect.stringMatching(/^未能连接：推送地址无法访问或 10 秒内没有应答（“.+”）$/),
        },
      ]);
      await page.setViewportSize(WIDTHS.desktop);

      // 3. The policy: more witnesses than chosen is refused on the field; a witness revoked meanwhile by the API.
      await page.getByRole('button', { name: '修改见证策略' }).click();
      const dialog = page.getByRole('dialog', { name: '修改见证策略' });
      await expect(dialog).toContainText('保存为第 2 版后');
      await dialog.getByRole('checkbox', { name: pushedName }).check();
      await dialog.getByRole('checkbox', { name: offlineName }).check();
      await dialog.getByLabel('至少联署的见证人数').fill('6');
      await dialog.getByRole('button', { name: '保存为新版本' }).click();
      await expect(dialog.getByText('至少联署的见证人数须在 1 到 5 之间')).toBeVisible();
      await dialog.getByLabel('至少联署的见证人数').fill('3');
      await expectAccessible(page);
      await admin.gql('mutation($id: ID!) { revokeWitness(id: $id, reason: "离线已久") { status } }', {
        id: offlineId,
      });
      await dialog.getByRole('button', { name: '保存为新版本' }).click();
      await expect(page.getByText(`以下见证人未生效：${offlineName}`).first()).toBeVisible();
      await dialog.getByRole('checkbox', { name: offlineName }).uncheck();
      await dialog.getByRole('button', { name: '保存为新版本' }).click();
      await expect(page.getByText('见证策略已保存为第 2 版')).toBeVisible();
      await expect(page.getByText(/^见证策略第 2 版：4 个见证人中至少 3 个联署/)).toBeVisible();
      const { witnessPolicy } = await district.gql<{
        witnessPolicy: { version: number; quorum: number; witnesses: Array<{ name: string }> };
      }>('{ witnessPolicy { version quorum witnesses { name } } }');
      expect(witnessPolicy.version).toBe(2);
      expect(witnessPolicy.quorum).toBe(3);
      expect(witnessPolicy.witnesses.map((w) => w.name)).toContain(pushedName);
      expect(witnessPolicy.witnesses.map((w) => w.name)).not.toContain(offlineName);

      // 4. Revoking takes a reason, after a warning that the witness is in the policy.
      const row = page.getByRole('row', { name: new RegExp(escape(pushedName)) });
      await row.getByRole('button', { name: '撤销' }).click();
      const revoke = page.getByRole('dialog', { name: '撤销见证人' });
      await expect(revoke).toContainText('它在现行见证策略中');
      await revoke.getByRole('button', { name: '撤销' }).click();
      await expect(revoke.getByText('请填写撤销原因')).toBeVisible();
      await revoke.getByLabel('撤销原因').fill('密钥所在电脑已报废');
      await expectAccessible(page);
      await revoke.getByRole('button', { name: '撤销' }).click();
      await expect(page.getByText(`已撤销见证人 ${pushedName}`)).toBeVisible();
      await expect(row).toContainText('已撤销');
      await expect(row).toContainText('密钥所在电脑已报废');
      await expect(row.getByRole('button', { name: '撤销' })).toHaveCount(0);
      await expect(page.getByRole('row', { name: new RegExp(escape(offlineName)) })).toContainText(
        '离线已久',
      );
      const { witnesses } = await admin.gql<{
        witnesses: Array<{ id: string; status: string; revokeReason: string | null }>;
      }>('{ witnesses { id status revokeReason } }');
      expect(witnesses.find((w) => w.id === pushedId)).toMatchObject({
        status: 'REVOKED',
        revokeReason: '密钥所在电脑已报废',
      });
    } finally {
      await new Promise((r) => server.close(r));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the district supervisor signs a checkpoint now and sets the policy but revokes nothing; an auditor only reads', async ({
    page,
    app,
    signInAs,
  }) => {
    const auditor = await app.as('auditor');
    await (
      await app.as('admin')
    ).gql(
      'mutation($c: String!) { createRegion(code: $c, name: "检查点测试村", parentCode: "500101151") { code } }',
      { c: '500101151292' },
    );

    await signInAs('district');
    await page.goto('/ledger');
    await page.getByRole('tab', { name: '检查点' }).click();
    await page.getByRole('button', { name: '立即签署检查点' }).click();
    await page.getByRole('button', { name: '签署', exact: true }).click();
    const signed = page.getByText(/^已签署规模为 \d+ 的检查点$/);
    await expect(signed).toBeVisible();
    const size = Number((await signed.textContent())!.match(/\d+/)![0]);
    const { latestCheckpoint } = await auditor.gql<Latest>(LATEST);
    expect(latestCheckpoint.treeSize).toBe(size);
    await expect(page.getByRole('tabpanel', { name: '检查点' })).toContainText(`${size} 条`);
    await expectAccessible(page);

    await page.goto('/ledger/witnesses');
    await expect(page.getByRole('button', { name: '修改见证策略' })).toBeVisible();
    await expect(page.getByRole('button', { name: '立即请求联署' })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: '密钥名称' })).toBeVisible();
    await expect(page.getByRole('button', { name: '撤销' })).toHaveCount(0);
    await expect(page.getByRole('columnheader', { name: '操作' })).toHaveCount(0);

    await signInAs('auditor');
    await page.goto('/ledger/witnesses');
    await expect(page.getByText(/^见证策略第 \d+ 版：/)).toBeVisible();
    await expect(page.getByRole('list', { name: '计入策略的见证人' }).getByRole('listitem')).not.toHaveCount(
      0,
    );
    await expect(page.getByRole('button', { name: '修改见证策略' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '立即请求联署' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '撤销' })).toHaveCount(0);
    await page.goto('/ledger');
    await page.getByRole('tab', { name: '检查点' }).click();
    await expect(page.getByText('最新检查点')).toBeVisible();
    await expect(page.getByRole('button', { name: '立即签署检查点' })).toHaveCount(0);
    // Nor would the API sign one for an auditor.
    const refused = await app.gql(
      'mutation { createCheckpoint { treeSize } }',
      {},
      (await app.login('auditor')).accessToken,
    );
    expect(refused.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});
