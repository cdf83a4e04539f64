/**
 * The rows of a binary COPY (`COPY … TO STDOUT (FORMAT binary)`), read across the chunks the stream
 * arrived in (no database: `ledger-scan.ts` reads the stream).
 */
import type { EntryRow } from './entry-check';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);

/**
 * Reads the rows of a binary COPY (a header, then per row a field count and each field as its length, -1
 * for NULL, and its bytes; -1 for a count ends it) across the chunks it arrived in. A field that lies in
 * one chunk is read where it is (a view, or text decoded in place); one split between two chunks is the
 * only thing copied.
 */
export class CopyReader {
  private chunk: Buffer;
  private next = 1;
  private at = 0;

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
    const length = this.int(4); // -1 for NULL
    if (length < 0) throw new Error('a NOT NULL column is NULL');
    return this.take(length);
  }

  /** A text field decoded (null for NULL). */
  textField(): string | null {
    const length = this.int(4);
    if (length < 0) return null;
    if (this.at + length > this.chunk.length) return this.take(length).toString('utf8');
    const start = this.at;
    this.at += length;
    return this.chunk.toString('utf8', start, this.at);
  }

  /** A field of `size` bytes, read by `read` where it lies (null for NULL). */
  fixedField<T>(size: number, read: (b: Buffer, at: number) => T): T | null {
    const length = this.int(4);
    if (length < 0) return null;
    if (length !== size)
      throw new Error(`a binary COPY field of ${length} bytes where ${size} were expected`);
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

export function readInt16(b: Buffer, at: number): number {
  return b.readInt16BE(at);
}

/** A non-negative bigint (index, size) in binary, at `at`. */
export function readCount(b: Buffer, at: number): number {
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

/** The entry rows of a binary COPY of the eleven columns `readSlice` selects, in that order. */
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
