/**
 * RFC 6962 / RFC 9162 §2.1.1 hashing with SHA-256 and domain separation:
 * leaves are hashed with a 0x00 prefix and interior nodes with a 0x01 prefix, so that a leaf can never be
 * confused with an interior node (second-preimage protection).
 *
 * Each hash is one call of `crypto.hash` over the prefixed bytes, assembled in a scratch buffer: about half
 * the time of a `createHash` object with its updates and digest (verification hashes every leaf and about
 * as many nodes). The functions are synchronous, so the scratch buffer is never shared by two calls.
 */
import { createHash, hash } from 'crypto';

/** Size in bytes of every hash in the tree (SHA-256). */
export const HASH_SIZE = 32;

/** MTH({}) = SHA-256() — the root hash of the empty tree (RFC 9162 §2.1.1). */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/** Leaves longer than this are hashed with a `createHash` object rather than copied. */
const SCRATCH_SIZE = 16 * 1024;
const scratch = Buffer.allocUnsafe(SCRATCH_SIZE + 1);

/** MTH({d}) = SHA-256(0x00 ‖ d): the hash of one leaf (one log entry). */
export function leafHash(data: Uint8Array): Buffer {
  if (data.length > SCRATCH_SIZE) {
    return createHash('sha256').update(Uint8Array.of(0x00)).update(data).digest();
  }
  scratch[0] = 0x00;
  scratch.set(data, 1);
  return hash('sha256', scratch.subarray(0, data.length + 1), 'buffer');
}

/** SHA-256(0x01 ‖ left ‖ right): the hash of an interior node from its two children's hashes. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length + right.length > SCRATCH_SIZE) {
    return createHash('sha256').update(Uint8Array.of(0x01)).update(left).update(right).digest();
  }
  scratch[0] = 0x01;
  scratch.set(left, 1);
  scratch.set(right, 1 + left.length);
  return hash('sha256', scratch.subarray(0, 1 + left.length + right.length), 'buffer');
}
