/**
 * Per-entry signatures. Besides the checkpoint, the log signs every entry it appends, binding the entry's
 * leaf hash to its position in a given log, so that a single entry can be shown authentic on its own:
 *
 *   message   = "asset-registry/entry/v1\n" + origin + "\n" + index (decimal) + "\n" + base64(leafHash) + "\n"
 *   signature = base64(4-byte key ID ‖ 64-byte Ed25519 signature of message)
 *
 * The key ID is the note key hash of the signing key (see keys.ts), so the verifier can pick the key.
 */
import { decodeBase64Strict, encodeBase64 } from './base64';
import { NoteSigner, NoteVerifier } from './keys';

/** Domain-separation tag: first line of every signed entry message. */
export const ENTRY_SIGNATURE_CONTEXT = 'asset-registry/entry/v1';

function checkInputs(origin: unknown, index: unknown, leafHash: unknown): string | null {
  if (typeof origin !== 'string' || origin.length === 0 || origin.includes('\n')) {
    return 'origin must be a non-empty single line';
  }
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) {
    return 'index must be a non-negative integer';
  }
  if (!(leafHash instanceof Uint8Array) || leafHash.length !== 32) return 'leaf hash must be 32 bytes';
  return null;
}

/** The exact bytes an entry signature signs. Throws a RangeError for invalid inputs. */
export function entrySignatureMessage(origin: string, index: number, leafHash: Uint8Array): Buffer {
  const problem = checkInputs(origin, index, leafHash);
  if (problem) throw new RangeError(problem);
  return Buffer.from(`${ENTRY_SIGNATURE_CONTEXT}\n${origin}\n${index}\n${encodeBase64(leafHash)}\n`, 'utf8');
}

/** Signs entry `index` (0-based leaf index) of log `origin` with leaf hash `leafHash`. */
export function signEntry(signer: NoteSigner, origin: string, index: number, leafHash: Uint8Array): string {
  const sig = signer.sign(entrySignatureMessage(origin, index, leafHash));
  return encodeBase64(Buffer.concat([signer.keyId, sig]));
}

/** An entry signature to check: the entry's index, its leaf hash and its stored signature (key ID ‖ signature). */
export interface EntrySignatureCheck {
  index: number;
  leaf: Buffer;
  signature: Buffer;
}

export type EntrySignatureResult = { ok: true; verifier: NoteVerifier } | { ok: false; reason: string };

/**
 * Verifies an entry signature against the given keys (those whose key ID matches are tried). Never throws.
 */
export function verifyEntrySignature(
  verifiers: readonly NoteVerifier[],
  origin: string,
  index: number,
  leafHash: Uint8Array,
  signature: string,
): EntrySignatureResult {
  const problem = checkInputs(origin, index, leafHash);
  if (problem) return { ok: false, reason: problem };
  const raw = decodeBase64Strict(signature);
  if (raw === null || raw.length !== 4 + 64) {
    return {
      ok: false,
      reason: 'signature is not the canonical base64 of a 4-byte key ID and a 64-byte signature',
    };
  }
  const keyHash = raw.readUInt32BE(0);
  const candidates = verifiers.filter((v) => v.keyHash === keyHash);
  const keyHex = keyHash.toString(16).padStart(8, '0');
  if (candidates.length === 0) return { ok: false, reason: `signed by unknown key ID ${keyHex}` };
  const message = entrySignatureMessage(origin, index, leafHash);
  const verifier = candidates.find((v) => v.verify(message, raw.subarray(4)));
  if (verifier === undefined) {
    const names = candidates.map((v) => `${v.name}+${keyHex}`).join(', ');
    return { ok: false, reason: `signature does not verify with key ${names}` };
  }
  return { ok: true, verifier };
}
