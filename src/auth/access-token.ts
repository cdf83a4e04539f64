import { createSecretKey, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { DomainError, ErrorCode } from '@/common/errors';

/** What an access token carries: the user id and the token version (bumped to end older tokens). */
export interface TokenClaims {
  sub: string;
  ver: number;
  exp: number;
}

const keys = new Map<string, KeyObject>();

/**
 * The HS256 key of a secret as a KeyObject, made once per secret: given the secret as a string,
 * jsonwebtoken would first try to parse it as a public key (crypto.createPublicKey) on every call.
 */
function hmacKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

export const TOKEN_ISSUER = 'asset-registry';
export const TOKEN_AUDIENCE = 'asset-registry-api';

/** An HS256 access token for `sub` that expires after `ttlSeconds`. */
export function signAccessToken(
  claims: { sub: string; ver: number },
  secret: string,
  ttlSeconds: number,
): { token: string; expiresAt: Date } {
  const token = jwt.sign(claims, hmacKey(secret), {
    algorithm: 'HS256',
    expiresIn: ttlSeconds,
    issuer: TOKEN_ISSUER,
    audience: TOKEN_AUDIENCE,
  });
  const decoded = jwt.decode(token) as { exp: number };
  return { token, expiresAt: new Date(decoded.exp * 1000) };
}

/**
 * Checks a bearer token's signature, issuer, audience and expiry (no database): TOKEN_EXPIRED or
 * TOKEN_INVALID otherwise. A token without an expiry is refused (jsonwebtoken alone accepts it), and
 * so is one that lives longer than `maxTtlSeconds` (signed with the secret by something other than
 * this app, which never issues such tokens).
 */
export function verifyAccessToken(token: string, secret: string, maxTtlSeconds: number): TokenClaims {
  let claims: Partial<TokenClaims> & { iat?: unknown };
  try {
    claims = jwt.verify(token, hmacKey(secret), {
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
    }) as Partial<TokenClaims> & { iat?: unknown };
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) {
      throw new DomainError(ErrorCode.TOKEN_EXPIRED, 'Your session has expired: sign in again');
    }
    throw new DomainError(ErrorCode.TOKEN_INVALID, 'The access token is not valid');
  }
  if (
    typeof claims.sub !== 'string' ||
    typeof claims.ver !== 'number' ||
    !/^[0-9a-f-]{36}$/.test(claims.sub)
  ) {
    throw new DomainError(ErrorCode.TOKEN_INVALID, 'The access token is not valid');
  }
  if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number') {
    throw new DomainError(ErrorCode.TOKEN_INVALID, 'The access token has no expiry: sign in again');
  }
  if (claims.exp - claims.iat > maxTtlSeconds) {
    throw new DomainError(ErrorCode.TOKEN_INVALID, 'The access token lives longer than this server allows');
  }
  return { sub: claims.sub, ver: claims.ver, exp: claims.exp };
}

/** The user id of a token that verifies, or undefined (for keying budgets; never for access). */
export function tokenSubject(token: string, secret: string, maxTtlSeconds: number): string | undefined {
  try {
    return verifyAccessToken(token, secret, maxTtlSeconds).sub;
  } catch {
    return undefined;
  }
}

/** The token of an `Authorization: Bearer …` header, undefined without one, null when malformed. */
export function bearerToken(header: unknown): string | undefined | null {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : null;
}
