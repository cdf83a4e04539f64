/**
 * Feeds `items` to `write` in batches of `size`, in order and one write at a time, reading the next batch
 * while the previous one is being written: on a bulk path (an import) the parsing of rows, which is the
 * app's CPU, overlaps the database's work on the rows before them instead of waiting for it.
 *
 * A reading that never waits for I/O (a file's bytes in memory) would starve the write of the event loop:
 * the answer to its first statement would only be seen when the batch is read, and its next statement
 * sent then. While a write is in flight the reading lets the event loop run every {@link YIELD_EVERY} items.
 *
 * A write that fails stops the reading at the next batch and its error is thrown; a reading that fails
 * waits for the write in flight to settle before its error is thrown, so the caller's rollback never
 * races a statement of its own.
 */
export const YIELD_EVERY = 50;

const ioTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function writeInBatches<T>(
  items: AsyncIterable<T> | Iterable<T>,
  size: number,
  write: (batch: T[]) => Promise<void>,
): Promise<void> {
  if (!(size >= 1)) throw new Error(`writeInBatches: a batch size of ${size}`);
  let writing: Promise<void> | null = null;
  const start = (batch: T[]): void => {
    writing = write(batch);
    // Awaited before the next batch starts, at the end, or below when the reading fails; until then a
    // rejection must not count as unhandled.
    writing.catch(() => undefined);
  };
  let batch: T[] = [];
  let read = 0;
  try {
    for await (const item of items) {
      batch.push(item);
      if (writing && ++read % YIELD_EVERY === 0) await ioTurn();
      if (batch.length === size) {
        if (writing) await writing;
        start(batch);
        batch = [];
      }
    }
    if (batch.length > 0) {
      if (writing) await writing;
      start(batch);
    }
    if (writing) await writing;
    writing = null;
  } finally {
    if (writing) await (writing as Promise<void>).catch(() => undefined);
  }
}
