import { canonicalJson } from '../canonical';
import type { Json } from '../ledger-subject';
import { leafHash } from '../merkle/hash';
import type { EntrySignatureCheck } from '../note/entry-signature';
import { HeadResult, headOf, readEntryHead } from './entry-head';

/** One stored entry row (`ledger_entry`), as verification reads it. */
export interface EntryRow {
  index: number;
  leafHash: Buffer;
  canonical: Buffer;
  signature: Buffer;
  action: string;
  entityType: string;
  entityId: string;
  regionCode: string | null;
  actorId: string | null;
  requestId: string;
  /** `recorded_at` as ISO 8601 text with milliseconds (what entries carry as `time`). */
  recordedAt: string;
}

export type Report = (index: number | null, kind: string, message: string) => void;

export interface EntryCheckOptions {
  ledgerId: string;
  /**
   * Also check what a verified signed checkpoint already vouches for: the RFC 8785 canonical form and the
   * entry signature (needed past the last checked checkpoint, and to locate damage under a checkpoint
   * whose root no longer matches).
   */
  deep: boolean;
}

/**
 * Verifies entry signatures (origin, index, leaf hash) with the ledger's keys, a slice's at once: on the
 * thread pool, spread over the cores.
 */
export type VerifySignatures = (checks: readonly EntrySignatureCheck[]) => Promise<boolean[]>;

/**
 * Checks one entry row and returns its leaf hash recomputed from the stored bytes. Always: the stored leaf
 * hash equals SHA-256(0x00 ‖ bytes) (LEAF_HASH); the bytes are JSON of an entry of this ledger at this index
 * (POSITION); the query columns agree with it (COLUMN; they are not hashed, so nothing else covers them).
 * With `deep`: the bytes are RFC 8785 canonical (CANONICAL), and the entry's signature is added to
 * `signatures`, for {@link checkSignatures} (SIGNATURE) once the slice is read.
 */
export function checkEntry(
  index: number,
  row: EntryRow,
  options: EntryCheckOptions,
  report: Report,
  signatures: EntrySignatureCheck[],
): Buffer {
  const leaf = leafHash(row.canonical);
  if (!leaf.equals(row.leafHash)) {
    report(index, 'LEAF_HASH', `entry ${index}: stored leaf hash does not match its canonical bytes`);
  }
  checkDocument(index, row, options, report);
  if (options.deep) signatures.push({ index, leaf, signature: row.signature });
  return leaf;
}

/** The SIGNATURE check of the entries {@link checkEntry} collected: every one must verify. */
export async function checkSignatures(
  signatures: readonly EntrySignatureCheck[],
  verify: VerifySignatures,
  report: Report,
): Promise<void> {
  if (signatures.length === 0) return;
  const verified = await verify(signatures);
  signatures.forEach(({ index }, i) => {
    if (verified[i] !== true) {
      report(index, 'SIGNATURE', `entry ${index}: signature does not verify with the ledger key`);
    }
  });
}

function checkDocument(index: number, row: EntryRow, options: EntryCheckOptions, report: Report): void {
  // Under a verified checkpoint only the head is needed: read it from the bytes without building the rest.
  const head = options.deep ? parseWhole(index, row, report) : readEntryHead(row.canonical);
  if (head === 'NOT_JSON') {
    report(index, 'CANONICAL', `entry ${index}: canonical bytes are not JSON`);
    return;
  }
  if (head === 'NOT_OBJECT') {
    report(index, 'CANONICAL', `entry ${index}: canonical bytes are not a JSON object`);
    return;
  }
  if (head.index !== index || head.ledger !== options.ledgerId) {
    report(
      index,
      'POSITION',
      `entry ${index}: its canonical JSON says index ${String(head.index)} of ledger ${String(head.ledger)}`,
    );
  }
  compare(index, 'action', row.action, head.action, report);
  compare(index, 'entity_type', row.entityType, head.entityType, report);
  compare(index, 'entity_id', row.entityId, head.entityId, report);
  compare(index, 'region_code', row.regionCode, head.regionCode, report);
  compare(index, 'actor_id', row.actorId, head.actorUserId, report);
  compare(index, 'request_id', row.requestId, head.requestId, report);
  compare(index, 'recorded_at', row.recordedAt, head.time, report);
}

/** The deep check: the whole document, which must also be in RFC 8785 canonical form. */
function parseWhole(index: number, row: EntryRow, report: Report): HeadResult {
  const text = row.canonical.toString('utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return 'NOT_JSON';
  }
  const head = headOf(doc);
  if (typeof head === 'object' && canonicalJson(doc as Json) !== text) {
    report(index, 'CANONICAL', `entry ${index}: bytes are not in RFC 8785 canonical form`);
  }
  return head;
}

function compare(index: number, column: string, stored: unknown, inDocument: unknown, report: Report): void {
  if (stored !== inDocument) {
    report(index, 'COLUMN', `entry ${index}: column ${column} (${String(stored)}) differs from the entry`);
  }
}
