import {
  checkQuorum,
  formatWitnessPolicy,
  parseWitnessPolicy,
  WitnessPolicyError,
} from '../bundle/witness-policy';
import { leafHash } from '../merkle/hash';
import { MemoryNodeStore } from '../merkle/memory-store';
import { consistencyProof, rootAt } from '../merkle/tree';
import { signCheckpoint } from '../note/checkpoint';
import { cosignerFromSignerKey, generateCosigner } from '../note/cosignature';
import { generateSigner, parseSignerKey } from '../note/keys';
import { parseNote, signNote } from '../note/note';
import {
  formatAddCheckpointRequest,
  openRefusal,
  parseAddCheckpointRequest,
  signRefusal,
} from '../note/witness-protocol';
import { WitnessCore, WitnessState, WitnessStore } from './witness-core';

const ORIGIN = 'wanzhou.asset-registry.example/ledger/500101';

class MemoryStore implements WitnessStore {
  readonly states = new Map<string, WitnessState>();
  load(origin: string): WitnessState | null {
    return this.states.get(origin) ?? null;
  }
  save(origin: string, state: WitnessState): void {
    this.states.set(origin, state);
  }
}

async function makeLog(leaves: string[]) {
  const store = new MemoryNodeStore();
  for (const l of leaves) await store.append([leafHash(Buffer.from(l))]);
  return store;
}

describe('a witness (C2SP tlog-witness add-checkpoint)', () => {
  const logKeys = generateSigner(ORIGIN);
  const log = parseSignerKey(logKeys.signerKey);
  const witnessKeys = generateCosigner('xiangzhen.example/witness');
  const cosigner = cosignerFromSignerKey(witnessKeys.signerKey);
  const leaves = Array.from({ length: 40 }, (_, i) => `entry ${i}`);
  let store: MemoryNodeStore;
  const note = async (s: MemoryNodeStore, size: number): Promise<string> =>
    signCheckpoint({ origin: ORIGIN, size, rootHash: await rootAt(size, s.read) }, [log]);
  const request = async (s: MemoryNodeStore, old: number, size: number): Promise<string> =>
    formatAddCheckpointRequest(
      old,
      old === 0 ? [] : await consistencyProof(old, size, s.read),
      await note(s, size),
    );

  beforeAll(async () => {
    store = await makeLog(leaves);
  });

  const witness = (state = new MemoryStore(), now = 1_764_460_800) =>
    new WitnessCore(cosigner, [{ origin: ORIGIN, verifiers: [log.verifier] }], state, () => now);

  it('cosigns the first checkpoint it sees, then only consistent ones, and remembers each', async () => {
    const state = new MemoryStore();
    const w = witness(state);
    const first = w.addCheckpoint(await request(store, 0, 10));
    expect(first.status).toBe(200);
    expect(state.load(ORIGIN)).toEqual({
      size: 10,
      rootHash: (await rootAt(10, store.read)).toString('base64'),
      time: 1_764_460_800,
    });
    const text = parseNote(await note(store, 10)).text;
    const line = first.body.trim();
    expect(line.startsWith('— xiangzhen.example/witness ')).toBe(true);
    expect(cosigner.verifier.verify(text, line.split(' ')[2])).toEqual({
      ok: true,
      timestamp: 1_764_460_800,
    });

    const next = w.addCheckpoint(await request(store, 10, 25));
    expect(next.status).toBe(200);
    expect(state.load(ORIGIN)!.size).toBe(25);
    // The same checkpoint again: cosigned again (a newer statement), nothing else changes.
    expect(w.addCheckpoint(await request(store, 25, 25)).status).toBe(200);
  });

  it('answers an old size it did not cosign with 409 and its own size', async () => {
    const state = new MemoryStore();
    const w = witness(state);
    w.addCheckpoint(await request(store, 0, 10));
    const res = w.addCheckpoint(await request(store, 5, 20));
    expect(res).toMatchObject({ status: 409, contentType: 'text/x.tlog.size', body: '10\n' });
    expect(state.load(ORIGIN)!.size).toBe(10);
  });

  it('refuses a log that rewrote its history (422), a fork (409) and a rollback (400)', async () => {
    const state = new MemoryStore();
    const w = witness(state);
    w.addCheckpoint(await request(store, 0, 20));
    const rewritten = await makeLog(leaves.map((l, i) => (i === 7 ? 'entry 7, changed' : l)));
    const res = w.addCheckpoint(await request(rewritten, 20, 30));
    expect(res.status).toBe(422);
    expect(res.reason).toMatch(/not consistent with the checkpoint cosigned before \(size 20/);
    const fork = w.addCheckpoint(await request(rewritten, 20, 20));
    expect(fork.status).toBe(409);
    expect(fork.reason).toMatch(/forked/);
    expect(w.addCheckpoint(formatAddCheckpointRequest(20, [], await note(store, 10))).status).toBe(400);
    expect(state.load(ORIGIN)!.size).toBe(20);
  });

  it('refuses unknown logs (404), foreign signatures (403) and malformed requests (400)', async () => {
    const w = witness();
    const other = parseSignerKey(generateSigner('elsewhere.example/log').signerKey);
    const foreign = signCheckpoint({ origin: 'elsewhere.example/log', size: 1, rootHash: Buffer.alloc(32) }, [
      other,
    ]);
    expect(w.addCheckpoint(formatAddCheckpointRequest(0, [], foreign)).status).toBe(404);
    const forged = parseSignerKey(generateSigner(ORIGIN).signerKey);
    const forgedNote = signCheckpoint({ origin: ORIGIN, size: 10, rootHash: await rootAt(10, store.read) }, [
      forged,
    ]);
    expect(w.addCheckpoint(formatAddCheckpointRequest(0, [], forgedNote)).status).toBe(403);
    expect(w.addCheckpoint('hello').status).toBe(400);
    expect(w.addCheckpoint(`old 0\n\n${'x'}`).status).toBe(400);
    expect(
      w.addCheckpoint(formatAddCheckpointRequest(0, [Buffer.alloc(32)], await note(store, 10))).status,
    ).toBe(422);
  });

  it('parses and formats request bodies as tlog-witness shows them', () => {
    const example =
      'old 20852014\nPlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\njrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n' +
      '5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=\n/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=\n\n' +
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n' +
      '— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n';
    const r = parseAddCheckpointRequest(example);
    expect(r.oldSize).toBe(20852014);
    expect(r.proof).toHaveLength(4);
    expect(formatAddCheckpointRequest(r.oldSize, r.proof, r.note)).toBe(example);
    expect(() => parseAddCheckpointRequest(`old 1\n${'AAAA\n'}\n`)).toThrow(/proof line 1/);
    expect(() => parseAddCheckpointRequest(`old 01\n\nx`)).toThrow(/old <size>/);
  });

  it('signs refusals that only its key can make', async () => {
    const refusal = {
      origin: ORIGIN,
      size: 30,
      rootHash: Buffer.alloc(32, 1),
      oldSize: 20,
      status: 422,
      reason: 'not consistent',
      time: 77,
    };
    const signer = parseSignerKey(witnessKeys.signerKey);
    const signed = signRefusal(signer, cosigner.verifier.keyId, refusal);
    expect(openRefusal(signed, [cosigner.verifier]).refusal).toEqual(refusal);
    const impostor = cosignerFromSignerKey(generateCosigner('xiangzhen.example/witness').signerKey);
    expect(() => openRefusal(signed, [impostor.verifier])).toThrow(/not signed by a known witness/);
    expect(() => openRefusal(signed.replace('status 422', 'status 200'), [cosigner.verifier])).toThrow();
  });
});

describe('witness policies', () => {
  const w = [0, 1, 2].map((i) => cosignerFromSignerKey(generateCosigner(`w${i}.example/witness`).signerKey));
  const text = formatWitnessPolicy({
    logKeys: [],
    witnesses: w.map((c) => ({ name: c.name, verifierKey: c.verifier.verifierKey })),
    quorum: 2,
  });
  const checkpoint = `${ORIGIN}\n5\n${Buffer.alloc(32, 9).toString('base64')}\n`;
  const log = parseSignerKey(generateSigner(ORIGIN).signerKey);
  const signed = signNote(checkpoint, [log]);

  it('needs k valid cosignatures of the listed witnesses', () => {
    const policy = parseWitnessPolicy(text);
    expect(checkQuorum(policy, signed)).toMatchObject({ satisfied: false, cosignedBy: [], required: 2 });
    const one = `${signed}${w[0].cosign(checkpoint, 10)}`;
    expect(checkQuorum(policy, one).satisfied).toBe(false);
    const two = `${one}${w[2].cosign(checkpoint, 11)}`;
    expect(checkQuorum(policy, two)).toMatchObject({
      satisfied: true,
      cosignedBy: [
        { name: 'w0.example/witness', timestamp: 10 },
        { name: 'w2.example/witness', timestamp: 11 },
      ],
    });
    // A cosignature of another checkpoint does not count, and a bad one by a policy witness fails it.
    const stale = `${one}${w[1].cosign(checkpoint.replace('\n5\n', '\n4\n'), 11)}`;
    const stale2 = checkQuorum(policy, stale);
    expect(stale2.satisfied).toBe(false);
    expect(stale2.invalid.map((i) => i.name)).toEqual(['w1.example/witness']);
  });

  it('reads the transparency-dev policy format and refuses malformed policies', () => {
    const p = parseWitnessPolicy(
      `# comment\nwitness a ${w[0].verifier.verifierKey} https://a.example/\n  witness b ${w[1].verifier.verifierKey}\n\ngroup g any a b\nquorum g\n`,
    );
    expect(p.witnesses.map((x) => x.name)).toEqual(['a', 'b']);
    for (const [bad, why] of [
      [`witness a ${w[0].verifier.verifierKey}`, /must define a quorum/],
      ['quorum x', /not found/],
      [`witness all ${w[0].verifier.verifierKey}`, /invalid witness name/],
      [`witness a ${w[0].verifier.verifierKey}\ngroup g 2 a\nquorum g`, /invalid threshold/],
      ['frobnicate', /unknown keyword/],
    ] as const) {
      expect(() => parseWitnessPolicy(bad)).toThrow(WitnessPolicyError);
      expect(() => parseWitnessPolicy(bad)).toThrow(why);
    }
  });
});
