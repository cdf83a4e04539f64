/**
 * C2SP signed notes and checkpoints, verified in the browser (WebCrypto Ed25519):
 *
 *   <text ending in "\n"> "\n" ("— " <key name> " " base64(4-byte key ID ‖ signature) "\n")+
 *
 * The log's verifier key is `<name>+<8 hex key ID>+base64(0x01 ‖ Ed25519 public key)`, key ID =
 * SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key)[:4]. A checkpoint (C2SP tlog-checkpoint) is the text: origin,
 * tree size in decimal, base64 root hash. The rules follow the server's own code (src/ledger/note/).
 */
import { buffer, decodeBase64, hex8, readUint32, sha256, utf8 } from './bytes';

export const ALG_ED25519 = 0x01;
const SIG_PREFIX = '\u2014 ';
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0009\u000b-\u001f]/;

export class LedgerFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerFormatError';
  }
}

/** A key name of the signed-note format: non-empty, no '+', no white space or control characters. */
export function isValidKeyName(name: unknown): name is string {
  // eslint-disable-next-line no-control-regex
  return typeof name === 'string' && name.length > 0 && !/[+\s\u0000-\u001f\u007f]/.test(name);
}

/** SHA-256(name ‖ "\n" ‖ type ‖ public key)[:4] as uint32. */
export async function keyHash(name: string, type: number, publicKey: Uint8Array): Promise<number> {
  return readUint32(await sha256(utf8(name), Uint8Array.of(0x0a, type), publicKey));
}

/** A parsed verifier key: its name, key ID, type byte and 32-byte Ed25519 public key. */
export interface VerifierKey {
  name: string;
  keyHash: number;
  type: number;
  publicKey: Uint8Array;
  /** `<name>+<key ID>` for messages. */
  label: string;
}

/** Parses `<name>+<hash>+<base64(type ‖ key)>` and checks the key ID against the key. */
export async function parseVerifierKey(
  vkey: string,
  types: readonly number[] = [ALG_ED25519],
): Promise<VerifierKey> {
  const parts = /^([^+]+)\+([0-9a-f]{8})\+(.+)$/.exec(vkey);
  if (!parts || !isValidKeyName(parts[1])) throw new LedgerFormatError('公钥格式不正确');
  const key = decodeBase64(parts[3]);
  if (key === null || key.length !== 33) throw new LedgerFormatError('公钥格式不正确：密钥字节有误');
  if (!types.includes(key[0])) throw new LedgerFormatError(`不支持的密钥类型 0x${hex8(key[0]).slice(6)}`);
  const publicKey = key.subarray(1);
  const hash = await keyHash(parts[1], key[0], publicKey);
  if (hex8(hash) !== parts[2]) throw new LedgerFormatError(`密钥标识 ${parts[2]} 与密钥不符`);
  return { name: parts[1], keyHash: hash, type: key[0], publicKey, label: `${parts[1]}+${parts[2]}` };
}

/** One signature line of a note. */
export interface NoteSignature {
  name: string;
  keyHash: number;
  /** base64 of key ID ‖ signature, as written. */
  base64: string;
  /** The decoded bytes after the 4-byte key ID. */
  signature: Uint8Array;
}

/** Splits a note into its text (with final newline) and signature lines, without verifying anything. */
export function parseNote(note: string): { text: string; signatures: NoteSignature[] } {
  if (typeof note !== 'string') throw new LedgerFormatError('签名文本格式不正确：不是文本');
  if (CONTROL_RE.test(note)) throw new LedgerFormatError('签名文本格式不正确：含控制字符');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new LedgerFormatError('签名文本格式不正确：签名前没有空行');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) {
    throw new LedgerFormatError('签名文本格式不正确：签名块须以换行结尾');
  }
  const signatures = block
    .slice(0, -1)
    .split('\n')
    .map((line, i) => {
      if (!line.startsWith(SIG_PREFIX)) throw new LedgerFormatError(`签名文本格式不正确：第 ${i + 1} 行签名`);
      const rest = line.slice(SIG_PREFIX.length);
      const space = rest.indexOf(' ');
      const name = rest.slice(0, space);
      const raw = decodeBase64(rest.slice(space + 1));
      if (space < 0 || !isValidKeyName(name) || raw === null || raw.length < 5) {
        throw new LedgerFormatError(`签名文本格式不正确：第 ${i + 1} 行签名`);
      }
      return { name, keyHash: readUint32(raw), base64: rest.slice(space + 1), signature: raw.subarray(4) };
    });
  return { text, signatures };
}

/** Ed25519 verification with WebCrypto; false (never a throw) for a bad key or signature. */
export async function ed25519Verify(
  publicKey: Uint8Array,
  signature: Uint8Array,
  message: Uint8Array,
): Promise<boolean> {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    const key = await crypto.subtle.importKey('raw', buffer(publicKey), { name: 'Ed25519' }, false, [
      'verify',
    ]);
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, buffer(signature), buffer(message));
  } catch {
    return false;
  }
}

/**
 * Verifies a note with the given keys: every signature line of a given key must verify and at least one
 * must be present. Returns the text and the lines of other keys (witnesses), not checked here.
 */
export async function openNote(
  note: string,
  keys: readonly VerifierKey[],
): Promise<{ text: string; verifiedBy: VerifierKey[]; others: NoteSignature[] }> {
  const { text, signatures } = parseNote(note);
  const verifiedBy: VerifierKey[] = [];
  const others: NoteSignature[] = [];
  for (const s of signatures) {
    const key = keys.find((k) => k.name === s.name && k.keyHash === s.keyHash);
    if (!key) {
      others.push(s);
      continue;
    }
    if (!(await ed25519Verify(key.publicKey, s.signature, utf8(text)))) {
      throw new LedgerFormatError(`${key.label} 的签名验证不通过`);
    }
    if (!verifiedBy.includes(key)) verifiedBy.push(key);
  }
  if (verifiedBy.length === 0) throw new LedgerFormatError('签名文本中没有该公钥的签名');
  return { text, verifiedBy, others };
}

/** A checkpoint (C2SP tlog-checkpoint). */
export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
}

/** Parses a checkpoint TEXT (not the signed note). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new LedgerFormatError('检查点文本须以换行结尾');
  const [origin, sizeLine, rootLine] = text.slice(0, -1).split('\n');
  if (!origin || sizeLine === undefined || rootLine === undefined) {
    throw new LedgerFormatError('检查点须有账本标识、规模和根哈希三行');
  }
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine))) {
    throw new LedgerFormatError('检查点规模不是十进制数');
  }
  const rootHash = decodeBase64(rootLine);
  if (rootHash === null || rootHash.length !== 32) throw new LedgerFormatError('检查点的根不是哈希');
  return { origin, size: Number(sizeLine), rootHash };
}

/** Verifies a signed checkpoint with the log's keys and parses it. */
export async function openCheckpoint(
  note: string,
  logKeys: readonly VerifierKey[],
): Promise<{ checkpoint: Checkpoint; text: string; verifiedBy: VerifierKey[]; others: NoteSignature[] }> {
  const opened = await openNote(note, logKeys);
  return { checkpoint: parseCheckpoint(opened.text), ...opened };
}
