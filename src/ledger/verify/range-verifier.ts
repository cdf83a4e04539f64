import { CompactRange } from './compact-range';
import { checkSignatures, Report, VerifySignatures } from './entry-check';
import { CheckpointRow, ScanBatch, StoredNodes } from './ledger-scan';

/** Subtrees recomputed in a slice, in completion order (children before parents). */
interface ComputedNodes {
  levels: number[];
  indices: number[];
  hashes: Buffer[];
}

export interface RangeVerifierOptions {
  verifySignatures: VerifySignatures;
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
  expected: number;
  broken = false;
  checkedEntries = 0;

  constructor(
    start: CompactRange,
    private readonly options: RangeVerifierOptions,
  ) {
    this.stored = start;
    this.expected = start.size;
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
   * Checks one slice: reports what its rows' own checks found (see {@link ScanBatch.checked}), in row
   * order, and folds the rows into the tree in order. The entry signatures past the checks' `deepFrom`
   * are verified together once the slice is folded, on the thread pool; the returned promise settles
   * when they are.
   */
  async consume(batch: ScanBatch): Promise<void> {
    const { report } = this.options;
    const checked = batch.checked;
    const computed: ComputedNodes = { levels: [], indices: [], hashes: [] };
    const onNode = (level: number, index: number, hash: Buffer): void => {
      computed.levels.push(level);
      computed.indices.push(index);
      computed.hashes.push(hash);
    };
    let nextCheckpoint = 0;
    const checkpoints = batch.checkpoints;
    let nextReport = 0;
    for (let row = 0; row < checked.indices.length; row++) {
      const index = checked.indices[row];
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
      for (; nextReport < checked.reports.length && checked.reports[nextReport].row === row; nextReport++) {
        const r = checked.reports[nextReport];
        report(r.index, r.kind, r.message);
      }
      if (this.broken) continue;
      const leaf = checked.leaves[row];
      const storedLeaf = checked.stored[row];
      if (this.content === null && !leaf.equals(storedLeaf)) this.content = this.stored.clone();
      this.stored.push(storedLeaf, batch.nodes ? onNode : undefined);
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
    await checkSignatures(checked.signatures, this.options.verifySignatures, report);
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
