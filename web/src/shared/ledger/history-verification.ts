/**
 * The browser's own check of a record's history, trusting neither the server's word nor its hashes:
 *
 * 1. the latest checkpoint's note must verify with the log's published key (Ed25519, WebCrypto) and name
 *    the log's origin; its size and root are read from the signed text, not from the server's fields;
 * 2. each entry's leaf hash is recomputed from its canonical bytes (SHA-256(0x00 ‖ bytes)) and must be
 *    the one the server gives;
 * 3. each entry's inclusion proof, fetched for the checkpoint's size, must lead from that leaf hash to
 *    the signed root (RFC 9162 §2.1.3.2);
 * 4. the record's entries must chain: the k-th says version k and names the leaf hash of the one before.
 *
 * An entry is "verified" only when all of this holds; entries newer than the checkpoint are "pending".
 */
import { decodeBase64, encodeBase64, utf8 } from './bytes';
import { checkInclusion, leafHash } from './merkle';
import { type Checkpoint, openCheckpoint, parseVerifierKey, type VerifierKey } from './note';

export interface HistoryEntry {
  index: number;
  canonical: string;
  leafHash: string;
}

export type EntryVerdict =
  | { index: number; status: 'verified' }
  | { index: number; status: 'pending' }
  | { index: number; status: 'failed'; reason: string };

export type HistoryVerification =
  | { ok: true; checkpoint: Checkpoint; keyLabel: string; entries: EntryVerdict[] }
  | { ok: false; reason: string; entries: EntryVerdict[] };

export interface HistoryVerificationInput {
  entries: readonly HistoryEntry[];
  /** The log's origin and verifier keys, as published (ledgerPublicKey). */
  origin: string;
  verifierKeys: readonly string[];
  /** The latest signed checkpoint note; null if none yet. */
  checkpointNote: string | null;
  /** Fetches the inclusion proof of an entry in the tree of `treeSize` leaves (base64 hashes). */
  inclusionProof: (index: number, treeSize: number) => Promise<{ hashes: readonly string[] }>;
}

interface Chained {
  v?: unknown;
  entityVersion?: unknown;
  previousLeafHash?: unknown;
}

function chainProblem(entry: HistoryEntry, position: number, previous: string | null): string | null {
  let parsed: Chained;
  try {
    parsed = JSON.parse(entry.canonical) as Chained;
  } catch {
    return '条目内容不是有效的 JSON';
  }
  if (parsed.v === 1 || parsed.entityVersion === undefined) return null; // format 1: no chain to check
  if (parsed.entityVersion !== position + 1) {
    return `记录版本应为 ${position + 1}，条目写的是 ${String(parsed.entityVersion)}（有条目缺失）`;
  }
  if ((parsed.previousLeafHash ?? null) !== previous)
    return '与该记录上一条目的哈希链接不符（有条目缺失或被替换）';
  return null;
}

export async function verifyHistory(input: HistoryVerificationInput): Promise<HistoryVerification> {
  const failAll = (reason: string): HistoryVerification => ({
    ok: false,
    reason,
    entries: input.entries.map((e) => ({ index: e.index, status: 'failed', reason })),
  });
  let keys: VerifierKey[];
  try {
    keys = await Promise.all(input.verifierKeys.map((k) => parseVerifierKey(k)));
  } catch (e) {
    return failAll(`账本公钥格式不正确：${(e as Error).message}`);
  }
  if (!input.checkpointNote) {
    return {
      ok: false,
      reason: '账本尚无签名检查点',
      entries: input.entries.map((e) => ({ index: e.index, status: 'pending' })),
    };
  }
  let checkpoint: Checkpoint;
  let keyLabel: string;
  try {
    const opened = await openCheckpoint(input.checkpointNote, keys);
    checkpoint = opened.checkpoint;
    keyLabel = opened.verifiedBy[0].label;
  } catch (e) {
    return failAll(`检查点签名验证失败：${(e as Error).message}`);
  }
  if (checkpoint.origin !== input.origin) return failAll(`检查点属于另一个账本：${checkpoint.origin}`);

  const sorted = [...input.entries].sort((a, b) => a.index - b.index);
  const verdicts: EntryVerdict[] = [];
  let previous: string | null = null;
  for (const [position, entry] of sorted.entries()) {
    const computed = await leafHash(utf8(entry.canonical));
    const computedB64 = encodeBase64(computed);
    const chain = chainProblem(entry, position, previous);
    previous = computedB64;
    if (computedB64 !== entry.leafHash) {
      verdicts.push({ index: entry.index, status: 'failed', reason: '条目内容与其叶哈希不符（内容被改动）' });
      continue;
    }
    if (chain) {
      verdicts.push({ index: entry.index, status: 'failed', reason: chain });
      continue;
    }
    if (entry.index >= checkpoint.size) {
      verdicts.push({ index: entry.index, status: 'pending' });
      continue;
    }
    let hashes: readonly string[];
    try {
      hashes = (await input.inclusionProof(entry.index, checkpoint.size)).hashes;
    } catch (e) {
      verdicts.push({
        index: entry.index,
        status: 'failed',
        reason: `无法取得包含证明：${(e as Error).message}`,
      });
      continue;
    }
    const proof = hashes.map(decodeBase64);
    if (proof.some((h) => h === null)) {
      verdicts.push({ index: entry.index, status: 'failed', reason: '包含证明格式不正确' });
      continue;
    }
    const r = await checkInclusion(
      entry.index,
      checkpoint.size,
      computed,
      proof as Uint8Array[],
      checkpoint.rootHash,
    );
    verdicts.push(
      r.ok
        ? { index: entry.index, status: 'verified' }
        : { index: entry.index, status: 'failed', reason: `包含证明与签名检查点的根不符：${r.reason}` },
    );
  }
  return { ok: true, checkpoint, keyLabel, entries: verdicts };
}
