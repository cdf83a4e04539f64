/**
 * RFC 6962 / RFC 9162 §2.1.1 hashing with SHA-256 and domain separation:
 * leaves are hashed with a 0x00 prefix and interior nodes with a 0x01 prefix, so that a leaf can never be
 * confused with an interior node (second-preimage protection).
 */
import { createHash } from 'crypto';

/** Size in bytes of every hash in the tree (SHA-256). */
export const HASH_SIZE = 32;

/** MTH({}) = SHA-256() — the root hash of the empty tree (RFC 9162 §2.1.1). */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/** MTH({d}) = SHA-256(0x00 ‖ d): the hash of one leaf (one log entry). */
export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(Uint8Array.of(0x00)).update(data).digest();
}

/** SHA-256(0x01 ‖ left ‖ right): the hash of an interior node from its two children's hashes. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(Uint8Array.of(0x01)).update(left).update(right).digest();
}
