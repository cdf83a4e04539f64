import { CheckpointLinkInput, verifyCheckpointLink } from '../note/checkpoint-link';
import { NoteVerifier } from '../note/keys';
import { Report } from './entry-check';
import { CheckpointRow } from './ledger-scan';

/** The link input of a stored checkpoint row, given the row before it (by size). */
export function linkOf(
  origin: string,
  row: CheckpointRow,
  previous: CheckpointRow | null,
): CheckpointLinkInput {
  return {
    origin,
    seq: Number(row.seq),
    size: Number(row.tree_size),
    rootHash: row.root_hash,
    previous: previous ? { size: Number(previous.tree_size), rootHash: previous.root_hash } : null,
  };
}

/**
 * Walks the checkpoints in size order and checks their chain: numbered checkpoints come after every
 * unnumbered (pre-chaining) one, their numbers run 0, 1, 2 … without a gap (CHECKPOINT_MISSING: a row was
 * deleted), and each link, a signature of the ledger key, names the checkpoint stored before it
 * (CHECKPOINT_LINK).
 */
export class ChainCheck {
  private previous: CheckpointRow | null = null;
  private lastSeq: number | null = null;

  constructor(
    private readonly origin: string,
    private readonly keys: { verifiers: readonly NoteVerifier[] },
    private readonly report: Report,
  ) {}

  next(row: CheckpointRow): void {
    const size = Number(row.tree_size);
    if (row.seq === null || row.link === null) {
      if (this.lastSeq !== null) {
        this.report(
          null,
          'CHECKPOINT_UNLINKED',
          `checkpoint at size ${size} has no link although earlier ones do`,
        );
      }
    } else {
      const seq = Number(row.seq);
      const expected = this.lastSeq === null ? 0 : this.lastSeq + 1;
      if (seq > expected) {
        this.report(
          null,
          'CHECKPOINT_MISSING',
          `checkpoint number${seq - expected > 1 ? 's' : ''} ${expected}${seq - expected > 1 ? `…${seq - 1}` : ''} before the checkpoint at size ${size} ${seq - expected > 1 ? 'are' : 'is'} missing`,
        );
      } else if (seq < expected) {
        this.report(
          null,
          'CHECKPOINT_ORDER',
          `checkpoint at size ${size} is number ${seq}, expected ${expected}`,
        );
      } else if (
        !verifyCheckpointLink(this.keys.verifiers, linkOf(this.origin, row, this.previous), row.link)
      ) {
        this.report(
          null,
          'CHECKPOINT_LINK',
          `checkpoint at size ${size}: its link to the previous checkpoint does not verify`,
        );
      }
      this.lastSeq = seq;
    }
    this.previous = row;
  }
}
