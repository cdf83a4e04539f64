import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { EntityManager } from 'typeorm';
import { prepared } from '@/database/prepared';
import { CopyReader, readCount, readInt16 } from './copy-rows';
import type { CheckedRows } from './slice-check';

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
  /**
   * What the checks of the stored entries with from ≤ idx < to found (fewer rows than to − from if some
   * are missing), in index order: made by {@link ScanOptions.check} as soon as the slice is read, while
   * the other connection reads the next.
   */
  checked: CheckedRows;
  /** The stored subtrees that complete inside [from, to) (if asked for). */
  nodes: StoredNodes | null;
  /** The checkpoints with from < tree_size ≤ to, by size (if asked for). */
  checkpoints: CheckpointRow[];
}

export interface ScanOptions {
  batchSize: number;
  /** Checks a slice's entries ({@link checkSlice}), given their binary COPY as it arrived. */
  check: (entries: readonly Buffer[]) => CheckedRows;
  nodes: boolean;
  checkpoints: boolean;
}

/**
 * The ledger's entries [from, to) in index order, in slices of `batchSize`, in constant memory. Each slice
 * is read with `COPY … TO STDOUT (FORMAT binary)` (the bytes as stored: no hex text to decode) plus range
 * scans of the subtrees and checkpoints that complete in it. With more than one connection (all in the
 * same snapshot, see {@link openSnapshotSibling}), slice k is read on connection k mod n while the caller
 * checks the slices before it, so the database and JavaScript work at the same time.
 */
export async function* scanLedger(
  managers: EntityManager[],
  ledgerId: string,
  from: number,
  to: number,
  options: ScanOptions,
): AsyncGenerator<ScanBatch> {
  if (!/^[0-9]{6}$/.test(ledgerId)) throw new RangeError(`invalid ledger id ${ledgerId}`);
  const clients = managers.map(clientOf);
  const read = (slice: number): Promise<ScanBatch> => {
    const a = from + slice * options.batchSize;
    return readSlice(
      clients[slice % clients.length],
      managers[slice % managers.length],
      ledgerId,
      a,
      Math.min(to, a + options.batchSize),
      options,
    );
  };
  const slices = Math.ceil(Math.max(0, to - from) / options.batchSize);
  const inFlight: Array<Promise<ScanBatch>> = [];
  const start = (slice: number): void => {
    if (slice >= slices) return;
    const p = read(slice);
    p.catch(() => undefined); // surfaced when awaited, never unhandled meanwhile
    inFlight.push(p);
  };
  try {
    for (let s = 0; s < clients.length; s++) start(s);
    for (let slice = 0; slice < slices; slice++) {
      const batch = await inFlight.shift()!;
      start(slice + clients.length); // on the connection that has just become free
      yield batch;
    }
  } finally {
    // Leave no read in flight on a connection the caller is about to release.
    await Promise.all(inFlight.map((p) => p.catch(() => undefined)));
  }
}

/**
 * A second connection in the same REPEATABLE READ snapshot as `manager`'s transaction (exported with
 * pg_export_snapshot), for reading ahead. `close` ends it.
 */
export async function openSnapshotSibling(
  manager: EntityManager,
): Promise<{ manager: EntityManager; close: () => Promise<void> }> {
  const [{ snapshot }] = await prepared<{ snapshot: string }>(
    manager,
    'ledger-export-snapshot-v1',
    'SELECT pg_export_snapshot() AS snapshot',
    [],
  );
  const runner = manager.connection.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await runner.query(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, "''")}'`);
  } catch (error) {
    await runner.release();
    throw error;
  }
  return {
    manager: runner.manager,
    close: async () => {
      await runner.query('COMMIT').catch(() => undefined);
      await runner.release();
    },
  };
}

function clientOf(manager: EntityManager): PoolClient {
  const client = (manager.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)
    ?.databaseConnection;
  if (!client) throw new Error('ledger scans run inside a transaction');
  return client;
}

async function readSlice(
  client: PoolClient,
  manager: EntityManager,
  ledgerId: string,
  a: number,
  b: number,
  options: ScanOptions,
): Promise<ScanBatch> {
  const entries = await copyBinary(
    client,
    `SELECT idx, leaf_hash, canonical, signature, action, entity_type, entity_id, region_code, actor_id,
            request_id, recorded_at
       FROM ledger_entry WHERE ledger_id = '${ledgerId}' AND idx >= ${a} AND idx < ${b} ORDER BY idx`,
  );
  const checked = options.check(entries);
  const nodes = options.nodes ? await readNodes(client, ledgerId, a, b) : null;
  const checkpoints = options.checkpoints ? await readCheckpoints(manager, ledgerId, a, b) : [];
  return { from: a, to: b, checked, nodes, checkpoints };
}

/** Stored subtree hashes of a few index ranges, one range per level. */
export class StoredNodes {
  private readonly levels: Array<{ lo: number; hashes: Array<Buffer | undefined> } | undefined> = [];

  constructor(ranges: ReadonlyArray<{ level: number; lo: number; hi: number }>) {
    for (const r of ranges)
      this.levels[r.level] = { lo: r.lo, hashes: new Array<Buffer | undefined>(r.hi - r.lo + 1) };
  }

  set(level: number, index: number, hash: Buffer): void {
    const range = this.levels[level];
    if (range && index >= range.lo && index - range.lo < range.hashes.length)
      range.hashes[index - range.lo] = hash;
  }

  get(level: number, index: number): Buffer | undefined {
    const range = this.levels[level];
    return range && index >= range.lo ? range.hashes[index - range.lo] : undefined;
  }
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

async function readNodes(client: PoolClient, ledgerId: string, a: number, b: number): Promise<StoredNodes> {
  const ranges = nodesCompletingIn(a, b);
  const out = new StoredNodes(ranges);
  if (ranges.length === 0) return out;
  const where = ranges.map((r) => `(level = ${r.level} AND idx BETWEEN ${r.lo} AND ${r.hi})`).join(' OR ');
  const data = await copyBinary(
    client,
    `SELECT level, idx, hash FROM ledger_node WHERE ledger_id = '${ledgerId}' AND (${where})`,
  );
  const r = new CopyReader(data);
  while (r.row(3)) {
    const level = r.requiredField(2, readInt16);
    const index = r.requiredField(8, readCount);
    out.set(level, index, r.bytesField());
  }
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

/** pg calls the active query's handleReadyForQuery when the server is ready for the next statement. */
type CopyToStream = ReturnType<typeof copyTo> & { handleReadyForQuery: () => void };

/**
 * A binary COPY's bytes as they arrived, chunk by chunk (not joined: that would copy them all once more).
 * Returns once the connection is free again: the stream ends at CopyDone, but the connection is busy
 * until the server's ReadyForQuery, which may come in a later packet; a statement sent before it would
 * be queued behind the COPY (refused from pg 9).
 */
async function copyBinary(client: PoolClient, select: string): Promise<Buffer[]> {
  const stream = client.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT binary)`)) as CopyToStream;
  const idle = new Promise<void>((resolve, reject) => {
    const handle = stream.handleReadyForQuery.bind(stream);
    stream.handleReadyForQuery = () => {
      handle();
      resolve();
    };
    stream.once('error', reject);
  });
  idle.catch(() => undefined); // surfaced by the loop below when the COPY fails
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  await idle;
  return chunks;
}
