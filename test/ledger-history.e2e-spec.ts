import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runVerifyCli } from '@/ledger/cli/verify-cli';
import { verifyBundle } from '@/ledger/bundle/evidence-bundle';
import { TestApp } from './support/test-app';

interface Entry {
  index: number;
  entityVersion: number | null;
  previousLeafHash: string | null;
  leafHash: string;
}

/**
 * A record's history is provably complete: each entry names the record's version and the leaf hash of
 * the record's previous entry, so an evidence bundle proves the chain from the first entry to the latest,
 * and the offline verifier fails a bundle with a missing link.
 */
describe("a record's history is complete in its evidence (e2e)", () => {
  let t: TestApp;
  let auditor: string;
  let key: string;
  let assetId: string;
  let dir: string;

  const exportBundle = async (): Promise<unknown> => {
    const res = await t.gql<{ exportEvidence: unknown }>(
      'query($id: String!) { exportEvidence(entityType: "Asset", entityId: $id) }',
      { id: assetId },
      auditor,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.exportEvidence;
  };
  const cli = async (bundle: unknown): Promise<{ code: number; out: string }> => {
    const file = path.join(dir, `bundle-${Date.now()}.json`);
    fs.writeFileSync(file, JSON.stringify(bundle, null, 2));
    let out = '';
    const code = await runVerifyCli([file, '--key', key], {
      readFile: (p) => fs.promises.readFile(p),
      stdout: (s) => (out += s),
      stderr: (s) => (out += s),
    });
    return { code, out };
  };

  beforeAll(async () => {
    t = await TestApp.start();
    auditor = await t.token('auditor');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-history-'));
    key = (
      await t.gql<{ ledgerPublicKey: { verifierKey: string } }>(
        '{ ledgerPublicKey { verifierKey } }',
        {},
        auditor,
      )
    ).data!.ledgerPublicKey.verifierKey;
    const [row] = await t.sql<{ entity_id: string }>(
      `SELECT entity_id FROM ledger_entry WHERE entity_type = 'Asset'
        GROUP BY entity_id HAVING count(*) = 3 ORDER BY entity_id LIMIT 1`,
    );
    assetId = row.entity_id;
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it("every entry names the record's version and its previous entry", async () => {
    const res = await t.gql<{ history: Entry[] }>(
      'query($id: String!) { history(entityType: "Asset", entityId: $id) { index entityVersion previousLeafHash leafHash } }',
      { id: assetId },
      auditor,
    );
    const history = res.data!.history;
    expect(history.map((e) => e.entityVersion)).toEqual([1, 2, 3]);
    expect(history.map((e) => e.previousLeafHash)).toEqual([null, history[0].leafHash, history[1].leafHash]);

    const bundle = await exportBundle();
    const result = verifyBundle(bundle, { trustedVerifierKeys: [key] });
    expect(result.problems).toEqual([]);
    expect(result.history).toEqual({ complete: true, entries: 3, latestVersion: 3 });
    const ok = await cli(bundle);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('history:           complete, versions 1…3');
  });

  it("deleting the first of an asset's three entries makes its bundle fail offline", async () => {
    await t.gql('mutation { createCheckpoint { treeSize } }', {}, await t.token('admin'));
    const [first] = await t.sql<Record<string, unknown>>(
      `SELECT * FROM ledger_entry WHERE entity_type = 'Asset' AND entity_id = $1 ORDER BY idx LIMIT 1`,
      [assetId],
    );
    await t.tamper('DELETE FROM ledger_entry WHERE idx = $1', [first.idx]);
    try {
      const bundle = (await exportBundle()) as { entries: unknown[] };
      expect(bundle.entries).toHaveLength(2);
      const result = verifyBundle(bundle, { trustedVerifierKeys: [key] });
      expect(result.ok).toBe(false);
      expect(result.problems).toContainEqual({
        path: 'entries[0].canonical',
        message: expect.stringMatching(
          /entityVersion is 2 but the bundle holds no earlier entry of Asset .*1 entry is missing/,
        ),
      });
      const failed = await cli(bundle);
      expect(failed.code).toBe(1);
      expect(failed.out).toContain('FAILED');
      expect(failed.out).toMatch(/entries\[0\]\.canonical: .*missing/);
    } finally {
      const cols = Object.keys(first);
      await t.tamper(
        `INSERT INTO ledger_entry (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
        cols.map((c) => first[c]),
      );
    }
    // A bundle with an entry from the middle left out fails too (the next one names it).
    const whole = (await exportBundle()) as { entries: unknown[] };
    const gapped = { ...whole, entries: [whole.entries[0], whole.entries[2]] };
    const result = verifyBundle(gapped, { trustedVerifierKeys: [key] });
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.path)).toContain('entries[1].canonical');
  });
});
