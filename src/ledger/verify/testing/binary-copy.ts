/** Test helpers: PostgreSQL's binary COPY stream, as the server sends it. */

/** PostgreSQL's binary COPY format, written out (the header with an extension area of 3 bytes). */
export function binaryCopy(rows: ReadonlyArray<ReadonlyArray<Buffer | null>>): Buffer {
  const parts: Buffer[] = [
    Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'),
    int32(0),
    int32(3),
    Buffer.from([7, 7, 7]),
  ];
  for (const row of rows) {
    parts.push(int16(row.length));
    for (const field of row)
      parts.push(field === null ? int32(-1) : Buffer.concat([int32(field.length), field]));
  }
  parts.push(int16(-1));
  return Buffer.concat(parts);
}
const int16 = (n: number): Buffer => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
const int32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
export const int64 = (n: bigint): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n);
  return b;
};
/** The bytes cut at the given offsets, as the socket might deliver them. */
export function cut(data: Buffer, at: readonly number[]): Buffer[] {
  const points = [...new Set(at.map((p) => p % (data.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    chunks.push(data.subarray(from, p));
    from = p;
  }
  chunks.push(data.subarray(from));
  return chunks;
}
