import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token of a disclosure link: 76 base64url characters encoding exactly 57 bytes (so no character
 * has spare bits: any edit of any character changes the bytes). Short, because it is a path segment
 * (Fastify refuses parameters over 100 characters) and may be typed from a printed notice.
 *
 *   byte  0       format version (1)
 *   bytes 1–16    link id (the `disclosure_link` row, a UUID)
 *   bytes 17–21   village code (12 decimal digits as an unsigned 40-bit integer)
 *   bytes 22–23   year
 *   bytes 24–28   tree size of the ledger checkpoint the disclosure was generated from (40 bits)
 *   bytes 29–32   expiry, Unix seconds (32 bits)
 *   bytes 33–56   HMAC-SHA256 of bytes 0–32, truncated to 192 bits
 *
 * The HMAC key is DERIVED from the app's JWT secret (HMAC-SHA256(jwtSecret,
 * "asset-registry/disclosure-link/v1")): the secret itself never signs a link, so a disclosure token
 * can never pass for an access token or the other way round. The claims are readable by anyone (a
 * disclosure is public); they are trusted only once the mac verifies (constant-time comparison).
 * Rotating JWT_SECRET invalidates every link, as it invalidates every session.
 */
export interface DisclosureClaims {
  /** Format version. */
  v: 1;
  /** Link id (the `disclosure_link` row). */
  l: string;
  /** Village code. */
  c: string;
  /** Year. */
  y: number;
  /** Tree size of the ledger checkpoint the disclosure was generated from. */
  s: number;
  /** Expiry, Unix seconds. */
  e: number;
}

const KEY_LABEL = 'asset-registry/disclosure-link/v1';
const CLAIMS_BYTES = 33;
const MAC_BYTES = 24;
const TOKEN = /^[A-Za-z0-9_-]{76}$/;
const UINT40 = 2 ** 40;

export type TokenProblem = 'MALFORMED' | 'BAD_SIGNATURE' | 'EXPIRED';

export type VerifiedToken = { ok: true; claims: DisclosureClaims } | { ok: false; problem: TokenProblem };

/** The link-signing key derived from the app's JWT secret. */
export function deriveDisclosureKey(jwtSecret: string): Buffer {
  return createHmac('sha256', jwtSecret).update(KEY_LABEL).digest();
}

function mac(key: Buffer, claims: Buffer): Buffer {
  return createHmac('sha256', key).update(claims).digest().subarray(0, MAC_BYTES);
}

function encodeClaims(c: DisclosureClaims): Buffer {
  const hex = c.l.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error('disclosure link id must be a UUID');
  if (!/^\d{12}$/.test(c.c)) throw new Error('village code must have 12 digits');
  if (!Number.isInteger(c.y) || c.y < 0 || c.y > 0xffff) throw new Error('year out of range');
  if (!Number.isInteger(c.s) || c.s < 1 || c.s >= UINT40) throw new Error('checkpoint size out of range');
  if (!Number.isInteger(c.e) || c.e < 0 || c.e > 0xffffffff) throw new Error('expiry out of range');
  const out = Buffer.alloc(CLAIMS_BYTES);
  out.writeUInt8(c.v, 0);
  Buffer.from(hex, 'hex').copy(out, 1);
  out.writeUIntBE(Number(c.c), 17, 5);
  out.writeUInt16BE(c.y, 22);
  out.writeUIntBE(c.s, 24, 5);
  out.writeUInt32BE(c.e, 29);
  return out;
}

function decodeClaims(bytes: Buffer): DisclosureClaims | null {
  if (bytes.length !== CLAIMS_BYTES || bytes.readUInt8(0) !== 1) return null;
  const hex = bytes.subarray(1, 17).toString('hex');
  const village = bytes.readUIntBE(17, 5);
  if (village < 1e11 || village >= 1e12) return null;
  return {
    v: 1,
    l: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    c: String(village),
    y: bytes.readUInt16BE(22),
    s: bytes.readUIntBE(24, 5),
    e: bytes.readUInt32BE(29),
  };
}

export function signDisclosureToken(key: Buffer, claims: DisclosureClaims): string {
  const body = encodeClaims(claims);
  return Buffer.concat([body, mac(key, body)]).toString('base64url');
}

/** The claims a token states, WITHOUT checking its signature (for display and tests only). */
export function readDisclosureClaims(token: string): DisclosureClaims | null {
  if (!TOKEN.test(token)) return null;
  return decodeClaims(Buffer.from(token, 'base64url').subarray(0, CLAIMS_BYTES));
}

/** Checks the shape, then the mac (constant time), then the claims, then the expiry. */
export function verifyDisclosureToken(key: Buffer, token: string, now: Date = new Date()): VerifiedToken {
  if (!TOKEN.test(token)) return { ok: false, problem: 'MALFORMED' };
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== CLAIMS_BYTES + MAC_BYTES || bytes.toString('base64url') !== token) {
    return { ok: false, problem: 'MALFORMED' };
  }
  const body = bytes.subarray(0, CLAIMS_BYTES);
  if (!timingSafeEqual(bytes.subarray(CLAIMS_BYTES), mac(key, body))) {
    return { ok: false, problem: 'BAD_SIGNATURE' };
  }
  const claims = decodeClaims(body);
  if (!claims) return { ok: false, problem: 'MALFORMED' };
  if (now.getTime() >= claims.e * 1000) return { ok: false, problem: 'EXPIRED' };
  return { ok: true, claims };
}

export function tokenSha256(token: string): string {
  return createHash('sha256').update(token, 'ascii').digest('hex');
}
