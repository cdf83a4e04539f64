import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestContext } from '@/common/context';
import { APP_CONFIG, AppConfig } from '@/config';
import { TransactionalConnection } from '@/database';
import { canonicalJson } from './canonical';
import { EntryDocument } from './ledger-entry.format';
import { LedgerKeyService } from './ledger-key.service';
import { Json } from './ledger-subject';
import { LedgerSubjectRegistry } from './ledger-subject.registry';
import {
  LedgerProblemType,
  LedgerVerificationType,
  ReconcileDifferenceType,
  ReconciliationType,
} from './ledger.types';
import { nodeReader } from './merkle-store';
import { leafHash, nodeHash } from './merkle/hash';
import { checkConsistency, consistencyProof } from './merkle/tree';
import { openNote } from './note/note';
import { parseCheckpoint } from './note/checkpoint';

interface EntryRow {
  idx: string;
  leaf_hash: Buffer;
  canonical: Buffer;
  signature: Buffer;
  action: string;
  entity_type: string;
  entity_id: string;
  region_code: string | null;
  actor_id: string | null;
  request_id: string;
  recorded_at: Date;
}

interface CheckpointRow {
  tree_size: string;
  root_hash: Buffer;
  note: string;
}

const BATCH = 5000;

/**
 * Incremental RFC 6962 root over leaves pushed in order ("compact range"): keeps the roots of the
 * perfect subtrees along the right edge; reports each node as it completes.
 */
class CompactRange {
  private readonly stack: Array<{ level: number; hash: Buffer }> = [];
  size = 0;

  push(leaf: Buffer, onNode: (level: number, index: number, hash: Buffer) => void): void {
    let node = { level: 0, hash: leaf };
    let index = this.size;
    onNode(0, index, leaf);
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].level === node.level) {
      const left = this.stack.pop()!;
      node = { level: node.level + 1, hash: nodeHash(left.hash, node.hash) };
      index = Math.floor(index / 2);
      onNode(node.level, index, node.hash);
    }
    this.stack.push(node);
    this.size += 1;
  }

  root(): Buffer {
    let hash = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = nodeHash(this.stack[i].hash, hash);
    return hash;
  }
}

/**
 * `verifyLedger` recomputes everything from the stored bytes, trusting nothing the database says about
 * itself; `reconcile` compares the latest state the ledger holds for every entity with the business rows.
 */
@Injectable()
export class LedgerVerificationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connection: TransactionalConnection,
    private readonly keys: LedgerKeyService,
    private readonly subjects: LedgerSubjectRegistry,
  ) {}

  private get ledgerId(): string {
    return this.config.ledger.districtCode;
  }

  verify(ctx: RequestContext): Promise<LedgerVerificationType> {
    return this.connection.withSnapshot(ctx, (manager) => this.verifyIn(manager));
  }

  async verifyIn(manager: EntityManager): Promise<LedgerVerificationType> {
    const problems: LedgerProblemType[] = [];
    const report = (index: number | null, kind: string, message: string): void => {
      if (problems.length < 1000) problems.push({ index, kind, message });
    };
    const checkpoints: CheckpointRow[] = await manager.query(
      'SELECT tree_size, root_hash, note FROM ledger_checkpoint WHERE ledger_id = $1 ORDER BY tree_size',
      [this.ledgerId],
    );
    const checkpointAt = new Map(checkpoints.map((c) => [Number(c.tree_size), c]));

    // Two trees: one from the leaf hashes recomputed from the bytes (the truth, checked against the
    // signed checkpoints) and one from the stored leaf hashes (checked against the stored subtrees that
    // proofs are built from), so that each kind of damage is reported once, where it is.
    const content = new CompactRange();
    const stored = new CompactRange();
    const badNodes = new Set<string>();
    let expected = 0;
    let checkedEntries = 0;
    let treeBroken = false;
    let after = -1;
    for (;;) {
      const rows: EntryRow[] = await manager.query(
        `SELECT idx, leaf_hash, canonical, signature, action, entity_type, entity_id, region_code, actor_id,
                request_id, recorded_at
           FROM ledger_entry WHERE ledger_id = $1 AND idx > $2 ORDER BY idx LIMIT ${BATCH}`,
        [this.ledgerId, String(after)],
      );
      if (rows.length === 0) break;
      const computedNodes = new Map<string, Buffer>();
      for (const row of rows) {
        const index = Number(row.idx);
        after = index;
        checkedEntries += 1;
        if (index !== expected) {
          report(
            expected,
            'GAP',
            `entries ${expected}…${index - 1} are missing (next stored entry is ${index})`,
          );
          treeBroken = true;
          expected = index;
        }
        const leaf = leafHash(row.canonical);
        if (!leaf.equals(row.leaf_hash)) {
          report(index, 'LEAF_HASH', `entry ${index}: stored leaf hash does not match its canonical bytes`);
        }
        this.checkDocument(index, row, report);
        if (!this.keys.verifyEntry(index, leaf, row.signature)) {
          report(index, 'SIGNATURE', `entry ${index}: signature does not verify with the ledger key`);
        }
        if (!treeBroken) {
          content.push(leaf, () => undefined);
          stored.push(row.leaf_hash, (level, nodeIndex, hash) =>
            computedNodes.set(`${level}/${nodeIndex}`, hash),
          );
          const checkpoint = checkpointAt.get(content.size);
          if (checkpoint && !content.root().equals(checkpoint.root_hash)) {
            report(
              this.firstProblemIndex(problems) ?? index,
              'CHECKPOINT_ROOT',
              `checkpoint at size ${content.size}: its root does not match the root recomputed from the entries`,
            );
          }
        }
        expected = index + 1;
      }
      if (!treeBroken) await this.checkStoredNodes(manager, computedNodes, badNodes, report);
    }

    const treeSize = expected;
    for (const checkpoint of checkpoints) {
      const size = Number(checkpoint.tree_size);
      this.checkCheckpointNote(size, checkpoint, report);
      if (size > treeSize) {
        report(
          treeSize,
          'TRUNCATED',
          `checkpoint at size ${size} but the ledger holds only ${treeSize} entries`,
        );
      }
    }
    await this.checkCheckpointConsistency(manager, checkpoints, treeSize, report);

    const firstBadIndex = this.firstProblemIndex(problems);
    return {
      ok: problems.length === 0,
      treeSize,
      checkedEntries,
      checkedCheckpoints: checkpoints.length,
      firstBadIndex,
      problems: problems.sort((a, b) => (a.index ?? Infinity) - (b.index ?? Infinity)),
    };
  }

  private firstProblemIndex(problems: LedgerProblemType[]): number | null {
    let first: number | null = null;
    for (const p of problems) if (p.index !== null && (first === null || p.index < first)) first = p.index;
    return first;
  }

  /** The canonical bytes must be RFC 8785 JSON of an entry at this index, and the columns must agree. */
  private checkDocument(
    index: number,
    row: EntryRow,
    report: (index: number | null, kind: string, message: string) => void,
  ): void {
    const text = row.canonical.toString('utf8');
    let doc: EntryDocument;
    try {
      doc = JSON.parse(text) as EntryDocument;
    } catch {
      report(index, 'CANONICAL', `entry ${index}: canonical bytes are not JSON`);
      return;
    }
    if (canonicalJson(doc as unknown as Json) !== text) {
      report(index, 'CANONICAL', `entry ${index}: bytes are not in RFC 8785 canonical form`);
    }
    if (doc.index !== index || doc.ledger !== this.ledgerId) {
      report(
        index,
        'POSITION',
        `entry ${index}: its canonical JSON says index ${doc.index} of ledger ${doc.ledger}`,
      );
    }
    const columns: Array<[string, unknown, unknown]> = [
      ['action', row.action, doc.action],
      ['entity_type', row.entity_type, doc.entityType],
      ['entity_id', row.entity_id, doc.entityId],
      ['region_code', row.region_code, doc.regionCode],
      ['actor_id', row.actor_id, doc.actor?.userId ?? null],
      ['request_id', row.request_id, doc.requestId],
      ['recorded_at', new Date(row.recorded_at).toISOString(), doc.time],
    ];
    for (const [column, stored, inDocument] of columns) {
      if (stored !== inDocument) {
        report(
          index,
          'COLUMN',
          `entry ${index}: column ${column} (${String(stored)}) differs from the entry`,
        );
      }
    }
  }

  /**
   * Every stored subtree hash completed by this batch must equal the one recomputed from the stored
   * leaf hashes. A damaged node makes all its ancestors differ too; only the lowest damaged nodes are
   * reported (a node whose child is already known bad is explained by it).
   */
  private async checkStoredNodes(
    manager: EntityManager,
    computed: Map<string, Buffer>,
    badNodes: Set<string>,
    report: (index: number | null, kind: string, message: string) => void,
  ): Promise<void> {
    if (computed.size === 0) return;
    const levels: number[] = [];
    const indices: string[] = [];
    for (const key of computed.keys()) {
      const [level, index] = key.split('/');
      levels.push(Number(level));
      indices.push(index);
    }
    const stored: Array<{ level: number; idx: string; hash: Buffer }> = await manager.query(
      `SELECT want.level, want.idx, n.hash
         FROM unnest($2::smallint[], $3::bigint[]) AS want(level, idx)
         CROSS JOIN LATERAL (
           SELECT hash FROM ledger_node WHERE ledger_id = $1 AND level = want.level AND idx = want.idx LIMIT 1
         ) n`,
      [this.ledgerId, levels, indices],
    );
    const storedMap = new Map(stored.map((s) => [`${s.level}/${s.idx}`, s.hash]));
    // Children before parents: the map was filled in completion order, which is bottom-up.
    for (const [key, hash] of computed) {
      const [level, index] = key.split('/').map(Number);
      const storedHash = storedMap.get(key);
      if (storedHash && storedHash.equals(hash)) continue;
      badNodes.add(key);
      const explained =
        level > 0 &&
        (badNodes.has(`${level - 1}/${2 * index}`) || badNodes.has(`${level - 1}/${2 * index + 1}`));
      if (explained) continue;
      const firstLeaf = index * 2 ** level;
      if (!storedHash) {
        // The app writes every subtree in the transaction that appends its last leaf: a missing one
        // means that last leaf was not appended by the app.
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

  private checkCheckpointNote(
    size: number,
    checkpoint: CheckpointRow,
    report: (index: number | null, kind: string, message: string) => void,
  ): void {
    try {
      const opened = openNote(checkpoint.note, this.keys.verifiers);
      const parsed = parseCheckpoint(opened.text);
      if (parsed.origin !== this.config.ledger.origin) {
        report(
          null,
          'CHECKPOINT_ORIGIN',
          `checkpoint at size ${size}: origin ${parsed.origin} is not this ledger's`,
        );
      }
      if (parsed.size !== size || !Buffer.from(parsed.rootHash).equals(checkpoint.root_hash)) {
        report(
          null,
          'CHECKPOINT_COLUMNS',
          `checkpoint at size ${size}: stored size/root differ from its signed note`,
        );
      }
    } catch (error) {
      report(null, 'CHECKPOINT_SIGNATURE', `checkpoint at size ${size}: ${(error as Error).message}`);
    }
  }

  /** Each checkpoint must be consistent with the next (RFC 9162 proof from the stored subtrees). */
  private async checkCheckpointConsistency(
    manager: EntityManager,
    checkpoints: CheckpointRow[],
    treeSize: number,
    report: (index: number | null, kind: string, message: string) => void,
  ): Promise<void> {
    const usable = checkpoints.filter((c) => Number(c.tree_size) <= treeSize);
    for (let i = 0; i + 1 < usable.length; i++) {
      const [from, to] = [usable[i], usable[i + 1]];
      const [m, n] = [Number(from.tree_size), Number(to.tree_size)];
      let proof: Buffer[];
      try {
        proof = await consistencyProof(m, n, nodeReader(manager, this.ledgerId));
      } catch (error) {
        report(
          m,
          'CONSISTENCY',
          `checkpoints ${m} → ${n}: cannot build a proof (${(error as Error).message})`,
        );
        continue;
      }
      const result = checkConsistency(m, n, proof, from.root_hash, to.root_hash);
      if (!result.ok)
        report(m, 'CONSISTENCY', `checkpoints ${m} → ${n} are not consistent: ${result.reason}`);
    }
  }

  reconcile(ctx: RequestContext): Promise<ReconciliationType> {
    return this.connection.withSnapshot(ctx, (manager) => this.reconcileIn(manager));
  }

  async reconcileIn(manager: EntityManager): Promise<ReconciliationType> {
    const differences: ReconcileDifferenceType[] = [];
    let checkedEntities = 0;
    for (const subject of this.subjects.all()) {
      const latest: Array<{ entity_id: string; idx: string; canonical: Buffer }> = await manager.query(
        `SELECT DISTINCT ON (entity_id) entity_id, idx, canonical
           FROM ledger_entry WHERE ledger_id = $1 AND entity_type = $2
          ORDER BY entity_id, idx DESC`,
        [this.ledgerId, subject.entityType],
      );
      const ledgerStates = new Map<string, { index: number; state: Json }>();
      for (const row of latest) {
        const doc = JSON.parse(row.canonical.toString('utf8')) as EntryDocument;
        ledgerStates.set(row.entity_id, { index: Number(row.idx), state: doc.after });
      }
      let afterId: string | null = null;
      for (;;) {
        const page = await subject.loadPage(manager, afterId, 1000);
        if (page.length === 0) break;
        for (const [id, rowState] of page) {
          checkedEntities += 1;
          const known = ledgerStates.get(id);
          ledgerStates.delete(id);
          if (!known || known.state === null) {
            differences.push({
              entityType: subject.entityType,
              entityId: id,
              kind: 'INSERTED',
              fields: [],
              lastIndex: known?.index ?? null,
              ledgerState: null,
              rowState,
            });
          } else if (canonicalJson(known.state) !== canonicalJson(rowState)) {
            differences.push({
              entityType: subject.entityType,
              entityId: id,
              kind: 'EDITED',
              fields: changedFields(known.state, rowState),
              lastIndex: known.index,
              ledgerState: known.state,
              rowState,
            });
          }
        }
        afterId = page[page.length - 1][0];
      }
      for (const [id, known] of ledgerStates) {
        if (known.state === null) continue;
        checkedEntities += 1;
        differences.push({
          entityType: subject.entityType,
          entityId: id,
          kind: 'DELETED',
          fields: [],
          lastIndex: known.index,
          ledgerState: known.state,
          rowState: null,
        });
      }
    }
    return { ok: differences.length === 0, checkedEntities, differences };
  }
}

function changedFields(a: Json, b: Json, prefix = ''): string[] {
  if (
    a === null ||
    b === null ||
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    Array.isArray(a) ||
    Array.isArray(b)
  ) {
    return canonicalJson(a) === canonicalJson(b) ? [] : [prefix || '(value)'];
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: string[] = [];
  for (const key of [...keys].sort()) {
    const path = prefix ? `${prefix}.${key}` : key;
    const [x, y] = [a[key] ?? null, b[key] ?? null];
    if (canonicalJson(x) !== canonicalJson(y)) out.push(path);
  }
  return out;
}
