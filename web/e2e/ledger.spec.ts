import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { expect, expectAccessible, test, useConsoleApp } from './support/fixtures';
import { chooseOption, expectPhrasesOnOneLine, openFromMenu, tamperWith } from './support/ui';

useConsoleApp();

interface AssetList {
  assets: { edges: Array<{ node: { id: string; code: string; name: string } }> };
}

/** An asset of the demo district and its ledger entries, with a checkpoint covering them. */
async function assetWithHistory(app: import('./support/console-app').ConsoleApp) {
  const auditor = await app.as('auditor');
  const { assets } = await auditor.gql<AssetList>(
    '{ assets(filter: { text: "光伏" }, first: 1) { edges { node { id code name } } } }',
  );
  const asset = assets.edges[0].node;
  await (await app.as('district')).gql('mutation { createCheckpoint { treeSize } }');
  const { history, latestCheckpoint } = await auditor.gql<{
    history: Array<{ index: number }>;
    latestCheckpoint: { treeSize: number };
  }>(
    'query($id: String!) { history(entityType: "Asset", entityId: $id) { index } latestCheckpoint { treeSize } }',
    { id: asset.id },
  );
  expect(history.length).toBeGreaterThan(0);
  expect(Math.max(...history.map((h) => h.index))).toBeLessThan(latestCheckpoint.treeSize);
  return { asset, history };
}

test.describe('账本验证', () => {
  test("an auditor sees an asset's history verified by the browser itself", async ({
    page,
    app,
    signInAs,
  }) => {
    const { asset, history } = await assetWithHistory(app);
    const proofs: number[] = [];
    page.on('request', (req) => {
      const body = req.method() === 'POST' && req.url().endsWith('/graphql') ? req.postDataJSON() : null;
      if (body?.operationName === 'LedgerInclusionProof')
        proofs.push((body.variables as { index: number }).index);
    });
    await signInAs('auditor');
    await page.goto(`/assets/${asset.id}`);
    await expect(page.getByRole('heading', { level: 1, name: asset.name })).toBeVisible({ timeout: 30_000 });
    await page.getByRole('tab', { name: '变更记录' }).click();
    const panel = page.getByRole('tabpanel');
    for (const h of history) {
      await expect(panel.getByRole('group', { name: `账本序号 ${h.index}` })).toContainText('已验证');
    }
    await expect(panel).toContainText(/已核对检查点：规模 \d+，签名密钥/);
    await expect(panel).not.toContainText('验证失败');
    // The browser asked for each entry's proof: it checked them, it did not take the server's word.
    expect([...new Set(proofs)].sort((a, b) => a - b)).toEqual(
      history.map((h) => h.index).sort((a, b) => a - b),
    );
    await expectAccessible(page);
  });

  test("on a phone a district supervisor reads an asset's 变更记录: each entry's time and 账本序号 on one line", async ({
    page,
    app,
    signInAs,
  }) => {
    const { asset, history } = await assetWithHistory(app);
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs('district');
    await page.goto(`/assets/${asset.id}?tab=history`);
    const panel = page.getByRole('tabpanel');
    for (const h of history) {
      await expect(panel.getByRole('group', { name: `账本序号 ${h.index}` })).toContainText('已验证');
    }
    await expectPhrasesOnOneLine(panel.getByRole('group'), /账本序号 \d+|\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  test('a tampered inclusion proof shows 验证失败', async ({ page, app, signInAs }) => {
    const { asset, history } = await assetWithHistory(app);
    const target = history[0].index;
    const count = await tamperWith(page, 'LedgerInclusionProof', (data) => {
      const proof = data.inclusionProof as { index: number; hashes: string[] };
      // One bit of the first hash of every proof.
      if (proof.hashes.length > 0) {
        const raw = Buffer.from(proof.hashes[0], 'base64');
        raw[0] ^= 1;
        proof.hashes[0] = raw.toString('base64');
      }
    });
    await signInAs('auditor');
    await page.goto(`/assets/${asset.id}`);
    await page.getByRole('tab', { name: '变更记录' }).click();
    const panel = page.getByRole('tabpanel');
    const entry = panel.getByRole('group', { name: `账本序号 ${target}` });
    await expect(entry).toContainText('验证失败');
    await expect(entry).toContainText('包含证明与签名检查点的根不符');
    await expect(panel.getByText('已验证', { exact: true })).toHaveCount(0);
    expect(count()).toBeGreaterThan(0);
    await expectAccessible(page);
  });

  test('a checkpoint whose root was changed in transit fails its signature check', async ({
    page,
    app,
    signInAs,
  }) => {
    const { asset } = await assetWithHistory(app);
    await tamperWith(page, 'LedgerTrustAnchor', (data) => {
      const cp = data.latestCheckpoint as { note: string };
      const lines = cp.note.split('\n');
      lines[1] = String(Number(lines[1]) + 1); // claims one more entry, signature unchanged
      cp.note = lines.join('\n');
    });
    await signInAs('auditor');
    await page.goto(`/assets/${asset.id}`);
    await page.getByRole('tab', { name: '变更记录' }).click();
    const panel = page.getByRole('tabpanel');
    await expect(panel.getByRole('alert')).toContainText('验证失败：检查点签名验证失败');
    await expect(panel.getByText('已验证', { exact: true })).toHaveCount(0);
  });
});

test.describe('审计账本', () => {
  test("an auditor pages through the entries, opens a record's verified history and downloads its evidence bundle", async ({
    page,
    app,
    signInAs,
  }) => {
    const auditor = await app.as('auditor');
    await (await app.as('district')).gql('mutation { createCheckpoint { treeSize } }');
    // As the page lists them: newest first.
    const count = async (filter: Record<string, unknown>) =>
      (
        await auditor.gql<{
          ledgerEntries: { totalCount: number; edges: Array<{ node: { entityId: string; index: number } }> };
        }>(
          'query($f: LedgerEntryFilter) { ledgerEntries(filter: $f, first: 20, direction: DESC) { totalCount edges { node { entityId index } } } }',
          {
            f: filter,
          },
        )
      ).ledgerEntries;
    const all = await count({});
    const assets = await count({ entityType: 'Asset' });

    await signInAs('auditor');
    await page.goto('/');
    await openFromMenu(page, '审计账本');
    await expect(page).toHaveTitle('审计账本 - 扶贫项目资产管理系统', { timeout: 30_000 });
    await expect(
      page.getByText(`共 ${all.totalCount} 条，第 1 / ${Math.ceil(all.totalCount / 20)} 页`),
    ).toBeVisible();
    await expect(
      page.getByRole('cell', { name: String(all.edges[0].node.index), exact: true }),
      'the newest entry comes first',
    ).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: '下一页' }).click();
    await expect(page.getByText(`第 2 / ${Math.ceil(all.totalCount / 20)} 页`)).toBeVisible();
    await expect(
      page.getByRole('cell', { name: String(all.edges[0].node.index - 20), exact: true }),
    ).toBeVisible();
    // 最早在前: the ledger from its first entry.
    await chooseOption(page, '顺序', '最早在前');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByText(`共 ${all.totalCount} 条，第 1 /`)).toBeVisible();
    await expect(page.getByRole('table').getByRole('row').nth(1).getByRole('cell').first()).toHaveText('0');
    await chooseOption(page, '顺序', '最新在前');

    await chooseOption(page, '记录类型', '资产');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByText(`共 ${assets.totalCount} 条，第 1 /`)).toBeVisible();
    const first = assets.edges[0].node;
    await page
      .getByRole('button', { name: `查看 资产 ${first.entityId} 的历史` })
      .first()
      .click();
    const drawer = page.getByRole('dialog', { name: `资产 ${first.entityId} 的历史` });
    const { history } = await auditor.gql<{ history: Array<{ index: number }> }>(
      'query($id: String!) { history(entityType: "Asset", entityId: $id) { index } }',
      { id: first.entityId },
    );
    for (const h of history)
      await expect(drawer.getByRole('group', { name: `账本序号 ${h.index}` })).toContainText('已验证');
    await expectAccessible(page);

    const download = page.waitForEvent('download');
    await drawer.getByRole('button', { name: '下载证据包' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`evidence-Asset-${first.entityId}.json`);
    const bundle = JSON.parse(await readFile((await file.path())!, 'utf8')) as {
      format: string;
      entity: { type: string; id: string };
      entries: Array<{ index: number }>;
    };
    expect(bundle.format).toBe('asset-registry-evidence/v1');
    expect(bundle.entity).toEqual({ type: 'Asset', id: first.entityId });
    expect(bundle.entries.map((e) => e.index)).toEqual(history.map((h) => h.index));

    // Every evidence file of the record and of the records about it, as one ZIP with its manifest.
    const archive = page.waitForEvent('download');
    await drawer.getByRole('button', { name: '下载证明材料（ZIP）' }).click();
    const zipFile = await archive;
    expect(zipFile.suggestedFilename()).toBe(`证明材料-Asset-${first.entityId.slice(0, 8)}.zip`);
    const zip = await JSZip.loadAsync(await readFile((await zipFile.path())!));
    const manifest = (await zip.file('清单.csv')!.async('string'))
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(manifest[0]).toMatch(/^文件编号,包内路径,原文件名,类型,字节数,SHA-256,/);
    for (const line of manifest.slice(1)) expect(zip.file(line.split(',')[1])).not.toBeNull();
  });

  test('an auditor runs verifyLedger and reconcile and reads the latest checkpoint with its cosignatures', async ({
    page,
    app,
    signInAs,
  }) => {
    const auditor = await app.as('auditor');
    const { latestCheckpoint } = await auditor.gql<{
      latestCheckpoint: { treeSize: number; witnessing: { cosignatures: Array<{ witnessName: string }> } };
    }>('{ latestCheckpoint { treeSize witnessing { cosignatures { witnessName } } } }');
    const { ledgerEntries } = await auditor.gql<{ ledgerEntries: { totalCount: number } }>(
      '{ ledgerEntries(first: 1) { totalCount } }',
    );
    await signInAs('auditor');
    await page.goto('/ledger');
    await page.getByRole('tab', { name: '校验与对账' }).click();
    await page.getByRole('button', { name: '运行账本校验' }).click();
    await expect(page.getByText(new RegExp(`^账本完整：共 ${ledgerEntries.totalCount} 条`))).toBeVisible({
      timeout: 30_000,
    });
    await page.getByRole('button', { name: '运行对账' }).click();
    await expect(page.getByText(/^对账一致：已核对 \d+ 条记录/)).toBeVisible({ timeout: 30_000 });
    await expectAccessible(page);

    // The verification ran on the server: leave the page and come back, and its findings are still there.
    const { ledgerVerificationRuns } = await auditor.gql<{
      ledgerVerificationRuns: Array<{ state: string; result: { ok: boolean; treeSize: number } }>;
    }>('{ ledgerVerificationRuns(first: 1) { state result { ok treeSize } } }');
    expect(ledgerVerificationRuns[0]).toMatchObject({
      state: 'SUCCEEDED',
      result: { ok: true, treeSize: ledgerEntries.totalCount },
    });
    await page.goto('/');
    await page.goto('/ledger');
    await page.getByRole('tab', { name: '校验与对账' }).click();
    await expect(page.getByText(new RegExp(`^账本完整：共 ${ledgerEntries.totalCount} 条`))).toBeVisible();
    await expect(page.getByText(/^校验完成于 /)).toBeVisible();

    await page.getByRole('tab', { name: '检查点' }).click();
    const panel = page.getByRole('tabpanel');
    await expect(panel).toContainText(`${latestCheckpoint.treeSize} 条`);
    const cosigners = panel.getByRole('list', { name: '联署的见证人' });
    expect(latestCheckpoint.witnessing.cosignatures.length).toBeGreaterThan(0);
    for (const c of latestCheckpoint.witnessing.cosignatures)
      await expect(cosigners).toContainText(c.witnessName);
    const note = (await panel.getByLabel('检查点原文').textContent())!.split('\n');
    expect(note[1]).toBe(String(latestCheckpoint.treeSize));
    expect(note.filter((l) => l.startsWith('— ')).length).toBe(
      1 + latestCheckpoint.witnessing.cosignatures.length,
    );
    await expectAccessible(page);
  });

  test('a village clerk cannot open the ledger explorer', async ({ page, signInAs }) => {
    await signInAs('wutong');
    await page.goto('/ledger');
    await expect(page.getByText('无权访问')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('navigation', { name: '主菜单' })).not.toContainText('审计账本');
  });
});
