import { canonicalRequest, requestHash } from './request-hash';

describe('requestHash', () => {
  const input = { assetId: 'a1', amount: 1200000n, kind: 'RENT', idempotencyKey: 'k-00000001', note: undefined };

  it('leaves out the key, so the same request under any key hashes alike', () => {
    expect(requestHash('recordIncome', input)).toBe(
      requestHash('recordIncome', { ...input, idempotencyKey: 'another-key' }),
    );
    expect(canonicalRequest('recordIncome', input)).toBe(
      '{"operation":"recordIncome","request":{"amount":"1200000","assetId":"a1","kind":"RENT"}}',
    );
  });

  it('does not depend on the order of fields, and treats an absent value and null alike', () => {
    expect(requestHash('x', { b: 1, a: [{ d: 2n, c: 'z' }] })).toBe(
      requestHash('x', { a: [{ c: 'z', d: 2n, e: null }], b: 1, f: undefined }),
    );
  });

  it('tells another amount, kind, asset or operation apart', () => {
    const base = requestHash('recordIncome', input);
    expect(requestHash('recordIncome', { ...input, amount: 1200001n })).not.toBe(base);
    expect(requestHash('recordIncome', { ...input, kind: 'DIVIDEND' })).not.toBe(base);
    expect(requestHash('recordIncome', { ...input, assetId: 'a2' })).not.toBe(base);
    expect(requestHash('recordPayout', input)).not.toBe(base);
    // A bigint and the number with the same digits are the same amount on the wire.
    expect(requestHash('x', { amount: 5n })).not.toBe(requestHash('x', { amount: '6' }));
  });

  it('keeps the order of lists (allocations are positional)', () => {
    expect(requestHash('x', { a: [1, 2] })).not.toBe(requestHash('x', { a: [2, 1] }));
  });
});
