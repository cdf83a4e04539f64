import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson, inCanonicalOrder } from './canonical';
import { Json, toLedgerJson } from './ledger-subject';

/** The value with every object's members inserted in code-unit order. */
function sortedCopy(value: Json): Json {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortedCopy);
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(value).sort()) {
    // (defined, not assigned: a member called __proto__ stays a member)
    Object.defineProperty(out, key, { value: sortedCopy(value[key]), enumerable: true, writable: true });
  }
  return out;
}

/** Whether some object of the value has a member named like an array index ("0", "17"). */
function hasIndexName(value: Json): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasIndexName);
  return Object.keys(value).some((k) => /^(0|[1-9][0-9]*)$/.test(k) || hasIndexName(value[k]));
}

describe('canonicalJson', () => {
  it('is the RFC 8785 text of any JSON value, its members in any order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = value as Json;
        expect(canonicalJson(json)).toBe(canonicalize(json));
        expect(canonicalJson(sortedCopy(json))).toBe(canonicalize(json));
      }),
      { numRuns: 2000 },
    );
  });

  it('lets JSON.stringify write a value whose objects are in JCS order, and only such a value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = value as Json;
        const text = canonicalJson(json);
        if (inCanonicalOrder(json)) expect(JSON.stringify(json)).toBe(text);
        // Sorted members, and what JSON.parse gives back from canonical bytes (the verifier's check),
        // take the fast path, but for integer-like names (enumerated first, in numeric order).
        if (!hasIndexName(json)) {
          expect(inCanonicalOrder(sortedCopy(json))).toBe(true);
          expect(inCanonicalOrder(JSON.parse(text))).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
    expect(inCanonicalOrder({ b: 1, a: 2 })).toBe(false);
    expect(inCanonicalOrder({ a: [{ d: 1, c: 2 }] })).toBe(false);
    // Integer-like names are enumerated (and stringified) in numeric order, which is not JCS order.
    expect(inCanonicalOrder({ '10': 1, '2': 2 })).toBe(false);
    expect(canonicalJson({ '2': 2, '10': 1, a: 'é\u2028"' })).toBe('{"10":1,"2":2,"a":"é\u2028\\""}');
    expect(canonicalJson({ a: -0, b: 1e21, c: 0.1 + 0.2 })).toBe('{"a":0,"b":1e+21,"c":0.30000000000000004}');
  });

  it('refuses what is not JSON', () => {
    expect(() => canonicalJson({ a: Number.NaN } as unknown as Json)).toThrow('NaN');
    expect(() => canonicalJson([Number.POSITIVE_INFINITY] as unknown as Json)).toThrow('Infinity');
    expect(inCanonicalOrder({ toJSON: () => 1 })).toBe(false);
    expect(inCanonicalOrder(10n)).toBe(false);
  });

  it('is written by JSON.stringify for what toLedgerJson builds', () => {
    const state = toLedgerJson({
      name: '光伏电站',
      code: 'A-1',
      amount: 123456789n,
      at: new Date('2026-12-01T00:00:00Z'),
      sources: [{ source: 'CENTRAL', amount: 100n }],
      nothing: undefined,
    });
    expect(Object.keys(state as object)).toEqual(['amount', 'at', 'code', 'name', 'sources']);
    expect(inCanonicalOrder(state)).toBe(true);
    expect(canonicalJson(state)).toBe(canonicalize(state));
  });
});
