import { EntityTarget, ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';
import { hydrator } from '@/database/lean-rows';
import { preparedShape } from '@/database/prepared-query';
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
  /**
   * Select the matching rows first and sort only them (the filter behind an `OFFSET 0` fence), instead
   * of letting PostgreSQL walk the sort key's index and filter as it goes. For a filter that keeps a small,
   * clustered part of a big table (one township's assets): the planner guesses that the walk stops early
   * and, for a township whose codes sort late, reads most of the table (328 ms against 19 ms for the last
   * of 52 townships at 1,000,000 assets). The key columns' SQL must name columns of the query's main alias.
   */
  selectFirst?: boolean;
}

/**
 * Rows of other tables joined to each row of a {@link KeysetOrder.selectFirst} page in the page's own
 * statement, so that what the page's items refer to comes with them (for the DataLoaders of their
 * fields to be primed with) instead of in statements of their own. The joins apply to the page after it
 * is cut, so they change neither its rows nor its order; a join may give an item several rows (then
 * `orderBy` orders them within the item), never none (use LEFT JOIN).
 */
export interface PageJoin {
  /**
   * Select-list items over the joined tables, named so as not to clash with the main alias's columns;
   * given the joined rows' order (the sort key, then `orderBy`), for window functions over the page.
   */
  select(order: string): string;
  /** The JOIN clauses; the page's rows are the query's main alias. */
  from: string;
  /** How one item's several rows are ordered (after the sort key), if a join can give several. */
  orderBy?: string;
  /** Receives each item of the page (not the one extra row fetched) with its rows, in page order. */
  collect(items: Array<{ rows: Array<Record<string, unknown>> }>): void;
}

/** What a client asks of a list: `first` items `after` a cursor, bounded by the configured maximum. */
export interface PageArgs {
  first: number | null | undefined;
  after: string | null | undefined;
  maxPageSize: number;
  /** The page size when `first` is absent (capped by `maxPageSize`). */
  defaultSize?: number;
  /**
   * The columns of the main alias the page's items need (column names), when the query asks for fewer
   * than all: a {@link KeysetOrder.selectFirst} page then reads only these (its entities have only
   * these properties set); any other page reads every column.
   */
  columns?: readonly string[];
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
  join?: PageJoin,
): Promise<Connection<T>> {
  const size = pageSize(args.first, args.maxPageSize, args.defaultSize);
  if (order.selectFirst) return selectedFirstPage(qb, args, order, size, toNodes, join);
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
  return connectionOf(
    await toNodes(entities.slice(0, size)),
    raw,
    keys,
    entities.length > size,
    args,
    totalCount,
  );
}

function connectionOf<T>(
  nodes: T[],
  raw: Array<Record<string, string>>,
  keys: KeyColumn[],
  hasNextPage: boolean,
  args: PageArgs,
  totalCount: number,
): Connection<T> {
  const edges = nodes.map((node, i) => ({
    cursor: encodeCursor(keys.map((_k, j) => raw[i][`keyset_${j}`])),
    node,
  }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/**
 * The page of {@link KeysetOrder.selectFirst}, in one statement: `qb`'s rows fenced, continued after the
 * cursor, sorted and cut, with the count of all of `qb`'s rows beside them (an uncorrelated subquery,
 * run once). Only a page past the last row, which has no row to carry the count, counts on its own.
 * With a {@link PageJoin}, the cut page is joined to its related rows in the same statement.
 */
async function selectedFirstPage<E extends ObjectLiteral, T>(
  qb: SelectQueryBuilder<E>,
  args: PageArgs,
  order: KeysetOrder,
  size: number,
  toNodes: (rows: E[]) => T[] | Promise<T[]>,
  join?: PageJoin,
): Promise<Connection<T>> {
  const alias = qb.alias;
  const [matching, params] = qb.clone().select(`${alias}.*`).getQueryAndParameters();
  const { keys, direction } = order;
  const values: unknown[] = [...(params as unknown[])];
  let after = '';
  if (args.after) {
    const cursor = decodeCursor(args.after, keys.length).map((v, i) => {
      values.push(String(v));
      return `CAST($${values.length} AS ${keys[i].type})`;
    });
    after = `WHERE (${keys.map((k) => k.sql).join(', ')}) ${direction === 'ASC' ? '>' : '<'} (${cursor.join(', ')})`;
  }
  const sortKey = keys.map((k) => `${k.sql} ${direction}`).join(', ');
  // With only some columns, the page carries its sort key's values (as they are, not as text) for the
  // joined rows to be ordered by: the key's columns may not be among those selected.
  const columns = args.columns
    ? [...args.columns.map((c) => `${alias}."${c}"`), ...keys.map((k, i) => `${k.sql} AS keyset_order_${i}`)]
    : [`${alias}.*`];
  const pageSortKey = args.columns
    ? keys.map((_k, i) => `${alias}.keyset_order_${i} ${direction}`).join(', ')
    : sortKey;
  const page = `SELECT ${columns.join(', ')}, ${keys.map((k, i) => `(${k.sql})::text AS keyset_${i}`).join(', ')},
                      (SELECT count(*) FROM (${matching}) counted) AS total_count
                 FROM (${matching} OFFSET 0) ${alias}
                ${after}
                ORDER BY ${sortKey}
                LIMIT ${size + 1}`;
  const joinedOrder = `${pageSortKey}${join?.orderBy ? `, ${join.orderBy}` : ''}`;
  const sql = join
    ? `SELECT ${alias}.*, ${join.select(joinedOrder)}
         FROM (${page}) ${alias}
         ${join.from}
        ORDER BY ${joinedOrder}`
    : page;
  // On the query builder's own runner (the request's transaction, if it has one), as its queries run.
  const runner = (qb as unknown as { queryRunner?: QueryRunner }).queryRunner;
  // A page that names its columns is a prepared statement (planned once per connection and shape).
  const joined = (
    args.columns
      ? await preparedShape(runner?.manager ?? qb.connection.manager, sql, values)
      : await qb.connection.query(sql, values, runner)
  ) as Array<Record<string, string>>;
  const raw = join ? itemsOf(joined, keys.length, size, join) : joined;
  const totalCount =
    raw.length > 0
      ? Number(raw[0].total_count)
      : Number(
          (
            (await qb.connection.query(
              `SELECT count(*) AS n FROM (${matching}) counted`,
              params,
              runner,
            )) as Array<{
              n: string;
            }>
          )[0].n,
        );
  const hydrate = hydrator(qb.connection.manager, qb.expressionMap.mainAlias!.target as EntityTarget<E>);
  const entities = raw.map((row) => hydrate(row));
  return connectionOf(await toNodes(entities.slice(0, size)), raw, keys, raw.length > size, args, totalCount);
}

/**
 * The joined rows of a page grouped by item (an item's rows are adjacent and share its sort key, which
 * is unique); hands the page's items to `join.collect` and returns each item's first row.
 */
function itemsOf(
  joined: Array<Record<string, string>>,
  keyCount: number,
  size: number,
  join: PageJoin,
): Array<Record<string, string>> {
  const items: Array<{ rows: Array<Record<string, string>> }> = [];
  let last: Record<string, string> | undefined;
  for (const row of joined) {
    let same = last !== undefined;
    for (let i = 0; same && i < keyCount; i++) same = row[`keyset_${i}`] === last![`keyset_${i}`];
    if (same) items[items.length - 1].rows.push(row);
    else items.push({ rows: [row] });
    last = row;
  }
  join.collect(items.slice(0, size));
  return items.map((item) => item.rows[0]);
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
