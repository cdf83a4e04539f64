import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { assertRegionFilter, AuthUser, canReadRegion, DISTRICT_ROLES, readRegionVia } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode } from '@/common/errors';
import { Connection, keysetPage } from '@/common/pagination';
import { APP_CONFIG, AppConfig } from '@/config';
import { TransactionalConnection } from '@/database';
import { CheckpointService } from './checkpoint.service';
import { EntryDocument } from './ledger-entry.format';
import { LedgerCheckpoint, LedgerEntry } from './ledger.entity';
import { LedgerKeyService } from './ledger-key.service';
import { LedgerSubjectRegistry } from './ledger-subject.registry';
import {
  CheckpointType,
  ConsistencyProofType,
  InclusionProofType,
  LedgerEntryFilter,
  LedgerEntryType,
  LedgerPublicKeyType,
} from './ledger.types';
import { nodeReader, readProofInputs } from './merkle-store';
import { nodeKey, planConsistencyProof, planInclusionProof, planRoot, readPlans } from './merkle/tree';

export function toEntryType(row: LedgerEntry): LedgerEntryType {
  const canonical = row.canonical.toString('utf8');
  const doc = JSON.parse(canonical) as EntryDocument;
  return {
    index: row.idx,
    leafHash: row.leafHash.toString('base64'),
    canonical,
    signature: row.signature.toString('base64'),
    time: new Date(doc.time),
    action: doc.action,
    entityType: doc.entityType,
    entityId: doc.entityId,
    regionCode: doc.regionCode,
    actor: doc.actor,
    requestId: doc.requestId,
    before: doc.before,
    after: doc.after,
    details: doc.details,
    entityVersion: typeof doc.entityVersion === 'number' ? doc.entityVersion : null,
    previousLeafHash: typeof doc.previousLeafHash === 'string' ? doc.previousLeafHash : null,
  };
}

export function toCheckpointType(row: LedgerCheckpoint, origin: string): CheckpointType {
  return {
    origin,
    treeSize: row.treeSize,
    rootHash: row.rootHash.toString('base64'),
    note: row.note,
    verifierKey: row.verifierKey,
    createdAt: row.createdAt,
  };
}

/**
 * The ledger's read side. District roles read every entry; other roles the entries of their own region,
 * and those of a record whose subject names their region besides (a village reads the history of an
 * asset it co-owns elsewhere): `history`, `entry` and `inclusionProof` follow the same scope. Checkpoints
 * and consistency proofs carry only hashes and are open to every signed-in user.
 */
@Injectable()
export class LedgerQueryService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connection: TransactionalConnection,
    private readonly checkpoints: CheckpointService,
    private readonly keys: LedgerKeyService,
    private readonly subjects: LedgerSubjectRegistry,
  ) {}

  private get ledgerId(): string {
    return this.config.ledger.districtCode;
  }

  private readsAll(user: AuthUser): boolean {
    return DISTRICT_ROLES.includes(user.role);
  }

  async entries(
    ctx: RequestContext,
    filter: LedgerEntryFilter | undefined,
    first: number | undefined,
    after: string | undefined,
    direction: 'ASC' | 'DESC' = 'ASC',
  ): Promise<Connection<LedgerEntryType>> {
    const user = ctx.currentUser;
    const qb = this.connection
      .getRepository(ctx, LedgerEntry)
      .createQueryBuilder('e')
      .where('e.ledgerId = :ledgerId', { ledgerId: this.ledgerId });
    if (filter?.regionCode) assertRegionFilter(user, filter.regionCode);
    if (!this.readsAll(user)) qb.andWhere('e.regionCode LIKE :scope', { scope: `${user.regionCode}%` });
    if (filter?.entityType) qb.andWhere('e.entityType = :entityType', { entityType: filter.entityType });
    if (filter?.entityId) qb.andWhere('e.entityId = :entityId', { entityId: filter.entityId });
    if (filter?.action) qb.andWhere('e.action = :action', { action: filter.action });
    if (filter?.regionCode) qb.andWhere('e.regionCode LIKE :region', { region: `${filter.regionCode}%` });
    if (filter?.actorId) qb.andWhere('e.actorId = :actorId', { actorId: filter.actorId });
    if (filter?.from) qb.andWhere('e.recordedAt >= :from', { from: filter.from });
    if (filter?.to) qb.andWhere('e.recordedAt < :to', { to: filter.to });
    return keysetPage(
      qb,
      { first, after, maxPageSize: this.config.pagination.maxPageSize },
      { keys: [{ sql: 'e.idx', type: 'bigint' }], direction },
      (rows) => rows.map(toEntryType),
    );
  }

  async entry(ctx: RequestContext, index: number): Promise<LedgerEntryType> {
    const size = await this.checkpoints.size(this.connection.getManager(ctx));
    this.assertIndex('index', index, size);
    const row = await this.connection
      .getRepository(ctx, LedgerEntry)
      .findOneBy({ ledgerId: this.ledgerId, idx: index });
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `Ledger entry ${index} was not found`);
    // The scope of the entry's record's history, as inclusionProof's: a village reads the entries of an
    // asset it co-owns elsewhere (LedgerSubject.alsoReadFrom), which `history` already gives it.
    if (
      !this.canRead(ctx.currentUser, row) &&
      !(await this.readsVia(ctx.currentUser, this.connection.getManager(ctx), row.entityType, row.entityId, [
        row,
      ]))
    ) {
      throw new DomainError(ErrorCode.OUT_OF_SCOPE, `Ledger entry ${row.idx} is outside your region`);
    }
    return toEntryType(row);
  }

  /** Every entry of one entity, oldest first. */
  async history(ctx: RequestContext, entityType: string, entityId: string): Promise<LedgerEntryType[]> {
    const manager = this.connection.getManager(ctx);
    const rows = await this.historyRows(manager, entityType, entityId);
    const user = ctx.currentUser;
    // Outside the caller's region a record has no history: nothing tells that it exists.
    if (
      rows.some((r) => !this.canRead(user, r)) &&
      !(await this.readsVia(user, manager, entityType, entityId, rows))
    ) {
      return [];
    }
    return rows.map(toEntryType);
  }

  /**
   * Whether `user` reads an entity's entries of these regions by a region its subject names besides
   * (LedgerSubject.alsoReadFrom: a village reads the history of an asset it co-owns elsewhere).
   */
  private async readsVia(
    user: AuthUser,
    manager: EntityManager,
    entityType: string,
    entityId: string,
    rows: ReadonlyArray<{ regionCode: string | null }>,
  ): Promise<boolean> {
    const subject = this.subjects.has(entityType) ? this.subjects.get(entityType) : undefined;
    const also = (await subject?.alsoReadFrom?.(manager, entityId)) ?? [];
    return (
      also.length > 0 &&
      rows.every((r) => r.regionCode !== null && canReadRegion(user, readRegionVia(user, r.regionCode, also)))
    );
  }

  historyRows(manager: EntityManager, entityType: string, entityId: string): Promise<LedgerEntry[]> {
    return manager.getRepository(LedgerEntry).find({
      where: { ledgerId: this.ledgerId, entityType, entityId },
      order: { idx: 'ASC' },
    });
  }

  /**
   * A cheap fingerprint of every row of the ledger: per table, the row count and the sum of the rows'
   * transaction ids (`xmin`). Any append, and any UPDATE or DELETE (triggers disabled or not) changes
   * it, so a verification result computed for one fingerprint stays true while it is unchanged.
   */
  async rowsFingerprint(ctx: RequestContext): Promise<string> {
    const part = (table: string, where: string) =>
      `(SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM ${table} WHERE ${where})`;
    const [row] = (await this.connection.getManager(ctx).query(
      `SELECT ${part('ledger', 'id = $1')} || '/' || ${part('ledger_entry', 'ledger_id = $1')} || '/' ||
              ${part('ledger_node', 'ledger_id = $1')} || '/' || ${part('ledger_checkpoint', 'ledger_id = $1')}
              AS fingerprint`,
      [this.ledgerId],
    )) as Array<{ fingerprint: string }>;
    return row.fingerprint;
  }

  async latestCheckpoint(ctx: RequestContext): Promise<CheckpointType | null> {
    const row = await this.checkpoints.latest(this.connection.getManager(ctx));
    return row ? toCheckpointType(row, this.config.ledger.origin) : null;
  }

  async checkpointList(ctx: RequestContext, first: number | undefined, after: string | undefined) {
    const qb = this.connection
      .getRepository(ctx, LedgerCheckpoint)
      .createQueryBuilder('c')
      .where('c.ledgerId = :ledgerId', { ledgerId: this.ledgerId });
    return keysetPage(
      qb,
      { first, after, maxPageSize: this.config.pagination.maxPageSize, defaultSize: 20 },
      { keys: [{ sql: 'c.tree_size', type: 'bigint' }], direction: 'DESC' },
      (rows) => rows.map((r) => toCheckpointType(r, this.config.ledger.origin)),
    );
  }

  publicKey(): LedgerPublicKeyType {
    return {
      origin: this.config.ledger.origin,
      verifierKey: this.keys.verifierKey,
      previousVerifierKeys: this.config.ledger.previousVerifierKeys,
    };
  }

  async inclusion(ctx: RequestContext, index: number, treeSize: number): Promise<InclusionProofType> {
    const manager = this.connection.getManager(ctx);
    if (
      !Number.isSafeInteger(treeSize) ||
      treeSize < 1 ||
      !Number.isSafeInteger(index) ||
      index < 0 ||
      index >= treeSize
    ) {
      // Malformed before the ledger is even read: the checks below say which argument and why.
      const size = await this.checkpoints.size(manager);
      this.assertSize('treeSize', treeSize, size, 1);
      this.assertIndex('index', index, treeSize);
    }
    // One round trip: the committed size, the leaf and every node of the proof and of the root.
    const plans = [planInclusionProof(index, treeSize), planRoot(treeSize)] as const;
    const ids = new Map(plans.flatMap((p) => p.ids).map((id) => [nodeKey(id), id]));
    const read = await readProofInputs(manager, this.ledgerId, index, [...ids.values()]);
    this.assertSize('treeSize', treeSize, read.size, 1);
    // The scope of the entry's record's history (ledgerEntry(index) is its region's): outside, FORBIDDEN.
    if (!this.canRead(ctx.currentUser, { regionCode: read.leafRegion })) {
      const entry = await manager.getRepository(LedgerEntry).findOne({
        select: { entityType: true, entityId: true },
        where: { ledgerId: this.ledgerId, idx: index },
      });
      const leaf = [{ regionCode: read.leafRegion }];
      if (
        !entry ||
        !(await this.readsVia(ctx.currentUser, manager, entry.entityType, entry.entityId, leaf))
      ) {
        throw new DomainError(ErrorCode.OUT_OF_SCOPE, `Ledger entry ${index} is outside your region`);
      }
    }
    const [hashes, root] = await readPlans(plans, async () => read.nodes);
    return {
      index,
      treeSize,
      leafHash: read.leaf!.toString('base64'),
      rootHash: root.toString('base64'),
      hashes: hashes.map((h) => h.toString('base64')),
    };
  }

  async consistency(ctx: RequestContext, fromSize: number, toSize: number): Promise<ConsistencyProofType> {
    const manager = this.connection.getManager(ctx);
    const size = await this.checkpoints.size(manager);
    if (fromSize > toSize) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'fromSize: must not be larger than toSize', {
        fields: [{ field: 'fromSize', message: 'must not be larger than toSize' }],
      });
    }
    this.assertSize('fromSize', fromSize, size, 1);
    this.assertSize('toSize', toSize, size, 1);
    const [hashes, fromRoot, toRoot] = await readPlans(
      [planConsistencyProof(fromSize, toSize), planRoot(fromSize), planRoot(toSize)] as const,
      nodeReader(manager, this.ledgerId),
    );
    return {
      fromSize,
      toSize,
      fromRoot: fromRoot.toString('base64'),
      toRoot: toRoot.toString('base64'),
      hashes: hashes.map((h) => h.toString('base64')),
    };
  }

  canRead(user: AuthUser, row: { regionCode: string | null }): boolean {
    if (this.readsAll(user)) return true;
    return row.regionCode !== null && canReadRegion(user, row.regionCode);
  }

  private assertIndex(field: string, index: number, size: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= size) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `${field}: must be between 0 and ${size - 1}`, {
        fields: [
          { field, message: size === 0 ? 'the ledger is empty' : `must be between 0 and ${size - 1}` },
        ],
      });
    }
  }

  private assertSize(field: string, value: number, size: number, min: number): void {
    if (!Number.isInteger(value) || value < min || value > size) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `${field}: must be between ${min} and ${size}`, {
        fields: [{ field, message: `must be between ${min} and the ledger size ${size}` }],
      });
    }
  }
}
