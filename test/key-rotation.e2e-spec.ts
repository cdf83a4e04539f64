import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { verifyBundle } from '@/ledger/bundle';
import { generateKeyFile, runKeyCli, verifierKeyOf } from '@/ledger/cli/key-cli';
import { openNote, parseVerifierKey } from '@/ledger/note';
import { TestApp } from './support/test-app';

const REGION = (code: string, name: string) =>
  `mutation { createRegion(code: "${code}", name: "${name}", parentCode: "500101151") { code } }`;

/**
 * A rotation of the ledger signing key, as docs/operations.md describes it: a new key file, the old
 * verifier key in LEDGER_PREVIOUS_VERIFIER_KEYS. Old checkpoints and entries still verify with the old
 * key, new ones with the new key; an evidence bundle spanning the rotation verifies offline.
 */
describe('ledger key rotation (e2e)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asset-registry-keys-'));
  const newFile = path.join(dir, 'ledger-signing.next.key');
  let before: TestApp;
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('old checkpoints verify with the old key, new ones with the new key, and the whole ledger verifies', async () => {
    // The key that signed everything so far: the run's (the template's entries are signed with it).
    before = await TestApp.start();
    const oldFile = path.join(before.env.runDir, 'ledger-signing.key');
    const oldKey = verifierKeyOf(oldFile);
    const district = await before.token('district');
    expect(
      (await before.gql(REGION('500101151295', '轮换前村'), {}, await before.token('admin'))).errors,
    ).toBeUndefined();
    const first = await before.gql<{ createCheckpoint: { treeSize: number; note: string } }>(
      'mutation { createCheckpoint { treeSize note } }',
      {},
      district,
    );
    expect(first.errors).toBeUndefined();

    // The rotation: a new key file (the CLI the docs use), the old verifier key kept.
    const out: string[] = [];
    expect(runKeyCli(['verifier', oldFile], { stdout: (t) => out.push(t), stderr: () => undefined })).toBe(0);
    expect(out.join('').trim()).toBe(oldKey);
    const newKey = generateKeyFile(newFile, 'wanzhou.asset-registry.example/ledger/500101');
    expect(() => generateKeyFile(newFile, 'x')).toThrow(/EEXIST/);
    const after = await before.sibling({
      LEDGER_SIGNING_KEY_FILE: newFile,
      LEDGER_PREVIOUS_VERIFIER_KEYS: oldKey,
    });
    try {
      const admin = await after.token('admin');
      expect((await after.gql(REGION('500101151294', '轮换后村'), {}, admin)).errors).toBeUndefined();
      const second = await after.gql<{ createCheckpoint: { treeSize: number; note: string } }>(
        'mutation { createCheckpoint { treeSize note } }',
        {},
        await after.token('district'),
      );
      expect(second.errors).toBeUndefined();

      const auditor = await after.token('auditor');
      const state = await after.gql<{
        verifyLedger: { ok: boolean; problems: unknown[] };
        ledgerPublicKey: { verifierKey: string; previousVerifierKeys: string[] };
        checkpoints: { edges: Array<{ node: { treeSize: number; verifierKey: string } }> };
      }>(
        '{ verifyLedger { ok problems { kind message } } ledgerPublicKey { verifierKey previousVerifierKeys } checkpoints(first: 2) { edges { node { treeSize verifierKey } } } }',
        {},
        auditor,
      );
      expect(state.data!.verifyLedger).toEqual({ ok: true, problems: [] });
      expect(state.data!.ledgerPublicKey).toEqual({ verifierKey: newKey, previousVerifierKeys: [oldKey] });
      expect(state.data!.checkpoints.edges.map((e) => e.node)).toEqual([
        { treeSize: second.data!.createCheckpoint.treeSize, verifierKey: newKey },
        { treeSize: first.data!.createCheckpoint.treeSize, verifierKey: oldKey },
      ]);
      // Each note opens with its own key and not with the other.
      const [oldVerifier, newVerifier] = [parseVerifierKey(oldKey), parseVerifierKey(newKey)];
      expect(() => openNote(first.data!.createCheckpoint.note, [oldVerifier])).not.toThrow();
      expect(() => openNote(first.data!.createCheckpoint.note, [newVerifier])).toThrow();
      expect(() => openNote(second.data!.createCheckpoint.note, [newVerifier])).not.toThrow();
      expect(() => openNote(second.data!.createCheckpoint.note, [oldVerifier])).toThrow();

      // An evidence bundle of the district: entries signed by both keys, verified offline with both.
      const bundle = await after.gql<{ exportEvidence: unknown }>(
        '{ exportEvidence(entityType: "Region", entityId: "500101151") }',
        {},
        auditor,
      );
      expect(bundle.errors).toBeUndefined();
      const offline = verifyBundle(bundle.data!.exportEvidence, { trustedVerifierKeys: [newKey, oldKey] });
      expect(offline.problems).toEqual([]);
      expect(offline.ok).toBe(true);

      // Without the old verifier key, the old signatures no longer verify: the setting is what keeps them.
      const forgetful = await before.sibling({ LEDGER_SIGNING_KEY_FILE: newFile });
      try {
        const res = await forgetful.gql<{ verifyLedger: { ok: boolean; problems: Array<{ kind: string }> } }>(
          '{ verifyLedger { ok problems { kind } } }',
          {},
          await forgetful.token('auditor'),
        );
        expect(res.data!.verifyLedger.ok).toBe(false);
        // Entry signatures made with the old key (reported first; the list of problems is capped).
        expect(new Set(res.data!.verifyLedger.problems.map((p) => p.kind))).toContain('SIGNATURE');
      } finally {
        await forgetful.close({ checkLedger: false });
      }
    } finally {
      await after.close({ checkLedger: false });
      // The app on the old key alone cannot check the new signatures: the sound check ran above.
      await before.close({ checkLedger: false });
    }
  }, 180_000);
});
