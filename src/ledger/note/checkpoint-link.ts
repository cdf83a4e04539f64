/**
 * Checkpoint links. Each checkpoint the log signs after checking what it covers is numbered (seq 0, 1, 2 …)
 * and linked to the one before it by a signature of the log key over
 *
 *   "asset-registry/checkpoint-link/v1\n" origin "\n" seq "\n" size "\n" base64(root) "\n"
 *   previous size "\n" base64(previous root) "\n"            (the two previous lines are "-" for seq 0)
 *
 * stored as 4-byte key ID ‖ 64-byte Ed25519 signature. Deleting a checkpoint row leaves a gap in the
 * numbers; renumbering the rows, or relinking them around the gap, needs the key.
 */
import { encodeBase64 } from './base64';
import { NoteSigner, NoteVerifier } from './keys';

/** Domain-separation tag: first line of every link message. */
export const CHECKPOINT_LINK_CONTEXT = 'asset-registry/checkpoint-link/v1';

export interface CheckpointLinkInput {
  origin: string;
  seq: number;
  size: number;
  rootHash: Uint8Array;
  /** The checkpoint this one follows, or null for the first linked checkpoint. */
  previous: { size: number; rootHash: Uint8Array } | null;
}

/** The exact bytes a checkpoint link signs. */
export function checkpointLinkMessage(link: CheckpointLinkInput): Buffer {
  if (!Number.isSafeInteger(link.seq) || link.seq < 0)
    throw new RangeError('seq must be a non-negative integer');
  if (!Number.isSafeInteger(link.size) || link.size < 0)
    throw new RangeError('size must be a non-negative integer');
  if (link.origin.length === 0 || link.origin.includes('\n')) throw new RangeError('origin must be one line');
  const previous = link.previous ? `${link.previous.size}\n${encodeBase64(link.previous.rootHash)}` : '-\n-';
  return Buffer.from(
    `${CHECKPOINT_LINK_CONTEXT}\n${link.origin}\n${link.seq}\n${link.size}\n${encodeBase64(link.rootHash)}\n${previous}\n`,
    'utf8',
  );
}

/** Signs a link: key ID ‖ signature. */
export function signCheckpointLink(signer: NoteSigner, link: CheckpointLinkInput): Buffer {
  return Buffer.concat([signer.keyId, signer.sign(checkpointLinkMessage(link))]);
}

/** Whether `signature` (key ID ‖ signature) is a valid link by one of `verifiers`. Never throws. */
export function verifyCheckpointLink(
  verifiers: readonly NoteVerifier[],
  link: CheckpointLinkInput,
  signature: Uint8Array,
): boolean {
  if (signature.length !== 68) return false;
  const keyId = Buffer.from(signature.subarray(0, 4));
  let message: Buffer;
  try {
    message = checkpointLinkMessage(link);
  } catch {
    return false;
  }
  return verifiers.some((v) => v.keyId.equals(keyId) && v.verify(message, signature.subarray(4)));
}
