import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The field every idempotent input names its key with; it is not part of the request it identifies. */
export const IDEMPOTENCY_KEY_FIELD = 'idempotencyKey';

type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

/**
 * A request as plain JSON: amounts (bigint fen) become decimal strings, dates ISO strings, and absent
 * values (undefined or null) are left out, so an omitted optional field and an explicit null are the
 * same request. Keys are sorted later by the canonical form.
 */
function plain(value: unknown): Plain | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('a request value is not a finite number');
    return value;
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => plain(item) ?? null);
  if (typeof value === 'object') {
    const out: { [key: string]: Plain } = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const converted = plain(item);
      if (converted !== undefined) out[key] = converted;
    }
    return out;
  }
  throw new Error(`a request value of type ${typeof value} cannot be hashed`);
}

/** The canonical text of a request (RFC 8785 JSON of the operation and the input minus its key). */
export function canonicalRequest(operation: string, request: object): string {
  const { [IDEMPOTENCY_KEY_FIELD]: _key, ...rest } = request as Record<string, unknown>;
  const text = canonicalize({ operation, request: plain(rest) ?? {} });
  if (text === undefined) throw new Error('the request cannot be canonicalised');
  return text;
}

/** SHA-256 (hex) of {@link canonicalRequest}: what is stored beside an idempotency key. */
export function requestHash(operation: string, request: object): string {
  return createHash('sha256').update(canonicalRequest(operation, request)).digest('hex');
}
