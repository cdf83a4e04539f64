import * as fs from 'fs';
import * as path from 'path';
import { decodeBase64, encodeBase64, utf8 } from './bytes';
import { checkConsistency, checkInclusion, leafHash, nodeHash } from './merkle';

/** The RFC 6962 vectors of transparency-dev/merkle (testdata/), as the server's tree spec uses them. */
const VECTORS = path.resolve(__dirname, '../../../../test/fixtures/rfc6962');

function jsonFilesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? jsonFilesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => f.endsWith('.json'))
    .sort();
}

/** Vectors carry plain base64; a garbage vector may be any length, so decode leniently here. */
const b64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));

describe('RFC 6962 hashing with WebCrypto', () => {
  it('hashes the empty leaf and a node as the RFC test data does', async () => {
    const empty = await leafHash(new Uint8Array(0));
    expect(Buffer.from(empty).toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    // The root of the two-leaf reference tree ('' and 0x00).
    const two = await nodeHash(empty, await leafHash(Uint8Array.of(0x00)));
    expect(Buffer.from(two).toString('hex')).toBe(
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    );
  });

  it('hashes entry 1 of the worked example in docs/ledger.md to its published leaf hash', async () => {
    const canonical =
      '{"action":"REGION_CREATED","actor":{"regionCode":null,"role":"SYSTEM","userId":null,"username":null},"after":{"code":"500101001","createdAt":"2026-11-29T06:41:45.618Z","level":"TOWNSHIP","name":"高笋塘街道","parentCode":"500101"},"before":null,"details":null,"entityId":"500101001","entityType":"Region","index":1,"ledger":"500101","regionCode":"500101001","requestId":"seed:reference:regions:v1","time":"2026-11-29T06:41:45.795Z","v":1}';
    expect(encodeBase64(await leafHash(utf8(canonical)))).toBe(
      'FmgOJTveDn7hXDh5By6fIa5K/1WFwh8DTDgLs+Vgv/4=',
    );
  });

  it('decodes only canonical base64', () => {
    expect(decodeBase64('AAE=')).toEqual(Uint8Array.of(0, 1));
    expect(decodeBase64('AAF=')).toBeNull(); // slack bits set
    expect(decodeBase64('AAE')).toBeNull(); // no padding
    expect(decodeBase64('AA-_')).toBeNull(); // URL alphabet
  });
});

describe('RFC 6962 proof vectors (transparency-dev/merkle testdata)', () => {
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
  const inclusion = jsonFilesUnder(path.join(VECTORS, 'inclusion'));
  const consistency = jsonFilesUnder(path.join(VECTORS, 'consistency'));
  const rel = (f: string): string => path.relative(VECTORS, f);

  it('finds every vector file', () => {
    expect(inclusion).toHaveLength(98);
    expect(consistency).toHaveLength(98);
  });

  it.each(inclusion.map((f) => [rel(f), f]))('inclusion %s', async (_name, file) => {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as InclusionVector;
    const r = await checkInclusion(
      v.leafIdx,
      v.treeSize,
      b64(v.leafHash),
      (v.proof ?? []).map(b64),
      b64(v.root),
    );
    expect({ ok: r.ok, desc: v.desc }).toEqual({ ok: !v.wantErr, desc: v.desc });
  });

  it.each(consistency.map((f) => [rel(f), f]))('consistency %s', async (_name, file) => {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as ConsistencyVector;
    const r = await checkConsistency(v.size1, v.size2, (v.proof ?? []).map(b64), b64(v.root1), b64(v.root2));
    expect({ ok: r.ok, desc: v.desc }).toEqual({ ok: !v.wantErr, desc: v.desc });
  });

  it('says why a proof fails in Chinese: the reasons the console shows after 验证失败', async () => {
    const reasons = new Set<string>();
    for (const file of inclusion) {
      const v = JSON.parse(fs.readFileSync(file, 'utf8')) as InclusionVector;
      const r = await checkInclusion(
        v.leafIdx,
        v.treeSize,
        b64(v.leafHash),
        (v.proof ?? []).map(b64),
        b64(v.root),
      );
      if (!r.ok) reasons.add(r.reason);
    }
    for (const file of consistency) {
      const v = JSON.parse(fs.readFileSync(file, 'utf8')) as ConsistencyVector;
      const r = await checkConsistency(
        v.size1,
        v.size2,
        (v.proof ?? []).map(b64),
        b64(v.root1),
        b64(v.root2),
      );
      if (!r.ok) reasons.add(r.reason);
    }
    expect(reasons.size).toBeGreaterThan(5);
    // Hashes are quoted as base64; every other word is Chinese.
    const english = [...reasons].filter((r) =>
      /[A-Za-z]{2,}/.test(r.replace(/[A-Za-z0-9+/]{20,}={0,2}/g, '')),
    );
    expect(english).toEqual([]);
  });
});
