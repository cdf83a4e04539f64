/**
 * Two checks the browser makes on its own, trusting neither the server's word nor its hashes:
 *
 * - one entry (核验本条): the latest checkpoint's note must verify with the log's published key and name
 *   the log's origin; the entry's leaf hash is recomputed from its canonical bytes (SHA-256(0x00 ‖ bytes))
 *   and must be the one the server gives, the bytes must name the entry's own index, and the entry's
 *   inclusion proof for the checkpoint's size must lead from that leaf hash to the signed root
 *   (RFC 9162 §2.1.3.2);
 * - two checkpoints (核验一致性): both notes must verify with the log's key and name its origin; sizes
 *   and roots are read from the signed texts, and the consistency proof between the sizes must lead from
 *   the older root to the newer one (RFC 9162 §2.1.4.2).
 */
import { decodeBase64, encodeBase64, utf8 } from './bytes';
import { checkConsistency, checkInclusion, leafHash } from './merkle';
import { type Checkpoint, openCheckpoint, parseVerifierKey, type VerifierKey } from './note';

export type EntryCheck =
  | { status: 'verified'; checkpoint: Checkpoint; keyLabel: string }
  | { status: 'pending'; checkpoint: Checkpoint | null; reason: string }
  | { status: 'failed'; reason: string };

export interface EntryCheckInput {
  entry: { index: number; canonical: string; leafHash: string };
  /** The log's origin and verifier keys, as published (ledgerPublicKey). */
  origin: string;
  verifierKeys: readonly string[];
  /** The latest signed checkpoint note; null if none yet. */
  checkpointNote: string | null;
  /** Fetches the inclusion proof of an entry in the tree of `treeSize` leaves (base64 hashes). */
  inclusionProof: (index: number, treeSize: number) => Promise<{ hashes: readonly string[] }>;
}

type Opened = { ok: true; checkpoint: Checkpoint; keyLabel: string } | { ok: false; reason: string };

async function logKeys(verifierKeys: readonly string[]): Promise<VerifierKey[] | string> {
  try {
    return await Promise.all(verifierKeys.map((k) => parseVerifierKey(k)));
  } catch (e) {
    return `账本公钥格式不正确：${(e as Error).message}`;
  }
}

async function open(note: string, keys: VerifierKey[], origin: string, what: string): Promise<Opened> {
  try {
    const opened = await openCheckpoint(note, keys);
    if (opened.checkpoint.origin !== origin) {
      return { ok: false, reason: `${what}属于另一个账本：${opened.checkpoint.origin}` };
    }
    return { ok: true, checkpoint: opened.checkpoint, keyLabel: opened.verifiedBy[0].label };
  } catch (e) {
    return { ok: false, reason: `${what}签名验证失败：${(e as Error).message}` };
  }
}

export async function verifyEntry(input: EntryCheckInput): Promise<EntryCheck> {
  const { entry } = input;
  const computed = await leafHash(utf8(entry.canonical));
  if (encodeBase64(computed) !== entry.leafHash) {
    return { status: 'failed', reason: '条目内容与其叶哈希不符（内容被改动）' };
  }
  let named: unknown;
  try {
    named = (JSON.parse(entry.canonical) as { index?: unknown }).index;
  } catch {
    return { status: 'failed', reason: '条目内容不是有效的 JSON' };
  }
  if (named !== entry.index) {
    return { status: 'failed', reason: `条目内容写的序号是 ${String(named)}，不是 ${entry.index}` };
  }
  const keys = await logKeys(input.verifierKeys);
  if (typeof keys === 'string') return { status: 'failed', reason: keys };
  if (!input.checkpointNote) return { status: 'pending', checkpoint: null, reason: '账本尚无签名检查点' };
  const opened = await open(input.checkpointNote, keys, input.origin, '检查点');
  if (!opened.ok) return { status: 'failed', reason: opened.reason };
  const { checkpoint } = opened;
  if (entry.index >= checkpoint.size) {
    return {
      status: 'pending',
      checkpoint,
      reason: `该条目尚未被签名检查点覆盖（最新检查点规模 ${checkpoint.size}），下一个检查点签出后即可核验`,
    };
  }
  let hashes: readonly string[];
  try {
    hashes = (await input.inclusionProof(entry.index, checkpoint.size)).hashes;
  } catch (e) {
    return { status: 'failed', reason: `无法取得包含证明：${(e as Error).message}` };
  }
  const proof = hashes.map(decodeBase64);
  if (proof.some((h) => h === null)) return { status: 'failed', reason: '包含证明格式不正确' };
  const r = await checkInclusion(
    entry.index,
    checkpoint.size,
    computed,
    proof as Uint8Array[],
    checkpoint.rootHash,
  );
  if (!r.ok) return { status: 'failed', reason: `包含证明与签名检查点的根不符：${r.reason}` };
  return { status: 'verified', checkpoint, keyLabel: opened.keyLabel };
}

export type ConsistencyCheck =
  { ok: true; older: Checkpoint; newer: Checkpoint; keyLabel: string } | { ok: false; reason: string };

export interface ConsistencyCheckInput {
  origin: string;
  verifierKeys: readonly string[];
  /** The two signed checkpoint notes, exactly as signed. */
  olderNote: string;
  newerNote: string;
  /** Fetches the consistency proof between two sizes (base64 hashes). */
  consistencyProof: (fromSize: number, toSize: number) => Promise<{ hashes: readonly string[] }>;
}

export async function verifyConsistency(input: ConsistencyCheckInput): Promise<ConsistencyCheck> {
  const keys = await logKeys(input.verifierKeys);
  if (typeof keys === 'string') return { ok: false, reason: keys };
  const older = await open(input.olderNote, keys, input.origin, '较早的检查点');
  if (!older.ok) return { ok: false, reason: older.reason };
  const newer = await open(input.newerNote, keys, input.origin, '较新的检查点');
  if (!newer.ok) return { ok: false, reason: newer.reason };
  const [a, b] = [older.checkpoint, newer.checkpoint];
  if (a.size > b.size) {
    return { ok: false, reason: `较早的检查点规模 ${a.size} 大于较新的 ${b.size}：账本变短了` };
  }
  if (a.size === 0) return { ok: false, reason: '规模为 0 的检查点无从核验一致性' };
  let hashes: readonly string[] = [];
  if (a.size < b.size) {
    try {
      hashes = (await input.consistencyProof(a.size, b.size)).hashes;
    } catch (e) {
      return { ok: false, reason: `无法取得一致性证明：${(e as Error).message}` };
    }
  }
  const proof = hashes.map(decodeBase64);
  if (proof.some((h) => h === null)) return { ok: false, reason: '一致性证明格式不正确' };
  const r = await checkConsistency(a.size, b.size, proof as Uint8Array[], a.rootHash, b.rootHash);
  if (!r.ok) {
    return {
      ok: false,
      reason: `一致性证明不能由规模 ${a.size} 的根推出规模 ${b.size} 的根（账本历史被改写或证明被篡改）：${r.reason}`,
    };
  }
  return { ok: true, older: a, newer: b, keyLabel: newer.keyLabel };
}
