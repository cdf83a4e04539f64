import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { leafHash } from '../merkle/hash';
import { MemoryNodeStore } from '../merkle/memory-store';
import { perfectSubtrees, rootAt } from '../merkle/tree';
import { CompactRange } from './compact-range';
import { EntrySignatureCheck } from '../note/entry-signature';
import { EntryRow, VerifySignatures } from './entry-check';
import { nodesCompletingIn, StoredNodes } from './ledger-scan';
import { RangeVerifier } from './range-verifier';
import { checkRows } from './slice-check';

const leaf = (i: number): Buffer => leafHash(Buffer.from(`leaf ${i}`));

describe('ledger verification core', () => {
  it('nodesCompletingIn names exactly the subtrees that complete while leaves [a, b) are appended', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 300 }), (a, n) => {
        const range = new CompactRange();
        for (let i = 0; i < a; i++) range.push(leaf(i));
        const seen: string[] = [];
        for (let i = a; i < a + n; i++) range.push(leaf(i), (level, index) => seen.push(`${level}/${index}`));
        const named = nodesCompletingIn(a, a + n).flatMap((r) =>
          Array.from({ length: r.hi - r.lo + 1 }, (_, k) => `${r.level}/${r.lo + k}`),
        );
        expect(new Set(named)).toEqual(new Set(seen));
      }),
    );
  });

  it('a compact range built from the perfect subtrees of a prefix continues it', async () => {
    const store = new MemoryNodeStore();
    for (let i = 0; i < 45; i++) await store.append([leaf(i)]);
    const pieces = perfectSubtrees(0, 29);
    const read = await store.read(pieces);
    const range = CompactRange.fromPieces(
      29,
      pieces.map((p) => read.get(`${p.level}/${p.index}`)!),
    );
    expect(range.root()).toEqual(await rootAt(29, store.read));
    for (let i = 29; i < 45; i++) range.push(leaf(i));
    expect(range.root()).toEqual(await rootAt(45, store.read));
  });

  describe('RangeVerifier', () => {
    const entry = (index: number): EntryRow => {
      const time = '2026-01-01T00:00:00.000Z';
      const canonical = Buffer.from(
        canonicalize({
          v: 2,
          ledger: '500101',
          index,
          time,
          action: 'A',
          entityType: 'T',
          entityId: `e${index}`,
          regionCode: null,
          actor: { userId: null, username: null, role: 'SYSTEM', regionCode: null },
          requestId: 'r',
          before: null,
          after: null,
          details: null,
          entityVersion: 1,
          previousLeafHash: null,
        })!,
      );
      return {
        index,
        leafHash: leafHash(canonical),
        canonical,
        signature: Buffer.alloc(68),
        action: 'A',
        entityType: 'T',
        entityId: `e${index}`,
        regionCode: null,
        actorId: null,
        requestId: 'r',
        recordedAt: time,
      };
    };
    const run = async (
      rows: EntryRow[],
      tamperNode?: (nodes: StoredNodes) => void,
      signatures: { deepFrom: number; verify: VerifySignatures } = {
        deepFrom: 0,
        verify: (checks) => Promise.resolve(checks.map(() => true)),
      },
    ) => {
      const problems: Array<{ index: number | null; kind: string }> = [];
      const v = new RangeVerifier(new CompactRange(), {
        verifySignatures: signatures.verify,
        report: (index, kind) => problems.push({ index, kind }),
      });
      // The stored subtrees, as the app would have written them.
      const ranges = nodesCompletingIn(0, 16);
      const nodes = new StoredNodes(ranges);
      const honest = new CompactRange();
      for (let i = 0; i < 16; i++) honest.push(entry(i).leafHash, (l, x, h) => nodes.set(l, x, h));
      tamperNode?.(nodes);
      const checked = checkRows(rows, { ledgerId: '500101', deepFrom: signatures.deepFrom });
      await v.consume({ from: 0, to: 16, checked, nodes, checkpoints: [] });
      return { v, problems };
    };

    it('accepts what the app wrote', async () => {
      const { v, problems } = await run(Array.from({ length: 16 }, (_, i) => entry(i)));
      expect(problems).toEqual([]);
      expect(v.expected).toBe(16);
    });

    it('reports a gap, a changed byte and the lowest damaged subtree only', async () => {
      const rows = Array.from({ length: 16 }, (_, i) => entry(i));
      rows[5] = { ...rows[5], canonical: Buffer.from(rows[5].canonical.toString().replace('"e5"', '"e6"')) };
      expect((await run(rows)).problems).toEqual([
        { index: 5, kind: 'LEAF_HASH' },
        { index: 5, kind: 'COLUMN' },
      ]);
      const gapped = rows.filter((r) => r.index !== 9);
      expect((await run(gapped)).problems.map((p) => p.kind)).toContain('GAP');
      const damaged = await run(
        Array.from({ length: 16 }, (_, i) => entry(i)),
        (nodes) => {
          nodes.set(1, 3, Buffer.alloc(32)); // leaves 6…7; its ancestors differ too, but are explained by it
        },
      );
      expect(damaged.problems).toEqual([{ index: 6, kind: 'NODE_HASH' }]);
    });

    it('has the signatures from deepFrom on verified, a slice at once, and reports each that fails', async () => {
      const asked: number[][] = [];
      const verify: VerifySignatures = (checks) => {
        asked.push(checks.map((c) => c.index));
        return Promise.resolve(checks.map((c) => c.index !== 3 && c.index !== 11 && c.index !== 14));
      };
      const rows = Array.from({ length: 16 }, (_, i) => entry(i));
      const { problems } = await run(rows, undefined, { deepFrom: 8, verify });
      expect(asked).toEqual([[8, 9, 10, 11, 12, 13, 14, 15]]);
      expect(problems).toEqual([
        { index: 11, kind: 'SIGNATURE' },
        { index: 14, kind: 'SIGNATURE' },
      ]);
      // Each check carries the leaf hash recomputed from the bytes and the stored signature.
      const seen: EntrySignatureCheck[] = [];
      await run(rows, undefined, {
        deepFrom: 15,
        verify: (checks) => {
          seen.push(...checks);
          return Promise.resolve(checks.map(() => true));
        },
      });
      expect(seen).toEqual([{ index: 15, leaf: rows[15].leafHash, signature: rows[15].signature }]);
    });
  });
});
