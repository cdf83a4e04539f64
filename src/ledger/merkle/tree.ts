/**
 * Merkle tree math for an append-only RFC 6962 / RFC 9162 log whose storage holds only COMPLETE (perfect)
 * subtrees, in the spirit of "tiles" (https://research.swtch.com/tlog).
 *
 * Node ids. `{ level, index }` names the perfect subtree covering leaves [index·2^level, (index+1)·2^level).
 * Level 0 nodes are the leaf hashes. A node is stored as soon as it is complete, and since the log is
 * append-only a stored node never changes.
 *
 * Any hash the RFC algorithms need — the root of the first n leaves, or MTH(D[a:b]) of a proof component —
 * covers a leaf range [a, b) that splits into at most 2·log2(n) maximal aligned perfect subtrees
 * ({@link perfectSubtrees}). MTH(D[a:b]) is the right fold of nodeHash over those pieces, because the RFC
 * splits every range at the largest power of two smaller than its length, i.e. it always peels off the
 * leftmost (largest) perfect piece first. So every function here works in two phases:
 *
 *   1. plan:  compute the node ids needed from the sizes/indices alone (pure arithmetic);
 *   2. build: fetch them with ONE {@link NodeReader} call and combine the hashes.
 *
 * The `plan*` functions expose the two phases separately so that a caller can fetch the nodes of many
 * proofs in a single database round trip ({@link readPlans}).
 *
 * All sizes and indices are JavaScript numbers and must be non-negative safe integers; no 32-bit bitwise
 * operators are used, so trees up to 2^53 leaves are handled.
 */
import { EMPTY_ROOT, HASH_SIZE, nodeHash } from './hash';

/** The perfect subtree covering leaves [index·2^level, (index+1)·2^level). Level 0 = leaf hashes. */
export interface NodeId {
  level: number;
  index: number;
}

/** A node that has just become complete, with its hash: what the storage layer persists. */
export interface StoredNode extends NodeId {
  hash: Buffer;
}

/**
 * Fetches many stored nodes in one round trip. The returned map is keyed by {@link nodeKey}. Every id asked
 * for must be present (a missing node means the tree is smaller than the caller claimed, or storage is
 * corrupt), otherwise the computation throws.
 */
export type NodeReader = (ids: NodeId[]) => Promise<Map<string, Buffer>>;

/** The map key of a node id: `${level}/${index}`. */
export function nodeKey(id: NodeId): string {
  return `${id.level}/${id.index}`;
}

/** A leaf range [start, end). */
type Range = readonly [start: number, end: number];

/** The result of a verification: either success or a human-readable reason for the failure. */
export type VerifyResult = { ok: true } | { ok: false; reason: string };

const OK: VerifyResult = { ok: true };
const fail = (reason: string): VerifyResult => ({ ok: false, reason });

// ---------------------------------------------------------------------------------------------------------
// Small arithmetic helpers (no 32-bit bitwise operators).
// ---------------------------------------------------------------------------------------------------------

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

function assertCount(n: number, what: string): void {
  if (!isCount(n)) throw new RangeError(`${what} must be a non-negative safe integer, got ${String(n)}`);
}

/** The largest power of two strictly smaller than n (n ≥ 2): the RFC's split point k. */
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

const lsb = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

function isHash(h: unknown): h is Uint8Array {
  return h instanceof Uint8Array && h.length === HASH_SIZE;
}

function b64(h: Uint8Array): string {
  return Buffer.from(h.buffer, h.byteOffset, h.length).toString('base64');
}

// ---------------------------------------------------------------------------------------------------------
// Range decomposition.
// ---------------------------------------------------------------------------------------------------------

/**
 * Decomposes the leaf range [start, end) into maximal aligned perfect subtrees, left to right. For [0, n)
 * this is the binary decomposition of n (one node per set bit, largest first). At most 2·⌈log2(end-start)⌉
 * nodes are returned.
 */
export function perfectSubtrees(start: number, end: number): NodeId[] {
  assertCount(start, 'start');
  assertCount(end, 'end');
  if (start > end) throw new RangeError(`start (${start}) > end (${end})`);
  const out: NodeId[] = [];
  let pos = start;
  while (pos < end) {
    // Grow the subtree starting at `pos` while it stays aligned and inside the range.
    let level = 0;
    let width = 1;
    while (pos % (width * 2) === 0 && pos + width * 2 <= end) {
      width *= 2;
      level++;
    }
    out.push({ level, index: pos / width });
    pos += width;
  }
  return out;
}

/** MTH(D[start:end]) from the hashes of its perfect pieces: right fold, as the RFC peels the left piece. */
function foldRange(range: Range, get: (id: NodeId) => Buffer): Buffer {
  const pieces = perfectSubtrees(range[0], range[1]);
  if (pieces.length === 0) return EMPTY_ROOT;
  let h = get(pieces[pieces.length - 1]);
  for (let i = pieces.length - 2; i >= 0; i--) h = nodeHash(get(pieces[i]), h);
  return h;
}

/** The ids needed to hash the given ranges, deduplicated, in a deterministic order. */
function idsForRanges(ranges: readonly Range[]): NodeId[] {
  const seen = new Map<string, NodeId>();
  for (const r of ranges) for (const id of perfectSubtrees(r[0], r[1])) seen.set(nodeKey(id), id);
  return [...seen.values()];
}

/** Wraps a fetched map into a getter that fails loudly on missing or malformed nodes. */
function getter(nodes: Map<string, Buffer>): (id: NodeId) => Buffer {
  return (id) => {
    const h = nodes.get(nodeKey(id));
    if (h === undefined) throw new Error(`Merkle node ${nodeKey(id)} was not returned by the node reader`);
    if (h.length !== HASH_SIZE)
      throw new Error(`Merkle node ${nodeKey(id)} is ${h.length} bytes, expected 32`);
    return h;
  };
}

// ---------------------------------------------------------------------------------------------------------
// Plans: node ids first, hashes later.
// ---------------------------------------------------------------------------------------------------------

/**
 * A two-phase computation: `ids` are the stored nodes it needs; `build` combines them once fetched (the map
 * may contain more nodes than asked for, e.g. when several plans were fetched together).
 */
export interface Plan<T> {
  readonly ids: NodeId[];
  build(nodes: Map<string, Buffer>): T;
}

/**
 * Proof components of PATH(index, D[0:size]) (RFC 9162 §2.1.3.1) as leaf ranges, leaf-to-root order.
 *
 * Walking down from the root, at each step the range [lo, hi) is split at k = largest power of two < hi-lo;
 * the half not containing the leaf is a proof component. Left siblings are always perfect (one node); a
 * right sibling may be the incomplete right edge of the tree, which is hashed from its perfect pieces. Once
 * the walk goes left, everything below is perfect, so at most one component is incomplete: ≤ 2·log2(n) ids.
 */
function inclusionRanges(index: number, size: number): Range[] {
  const out: Range[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      out.push([lo + k, hi]);
      hi = lo + k;
    } else {
      out.push([lo, lo + k]);
      lo += k;
    }
  }
  return out.reverse();
}

/**
 * Proof components of PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true) (RFC 9162 §2.1.4.1) as leaf ranges, in
 * the RFC's output order (deepest first), for 0 < m < n.
 *
 * SUBPROOF(m, D[lo:hi], b): if m == hi-lo, output MTH(D[lo:hi]) unless b (the old root itself is known to
 * the verifier); otherwise split at k: if m ≤ k recurse left and append MTH(D[lo+k:hi]), else recurse right
 * (with b = false) and append MTH(D[lo:lo+k]).
 */
function consistencyRanges(m: number, n: number): Range[] {
  const out: Range[] = [];
  let lo = 0;
  let hi = n;
  let b = true;
  for (;;) {
    const rel = m - lo;
    if (rel === hi - lo) {
      if (!b) out.push([lo, hi]);
      break;
    }
    const k = splitPoint(hi - lo);
    if (rel <= k) {
      out.push([lo + k, hi]);
      hi = lo + k;
    } else {
      out.push([lo, lo + k]);
      lo += k;
      b = false;
    }
  }
  return out.reverse();
}

function rangesPlan(ranges: readonly Range[]): Plan<Buffer[]> {
  return {
    ids: idsForRanges(ranges),
    build: (nodes) => {
      const get = getter(nodes);
      return ranges.map((r) => foldRange(r, get));
    },
  };
}

/** Plan for {@link rootAt}: the binary decomposition of `size` (⌈log2⌉ nodes at most). */
export function planRoot(size: number): Plan<Buffer> {
  assertCount(size, 'size');
  const range: Range = [0, size];
  return { ids: perfectSubtrees(0, size), build: (nodes) => foldRange(range, getter(nodes)) };
}

/** Plan for {@link inclusionProof}. Throws a RangeError unless 0 ≤ index < size. */
export function planInclusionProof(index: number, size: number): Plan<Buffer[]> {
  assertCount(index, 'index');
  assertCount(size, 'size');
  if (index >= size) throw new RangeError(`leaf index ${index} is not below tree size ${size}`);
  return rangesPlan(inclusionRanges(index, size));
}

/**
 * Plan for {@link consistencyProof}. Throws a RangeError if fromSize > toSize. The proof is empty when
 * fromSize == toSize (nothing to prove) and when fromSize == 0 (every tree extends the empty tree; RFC 9162
 * defines no proof for it and {@link checkConsistency} rejects size1 == 0 as meaningless).
 */
export function planConsistencyProof(fromSize: number, toSize: number): Plan<Buffer[]> {
  assertCount(fromSize, 'fromSize');
  assertCount(toSize, 'toSize');
  if (fromSize > toSize) throw new RangeError(`fromSize (${fromSize}) > toSize (${toSize})`);
  if (fromSize === 0 || fromSize === toSize) return rangesPlan([]);
  return rangesPlan(consistencyRanges(fromSize, toSize));
}

/**
 * Fetches the nodes of several plans with ONE reader call (none if no node is needed) and builds each.
 * The node ids of all plans are deduplicated.
 */
export async function readPlans<T extends readonly Plan<unknown>[]>(
  plans: T,
  read: NodeReader,
): Promise<{ [K in keyof T]: T[K] extends Plan<infer R> ? R : never }> {
  const all = new Map<string, NodeId>();
  for (const p of plans) for (const id of p.ids) all.set(nodeKey(id), id);
  const nodes = all.size > 0 ? await read([...all.values()]) : new Map<string, Buffer>();
  return plans.map((p) => p.build(nodes)) as { [K in keyof T]: T[K] extends Plan<infer R> ? R : never };
}

async function run<T>(plan: Plan<T>, read: NodeReader): Promise<T> {
  const [result] = await readPlans([plan] as const, read);
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Roots and proofs from stored nodes.
// ---------------------------------------------------------------------------------------------------------

/** MTH(D[0:size]) (RFC 9162 §2.1.1) from ≤ ⌈log2 size⌉ stored nodes, one read; EMPTY_ROOT for size 0. */
export async function rootAt(size: number, read: NodeReader): Promise<Buffer> {
  return run(planRoot(size), read);
}

/**
 * The inclusion proof (audit path) of leaf `index` in the tree of `size` leaves, RFC 9162 §2.1.3.1, in the
 * RFC's leaf-to-root order. One read of ≤ 2·⌈log2 size⌉ nodes. Throws unless 0 ≤ index < size.
 */
export async function inclusionProof(index: number, size: number, read: NodeReader): Promise<Buffer[]> {
  return run(planInclusionProof(index, size), read);
}

/**
 * The consistency proof from the tree of `fromSize` leaves to the tree of `toSize` leaves, RFC 9162
 * §2.1.4.1. One read of ≤ 2·⌈log2 toSize⌉ nodes. Empty when fromSize is 0 or equals toSize; throws if
 * fromSize > toSize.
 */
export async function consistencyProof(
  fromSize: number,
  toSize: number,
  read: NodeReader,
): Promise<Buffer[]> {
  return run(planConsistencyProof(fromSize, toSize), read);
}

// ---------------------------------------------------------------------------------------------------------
// Appending.
// ---------------------------------------------------------------------------------------------------------

/**
 * The stored nodes needed to append `count` leaves to a tree of `size` leaves: for each level k ≥ 1 the
 * first node that becomes complete may have an OLD left child (completed before the append); all other
 * children are new. At most one old node per level, so O(log n) ids.
 */
export function planAppendIds(size: number, count: number): NodeId[] {
  assertCount(size, 'size');
  assertCount(count, 'count');
  const newSize = size + count;
  const ids: NodeId[] = [];
  for (let level = 1, width = 2; width <= newSize; level++, width *= 2) {
    const first = Math.floor(size / width);
    if (first >= Math.floor(newSize / width)) continue; // no node of this level completes
    const leftEnd = (2 * first + 1) * (width / 2); // end leaf (exclusive) of the left child
    if (leftEnd <= size) ids.push({ level: level - 1, index: 2 * first });
  }
  return ids;
}

/**
 * Pure part of appending: given the tree had `size` leaves, the leaf hashes appended at indices
 * size, size+1, …, and the old nodes listed by {@link planAppendIds}, returns every node that becomes
 * complete — each new leaf (level 0) and each level-k node whose last leaf is among the new ones — ordered
 * by level, then index (children before parents).
 */
export function computeAppend(
  size: number,
  leaves: readonly Uint8Array[],
  old: Map<string, Buffer>,
): StoredNode[] {
  assertCount(size, 'size');
  leaves.forEach((leaf, i) => {
    if (!isHash(leaf)) throw new RangeError(`leaf hash #${i} must be ${HASH_SIZE} bytes`);
  });
  const newSize = size + leaves.length;
  const fresh = new Map<string, Buffer>();
  const out: StoredNode[] = [];
  const put = (node: StoredNode): void => {
    fresh.set(nodeKey(node), node.hash);
    out.push(node);
  };
  leaves.forEach((leaf, i) => put({ level: 0, index: size + i, hash: Buffer.from(leaf) }));
  const getOld = getter(old);
  const get = (id: NodeId): Buffer => fresh.get(nodeKey(id)) ?? getOld(id);
  for (let level = 1, width = 2; width <= newSize; level++, width *= 2) {
    const end = Math.floor(newSize / width);
    for (let index = Math.floor(size / width); index < end; index++) {
      const left = get({ level: level - 1, index: 2 * index });
      const right = get({ level: level - 1, index: 2 * index + 1 });
      put({ level, index, hash: nodeHash(left, right) });
    }
  }
  return out;
}

/**
 * The right edge of a tree of `size` leaves (the perfect subtrees of [0, size), one per set bit: every old
 * node an append can need, {@link planAppendIds}) after {@link computeAppend} appended `appended` to the
 * tree whose edge was `old`: what a caller appending again needs, without reading it back.
 */
export function rightEdgeAfter(
  old: Map<string, Buffer>,
  appended: readonly StoredNode[],
  size: number,
): Map<string, Buffer> {
  const fresh = new Map<string, Buffer>();
  for (const node of appended) fresh.set(nodeKey(node), node.hash);
  const out = new Map<string, Buffer>();
  for (const id of perfectSubtrees(0, size)) {
    const key = nodeKey(id);
    const hash = fresh.get(key) ?? old.get(key);
    if (hash === undefined)
      throw new Error(`Merkle node ${key} of the right edge is neither old nor appended`);
    out.set(key, hash);
  }
  return out;
}

/**
 * Appends a batch of leaf hashes (e.g. all entries of one transaction) to a tree of `size` leaves: reads the
 * O(log n) old left siblings in one call and returns every node that becomes complete (to be stored).
 */
export async function appendLeaves(
  size: number,
  leaves: readonly Uint8Array[],
  read: NodeReader,
): Promise<StoredNode[]> {
  const ids = planAppendIds(size, leaves.length);
  const old = ids.length > 0 ? await read(ids) : new Map<string, Buffer>();
  return computeAppend(size, leaves, old);
}

/**
 * Appends one leaf (index `size`, 0-based) and returns the nodes that become complete: the leaf itself at
 * level 0, plus the level-k ancestor for every k while the new leaf completes a perfect subtree.
 */
export async function newCompleteNodes(
  size: number,
  leaf: Uint8Array,
  read: NodeReader,
): Promise<StoredNode[]> {
  return appendLeaves(size, [leaf], read);
}

// ---------------------------------------------------------------------------------------------------------
// Verification (client side, no storage).
// ---------------------------------------------------------------------------------------------------------

/** Checks that `proof` is an array of exactly `expected` 32-byte hashes; returns the problem, or null. */
function proofShapeProblem(proof: unknown, expected: number): VerifyResult | null {
  if (!Array.isArray(proof)) return fail('proof is not an array');
  if (proof.length !== expected) return fail(`wrong proof length ${proof.length}, expected ${expected}`);
  for (let i = 0; i < proof.length; i++) {
    if (!isHash(proof[i])) return fail(`proof[${i}] is not a ${HASH_SIZE}-byte hash`);
  }
  return null;
}

/**
 * Verifies an inclusion proof, RFC 9162 §2.1.3.2, and says why it fails. Malformed input (non-integer or
 * out-of-range index/size, index ≥ size, hashes that are not 32 bytes, wrong proof length) is rejected,
 * never thrown.
 */
export function checkInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): VerifyResult {
  if (!isCount(index)) return fail(`leaf index ${String(index)} is not a non-negative integer`);
  if (!isCount(size)) return fail(`tree size ${String(size)} is not a non-negative integer`);
  if (index >= size) return fail(`leaf index ${index} is not below tree size ${size}`);
  if (!isHash(leaf)) return fail(`leaf hash is not ${HASH_SIZE} bytes`);
  if (!isHash(root)) return fail(`root hash is not ${HASH_SIZE} bytes`);
  const shapeProblem = proofShapeProblem(proof, inclusionRanges(index, size).length);
  if (shapeProblem) return shapeProblem;

  // RFC 9162 §2.1.3.2: fn walks the leaf's path, sn the path of the last leaf; where they coincide the
  // component is a left sibling on the right border and the levels it skips are climbed at once.
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return fail('proof is too long');
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!lsb(fn)) {
        while (!(lsb(fn) || fn === 0)) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return fail('proof is too short');
  if (!bytesEqual(r, root)) return fail(`computed root ${b64(r)} does not match root ${b64(root)}`);
  return OK;
}

/** {@link checkInclusion} as a boolean. */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  return checkInclusion(index, size, leaf, proof, root).ok;
}

/**
 * Verifies a consistency proof between tree sizes size1 ≤ size2 with roots root1 and root2, RFC 9162
 * §2.1.4.2, and says why it fails. Conventions (those of the transparency-dev/merkle test vectors):
 * - size2 < size1 is rejected;
 * - size1 == 0 is rejected: consistency with the empty tree is meaningless (it holds for any tree);
 * - size1 == size2 requires an empty proof and root1 == root2;
 * - otherwise the proof must be non-empty, of the exact expected length, made of 32-byte hashes.
 */
export function checkConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): VerifyResult {
  if (!isCount(size1)) return fail(`size1 ${String(size1)} is not a non-negative integer`);
  if (!isCount(size2)) return fail(`size2 ${String(size2)} is not a non-negative integer`);
  if (!Array.isArray(proof)) return fail('proof is not an array');
  if (!(root1 instanceof Uint8Array) || !(root2 instanceof Uint8Array)) return fail('roots must be bytes');
  if (size2 < size1) return fail(`size2 (${size2}) is smaller than size1 (${size1})`);
  if (size1 === 0) return fail('consistency from the empty tree (size1 = 0) is meaningless');
  if (size1 === size2) {
    if (proof.length !== 0) return fail(`sizes are equal but the proof has ${proof.length} components`);
    if (!bytesEqual(root1, root2)) return fail(`sizes are equal (${size1}) but the roots differ`);
    return OK;
  }
  if (!isHash(root1)) return fail(`root1 is not ${HASH_SIZE} bytes`);
  if (!isHash(root2)) return fail(`root2 is not ${HASH_SIZE} bytes`);
  const shapeProblem = proofShapeProblem(proof, consistencyRanges(size1, size2).length);
  if (shapeProblem) return shapeProblem;

  // RFC 9162 §2.1.4.2. If size1 is a power of two the old root is itself the first (deepest) component.
  // (Array.isArray above widened the proof's type: say again what it is.)
  const components: readonly Uint8Array[] = proof;
  const path: readonly Uint8Array[] = isPowerOfTwo(size1) ? [root1, ...components] : components;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return fail('proof is too long');
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!lsb(fn)) {
        while (!(lsb(fn) || fn === 0)) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return fail('proof is too short');
  if (!bytesEqual(fr, root1)) return fail(`proof does not reproduce root1 (got ${b64(fr)})`);
  if (!bytesEqual(sr, root2)) return fail(`proof does not reproduce root2 (got ${b64(sr)})`);
  return OK;
}

/** {@link checkConsistency} as a boolean. */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  return checkConsistency(size1, size2, proof, root1, root2).ok;
}
