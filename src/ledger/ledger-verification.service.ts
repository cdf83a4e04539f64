import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestContext } from '@/common/context';
import { APP_CONFIG, AppConfig } from '@/config';
import { TransactionalConnection } from '@/database';
import { canonicalJson } from './canonical';
import { EntryDocument } from './ledger-entry.format';
import { LedgerCheckpoint } from './ledger.entity';
import { LedgerKeyService } from './ledger-key.service';
import { Json, LedgerSubject } from './ledger-subject';
import { LedgerSubjectRegistry } from './ledger-subject.registry';
import {
  LedgerProblemType,
  LedgerVerificationType,
  ReconcileDifferenceType,
  ReconciliationType,
} from './ledger.types';
import { nodeReader } from './merkle-store';
import { checkConsistency, consistencyProof, nodeKey, perfectSubtrees } from './merkle/tree';
import { verifyCheckpointLink } from './note/checkpoint-link';
import { openNote } from './note/note';
import { parseCheckpoint } from './note/checkpoint';
import { prepared } from '@/database/prepared';
import { ChainCheck, linkOf } from './verify/chain-check';
import { CompactRange } from './verify/compact-range';
import { checkSignatures, Report, VerifySignatures } from './verify/entry-check';
import { CHECKPOINT_COLUMNS, CheckpointRow, openSnapshotSibling, scanLedger } from './verify/ledger-scan';
import { RangeVerifier } from './verify/range-verifier';
import { CheckedRows, checkSlice, SliceCheckOptions } from './verify/slice-check';

/** Entries per slice read and checked. */
const BATCH = 5000;
/** How often a long verification logs its progress. */
const PROGRESS_EVERY_MS = 5000;
/** Rows, and ledger entity ids, reconcile reads at a time. */
const RECONCILE_PAGE = 1000;

export interface VerificationProgress {
  checkedEntries: number;
  treeSize: number;
}

/** What {@link LedgerVerificationService.verifyIncrement} found, and the root to sign if nothing. */
export interface IncrementCheck {
  problems: LedgerProblemType[];
  root: Buffer | null;
}

type ProblemSink = LedgerProblemType[] & { report: Report };

function problemSink(): ProblemSink {
  const problems = [] as unknown as ProblemSink;
  problems.report = (index, kind, message) => {
    if (problems.length < 1000) problems.push({ index, kind, message });
  };
  return problems;
}

function firstProblemIndex(problems: readonly LedgerProblemType[], from = 0, to = Infinity): number | null {
  let first: number | null = null;
  for (const p of problems) {
    if (p.index !== null && p.index >= from && p.index < to && (first === null || p.index < first))
      first = p.index;
  }
  return first;
}

/**
 * `verifyLedger` recomputes everything from the stored bytes, trusting nothing the database says about
 * itself; `verifyIncrement` checks what was appended since the latest checkpoint before a new one is
 * signed; `reconcile` compares the latest state the ledger holds for every entity with the business rows.
 */
@Injectable()
export class LedgerVerificationService {
  private readonly logger = new Logger('LedgerVerificationService');
  /** Rows, and ledger entity ids, reconcile reads at a time. */
  reconcilePage = RECONCILE_PAGE;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connection: TransactionalConnection,
    private readonly keys: LedgerKeyService,
    private readonly subjects: LedgerSubjectRegistry,
  ) {}

  private get ledgerId(): string {
    return this.config.ledger.districtCode;
  }

  private readonly verifySignatures: VerifySignatures = (checks) => this.keys.verifyEntries(checks);

  verify(ctx: RequestContext): Promise<LedgerVerificationType> {
    return this.connection.withSnapshot(ctx, (manager) => this.verifyIn(manager));
  }

  /**
   * The whole ledger, streamed in index order in constant memory (one slice at a time). Every entry: no
   * gap, leaf hash recomputed from the bytes, an entry of this ledger at this index, query columns equal
   * to the entry. Every stored subtree: equal to the one recomputed from the stored leaf hashes. Every
   * checkpoint: its signature, its columns, its root equal to the root recomputed from the entries at its
   * size, not larger than the ledger, numbered and linked without gaps. Entries past the last checked
   * (linked) checkpoint also get their canonical form and their signature checked; below it, that one
   * checkpoint signature covers them, and if its root does not match, the entries in question are
   * re-read with those checks too, to say which ones are bad.
   */
  async verifyIn(
    manager: EntityManager,
    onProgress?: (progress: VerificationProgress) => void,
  ): Promise<LedgerVerificationType> {
    const problems = problemSink();
    const report = problems.report;
    const treeSize = await this.storedSize(manager);
    const horizon = await this.checkedHorizon(manager, treeSize);
    const chain = new ChainCheck(this.config.ledger.origin, this.keys, report);
    let checkedCheckpoints = 0;
    let lastMatched = 0;
    const mismatches: Array<{ from: number; size: number }> = [];
    const onCheckpoint = (row: CheckpointRow, root: Buffer | null): void => {
      checkedCheckpoints += 1;
      const size = Number(row.tree_size);
      this.checkCheckpointNote(size, row, report);
      chain.next(row);
      if (root === null) return;
      if (root.equals(row.root_hash)) lastMatched = size;
      else mismatches.push({ from: lastMatched, size });
    };
    const verifier = new RangeVerifier(new CompactRange(), {
      verifySignatures: this.verifySignatures,
      report,
      onCheckpoint,
    });
    let lastLog = Date.now();
    // A second connection in the same snapshot reads the next slice while this one is checked.
    const sibling = treeSize > BATCH ? await openSnapshotSibling(manager) : null;
    try {
      for await (const batch of scanLedger(
        sibling ? [manager, sibling.manager] : [manager],
        this.ledgerId,
        0,
        treeSize,
        { batchSize: BATCH, nodes: true, checkpoints: true, check: this.checker(horizon) },
      )) {
        await verifier.consume(batch);
        const progress = { checkedEntries: verifier.checkedEntries, treeSize };
        onProgress?.(progress);
        if (Date.now() - lastLog >= PROGRESS_EVERY_MS) {
          lastLog = Date.now();
          this.logger.log(`verifyLedger: ${progress.checkedEntries} of ${treeSize} entries checked`);
        }
      }
    } finally {
      await sibling?.close();
    }

    // Checkpoints beyond the ledger: its tail was cut off.
    const beyond = await prepared<CheckpointRow & Record<string, unknown>>(
      manager,
      'ledger-verify-beyond-v1',
      `SELECT ${CHECKPOINT_COLUMNS} FROM ledger_checkpoint WHERE ledger_id = $1 AND tree_size > $2 ORDER BY tree_size`,
      [this.ledgerId, String(treeSize)],
    );
    for (const row of beyond) {
      checkedCheckpoints += 1;
      const size = Number(row.tree_size);
      this.checkCheckpointNote(size, row, report);
      chain.next(row);
      report(
        treeSize,
        'TRUNCATED',
        `checkpoint at size ${size} but the ledger holds only ${treeSize} entries`,
      );
    }

    // A checkpoint root that does not match: re-read the entries it covers with every check, to find them.
    let rescannedTo = 0;
    for (const m of mismatches) {
      const from = Math.max(m.from, rescannedTo);
      const to = Math.min(m.size, horizon);
      if (from < to) await this.rescan(manager, from, to, report);
      rescannedTo = Math.max(rescannedTo, m.size);
      report(
        firstProblemIndex(problems, m.from, m.size) ?? m.size - 1,
        'CHECKPOINT_ROOT',
        `checkpoint at size ${m.size}: its root does not match the root recomputed from the entries`,
      );
    }

    return {
      ok: problems.length === 0,
      treeSize: verifier.expected,
      checkedEntries: verifier.checkedEntries,
      checkedCheckpoints,
      firstBadIndex: firstProblemIndex(problems),
      problems: [...problems].sort((a, b) => (a.index ?? Infinity) - (b.index ?? Infinity)),
    };
  }

  /**
   * Before a checkpoint of `size` entries is signed: the latest checkpoint is genuine (signature, columns,
   * link, no checkpoint row missing), the stored subtrees on its right edge fold to its root, and every
   * entry appended since is checked in full (leaf hash from the bytes, canonical form, position, columns,
   * signature), with the subtrees it completes and a consistency proof from the latest checkpoint built
   * from the stored subtrees. Returns the root to sign when nothing is wrong.
   */
  async verifyIncrement(
    manager: EntityManager,
    latest: LedgerCheckpoint | null,
    size: number,
  ): Promise<IncrementCheck> {
    const problems = problemSink();
    const report = problems.report;
    const from = latest?.treeSize ?? 0;
    let start = new CompactRange();
    if (latest) {
      const row: CheckpointRow = {
        tree_size: String(latest.treeSize),
        root_hash: latest.rootHash,
        note: latest.note,
        seq: latest.seq === null ? null : String(latest.seq),
        link: latest.link,
      };
      this.checkCheckpointNote(latest.treeSize, row, report);
      await this.checkLatestLink(manager, latest, report);
      try {
        const pieces = perfectSubtrees(0, from);
        const nodes = await nodeReader(manager, this.ledgerId)(pieces);
        start = CompactRange.fromPieces(
          from,
          pieces.map((p) => nodes.get(nodeKey(p))!),
        );
        if (!start.root().equals(latest.rootHash)) {
          report(
            null,
            'NODE_HASH',
            `the stored subtrees of the first ${from} entries do not fold to the root of the checkpoint at size ${from}`,
          );
        }
      } catch (error) {
        report(from - 1, 'NODE_MISSING', (error as Error).message);
      }
      if (problems.length > 0) return { problems, root: null };
    }
    const verifier = new RangeVerifier(start, { verifySignatures: this.verifySignatures, report });
    for await (const batch of scanLedger([manager], this.ledgerId, from, size, {
      batchSize: BATCH,
      nodes: true,
      checkpoints: false,
      check: this.checker(0),
    })) {
      await verifier.consume(batch);
    }
    if (verifier.expected !== size)
      report(verifier.expected, 'GAP', `entries ${verifier.expected}…${size - 1} are missing`);
    if (problems.length > 0 || !verifier.leavesAgree) return { problems, root: null };
    const root = verifier.root();
    if (latest && latest.treeSize < size) {
      try {
        const proof = await consistencyProof(from, size, nodeReader(manager, this.ledgerId));
        const result = checkConsistency(from, size, proof, latest.rootHash, root);
        if (!result.ok) report(from, 'CONSISTENCY', `checkpoint ${from} → ${size}: ${result.reason}`);
      } catch (error) {
        report(
          from,
          'CONSISTENCY',
          `checkpoint ${from} → ${size}: cannot build a proof (${(error as Error).message})`,
        );
      }
    }
    return { problems, root: problems.length > 0 ? null : root };
  }

  private async storedSize(manager: EntityManager): Promise<number> {
    const [row] = await prepared<{ size: string }>(
      manager,
      'ledger-verify-size-v1',
      `SELECT coalesce((SELECT idx + 1 FROM ledger_entry WHERE ledger_id = $1 ORDER BY idx DESC LIMIT 1), 0) AS size`,
      [this.ledgerId],
    );
    return Number(row.size);
  }

  /**
   * The size of the largest checkpoint that was checked before it was signed (linked, with a valid link
   * and note), within the ledger: entries below it are vouched for by that checkpoint's signature.
   */
  private async checkedHorizon(manager: EntityManager, treeSize: number): Promise<number> {
    const rows = await prepared<CheckpointRow & Record<string, unknown>>(
      manager,
      'ledger-verify-horizon-v1',
      `SELECT ${CHECKPOINT_COLUMNS} FROM ledger_checkpoint
        WHERE ledger_id = $1 AND tree_size <= $2 ORDER BY tree_size DESC LIMIT 6`,
      [this.ledgerId, String(treeSize)],
    );
    for (let i = 0; i + 1 <= rows.length; i++) {
      const row = rows[i];
      if (row.seq === null || row.link === null) continue;
      const size = Number(row.tree_size);
      const ok = problemSink();
      this.checkCheckpointNote(size, row, ok.report);
      if (ok.length > 0) continue;
      const previous = rows[i + 1];
      if (Number(row.seq) > 0 && previous === undefined) continue; // its predecessor is beyond the few read
      if (
        verifyCheckpointLink(
          this.keys.verifiers,
          linkOf(this.config.ledger.origin, row, previous ?? null),
          row.link,
        )
      ) {
        return size;
      }
    }
    return 0;
  }

  private async rescan(manager: EntityManager, from: number, to: number, report: Report): Promise<void> {
    // Only what the first pass did not check: canonical form and signatures.
    const only: Report = (index, kind, message) => {
      if (kind === 'SIGNATURE' || kind === 'CANONICAL') report(index, kind, message);
    };
    for await (const batch of scanLedger([manager], this.ledgerId, from, to, {
      batchSize: BATCH,
      nodes: false,
      checkpoints: false,
      check: this.checker(0),
    })) {
      for (const r of batch.checked.reports) only(r.index, r.kind, r.message);
      await checkSignatures(batch.checked.signatures, this.verifySignatures, only);
    }
  }

  /** The check of a slice's rows, for {@link scanLedger}. */
  private checker(deepFrom: number): (entries: readonly Buffer[]) => CheckedRows {
    const options: SliceCheckOptions = { ledgerId: this.ledgerId, deepFrom };
    return (entries) => checkSlice(entries, options);
  }

  /** The latest checkpoint's place in the chain: its link verifies and no checkpoint row is missing. */
  private async checkLatestLink(
    manager: EntityManager,
    latest: LedgerCheckpoint,
    report: Report,
  ): Promise<void> {
    const [counts] = await prepared<{ linked: string; unlinked_after: string }>(
      manager,
      'ledger-chain-counts-v1',
      `SELECT count(*) FILTER (WHERE seq IS NOT NULL) AS linked,
              count(*) FILTER (WHERE seq IS NULL AND tree_size > coalesce(
                (SELECT min(tree_size) FROM ledger_checkpoint WHERE ledger_id = $1 AND seq IS NOT NULL), 'Infinity'::numeric)) AS unlinked_after
         FROM ledger_checkpoint WHERE ledger_id = $1`,
      [this.ledgerId],
    );
    if (Number(counts.unlinked_after) > 0 || (latest.seq === null && Number(counts.linked) > 0)) {
      report(
        null,
        'CHECKPOINT_UNLINKED',
        'a checkpoint after the first linked one has no link (its link was removed)',
      );
      return;
    }
    if (latest.seq === null || latest.link === null) return; // signed before chaining began
    if (Number(counts.linked) !== latest.seq + 1) {
      report(
        null,
        'CHECKPOINT_MISSING',
        `the latest checkpoint is number ${latest.seq} but ${counts.linked} numbered checkpoints are stored: ${latest.seq + 1 - Number(counts.linked)} missing`,
      );
      return;
    }
    const [previous] = await prepared<CheckpointRow & Record<string, unknown>>(
      manager,
      'ledger-chain-previous-v1',
      `SELECT ${CHECKPOINT_COLUMNS} FROM ledger_checkpoint WHERE ledger_id = $1 AND tree_size < $2 ORDER BY tree_size DESC LIMIT 1`,
      [this.ledgerId, String(latest.treeSize)],
    );
    const row: CheckpointRow = {
      tree_size: String(latest.treeSize),
      root_hash: latest.rootHash,
      note: latest.note,
      seq: String(latest.seq),
      link: latest.link,
    };
    if (
      !verifyCheckpointLink(
        this.keys.verifiers,
        linkOf(this.config.ledger.origin, row, previous ?? null),
        latest.link,
      )
    ) {
      report(
        null,
        'CHECKPOINT_LINK',
        `checkpoint at size ${latest.treeSize}: its link to the previous checkpoint does not verify`,
      );
    }
  }

  private checkCheckpointNote(size: number, checkpoint: CheckpointRow, report: Report): void {
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

  reconcile(ctx: RequestContext): Promise<ReconciliationType> {
    return this.connection.withSnapshot(ctx, (manager) => this.reconcileIn(manager));
  }

  /**
   * Every entity of every subject, in constant memory: (1) its rows a page at a time (`loadPage`), each
   * compared with the latest entry of its entity, read for that page (INSERTED: no entry, or the latest
   * says deleted; EDITED: the states differ); (2) the entities the ledger holds, a page of ids at a time,
   * whose row is gone while their latest entry has a state (DELETED).
   */
  async reconcileIn(manager: EntityManager): Promise<ReconciliationType> {
    const differences: ReconcileDifferenceType[] = [];
    let checkedEntities = 0;
    for (const subject of this.subjects.all()) {
      const entityType = subject.entityType;
      let withEntries = 0; // rows whose entity has an entry
      let afterId: string | null = null;
      for (;;) {
        const page = await subject.loadPage(manager, afterId, this.reconcilePage);
        if (page.length === 0) break;
        const latest = await this.latestStates(
          manager,
          entityType,
          page.map(([id]) => id),
        );
        for (const [id, rowState] of page) {
          checkedEntities += 1;
          const known = latest.get(id);
          if (known) withEntries += 1;
          if (!known || known.state === null) {
            differences.push({
              entityType,
              entityId: id,
              kind: 'INSERTED',
              fields: [],
              lastIndex: known?.index ?? null,
              ledgerState: null,
              rowState,
            });
          } else if (canonicalJson(known.state) !== canonicalJson(rowState)) {
            differences.push({
              entityType,
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
      // Every entity the ledger names has its row: none can be gone (the usual case, one count).
      const [{ n: named }] = await prepared<{ n: string }>(
        manager,
        'ledger-reconcile-count-v1',
        `SELECT count(*) AS n FROM (SELECT DISTINCT entity_id FROM ledger_entry WHERE ledger_id = $1 AND entity_type = $2) d`,
        [this.ledgerId, entityType],
      );
      if (Number(named) > withEntries)
        checkedEntities += await this.reconcileGone(manager, subject, differences);
    }
    return { ok: differences.length === 0, checkedEntities, differences };
  }

  /**
   * The entities of `subject` the ledger names whose row is gone while their latest entry has a state
   * (DELETED), a page of ids at a time; returns how many were found.
   */
  private async reconcileGone(
    manager: EntityManager,
    subject: LedgerSubject,
    differences: ReconcileDifferenceType[],
  ): Promise<number> {
    const entityType = subject.entityType;
    let found = 0;
    let afterEntity: string | null = null;
    for (;;) {
      const ids: string[] = (
        await prepared<{ entity_id: string }>(
          manager,
          afterEntity === null ? 'ledger-reconcile-ids-first-v1' : 'ledger-reconcile-ids-next-v1',
          `SELECT DISTINCT entity_id FROM ledger_entry
            WHERE ledger_id = $1 AND entity_type = $2 ${afterEntity === null ? '' : 'AND entity_id > $4'}
            ORDER BY entity_id LIMIT $3`,
          afterEntity === null
            ? [this.ledgerId, entityType, this.reconcilePage]
            : [this.ledgerId, entityType, this.reconcilePage, afterEntity],
        )
      ).map((r) => r.entity_id);
      if (ids.length === 0) return found;
      afterEntity = ids[ids.length - 1];
      const rows = await this.existing(manager, subject, ids);
      const gone = ids.filter((id) => !rows.has(id));
      if (gone.length === 0) continue;
      const latest = await this.latestStates(manager, entityType, gone);
      for (const id of gone) {
        const known = latest.get(id);
        if (!known || known.state === null) continue;
        found += 1;
        differences.push({
          entityType,
          entityId: id,
          kind: 'DELETED',
          fields: [],
          lastIndex: known.index,
          ledgerState: known.state,
          rowState: null,
        });
      }
    }
  }

  /** The latest entry's index and state (`after`) of each of `ids` that has one. */
  private async latestStates(
    manager: EntityManager,
    entityType: string,
    ids: readonly string[],
  ): Promise<Map<string, { index: number; state: Json }>> {
    const rows = await prepared<{ entity_id: string; idx: string; canonical: Buffer }>(
      manager,
      'ledger-reconcile-latest-v1',
      `SELECT w.entity_id, l.idx, l.canonical
         FROM unnest($3::varchar[]) AS w(entity_id)
         CROSS JOIN LATERAL (
           SELECT e.idx, e.canonical FROM ledger_entry e
            WHERE e.ledger_id = $1 AND e.entity_type = $2 AND e.entity_id = w.entity_id
            ORDER BY e.idx DESC LIMIT 1
         ) l`,
      [this.ledgerId, entityType, ids],
    );
    const out = new Map<string, { index: number; state: Json }>();
    for (const row of rows) {
      const doc = JSON.parse(row.canonical.toString('utf8')) as EntryDocument;
      out.set(row.entity_id, { index: Number(row.idx), state: doc.after });
    }
    return out;
  }

  /**
   * Which of `ids` (entity ids the ledger names) still have their row, by the subject's own `load`. An id
   * its table cannot even hold (a damaged `entity_id`: not a UUID where the key is one) makes that read
   * fail: the page is then read id by id, each under a savepoint, and such an id counts as gone.
   */
  private async existing(
    manager: EntityManager,
    subject: LedgerSubject,
    ids: string[],
  ): Promise<Set<string>> {
    const present = async (some: string[]): Promise<Set<string>> => {
      await manager.query('SAVEPOINT reconcile_page');
      try {
        const states = await subject.load(manager, some);
        await manager.query('RELEASE SAVEPOINT reconcile_page');
        return new Set(some.filter((id) => states.has(id)));
      } catch (error) {
        await manager.query('ROLLBACK TO SAVEPOINT reconcile_page');
        await manager.query('RELEASE SAVEPOINT reconcile_page');
        if (some.length === 1 && isUnreadableKey(error)) return new Set();
        throw error;
      }
    };
    try {
      return await present(ids);
    } catch (error) {
      if (!isUnreadableKey(error)) throw error;
    }
    const out = new Set<string>();
    for (const id of ids) for (const found of await present([id])) out.add(found);
    return out;
  }
}

/** PostgreSQL refused a key value as text of the column's type (22P02) or out of its range (22003). */
function isUnreadableKey(error: unknown): boolean {
  const code =
    (error as { driverError?: { code?: string }; code?: string }).driverError?.code ??
    (error as { code?: string }).code;
  return code === '22P02' || code === '22003';
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
