import { leafHash as serverLeafHash } from '../../../../src/ledger/merkle/hash';
import { naiveConsistency, naivePath, naiveRoot } from '../../../../src/ledger/merkle/testing/naive';
import { signCheckpoint } from '../../../../src/ledger/note/checkpoint';
import { generateSigner, parseSignerKey } from '../../../../src/ledger/note/keys';
import { verifyConsistency, verifyEntry } from './entry-verification';

const ORIGIN = 'test.example/ledger/500101';
const log = generateSigner(ORIGIN);
const signer = parseSignerKey(log.signerKey);
const entries = Array.from({ length: 12 }, (_, i) => `{"index":${i},"ledger":"500101","v":1}`);
const leaves = entries.map((e) => serverLeafHash(Buffer.from(e)));
const note = (size: number, ls = leaves, s = signer): string =>
  signCheckpoint({ origin: ORIGIN, size, rootHash: naiveRoot(ls.slice(0, size)) }, [s]);
const proofs = async (index: number, size: number) => ({
  hashes: naivePath(index, leaves.slice(0, size)).map((h) => h.toString('base64')),
});
const consistency = async (from: number, to: number, ls = leaves) => ({
  hashes: naiveConsistency(from, ls.slice(0, to)).map((h) => h.toString('base64')),
});
const entry = (i: number) => ({ index: i, canonical: entries[i], leafHash: leaves[i].toString('base64') });
const base = { origin: ORIGIN, verifierKeys: [log.verifierKey], inclusionProof: proofs };

describe('verifyEntry', () => {
  it('verifies an entry under the signed checkpoint and leaves a newer one pending', async () => {
    expect(await verifyEntry({ ...base, entry: entry(4), checkpointNote: note(9) })).toMatchObject({
      status: 'verified',
      checkpoint: { size: 9 },
    });
    expect(await verifyEntry({ ...base, entry: entry(10), checkpointNote: note(9) })).toMatchObject({
      status: 'pending',
    });
  });

  it('fails altered bytes, a bytes-and-hash swap for another index, a tampered proof and a foreign key', async () => {
    const altered = { ...entry(4), canonical: entries[4].replace('"v":1', '"v":2') };
    expect(await verifyEntry({ ...base, entry: altered, checkpointNote: note(12) })).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/叶哈希/),
    });
    expect(
      await verifyEntry({ ...base, entry: { ...entry(5), index: 4 }, checkpointNote: note(12) }),
    ).toMatchObject({ status: 'failed', reason: expect.stringMatching(/序号是 5/) });
    const swapped = async (i: number, s: number) => {
      const p = await proofs(i, s);
      return { hashes: [p.hashes[1], p.hashes[0], ...p.hashes.slice(2)] };
    };
    expect(
      await verifyEntry({ ...base, inclusionProof: swapped, entry: entry(4), checkpointNote: note(12) }),
    ).toMatchObject({ status: 'failed', reason: expect.stringMatching(/包含证明/) });
    const other = parseSignerKey(generateSigner(ORIGIN).signerKey);
    expect(
      await verifyEntry({ ...base, entry: entry(4), checkpointNote: note(12, leaves, other) }),
    ).toMatchObject({ status: 'failed', reason: expect.stringMatching(/签名验证失败/) });
  });
});

describe('verifyConsistency', () => {
  const input = { origin: ORIGIN, verifierKeys: [log.verifierKey] };
  it('accepts a later checkpoint that extends an earlier one (and the same one twice)', async () => {
    for (const [a, b] of [
      [5, 9],
      [1, 12],
      [8, 8],
    ]) {
      const r = await verifyConsistency({
        ...input,
        olderNote: note(a),
        newerNote: note(b),
        consistencyProof: (x, y) => consistency(x, y),
      });
      expect(r).toMatchObject({ ok: true, older: { size: a }, newer: { size: b } });
    }
  });

  it('refuses a tampered proof, a rewritten history, a checkpoint not signed by the log, a shrinking log', async () => {
    const flipped = async (x: number, y: number) => {
      const p = await consistency(x, y);
      const h = Buffer.from(p.hashes[0], 'base64');
      h[0] ^= 1;
      return { hashes: [h.toString('base64'), ...p.hashes.slice(1)] };
    };
    const tampered = await verifyConsistency({
      ...input,
      olderNote: note(5),
      newerNote: note(9),
      consistencyProof: flipped,
    });
    expect(tampered).toMatchObject({ ok: false, reason: expect.stringMatching(/一致性证明不能/) });

    const rewritten = [...leaves];
    rewritten[2] = serverLeafHash(Buffer.from('forged'));
    const fork = await verifyConsistency({
      ...input,
      olderNote: note(5),
      newerNote: note(9, rewritten),
      consistencyProof: (x, y) => consistency(x, y, rewritten),
    });
    expect(fork.ok).toBe(false);

    const other = parseSignerKey(generateSigner(ORIGIN).signerKey);
    const foreign = await verifyConsistency({
      ...input,
      olderNote: note(5),
      newerNote: note(9, leaves, other),
      consistencyProof: (x, y) => consistency(x, y),
    });
    expect(foreign).toMatchObject({ ok: false, reason: expect.stringMatching(/较新的检查点签名验证失败/) });

    const shorter = await verifyConsistency({
      ...input,
      olderNote: note(9),
      newerNote: note(5),
      consistencyProof: (x, y) => consistency(x, y),
    });
    expect(shorter).toMatchObject({ ok: false, reason: expect.stringMatching(/变短/) });
  });
});
