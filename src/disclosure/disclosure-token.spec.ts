import {
  deriveDisclosureKey,
  DisclosureClaims,
  readDisclosureClaims,
  signDisclosureToken,
  verifyDisclosureToken,
} from './disclosure-token';

const key = deriveDisclosureKey('test-only-secret-0123456789abcdef0123456789');
const claims: DisclosureClaims = {
  v: 1,
  l: '0f8fad5b-d9cb-469f-a165-70867728950e',
  c: '500101151201',
  y: 2026,
  s: 1391,
  e: 1_900_000_000,
};
const now = new Date(1_800_000_000_000);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('disclosure tokens', () => {
  it('round-trips the claims in 76 URL-safe characters', () => {
    const token = signDisclosureToken(key, claims);
    expect(token).toMatch(/^[A-Za-z0-9_-]{76}$/);
    expect(verifyDisclosureToken(key, token, now)).toEqual({ ok: true, claims });
    expect(readDisclosureClaims(token)).toEqual(claims);
  });

  it('refuses every one-character edit, at every position', () => {
    const token = signDisclosureToken(key, claims);
    for (let i = 0; i < token.length; i++) {
      const c = ALPHABET[(ALPHABET.indexOf(token[i]) + 1) % ALPHABET.length];
      const edited = token.slice(0, i) + c + token.slice(i + 1);
      expect({ i, ok: verifyDisclosureToken(key, edited, now).ok }).toEqual({ i, ok: false });
    }
  });

  it('refuses another key, an expired token and garbage', () => {
    const token = signDisclosureToken(key, claims);
    const other = deriveDisclosureKey('another-secret-0123456789abcdef0123456789');
    expect(verifyDisclosureToken(other, token, now)).toEqual({ ok: false, problem: 'BAD_SIGNATURE' });
    expect(verifyDisclosureToken(key, token, new Date(claims.e * 1000))).toEqual({
      ok: false,
      problem: 'EXPIRED',
    });
    expect(verifyDisclosureToken(key, 'x', now)).toEqual({ ok: false, problem: 'MALFORMED' });
    expect(verifyDisclosureToken(key, `${token}A`, now)).toEqual({ ok: false, problem: 'MALFORMED' });
  });

  it('derives a key that is not the secret', () => {
    expect(key.toString('utf8')).not.toContain('test-only-secret');
    expect(key).toHaveLength(32);
  });
});
