import { EntityManager } from 'typeorm';
import { NodeId, NodeReader, nodeKey } from './merkle/tree';

/** Reads stored subtree hashes of one ledger in a single query. */
export function nodeReader(manager: EntityManager, ledgerId: string): NodeReader {
  return async (ids: NodeId[]) => {
    const result = new Map<string, Buffer>();
    if (ids.length === 0) return result;
    const rows: Array<{ level: number; idx: string; hash: Buffer }> = await manager.query(
      // LATERAL: one primary-key lookup per wanted node, never a scan of the ledger's nodes.
      `SELECT want.level, want.idx, n.hash
         FROM unnest($2::smallint[], $3::bigint[]) AS want(level, idx)
         CROSS JOIN LATERAL (
           SELECT hash FROM ledger_node WHERE ledger_id = $1 AND level = want.level AND idx = want.idx LIMIT 1
         ) n`,
      [ledgerId, ids.map((i) => i.level), ids.map((i) => String(i.index))],
    );
    for (const row of rows)
      result.set(nodeKey({ level: Number(row.level), index: Number(row.idx) }), row.hash);
    for (const id of ids) {
      if (!result.has(nodeKey(id))) {
        throw new Error(`ledger ${ledgerId}: stored node ${nodeKey(id)} is missing`);
      }
    }
    return result;
  };
}
