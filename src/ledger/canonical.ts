import canonicalize from 'canonicalize';
import { Json } from './ledger-subject';

/** RFC 8785 (JSON Canonicalization Scheme) text of a JSON value: the exact bytes the ledger hashes. */
export function canonicalJson(value: Json): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value cannot be canonicalised');
  return text;
}
