import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { leafHash } from '../merkle/hash';
import { MemoryNodeStore } from '../merkle/memory-store';
import { consistencyProof, inclusionProof, rootAt } from '../merkle/tree';
import { signCheckpoint } from '../note/checkpoint';
import { signEntry } from '../note/entry-signature';
import { generateSigner, NoteSigner, parseSignerKey } from '../note/keys';
import {
  BUNDLE_FORMAT,
  BundleVerification,
  canonicalJsonProblem,
  encodeHashes,
  EvidenceBundle,
  serializeBundle,
  strictJsonProblem,
  verifyBundle,
  VerifyBundleOptions,
} from './evidence-bundle';

const ORIGIN = 'wanzhou.asset-registry.example/ledger/500101';

/** An entry document shaped like the ledger's (see src/ledger/ledger-entry.format.ts), format 2. */
function entryDocument(
  index: number,
  entityType: string,
  entityId: string,
  previous: { version: number; leaf: Buffer } | null = null,
  format: 1 | 2 = 2,
): string {
  const text = canonicalize({
    v: format,
    ...(format === 2
      ? {
          entityVersion: (previous?.version ?? 0) + 1,
          previousLeafHash: previous?.leaf.toString('base64') ?? null,
        }
      : {}),
    ledger: '500101',
    index,
    time: `2024-05-0${1 + (index % 9)}T08:00:00.000Z`,
    action: index % 3 === 0 ? 'create' : 'update',
    entityType,
    entityId,
    regionCode: '500101001',
    actor: { userId: null, username: '张三', role: 'DISTRICT_ADMIN', regionCode: '500101' },
    requestId: `req-${index}`,
    before: null,
    after: { name: `万州区光伏电站 #${index}`, value: 12.5 + index, tags: ['扶贫', 'solar'] },
    details: { note: 'line1\nline2 "quoted" \\ backslash' },
  });
  if (text === undefined) throw new Error('cannot canonicalise');
  return text;
}

interface Log {
  signer: NoteSigner;
  verifierKey: string;
  store: MemoryNodeStore;
  canonicals: string[];
  /** Signed checkpoint notes, by size. */
  checkpoints: Map<number, string>;
}

const ASSET_AT = new Set([2, 7, 15]);

/** A log of `n` entries (entries 2, 7 and 15 are about Asset a-1), with a checkpoint at every size. */
async function makeLog(n: number, signer: NoteSigner, verifierKey: string, forkAt = -1): Promise<Log> {
  const store = new MemoryNodeStore();
  const canonicals: string[] = [];
  const checkpoints = new Map<number, string>();
  let previous = null as { version: number; leaf: Buffer } | null;
  for (let i = 0; i < n; i++) {
    const isAsset = ASSET_AT.has(i);
    let doc = entryDocument(
      i,
      isAsset ? 'Asset' : 'Income',
      isAsset ? 'a-1' : `inc-${i}`,
      isAsset ? previous : null,
    );
    if (i === forkAt) doc = doc.replace('create', 'delete');
    if (isAsset)
      previous = { version: (previous?.version ?? 0) + 1, leaf: leafHash(Buffer.from(doc, 'utf8')) };
    canonicals.push(doc);
    await store.append([leafHash(Buffer.from(doc, 'utf8'))]);
    const root = await rootAt(i + 1, store.read);
    checkpoints.set(i + 1, signCheckpoint({ origin: ORIGIN, size: i + 1, rootHash: root }, [signer]));
  }
  return { signer, verifierKey, store, canonicals, checkpoints };
}

/** What the server would build: entries `indices` proven at `size`, consistency from `fromSizes`. */
async function makeBundle(
  log: Log,
  size: number,
  indices: number[],
  fromSizes: number[],
  entity: boolean = true,
): Promise<EvidenceBundle> {
  const root = await rootAt(size, log.store.read);
  const entries = [];
  for (const index of indices) {
    const leaf = leafHash(Buffer.from(log.canonicals[index], 'utf8'));
    entries.push({
      index,
      canonical: log.canonicals[index],
      leafHash: leaf.toString('base64'),
      signature: signEntry(log.signer, ORIGIN, index, leaf),
      inclusionProof: encodeHashes(await inclusionProof(index, size, log.store.read)),
    });
  }
  const consistency = [];
  for (const fromSize of fromSizes) {
    consistency.push({
      fromSize,
      fromRoot: (await rootAt(fromSize, log.store.read)).toString('base64'),
      proof: encodeHashes(await consistencyProof(fromSize, size, log.store.read)),
    });
  }
  const checkpoint = log.checkpoints.get(size);
  if (checkpoint === undefined) throw new Error(`no checkpoint at ${size}`);
  expect(checkpoint.startsWith(`${ORIGIN}\n${size}\n${root.toString('base64')}\n\n— `)).toBe(true);
  return {
    format: BUNDLE_FORMAT,
    origin: ORIGIN,
    verifierKeys: [log.verifierKey],
    checkpoint,
    ...(entity ? { entity: { type: 'Asset', id: 'a-1' } } : {}),
    entries,
    ...(fromSizes.length > 0 ? { consistency } : {}),
  };
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const paths = (r: BundleVerification): string[] => r.problems.map((p) => p.path);
const messages = (r: BundleVerification): string =>
  r.problems.map((p) => `${p.path}: ${p.message}`).join('\n');

describe('evidence bundles', () => {
  const keys = generateSigner(ORIGIN);
  const signer = parseSignerKey(keys.signerKey);
  const attackerKeys = generateSigner(ORIGIN);
  const attacker = parseSignerKey(attackerKeys.signerKey);
  let log: Log;
  let bundle: EvidenceBundle;
  let pinned: VerifyBundleOptions;

  beforeAll(async () => {
    log = await makeLog(23, signer, keys.verifierKey);
    bundle = await makeBundle(log, 23, [2, 7, 15], [10, 16]);
    pinned = {
      trustedVerifierKeys: [keys.verifierKey],
      savedCheckpoints: [log.checkpoints.get(10)!, log.checkpoints.get(16)!, log.checkpoints.get(23)!],
    };
  });

  it('verifies a valid bundle, as an object, JSON text or bytes', () => {
    for (const input of [
      bundle,
      JSON.stringify(bundle),
      serializeBundle(bundle),
      Buffer.from(JSON.stringify(bundle)),
    ]) {
      const r = verifyBundle(input, pinned);
      expect(messages(r)).toBe('');
      expect(r).toMatchObject({
        ok: true,
        verifiedEntries: 3,
        totalEntries: 3,
        verifiedConsistency: 2,
        verifiedSavedCheckpoints: 3,
        warnings: [],
        entity: { type: 'Asset', id: 'a-1' },
        checkpoint: { origin: ORIGIN, size: 23, signedBy: [`${ORIGIN}+${signer.keyId.toString('hex')}`] },
      });
    }
    const unpinned = verifyBundle(bundle);
    expect(unpinned.ok).toBe(true);
    expect(unpinned.warnings.join()).toMatch(/pin the log key/);
  });

  it('accepts bundles without entity, entries or consistency, and the smallest tree', async () => {
    const bare = await makeBundle(log, 23, [0, 22], [], false);
    expect(messages(verifyBundle(bare, { trustedVerifierKeys: [keys.verifierKey] }))).toBe('');
    const none = await makeBundle(log, 5, [], [1, 4]);
    expect(messages(verifyBundle(none, { trustedVerifierKeys: [keys.verifierKey] }))).toBe('');
    const one = await makeBundle(log, 1, [0], [1], false);
    expect(messages(verifyBundle(one, { savedCheckpoints: [log.checkpoints.get(1)!] }))).toBe('');
  });

  it('fails when any single character of the serialised bundle is replaced', async () => {
    // a smaller bundle that still has every kind of field, to keep the exhaustive sweep fast
    const small = await makeBundle(log, 23, [2, 7], [10]);
    const options = { ...pinned, savedCheckpoints: [log.checkpoints.get(10)!, log.checkpoints.get(23)!] };
    expect(verifyBundle(small, options).ok).toBe(true);
    const text = JSON.stringify(small);
    const alternatives = ['A', '0', ' ', '"', '\\', '}', '\u2014'];
    let checked = 0;
    for (let i = 0; i < text.length; i++) {
      const original = text.charCodeAt(i);
      const flipped = String.fromCharCode(original ^ 1);
      const other = alternatives[i % alternatives.length];
      for (const ch of [flipped, other === text[i] ? 'B' : other]) {
        const tampered = text.slice(0, i) + ch + text.slice(i + 1);
        const r = verifyBundle(tampered, options);
        if (r.ok)
          throw new Error(
            `replacing character ${i} (${JSON.stringify(text[i])}) by ${JSON.stringify(ch)} still verifies`,
          );
        expect(r.problems.length).toBeGreaterThan(0);
        checked++;
      }
    }
    expect(checked).toBe(2 * text.length);
  });

  it('fails for random character replacements and insertions, with or without pinning', () => {
    const text = JSON.stringify(bundle);
    fc.assert(
      fc.property(
        fc.nat(text.length - 1),
        fc.string({ minLength: 1, maxLength: 3, unit: 'binary' }),
        fc.boolean(),
        fc.boolean(),
        (i, s, insert, withOptions) => {
          const tampered = text.slice(0, i) + s + text.slice(insert ? i : i + s.length);
          fc.pre(tampered !== text);
          // inserting JSON whitespace between tokens is not a change of the evidence
          fc.pre(!(insert && /^[ \t\n\r]+$/.test(s)));
          const r = verifyBundle(tampered, withOptions ? pinned : {});
          expect(r.ok).toBe(false);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('fails when any byte of the UTF-8 file is flipped', () => {
    const bytes = Buffer.from(serializeBundle(bundle), 'utf8');
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (i, mask) => {
        const tampered = Buffer.from(bytes);
        tampered[i] ^= mask;
        // pretty-printed JSON: swapping one whitespace byte between tokens for another is not a change
        fc.pre(
          !(
            /[ \n\t\r]/.test(String.fromCharCode(bytes[i])) &&
            /[ \n\t\r]/.test(String.fromCharCode(tampered[i]))
          ),
        );
        expect(verifyBundle(tampered, pinned).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('fails when any field is changed, removed or added', () => {
    let checked = 0;
    const check = (mutated: unknown, what: string): void => {
      const r = verifyBundle(mutated, pinned);
      if (r.ok) throw new Error(`${what} still verifies`);
      checked++;
    };
    const walk = (node: unknown, path: (string | number)[]): void => {
      const set = (value: unknown, remove = false): unknown => {
        const copy = clone(bundle) as unknown;
        let parent = copy as Record<string | number, unknown>;
        for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
        const last = path[path.length - 1];
        if (remove) {
          if (Array.isArray(parent)) parent.splice(last as number, 1);
          else delete parent[last];
        } else {
          parent[last] = value;
        }
        return copy;
      };
      const where = path.join('.');
      if (typeof node === 'string') {
        check(set(`${node}x`), `${where} + x`);
        check(set(node.slice(1)), `${where} without first char`);
        check(set(''), `${where} emptied`);
        check(
          set(node.length > 0 ? node.slice(0, -1) + (node.endsWith('A') ? 'B' : 'A') : 'A'),
          `${where} last char`,
        );
      } else if (typeof node === 'number') {
        check(set(node + 1), `${where} + 1`);
        check(set(node - 1), `${where} - 1`);
        check(set(String(node)), `${where} as string`);
      } else if (Array.isArray(node)) {
        node.forEach((child, i) => walk(child, [...path, i]));
        check(set([...node, node[0] ?? 'x']), `${where} with an extra element`);
      } else if (node !== null && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
        check(set({ ...(node as object), extra: 1 }), `${where} with an unknown field`);
      }
      // removals: of required fields, of proof hashes, of keys; not of whole entries/optional parts
      const parentKey = path[path.length - 2];
      const key = path[path.length - 1];
      const removable =
        (typeof key === 'string' && !['entity', 'consistency'].includes(key)) ||
        (typeof key === 'number' && ['inclusionProof', 'proof', 'verifierKeys'].includes(String(parentKey)));
      if (path.length > 0 && removable) check(set(undefined, true), `${where} removed`);
    };
    walk(bundle, []);
    expect(checked).toBeGreaterThan(200);
  });

  it('rejects texts that parse to the same bundle: non-integer numbers, duplicate keys', () => {
    const text = JSON.stringify(bundle);
    expect(verifyBundle(text, pinned).ok).toBe(true);
    const variants = [
      text.replace('"index":2,', '"index":2.0,'),
      text.replace('"index":2,', '"index":2e0,'),
      text.replace('"index":2,', '"index":20e-1,'),
      text.replace('"fromSize":10,', '"fromSize":1.0e1,'),
      text.replace('"index":2,', '"index":2,"index":2,'),
      text.replace('"format":', '"format":"x","format":'),
      text.replace('"type":"Asset"', '"type":"Asset","\\u0074ype":"Asset"'),
    ];
    for (const v of variants) {
      expect(v).not.toBe(text);
      expect(JSON.parse(v)).toEqual(JSON.parse(text));
      const r = verifyBundle(v, pinned);
      expect(r.ok).toBe(false);
      expect(r.problems[0].path).toBe('$');
      expect(r.problems[0].message).toMatch(/not strict/);
    }
    expect(strictJsonProblem('{"a":[{"a":1},{"a":2}],"b":{"a":0}}')).toBeNull();
    expect(strictJsonProblem('{"a":"x,\\"a\\":1","b":-0}')).toMatch(/number -0/);
    expect(strictJsonProblem('[1,{"k":1,"k":2}]')).toMatch(/duplicate key "k"/);
  });

  it('reports parse failures and non-objects instead of throwing', () => {
    expect(verifyBundle('{"format":')).toMatchObject({ ok: false, problems: [{ path: '$' }] });
    expect(verifyBundle(Buffer.from([0xff, 0xfe]))).toMatchObject({ ok: false, problems: [{ path: '$' }] });
    for (const x of [null, 42, [], 'null', '[]', undefined]) {
      const r = verifyBundle(x);
      expect(r.ok).toBe(false);
      expect(r.problems[0].path).toBe('$');
    }
    const empty = verifyBundle({});
    expect(paths(empty)).toEqual(
      expect.arrayContaining(['format', 'origin', 'verifierKeys', 'checkpoint', 'entries']),
    );
  });

  it('names precisely what failed', async () => {
    const r = (b: unknown, o: VerifyBundleOptions = pinned): string => messages(verifyBundle(b, o));

    const wrongProof = clone(bundle);
    wrongProof.entries[1].inclusionProof = clone(bundle.entries[0].inclusionProof);
    expect(r(wrongProof)).toMatch(
      /^entries\[1\]\.inclusionProof: does not verify against checkpoint root at size 23/m,
    );

    const tooFar = clone(bundle);
    tooFar.entries[0] = (await makeBundle(log, 23, [22], [])).entries[0];
    tooFar.checkpoint = log.checkpoints.get(20)!;
    tooFar.consistency = [];
    expect(r(tooFar, {})).toMatch(/^entries\[0\]\.index: 22 is not below the checkpoint size 20/m);

    const otherEntity = await makeBundle(log, 23, [3], [], false);
    otherEntity.entity = { type: 'Asset', id: 'a-1' };
    expect(r(otherEntity)).toMatch(
      /entries\[0\]\.canonical: "entityType" is "Income", not the bundle entity type "Asset"/,
    );
    expect(r(otherEntity)).toMatch(
      /entries\[0\]\.canonical: "entityId" is "inc-3", not the bundle entity id "a-1"/,
    );

    const notCanonical = clone(bundle);
    notCanonical.entries[0].canonical = JSON.stringify(JSON.parse(bundle.entries[0].canonical), null, 1);
    expect(r(notCanonical)).toMatch(/entries\[0\]\.canonical: is not in RFC 8785 \(JCS\) canonical form/);
    expect(r(notCanonical)).toMatch(/entries\[0\]\.leafHash: does not match the hash of the canonical text/);

    // a consistent forgery: new document with its correct leaf hash — the signature and the proof give it away
    const forged = clone(bundle);
    const doc = JSON.parse(bundle.entries[0].canonical) as Record<string, unknown>;
    doc.action = 'delete';
    forged.entries[0].canonical = canonicalize(doc)!;
    forged.entries[0].leafHash = leafHash(Buffer.from(forged.entries[0].canonical)).toString('base64');
    expect(r(forged)).toMatch(/entries\[0\]\.signature: signature does not verify with key/);
    expect(r(forged)).toMatch(
      /entries\[0\]\.inclusionProof: does not verify against checkpoint root at size 23/,
    );

    const wrongIndex = clone(bundle);
    wrongIndex.entries[0].index = 3;
    expect(r(wrongIndex)).toMatch(/entries\[0\]\.canonical: "index" is 2 but the entry index is 3/);

    const otherLedger = clone(bundle);
    otherLedger.origin = 'wanzhou.asset-registry.example/ledger/500102';
    expect(r(otherLedger)).toMatch(
      /^checkpoint: origin ".*500101" differs from the bundle origin ".*500102"/m,
    );
    expect(r(otherLedger)).toMatch(/"ledger" is "500101" but the origin is the ledger of 500102/);

    const badFormat = { ...clone(bundle), format: 'asset-registry-evidence/v2' };
    expect(r(badFormat)).toMatch(/^format: must be "asset-registry-evidence\/v1"/m);

    const consistencyBad = clone(bundle);
    consistencyBad.consistency![0].fromRoot = consistencyBad.consistency![1].fromRoot;
    expect(r(consistencyBad)).toMatch(
      /^consistency\[0\]\.proof: does not prove size 10 consistent with the checkpoint at size 23/m,
    );
    expect(r(consistencyBad)).toMatch(
      /^savedCheckpoints\[0\]: its root hash at size 10 differs from consistency\[0\]\.fromRoot/m,
    );

    const badSignature = clone(bundle);
    const sigAt = badSignature.checkpoint.lastIndexOf(' ') + 10;
    badSignature.checkpoint =
      badSignature.checkpoint.slice(0, sigAt) +
      (badSignature.checkpoint[sigAt] === 'A' ? 'B' : 'A') +
      badSignature.checkpoint.slice(sigAt + 1);
    expect(r(badSignature)).toMatch(
      /^checkpoint: signature does not verify with key wanzhou\.asset-registry\.example\/ledger\/500101\+[0-9a-f]{8}$/m,
    );
  });

  it('pins the log key: a bundle that brings its own key is rejected', async () => {
    const fakeLog = await makeLog(23, attacker, attackerKeys.verifierKey);
    const fake = await makeBundle(fakeLog, 23, [2, 7, 15], [10]);
    expect(verifyBundle(fake).ok).toBe(true); // self-consistent …
    const r = verifyBundle(fake, { trustedVerifierKeys: [keys.verifierKey] });
    expect(r.ok).toBe(false); // … but not signed by the pinned key
    expect(messages(r)).toMatch(/^checkpoint: signed by .*, which is not among the trusted verifier keys$/m);
    expect(messages(r)).toMatch(
      /^entries\[0\]\.signature: signed by .*, which is not among the trusted verifier keys$/m,
    );
    // the real checkpoint with the attacker's key listed: the note is not signed by that key
    const swapped = { ...clone(bundle), verifierKeys: [attackerKeys.verifierKey] };
    expect(messages(verifyBundle(swapped))).toMatch(
      /^checkpoint: not signed by any of the bundle's verifier keys/m,
    );
    const badTrusted = verifyBundle(bundle, { trustedVerifierKeys: ['nonsense'] });
    expect(badTrusted.ok).toBe(false);
    expect(paths(badTrusted)).toContain('options.trustedVerifierKeys[0]');
  });

  it('checks saved checkpoints: older bundle, missing proof, forks', async () => {
    const older = await makeBundle(log, 16, [2, 7, 15], [10]);
    const r1 = verifyBundle(older, pinned);
    expect(messages(r1)).toMatch(
      /^savedCheckpoints\[2\]: the bundle checkpoint \(size 16\) is older than this saved checkpoint \(size 23\)/m,
    );

    const noProof = clone(bundle);
    delete noProof.consistency;
    expect(messages(verifyBundle(noProof, pinned))).toMatch(
      /^savedCheckpoints\[0\]: no consistency proof from its size 10 to the checkpoint size 23 in the bundle/m,
    );

    // the log signed a different history (entry 3 changed): same key, so the signatures verify
    const forkLog = await makeLog(23, signer, keys.verifierKey, 3);
    const sameSize = verifyBundle(bundle, { ...pinned, savedCheckpoints: [forkLog.checkpoints.get(23)!] });
    expect(messages(sameSize)).toMatch(
      /^savedCheckpoints\[0\]: both checkpoints have size 23 but different root hashes: the log forked/m,
    );
    const forkedBundle = await makeBundle(forkLog, 23, [2], [10]);
    const earlier = verifyBundle(forkedBundle, { ...pinned, savedCheckpoints: [log.checkpoints.get(10)!] });
    expect(messages(earlier)).toMatch(
      /^savedCheckpoints\[0\]: its root hash at size 10 differs from consistency\[0\]\.fromRoot/m,
    );

    const foreign = signCheckpoint({ origin: 'elsewhere.example/log', size: 5, rootHash: Buffer.alloc(32) }, [
      signer,
    ]);
    expect(messages(verifyBundle(bundle, { ...pinned, savedCheckpoints: [foreign] }))).toMatch(
      /^savedCheckpoints\[0\]: is a checkpoint of "elsewhere.example\/log"/m,
    );
    const unsigned = signCheckpoint({ origin: ORIGIN, size: 5, rootHash: Buffer.alloc(32) }, [attacker]);
    expect(messages(verifyBundle(bundle, { ...pinned, savedCheckpoints: [unsigned] }))).toMatch(
      /^savedCheckpoints\[0\]: not signed by any of the trusted verifier keys/m,
    );
    expect(messages(verifyBundle(bundle, { ...pinned, savedCheckpoints: ['garbage'] }))).toMatch(
      /^savedCheckpoints\[0\]: malformed note/m,
    );
  });

  it("proves the entity's history complete, and fails when an entry of it is left out", async () => {
    expect(verifyBundle(bundle, pinned).history).toEqual({ complete: true, entries: 3, latestVersion: 3 });

    const trusted = { trustedVerifierKeys: [keys.verifierKey] };
    const withoutFirst = await makeBundle(log, 23, [7, 15], []);
    const first = verifyBundle(withoutFirst, trusted);
    expect(first.ok).toBe(false);
    expect(first.history?.complete).toBe(false);
    expect(messages(first)).toBe(
      'entries[0].canonical: entityVersion is 2 but the bundle holds no earlier entry of Asset a-1: the start of its history (1 entry is missing)',
    );

    const withoutMiddle = await makeBundle(log, 23, [2, 15], []);
    expect(messages(verifyBundle(withoutMiddle, trusted))).toBe(
      'entries[1].canonical: entityVersion is 3 but the previous entry of Asset a-1 in the bundle (index 2) is version 1: 1 entry is missing between them',
    );

    // The newest entry alone proves nothing about the ones before it being present: it fails too.
    const newestOnly = await makeBundle(log, 23, [15], []);
    expect(verifyBundle(newestOnly, trusted).ok).toBe(false);

    // Entries in any order in the file: the chain is checked in index order.
    const reordered = clone(bundle);
    reordered.entries.reverse();
    expect(
      verifyBundle(reordered, { trustedVerifierKeys: pinned.trustedVerifierKeys }).history?.complete,
    ).toBe(true);

    // A bundle of arbitrary entries (no entity) makes no claim about a history.
    expect(verifyBundle(await makeBundle(log, 23, [7], [], false), trusted).history).toBeUndefined();
  });

  it('accepts histories of format 1 entries, but says that they cannot be proven complete', async () => {
    const store = new MemoryNodeStore();
    const canonicals = [0, 1, 2].map((i) => entryDocument(i, 'Asset', 'a-1', null, 1));
    for (const c of canonicals) await store.append([leafHash(Buffer.from(c, 'utf8'))]);
    const oldLog: Log = {
      signer,
      verifierKey: keys.verifierKey,
      store,
      canonicals,
      checkpoints: new Map([
        [3, signCheckpoint({ origin: ORIGIN, size: 3, rootHash: await rootAt(3, store.read) }, [signer])],
      ]),
    };
    const legacy = verifyBundle(await makeBundle(oldLog, 3, [1, 2], []), {
      trustedVerifierKeys: [keys.verifierKey],
    });
    expect(legacy.ok).toBe(true);
    expect(legacy.history).toEqual({ complete: false, entries: 2, latestVersion: null });
    expect(legacy.warnings).toContainEqual(expect.stringMatching(/predate entry format 2/));
  });

  it('canonicalJsonProblem', () => {
    expect(canonicalJsonProblem('{"a":1,"b":[true,null,"x"]}')).toBeNull();
    expect(canonicalJsonProblem('{"b":1,"a":2}')).toMatch(/canonical form/);
    expect(canonicalJsonProblem('{"a":1.0}')).toMatch(/canonical form/);
    expect(canonicalJsonProblem('{"a":"\\u0041"}')).toMatch(/canonical form/);
    expect(canonicalJsonProblem('[1]')).toMatch(/not a JSON object/);
    expect(canonicalJsonProblem('{')).toMatch(/not valid JSON/);
    expect(canonicalJsonProblem('{"a":"\ud800"}')).toMatch(/lone surrogate/);
  });
});
