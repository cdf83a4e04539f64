import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { preparedQuery } from './prepared-query';

type Hydrate<T> = (row: Record<string, unknown>) => T;

const hydrators = new WeakMap<object, Map<string, Hydrate<unknown>>>();

/**
 * Turns plain `SELECT t.*` rows into entity objects the way TypeORM does (each column's property and
 * transformer, read once from the entity's metadata), without its per-row query-builder machinery: for
 * hot read paths (a list and its DataLoaders) that run their own short SQL. Columns the entity does not
 * map are ignored, and so are the entity's columns the row lacks (a statement that selects only what
 * its caller reads: those properties stay unset); relations are never loaded. With a `prefix`, the
 * entity's columns are read from `<prefix><column>` ({@link prefixedColumnList}): an entity joined beside
 * another in one row.
 */
export function hydrator<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  prefix = '',
): Hydrate<T> {
  const metadata = manager.connection.getMetadata(target);
  let byPrefix = hydrators.get(metadata);
  if (!byPrefix) {
    byPrefix = new Map();
    hydrators.set(metadata, byPrefix);
  }
  let hydrate = byPrefix.get(prefix) as Hydrate<T> | undefined;
  if (hydrate) return hydrate;
  const columns = metadata.columns.map((c) => {
    const t = c.transformer;
    if (Array.isArray(t))
      throw new Error(`${metadata.name}.${c.propertyName}: one transformer per column expected`);
    if (c.embeddedMetadata)
      throw new Error(`${metadata.name}.${c.propertyName}: embedded columns are not supported`);
    return {
      column: prefix + c.databaseName,
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
      // A column the statement did not select (a row never holds undefined for one it did).
      if (value === undefined) continue;
      out[c.property] = c.from ? c.from(value) : value;
    }
    return entity;
  };
  byPrefix.set(prefix, hydrate as Hydrate<unknown>);
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

const prefixedLists = new WeakMap<object, Map<string, string>>();

/**
 * The columns of `target` from the table aliased `alias`, each named `<prefix><column>`
 * (`r."code" AS "r__code", …`): what {@link hydrator} with that prefix reads, for an entity joined into
 * another's rows. Each column keeps its type, so `pg` parses it as in a statement of its own.
 */
export function prefixedColumnList<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  alias: string,
  prefix: string,
  /** A condition: each column is NULL where it does not hold (`CASE WHEN … THEN col END`, same type). */
  onlyWhen?: string,
): string {
  const metadata = manager.connection.getMetadata(target);
  let lists = prefixedLists.get(metadata);
  if (!lists) {
    lists = new Map();
    prefixedLists.set(metadata, lists);
  }
  const key = `${alias}\u0000${prefix}\u0000${onlyWhen ?? ''}`;
  let list = lists.get(key);
  if (list === undefined) {
    list = metadata.columns
      .map((c) =>
        onlyWhen === undefined
          ? `${alias}."${c.databaseName}" AS "${prefix}${c.databaseName}"`
          : `CASE WHEN ${onlyWhen} THEN ${alias}."${c.databaseName}" END AS "${prefix}${c.databaseName}"`,
      )
      .join(', ');
    lists.set(key, list);
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
