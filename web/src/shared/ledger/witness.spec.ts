import { leafHash as serverLeafHash } from '../../../../src/ledger/merkle/hash';
import { naiveConsistency, naivePath, naiveRoot } from '../../../../src/ledger/merkle/testing/naive';
import { signCheckpoint } from '../../../../src/ledger/note/checkpoint';
import { parseCosignatureVerifierKey } from '../../../../src/ledger/note/cosignature';
import { generateSigner, parseSignerKey } from '../../../../src/ledger/note/keys';
import { formatAddCheckpointRequest } from '../../../../src/ledger/note/witness-protocol';
import { generateWitnessKey, type WitnessKey } from './cosignature';
import { verifyHistory } from './history-verification';
import { parseVerifierKey, type VerifierKey } from './note';
import { witnessAddCheckpoint, type WitnessState } from './witness';

const ORIGIN = 'test.example/ledger/500101';
const log = generateSigner(ORIGIN);
const signer = parseSignerKey(log.signerKey);
const entries = Array.from({ length: 12 }, (_, i) => `{"index":${i},"ledger":"500101","v":1}`);
const leaves = entries.map((e) => serverLeafHash(Buffer.from(e)));

const checkpointNote = (size: number, ls = leaves): string =>
  signCheckpoint({ origin: ORIGIN, size, rootHash: naiveRoot(ls.slice(0, size)) }, [signer]);
const request = (old: number, size: number, ls = leaves): string =>
  formatAddCheckpointRequest(
    old,
    old === 0 || old === size ? [] : naiveConsistency(old, ls.slice(0, size)),
    checkpointNote(size, ls),
  );

describe('the browser witness', () => {
  let key: WitnessKey;
  let logKeys: VerifierKey[];
  beforeAll(async () => {
    key = await generateWitnessKey('township.example/browser');
    logKeys = [await parseVerifierKey(log.verifierKey)];
  });
  const ask = (body: string, state: WitnessState | null, now = 1_764_460_800) =>
    witnessAddCheckpoint(body, { origin: ORIGIN, logKeys, state, key, now });

  it('cosigns a first checkpoint, then one that extends it, with cosignatures the server accepts', async () => {
    const first = await ask(request(0, 5), null);
    if (!first.ok) throw new Error(first.reason);
    expect(first.state).toMatchObject({ size: 5, time: 1_764_460_800 });
    const server = parseCosignatureVerifierKey(key.verifierKey);
    const text = checkpointNote(5).split('\n\n')[0] + '\n';
    expect(server.verify(text, first.line.trim().split(' ')[2]).ok).toBe(true);

    const second = await ask(request(5, 9), first.state, 1_764_460_900);
    if (!second.ok) throw new Error(second.reason);
    expect(second.state.size).toBe(9);
    // The same size again (nothing new) is cosigned again.
    expect((await ask(request(9, 9), second.state)).ok).toBe(true);
  });

  it('refuses a rewritten history, a fork, a wrong starting size and a checkpoint not signed by the log', async () => {
    const state = { size: 5, rootHash: naiveRoot(leaves.slice(0, 5)).toString('base64'), time: 1 };
    const rewritten = [...leaves];
    rewritten[2] = serverLeafHash(Buffer.from('forged'));
    const inconsistent = await ask(request(5, 9, rewritten), state);
    expect(inconsistent).toMatchObject({ ok: false, status: 422, oldSize: 5 });
    expect(!inconsistent.ok && inconsistent.reason).toMatch(/不一致/);

    expect(await ask(request(5, 5, rewritten), state)).toMatchObject({ ok: false, status: 409 });
    expect(await ask(request(3, 9), state)).toMatchObject({ ok: false, status: 409 });

    const other = parseSignerKey(generateSigner(ORIGIN).signerKey);
    const forged = formatAddCheckpointRequest(
      5,
      naiveConsistency(5, leaves.slice(0, 9)),
      signCheckpoint({ origin: ORIGIN, size: 9, rootHash: naiveRoot(leaves.slice(0, 9)) }, [other]),
    );
    expect(await ask(forged, state)).toMatchObject({ ok: false, status: 403 });
    // A proof changed by one bit.
    const body = request(5, 9);
    const line = body.split('\n')[1];
    const flipped = body.replace(line, (line[0] === 'A' ? 'B' : 'A') + line.slice(1));
    expect(await ask(flipped, state)).toMatchObject({ ok: false, status: 422 });
  });
});

describe('verifyHistory', () => {
  const keys = [log.verifierKey];
  const proofs = async (index: number, size: number) => ({
    hashes: naivePath(index, leaves.slice(0, size)).map((h) => h.toString('base64')),
  });
  const history = [1, 4, 10].map((index) => ({
    index,
    canonical: entries[index],
    leafHash: leaves[index].toString('base64'),
  }));

  it('verifies entries under the checkpoint and leaves newer ones pending', async () => {
    const r = await verifyHistory({
      entries: history,
      origin: ORIGIN,
      verifierKeys: keys,
      checkpointNote: checkpointNote(8),
      inclusionProof: proofs,
    });
    expect(r.ok).toBe(true);
    expect(r.entries.map((e) => e.status)).toEqual(['verified', 'verified', 'pending']);
  });

  it('fails an entry whose proof was tampered with, whose bytes changed, or a checkpoint with a wrong signature', async () => {
    const tampered = await verifyHistory({
      entries: history,
      origin: ORIGIN,
      verifierKeys: keys,
      checkpointNote: checkpointNote(12),
      inclusionProof: async (i, s) => {
        const p = await proofs(i, s);
        return i === 4 ? { hashes: [p.hashes[1], p.hashes[0], ...p.hashes.slice(2)] } : p;
      },
    });
    expect(tampered.entries.map((e) => e.status)).toEqual(['verified', 'failed', 'verified']);

    const changed = await verifyHistory({
      entries: [{ ...history[0], canonical: history[0].canonical.replace('"v":1', '"v":2') }],
      origin: ORIGIN,
      verifierKeys: keys,
      checkpointNote: checkpointNote(12),
      inclusionProof: proofs,
    });
    expect(changed.entries[0]).toMatchObject({ status: 'failed', reason: expect.stringMatching(/叶哈希/) });

    const otherKey = generateSigner(ORIGIN).verifierKey;
    const wrongKey = await verifyHistory({
      entries: history,
      origin: ORIGIN,
      verifierKeys: [otherKey],
      checkpointNote: checkpointNote(12),
      inclusionProof: proofs,
    });
    expect(wrongKey.ok).toBe(false);
    expect(wrongKey.entries.every((e) => e.status === 'failed')).toBe(true);
  });

  it('fails a history with an entry of the record left out (format 2 chain)', async () => {
    const chained = [0, 1, 2].map((k) =>
      JSON.stringify({ v: 2, index: 20 + k, entityVersion: k + 1, previousLeafHash: null as string | null }),
    );
    const hashes: string[] = [];
    const fixed = chained.map((_, k) => {
      const e = JSON.parse(chained[k]) as { previousLeafHash: string | null };
      e.previousLeafHash = k === 0 ? null : hashes[k - 1];
      const canonical = JSON.stringify(e);
      hashes.push(serverLeafHash(Buffer.from(canonical)).toString('base64'));
      return { index: 20 + k, canonical, leafHash: hashes[k] };
    });
    const r = await verifyHistory({
      entries: [fixed[0], fixed[2]],
      origin: ORIGIN,
      verifierKeys: keys,
      checkpointNote: checkpointNote(12),
      inclusionProof: proofs,
    });
    expect(r.entries[1]).toMatchObject({ status: 'failed', reason: expect.stringMatching(/条目缺失/) });
  });
});
