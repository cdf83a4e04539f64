import { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DomainError, ErrorCode } from '../errors';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay connection type `<Name>Connection` with `<Name>Edge`, `pageInfo` and `totalCount`. */
export function ConnectionType<T>(nodeType: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges!: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items match the filter, across all pages.' })
    totalCount!: number;
  }
  return ConnectionClass;
}

/** Cursors are opaque to clients: base64url of the JSON of the sort key of the last row. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): unknown[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity) return key;
  } catch {
    // fall through to the error below
  }
  throw new DomainError(ErrorCode.INVALID_CURSOR, 'after: not a cursor this list produced', {
    fields: [{ field: 'after', message: 'not a cursor this list produced' }],
  });
}

/** Validates `first` against the configured maximum (BAD_USER_INPUT naming the field). */
export function pageSize(first: number | undefined | null, max: number, fallback = 50): number {
  const size = first ?? Math.min(fallback, max);
  if (size > max) {
    throw new DomainError(ErrorCode.PAGE_SIZE_TOO_LARGE, `first: at most ${max} items per page`, {
      fields: [{ field: 'first', message: `must be at most ${max}` }],
    });
  }
  if (size < 0) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, 'first: must not be negative', {
      fields: [{ field: 'first', message: 'must not be negative' }],
    });
  }
  return size;
}

/** The same page with each node mapped (an entity's page as its GraphQL type's). */
export function mapConnection<A, B>(page: Connection<A>, map: (node: A) => B): Connection<B> {
  return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: map(e.node) })) };
}
