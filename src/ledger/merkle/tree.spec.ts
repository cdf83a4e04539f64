import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { EMPTY_ROOT, leafHash, nodeHash } from './hash';
import { MemoryNodeStore } from './testing/memory-store';
import { naiveConsistency, naivePath, naiveRoot } from './testing/naive';
import {
  appendLeaves,
  checkConsistency,
  checkInclusion,
  computeAppend,
  consistencyProof,
  inclusionProof,
  newCompleteNodes,
  NodeId,
  NodeReader,
  nodeKey,
  perfectSubtrees,
  planAppendIds,
  planConsistencyProof,
  planInclusionProof,
  planRoot,
  readPlans,
  rightEdgeAfter,
  rootAt,
  verifyConsistency,
  verifyInclusion,
} from './tree';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/rfc6962');

function jsonFilesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? jsonFilesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => f.endsWith('.json'))
    .sort();
}

const b64 = (s: string): Buffer => Buffer.from(s, 'base64');
const ceilLog2 = (n: number): number => (n <= 1 ? 0 : Math.ceil(Math.log2(n)));
const popcount = (n: number): number => n.toString(2).replace(/0/g, '').length;

/** A reader that records every call, wrapping a store. */
function countingReader(store: MemoryNodeStore): { read: NodeReader; calls: NodeId[][] } {
  const calls: NodeId[][] = [];
  return {
    calls,
    read: (ids) => {
      calls.push(ids);
      return store.read(ids);
    },
  };
}

/** Builds a store holding `leaves`, appended in batches of the given sizes (cycled). */
async function buildStore(
  leaves: readonly Buffer[],
  batches: readonly number[] = [1],
): Promise<MemoryNodeStore> {
  const store = new MemoryNodeStore();
  let i = 0;
  let b = 0;
  while (i < leaves.length) {
    const n = Math.max(1, batches[b++ % batches.length]);
    await store.append(leaves.slice(i, i + n));
    i += n;
  }
  return store;
}

const leavesFor = (seed: number, n: number): Buffer[] =>
  Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`leaf ${seed} ${i}`)));

function flipBit(h: Buffer, byte = 0, bit = 0): Buffer {
  const c = Buffer.from(h);
  c[byte % c.length] ^= 1 << bit;
  return c;
}

describe('hash', () => {
  it('matches RFC 6962 known values', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    // leaf hash of the empty leaf, as in the RFC 6962 test data (first leaf of the reference tree).
    expect(leafHash(Buffer.alloc(0)).toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    expect(nodeHash(Buffer.alloc(32), Buffer.alloc(32))).toHaveLength(32);
  });
});

describe('RFC 6962 test vectors (transparency-dev/merkle testdata)', () => {
  interface InclusionVector {
    leafIdx: number;
    treeSize: number;
    root: string;
    leafHash: string;
    proof: string[] | null;
    desc: string;
    wantErr: boolean;
  }
  interface ConsistencyVector {
    size1: number;
    size2: number;
    root1: string;
    root2: string;
    proof: string[] | null;
    desc: string;
    wantErr: boolean;
  }
  const inclusionFiles = jsonFilesUnder(path.join(FIXTURES, 'inclusion'));
  const consistencyFiles = jsonFilesUnder(path.join(FIXTURES, 'consistency'));
  const rel = (f: string): string => path.relative(FIXTURES, f);

  it('finds every vector file', () => {
    expect(inclusionFiles.length).toBe(98);
    expect(consistencyFiles.length).toBe(98);
  });

  it.each(inclusionFiles.map((f) => [rel(f), f]))('inclusion %s', (_name, file) => {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as InclusionVector;
    const proof = (v.proof ?? []).map(b64);
    const res = checkInclusion(v.leafIdx, v.treeSize, b64(v.leafHash), proof, b64(v.root));
    expect({ ok: res.ok, desc: v.desc }).toEqual({ ok: !v.wantErr, desc: v.desc });
    expect(verifyInclusion(v.leafIdx, v.treeSize, b64(v.leafHash), proof, b64(v.root))).toBe(!v.wantErr);
  });

  it.each(consistencyFiles.map((f) => [rel(f), f]))('consistency %s', (_name, file) => {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as ConsistencyVector;
    const proof = (v.proof ?? []).map(b64);
    const res = checkConsistency(v.size1, v.size2, proof, b64(v.root1), b64(v.root2));
    expect({ ok: res.ok, desc: v.desc }).toEqual({ ok: !v.wantErr, desc: v.desc });
    expect(verifyConsistency(v.size1, v.size2, proof, b64(v.root1), b64(v.root2))).toBe(!v.wantErr);
  });

  // The happy-path vectors come from the RFC 6962 reference tree of 8 leaves; our stored-node generator
  // must reproduce those exact proofs.
  const referenceLeaves = [
    '',
    '00',
    '10',
    '2021',
    '3031',
    '40414243',
    '5051525354555657',
    '606162636465666768696a6b6c6d6e6f',
  ].map((h) => leafHash(Buffer.from(h, 'hex')));
  const referenceRoots = [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
    '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
    'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
    '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  ];

  it('reproduces the reference tree roots', async () => {
    const store = await buildStore(referenceLeaves, [3, 1, 2]);
    for (let n = 1; n <= 8; n++) {
      expect((await rootAt(n, store.read)).toString('hex')).toBe(referenceRoots[n - 1]);
    }
  });

  it('reproduces the happy-path proofs', async () => {
    const store = await buildStore(referenceLeaves);
    let checked = 0;
    for (const file of inclusionFiles.filter((f) => f.endsWith('happy-path.json'))) {
      const v = JSON.parse(fs.readFileSync(file, 'utf8')) as InclusionVector;
      if (!referenceLeaves[v.leafIdx]?.equals(b64(v.leafHash))) continue;
      const proof = await inclusionProof(v.leafIdx, v.treeSize, store.read);
      expect(proof.map((p) => p.toString('base64'))).toEqual(v.proof ?? []);
      expect((await rootAt(v.treeSize, store.read)).toString('base64')).toBe(v.root);
      checked++;
    }
    for (const file of consistencyFiles.filter((f) => f.endsWith('happy-path.json'))) {
      const v = JSON.parse(fs.readFileSync(file, 'utf8')) as ConsistencyVector;
      const proof = await consistencyProof(v.size1, v.size2, store.read);
      expect(proof.map((p) => p.toString('base64'))).toEqual(v.proof ?? []);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });
});

describe('perfectSubtrees', () => {
  it('is the binary decomposition of n for [0, n)', () => {
    expect(perfectSubtrees(0, 0)).toEqual([]);
    expect(perfectSubtrees(0, 13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    for (let n = 0; n < 600; n++) expect(perfectSubtrees(0, n)).toHaveLength(popcount(n));
  });

  it('covers any range with aligned, maximal, O(log n) pieces', () => {
    fc.assert(
      fc.property(fc.nat(1 << 20), fc.nat(1 << 20), (x, y) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        const pieces = perfectSubtrees(a, b);
        let pos = a;
        for (const p of pieces) {
          const w = 2 ** p.level;
          expect(p.index * w).toBe(pos);
          // maximal: the next larger aligned subtree would not fit or not be aligned
          expect(pos % (2 * w) !== 0 || pos + 2 * w > b).toBe(true);
          pos += w;
        }
        expect(pos).toBe(b);
        expect(pieces.length).toBeLessThanOrEqual(2 * ceilLog2(b - a + 1));
      }),
    );
  });

  it('works beyond 32-bit sizes', () => {
    const n = 2 ** 40 + 5;
    expect(perfectSubtrees(0, n)).toEqual([
      { level: 40, index: 0 },
      { level: 2, index: 2 ** 38 },
      { level: 0, index: 2 ** 40 + 4 },
    ]);
  });
});

describe('append', () => {
  it('stores exactly the complete subtrees', async () => {
    const leaves = leavesFor(1, 100);
    const store = new MemoryNodeStore();
    for (let n = 0; n < leaves.length; n++) {
      const created = await newCompleteNodes(store.size, leaves[n], store.read);
      // leaf n completes its level-k ancestor for each trailing one bit of n (plus the leaf itself).
      const trailingOnes = (n.toString(2).match(/1*$/) ?? [''])[0].length;
      expect(created.map((c) => c.level)).toEqual(Array.from({ length: trailingOnes + 1 }, (_, k) => k));
      expect(created.every((c) => c.index === Math.floor(n / 2 ** c.level))).toBe(true);
      await store.append([leaves[n]]);
      expect(store.nodeCount).toBe(2 * (n + 1) - popcount(n + 1));
    }
  });

  it('batch append equals one-by-one append and reads once, O(log n) ids', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(300),
        fc.integer({ min: 1, max: 80 }),
        fc.integer(),
        async (size, count, seed) => {
          const leaves = leavesFor(seed, size + count);
          const store = await buildStore(leaves.slice(0, size), [7]);
          const { read, calls } = countingReader(store);
          const batch = await appendLeaves(size, leaves.slice(size), read);
          expect(calls.length).toBeLessThanOrEqual(1);
          expect(calls.flat().length).toBeLessThanOrEqual(ceilLog2(size + count) + 1);
          expect(planAppendIds(size, count)).toEqual(calls[0] ?? []);

          const oneByOne = await buildStore(leaves.slice(0, size), [7]);
          const expected = [];
          for (let i = size; i < size + count; i++) expected.push(...(await oneByOne.append([leaves[i]])));
          const sortKey = (a: NodeId, b: NodeId): number => a.level - b.level || a.index - b.index;
          expect([...batch].sort(sortKey)).toEqual([...expected].sort(sortKey));
          expect(batch.length).toBe(
            2 * (size + count) - popcount(size + count) - (2 * size - popcount(size)),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects malformed leaves and missing nodes', async () => {
    expect(() => computeAppend(0, [Buffer.alloc(31)], new Map())).toThrow(RangeError);
    const store = await buildStore(leavesFor(2, 3));
    // claim the tree has 5 leaves while only 3 are stored: the reader cannot return node 0/4
    await expect(appendLeaves(5, leavesFor(3, 1), store.read)).rejects.toThrow(/node 0\/4 was not returned/);
  });
});

describe('stored-node proofs against the naive RFC implementation', () => {
  it('agrees exhaustively for every tree up to 48 leaves', async () => {
    const leaves = leavesFor(42, 48);
    const store = await buildStore(leaves, [5, 1, 3]);
    for (let n = 0; n <= leaves.length; n++) {
      const prefix = leaves.slice(0, n);
      const root = await rootAt(n, store.read);
      expect(root).toEqual(naiveRoot(prefix));
      for (let i = 0; i < n; i++) {
        const proof = await inclusionProof(i, n, store.read);
        expect(proof).toEqual(naivePath(i, prefix));
        expect(checkInclusion(i, n, leaves[i], proof, root)).toEqual({ ok: true });
      }
      for (let m = 0; m <= n; m++) {
        const proof = await consistencyProof(m, n, store.read);
        expect(proof).toEqual(naiveConsistency(m, prefix));
        const r1 = naiveRoot(leaves.slice(0, m));
        expect(checkConsistency(m, n, proof, r1, root).ok).toBe(m > 0);
      }
    }
  });

  const treeArb = fc.record({
    n: fc.integer({ min: 1, max: 300 }),
    seed: fc.integer(),
    batches: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
    queries: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 8 }),
  });

  it('roots and inclusion proofs equal the naive ones, verify, read once and O(log n) nodes', async () => {
    await fc.assert(
      fc.asyncProperty(treeArb, async ({ n, seed, batches, queries }) => {
        const leaves = leavesFor(seed, n);
        const store = await buildStore(leaves, batches);
        for (const [a, b] of queries) {
          const size = 1 + (a % n);
          const index = b % size;
          const prefix = leaves.slice(0, size);
          const { read, calls } = countingReader(store);
          const root = await rootAt(size, read);
          expect(root).toEqual(naiveRoot(prefix));
          expect(calls).toHaveLength(1);
          expect(calls[0].length).toBeLessThanOrEqual(ceilLog2(size) + 1);

          calls.length = 0;
          const proof = await inclusionProof(index, size, read);
          expect(proof).toEqual(naivePath(index, prefix));
          expect(calls.length).toBe(proof.length > 0 ? 1 : 0);
          expect(calls.flat().length).toBeLessThanOrEqual(2 * ceilLog2(size) + 2);
          expect(verifyInclusion(index, size, leaves[index], proof, root)).toBe(true);

          // mutations must fail
          expect(verifyInclusion(index, size, leaves[index], proof, flipBit(root))).toBe(false);
          expect(verifyInclusion(index, size, flipBit(leaves[index], 31, 7), proof, root)).toBe(false);
          if (size > 1)
            expect(verifyInclusion((index + 1) % size, size, leaves[index], proof, root)).toBe(false);
          // (the size itself is authenticated by the signed checkpoint; these are the mutations of the Go suite)
          expect(verifyInclusion(index, size * 2, leaves[index], proof, root)).toBe(false);
          expect(verifyInclusion(index, Math.floor(size / 2), leaves[index], proof, root)).toBe(false);
          proof.forEach((_, i) => {
            const bad = proof.map((p, j) => (i === j ? flipBit(p, i, 3) : p));
            expect(verifyInclusion(index, size, leaves[index], bad, root)).toBe(false);
          });
          expect(verifyInclusion(index, size, leaves[index], [...proof, root], root)).toBe(false);
          if (proof.length > 0) {
            expect(verifyInclusion(index, size, leaves[index], proof.slice(1), root)).toBe(false);
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it('consistency proofs equal the naive ones, verify, read once and O(log n) nodes', async () => {
    await fc.assert(
      fc.asyncProperty(treeArb, async ({ n, seed, batches, queries }) => {
        const leaves = leavesFor(seed, n);
        const store = await buildStore(leaves, batches);
        for (const [a, b] of queries) {
          const size2 = 1 + (a % n);
          const size1 = b % (size2 + 1);
          const root1 = naiveRoot(leaves.slice(0, size1));
          const root2 = naiveRoot(leaves.slice(0, size2));
          const { read, calls } = countingReader(store);
          const proof = await consistencyProof(size1, size2, read);
          expect(proof).toEqual(naiveConsistency(size1, leaves.slice(0, size2)));
          expect(calls.length).toBe(proof.length > 0 ? 1 : 0);
          expect(calls.flat().length).toBeLessThanOrEqual(2 * ceilLog2(size2) + 2);
          if (size1 === 0) {
            expect(proof).toEqual([]);
            expect(verifyConsistency(size1, size2, proof, root1, root2)).toBe(false);
            continue;
          }
          expect(checkConsistency(size1, size2, proof, root1, root2)).toEqual({ ok: true });
          if (size1 === size2) {
            expect(verifyConsistency(size1, size2, [root1], root1, root2)).toBe(false);
            continue;
          }
          // mutations must fail
          expect(verifyConsistency(size1, size2, proof, flipBit(root1), root2)).toBe(false);
          expect(verifyConsistency(size1, size2, proof, root1, flipBit(root2))).toBe(false);
          expect(verifyConsistency(size1, size2, proof, root2, root1)).toBe(false);
          expect(verifyConsistency(size1 + 1, size2, proof, root1, root2)).toBe(false);
          if (size1 > 1) expect(verifyConsistency(size1 - 1, size2, proof, root1, root2)).toBe(false);
          expect(verifyConsistency(size1, size2 * 2, proof, root1, root2)).toBe(false);
          expect(verifyConsistency(size1, Math.floor(size2 / 2), proof, root1, root2)).toBe(false);
          proof.forEach((_, i) => {
            const bad = proof.map((p, j) => (i === j ? flipBit(p, i, 4) : p));
            expect(verifyConsistency(size1, size2, bad, root1, root2)).toBe(false);
          });
          expect(verifyConsistency(size1, size2, proof.slice(0, -1), root1, root2)).toBe(false);
          expect(verifyConsistency(size1, size2, [...proof, root2], root1, root2)).toBe(false);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('fetches several plans in one read', async () => {
    const leaves = leavesFor(7, 77);
    const store = await buildStore(leaves);
    const { read, calls } = countingReader(store);
    const [root, incl, cons] = await readPlans(
      [planRoot(77), planInclusionProof(12, 77), planConsistencyProof(30, 77)] as const,
      read,
    );
    expect(calls).toHaveLength(1);
    expect(new Set(calls[0].map(nodeKey)).size).toBe(calls[0].length);
    expect(root).toEqual(naiveRoot(leaves));
    expect(incl).toEqual(naivePath(12, leaves));
    expect(cons).toEqual(naiveConsistency(30, leaves));
  });
});

describe('edge cases and malformed input', () => {
  it('handles the empty tree and rejects impossible requests', async () => {
    const store = new MemoryNodeStore();
    const { read, calls } = countingReader(store);
    expect(await rootAt(0, read)).toEqual(EMPTY_ROOT);
    expect(calls).toHaveLength(0);
    await expect(inclusionProof(0, 0, read)).rejects.toThrow(RangeError);
    await expect(consistencyProof(2, 1, read)).rejects.toThrow(RangeError);
    await expect(rootAt(-1, read)).rejects.toThrow(RangeError);
    await expect(rootAt(1.5, read)).rejects.toThrow(RangeError);
    expect(await consistencyProof(0, 0, read)).toEqual([]);
    // asking for nodes that are not stored yet fails loudly instead of producing a wrong hash
    await expect(rootAt(3, read)).rejects.toThrow(/not returned/);
  });

  it('verification rejects malformed input instead of throwing', () => {
    const h = leafHash(Buffer.from('x'));
    const bad: unknown[] = [NaN, -1, 1.5, Infinity, '1', 2 ** 60];
    for (const x of bad) {
      expect(verifyInclusion(x as number, 4, h, [], h)).toBe(false);
      expect(verifyInclusion(0, x as number, h, [], h)).toBe(false);
      expect(verifyConsistency(x as number, 4, [], h, h)).toBe(false);
      expect(verifyConsistency(1, x as number, [], h, h)).toBe(false);
    }
    expect(verifyInclusion(0, 1, h, [], h)).toBe(true);
    expect(verifyInclusion(0, 1, h, null as unknown as Buffer[], h)).toBe(false);
    expect(verifyInclusion(0, 2, h, [Buffer.alloc(31)], h)).toBe(false);
    expect(verifyInclusion(0, 2, h, ['x' as unknown as Buffer], h)).toBe(false);
    expect(verifyInclusion(0, 1, h, [], h.subarray(1))).toBe(false);
    expect(verifyConsistency(1, 2, 'proof' as unknown as Buffer[], h, h)).toBe(false);
    expect(verifyConsistency(1, 2, [Buffer.alloc(33)], h, h)).toBe(false);
    expect(checkInclusion(5, 5, h, [], h)).toEqual({
      ok: false,
      reason: 'leaf index 5 is not below tree size 5',
    });
    expect(checkConsistency(3, 5, [], h, h)).toEqual({
      ok: false,
      reason: 'wrong proof length 0, expected 4',
    });
  });
});

describe('rightEdgeAfter', () => {
  it('is the edge read from the stored tree, for every size up to 70 and appends of 1 to 17 leaves', async () => {
    const leaves = leavesFor(7, 90);
    const store = await buildStore(leaves, [3, 1, 5]);
    const edgeOf = async (n: number): Promise<Map<string, Buffer>> => store.read(perfectSubtrees(0, n));
    for (let size = 0; size <= 70; size++) {
      const old = await edgeOf(size);
      for (let count = 1; count <= 17; count++) {
        const appended = computeAppend(size, leaves.slice(size, size + count), old);
        const edge = rightEdgeAfter(old, appended, size + count);
        expect(edge).toEqual(await edgeOf(size + count));
        // And it is enough for the next append: the same nodes as appending both at once.
        const next = computeAppend(size + count, leaves.slice(size + count, size + count + 2), edge);
        const both = computeAppend(size, leaves.slice(size, size + count + 2), old);
        expect(next).toEqual(both.filter((n) => !appended.some((a) => nodeKey(a) === nodeKey(n))));
      }
    }
  });

  it('fails loudly when the old edge lacks a node', () => {
    const leaves = leavesFor(3, 4);
    const appended = computeAppend(0, leaves.slice(0, 3), new Map());
    expect(() => rightEdgeAfter(new Map(), appended.slice(0, 1), 3)).toThrow(/neither old nor appended/);
  });
});
