import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { EntityManager } from 'typeorm';
import { prepared } from '@/database/prepared';
import { EntryRow } from './entry-check';

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
   * The stored entries with from ≤ idx < to, in index order (fewer than to − from if some are missing);
   * read once, decoded as they are iterated (so each row's objects die young).
   */
  rows: Iterable<EntryRow>;
  /** The stored subtrees that complete inside [from, to) (if asked for). */
  nodes: StoredNodes | null;
  /** The checkpoints with from < tree_size ≤ to, by size (if asked for). */
  checkpoints: CheckpointRow[];
}

export interface ScanOptions {
  batchSize: number;
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
  const rows = entriesOf(
    await copyBinary(
      client,
      `SELECT idx, leaf_hash, canonical, signature, action, entity_type, entity_id, region_code, actor_id,
              request_id, recorded_at
         FROM ledger_entry WHERE ledger_id = '${ledgerId}' AND idx >= ${a} AND idx < ${b} ORDER BY idx`,
    ),
  );
  const nodes = options.nodes ? await readNodes(client, ledgerId, a, b) : null;
  const checkpoints = options.checkpoints ? await readCheckpoints(manager, ledgerId, a, b) : [];
  return { from: a, to: b, rows, nodes, checkpoints };
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

/** A binary COPY's bytes as they arrived, chunk by chunk (not joined: that would copy them all once more). */
async function copyBinary(client: PoolClient, select: string): Promise<Buffer[]> {
  const stream = client.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT binary)`));
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return chunks;
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);

/**
 * Reads the rows of a binary COPY (a header, then per row a field count and each field as its length, -1
 * for NULL, and its bytes; -1 for a count ends it) across the chunks it arrived in. A field that lies in
 * one chunk is read where it is (a view, or text decoded in place); one split between two chunks is the
 * only thing copied.
 */
class CopyReader {
  private chunk: Buffer;
  private next = 1;
  private at = 0;
  /** The length of the field being read (-1 for NULL). */
  private length = 0;

  constructor(private readonly chunks: readonly Buffer[]) {
    this.chunk = chunks[0] ?? Buffer.alloc(0);
    const header = this.take(19);
    if (!header.subarray(0, 11).equals(SIGNATURE)) throw new Error('not a binary COPY stream');
    this.take(header.readUInt32BE(15)); // the header extension
  }

  /** Starts the next row: false at the end of the stream; a row of another number of fields is an error. */
  row(fields: number): boolean {
    const count = this.int(2);
    if (count === -1) return false;
    if (count !== fields)
      throw new Error(`a binary COPY row of ${count} fields where ${fields} were selected`);
    return true;
  }

  /** A field's bytes (a view where they lie in one chunk); NULL is an error. */
  bytesField(): Buffer {
    this.length = this.int(4);
    if (this.length < 0) throw new Error('a NOT NULL column is NULL');
    return this.take(this.length);
  }

  /** A text field decoded (null for NULL). */
  textField(): string | null {
    this.length = this.int(4);
    if (this.length < 0) return null;
    if (this.at + this.length > this.chunk.length) return this.take(this.length).toString('utf8');
    const start = this.at;
    this.at += this.length;
    return this.chunk.toString('utf8', start, this.at);
  }

  /** A field of `size` bytes, read by `read` where it lies (null for NULL). */
  fixedField<T>(size: number, read: (b: Buffer, at: number) => T): T | null {
    this.length = this.int(4);
    if (this.length < 0) return null;
    if (this.length !== size)
      throw new Error(`a binary COPY field of ${this.length} bytes where ${size} were expected`);
    if (this.at + size <= this.chunk.length) {
      this.at += size;
      return read(this.chunk, this.at - size);
    }
    return read(this.take(size), 0);
  }

  /** As {@link fixedField}, for a NOT NULL column. */
  requiredField<T>(size: number, read: (b: Buffer, at: number) => T): T {
    const value = this.fixedField(size, read);
    if (value === null) throw new Error('a NOT NULL column is NULL');
    return value;
  }

  /** A big-endian signed integer of 2 or 4 bytes. */
  private int(size: 2 | 4): number {
    let b = this.chunk;
    let at = this.at;
    if (at + size <= b.length) {
      this.at += size;
    } else {
      b = this.take(size);
      at = 0;
    }
    return size === 2 ? b.readInt16BE(at) : b.readInt32BE(at);
  }

  /** The next `n` bytes: a view where they lie in one chunk, else a copy gathered from the chunks. */
  private take(n: number): Buffer {
    if (this.at + n <= this.chunk.length) {
      this.at += n;
      return this.chunk.subarray(this.at - n, this.at);
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      if (this.at >= this.chunk.length) {
        if (this.next >= this.chunks.length) throw new Error('a binary COPY stream that ends inside a row');
        this.chunk = this.chunks[this.next++];
        this.at = 0;
        continue;
      }
      const k = Math.min(n - filled, this.chunk.length - this.at);
      this.chunk.copy(out, filled, this.at, this.at + k);
      filled += k;
      this.at += k;
    }
    return out;
  }
}

function readInt16(b: Buffer, at: number): number {
  return b.readInt16BE(at);
}

/** A non-negative bigint (index, size) in binary, at `at`. */
function readCount(b: Buffer, at: number): number {
  return b.readUInt32BE(at) * 0x1_0000_0000 + b.readUInt32BE(at + 4);
}

/** A uuid in binary at `at`; the actor of consecutive entries is often the same, so the last one is remembered. */
const lastUuid = Buffer.alloc(16);
let lastUuidText = '';
function readUuid(b: Buffer, at: number): string {
  if (lastUuidText !== '' && b.compare(lastUuid, 0, 16, at, at + 16) === 0) return lastUuidText;
  const hex = b.toString('hex', at, at + 16);
  b.copy(lastUuid, 0, at, at + 16);
  lastUuidText = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return lastUuidText;
}

/**
 * timestamptz in binary: microseconds since 2000-01-01 UTC, as the ISO text entries carry (ms). The
 * entries of one transaction share their time, so the last one is remembered.
 */
let lastMicros = NaN;
let lastTime = '';
function readTime(b: Buffer, at: number): string {
  const micros = b.readInt32BE(at) * 0x1_0000_0000 + b.readUInt32BE(at + 4);
  if (micros === lastMicros) return lastTime;
  const iso = new Date(PG_EPOCH_MS + Math.floor(micros / 1000)).toISOString();
  const rest = ((micros % 1000) + 1000) % 1000;
  lastMicros = micros;
  lastTime = rest === 0 ? iso : `${iso} (+${rest} µs)`; // never equal to an entry's time
  return lastTime;
}

/** The entry rows of a binary COPY of the eleven columns `readSlice` selects, in that order (exported for its spec). */
export function* entriesOf(chunks: readonly Buffer[]): Generator<EntryRow> {
  const r = new CopyReader(chunks);
  while (r.row(11)) {
    yield {
      index: r.requiredField(8, readCount),
      leafHash: r.bytesField(),
      canonical: r.bytesField(),
      signature: r.bytesField(),
      action: r.textField() ?? '',
      entityType: r.textField() ?? '',
      entityId: r.textField() ?? '',
      regionCode: r.textField(),
      actorId: r.fixedField(16, readUuid),
      requestId: r.textField() ?? '',
      recordedAt: r.requiredField(8, readTime),
    };
  }
}
