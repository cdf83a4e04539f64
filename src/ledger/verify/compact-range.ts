import { nodeHash } from '../merkle/hash';
import { perfectSubtrees } from '../merkle/tree';

/**
 * Incremental RFC 6962 root over leaves pushed in order (a "compact range"): keeps the roots of the
 * perfect subtrees along the right edge of [0, size) and reports each node as it completes.
 */
export class CompactRange {
  private stack: Array<{ level: number; hash: Buffer }> = [];
  size = 0;

  /**
   * The range [0, size) from the hashes of its perfect subtrees, left to right (the nodes
   * `perfectSubtrees(0, size)` names, e.g. read from storage).
   */
  static fromPieces(size: number, hashes: readonly Buffer[]): CompactRange {
    const pieces = perfectSubtrees(0, size);
    if (pieces.length !== hashes.length)
      throw new RangeError(`expected ${pieces.length} hashes for size ${size}`);
    const range = new CompactRange();
    range.stack = pieces.map((p, i) => ({ level: p.level, hash: hashes[i] }));
    range.size = size;
    return range;
  }

  clone(): CompactRange {
    const copy = new CompactRange();
    copy.stack = this.stack.slice();
    copy.size = this.size;
    return copy;
  }

  /** Appends a leaf; `onNode` (optional) sees the leaf and every subtree it completes, children first. */
  push(leaf: Buffer, onNode?: (level: number, index: number, hash: Buffer) => void): void {
    let node = { level: 0, hash: leaf };
    let index = this.size;
    onNode?.(0, index, leaf);
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].level === node.level) {
      const left = this.stack.pop()!;
      node = { level: node.level + 1, hash: nodeHash(left.hash, node.hash) };
      index = Math.floor(index / 2);
      onNode?.(node.level, index, node.hash);
    }
    this.stack.push(node);
    this.size += 1;
  }

  /** MTH of the leaves pushed so far (the empty root is never asked for: size ≥ 1). */
  root(): Buffer {
    let hash = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = nodeHash(this.stack[i].hash, hash);
    return hash;
  }
}
