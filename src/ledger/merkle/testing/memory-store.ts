/**
 * An in-memory node store with the same contract as the database one: it keeps every complete node, reads
 * many nodes per call and appends through {@link appendLeaves}. Used by tests (here and in other modules)
 * and handy for building example evidence bundles; not used by the server.
 */
import { appendLeaves, NodeId, nodeKey, NodeReader, StoredNode } from '../tree';

export class MemoryNodeStore {
  private readonly nodes = new Map<string, Buffer>();
  private leafCount = 0;
  /** Every id list passed to {@link read}, in call order (to assert O(log n) reads in tests). */
  readonly readLog: NodeId[][] = [];

  /** Number of leaves appended so far. */
  get size(): number {
    return this.leafCount;
  }

  /** The {@link NodeReader} over this store. Missing nodes are simply absent from the returned map. */
  readonly read: NodeReader = (ids) => {
    this.readLog.push(ids.map((id) => ({ ...id })));
    const out = new Map<string, Buffer>();
    for (const id of ids) {
      const h = this.nodes.get(nodeKey(id));
      if (h !== undefined) out.set(nodeKey(id), h);
    }
    return Promise.resolve(out);
  };

  /** Appends leaf hashes and stores the nodes that become complete; returns those nodes. */
  async append(leafHashes: readonly Uint8Array[]): Promise<StoredNode[]> {
    const created = await appendLeaves(this.leafCount, leafHashes, this.read);
    for (const node of created) {
      const key = nodeKey(node);
      if (this.nodes.has(key)) throw new Error(`node ${key} already stored: nodes must never change`);
      this.nodes.set(key, node.hash);
    }
    this.leafCount += leafHashes.length;
    return created;
  }

  /** Number of stored nodes (every complete subtree, 2n − popcount(n) for n leaves). */
  get nodeCount(): number {
    return this.nodes.size;
  }
}
