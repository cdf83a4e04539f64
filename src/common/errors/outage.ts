/**
 * Outages are not bugs: when PostgreSQL cannot be reached or a connection dies while a request uses it,
 * the caller is told to retry (SERVICE_UNAVAILABLE), never INTERNAL_SERVER_ERROR. One place decides what
 * counts as such a failure of the connection, for the GraphQL formatter and the REST filter alike.
 */

/** Seconds a client is asked to wait before retrying (`Retry-After`, `extensions.retryAfterSeconds`). */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** Socket errors of the driver: the server is not there, or the connection broke. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is going away or cannot take the connection: class 08 (connection
 * exception), 57P01 admin_shutdown (pg_terminate_backend, a fast shutdown), 57P02 crash_shutdown,
 * 57P03 cannot_connect_now (starting up, recovery), 53300 too_many_connections.
 */
function isUnavailableSqlState(code: string): boolean {
  return (
    code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300'
  );
}

/** What the driver (pg, pg-pool, TypeORM) says when a connection ended or never came. */
const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /terminating connection/i,
  /not queryable/i,
  /timeout exceeded when trying to connect/i,
  /connection (?:was )?(?:closed|ended|reset)/i,
  /server closed the connection/i,
  /Client was closed and is not queryable/i,
  /Cannot use a pool after calling end/i,
];

function fieldOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** Whether `error` (or what it wraps: TypeORM's driverError, an Error's cause) is a lost database. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  const code = fieldOf(error, 'code');
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || isUnavailableSqlState(code))) return true;
  const message = fieldOf(error, 'message');
  if (typeof message === 'string' && CONNECTION_MESSAGES.some((pattern) => pattern.test(message)))
    return true;
  // An AggregateError (every address of the host refused), possibly of another realm: look inside.
  const inner = fieldOf(error, 'errors');
  if (Array.isArray(inner) && inner.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return (
    isDatabaseUnavailable(fieldOf(error, 'driverError'), depth + 1) ||
    isDatabaseUnavailable(fieldOf(error, 'cause'), depth + 1)
  );
}

/**
 * The connection was lost while COMMIT was under way: the write may or may not have been committed, and
 * nobody in this process can tell. The client is told so (`outcome: 'UNKNOWN'`) and that repeating the
 * request with the same idempotency key is safe: it either returns the committed result or does the
 * write once.
 */
export class CommitOutcomeUnknownError extends Error {
  constructor(cause: unknown) {
    super('the connection was lost during COMMIT: the outcome of the transaction is unknown', { cause });
    this.name = 'CommitOutcomeUnknownError';
  }
}
