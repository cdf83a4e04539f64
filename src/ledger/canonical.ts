import canonicalize from 'canonicalize';
import type { Json } from './ledger-subject';

/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a JSON value: the exact bytes the ledger hashes.
 *
 * JCS writes literals, strings and numbers as ECMAScript's `JSON.stringify` does, and each object's
 * members ordered by their names' UTF-16 code units. So a value whose every object already enumerates
 * its members in that order (what {@link toLedgerJson} builds, and what `JSON.parse` gives back from
 * canonical bytes) is written by `JSON.stringify` itself: natively, as one flat string. Any other value
 * goes through `canonicalize`, which sorts as it writes.
 */
export function canonicalJson(value: Json): string {
  const text = inCanonicalOrder(value) ? JSON.stringify(value) : canonicalize(value);
  if (text === undefined) throw new Error('value cannot be canonicalised');
  return text;
}

/**
 * Whether `JSON.stringify(value)` is already its JCS text: only JSON values (a number finite, no
 * `toJSON`), every object's own keys in code-unit order (the order `JSON.stringify` writes them in).
 */
export function inCanonicalOrder(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (const item of value as unknown[]) if (!inCanonicalOrder(item)) return false;
        return true;
      }
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
      let previous: string | null = null;
      for (const key of Object.keys(value)) {
        if (previous !== null && !(previous < key)) return false;
        previous = key;
        const member = (value as Record<string, unknown>)[key];
        // JSON.stringify leaves an undefined member out, as JCS does.
        if (member !== undefined && !inCanonicalOrder(member)) return false;
      }
      return true;
    }
    default:
      // undefined at the top, a function, a symbol, a bigint: not JSON; `canonicalize` says so.
      return false;
  }
}
