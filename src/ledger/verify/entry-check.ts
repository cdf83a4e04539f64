import { canonicalJson } from '../canonical';
import { EntryDocument } from '../ledger-entry.format';
import { Json } from '../ledger-subject';
import { leafHash } from '../merkle/hash';

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
  /** Verifies an entry signature (origin, index, leaf hash) with the ledger's keys. */
  verifySignature: (index: number, leaf: Buffer, signature: Buffer) => boolean;
}

/**
 * Checks one entry row and returns its leaf hash recomputed from the stored bytes. Always: the stored leaf
 * hash equals SHA-256(0x00 ‖ bytes) (LEAF_HASH); the bytes are JSON of an entry of this ledger at this index
 * (POSITION); the query columns agree with it (COLUMN; they are not hashed, so nothing else covers them).
 * With `deep`: the bytes are RFC 8785 canonical (CANONICAL) and the entry signature verifies (SIGNATURE).
 */
export function checkEntry(index: number, row: EntryRow, options: EntryCheckOptions, report: Report): Buffer {
  const leaf = leafHash(row.canonical);
  if (!leaf.equals(row.leafHash)) {
    report(index, 'LEAF_HASH', `entry ${index}: stored leaf hash does not match its canonical bytes`);
  }
  checkDocument(index, row, options, report);
  if (options.deep && !options.verifySignature(index, leaf, row.signature)) {
    report(index, 'SIGNATURE', `entry ${index}: signature does not verify with the ledger key`);
  }
  return leaf;
}

function checkDocument(index: number, row: EntryRow, options: EntryCheckOptions, report: Report): void {
  let doc: EntryDocument;
  try {
    doc = JSON.parse(row.canonical.toString('utf8')) as EntryDocument;
  } catch {
    report(index, 'CANONICAL', `entry ${index}: canonical bytes are not JSON`);
    return;
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    report(index, 'CANONICAL', `entry ${index}: canonical bytes are not a JSON object`);
    return;
  }
  if (doc.index !== index || doc.ledger !== options.ledgerId) {
    report(
      index,
      'POSITION',
      `entry ${index}: its canonical JSON says index ${doc.index} of ledger ${doc.ledger}`,
    );
  }
  if (options.deep && canonicalJson(doc as unknown as Json) !== row.canonical.toString('utf8')) {
    report(index, 'CANONICAL', `entry ${index}: bytes are not in RFC 8785 canonical form`);
  }
  const actorId = doc.actor && typeof doc.actor === 'object' ? (doc.actor.userId ?? null) : null;
  compare(index, 'action', row.action, doc.action, report);
  compare(index, 'entity_type', row.entityType, doc.entityType, report);
  compare(index, 'entity_id', row.entityId, doc.entityId, report);
  compare(index, 'region_code', row.regionCode, doc.regionCode, report);
  compare(index, 'actor_id', row.actorId, actorId, report);
  compare(index, 'request_id', row.requestId, doc.requestId, report);
  compare(index, 'recorded_at', row.recordedAt, doc.time, report);
}

function compare(index: number, column: string, stored: unknown, inDocument: unknown, report: Report): void {
  if (stored !== inDocument) {
    report(index, 'COLUMN', `entry ${index}: column ${column} (${String(stored)}) differs from the entry`);
  }
}
