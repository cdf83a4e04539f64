import { EntityManager } from 'typeorm';
import { independentReads } from './reads';

/** Reads that record when each starts and ends, each taking a few event-loop turns. */
function recorder() {
  const events: string[] = [];
  const read =
    <T>(name: string, value: T) =>
    async (): Promise<T> => {
      events.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`end ${name}`);
      return value;
    };
  return { events, read };
}

describe('independentReads', () => {
  it('starts every read at once on the pool (no transaction)', async () => {
    const { events, read } = recorder();
    const out = await independentReads(undefined, [read('a', 1), read('b', 'two')]);
    expect(out).toEqual([1, 'two']);
    expect(events.slice(0, 2)).toEqual(['start a', 'start b']);
  });

  it('runs them one after another on a connection of its own (a transaction), in order', async () => {
    const { events, read } = recorder();
    const bound = { queryRunner: {} } as unknown as EntityManager;
    const out = await independentReads(bound, [read('a', 1), read('b', 2), read('c', 3)]);
    expect(out).toEqual([1, 2, 3]);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('stops at the first failure inside a transaction, starting nothing after it', async () => {
    const { events, read } = recorder();
    const bound = { queryRunner: {} } as unknown as EntityManager;
    const fail = async (): Promise<never> => {
      events.push('start fail');
      throw new Error('boom');
    };
    await expect(independentReads(bound, [read('a', 1), fail, read('c', 3)])).rejects.toThrow('boom');
    expect(events).toEqual(['start a', 'end a', 'start fail']);
  });
});
