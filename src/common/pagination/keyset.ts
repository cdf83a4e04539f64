import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Connection, decodeCursor, encodeCursor, pageSize } from './connection';

/** A column of a list's sort key: its SQL (column names, not properties) and the type a cursor casts to. */
export interface KeyColumn {
  sql: string;
  type: 'uuid' | 'varchar' | 'bigint' | 'integer' | 'date' | 'timestamptz';
}

/** How a list is sorted: the key columns, unique together (end with the id), and one direction. */
export interface KeysetOrder {
  keys: KeyColumn[];
  direction: 'ASC' | 'DESC';
}

/** What a client asks of a list: `first` items `after` a cursor, bounded by the configured maximum. */
export interface PageArgs {
  first: number | null | undefined;
  after: string | null | undefined;
  maxPageSize: number;
  /** The page size when `first` is absent (capped by `maxPageSize`). */
  defaultSize?: number;
}

/**
 * The one keyset pagination: counts what the filtered `qb` matches, continues after the cursor with a
 * row comparison on the sort key, fetches one row more than the page (which tells whether a next page
 * exists) and builds the Relay connection. Cursors carry the key as PostgreSQL prints it (`::text`),
 * so a timestamp keeps its microseconds. `toNodes` maps the page's rows (once, for the page only).
 */
export async function keysetPage<E extends ObjectLiteral, T = E>(
  qb: SelectQueryBuilder<E>,
  args: PageArgs,
  order: KeysetOrder,
  toNodes: (rows: E[]) => T[] | Promise<T[]> = (rows) => rows as unknown as T[],
): Promise<Connection<T>> {
  const size = pageSize(args.first, args.maxPageSize, args.defaultSize);
  const totalCount = await qb.getCount();
  const { keys, direction } = order;
  if (args.after) {
    const values = decodeCursor(args.after, keys.length);
    const params = Object.fromEntries(values.map((v, i) => [`keyset_${i}`, String(v)]));
    const cursor = keys.map((k, i) => `CAST(:keyset_${i} AS ${k.type})`).join(', ');
    const op = direction === 'ASC' ? '>' : '<';
    qb.andWhere(`(${keys.map((k) => k.sql).join(', ')}) ${op} (${cursor})`, params);
  }
  keys.forEach((k, i) => {
    qb.addSelect(`(${k.sql})::text`, `keyset_${i}`);
    if (i === 0) qb.orderBy(k.sql, direction);
    else qb.addOrderBy(k.sql, direction);
  });
  qb.limit(size + 1);
  const { entities, raw } = await qb.getRawAndEntities<Record<string, string>>();
  const nodes = await toNodes(entities.slice(0, size));
  const edges = nodes.map((node, i) => ({
    cursor: encodeCursor(keys.map((_k, j) => raw[i][`keyset_${j}`])),
    node,
  }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: entities.length > size,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Newest first, by `(created_at, id)` of the list's alias. */
export function newestFirst(alias: string): KeysetOrder {
  return {
    keys: [
      { sql: `${alias}.created_at`, type: 'timestamptz' },
      { sql: `${alias}.id`, type: 'uuid' },
    ],
    direction: 'DESC',
  };
}
