import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppConfig } from '@/config';
import { LedgerKeyService } from './ledger-key.service';
import { leafHash } from './merkle/hash';
import { generateSigner } from './note/keys';

const ORIGIN = 'wanzhou.asset-registry.example/ledger/500101';

function keyService(dir: string, previousVerifierKeys: string[] = []): LedgerKeyService {
  const config = {
    ledger: {
      districtCode: '500101',
      origin: ORIGIN,
      keyName: ORIGIN,
      signingKeyFile: path.join(dir, 'ledger-signing.key'),
      previousVerifierKeys,
    },
  } as unknown as AppConfig;
  return new LedgerKeyService(config);
}

describe('LedgerKeyService: many entry signatures at once', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-key-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  // Fewer than 16 are signed inline, more on the thread pool: both sizes must give the same answers.
  it.each([3, 200])('signs and verifies %i entries as one at a time would', async (n) => {
    const keys = keyService(dir);
    const entries = Array.from({ length: n }, (_, i) => ({
      index: 1000 + i,
      leaf: leafHash(Buffer.from(`entry ${i}`)),
    }));
    const signatures = await keys.signEntries(entries);
    expect(signatures).toEqual(entries.map((e) => keys.signEntry(e.index, e.leaf)));

    const checks = entries.map((e, i) => ({ ...e, signature: signatures[i] }));
    expect(await keys.verifyEntries(checks)).toEqual(checks.map(() => true));

    // Damage: another position, another leaf, a flipped signature bit, an unknown key id, a short one.
    const bad = checks.map((c) => ({ ...c }));
    bad[0] = { ...bad[0], index: bad[0].index + 1 };
    bad[1] = { ...bad[1], leaf: leafHash(Buffer.from('other')) };
    const flipped = Buffer.from(bad[2].signature);
    flipped[30] ^= 0x40;
    bad[2] = { ...bad[2], signature: flipped };
    if (n > 3) {
      const unknown = Buffer.from(bad[3].signature);
      unknown[0] ^= 0xff;
      bad[3] = { ...bad[3], signature: unknown };
      bad[4] = { ...bad[4], signature: bad[4].signature.subarray(0, 67) };
    }
    const verified = await keys.verifyEntries(bad);
    const failing = n > 3 ? [0, 1, 2, 3, 4] : [0, 1, 2];
    expect(verified).toEqual(bad.map((_, i) => !failing.includes(i)));
    expect(verified).toEqual(bad.map((b) => keys.verifyEntry(b.index, b.leaf, b.signature)));
  });

  it('verifies entries signed with a previous key, listed after a rotation', async () => {
    const oldDir = fs.mkdtempSync(path.join(dir, 'old-'));
    const old = keyService(oldDir);
    const entries = Array.from({ length: 40 }, (_, i) => ({ index: i, leaf: leafHash(Buffer.from(`${i}`)) }));
    const signatures = await old.signEntries(entries);
    const checks = entries.map((e, i) => ({ ...e, signature: signatures[i] }));

    const newDir = fs.mkdtempSync(path.join(dir, 'new-'));
    expect(await keyService(newDir).verifyEntries(checks)).toEqual(checks.map(() => false));
    const rotated = keyService(newDir, [old.verifierKey, generateSigner(ORIGIN).verifierKey]);
    expect(await rotated.verifyEntries(checks)).toEqual(checks.map(() => true));
  });
});
