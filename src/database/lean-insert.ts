import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { createHash } from 'node:crypto';
import { columnList, hydrator } from './lean-rows';
import { prepared } from './prepared';

/** PostgreSQL takes at most 65,535 parameters per statement; a chunk stays below this. */
const MAX_PARAMETERS = 60_000;

/**
 * Inserts `rows` (plain objects keyed by the entity's property names) as multi-row `INSERT … VALUES`
 * statements written here. Each value goes through
 * its column's own conversion (`preparePersistentValue`: transformers such as fen ↔ bigint, dates, JSON),
 * as a TypeORM insert would do it; a property a row leaves undefined gets the column's DEFAULT.
 *
 * For bulk paths (an import of 100,000 assets): TypeORM's insert query builder names, escapes and
 * replaces every parameter through scans of the whole parameter list, which cost more CPU than the
 * database spent on the rows (a third of an import's time in a profile).
 */
export async function leanInsert<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: ReadonlyArray<Partial<Record<keyof T & string, unknown>>>,
): Promise<void> {
  await insertRows(manager, target, rows, 'none');
}

/** {@link leanInsert}, returning the new rows' ids (an entity with one primary column) in the order of `rows`. */
export function leanInsertReturningIds<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: ReadonlyArray<Partial<Record<keyof T & string, unknown>>>,
): Promise<string[]> {
  return insertRows(manager, target, rows, 'ids').then((inserted) => inserted.map((r) => String(r.id)));
}

/**
 * {@link leanInsert}, returning the new rows as they were stored (every column, defaults included, as
 * entities: what {@link leanRows} of `SELECT *` would read back) in the order of `rows`: for a service that
 * hands the ledger the state it inserted rather than have it read again.
 */
export async function leanInsertReturning<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: ReadonlyArray<Partial<Record<keyof T & string, unknown>>>,
): Promise<T[]> {
  return (await insertRows(manager, target, rows, 'rows')).map(hydrator(manager, target));
}

async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: ReadonlyArray<Partial<Record<keyof T & string, unknown>>>,
  returning: 'none' | 'ids' | 'rows',
): Promise<Array<Record<string, unknown>>> {
  if (rows.length === 0) return [];
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const properties = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const columns: ColumnMetadata[] = properties.map((p) => {
    const column = metadata.findColumnWithPropertyPath(p);
    if (!column) throw new Error(`${metadata.name} has no column for the property ${p}`);
    return column;
  });
  const primary = metadata.primaryColumns;
  if (returning === 'ids' && primary.length !== 1)
    throw new Error(`${metadata.name}: one primary column expected`);
  const returned =
    returning === 'ids'
      ? ` RETURNING "${primary[0].databaseName}" AS id`
      : returning === 'rows'
        ? ` RETURNING ${columnList(manager, target)}`
        : ' RETURNING 1';
  const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
  const everyRowHasEvery = rows.every((row) =>
    columns.every((c) => (row as Record<string, unknown>)[c.propertyName] !== undefined),
  );
  const out: Array<Record<string, unknown>> = [];
  const check = (inserted: Array<Record<string, unknown>>, expected: number): void => {
    if (inserted.length !== expected) {
      throw new Error(`${metadata.name}: ${inserted.length} rows inserted of ${expected}`);
    }
    if (returning !== 'none') for (const r of inserted) out.push(r);
  };

  if (everyRowHasEvery) {
    // One array per column, unnested into rows: a statement of a few parameters whatever the number of
    // rows, prepared once per connection, instead of a statement of rows × columns parameters parsed
    // and planned each time (most of PostgreSQL's time on an import's INSERTs).
    const types = await columnTypes(manager, metadata.tablePath);
    const arrays = columns.map((column, i) => {
      const type = types.get(column.databaseName);
      if (!type) throw new Error(`${metadata.tablePath} has no column ${column.databaseName}`);
      return `$${i + 1}::${type}[]`;
    });
    const text = `INSERT INTO "${metadata.tableName}" (${names}) SELECT * FROM unnest(${arrays.join(', ')})${returned}`;
    const name = `lean-insert-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
    for (let start = 0; start < rows.length; start += ARRAY_CHUNK) {
      const chunk = rows.slice(start, start + ARRAY_CHUNK);
      const values = columns.map((column): unknown[] =>
        chunk.map((row): unknown =>
          driver.preparePersistentValue((row as Record<string, unknown>)[column.propertyName], column),
        ),
      );
      check(await prepared<Record<string, unknown>>(manager, name, text, values), chunk.length);
    }
    return out;
  }

  // Some row leaves a column to its DEFAULT: multi-row VALUES, DEFAULT where a value is left out.
  const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      const cells = columns.map((column) => {
        const value = (row as Record<string, unknown>)[column.propertyName];
        if (value === undefined) return 'DEFAULT';
        values.push(driver.preparePersistentValue(value, column));
        return `$${values.length}`;
      });
      return `(${cells.join(', ')})`;
    });
    check(
      (await manager.query(
        `INSERT INTO "${metadata.tableName}" (${names}) VALUES ${tuples.join(', ')}${returned}`,
        values,
      )) as Array<Record<string, unknown>>,
      chunk.length,
    );
  }
  return out;
}

/** Rows per statement of the array form (its parameters are arrays: no limit on their number). */
const ARRAY_CHUNK = 5000;

const typesByTable = new WeakMap<object, Map<string, Promise<Map<string, string>>>>();

/**
 * The SQL type of every column of `table`, as PostgreSQL names it (`character varying`, `bigint`, an
 * enum's own type), read once per process and database: what the arrays of the array form are cast to.
 */
function columnTypes(manager: EntityManager, table: string): Promise<Map<string, string>> {
  let tables = typesByTable.get(manager.connection);
  if (!tables)
    typesByTable.set(manager.connection, (tables = new Map<string, Promise<Map<string, string>>>()));
  let types = tables.get(table);
  if (!types) {
    types = (
      manager.query(
        `SELECT a.attname AS name, format_type(a.atttypid, NULL) AS type
           FROM pg_attribute a
          WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
        [table],
      ) as Promise<Array<{ name: string; type: string }>>
    ).then((rows) => new Map(rows.map((r) => [r.name, r.type])));
    types.catch(() => tables.delete(table));
    tables.set(table, types);
  }
  return types;
}
