import { newIdempotencyKey } from './idempotency-key';

describe('newIdempotencyKey', () => {
  it('is a key the API accepts, and a new one every time', () => {
    const keys = new Set(Array.from({ length: 100 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9._:-]{8,100}$/);
  });
});
