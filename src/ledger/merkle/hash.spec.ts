import { createHash, randomBytes } from 'crypto';
import fc from 'fast-check';
import { EMPTY_ROOT, leafHash, nodeHash } from './hash';

/** The definitions, spelled out with a hash object each. */
const plainLeaf = (d: Uint8Array): Buffer =>
  createHash('sha256')
    .update(Buffer.from([0]))
    .update(d)
    .digest();
const plainNode = (l: Uint8Array, r: Uint8Array): Buffer =>
  createHash('sha256')
    .update(Buffer.from([1]))
    .update(l)
    .update(r)
    .digest();

describe('RFC 6962 hashing', () => {
  it('hashes the empty tree, a leaf and a node as RFC 6962 defines them', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    // RFC 6962 leaf hash of the empty string and of 0x00 (transparency-dev/merkle testdata).
    expect(leafHash(new Uint8Array(0)).toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    expect(leafHash(Uint8Array.of(0)).toString('hex')).toBe(
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    );
  });

  it('gives what a hash object gives, below, at and above the scratch size', () => {
    for (const size of [1, 31, 1533, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 100_000]) {
      const data = randomBytes(size);
      expect(leafHash(data).equals(plainLeaf(data))).toBe(true);
    }
    const [l, r] = [randomBytes(32), randomBytes(32)];
    expect(nodeHash(l, r).equals(plainNode(l, r))).toBe(true);
    const [bigL, bigR] = [randomBytes(9000), randomBytes(9000)];
    expect(nodeHash(bigL, bigR).equals(plainNode(bigL, bigR))).toBe(true);
  });

  it('returns buffers of their own: a later hash does not change an earlier one', () => {
    const first = leafHash(Buffer.from('a'));
    const kept = Buffer.from(first);
    nodeHash(randomBytes(32), randomBytes(32));
    leafHash(randomBytes(500));
    expect(first.equals(kept)).toBe(true);
  });

  it('hashes views into larger buffers by their own bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(50), fc.nat(50), (bytes, from, cut) => {
        const view = bytes.subarray(Math.min(from, bytes.length), Math.max(0, bytes.length - cut));
        expect(leafHash(view).equals(plainLeaf(Buffer.from(view)))).toBe(true);
        expect(nodeHash(view, bytes).equals(plainNode(Buffer.from(view), bytes))).toBe(true);
      }),
    );
  });
});
