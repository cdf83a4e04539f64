import { SingleFlight } from './single-flight';

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('SingleFlight', () => {
  it('concurrent callers of one key share one run; another key runs on its own', async () => {
    const flight = new SingleFlight<number>();
    const gate = deferred<number>();
    let calls = 0;
    const work = () => {
      calls += 1;
      return gate.promise;
    };
    const all = [flight.do('a', work), flight.do('a', work), flight.do('a', work)];
    const other = flight.do('b', () => Promise.resolve(7));
    gate.resolve(42);
    expect(await Promise.all(all)).toEqual([42, 42, 42]);
    expect(await other).toBe(7);
    expect(calls).toBe(1);
    expect(flight.stats).toEqual({ runs: 2, shared: 2, reused: 0 });
  });

  it('without reuse, a later call runs again', async () => {
    const flight = new SingleFlight<number>();
    let calls = 0;
    await flight.do('a', async () => ++calls);
    await flight.do('a', async () => ++calls);
    expect(calls).toBe(2);
  });

  it('with reuse, the last result of the same key is reused until it is too old or the key changes', async () => {
    let clock = 1_000;
    const flight = new SingleFlight<number>({ reuseForMs: 100, now: () => clock });
    let calls = 0;
    const work = async () => ++calls;
    expect(await flight.do('tree@5', work)).toBe(1);
    clock += 50;
    expect(await flight.do('tree@5', work)).toBe(1);
    expect(await flight.do('tree@6', work)).toBe(2);
    expect(await flight.do('tree@5', work)).toBe(3); // only the last key is kept
    clock += 100;
    expect(await flight.do('tree@5', work)).toBe(4);
    expect(flight.stats).toEqual({ runs: 4, shared: 0, reused: 1 });
  });

  it('a failure reaches every waiting caller and is never reused', async () => {
    const flight = new SingleFlight<number>({ reuseForMs: 1_000 });
    const gate = deferred<number>();
    const a = flight.do('k', () => gate.promise);
    const b = flight.do('k', () => gate.promise);
    gate.reject(new Error('boom'));
    await expect(a).rejects.toThrow('boom');
    await expect(b).rejects.toThrow('boom');
    await expect(flight.do('k', async () => 5)).resolves.toBe(5);
  });
});
