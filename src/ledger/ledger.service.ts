import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestContext } from '@/common/context';
import { APP_CONFIG, AppConfig } from '@/config';
import { LockSpace, TransactionalConnection, xactLockStatement } from '@/database';
import { canonicalJson } from './canonical';
import { LedgerActor, EntryDocument, ENTRY_FORMAT_VERSION } from './ledger-entry.format';
import { LedgerKeyService } from './ledger-key.service';
import { Json } from './ledger-subject';
import { LedgerSubjectRegistry } from './ledger-subject.registry';
import { HASH_SIZE, leafHash } from './merkle/hash';
import { computeAppend, nodeKey, rightEdgeAfter, StoredNode } from './merkle/tree';
import { prepared } from '@/database/prepared';

/**
 * What a service records about one change. The state after the change is read by the ledger itself,
 * unless the service hands it over (`after`).
 */
export interface LedgerRecord {
  action: string;
  entityType: string;
  entityId: string;
  /** The state before the change, for updates (from `stateOf` or the subject's own state function). */
  before?: Json;
  /**
   * The state after the change, given by a service that has just inserted the entity: built with the
   * subject's own state function from the rows its INSERTs returned, i.e. exactly what the subject's
   * `load` would read at the commit. Only for insert-only rows that nothing else changes in the
   * transaction; the ledger then does not read them again. Without it the ledger loads the state.
   */
  after?: Json;
  /**
   * The entity was created in this transaction (its id is new), so it has no earlier entry: the first
   * entry of its chain (version 1) is appended without looking for one.
   */
  created?: boolean;
  /** Anything else the change needs to be understood: a reason, an amount, a file hash … */
  details?: Json;
}

/**
 * Entries appended per statement: a transaction with more (an import) appends in several slices, one
 * after another under the same lock. 1,000 entries of an asset are about 1.8 MB of canonical JSON; while
 * the database inserts one slice the app builds the next.
 */
export const APPEND_SLICE = 1000;

const PENDING = Symbol('ledger.pending');

/** A record waiting for the commit, with the actor as it was when the change was made. */
interface PendingRecord extends LedgerRecord {
  actor: LedgerActor;
}
const APPENDED_SIZE = Symbol('ledger.appendedSize');
/** The actor of the transaction's latest record (shared by its records while the user is the same). */
const ACTOR = Symbol('ledger.actor');
// Actors and entry documents are written with their members in JCS order (see canonicalJson).
const SYSTEM_ACTOR: LedgerActor = Object.freeze({
  regionCode: null,
  role: 'SYSTEM',
  userId: null,
  username: null,
});

/** A record's latest entry: the next entry of the record names it and counts on from its version. */
interface PreviousEntry {
  version: number;
  leafHash: Buffer;
}

/** What building a slice's entries reads from the database. */
interface SliceReads {
  after: Map<string, Json>;
  previous: Map<string, PreviousEntry>;
}

/** An entry built, to be signed and inserted. */
interface EntryRow {
  index: number;
  leaf: Buffer;
  bytes: Buffer;
  record: PendingRecord;
  regionCode: string | null;
}

/**
 * The audit ledger's write side. Services call {@link record} inside their mutation; the entries are
 * appended by a before-commit hook of the transaction helper, i.e. last, just before COMMIT:
 *   1. the state after the change of every recorded entity is read (outside the lock), unless the
 *      service that inserted it gave it (`after`);
 *   2. a per-ledger transaction-scoped advisory lock serialises appends across processes;
 *   3. the next index comes from the table (so a rolled-back transaction leaves no gap), each entry is
 *      canonicalised (RFC 8785), hashed as an RFC 6962 leaf and signed with the ledger key;
 *   4. the entries and every Merkle subtree they complete are inserted;
 * and COMMIT releases the lock. If the transaction rolls back, nothing of it is left.
 */
@Injectable()
export class LedgerService implements OnModuleInit {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly subjects: LedgerSubjectRegistry,
    private readonly keys: LedgerKeyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.connection.onBeforeCommit(async (ctx, manager) => {
      await this.flush(ctx, manager);
    });
  }

  get ledgerId(): string {
    return this.config.ledger.districtCode;
  }

  /** Records a change of one entity in the current transaction. */
  record(ctx: RequestContext, record: LedgerRecord): void {
    this.connection.requireTransaction(ctx);
    let pending = ctx.transactionState.get(PENDING) as PendingRecord[] | undefined;
    if (!pending) {
      pending = [];
      ctx.transactionState.set(PENDING, pending);
    }
    // Built field by field (not spread): every pending record then shares one hidden class; spread copies of
    // 100,000 records of an import took one each, 20 MB of the import's heap.
    // (`satisfies` makes every field of LedgerRecord be named here: a field added to it cannot be dropped.)
    pending.push({
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      before: record.before,
      after: record.after,
      created: record.created,
      details: record.details,
      actor: this.actorOf(ctx),
    } satisfies Record<keyof PendingRecord, unknown>);
  }

  /** The current state of one entity as the ledger would record it (null if there is no row). */
  async stateOf(ctx: RequestContext, entityType: string, entityId: string): Promise<Json> {
    const states = await this.subjects.get(entityType).load(this.connection.getManager(ctx), [entityId]);
    return states.get(entityId) ?? null;
  }

  /**
   * Appends the pending entries of `ctx`'s transaction. Called by the transaction helper (and by an
   * import, to append before its job's last update). Entries go in slices of {@link APPEND_SLICE}: the
   * first slice takes the append lock, which the transaction then holds to its end, so the slices are
   * contiguous and nobody appends between them; each slice reads its records' states and previous
   * entries, inserts its entries and the subtrees they complete, and is then let go, so that a
   * 100,000-row import holds no more than two slices' states, documents and statement parameters (the
   * one being inserted and the one being built). Every entry of the transaction carries the time read
   * with the first slice's index. Returns the number appended.
   */
  async flush(ctx: RequestContext, manager: EntityManager): Promise<number> {
    const pending = ctx.transactionState.get(PENDING) as PendingRecord[] | undefined;
    if (!pending || pending.length === 0) return 0;
    ctx.transactionState.delete(PENDING);
    const slices: PendingRecord[][] = [];
    for (let i = 0; i < pending.length; i += APPEND_SLICE) slices.push(pending.slice(i, i + APPEND_SLICE));

    // The states of the first slice are read outside the lock; then, under it, one statement reads the
    // next index, the database clock and the right edge of the tree (the perfect subtrees of [0, size):
    // every old node an append can need). The lock is held to the end of the transaction: nobody appends
    // between the slices, so each slice's first index and right edge follow from the one before.
    const firstStates = await this.loadStates(manager, slices[0]);
    const head = await this.lockAndReadHead(manager);
    let start = head.next;
    let rightEdge = head.rightEdge;

    // While the database inserts one slice, the app builds the next one (its documents, hashes and
    // signatures). A connection runs one statement at a time: a slice's reads go out once the INSERT of
    // the slice two before it is done, before the INSERT of the slice just before it. They see every
    // entry appended but that slice's, whose entries the app has (`appended`): a record's previous entry
    // is the latest of the slice being built, of the slice before it, or of the table, in that order.
    // (The states are read from the records' own tables, which appending does not change.)
    let reads: SliceReads = {
      after: firstStates,
      previous: await this.previousEntries(manager, slices[0]),
    };
    let appended = new Map<string, PreviousEntry>();
    let inserting: Promise<void> | null = null;
    try {
      for (let k = 0; k < slices.length; k++) {
        const built = this.entryRows(ctx, slices[k], start, head.time, reads, appended);
        const rows = built.rows;
        appended = built.latest;
        // Signed on the thread pool while the next slice is read.
        const signing = this.keys.signEntries(rows);
        signing.catch(() => undefined);
        const nodes = computeAppend(
          start,
          rows.map((r) => r.leaf),
          rightEdge,
        );
        if (inserting) await inserting;
        if (k + 1 < slices.length) reads = await this.readSlice(manager, slices[k + 1]);
        const signatures = await signing;
        inserting = this.insertSlice(ctx, manager, head.time, rows, signatures, nodes);
        // Awaited once the next slice is built, at the end, or below if building it fails.
        inserting.catch(() => undefined);
        start += rows.length;
        rightEdge = rightEdgeAfter(rightEdge, nodes, start);
      }
      if (inserting) await inserting;
    } finally {
      // A failure leaves no statement of this flush running under the caller's rollback.
      if (inserting) await inserting.catch(() => undefined);
    }
    ctx.transactionState.set(APPENDED_SIZE, start);
    return pending.length;
  }

  /** The append lock, then the next index, the database clock and the right edge of the tree. */
  private async lockAndReadHead(
    manager: EntityManager,
  ): Promise<{ next: number; time: string; rightEdge: Map<string, Buffer> }> {
    const lock = xactLockStatement(LockSpace.LEDGER_APPEND, this.ledgerId);
    await prepared(manager, 'ledger-lock-v2', lock.text, lock.values);
    const head = await prepared<{
      next: string;
      now: Date;
      level: number | null;
      idx: string | null;
      hash: Buffer | null;
    }>(
      manager,
      'ledger-head-v1',
      `WITH head AS (
           SELECT coalesce((SELECT idx + 1 FROM ledger_entry WHERE ledger_id = $1 ORDER BY idx DESC LIMIT 1), 0) AS next,
                  clock_timestamp() AS now
         )
         SELECT head.next, head.now, edge.level, edge.idx, edge.hash
           FROM head
           LEFT JOIN LATERAL (
             SELECT l.level, n.idx, n.hash
               FROM generate_series(0, 62) AS l(level)
               CROSS JOIN LATERAL (
                 SELECT n.idx, n.hash FROM ledger_node n
                  WHERE n.ledger_id = $1 AND n.level = l.level AND n.idx = (head.next >> l.level) - 1
                  LIMIT 1 -- not flattened into a join: one index lookup per level
               ) n
              WHERE ((head.next >> l.level) & 1) = 1
           ) edge ON true`,
      [this.ledgerId],
    );
    const rightEdge = new Map<string, Buffer>();
    for (const row of head) {
      if (row.level !== null && row.idx !== null && row.hash !== null) {
        rightEdge.set(nodeKey({ level: Number(row.level), index: Number(row.idx) }), row.hash);
      }
    }
    return { next: Number(head[0].next), time: new Date(head[0].now).toISOString(), rightEdge };
  }

  /** What building a slice's entries needs from the database: its records' states and previous entries. */
  private async readSlice(manager: EntityManager, slice: PendingRecord[]): Promise<SliceReads> {
    const after = await this.loadStates(manager, slice);
    return { after, previous: await this.previousEntries(manager, slice) };
  }

  /**
   * A slice's entries: each record's document, canonical bytes and leaf hash, from index `start`; and
   * `latest`, the latest entry of each of its records. A record's previous entry is the latest one built
   * in this slice, else in the slice before it (`appendedBefore`: not yet in the table when this slice's
   * reads went out), else the one read from the table.
   */
  private entryRows(
    ctx: RequestContext,
    slice: PendingRecord[],
    start: number,
    time: string,
    { after, previous }: SliceReads,
    appendedBefore: Map<string, PreviousEntry>,
  ): { rows: EntryRow[]; latest: Map<string, PreviousEntry> } {
    const latest = new Map<string, PreviousEntry>();
    const rows = slice.map((record, i): EntryRow => {
      const index = start + i;
      const key = `${record.entityType}\u0000${record.entityId}`;
      const state = record.after ?? after.get(key) ?? null;
      const subject = this.subjects.get(record.entityType);
      const regionCode = state === null ? null : subject.regionOf(state);
      const before = latest.get(key) ?? appendedBefore.get(key) ?? previous.get(key);
      // Members in JCS order: `canonicalJson` then lets JSON.stringify write it.
      const document: EntryDocument = {
        action: record.action,
        actor: record.actor,
        after: state,
        before: record.before ?? null,
        details: record.details ?? null,
        entityId: record.entityId,
        entityType: record.entityType,
        entityVersion: (before?.version ?? 0) + 1,
        index,
        ledger: this.ledgerId,
        previousLeafHash: before ? before.leafHash.toString('base64') : null,
        regionCode,
        requestId: ctx.requestId,
        time,
        v: ENTRY_FORMAT_VERSION,
      };
      const canonical = canonicalJson(document as unknown as Json);
      const bytes = Buffer.from(canonical, 'utf8');
      const leaf = leafHash(bytes);
      latest.set(key, { version: document.entityVersion!, leafHash: leaf });
      return { index, leaf, bytes, record, regionCode };
    });
    return { rows, latest };
  }

  /**
   * One statement: a slice's entries and the subtrees they complete. The bytes (documents, signatures,
   * hashes) go as one binary parameter each, cut apart by offset in the statement: as arrays they were
   * sent as hex text, escaped, and parsed back by the database (3 KB of text for a 1.5 KB document).
   */
  private async insertSlice(
    ctx: RequestContext,
    manager: EntityManager,
    time: string,
    rows: EntryRow[],
    signatures: Buffer[],
    nodes: StoredNode[],
  ): Promise<void> {
    const documents = packed(rows.map((r) => r.bytes));
    const signed = packed(signatures);
    await prepared(
      manager,
      'ledger-append-v3',
      `WITH entries AS (
         INSERT INTO ledger_entry
           (ledger_id, idx, leaf_hash, canonical, signature, action, entity_type, entity_id, region_code,
            actor_id, request_id, recorded_at)
         SELECT $1, t.idx, substring($6::bytea FROM 32 * (t.n - 1)::int + 1 FOR 32),
                substring($7::bytea FROM t.c_at + 1 FOR t.c_len), substring($8::bytea FROM t.s_at + 1 FOR t.s_len),
                t.action, t.entity_type, t.entity_id, t.region_code, t.actor_id, $3, $4::timestamptz
           FROM unnest($5::bigint[], $17::int[], $18::int[], $19::int[], $20::int[], $9::varchar[],
                       $10::varchar[], $11::varchar[], $12::varchar[], $2::uuid[]) WITH ORDINALITY
             AS t(idx, c_at, c_len, s_at, s_len, action, entity_type, entity_id, region_code, actor_id, n)
         RETURNING 1
       )
       INSERT INTO ledger_node (ledger_id, level, idx, hash)
       SELECT $1, n.level, n.idx, substring($15::bytea FROM 32 * (n.k - 1)::int + 1 FOR 32)
         FROM unnest($13::smallint[], $14::bigint[]) WITH ORDINALITY AS n(level, idx, k)
        WHERE (SELECT count(*) FROM entries) = $16`,
      [
        this.ledgerId,
        rows.map((r) => r.record.actor.userId),
        ctx.requestId,
        time,
        rows.map((r) => String(r.index)),
        hashes(rows.map((r) => r.leaf)),
        documents.bytes,
        signed.bytes,
        rows.map((r) => r.record.action),
        rows.map((r) => r.record.entityType),
        rows.map((r) => r.record.entityId),
        rows.map((r) => r.regionCode),
        nodes.map((n) => n.level),
        nodes.map((n) => String(n.index)),
        hashes(nodes.map((n) => n.hash)),
        rows.length,
        documents.at,
        documents.lengths,
        signed.at,
        signed.lengths,
      ],
    );
  }

  /** The ledger size after this transaction's appends (for after-commit hooks), if it appended. */
  appendedSize(ctx: RequestContext): number | undefined {
    return ctx.transactionState.get(APPENDED_SIZE) as number | undefined;
  }

  /**
   * The latest entry in the table of every record of `slice` (read under the append lock): its version
   * and its leaf hash, both taken from the stored bytes (the leaf hash recomputed, the version read from
   * the entry, or counted for a record whose latest entry predates format v2). Records of entities `created` in this
   * transaction have none and are not looked up.
   */
  private async previousEntries(
    manager: EntityManager,
    slice: LedgerRecord[],
  ): Promise<Map<string, PreviousEntry>> {
    const keys = new Map<string, { type: string; id: string }>();
    for (const r of slice) {
      if (r.created) continue;
      keys.set(`${r.entityType}\u0000${r.entityId}`, { type: r.entityType, id: r.entityId });
    }
    const out = new Map<string, PreviousEntry>();
    if (keys.size === 0) return out;
    const types = [...keys.values()].map((k) => k.type);
    const ids = [...keys.values()].map((k) => k.id);
    const rows = await prepared<{ entity_type: string; entity_id: string; canonical: Buffer }>(
      manager,
      'ledger-previous-v1',
      `SELECT w.entity_type, w.entity_id, l.canonical
         FROM unnest($2::varchar[], $3::varchar[]) AS w(entity_type, entity_id)
         CROSS JOIN LATERAL (
           SELECT e.canonical FROM ledger_entry e
            WHERE e.ledger_id = $1 AND e.entity_type = w.entity_type AND e.entity_id = w.entity_id
            ORDER BY e.idx DESC LIMIT 1
         ) l`,
      [this.ledgerId, types, ids],
    );
    const uncounted: Array<{ type: string; id: string }> = [];
    for (const row of rows) {
      const doc = JSON.parse(row.canonical.toString('utf8')) as EntryDocument;
      const version = typeof doc.entityVersion === 'number' ? doc.entityVersion : 0;
      out.set(`${row.entity_type}\u0000${row.entity_id}`, { version, leafHash: leafHash(row.canonical) });
      if (version === 0) uncounted.push({ type: row.entity_type, id: row.entity_id });
    }
    if (uncounted.length > 0) {
      // Latest entry from before format v2: the record's version is the number of its entries.
      const counts = await prepared<{ entity_type: string; entity_id: string; n: string }>(
        manager,
        'ledger-previous-count-v1',
        `SELECT w.entity_type, w.entity_id,
                (SELECT count(*) FROM ledger_entry c
                  WHERE c.ledger_id = $1 AND c.entity_type = w.entity_type AND c.entity_id = w.entity_id) AS n
           FROM unnest($2::varchar[], $3::varchar[]) AS w(entity_type, entity_id)`,
        [this.ledgerId, uncounted.map((u) => u.type), uncounted.map((u) => u.id)],
      );
      for (const c of counts) out.get(`${c.entity_type}\u0000${c.entity_id}`)!.version = Number(c.n);
    }
    return out;
  }

  private actorOf(ctx: RequestContext): LedgerActor {
    const user = ctx.user;
    if (!user) return SYSTEM_ACTOR;
    // One object for a user's records of a transaction (an import records 100,000), not one per record.
    const last = ctx.transactionState.get(ACTOR) as LedgerActor | undefined;
    if (
      last &&
      last.userId === user.id &&
      last.username === user.username &&
      last.role === user.role &&
      last.regionCode === user.regionCode
    ) {
      return last;
    }
    const actor: LedgerActor = Object.freeze({
      regionCode: user.regionCode,
      role: user.role,
      userId: user.id,
      username: user.username,
    });
    ctx.transactionState.set(ACTOR, actor);
    return actor;
  }

  private async loadStates(manager: EntityManager, pending: LedgerRecord[]): Promise<Map<string, Json>> {
    const byType = new Map<string, Set<string>>();
    const out = new Map<string, Json>();
    for (const r of pending) {
      if (r.after !== undefined) continue;
      if (!byType.has(r.entityType)) byType.set(r.entityType, new Set());
      byType.get(r.entityType)!.add(r.entityId);
    }
    for (const [type, idSet] of byType) {
      const ids = [...idSet];
      const subject = this.subjects.get(type);
      for (let i = 0; i < ids.length; i += 1000) {
        const states = await subject.load(manager, ids.slice(i, i + 1000));
        for (const [id, state] of states) out.set(`${type}\u0000${id}`, state);
      }
    }
    return out;
  }
}

/** Byte strings as one buffer (a binary statement parameter) with where each starts and its length. */
function packed(list: readonly Buffer[]): { bytes: Buffer; at: number[]; lengths: number[] } {
  const at: number[] = [];
  let offset = 0;
  for (const b of list) {
    at.push(offset);
    offset += b.length;
  }
  return { bytes: Buffer.concat(list, offset), at, lengths: list.map((b) => b.length) };
}

/** 32-byte hashes as one buffer, the i-th at 32·i. */
function hashes(list: readonly Buffer[]): Buffer {
  for (const h of list) if (h.length !== HASH_SIZE) throw new Error(`a hash of ${h.length} bytes`);
  return Buffer.concat(list, HASH_SIZE * list.length);
}
