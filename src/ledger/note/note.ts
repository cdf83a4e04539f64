/**
 * C2SP signed notes (https://c2sp.org/signed-note, the format of golang.org/x/mod/sumdb/note):
 *
 *   <text, UTF-8, ending in "\n">
 *   <blank line>
 *   — <key name> <base64(4-byte key ID ‖ signature)>\n      (one or more lines; "— " is U+2014 + space)
 *
 * The signature is over the text bytes including its final newline. Verification follows the spec: the
 * text is separated from the signatures by the LAST blank line; signatures whose (name, key ID) match no
 * known key are ignored (returned as `unverified`); a signature by a known key that fails to verify rejects
 * the whole note; a note with no signature by a known key is rejected.
 *
 * Deliberately stricter than the Go implementation: every signature line of a known key is verified
 * (Go skips repeated ones), base64 must be canonical, and notes we sign may not contain blank lines.
 */
import { decodeBase64Strict, encodeBase64 } from './base64';
import { isValidKeyName, isWellFormed, NoteSigner, NoteVerifier, sameVerifier } from './keys';

/** What went wrong when signing or opening a note. */
export type NoteErrorCode = 'malformed' | 'unverified' | 'bad-signature' | 'ambiguous-key' | 'invalid-signer';

export class NoteError extends Error {
  constructor(
    readonly code: NoteErrorCode,
    message: string,
    /** For `unverified`: the signatures found, none of them by a known key. */
    readonly signatures: readonly NoteSignature[] = [],
  ) {
    super(message);
    this.name = 'NoteError';
  }
}

/** One signature line of a note. */
export interface NoteSignature {
  /** Key name. */
  name: string;
  /** Key hash (key ID) as uint32. */
  keyHash: number;
  /** `<name>+<8 hex key hash>`: how keys are named in messages. */
  keyLabel: string;
  /** The base64 of key ID ‖ signature, as written in the note. */
  base64: string;
}

/** A signature verified with a known key. */
export interface VerifiedSignature extends NoteSignature {
  verifier: NoteVerifier;
}

/** A successfully opened note. */
export interface OpenedNote {
  /** The signed text, including its final newline. */
  text: string;
  /** Signatures verified with one of the given keys (one per key). */
  verifiedBy: VerifiedSignature[];
  /** Signatures by keys that were not given (e.g. witnesses), not checked. */
  unverified: NoteSignature[];
}

/** Verifiers MUST accept at least 16 signatures; like Go we stop at 100. */
const MAX_SIGNATURES = 100;
const SIG_PREFIX = '\u2014 ';
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0009\u000b-\u001f]/;

const label = (name: string, keyHash: number): string => `${name}+${keyHash.toString(16).padStart(8, '0')}`;

const malformed = (why: string): NoteError => new NoteError('malformed', `malformed note: ${why}`);

/** Checks the rules common to whole notes and note texts. */
function checkCharacters(s: string): void {
  if (!isWellFormed(s)) throw malformed('not valid UTF-8 (lone surrogate)');
  if (CONTROL_RE.test(s)) throw malformed('contains an ASCII control character other than newline');
}

/** Validates a text we are about to sign: UTF-8, ends in '\n', no blank lines, no control characters. */
function checkText(text: string): void {
  if (typeof text !== 'string' || text.length === 0 || !text.endsWith('\n')) {
    throw malformed('text must be non-empty and end with a newline');
  }
  checkCharacters(text);
  if (text.startsWith('\n') || text.includes('\n\n')) throw malformed('text must not contain blank lines');
}

/**
 * Signs `text` with each signer and returns the note: text, blank line, one signature line per signer.
 * Throws {@link NoteError} for a malformed text, no signers, or two signers with the same key.
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkText(text);
  if (signers.length === 0) throw new NoteError('invalid-signer', 'at least one signer is required');
  const message = Buffer.from(text, 'utf8');
  const seen = new Set<string>();
  const lines = signers.map((s) => {
    if (!isValidKeyName(s.name))
      throw new NoteError('invalid-signer', `invalid signer name ${JSON.stringify(s.name)}`);
    const id = label(s.name, s.keyHash);
    if (seen.has(id)) throw new NoteError('invalid-signer', `signer ${id} given twice`);
    seen.add(id);
    return `${SIG_PREFIX}${s.name} ${encodeBase64(Buffer.concat([s.keyId, s.sign(message)]))}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/**
 * Parses a note's syntax without verifying anything: its text and signature lines. Throws
 * {@link NoteError} ('malformed'). Accepts a string or the raw bytes (which must be valid UTF-8).
 */
export function parseNote(note: string | Uint8Array): { text: string; signatures: NoteSignature[] } {
  let s: string;
  if (typeof note === 'string') {
    s = note;
  } else if (note instanceof Uint8Array) {
    try {
      s = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(note);
    } catch {
      throw malformed('not valid UTF-8');
    }
  } else {
    throw malformed('not a string');
  }
  checkCharacters(s);
  const split = s.lastIndexOf('\n\n');
  if (split < 0) throw malformed('no blank line before the signatures');
  const text = s.slice(0, split + 1);
  const block = s.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw malformed('signature block must end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw malformed(`more than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line, i) => {
    const where = `signature line ${i + 1}`;
    if (!line.startsWith(SIG_PREFIX))
      throw malformed(`${where} does not start with "— " (U+2014 and a space)`);
    const rest = line.slice(SIG_PREFIX.length);
    const space = rest.indexOf(' ');
    if (space < 0) throw malformed(`${where} has no signature after the key name`);
    const name = rest.slice(0, space);
    const b64 = rest.slice(space + 1);
    if (!isValidKeyName(name)) throw malformed(`${where} has an invalid key name`);
    const raw = decodeBase64Strict(b64);
    if (raw === null || raw.length < 5)
      throw malformed(`${where} is not canonical base64 of key ID ‖ signature`);
    const keyHash = raw.readUInt32BE(0);
    return { name, keyHash, keyLabel: label(name, keyHash), base64: b64 };
  });
  return { text, signatures };
}

/**
 * Opens a signed note: parses it and verifies every signature made by one of `verifiers` (matched by key
 * name AND key ID). Throws {@link NoteError}:
 * - 'malformed': syntax errors;
 * - 'ambiguous-key': two different given keys share a name and key ID;
 * - 'bad-signature': a signature by a known key does not verify (the whole note is rejected);
 * - 'unverified': no signature by any of the given keys (the error lists the signatures found).
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, signatures } = parseNote(note);
  const known = new Map<string, NoteVerifier>();
  for (const v of verifiers) {
    const id = label(v.name, v.keyHash);
    const prior = known.get(id);
    if (prior !== undefined && !sameVerifier(prior, v)) {
      throw new NoteError(
        'ambiguous-key',
        `ambiguous key ${id}: two different keys share this name and key ID`,
      );
    }
    known.set(id, v);
  }
  const message = Buffer.from(text, 'utf8');
  const verifiedBy: VerifiedSignature[] = [];
  const unverified: NoteSignature[] = [];
  for (const sig of signatures) {
    const verifier = known.get(sig.keyLabel);
    if (verifier === undefined) {
      if (!unverified.some((u) => u.keyLabel === sig.keyLabel && u.base64 === sig.base64))
        unverified.push(sig);
      continue;
    }
    const raw = decodeBase64Strict(sig.base64);
    if (raw === null || !verifier.verify(message, raw.subarray(4))) {
      throw new NoteError('bad-signature', `signature by key ${sig.keyLabel} does not verify`);
    }
    if (!verifiedBy.some((v) => v.keyLabel === sig.keyLabel)) verifiedBy.push({ ...sig, verifier });
  }
  if (verifiedBy.length === 0) {
    const found = signatures.map((s) => s.keyLabel).join(', ');
    const given = [...known.keys()].join(', ') || 'none';
    throw new NoteError(
      'unverified',
      `note has no signature by a known key (signed by ${found}; known keys: ${given})`,
      signatures,
    );
  }
  return { text, verifiedBy, unverified };
}
