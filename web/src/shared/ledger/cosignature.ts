/**
 * C2SP tlog-cosignature, `cosignature/v1` (signature type 0x04), made and checked with WebCrypto Ed25519:
 *
 *   key ID       = SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key)[:4]
 *   verifier key = <name>+<8 hex key ID>+base64(0x04 ‖ public key)
 *   signed bytes = "cosignature/v1\n" ‖ "time " <POSIX seconds> "\n" ‖ checkpoint text
 *   line         = "— " <name> " " base64(key ID ‖ 8-byte big-endian time ‖ Ed25519 signature) "\n"
 *
 * The same as the witness CLI's (src/ledger/note/cosignature.ts); the unit spec checks one against the other.
 */
import { buffer, concatBytes, encodeBase64, hex8, utf8 } from './bytes';
import { ed25519Verify, isValidKeyName, keyHash, LedgerFormatError, type NoteSignature } from './note';

export const ALG_COSIGNATURE_V1 = 0x04;

/** A witness key held by the browser: the private key never leaves WebCrypto. */
export interface WitnessKey {
  name: string;
  keyHash: number;
  publicKey: Uint8Array;
  privateKey: CryptoKey;
  /** The vkey to register (type 0x04). */
  verifierKey: string;
}

/** The vkey `<name>+<key ID>+base64(0x04 ‖ key)` of a witness public key. */
export async function cosignatureVerifierKey(name: string, publicKey: Uint8Array): Promise<string> {
  if (!isValidKeyName(name)) throw new LedgerFormatError('密钥名称不合规');
  const hash = await keyHash(name, ALG_COSIGNATURE_V1, publicKey);
  return `${name}+${hex8(hash)}+${encodeBase64(concatBytes(Uint8Array.of(ALG_COSIGNATURE_V1), publicKey))}`;
}

/**
 * A new Ed25519 witness key: the private key is created non-extractable (the browser can sign with it
 * but nothing, not even this code, can read it out); only the public key is exported, to register.
 */
export async function generateWitnessKey(name: string): Promise<WitnessKey> {
  if (!isValidKeyName(name)) throw new LedgerFormatError('密钥名称不合规');
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  return witnessKeyFrom(name, pair.privateKey, pair.publicKey);
}

/** The witness key of a stored key pair. */
export async function witnessKeyFrom(
  name: string,
  privateKey: CryptoKey,
  publicKey: CryptoKey,
): Promise<WitnessKey> {
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', publicKey));
  return {
    name,
    keyHash: await keyHash(name, ALG_COSIGNATURE_V1, raw),
    publicKey: raw,
    privateKey,
    verifierKey: await cosignatureVerifierKey(name, raw),
  };
}

function keyIdBytes(hash: number): Uint8Array {
  return Uint8Array.of(hash >>> 24, (hash >>> 16) & 0xff, (hash >>> 8) & 0xff, hash & 0xff);
}

function uint64(n: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n));
  return out;
}

/** The exact bytes a cosignature/v1 signs. */
export function cosignatureMessage(checkpointText: string, timestamp: number): Uint8Array {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError('时间戳不正确');
  return utf8(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`);
}

async function ed25519Sign(key: CryptoKey, message: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key, buffer(message)));
}

/** The cosignature line (with its final newline) of `checkpointText` at `timestamp`. */
export async function cosign(key: WitnessKey, checkpointText: string, timestamp: number): Promise<string> {
  const signature = await ed25519Sign(key.privateKey, cosignatureMessage(checkpointText, timestamp));
  return `\u2014 ${key.name} ${encodeBase64(concatBytes(keyIdBytes(key.keyHash), uint64(timestamp), signature))}\n`;
}

/** Checks a cosignature line of a note against a witness public key; its timestamp if it verifies. */
export async function verifyCosignature(
  name: string,
  publicKey: Uint8Array,
  checkpointText: string,
  line: NoteSignature,
): Promise<number | null> {
  const sig = line.signature;
  if (line.name !== name || line.keyHash !== (await keyHash(name, ALG_COSIGNATURE_V1, publicKey)))
    return null;
  if (sig.length !== 8 + 64) return null;
  const t = new DataView(sig.buffer, sig.byteOffset, 8).getBigUint64(0);
  if (t > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const ok = await ed25519Verify(publicKey, sig.subarray(8), cosignatureMessage(checkpointText, Number(t)));
  return ok ? Number(t) : null;
}

/**
 * A refusal note (the Asset Registry's own report of a refusal, see src/ledger/note/witness-protocol.ts),
 * signed with the witness key so that nobody else can report a refusal in its name.
 */
export async function signRefusal(
  key: WitnessKey,
  r: {
    origin: string;
    size: number;
    rootHash: string;
    oldSize: number;
    status: number;
    reason: string;
    time: number;
  },
): Promise<string> {
  // eslint-disable-next-line no-control-regex
  const reason = r.reason.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 500);
  const text =
    `asset-registry/witness-refusal/v1\n${r.origin}\n${r.size}\n${r.rootHash}\n` +
    `old ${r.oldSize}\nstatus ${r.status}\nreason ${reason}\ntime ${r.time}\n`;
  const signature = await ed25519Sign(key.privateKey, utf8(text));
  return `${text}\n\u2014 ${key.name} ${encodeBase64(concatBytes(keyIdBytes(key.keyHash), signature))}\n`;
}
