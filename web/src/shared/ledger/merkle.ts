/**
 * RFC 6962 / RFC 9162 Merkle tree hashing and proof verification, in the browser with WebCrypto:
 *
 *   leaf hash = SHA-256(0x00 ‖ entry bytes)        node hash = SHA-256(0x01 ‖ left ‖ right)
 *
 * Inclusion (RFC 9162 §2.1.3.2) and consistency (§2.1.4.2) proofs are checked exactly as the server's
 * offline verifier checks them (src/ledger/merkle/tree.ts), with the conventions of the
 * transparency-dev/merkle test vectors. Malformed input is rejected with a reason, never thrown.
 */
import { bytesEqual, encodeBase64, sha256 } from './bytes';

export const HASH_SIZE = 32;

export type ProofCheck = { ok: true } | { ok: false; reason: string };

const OK: ProofCheck = { ok: true };
const fail = (reason: string): ProofCheck => ({ ok: false, reason });

export function leafHash(data: Uint8Array): Promise<Uint8Array> {
  return sha256(Uint8Array.of(0x00), data);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(Uint8Array.of(0x01), left, right);
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const isHash = (h: unknown): h is Uint8Array => h instanceof Uint8Array && h.length === HASH_SIZE;
const lsb = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/** How many hashes an inclusion proof of `index` in a tree of `size` leaves has. */
export function inclusionProofLength(index: number, size: number): number {
  let n = 0;
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) hi = lo + k;
    else lo += k;
    n++;
  }
  return n;
}

/** How many hashes a consistency proof from `m` to `n` leaves has (0 < m < n). */
export function consistencyProofLength(m: number, n: number): number {
  let count = 0;
  let lo = 0;
  let hi = n;
  let b = true;
  for (;;) {
    if (m - lo === hi - lo) {
      if (!b) count++;
      return count;
    }
    const k = splitPoint(hi - lo);
    if (m - lo <= k) hi = lo + k;
    else {
      lo += k;
      b = false;
    }
    count++;
  }
}

function shapeProblem(proof: unknown, expected: number): ProofCheck | null {
  if (!Array.isArray(proof)) return fail('证明不是哈希列表');
  if (proof.length !== expected) return fail(`证明有 ${proof.length} 个哈希，应为 ${expected} 个`);
  for (let i = 0; i < proof.length; i++) {
    if (!isHash(proof[i])) return fail(`证明的第 ${i + 1} 个哈希不是 ${HASH_SIZE} 字节`);
  }
  return null;
}

/** Checks that `leaf` is at `index` in the tree of `size` leaves whose root is `root`. */
export async function checkInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Promise<ProofCheck> {
  if (!isCount(index)) return fail(`叶序号 ${String(index)} 不是非负整数`);
  if (!isCount(size)) return fail(`树的规模 ${String(size)} 不是非负整数`);
  if (index >= size) return fail(`叶序号 ${index} 不小于树的规模 ${size}`);
  if (!isHash(leaf)) return fail(`叶哈希不是 ${HASH_SIZE} 字节`);
  if (!isHash(root)) return fail(`根哈希不是 ${HASH_SIZE} 字节`);
  const shape = shapeProblem(proof, inclusionProofLength(index, size));
  if (shape) return shape;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return fail('证明过长');
    if (lsb(fn) || fn === sn) {
      r = await nodeHash(p, r);
      if (!lsb(fn)) {
        while (!(lsb(fn) || fn === 0)) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return fail('证明过短');
  if (!bytesEqual(r, root)) {
    return fail(`算出的根 ${encodeBase64(r)} 与检查点的根 ${encodeBase64(root)} 不同`);
  }
  return OK;
}

/**
 * Checks that the tree of `size2` leaves (root2) extends the tree of `size1` leaves (root1). size1 = 0 is
 * refused (consistency with the empty tree proves nothing); equal sizes need an empty proof and equal roots.
 */
export async function checkConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): Promise<ProofCheck> {
  if (!isCount(size1)) return fail(`较早的规模 ${String(size1)} 不是非负整数`);
  if (!isCount(size2)) return fail(`较新的规模 ${String(size2)} 不是非负整数`);
  if (!Array.isArray(proof)) return fail('证明不是哈希列表');
  if (!(root1 instanceof Uint8Array) || !(root2 instanceof Uint8Array)) return fail('根哈希必须是字节');
  if (size2 < size1) return fail(`较新的规模 ${size2} 小于较早的规模 ${size1}`);
  if (size1 === 0) return fail('从空树（规模 0）出发的一致性证明没有意义');
  if (size1 === size2) {
    if (proof.length !== 0) return fail(`两个规模相同，证明却有 ${proof.length} 个哈希`);
    if (!bytesEqual(root1, root2)) return fail(`两个规模相同（${size1}），根却不同`);
    return OK;
  }
  if (!isHash(root1)) return fail(`较早的根不是 ${HASH_SIZE} 字节`);
  if (!isHash(root2)) return fail(`较新的根不是 ${HASH_SIZE} 字节`);
  const shape = shapeProblem(proof, consistencyProofLength(size1, size2));
  if (shape) return shape;
  const components: readonly Uint8Array[] = proof; // (Array.isArray above widened its type)
  const path: readonly Uint8Array[] = isPowerOfTwo(size1) ? [root1, ...components] : components;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return fail('证明过长');
    if (lsb(fn) || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      if (!lsb(fn)) {
        while (!(lsb(fn) || fn === 0)) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return fail('证明过短');
  if (!bytesEqual(fr, root1)) return fail(`证明推不出较早的根（算出 ${encodeBase64(fr)}）`);
  if (!bytesEqual(sr, root2)) return fail(`证明推不出较新的根（算出 ${encodeBase64(sr)}）`);
  return OK;
}
