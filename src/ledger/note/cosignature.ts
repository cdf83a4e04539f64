/**
 * C2SP tlog-cosignature (https://c2sp.org/tlog-cosignature), the Ed25519 `cosignature/v1` type: a witness's
 * statement that, as of a time, the checkpoint is the largest consistent tree head it has seen of the log.
 *
 *   key ID        = SHA-256(<name> ‖ "\n" ‖ 0x04 ‖ 32-byte Ed25519 public key)[:4]
 *   verifier key  = <name>+<8 hex key ID>+base64(0x04 ‖ public key)          (a C2SP signed-note vkey)
 *   signed text   = "cosignature/v1\n" ‖ "time " <POSIX seconds, decimal> "\n" ‖ checkpoint note body
 *   signature     = key ID (4) ‖ timestamp (u64, big-endian) ‖ Ed25519 signature (64), base64 in a
 *                   note signature line `— <name> <base64>`
 *
 * The same 32-byte key may be given as a type 0x01 vkey (plain signed-note Ed25519, as Go's
 * note.GenerateKey writes it); its cosignature key ID is then computed with 0x04. A witness keeps its
 * private key in the Go signer-key format (`PRIVATE+KEY+<name>+<id>+base64(0x01 ‖ seed)`).
 */
import { createHash, createPublicKey, KeyObject, verify } from 'crypto';
import { decodeBase64Strict, encodeBase64 } from './base64';
import {
  ALG_ED25519,
  computeKeyHash,
  generateSigner,
  isValidKeyName,
  NoteKeyError,
  parseSignerKey,
} from './keys';

/** Signature type of Ed25519 cosignature/v1 in the signed-note registry. */
export const ALG_COSIGNATURE_V1 = 0x04;
export const COSIGNATURE_V1_HEADER = 'cosignature/v1';
const MAX_TIMESTAMP = 2n ** 63n - 1n;

/** Verifies cosignatures of one witness. */
export interface CosignatureVerifier {
  readonly name: string;
  /** Key ID as uint32 (computed with type 0x04). */
  readonly keyHash: number;
  readonly keyId: Buffer;
  readonly publicKey: Buffer;
  /** The vkey in its cosignature form: `<name>+<id>+base64(0x04 ‖ key)`. */
  readonly verifierKey: string;
  /** Checks the base64 of a signature line against the checkpoint note body (text with final newline). */
  verify(checkpointText: string, signature: string): CosignatureCheck;
}

export type CosignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: string };

/** A witness's signing side. */
export interface Cosigner {
  readonly name: string;
  readonly keyHash: number;
  readonly verifier: CosignatureVerifier;
  /** The note signature line (with its final newline) cosigning `checkpointText` at `timestamp`. */
  cosign(checkpointText: string, timestamp: number): string;
}

/** SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key)[:4] as uint32. */
export function cosignatureKeyHash(name: string, publicKey: Uint8Array): number {
  return createHash('sha256')
    .update(Buffer.from(name, 'utf8'))
    .update(Uint8Array.of(0x0a, ALG_COSIGNATURE_V1))
    .update(publicKey)
    .digest()
    .readUInt32BE(0);
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/** The vkey of a cosigner: `<name>+<key ID>+base64(0x04 ‖ key)`. */
export function formatCosignatureVerifierKey(name: string, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new NoteKeyError(`invalid key name ${JSON.stringify(name)}`);
  if (publicKey.length !== 32) throw new NoteKeyError('Ed25519 public key must be 32 bytes');
  const body = encodeBase64(Buffer.concat([Uint8Array.of(ALG_COSIGNATURE_V1), publicKey]));
  return `${name}+${hex8(cosignatureKeyHash(name, publicKey))}+${body}`;
}

/** The exact bytes a cosignature/v1 signs. */
export function cosignatureMessage(checkpointText: string, timestamp: number): Buffer {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    throw new RangeError('timestamp must be a non-negative integer');
  if (!checkpointText.endsWith('\n') || checkpointText.split('\n').length < 4) {
    throw new RangeError('the cosigned text must be a checkpoint body (at least three lines, final newline)');
  }
  return Buffer.from(`${COSIGNATURE_V1_HEADER}\ntime ${timestamp}\n${checkpointText}`, 'utf8');
}

/** The timestamp of a cosignature/v1 signature (base64 of key ID ‖ timestamp ‖ signature), or null. */
export function cosignatureTimestamp(signature: string): number | null {
  const raw = decodeBase64Strict(signature);
  if (raw === null || raw.length !== 4 + 8 + 64) return null;
  const t = raw.readBigUInt64BE(4);
  return t <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(t) : null;
}

function ed25519Key(raw: Buffer): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
}

function makeVerifier(name: string, publicKey: Buffer): CosignatureVerifier {
  const key = ed25519Key(publicKey);
  const keyHash = cosignatureKeyHash(name, publicKey);
  const keyId = Buffer.alloc(4);
  keyId.writeUInt32BE(keyHash, 0);
  return Object.freeze({
    name,
    keyHash,
    keyId,
    publicKey,
    verifierKey: formatCosignatureVerifierKey(name, publicKey),
    verify(checkpointText: string, signature: string): CosignatureCheck {
      const raw = decodeBase64Strict(signature);
      if (raw === null || raw.length !== 4 + 8 + 64) {
        return {
          ok: false,
          reason: 'not the canonical base64 of key ID ‖ timestamp ‖ Ed25519 signature (76 bytes)',
        };
      }
      if (!raw.subarray(0, 4).equals(keyId))
        return { ok: false, reason: `key ID ${raw.toString('hex', 0, 4)} is not ${hex8(keyHash)}` };
      const t = raw.readBigUInt64BE(4);
      if (t > MAX_TIMESTAMP || t > BigInt(Number.MAX_SAFE_INTEGER))
        return { ok: false, reason: 'timestamp out of range' };
      let message: Buffer;
      try {
        message = cosignatureMessage(checkpointText, Number(t));
      } catch (e) {
        return { ok: false, reason: (e as Error).message };
      }
      try {
        if (verify(null, message, key, raw.subarray(12))) return { ok: true, timestamp: Number(t) };
      } catch {
        // fall through
      }
      return { ok: false, reason: `cosignature by ${name}+${hex8(keyHash)} does not verify` };
    },
  });
}

/**
 * Parses a witness vkey: type 0x04 (its key ID checked against the 0x04 key ID) or type 0x01 (checked
 * against the 0x01 key ID, then used for cosignatures). Strict like {@link parseVerifierKey}. Throws
 * {@link NoteKeyError}.
 */
export function parseCosignatureVerifierKey(vkey: string): CosignatureVerifier {
  if (typeof vkey !== 'string') throw new NoteKeyError('verifier key must be a string');
  const first = vkey.indexOf('+');
  const second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
  if (second < 0) throw new NoteKeyError('malformed verifier key: expected <name>+<hash>+<key>');
  const name = vkey.slice(0, first);
  const hash = vkey.slice(first + 1, second);
  if (!isValidKeyName(name)) throw new NoteKeyError(`invalid key name ${JSON.stringify(name)}`);
  if (!/^[0-9a-f]{8}$/.test(hash))
    throw new NoteKeyError('malformed verifier key: key hash must be 8 lowercase hex digits');
  const key = decodeBase64Strict(vkey.slice(second + 1));
  if (key === null) throw new NoteKeyError('malformed verifier key: key is not canonical base64');
  if (key.length !== 33)
    throw new NoteKeyError(`malformed verifier key: expected 33 key bytes, got ${key.length}`);
  const publicKey = Buffer.from(key.subarray(1));
  if (key[0] === ALG_COSIGNATURE_V1) {
    if (cosignatureKeyHash(name, publicKey) !== parseInt(hash, 16)) {
      throw new NoteKeyError(`verifier key hash ${hash} does not match the key of ${name}`);
    }
  } else if (key[0] === ALG_ED25519) {
    if (computeKeyHash(name, publicKey) !== parseInt(hash, 16))
      throw new NoteKeyError(`verifier key hash ${hash} does not match the key of ${name}`);
  } else {
    throw new NoteKeyError(
      `unsupported witness key type 0x${key[0].toString(16).padStart(2, '0')} (expected 0x04 or 0x01)`,
    );
  }
  try {
    return makeVerifier(name, publicKey);
  } catch (e) {
    throw new NoteKeyError(`invalid Ed25519 public key for ${name}: ${(e as Error).message}`);
  }
}

/** A cosigner from a Go note signer key (`PRIVATE+KEY+…`, type 0x01). */
export function cosignerFromSignerKey(signerKey: string): Cosigner {
  const signer = parseSignerKey(signerKey);
  const verifier = makeVerifier(signer.name, signer.verifier.publicKey);
  return Object.freeze({
    name: signer.name,
    keyHash: verifier.keyHash,
    verifier,
    cosign(checkpointText: string, timestamp: number): string {
      const ts = Buffer.alloc(8);
      ts.writeBigUInt64BE(BigInt(timestamp), 0);
      const signature = signer.sign(cosignatureMessage(checkpointText, timestamp));
      return `\u2014 ${signer.name} ${encodeBase64(Buffer.concat([verifier.keyId, ts, signature]))}\n`;
    },
  });
}

/** A new witness key: the signer key to keep secret, and the vkey (type 0x04) to register. */
export function generateCosigner(name: string): { signerKey: string; verifierKey: string } {
  const { signerKey } = generateSigner(name);
  return { signerKey, verifierKey: cosignerFromSignerKey(signerKey).verifier.verifierKey };
}
