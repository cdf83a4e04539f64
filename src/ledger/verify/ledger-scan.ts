import { EntityManager } from 'typeorm';
import { prepared } from '../prepared';
import { ENTRY_COLUMNS, EntryRow } from './entry-check';

/** A checkpoint row as verification reads it. */
export interface CheckpointRow {
  tree_size: string;
  root_hash: Buffer;
  note: string;
  seq: string | null;
  link: Buffer | null;
}

export const CHECKPOINT_COLUMNS = 'tree_size, root_hash, note, seq, link';

/** One slice [from, to) of the ledger with what verification compares it with. */
export interface ScanBatch {
  from: number;
  to: number;
  /** The stored entries with from ≤ idx < to, in index order (fewer than to − from if some are missing). */
  rows: EntryRow[];
  /** The stored subtrees that complete inside [from, to), keyed `${level}/${index}` (if asked for). */
  nodes: Map<string, Buffer> | null;
  /** The checkpoints with from < tree_size ≤ to, by size (if asked for). */
  checkpoints: CheckpointRow[];
}

export interface ScanOptions {
  batchSize: number;
  nodes: boolean;
  checkpoints: boolean;
}

/**
 * The ledger's entries [from, to) in index order, in slices of `batchSize`, in constant memory: each
 * slice is a few range scans on primary keys. Runs inside whatever transaction `manager` holds (a
 * snapshot for verifyLedger).
 */
export async function* scanLedger(
  manager: EntityManager,
  ledgerId: string,
  from: number,
  to: number,
  options: ScanOptions,
): AsyncGenerator<ScanBatch> {
  // One connection, one query at a time (the driver does not pipeline): entries, then the subtrees and
  // checkpoints of the same slice.
  for (let a = from; a < to; a += options.batchSize) {
    const b = Math.min(to, a + options.batchSize);
    const rows = await readEntries(manager, ledgerId, a, b);
    const nodes = options.nodes ? await readNodes(manager, ledgerId, a, b) : null;
    const checkpoints = options.checkpoints ? await readCheckpoints(manager, ledgerId, a, b) : [];
    yield { from: a, to: b, rows, nodes, checkpoints };
  }
}

function readEntries(manager: EntityManager, ledgerId: string, a: number, b: number): Promise<EntryRow[]> {
  return prepared<EntryRow & Record<string, unknown>>(
    manager,
    'ledger-scan-entries-v1',
    `SELECT ${ENTRY_COLUMNS} FROM ledger_entry WHERE ledger_id = $1 AND idx >= $2 AND idx < $3 ORDER BY idx`,
    [ledgerId, String(a), String(b)],
  );
}

/** Node (level, i) covers leaves [i·2^level, (i+1)·2^level) and completes with its last leaf. */
export function nodesCompletingIn(a: number, b: number): Array<{ level: number; lo: number; hi: number }> {
  const out: Array<{ level: number; lo: number; hi: number }> = [];
  for (let level = 0, width = 1; width <= b; level++, width *= 2) {
    const lo = Math.ceil((a + 1) / width) - 1;
    const hi = Math.floor(b / width) - 1;
    if (hi >= lo) out.push({ level, lo, hi });
  }
  return out;
}

async function readNodes(
  manager: EntityManager,
  ledgerId: string,
  a: number,
  b: number,
): Promise<Map<string, Buffer>> {
  const ranges = nodesCompletingIn(a, b);
  const rows = await prepared<{ level: number; idx: string; hash: Buffer }>(
    manager,
    'ledger-scan-nodes-v1',
    `SELECT r.level, n.idx, n.hash
       FROM unnest($2::smallint[], $3::bigint[], $4::bigint[]) AS r(level, lo, hi)
       CROSS JOIN LATERAL (
         SELECT idx, hash FROM ledger_node WHERE ledger_id = $1 AND level = r.level AND idx BETWEEN r.lo AND r.hi
       ) n`,
    [ledgerId, ranges.map((r) => r.level), ranges.map((r) => String(r.lo)), ranges.map((r) => String(r.hi))],
  );
  const out = new Map<string, Buffer>();
  for (const row of rows) out.set(`${row.level}/${row.idx}`, row.hash);
  return out;
}

function readCheckpoints(
  manager: EntityManager,
  ledgerId: string,
  a: number,
  b: number,
): Promise<CheckpointRow[]> {
  return prepared<CheckpointRow & Record<string, unknown>>(
    manager,
    'ledger-scan-checkpoints-v1',
    `SELECT ${CHECKPOINT_COLUMNS} FROM ledger_checkpoint
      WHERE ledger_id = $1 AND tree_size > $2 AND tree_size <= $3 ORDER BY tree_size`,
    [ledgerId, String(a), String(b)],
  );
}
