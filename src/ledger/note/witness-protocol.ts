/**
 * The texts a log and its witnesses exchange.
 *
 * add-checkpoint (C2SP tlog-witness, https://c2sp.org/tlog-witness): the request body is
 *
 *   old <size of the checkpoint the witness cosigned last, 0 if none>\n
 *   <base64 hash>\n …                  (RFC 6962 consistency proof from old to the new size, ≤ 63 lines)
 *   \n
 *   <signed checkpoint note>
 *
 * and a successful response is one or more cosignature lines (C2SP tlog-cosignature).
 *
 * A refusal, which the Asset Registry asks its witnesses to report so that supervision sees it (not part
 * of C2SP): a signed note whose text is
 *
 *   asset-registry/witness-refusal/v1\n
 *   <origin>\n <size>\n <base64 root>\n       (the checkpoint refused)
 *   old <size>\n status <HTTP status>\n reason <one line>\n time <POSIX seconds>\n
 *
 * signed with the witness's key (Ed25519 over the text, key ID of type 0x04), so that nobody else can
 * report a refusal in its name.
 */
import { verify as verifySignature, createPublicKey } from 'crypto';
import { decodeBase64Strict, encodeBase64 } from './base64';
import { parseCheckpoint } from './checkpoint';
import { CosignatureVerifier } from './cosignature';
import { NoteSigner } from './keys';
import { parseNote } from './note';

export const MAX_PROOF_LINES = 63;
export const REFUSAL_HEADER = 'asset-registry/witness-refusal/v1';

export class WitnessProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WitnessProtocolError';
  }
}

export interface AddCheckpointRequest {
  oldSize: number;
  proof: Buffer[];
  /** The signed checkpoint note, as sent. */
  note: string;
}

export function formatAddCheckpointRequest(
  oldSize: number,
  proof: readonly Uint8Array[],
  note: string,
): string {
  return `old ${oldSize}\n${proof.map((h) => `${encodeBase64(h)}\n`).join('')}\n${note}`;
}

/** Parses an add-checkpoint request body; throws {@link WitnessProtocolError} (a 400). */
export function parseAddCheckpointRequest(body: string): AddCheckpointRequest {
  const blank = body.indexOf('\n\n');
  if (blank < 0) throw new WitnessProtocolError('no empty line between the proof and the checkpoint');
  const head = body.slice(0, blank).split('\n');
  const old = /^old (0|[1-9][0-9]*)$/.exec(head[0]);
  if (!old) throw new WitnessProtocolError('the first line must be "old <size>"');
  const oldSize = Number(old[1]);
  if (!Number.isSafeInteger(oldSize)) throw new WitnessProtocolError('old size out of range');
  const lines = head.slice(1);
  if (lines.length > MAX_PROOF_LINES)
    throw new WitnessProtocolError(`more than ${MAX_PROOF_LINES} proof lines`);
  const proof = lines.map((l, i) => {
    const h = decodeBase64Strict(l);
    if (h === null || h.length !== 32)
      throw new WitnessProtocolError(`proof line ${i + 1} is not the base64 of a hash`);
    return h;
  });
  return { oldSize, proof, note: body.slice(blank + 2) };
}

export interface Refusal {
  origin: string;
  size: number;
  rootHash: Buffer;
  oldSize: number;
  status: number;
  reason: string;
  time: number;
}

/** The refusal text (unsigned). */
export function formatRefusal(r: Refusal): string {
  // eslint-disable-next-line no-control-regex
  const reason = r.reason.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 500);
  return (
    `${REFUSAL_HEADER}\n${r.origin}\n${r.size}\n${encodeBase64(r.rootHash)}\n` +
    `old ${r.oldSize}\nstatus ${r.status}\nreason ${reason}\ntime ${r.time}\n`
  );
}

/** A refusal note signed by the witness (key ID of type 0x04, as its cosignatures). */
export function signRefusal(signer: NoteSigner, keyId: Buffer, refusal: Refusal): string {
  const text = formatRefusal(refusal);
  return `${text}\n\u2014 ${signer.name} ${encodeBase64(Buffer.concat([keyId, signer.sign(Buffer.from(text, 'utf8'))]))}\n`;
}

/**
 * Opens a refusal note signed by one of `witnesses`; throws {@link WitnessProtocolError} if it is malformed
 * or not signed by any of them.
 */
export function openRefusal(
  note: string,
  witnesses: readonly CosignatureVerifier[],
): { refusal: Refusal; witness: CosignatureVerifier } {
  let parsed: ReturnType<typeof parseNote>;
  try {
    parsed = parseNote(note);
  } catch (e) {
    throw new WitnessProtocolError((e as Error).message);
  }
  const lines = parsed.text.slice(0, -1).split('\n');
  if (lines.length !== 8 || lines[0] !== REFUSAL_HEADER)
    throw new WitnessProtocolError('not a witness refusal');
  let checkpoint;
  try {
    checkpoint = parseCheckpoint(`${lines.slice(1, 4).join('\n')}\n`);
  } catch (e) {
    throw new WitnessProtocolError(`refused checkpoint: ${(e as Error).message}`);
  }
  const field = (line: string, key: string): string => {
    if (!line.startsWith(`${key} `)) throw new WitnessProtocolError(`expected a "${key}" line`);
    return line.slice(key.length + 1);
  };
  const int = (s: string, what: string): number => {
    if (!/^(0|[1-9][0-9]*)$/.test(s) || !Number.isSafeInteger(Number(s)))
      throw new WitnessProtocolError(`bad ${what}`);
    return Number(s);
  };
  const refusal: Refusal = {
    origin: checkpoint.origin,
    size: checkpoint.size,
    rootHash: checkpoint.rootHash,
    oldSize: int(field(lines[4], 'old'), 'old size'),
    status: int(field(lines[5], 'status'), 'status'),
    reason: field(lines[6], 'reason'),
    time: int(field(lines[7], 'time'), 'time'),
  };
  const message = Buffer.from(parsed.text, 'utf8');
  for (const s of parsed.signatures) {
    const w = witnesses.find((v) => v.name === s.name && v.keyHash === s.keyHash);
    const raw = decodeBase64Strict(s.base64);
    if (!w || raw === null || raw.length !== 68) continue;
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: w.publicKey.toString('base64url') },
      format: 'jwk',
    });
    if (verifySignature(null, message, key, raw.subarray(4))) return { refusal, witness: w };
  }
  throw new WitnessProtocolError('the refusal is not signed by a known witness');
}
