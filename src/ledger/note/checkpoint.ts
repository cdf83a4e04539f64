/**
 * C2SP transparency-log checkpoints (https://c2sp.org/tlog-checkpoint): a signed note whose text is
 *
 *   <origin>\n<tree size, decimal, no leading zeros>\n<base64 RFC 6962 root hash>\n[<extension line>\n]*
 *
 * Parsing is strict (exact decimal, canonical base64 of a 32-byte hash, non-empty lines) so a checkpoint
 * text has a single accepted spelling.
 */
import { decodeBase64Strict, encodeBase64 } from './base64';
import { NoteSigner, NoteVerifier } from './keys';
import { openNote, OpenedNote, signNote } from './note';

/** A parsed checkpoint body. */
export interface Checkpoint {
  /** Unique identity of the log, e.g. `wanzhou.asset-registry.example/ledger/500101`. */
  origin: string;
  /** Number of leaves in the tree. */
  size: number;
  /** RFC 6962 root hash (32 bytes) of the first `size` leaves. */
  rootHash: Buffer;
  /** Optional extension lines (opaque, NOT RECOMMENDED by the spec); usually empty. */
  extensions: string[];
}

/** Input of {@link formatCheckpoint}. */
export interface CheckpointInput {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  extensions?: readonly string[];
}

export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

// eslint-disable-next-line no-control-regex
const BAD_LINE_RE = /[\u0000-\u001f]/;

function checkLine(line: string, what: string): void {
  if (typeof line !== 'string' || line.length === 0)
    throw new CheckpointError(`${what} must be a non-empty line`);
  if (BAD_LINE_RE.test(line))
    throw new CheckpointError(`${what} must not contain newlines or control characters`);
}

/** The checkpoint note text (unsigned). Throws {@link CheckpointError} for invalid fields. */
export function formatCheckpoint(cp: CheckpointInput): string {
  checkLine(cp.origin, 'origin');
  if (!Number.isSafeInteger(cp.size) || cp.size < 0)
    throw new CheckpointError('size must be a non-negative integer');
  if (!(cp.rootHash instanceof Uint8Array) || cp.rootHash.length !== 32) {
    throw new CheckpointError('root hash must be 32 bytes');
  }
  const ext = cp.extensions ?? [];
  ext.forEach((line, i) => checkLine(line, `extension line ${i + 1}`));
  return [cp.origin, String(cp.size), encodeBase64(cp.rootHash), ...ext].map((l) => `${l}\n`).join('');
}

/** Parses a checkpoint note TEXT (not the signed note; see {@link openCheckpoint}). Throws {@link CheckpointError}. */
export function parseCheckpoint(text: string): Checkpoint {
  if (typeof text !== 'string' || !text.endsWith('\n'))
    throw new CheckpointError('checkpoint text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3)
    throw new CheckpointError('checkpoint must have at least 3 lines (origin, size, root hash)');
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  checkLine(origin, 'origin');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine)) {
    throw new CheckpointError(
      `tree size ${JSON.stringify(sizeLine)} is not a decimal number without leading zeros`,
    );
  }
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw new CheckpointError(`tree size ${sizeLine} is too large`);
  const rootHash = decodeBase64Strict(rootLine);
  if (rootHash === null || rootHash.length !== 32) {
    throw new CheckpointError('root hash is not the canonical base64 of 32 bytes');
  }
  extensions.forEach((line, i) => checkLine(line, `extension line ${i + 1}`));
  return { origin, size, rootHash, extensions };
}

/** Formats and signs a checkpoint: the signed note text. */
export function signCheckpoint(cp: CheckpointInput, signers: readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(cp), signers);
}

/**
 * Opens a signed checkpoint note: verifies the note ({@link openNote}, throws NoteError) and parses its
 * text (throws CheckpointError).
 */
export function openCheckpoint(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
): { checkpoint: Checkpoint; note: OpenedNote } {
  const opened = openNote(note, verifiers);
  return { checkpoint: parseCheckpoint(opened.text), note: opened };
}
