import canonicalize from 'canonicalize';
import { leafHash } from '../merkle/hash';
import { CheckedRows, checkSlice } from './slice-check';
import { binaryCopy, cut, int64 } from './testing/binary-copy';

const TIME = '2026-01-01T00:00:00.000Z';
const MICROS = BigInt(Date.UTC(2026, 0, 1) - Date.UTC(2000, 0, 1)) * 1000n;

/** The columns of entry `index` as the app writes them, with `change` applied to the row. */
function entryFields(index: number, change?: (f: Array<Buffer | null>) => void): Array<Buffer | null> {
  const canonical = Buffer.from(
    canonicalize({
      v: 2,
      ledger: '500101',
      index,
      time: TIME,
      action: 'ASSET_REGISTERED',
      entityType: 'Asset',
      entityId: `e${index}`,
      regionCode: '500101001001',
      actor: { userId: null, username: null, role: 'SYSTEM', regionCode: null },
      requestId: `请求${index}`,
      before: null,
      after: { name: '光伏电站', n: index },
      details: null,
      entityVersion: 1,
      previousLeafHash: null,
    })!,
  );
  const fields: Array<Buffer | null> = [
    int64(BigInt(index)),
    leafHash(canonical),
    canonical,
    Buffer.alloc(68, index),
    Buffer.from('ASSET_REGISTERED'),
    Buffer.from('Asset'),
    Buffer.from(`e${index}`),
    Buffer.from('500101001001'),
    null,
    Buffer.from(`请求${index}`),
    int64(MICROS),
  ];
  change?.(fields);
  return fields;
}

/** Sixteen entries (one missing), some damaged in each way a row's own checks can see. */
function slice(): Buffer {
  const rows = [];
  for (let i = 0; i < 16; i++) {
    if (i === 12) continue; // a gap: the main thread's to report
    rows.push(
      entryFields(i, (f) => {
        if (i === 3) f[2] = Buffer.from(f[2]!.toString().replace('"e3"', '"e4"')); // bytes changed
        if (i === 5) f[1] = f[1]!.subarray(0, 31); // a stored leaf hash cut short
        if (i === 7) f[4] = Buffer.from('ASSET_DISPOSED'); // a query column changed
        if (i === 9) {
          f[2] = Buffer.from(f[2]!.toString().replace('{', '{ ')); // not canonical, its hash made to fit
          f[1] = leafHash(f[2]);
        }
      }),
    );
  }
  return binaryCopy(rows);
}

/** CheckedRows as plain data, to compare. */
function plain(c: CheckedRows): unknown {
  const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
  return {
    ...c,
    stored: c.stored.map(hex),
    leaves: c.leaves.map(hex),
    signatures: c.signatures.map((s) => ({ index: s.index, leaf: hex(s.leaf), signature: hex(s.signature) })),
  };
}

describe('checkSlice: what each row of a slice shows by itself', () => {
  const options = { ledgerId: '500101', deepFrom: 8 };
  const data = slice();

  it('reports each damaged row, in row order, and collects the signatures from deepFrom on', () => {
    const checked = checkSlice([data], options);
    expect(checked.indices).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15]);
    expect(checked.reports.map((r) => [r.row, r.index, r.kind])).toEqual([
      [3, 3, 'LEAF_HASH'],
      [3, 3, 'COLUMN'],
      [5, 5, 'LEAF_HASH'],
      [7, 7, 'COLUMN'],
      [9, 9, 'CANONICAL'],
    ]);
    expect(checked.signatures.map((s) => s.index)).toEqual([8, 9, 10, 11, 13, 14, 15]);
    // The stored leaf hash as stored (a damaged one too); the recomputed one from the bytes.
    expect(checked.stored[5].length).toBe(31);
    expect(checked.leaves[3].equals(checked.stored[3])).toBe(false);
    expect(checked.leaves[4].equals(checked.stored[4])).toBe(true);
  });

  it('finds the same however the stream was cut into chunks', () => {
    const expected = plain(checkSlice([data], options));
    for (const points of [[100, 101, 2000], Array.from({ length: 60 }, (_, i) => i * 97)]) {
      expect(plain(checkSlice(cut(data, points), options))).toEqual(expected);
    }
  });

  it('refuses bytes that are not a binary COPY', () => {
    expect(() => checkSlice([Buffer.from('not a COPY stream at all')], options)).toThrow(
      /not a binary COPY stream/,
    );
  });
});
