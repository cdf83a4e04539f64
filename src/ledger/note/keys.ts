/**
 * Ed25519 keys in the golang.org/x/mod/sumdb/note encoding, as used by C2SP signed notes
 * (https://c2sp.org/signed-note) and transparency-log checkpoints.
 *
 *   key ID (key hash) = SHA-256(name ‖ 0x0A ‖ 0x01 ‖ 32-byte Ed25519 public key)[:4], a big-endian uint32
 *   verifier key      = <name>+<8 lowercase hex of key hash>+<base64(0x01 ‖ public key)>
 *   signer key        = PRIVATE+KEY+<name>+<8 lowercase hex of key hash>+<base64(0x01 ‖ 32-byte seed)>
 *
 * Key names must be non-empty and contain neither Unicode spaces nor '+' (we also refuse control
 * characters, which a note may not contain anyway). Parsing is strict — lowercase hex, canonical base64,
 * key hash re-computed and compared — so that every key string has exactly one accepted spelling.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  sign,
  verify,
} from 'crypto';
import { decodeBase64Strict, encodeBase64 } from './base64';

/** Signature type byte of Ed25519 in the signed-note registry. */
export const ALG_ED25519 = 0x01;

/** PKCS#8 DER prefix of a raw 32-byte Ed25519 seed (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** SubjectPublicKeyInfo DER prefix of a raw 32-byte Ed25519 public key (RFC 8410). */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A key that verifies note signatures. */
export interface NoteVerifier {
  /** Key name, e.g. the log origin. */
  readonly name: string;
  /** Key hash (key ID) as an unsigned 32-bit integer. */
  readonly keyHash: number;
  /** The key hash as the 4 big-endian bytes that prefix every signature. */
  readonly keyId: Buffer;
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Buffer;
  /** The encoded verifier key string `<name>+<hash>+<base64>`. */
  readonly verifierKey: string;
  /** Verifies a raw 64-byte Ed25519 signature over `message`; never throws. */
  verify(message: Uint8Array, signature: Uint8Array): boolean;
  /**
   * {@link verify} on libuv's thread pool, off the event loop: many at once spread over the cores (what
   * verification of a slice of entries does). Never rejects.
   */
  verifyAsync(message: Uint8Array, signature: Uint8Array): Promise<boolean>;
}

/** A key that signs notes (and entry signatures). Keep the signer key string secret. */
export interface NoteSigner {
  readonly name: string;
  readonly keyHash: number;
  readonly keyId: Buffer;
  /** The matching verifier, e.g. to publish `signer.verifier.verifierKey`. */
  readonly verifier: NoteVerifier;
  /** Raw 64-byte Ed25519 signature over `message`. */
  sign(message: Uint8Array): Buffer;
  /** {@link sign} on libuv's thread pool (many at once spread over the cores). */
  signAsync(message: Uint8Array): Promise<Buffer>;
}

/** Thrown for malformed or inconsistent key strings. */
export class NoteKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoteKeyError';
  }
}

// Go's unicode.IsSpace: ASCII white space, NEL, NBSP and the Unicode White_Space characters.
const SPACE_RE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True if the string is well-formed UTF-16 (so encodes to valid UTF-8). */
export function isWellFormed(s: string): boolean {
  return !LONE_SURROGATE_RE.test(s);
}

/** Whether `name` may be used as a note key name. */
export function isValidKeyName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    !name.includes('+') &&
    !SPACE_RE.test(name) &&
    !CONTROL_RE.test(name) &&
    isWellFormed(name)
  );
}

/** The key hash of an Ed25519 public key under `name`, as uint32. */
export function computeKeyHash(name: string, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(Buffer.from(name, 'utf8'))
    .update(Uint8Array.of(0x0a, ALG_ED25519))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

function keyIdBytes(keyHash: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(keyHash, 0);
  return b;
}

function publicKeyObject(raw: Uint8Array): KeyObject {
  // Same key as the SPKI DER `SPKI_ED25519_PREFIX ‖ raw`; the JWK import is ~10× faster in Node 20.
  if (raw.length !== 32) throw new NoteKeyError('Ed25519 public key must be 32 bytes');
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') },
    format: 'jwk',
  });
}

function privateKeyObject(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function rawPublicKey(key: KeyObject): Buffer {
  const der = key.export({ format: 'der', type: 'spki' });
  if (
    der.length !== SPKI_ED25519_PREFIX.length + 32 ||
    !der.subarray(0, SPKI_ED25519_PREFIX.length).equals(SPKI_ED25519_PREFIX)
  ) {
    throw new NoteKeyError('not an Ed25519 public key');
  }
  return Buffer.from(der.subarray(SPKI_ED25519_PREFIX.length));
}

function checkName(name: string): void {
  if (!isValidKeyName(name)) {
    throw new NoteKeyError(
      `invalid key name ${JSON.stringify(name)}: must be non-empty, without spaces or '+'`,
    );
  }
}

/** Encodes a verifier key string from a name and a raw 32-byte Ed25519 public key. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  checkName(name);
  if (publicKey.length !== 32)
    throw new NoteKeyError(`Ed25519 public key must be 32 bytes, got ${publicKey.length}`);
  const hash = computeKeyHash(name, publicKey);
  return `${name}+${hex8(hash)}+${encodeBase64(Buffer.concat([Uint8Array.of(ALG_ED25519), publicKey]))}`;
}

/** Encodes a signer key string from a name and a raw 32-byte Ed25519 seed (private key). */
export function formatSignerKey(name: string, seed: Uint8Array): string {
  checkName(name);
  if (seed.length !== 32) throw new NoteKeyError(`Ed25519 seed must be 32 bytes, got ${seed.length}`);
  const publicKey = rawPublicKey(createPublicKey(privateKeyObject(seed)));
  const hash = computeKeyHash(name, publicKey);
  return `PRIVATE+KEY+${name}+${hex8(hash)}+${encodeBase64(Buffer.concat([Uint8Array.of(ALG_ED25519), seed]))}`;
}

function makeVerifier(name: string, publicKey: Buffer): NoteVerifier {
  const key = publicKeyObject(publicKey);
  const keyHash = computeKeyHash(name, publicKey);
  return Object.freeze({
    name,
    keyHash,
    keyId: keyIdBytes(keyHash),
    publicKey,
    verifierKey: `${name}+${hex8(keyHash)}+${encodeBase64(Buffer.concat([Uint8Array.of(ALG_ED25519), publicKey]))}`,
    verify(message: Uint8Array, signature: Uint8Array): boolean {
      if (signature.length !== 64) return false;
      try {
        return verify(null, message, key, signature);
      } catch {
        return false;
      }
    },
    verifyAsync(message: Uint8Array, signature: Uint8Array): Promise<boolean> {
      if (signature.length !== 64) return Promise.resolve(false);
      return new Promise((resolve) => {
        try {
          verify(null, message, key, signature, (error, ok) => resolve(error === null && ok));
        } catch {
          resolve(false);
        }
      });
    },
  });
}

/** Splits `name+hash16+key64` (the base64 part may itself contain '+'). */
function splitKey(s: string, what: string): { name: string; hash: number; key: Buffer } {
  const first = s.indexOf('+');
  const second = first < 0 ? -1 : s.indexOf('+', first + 1);
  if (second < 0) throw new NoteKeyError(`malformed ${what}: expected <name>+<hash>+<key>`);
  const name = s.slice(0, first);
  const hash16 = s.slice(first + 1, second);
  const key64 = s.slice(second + 1);
  checkName(name);
  if (!/^[0-9a-f]{8}$/.test(hash16))
    throw new NoteKeyError(`malformed ${what}: key hash must be 8 lowercase hex digits`);
  const key = decodeBase64Strict(key64);
  if (key === null) throw new NoteKeyError(`malformed ${what}: key is not canonical base64`);
  if (key.length !== 33)
    throw new NoteKeyError(`malformed ${what}: expected 33 key bytes, got ${key.length}`);
  if (key[0] !== ALG_ED25519)
    throw new NoteKeyError(`unsupported ${what} algorithm 0x${key[0].toString(16).padStart(2, '0')}`);
  return { name, hash: parseInt(hash16, 16), key: key.subarray(1) };
}

/** Parses a verifier key string `<name>+<hash>+<base64(0x01 ‖ key)>`; throws {@link NoteKeyError}. */
export function parseVerifierKey(verifierKey: string): NoteVerifier {
  if (typeof verifierKey !== 'string') throw new NoteKeyError('verifier key must be a string');
  const { name, hash, key } = splitKey(verifierKey, 'verifier key');
  const publicKey = Buffer.from(key);
  if (computeKeyHash(name, publicKey) !== hash) {
    throw new NoteKeyError(`verifier key hash ${hex8(hash)} does not match the key of ${name}`);
  }
  try {
    return makeVerifier(name, publicKey);
  } catch (e) {
    throw new NoteKeyError(`invalid Ed25519 public key for ${name}: ${(e as Error).message}`);
  }
}

/** Parses a signer key string `PRIVATE+KEY+<name>+<hash>+<base64(0x01 ‖ seed)>`; throws {@link NoteKeyError}. */
export function parseSignerKey(signerKey: string): NoteSigner {
  if (typeof signerKey !== 'string' || !signerKey.startsWith('PRIVATE+KEY+')) {
    throw new NoteKeyError('malformed signer key: must start with PRIVATE+KEY+');
  }
  const { name, hash, key } = splitKey(signerKey.slice('PRIVATE+KEY+'.length), 'signer key');
  const privateKey = privateKeyObject(key);
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  if (computeKeyHash(name, publicKey) !== hash) {
    throw new NoteKeyError(`signer key hash ${hex8(hash)} does not match the key of ${name}`);
  }
  const verifier = makeVerifier(name, publicKey);
  return Object.freeze({
    name,
    keyHash: verifier.keyHash,
    keyId: verifier.keyId,
    verifier,
    sign: (message: Uint8Array): Buffer => sign(null, message, privateKey),
    signAsync: (message: Uint8Array): Promise<Buffer> =>
      new Promise((resolve, reject) =>
        sign(null, message, privateKey, (error, signature) => (error ? reject(error) : resolve(signature))),
      ),
  });
}

/** Generates a fresh Ed25519 key pair for `name`, returning both encoded key strings. */
export function generateSigner(name: string): { signerKey: string; verifierKey: string } {
  checkName(name);
  const { privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const seed = der.subarray(der.length - 32);
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  return { signerKey: formatSignerKey(name, seed), verifierKey: formatVerifierKey(name, publicKey) };
}

/** True if two verifiers are the same key (same name, key hash and public key). */
export function sameVerifier(a: NoteVerifier, b: NoteVerifier): boolean {
  return a.name === b.name && a.keyHash === b.keyHash && a.publicKey.equals(b.publicKey);
}
