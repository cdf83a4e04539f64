/**
 * A deliberately naive, recursive transcription of the RFC 9162 §2.1 definitions over an in-memory array
 * of leaf hashes. It is the reference the stored-node implementation in `tree.ts` is tested against; it is
 * O(n) per call and must not be used in production code.
 */
import { EMPTY_ROOT, nodeHash } from '../hash';

/** Largest power of two strictly smaller than n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) (RFC 9162 §2.1.1), given the leaf hashes (not the leaf data). */
export function naiveRoot(leaves: readonly Buffer[]): Buffer {
  const n = leaves.length;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return leaves[0];
  const k = split(n);
  return nodeHash(naiveRoot(leaves.slice(0, k)), naiveRoot(leaves.slice(k)));
}

/** PATH(m, D[n]) (RFC 9162 §2.1.3.1), leaf-to-root order. Requires 0 ≤ m < n. */
export function naivePath(m: number, leaves: readonly Buffer[]): Buffer[] {
  const n = leaves.length;
  if (m < 0 || m >= n) throw new RangeError(`naivePath: index ${m} not in [0, ${n})`);
  if (n === 1) return [];
  const k = split(n);
  if (m < k) return [...naivePath(m, leaves.slice(0, k)), naiveRoot(leaves.slice(k))];
  return [...naivePath(m - k, leaves.slice(k)), naiveRoot(leaves.slice(0, k))];
}

/** SUBPROOF(m, D[n], b) (RFC 9162 §2.1.4.1). */
function subproof(m: number, leaves: readonly Buffer[], b: boolean): Buffer[] {
  const n = leaves.length;
  if (m === n) return b ? [] : [naiveRoot(leaves)];
  const k = split(n);
  if (m <= k) return [...subproof(m, leaves.slice(0, k), b), naiveRoot(leaves.slice(k))];
  return [...subproof(m - k, leaves.slice(k), false), naiveRoot(leaves.slice(0, k))];
}

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true) for 0 < m ≤ n; [] for m = 0 (no proof is defined). */
export function naiveConsistency(m: number, leaves: readonly Buffer[]): Buffer[] {
  if (m < 0 || m > leaves.length) throw new RangeError(`naiveConsistency: ${m} not in [0, ${leaves.length}]`);
  if (m === 0) return [];
  return subproof(m, leaves, true);
}
