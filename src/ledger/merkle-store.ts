import { EntityManager } from 'typeorm';
import { preparedQuery } from '@/database/prepared-query';
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

/** What {@link readProofInputs} returns: the committed size, one leaf hash and the wanted nodes. */
export interface ProofInputs {
  size: number;
  leaf: Buffer | null;
  /** The leaf's region (null for a district-wide entry), so that the caller's scope can be checked. */
  leafRegion: string | null;
  /** Keyed by nodeKey; a node the tree does not have (yet) is absent. */
  nodes: Map<string, Buffer>;
}

/**
 * The committed size of the ledger, the leaf hash of entry `leafIndex` and the wanted stored nodes, in
 * one statement (one snapshot, one round trip): what an inclusion proof needs. Nothing is asserted
 * here; the caller checks the size before it trusts the nodes.
 */
export async function readProofInputs(
  manager: EntityManager,
  ledgerId: string,
  leafIndex: number,
  ids: NodeId[],
): Promise<ProofInputs> {
  const rows = await preparedQuery<{
    size: string;
    leaf: Buffer | null;
    leaf_region: string | null;
    level: number;
    idx: string;
    hash: Buffer | null;
  }>(
    manager,
    'ledger.proof-inputs',
    `WITH s AS (
         SELECT coalesce((SELECT idx + 1 FROM ledger_entry WHERE ledger_id = $1 ORDER BY idx DESC LIMIT 1), 0) AS size,
                e.leaf_hash AS leaf, e.region_code AS leaf_region
           FROM (SELECT 1) one
           LEFT JOIN ledger_entry e ON e.ledger_id = $1 AND e.idx = $4)
       SELECT s.size, s.leaf, s.leaf_region, want.level, want.idx, n.hash
         FROM s CROSS JOIN unnest($2::smallint[], $3::bigint[]) AS want(level, idx)
         LEFT JOIN LATERAL (
           SELECT hash FROM ledger_node WHERE ledger_id = $1 AND level = want.level AND idx = want.idx LIMIT 1
         ) n ON true`,
    [ledgerId, ids.map((i) => i.level), ids.map((i) => String(i.index)), String(leafIndex)],
  );
  const nodes = new Map<string, Buffer>();
  for (const row of rows) {
    if (row.hash) nodes.set(nodeKey({ level: Number(row.level), index: Number(row.idx) }), row.hash);
  }
  return {
    size: rows.length ? Number(rows[0].size) : 0,
    leaf: rows[0]?.leaf ?? null,
    leafRegion: rows[0]?.leaf_region ?? null,
    nodes,
  };
}
