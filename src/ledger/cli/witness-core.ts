/**
 * A transparency-log witness, as C2SP tlog-witness describes it (https://c2sp.org/tlog-witness): it
 * receives a log's newest checkpoint with a consistency proof from the checkpoint it cosigned last,
 * checks the log's signature and the proof, remembers the new checkpoint and returns its cosignature
 * (C2SP tlog-cosignature, cosignature/v1). It refuses anything that is not consistent with what it cosigned
 * before: a log that rewrote its history cannot get its new checkpoint cosigned.
 *
 * Pure: no framework, no network; the caller gives it a key, the logs it witnesses and a store for its
 * one piece of state per log (the size and root it cosigned last), which must be written before the
 * cosignature is handed out. Imports are relative so the compiled CLI runs with plain `node`.
 */
import { verifyCheckpointConsistency } from '../bundle/evidence-bundle';
import { decodeBase64Strict, encodeBase64 } from '../note/base64';
import { Checkpoint, parseCheckpoint } from '../note/checkpoint';
import { Cosigner } from '../note/cosignature';
import { NoteVerifier } from '../note/keys';
import { NoteError, openNote, parseNote } from '../note/note';
import { parseAddCheckpointRequest, WitnessProtocolError } from '../note/witness-protocol';

/** What a witness remembers of one log. */
export interface WitnessState {
  size: number;
  /** base64 root hash. */
  rootHash: string;
  /** When it cosigned it (POSIX seconds). */
  time: number;
}

/** Where a witness keeps its state; `save` must be durable when it returns. */
export interface WitnessStore {
  load(origin: string): WitnessState | null;
  save(origin: string, state: WitnessState): void;
}

/** A log the witness watches: its origin and the keys its checkpoints must be signed with. */
export interface WitnessedLog {
  origin: string;
  verifiers: NoteVerifier[];
}

/** The answer to an add-checkpoint request, in HTTP terms. */
export interface WitnessResponse {
  status: number;
  contentType: string;
  body: string;
  /** For a refusal: why, in one line. */
  reason?: string;
  /** The checkpoint asked about, if it could be read. */
  checkpoint?: Checkpoint;
}

const text = (status: number, reason: string, checkpoint?: Checkpoint): WitnessResponse => ({
  status,
  contentType: 'text/plain; charset=utf-8',
  body: `${reason}\n`,
  reason,
  ...(checkpoint ? { checkpoint } : {}),
});

export class WitnessCore {
  constructor(
    private readonly cosigner: Cosigner,
    private readonly logs: readonly WitnessedLog[],
    private readonly store: WitnessStore,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  get name(): string {
    return this.cosigner.name;
  }

  /**
   * Handles one add-checkpoint request body. Synchronous from the check of the old size to the state
   * written, so two requests can never interleave there (the race tlog-witness warns about).
   */
  addCheckpoint(body: string): WitnessResponse {
    let request;
    let checkpoint: Checkpoint;
    let noteText: string;
    try {
      request = parseAddCheckpointRequest(body);
      noteText = parseNote(request.note).text;
      checkpoint = parseCheckpoint(noteText);
    } catch (e) {
      return text(400, `malformed request: ${(e as Error).message}`);
    }
    const log = this.logs.find((l) => l.origin === checkpoint.origin);
    if (!log) return text(404, `unknown log ${checkpoint.origin}`, checkpoint);
    try {
      openNote(request.note, log.verifiers);
    } catch (e) {
      const why = e instanceof NoteError ? e.message : String(e);
      return text(403, `the checkpoint is not signed by the log's key: ${why}`, checkpoint);
    }
    if (request.oldSize > checkpoint.size) {
      return text(
        400,
        `old size ${request.oldSize} is larger than the checkpoint size ${checkpoint.size}`,
        checkpoint,
      );
    }
    const state = this.store.load(log.origin);
    const known = state?.size ?? 0;
    if (request.oldSize !== known) {
      return {
        status: 409,
        contentType: 'text/x.tlog.size',
        body: `${known}\n`,
        reason: `old size ${request.oldSize} is not the size this witness cosigned last (${known})`,
        checkpoint,
      };
    }
    if (known === 0) {
      if (request.proof.length > 0) return text(422, 'a proof from size 0 must be empty', checkpoint);
    } else {
      const rootHash = decodeBase64Strict(state!.rootHash);
      if (rootHash === null) return text(500, 'the witness state is damaged');
      const older: Checkpoint = { origin: log.origin, size: known, rootHash, extensions: [] };
      if (known === checkpoint.size && !rootHash.equals(checkpoint.rootHash)) {
        return text(
          409,
          `the log forked: size ${known} was cosigned with root ${state!.rootHash}, now it has root ${encodeBase64(checkpoint.rootHash)}`,
          checkpoint,
        );
      }
      const r = verifyCheckpointConsistency(older, checkpoint, request.proof);
      if (!r.ok) {
        return text(
          422,
          `not consistent with the checkpoint cosigned before (size ${known}, root ${state!.rootHash}): ${r.reason}`,
          checkpoint,
        );
      }
    }
    const time = this.now();
    this.store.save(log.origin, { size: checkpoint.size, rootHash: encodeBase64(checkpoint.rootHash), time });
    return {
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: this.cosigner.cosign(noteText, time),
      checkpoint,
    };
  }
}

export { WitnessProtocolError };
