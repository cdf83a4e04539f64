import { EntityManager } from 'typeorm';

/**
 * Independent reads through `manager` (a request context's, absent outside a transaction): at once when
 * it is the pool's (each read takes a connection of its own), one after another when it is bound to one connection (a transaction or a snapshot). A
 * connection runs one statement at a time; pg queues what is sent to a busy one, with a deprecation
 * warning, and refuses it from pg 9.
 */
export async function independentReads<T extends readonly unknown[] | []>(
  manager: EntityManager | undefined,
  reads: { readonly [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  const list = reads as ReadonlyArray<() => Promise<unknown>>;
  if (!manager?.queryRunner) return (await Promise.all(list.map((read) => read()))) as unknown as T;
  const out: unknown[] = [];
  for (const read of list) out.push(await read());
  return out as unknown as T;
}
