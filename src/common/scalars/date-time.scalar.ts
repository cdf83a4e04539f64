import { GraphQLScalarType, Kind } from 'graphql';
import { ScalarInputError } from './scalar-input-error';

/** RFC 3339 date-time with a zone: 2026-11-29T08:30:00Z or 2026-11-29T16:30:00+08:00 (fraction optional). */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string') {
    throw new ScalarInputError('DateTime must be a string such as "2026-11-29T08:30:00Z"');
  }
  const m = RFC3339.exec(value);
  const date = m ? new Date(value) : undefined;
  // Date would roll 2026-02-30 over to March: require the calendar fields to survive the round trip.
  const sameDay =
    date !== undefined &&
    !Number.isNaN(date.getTime()) &&
    new Date(Date.UTC(Number(m![1]), Number(m![2]) - 1, Number(m![3]))).getUTCDate() === Number(m![3]) &&
    Number(m![4]) < 24 &&
    Number(m![5]) < 60 &&
    Number(m![6]) < 60;
  if (!sameDay) {
    throw new ScalarInputError(
      `DateTime must be an RFC 3339 date-time with a zone, such as "2026-11-29T08:30:00Z", got ${JSON.stringify(value)}`,
    );
  }
  return date!;
}

/**
 * GraphQL scalar `DateTime` (replaces Nest's, which turns any string, even "yesterday", into an
 * Invalid Date): an RFC 3339 instant with a zone in, an ISO 8601 UTC string out.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description:
    'An instant, as an RFC 3339 date-time with a zone: "2026-11-29T08:30:00Z" or "2026-11-29T16:30:00+08:00". Always returned in UTC.',
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new ScalarInputError('DateTime must be a string such as "2026-11-29T08:30:00Z"');
    }
    return parseDateTime(ast.value);
  },
  serialize(value) {
    const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
    if (date && !Number.isNaN(date.getTime())) return date.toISOString();
    throw new TypeError('DateTime must be serialised from a valid Date');
  },
});
