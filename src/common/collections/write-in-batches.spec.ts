import { writeInBatches } from './write-in-batches';

/** A write that settles only when the test says so, recording what happened in `log`. */
function controlledWrites(log: string[]) {
  const pending: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  const write = (batch: number[]): Promise<void> => {
    log.push(`write ${batch.join(',')}`);
    return new Promise<void>((resolve, reject) => {
      pending.push({
        resolve: () => {
          log.push(`done ${batch.join(',')}`);
          resolve();
        },
        reject,
      });
    });
  };
  return { write, pending };
}

async function* reading(n: number, log: string[], failAt?: number): AsyncGenerator<number> {
  for (let i = 1; i <= n; i++) {
    await Promise.resolve();
    if (i === failAt) throw new Error(`cannot read ${i}`);
    log.push(`read ${i}`);
    yield i;
  }
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('writeInBatches', () => {
  it('reads the next batch while the previous one is written, and writes one batch at a time, in order', async () => {
    const log: string[] = [];
    const { write, pending } = controlledWrites(log);
    const done = writeInBatches(reading(5, log), 2, write);
    await tick();
    // Batch 1,2 is being written; 3,4 were read meanwhile; the write of 3,4 waits for it.
    expect(log).toEqual(['read 1', 'read 2', 'write 1,2', 'read 3', 'read 4']);
    pending[0].resolve();
    await tick();
    expect(log.slice(5)).toEqual(['done 1,2', 'write 3,4', 'read 5']);
    pending[1].resolve();
    await tick();
    expect(log.slice(8)).toEqual(['done 3,4', 'write 5']);
    pending[2].resolve();
    await done;
    expect(log.at(-1)).toBe('done 5');
  });

  it('throws the error of a failed write and starts no further write', async () => {
    const log: string[] = [];
    const { write, pending } = controlledWrites(log);
    const done = writeInBatches(reading(6, log), 2, write);
    await tick();
    pending[0].reject(new Error('duplicate key'));
    await expect(done).rejects.toThrow('duplicate key');
    expect(log.filter((l) => l.startsWith('write'))).toEqual(['write 1,2']);
  });

  it('a reading that fails waits for the write in flight before throwing', async () => {
    const log: string[] = [];
    const { write, pending } = controlledWrites(log);
    let settled = false;
    const done = writeInBatches(reading(6, log, 4), 2, write).finally(() => (settled = true));
    await tick();
    expect(log).toEqual(['read 1', 'read 2', 'write 1,2', 'read 3']);
    // The reading has failed; the write of 1,2 is still in flight.
    await tick();
    expect(settled).toBe(false);
    pending[0].resolve();
    await expect(done).rejects.toThrow('cannot read 4');
    expect(log.at(-1)).toBe('done 1,2');
  });

  it('writes nothing for nothing, and a last partial batch', async () => {
    const batches: number[][] = [];
    await writeInBatches([], 3, async (b) => void batches.push(b));
    expect(batches).toEqual([]);
    await writeInBatches([1, 2, 3, 4], 3, async (b) => void batches.push(b));
    expect(batches).toEqual([[1, 2, 3], [4]]);
    await expect(writeInBatches([1], 0, async () => undefined)).rejects.toThrow('batch size');
  });
});

describe('writeInBatches with a reading that never waits for I/O', () => {
  it('lets a write in flight send its next statement while the next batch is read', async () => {
    const log: string[] = [];
    // Two statements, each answered on a later turn of the event loop (as a socket's answer is).
    const statement = (name: string): Promise<void> =>
      new Promise((resolve) => setImmediate(() => (log.push(name), resolve())));
    const write = async (batch: number[]): Promise<void> => {
      await statement(`first of ${batch[0]}`);
      await statement(`second of ${batch[0]}`);
    };
    function* rows(): Generator<number> {
      for (let i = 0; i < 400; i++) {
        log.push(`read ${i}`);
        yield i;
      }
    }
    await writeInBatches(rows(), 200, write);
    // Both statements of the first batch were answered while the second batch was being read.
    const second = log.indexOf('second of 0');
    expect(second).toBeGreaterThan(log.indexOf('read 200'));
    expect(second).toBeLessThan(log.indexOf('read 399'));
    expect(log.at(-1)).toBe('second of 200');
  });
});
