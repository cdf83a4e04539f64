import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { preparedQuery } from './prepared-query';

type Hydrate<T> = (row: Record<string, unknown>) => T;

const hydrators = new WeakMap<object, Hydrate<unknown>>();

/**
 * Turns plain `SELECT t.*` rows into entity objects the way TypeORM does (each column's property and
 * transformer, read once from the entity's metadata), without its per-row query-builder machinery: for
 * hot read paths (a list and its DataLoaders) that run their own short SQL. Columns the entity does not
 * map are ignored; relations are never loaded.
 */
export function hydrator<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
): Hydrate<T> {
  const metadata = manager.connection.getMetadata(target);
  let hydrate = hydrators.get(metadata) as Hydrate<T> | undefined;
  if (hydrate) return hydrate;
  const columns = metadata.columns.map((c) => {
    const t = c.transformer;
    if (Array.isArray(t))
      throw new Error(`${metadata.name}.${c.propertyName}: one transformer per column expected`);
    if (c.embeddedMetadata)
      throw new Error(`${metadata.name}.${c.propertyName}: embedded columns are not supported`);
    return {
      column: c.databaseName,
      property: c.propertyName,
      from: t ? (v: unknown): unknown => t.from(v) as unknown : undefined,
    };
  });
  const create = (): T => metadata.create() as T;
  hydrate = (row) => {
    const entity = create();
    const out = entity as Record<string, unknown>;
    for (const c of columns) {
      const value = row[c.column];
      out[c.property] = c.from ? c.from(value) : value;
    }
    return entity;
  };
  hydrators.set(metadata, hydrate as Hydrate<unknown>);
  return hydrate;
}

const columnLists = new WeakMap<object, string>();

/**
 * The columns {@link hydrator} reads, as a select (or RETURNING) list, `"id", "asset_id", …`: for
 * prepared statements, whose result columns cannot change as `*` would with the table.
 */
export function columnList<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>): string {
  const metadata = manager.connection.getMetadata(target);
  let list = columnLists.get(metadata);
  if (list === undefined) {
    list = metadata.columns.map((c) => `"${c.databaseName}"`).join(', ');
    columnLists.set(metadata, list);
  }
  return list;
}

/** Runs `sql` and hydrates each row as `target`. */
export async function leanRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  sql: string,
  values: unknown[],
): Promise<T[]> {
  const rows = (await manager.query(sql, values)) as Array<Record<string, unknown>>;
  const hydrate = hydrator(manager, target);
  return rows.map(hydrate);
}

/**
 * {@link leanRows} as a named prepared statement ({@link preparedQuery}: planned once per connection, and
 * outside a transaction run on the pool without TypeORM's query runner): for the DataLoaders every list
 * page runs. `sql` receives the entity's column list ({@link columnList}) to select.
 */
export async function preparedLeanRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  name: string,
  sql: (columns: string) => string,
  values: unknown[],
): Promise<T[]> {
  const rows = await preparedQuery<Record<string, unknown>>(
    manager,
    name,
    sql(columnList(manager, target)),
    values,
  );
  return rows.map(hydrator(manager, target));
}
