import { CompactRange } from './compact-range';
import { EntrySignatureCheck } from '../note/entry-signature';
import { checkEntry, checkSignatures, EntryCheckOptions, Report, VerifySignatures } from './entry-check';
import { CheckpointRow, ScanBatch, StoredNodes } from './ledger-scan';

/** Subtrees recomputed in a slice, in completion order (children before parents). */
interface ComputedNodes {
  levels: number[];
  indices: number[];
  hashes: Buffer[];
}

export interface RangeVerifierOptions extends Omit<EntryCheckOptions, 'deep'> {
  verifySignatures: VerifySignatures;
  /** Entries at or above this index get the deep checks (canonical form, signature). */
  deepFrom: number;
  report: Report;
  /** Called for each checkpoint met inside the range, with the root recomputed from the entries at its size (null once the tree is broken by a gap). */
  onCheckpoint?: (checkpoint: CheckpointRow, recomputedRoot: Buffer | null) => void;
}

/**
 * Checks a contiguous run of entries, slice by slice, starting from a tree state that is already
 * trusted (empty, or the right edge of a verified checkpoint). It keeps two compact ranges: one over the
 * leaf hashes recomputed from the stored bytes (the truth, whose roots are compared with the signed
 * checkpoints) and one over the stored leaf hashes (whose subtrees are compared with the stored
 * `ledger_node` hashes that proofs are built from), so that each kind of damage is reported once, where
 * it is. While no leaf differs the two are the same and only one is computed.
 */
export class RangeVerifier {
  private readonly stored: CompactRange;
  private content: CompactRange | null = null; // null: identical to `stored` so far
  private readonly badNodes = new Set<string>();
  private readonly shallow: EntryCheckOptions;
  private readonly deep: EntryCheckOptions;
  expected: number;
  broken = false;
  checkedEntries = 0;

  constructor(
    start: CompactRange,
    private readonly options: RangeVerifierOptions,
  ) {
    this.stored = start;
    this.expected = start.size;
    this.shallow = { ledgerId: options.ledgerId, deep: false };
    this.deep = { ...this.shallow, deep: true };
  }

  /** The root recomputed from the entries so far. */
  root(): Buffer {
    return (this.content ?? this.stored).root();
  }

  /** Whether the stored leaf hashes have agreed with the bytes so far. */
  get leavesAgree(): boolean {
    return this.content === null;
  }

  /**
   * Checks one slice. Its entry signatures (past `deepFrom`) are verified together once the slice is
   * read, on the thread pool; the returned promise settles when they are.
   */
  async consume(batch: ScanBatch): Promise<void> {
    const { report } = this.options;
    const signatures: EntrySignatureCheck[] = [];
    const computed: ComputedNodes = { levels: [], indices: [], hashes: [] };
    const onNode = (level: number, index: number, hash: Buffer): void => {
      computed.levels.push(level);
      computed.indices.push(index);
      computed.hashes.push(hash);
    };
    let nextCheckpoint = 0;
    const checkpoints = batch.checkpoints;
    for (const row of batch.rows) {
      const index = row.index;
      this.checkedEntries += 1;
      if (index !== this.expected) {
        report(
          this.expected,
          'GAP',
          `entries ${this.expected}…${index - 1} are missing (next stored entry is ${index})`,
        );
        this.broken = true;
      }
      this.expected = index + 1;
      const deep = index >= this.options.deepFrom;
      const leaf = checkEntry(index, row, deep ? this.deep : this.shallow, report, signatures);
      if (this.broken) continue;
      if (this.content === null && !leaf.equals(row.leafHash)) this.content = this.stored.clone();
      this.stored.push(row.leafHash, batch.nodes ? onNode : undefined);
      this.content?.push(leaf);
      while (
        nextCheckpoint < checkpoints.length &&
        Number(checkpoints[nextCheckpoint].tree_size) <= index + 1
      ) {
        const checkpoint = checkpoints[nextCheckpoint++];
        this.options.onCheckpoint?.(
          checkpoint,
          Number(checkpoint.tree_size) === index + 1 ? this.root() : null,
        );
      }
    }
    for (; nextCheckpoint < checkpoints.length; nextCheckpoint++)
      this.options.onCheckpoint?.(checkpoints[nextCheckpoint], null);
    if (batch.nodes && !this.broken) this.compareNodes(computed, batch.nodes);
    await checkSignatures(signatures, this.options.verifySignatures, report);
  }

  /**
   * Every stored subtree completed in the slice must equal the one recomputed from the stored leaf
   * hashes. A damaged node makes all its ancestors differ too; only the lowest damaged nodes are reported
   * (a node whose child is already known bad is explained by it).
   */
  private compareNodes(computed: ComputedNodes, stored: StoredNodes): void {
    const { report } = this.options;
    for (let i = 0; i < computed.hashes.length; i++) {
      const [level, index, hash] = [computed.levels[i], computed.indices[i], computed.hashes[i]];
      const storedHash = stored.get(level, index);
      if (storedHash && storedHash.equals(hash)) continue;
      const key = `${level}/${index}`;
      this.badNodes.add(key);
      if (
        level > 0 &&
        (this.badNodes.has(`${level - 1}/${2 * index}`) || this.badNodes.has(`${level - 1}/${2 * index + 1}`))
      ) {
        continue;
      }
      const firstLeaf = index * 2 ** level;
      if (!storedHash) {
        // The app writes every subtree in the transaction that appends its last leaf: a missing one means
        // that last leaf was not appended by the app.
        const lastLeaf = (index + 1) * 2 ** level - 1;
        report(
          lastLeaf,
          'NODE_MISSING',
          `stored subtree ${key} (leaves ${firstLeaf}…${lastLeaf}) is missing`,
        );
      } else {
        report(
          firstLeaf,
          'NODE_HASH',
          `stored subtree ${key} (leaves from ${firstLeaf}) does not match the entries`,
        );
      }
    }
  }
}
