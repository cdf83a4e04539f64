import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** A JSON value as stored in ledger entries (no undefined, no bigint, no Date: see `toLedgerJson`). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A kind of business record whose every change is on the ledger. Each feature registers one per
 * aggregate it owns. The ledger reads the state AFTER a change from `load` just before the commit
 * (so the entry holds exactly what is committed; a service that has just inserted an insert-only row
 * may give that state itself, built from the returned row, see `LedgerRecord.after`), and `reconcile`
 * compares `loadPage` with the latest state the ledger holds for every entity.
 */
export interface LedgerSubject {
  /** Stable name used in entries: `User`, `Region`, `Asset` … */
  readonly entityType: string;
  /** Current state of each id; ids without a row are absent from the map. */
  load(manager: EntityManager, ids: string[]): Promise<Map<string, Json>>;
  /** All rows, in id order, in pages (keyset on id). */
  loadPage(manager: EntityManager, afterId: string | null, limit: number): Promise<Array<[string, Json]>>;
  /** The region the entity belongs to, from its state. */
  regionOf(state: Json): string | null;
  /**
   * Regions that also read an entity's history, besides the one of each of its entries (an asset is read
   * by its owning villages and townships wherever it is); absent when none.
   */
  alsoReadFrom?(manager: EntityManager, entityId: string): Promise<string[]>;
}

/** The table and column that key a subject's entities: enough to derive its `loadPage`. */
export interface Keyset {
  entity: EntityTarget<ObjectLiteral>;
  /** The key column's property; `id` when absent. */
  column?: string;
  /** The previous page's last id (text) back in the column's type: numbers must compare as numbers. */
  parse?: (id: string) => string | number;
}

/** A subject whose entities are the rows of one table: it names its {@link Keyset} instead of a `loadPage`. */
export interface KeysetLedgerSubject extends Omit<LedgerSubject, 'loadPage'> {
  keyset: Keyset;
}

/**
 * `loadPage` for a subject whose entity id is one column of one table (`id`, a region's `code`, a
 * policy's `version`): pages that column's values in order (keyset), then reads their states with the
 * subject's own `load`, so the state reconcile compares is exactly the one entries record.
 */
export function keysetPage(keyset: Keyset, load: LedgerSubject['load']): LedgerSubject['loadPage'] {
  const { entity } = keyset;
  const column = keyset.column ?? 'id';
  const parse = keyset.parse ?? ((id: string) => id);
  return async (manager, afterId, limit) => {
    const qb = manager
      .getRepository(entity)
      .createQueryBuilder('e')
      .select(`e.${column}`, 'key')
      .orderBy(`e.${column}`)
      .limit(limit);
    if (afterId !== null) qb.where(`e.${column} > :after`, { after: parse(afterId) });
    const keys = (await qb.getRawMany<{ key: string | number }>()).map((r) => String(r.key));
    if (keys.length === 0) return [];
    const states = await load(manager, keys);
    return keys.map((key) => [key, states.get(key)!]);
  };
}

/**
 * Converts values a TypeORM entity holds into canonical-JSON-safe values. Each object's members are
 * written in JCS order (their names' UTF-16 code units), so `canonicalJson` can let `JSON.stringify`
 * write the entry.
 */
export function toLedgerJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(toLedgerJson);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('non-finite number in ledger state');
    return value;
  }
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = toLedgerJson(v);
    }
    return out;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  throw new Error(`unsupported value of type ${typeof value} in ledger state`);
}
