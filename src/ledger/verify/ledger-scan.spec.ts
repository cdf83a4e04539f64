import fc from 'fast-check';
import { EntryRow } from './entry-check';
import { entriesOf } from './copy-rows';
import { nodesCompletingIn } from './ledger-scan';
import { binaryCopy, cut, int64 } from './testing/binary-copy';

const MICROS_2026 = BigInt(Date.UTC(2026, 0, 2, 3, 4, 5, 678) - Date.UTC(2000, 0, 1)) * 1000n;

interface Given {
  index: number;
  canonical: string;
  regionCode: string | null;
  actor: string | null;
  micros: bigint;
}

function entryFields(g: Given): Array<Buffer | null> {
  return [
    int64(BigInt(g.index)),
    Buffer.alloc(32, g.index % 256),
    Buffer.from(g.canonical, 'utf8'),
    Buffer.alloc(64, 0xee),
    Buffer.from('ASSET_REGISTERED'),
    Buffer.from('Asset'),
    Buffer.from(`asset-${g.index}`),
    g.regionCode === null ? null : Buffer.from(g.regionCode),
    g.actor === null ? null : Buffer.from(g.actor.replace(/-/g, ''), 'hex'),
    Buffer.from(`请求-${g.index}`),
    int64(g.micros),
  ];
}

function expected(g: Given): EntryRow {
  const ms = Number(g.micros / 1000n);
  const rest = Number(g.micros % 1000n);
  const iso = new Date(Date.UTC(2000, 0, 1) + ms).toISOString();
  return {
    index: g.index,
    leafHash: Buffer.alloc(32, g.index % 256),
    canonical: Buffer.from(g.canonical, 'utf8'),
    signature: Buffer.alloc(64, 0xee),
    action: 'ASSET_REGISTERED',
    entityType: 'Asset',
    entityId: `asset-${g.index}`,
    regionCode: g.regionCode,
    actorId: g.actor,
    requestId: `请求-${g.index}`,
    recordedAt: rest === 0 ? iso : `${iso} (+${rest} µs)`,
  };
}

const ACTORS = ['5b0a1c9e-0000-4000-8000-0000000000aa', '5b0a1c9e-0000-4000-8000-0000000000bb', null];

const given: Given[] = [
  { index: 0, canonical: '{"a":"光伏"}', regionCode: '500101001001', actor: ACTORS[0], micros: MICROS_2026 },
  { index: 1, canonical: '{}', regionCode: null, actor: ACTORS[0], micros: MICROS_2026 },
  { index: 2, canonical: '', regionCode: '', actor: ACTORS[1], micros: MICROS_2026 + 17n },
  { index: 2 ** 40 + 3, canonical: '"x"', regionCode: '5', actor: ACTORS[2], micros: -1_000n },
  { index: 5, canonical: 'y'.repeat(700), regionCode: '500101', actor: ACTORS[0], micros: MICROS_2026 },
];

/** A row as one string (quicker to compare than its buffers, thousands of times). */
const show = (rows: Iterable<EntryRow>): string[] =>
  [...rows].map((r) =>
    JSON.stringify({
      ...r,
      leafHash: r.leafHash.toString('hex'),
      canonical: r.canonical.toString('hex'),
      signature: r.signature.toString('hex'),
    }),
  );

describe('entriesOf: the entry rows of a binary COPY', () => {
  const data = binaryCopy(given.map(entryFields));
  const want = show(given.map(expected));

  it('reads every column of every row, in one chunk', () => {
    expect([...entriesOf([data])]).toEqual(given.map(expected));
  });

  it('reads the same rows however the stream is cut into chunks (a field split between chunks is gathered)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(data.length), { maxLength: 40 }), (points) => {
        expect(show(entriesOf(cut(data, points)))).toEqual(want);
      }),
    );
    // Every single cut, and one byte per chunk.
    for (let p = 0; p <= data.length; p++)
      expect([...entriesOf(cut(data, [p]))]).toEqual(given.map(expected));
    const bytes = [...data].map((_, i) => data.subarray(i, i + 1));
    expect([...entriesOf(bytes)]).toEqual(given.map(expected));
  });

  it('refuses a stream that is not a binary COPY, that ends inside a row, or whose rows have other columns', () => {
    expect(() => [...entriesOf([Buffer.from('PGCOPY\nnot really binary')])]).toThrow(/not a binary COPY/);
    expect(() => [...entriesOf([data.subarray(0, data.length - 40)])]).toThrow(/ends inside a row/);
    const short = binaryCopy([entryFields(given[0]).slice(0, 10)]);
    expect(() => [...entriesOf([short])]).toThrow(/10 fields where 11/);
    const nullHash = entryFields(given[0]);
    nullHash[1] = null;
    expect(() => [...entriesOf([binaryCopy([nullHash])])]).toThrow(/NOT NULL/);
    const badTime = entryFields(given[0]);
    badTime[10] = Buffer.alloc(4);
    expect(() => [...entriesOf([binaryCopy([badTime])])]).toThrow(/4 bytes where 8/);
  });
});

describe('nodesCompletingIn', () => {
  it('names the subtrees whose last leaf is in [a, b)', () => {
    expect(nodesCompletingIn(0, 4)).toEqual([
      { level: 0, lo: 0, hi: 3 },
      { level: 1, lo: 0, hi: 1 },
      { level: 2, lo: 0, hi: 0 },
    ]);
    expect(nodesCompletingIn(5, 8)).toEqual([
      { level: 0, lo: 5, hi: 7 },
      { level: 1, lo: 2, hi: 3 },
      { level: 2, lo: 1, hi: 1 },
      { level: 3, lo: 0, hi: 0 },
    ]);
  });
});
