import type { Page, Route } from '@playwright/test';
import { expect, expectAccessible, test, useConsoleApp } from './support/fixtures';

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

/** Replaces the answers of one GraphQL operation with `change(data)` of the real answer. */
async function tamperWith(
  page: Page,
  operationName: string,
  change: (data: Record<string, unknown>) => void,
) {
  let tampered = 0;
  await page.route('**/graphql', async (route: Route) => {
    const body = route.request().postDataJSON() as { operationName?: string } | null;
    if (body?.operationName !== operationName) return route.fallback();
    const response = await route.fetch();
    const json = (await response.json()) as { data: Record<string, unknown> };
    change(json.data);
    tampered++;
    await route.fulfill({ response, json });
  });
  return () => tampered;
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
