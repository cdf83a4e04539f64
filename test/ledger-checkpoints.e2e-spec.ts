import { verifyBundle } from '@/ledger/bundle/evidence-bundle';
import { TestApp } from './support/test-app';

describe('automatic checkpoints and saved checkpoints (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ env: { CHECKPOINT_EVERY_SECONDS: '1', CHECKPOINT_EVERY_ENTRIES: '100000' } });
  });
  afterAll(() => t.close());

  const latest = async (token: string) =>
    (
      await t.gql<{ latestCheckpoint: { treeSize: number; note: string } | null }>(
        '{ latestCheckpoint { treeSize note } }',
        {},
        token,
      )
    ).data!.latestCheckpoint;

  it('signs a checkpoint on the timer when something is new, and an auditor proves later ones extend it', async () => {
    const admin = await t.token('admin');
    const auditor = await t.token('auditor');
    const [{ n }] = await t.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_entry');
    const waitForSize = async (size: number) => {
      for (let i = 0; i < 50; i++) {
        const cp = await latest(auditor);
        if (cp && cp.treeSize >= size) return cp;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no checkpoint of size ${size} within 5 s`);
    };
    const saved = await waitForSize(Number(n));
    expect(saved.treeSize).toBe(Number(n));

    await t.gql(
      'mutation { createRegion(code: "500101152202", name: "后建村", parentCode: "500101152") { code } }',
      {},
      admin,
    );
    const next = await waitForSize(Number(n) + 1);
    expect(next.treeSize).toBe(Number(n) + 1);

    const bundle = await t.gql<{ exportEvidence: unknown }>(
      'query($s: Int!) { exportEvidence(entityType: "Region", entityId: "500101152202", sinceTreeSize: $s) }',
      { s: saved.treeSize },
      auditor,
    );
    const key = (
      await t.gql<{ ledgerPublicKey: { verifierKey: string } }>(
        '{ ledgerPublicKey { verifierKey } }',
        {},
        auditor,
      )
    ).data!.ledgerPublicKey.verifierKey;
    const result = verifyBundle(bundle.data!.exportEvidence, {
      trustedVerifierKeys: [key],
      savedCheckpoints: [saved.note],
    });
    expect(result.problems).toEqual([]);
    expect(result.verifiedSavedCheckpoints).toBe(1);
    // A saved checkpoint the bundle does not prove consistency from is a failure, not a pass.
    const without = await t.gql<{ exportEvidence: unknown }>(
      '{ exportEvidence(entityType: "Region", entityId: "500101152202") }',
      {},
      auditor,
    );
    expect(
      verifyBundle(without.data!.exportEvidence, {
        trustedVerifierKeys: [key],
        savedCheckpoints: [saved.note],
      }).ok,
    ).toBe(false);
  });
});
