import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Role } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode, ProblemList, registerConstraintErrors } from '@/common/errors';
import { Connection, keysetPage } from '@/common/pagination';
import { todayInChina } from '@/common/scalars';
import { APP_CONFIG, AppConfig } from '@/config';
import { LockSpace, lockInTransaction, startsWithPattern, TransactionalConnection } from '@/database';
import { RecordRef, RegionScopeService } from '@/auth/region-scope.service';
import { inRegion } from '@/common/auth';
import { AssetStatus } from '@/assets/asset.enums';
import type { EvidenceRef } from '@/files/evidence-ref';
import { FilesService } from '@/files/files.service';
import { LedgerAction } from '@/ledger/ledger-actions';
import { Json, toLedgerJson } from '@/ledger/ledger-subject';
import { LedgerSubjectRegistry } from '@/ledger/ledger-subject.registry';
import { LedgerService } from '@/ledger/ledger.service';
import { Region } from '@/regions/region.entity';
import { RegionLevel } from '@/regions/region-level.enum';
import { User, UserStatus } from '@/users/user.entity';
import { InventoryItemFilter } from './dto/inventory.inputs';
import { Inventory, InventoryItem, InventorySignOff } from './inventory.entity';
import { InventoryFinding, InventoryStatus } from './inventory.enums';
import {
  confirmRefusal,
  findingProblems,
  FindingRuleKey,
  signOffRefusal,
  townshipOf,
} from './inventory-rules';

export const INVENTORY_SUBJECT = 'Inventory';
export const INVENTORY_ITEM_SUBJECT = 'InventoryItem';

/** An inventory is readable below its region too (the district's inventory, by a village clerk). */
const inventoryRef = (id: string): RecordRef => ({
  what: 'Inventory',
  id,
  code: ErrorCode.INVENTORY_NOT_FOUND,
  readableFromBelow: true,
});

registerConstraintErrors({
  UQ_inventory_open_region_year: {
    code: ErrorCode.INVENTORY_ALREADY_OPEN,
    message: 'An inventory of this region and year was started at the same time',
  },
  PK_inventory_sign_off: {
    code: ErrorCode.INVENTORY_TOWNSHIP_SIGNED_OFF,
    message: 'This township was signed off at the same time',
  },
});

/** Serialises the start of inventories of one year (the overlap check cannot be a constraint). */

const bySignOffTownship = (a: InventorySignOff, b: InventorySignOff): number =>
  a.townshipCode < b.townshipCode ? -1 : a.townshipCode > b.townshipCode ? 1 : 0;

/** An inventory as the ledger records it: every column, and its sign-offs (by township). */
export function inventoryState(inventory: Inventory, signOffs: readonly InventorySignOff[]): Json {
  return toLedgerJson({
    id: inventory.id,
    year: inventory.year,
    regionCode: inventory.regionCode,
    status: inventory.status,
    startedBy: inventory.startedBy,
    startedAt: inventory.startedAt,
    closedBy: inventory.closedBy,
    closedAt: inventory.closedAt,
    closingNote: inventory.closingNote,
    version: inventory.version,
    signOffs: [...signOffs].sort(bySignOffTownship).map((s) => ({
      townshipCode: s.townshipCode,
      signedBy: s.signedBy,
      signedAt: s.signedAt,
      totalCount: s.totalCount,
      presentCount: s.presentCount,
      missingCount: s.missingCount,
      damagedCount: s.damagedCount,
      statusDiffersCount: s.statusDiffersCount,
      note: s.note,
    })),
  });
}

/** An inventory item as the ledger records it: every column (the asset's snapshot and the finding). */
export function inventoryItemState(item: InventoryItem): Json {
  return toLedgerJson({
    id: item.id,
    inventoryId: item.inventoryId,
    assetId: item.assetId,
    assetCode: item.assetCode,
    assetName: item.assetName,
    assetClass: item.assetClass,
    assetStatus: item.assetStatus,
    locationCode: item.locationCode,
    formedValue: item.formedValue,
    finding: item.finding,
    observedStatus: item.observedStatus,
    note: item.note,
    evidence: item.evidence,
    confirmedBy: item.confirmedBy,
    confirmedAt: item.confirmedAt,
    version: item.version,
  });
}

export interface InventoryCounts {
  total: number;
  confirmed: number;
  remaining: number;
  present: number;
  missing: number;
  damaged: number;
  statusDiffers: number;
}

export interface TownshipProgress extends InventoryCounts {
  townshipCode: string;
  signOff: InventorySignOff | null;
}

/** One finding to record (confirmInventoryItem, confirmInventoryItems). */
export interface ConfirmDraft {
  itemId: string;
  finding: InventoryFinding;
  note?: string | null;
  observedStatus?: AssetStatus | null;
  evidenceFileIds?: string[] | null;
}

export function sumCounts(rows: readonly InventoryCounts[]): InventoryCounts {
  const out: InventoryCounts = {
    total: 0,
    confirmed: 0,
    remaining: 0,
    present: 0,
    missing: 0,
    damaged: 0,
    statusDiffers: 0,
  };
  for (const r of rows) {
    out.total += r.total;
    out.confirmed += r.confirmed;
    out.remaining += r.remaining;
    out.present += r.present;
    out.missing += r.missing;
    out.damaged += r.damaged;
    out.statusDiffers += r.statusDiffers;
  }
  return out;
}

interface CountRow {
  inventory_id: string;
  township_code: string;
  total: number;
  confirmed: number;
  present: number;
  missing: number;
  damaged: number;
  status_differs: number;
}

const COUNTS_SQL = `count(*)::int AS total,
       count(finding)::int AS confirmed,
       (count(*) FILTER (WHERE finding = 'PRESENT'))::int AS present,
       (count(*) FILTER (WHERE finding = 'MISSING'))::int AS missing,
       (count(*) FILTER (WHERE finding = 'DAMAGED'))::int AS damaged,
       (count(*) FILTER (WHERE finding = 'STATUS_DIFFERS'))::int AS status_differs`;

function countsOf(row: Omit<CountRow, 'inventory_id' | 'township_code'>): InventoryCounts {
  return {
    total: row.total,
    confirmed: row.confirmed,
    remaining: row.total - row.confirmed,
    present: row.present,
    missing: row.missing,
    damaged: row.damaged,
    statusDiffers: row.status_differs,
  };
}

/**
 * The annual inventory (年度清查, the district's 一年一查): a DISTRICT_SUPERVISOR starts it for the
 * district or a township, which lists every non-disposed asset located there (a snapshot of each);
 * whoever is responsible where an asset sits confirms what was found (see `inventory-rules.ts`: the
 * village clerk; the township officer for township-level assets and villages without a clerk; a
 * district supervisor for a township without an officer) and may correct it until the township signs
 * off; each township with items signs off once all its items are confirmed; the district closes it
 * once every such township has. Everything is on the ledger: the inventory with its sign-offs is one
 * subject, each item another.
 */
/** Names the argument of a problem: `note` for one item, `items[3].note` for several. */
type FindingField = (index: number, key: FindingRuleKey | 'itemId' | 'evidenceFileIds') => string;

/** A finding as confirm reads it: the item id in lower case, the note trimmed, absent lists empty. */
interface NormalisedFinding {
  itemId: string;
  finding: InventoryFinding;
  note: string | null;
  observedStatus: AssetStatus | null;
  evidenceFileIds: string[];
}

@Injectable()
export class InventoryService implements OnModuleInit {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly scope: RegionScopeService,
    private readonly ledger: LedgerService,
    private readonly subjects: LedgerSubjectRegistry,
    private readonly files: FilesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      entityType: INVENTORY_SUBJECT,
      load: (manager, ids) => this.inventoryStates(manager, ids),
      keyset: { entity: Inventory },
      regionOf: (state) => (state as { regionCode: string }).regionCode,
    });
    this.subjects.register({
      entityType: INVENTORY_ITEM_SUBJECT,
      load: async (manager, ids) => {
        if (ids.length === 0) return new Map();
        const rows = await manager.getRepository(InventoryItem).findBy({ id: In(ids) });
        return new Map(rows.map((item) => [item.id, inventoryItemState(item)]));
      },
      keyset: { entity: InventoryItem },
      regionOf: (state) => (state as { locationCode: string }).locationCode,
    });
  }

  private async inventoryStates(manager: EntityManager, ids: string[]): Promise<Map<string, Json>> {
    if (ids.length === 0) return new Map();
    const inventories = await manager.getRepository(Inventory).findBy({ id: In(ids) });
    const signOffs = await manager.getRepository(InventorySignOff).findBy({ inventoryId: In(ids) });
    const byInventory = new Map<string, InventorySignOff[]>();
    for (const s of signOffs) byInventory.set(s.inventoryId, [...(byInventory.get(s.inventoryId) ?? []), s]);
    return new Map(inventories.map((i) => [i.id, inventoryState(i, byInventory.get(i.id) ?? [])]));
  }

  // ---------------------------------------------------------------------------------------------------
  // Reads
  // ---------------------------------------------------------------------------------------------------

  async findOne(ctx: RequestContext, id: string): Promise<Inventory> {
    const inventory = await this.connection.getRepository(ctx, Inventory).findOneBy({ id });
    return this.scope.getInScope(ctx.currentUser, inventory, (i) => i.regionCode, inventoryRef(id));
  }

  /** Inventories the caller may read, newest year first; optionally of one year, overlapping a region. */
  async list(ctx: RequestContext, year?: number | null, regionCode?: string | null): Promise<Inventory[]> {
    const qb = this.scope.restrictOverlapping(
      this.connection.getRepository(ctx, Inventory).createQueryBuilder('i'),
      ctx.currentUser,
      'i.region_code',
      { region: regionCode, field: 'regionCode' },
    );
    if (year != null) qb.andWhere('i.year = :year', { year });
    return qb
      .orderBy('i.year', 'DESC')
      .addOrderBy('i.regionCode', 'ASC')
      .addOrderBy('i.startedAt', 'DESC')
      .getMany();
  }

  /**
   * Progress per township of each inventory, over the items the caller may read (a clerk sees the
   * counts of its own village), with each township's sign-off.
   */
  async progress(
    ctx: RequestContext,
    inventoryIds: readonly string[],
  ): Promise<Map<string, TownshipProgress[]>> {
    const out = new Map<string, TownshipProgress[]>(inventoryIds.map((id) => [id, []]));
    if (inventoryIds.length === 0) return out;
    const manager = this.connection.getManager(ctx);
    const rows = await manager.query<CountRow[]>(
      `SELECT inventory_id, left(location_code, 9) AS township_code, ${COUNTS_SQL}
         FROM inventory_item
        WHERE inventory_id = ANY($1::uuid[]) AND location_code LIKE $2
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [[...inventoryIds], startsWithPattern(this.scope.readPrefix(ctx.currentUser))],
    );
    const signOffs = await this.connection
      .getRepository(ctx, InventorySignOff)
      .findBy({ inventoryId: In([...inventoryIds]) });
    const signOffOf = new Map(signOffs.map((s) => [`${s.inventoryId}/${s.townshipCode}`, s]));
    for (const row of rows) {
      out.get(row.inventory_id)?.push({
        townshipCode: row.township_code,
        ...countsOf(row),
        signOff: signOffOf.get(`${row.inventory_id}/${row.township_code}`) ?? null,
      });
    }
    return out;
  }

  /** Items of an inventory the caller may read, filtered, by location and asset code. */
  async items(
    ctx: RequestContext,
    inventoryId: string,
    filter: InventoryItemFilter | undefined,
    first: number | undefined,
    after: string | undefined,
  ): Promise<Connection<InventoryItem>> {
    const inventory = await this.findOne(ctx, inventoryId);
    const qb = this.readableItems(ctx, inventory.id);
    if (filter?.regionCode)
      this.scope.restrict(qb, ctx.currentUser, 'it.location_code', { region: filter.regionCode });
    if (filter?.locatedAt) qb.andWhere('it.location_code = :locatedAt', { locatedAt: filter.locatedAt });
    if (filter?.finding) qb.andWhere('it.finding = :finding', { finding: filter.finding });
    if (filter?.confirmed != null)
      qb.andWhere(filter.confirmed ? 'it.finding IS NOT NULL' : 'it.finding IS NULL');
    return keysetPage(
      qb,
      { first, after, maxPageSize: this.config.pagination.maxPageSize },
      {
        keys: [
          { sql: 'it.location_code', type: 'varchar' },
          { sql: 'it.asset_code', type: 'varchar' },
        ],
        direction: 'ASC',
      },
    );
  }

  /** Every finding other than PRESENT that the caller may read, by location and asset code. */
  async discrepancies(ctx: RequestContext, inventoryId: string): Promise<InventoryItem[]> {
    const inventory = await this.findOne(ctx, inventoryId);
    return this.readableItems(ctx, inventory.id)
      .andWhere(`it.finding IS NOT NULL AND it.finding <> :present`, { present: InventoryFinding.PRESENT })
      .orderBy('it.locationCode', 'ASC')
      .addOrderBy('it.assetCode', 'ASC')
      .getMany();
  }

  /** Users by id (who started, confirmed, signed off, closed). */
  async actors(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, User>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await this.connection.getRepository(ctx, User).findBy({ id: In(unique) });
    return new Map(users.map((u) => [u.id, u]));
  }

  // ---------------------------------------------------------------------------------------------------
  // Writes
  // ---------------------------------------------------------------------------------------------------

  /**
   * Opens the checklist of every non-disposed asset located in `regionCode` (the district or a
   * township): one statement copies the assets' snapshot into the items; the ledger gets the inventory
   * and one entry per item, appended together at the commit.
   */
  async start(ctx: RequestContext, year: number, regionCode: string): Promise<Inventory> {
    const user = ctx.currentUser;
    const thisYear = Number(todayInChina().slice(0, 4));
    if (year > thisYear) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `year: ${year} is in the future`, {
        fields: [{ field: 'year', message: `must not be after ${thisYear}` }],
      });
    }
    const region = await this.connection.getRepository(ctx, Region).findOneBy({ code: regionCode });
    if (!region) {
      throw new DomainError(ErrorCode.REFERENCE_NOT_FOUND, `regionCode: no region ${regionCode}`, {
        fields: [{ field: 'regionCode', message: 'no such region' }],
      });
    }
    if (region.level === RegionLevel.VILLAGE) {
      const message = `${regionCode} (${region.name}) is a village: inventory its township or the district`;
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `regionCode: ${message}`, {
        fields: [{ field: 'regionCode', message }],
      });
    }
    this.scope.assertWrite(user, regionCode, `region ${regionCode}`);
    const manager = this.connection.requireTransaction(ctx);
    await lockInTransaction(manager, LockSpace.INVENTORY_START, year);
    const open = await manager.query<Array<{ id: string; region_code: string }>>(
      `SELECT id, region_code FROM inventory
        WHERE year = $1 AND status = 'OPEN'
          AND (region_code LIKE ($2::varchar || '%') OR $2::varchar LIKE (region_code || '%'))
        ORDER BY region_code LIMIT 1`,
      [year, regionCode],
    );
    if (open.length > 0) {
      const other = open[0];
      throw new DomainError(
        ErrorCode.INVENTORY_ALREADY_OPEN,
        other.region_code === regionCode
          ? `The ${year} inventory of ${regionCode} is already open`
          : `The open ${year} inventory of ${other.region_code} overlaps ${regionCode}: close it first`,
        { inventoryId: other.id, regionCode: other.region_code },
      );
    }
    const inserted = await this.connection.getRepository(ctx, Inventory).insert({
      year,
      regionCode,
      status: InventoryStatus.OPEN,
      startedBy: user.id,
      closedBy: null,
      closedAt: null,
      closingNote: null,
    });
    const id = (inserted.identifiers[0] as { id: string }).id;
    const items = await manager.query<Array<{ id: string }>>(
      `INSERT INTO inventory_item
         (inventory_id, asset_id, asset_code, asset_name, asset_class, asset_status, location_code, formed_value)
       SELECT $1, a.id, a.code, a.name, a.class, a.status, a.location_code, a.formed_value
         FROM asset a
        WHERE a.location_code LIKE $2 AND a.status <> $3
        ORDER BY a.location_code, a.code
       RETURNING id`,
      [id, `${regionCode}%`, AssetStatus.DISPOSED],
    );
    if (items.length === 0) {
      throw new DomainError(
        ErrorCode.INVENTORY_EMPTY,
        `No asset to inventory in ${regionCode} (${region.name}): none is registered there, or all are disposed`,
      );
    }
    this.ledger.record(ctx, {
      action: LedgerAction.INVENTORY_STARTED,
      entityType: INVENTORY_SUBJECT,
      entityId: id,
      details: { itemCount: items.length },
    });
    for (const item of items) {
      this.ledger.record(ctx, {
        action: LedgerAction.INVENTORY_ITEM_LISTED,
        entityType: INVENTORY_ITEM_SUBJECT,
        entityId: item.id,
      });
    }
    return this.connection.getRepository(ctx, Inventory).findOneByOrFail({ id });
  }

  /**
   * Records (or corrects) findings, all or nothing. `field(i, key)` names the offending argument
   * (`note` for one item, `items[3].note` for several).
   */
  async confirm(
    ctx: RequestContext,
    drafts: readonly ConfirmDraft[],
    field: FindingField,
  ): Promise<InventoryItem[]> {
    const normalised = drafts.map((d) => ({
      itemId: d.itemId.toLowerCase(),
      finding: d.finding,
      note: d.note?.trim() || null,
      observedStatus: d.observedStatus ?? null,
      evidenceFileIds: d.evidenceFileIds ?? [],
    }));
    this.checkFindings(normalised, field);
    const found = await this.confirmableItems(ctx, normalised);
    const evidence = await this.findingEvidence(ctx, normalised, found, field);
    return this.writeFindings(ctx, normalised, evidence);
  }

  /** 1. The input on its own: each item once, each finding complete. */
  private checkFindings(findings: readonly NormalisedFinding[], field: FindingField): void {
    const problems = new ProblemList();
    findings.forEach((d, i) => {
      if (findings.findIndex((o) => o.itemId === d.itemId) !== i) {
        problems.add(field(i, 'itemId'), 'this item is listed more than once');
      }
      for (const p of findingProblems(d, null)) problems.add(field(i, p.key), p.message);
    });
    problems.throwIfAny();
  }

  /**
   * 2. The items, in the caller's scope; their inventories open (locked against a concurrent sign-off
   * or close); the caller responsible where each sits; its township not signed off yet.
   */
  private async confirmableItems(
    ctx: RequestContext,
    findings: readonly NormalisedFinding[],
  ): Promise<Map<string, InventoryItem>> {
    const user = ctx.currentUser;
    const found = new Map(
      (
        await this.connection
          .getRepository(ctx, InventoryItem)
          .findBy({ id: In(findings.map((d) => d.itemId)) })
      ).map((it) => [it.id, it]),
    );
    for (const d of findings) {
      this.scope.getInScope(user, found.get(d.itemId), (it) => it.locationCode, {
        what: 'Inventory item',
        id: d.itemId,
        code: ErrorCode.INVENTORY_ITEM_NOT_FOUND,
      });
    }
    const inventoryIds = [...new Set([...found.values()].map((it) => it.inventoryId))].sort();
    const inventories = await this.connection
      .getRepository(ctx, Inventory)
      .createQueryBuilder('i')
      .setLock('pessimistic_read')
      .where('i.id IN (:...ids)', { ids: inventoryIds })
      .orderBy('i.id')
      .getMany();
    for (const inventory of inventories) {
      if (inventory.status !== InventoryStatus.OPEN) {
        throw new DomainError(
          ErrorCode.INVENTORY_CLOSED,
          `The ${inventory.year} inventory of ${inventory.regionCode} is closed: its findings are final`,
          { inventoryId: inventory.id },
        );
      }
    }
    const staffing = await this.staffing(
      ctx,
      [...found.values()].map((it) => it.locationCode),
    );
    for (const item of found.values()) {
      const refusal = confirmRefusal(user, item.locationCode, {
        villageHasClerk: staffing.clerks.has(item.locationCode),
        townshipHasOfficer: staffing.officers.has(townshipOf(item.locationCode)),
      });
      if (refusal) {
        throw new DomainError(
          ErrorCode.INVENTORY_NOT_RESPONSIBLE,
          `You may not confirm asset ${item.assetCode}: ${refusal}`,
          { itemId: item.id },
        );
      }
    }
    const signed = await this.connection
      .getRepository(ctx, InventorySignOff)
      .findBy({ inventoryId: In(inventoryIds) });
    const signedTownships = new Set(signed.map((s) => `${s.inventoryId}/${s.townshipCode}`));
    for (const item of found.values()) {
      const township = townshipOf(item.locationCode);
      if (signedTownships.has(`${item.inventoryId}/${township}`)) {
        throw new DomainError(
          ErrorCode.INVENTORY_TOWNSHIP_SIGNED_OFF,
          `Township ${township} has signed off this inventory: the finding for asset ${item.assetCode} can no longer be changed`,
          { itemId: item.id, townshipCode: township },
        );
      }
    }
    return found;
  }

  /** 3. Rules that need the item (the status it is recorded with), and the evidence files. */
  private async findingEvidence(
    ctx: RequestContext,
    findings: readonly NormalisedFinding[],
    found: ReadonlyMap<string, InventoryItem>,
    field: FindingField,
  ): Promise<EvidenceRef[][]> {
    const problems = new ProblemList();
    findings.forEach((d, i) => {
      for (const p of findingProblems(d, found.get(d.itemId)!.assetStatus))
        problems.add(field(i, p.key), p.message);
    });
    problems.throwIfAny();
    const evidence: EvidenceRef[][] = [];
    for (const [i, d] of findings.entries()) {
      evidence.push(
        await this.files.requireEvidence(
          ctx,
          d.evidenceFileIds,
          field(i, 'evidenceFileIds'),
          found.get(d.itemId)!.locationCode,
        ),
      );
    }
    return evidence;
  }

  /** 4. Writes the findings, each item locked (in id order), one ledger entry each; re-reads them. */
  private async writeFindings(
    ctx: RequestContext,
    findings: readonly NormalisedFinding[],
    evidence: EvidenceRef[][],
  ): Promise<InventoryItem[]> {
    const itemRepo = this.connection.getRepository(ctx, InventoryItem);
    const ids = findings.map((d) => d.itemId);
    const locked = new Map(
      (
        await itemRepo
          .createQueryBuilder('it')
          .setLock('pessimistic_write')
          .where('it.id IN (:...ids)', { ids })
          .orderBy('it.id')
          .getMany()
      ).map((it) => [it.id, it]),
    );
    for (const [i, d] of findings.entries()) {
      const item = locked.get(d.itemId)!;
      const before = inventoryItemState(item);
      await itemRepo.update(
        { id: item.id },
        {
          finding: d.finding,
          observedStatus: d.observedStatus,
          note: d.note,
          evidence: evidence[i],
          confirmedBy: ctx.currentUser.id,
          confirmedAt: () => 'now()',
          version: item.version + 1,
        },
      );
      this.ledger.record(ctx, {
        action:
          item.finding === null
            ? LedgerAction.INVENTORY_ITEM_CONFIRMED
            : LedgerAction.INVENTORY_ITEM_CORRECTED,
        entityType: INVENTORY_ITEM_SUBJECT,
        entityId: item.id,
        before,
      });
    }
    const after = new Map((await itemRepo.findBy({ id: In(ids) })).map((it) => [it.id, it]));
    return findings.map((d) => after.get(d.itemId)!);
  }

  /**
   * A township signs off its part of the inventory once every item of it is confirmed; the counts it
   * signs for are kept with the sign-off.
   */
  async signOff(
    ctx: RequestContext,
    inventoryId: string,
    townshipCode: string,
    note: string | null | undefined,
  ): Promise<Inventory> {
    const user = ctx.currentUser;
    const inventory = await this.lockInventory(ctx, inventoryId);
    if (townshipCode.length !== 9 || !inRegion(townshipCode, inventory.regionCode)) {
      const message = `${townshipCode} is not a township of this inventory (${inventory.regionCode})`;
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `regionCode: ${message}`, {
        fields: [{ field: 'regionCode', message }],
      });
    }
    const [row] = await this.connection
      .getManager(ctx)
      .query<CountRow[]>(
        `SELECT ${COUNTS_SQL} FROM inventory_item WHERE inventory_id = $1 AND location_code LIKE $2`,
        [inventory.id, `${townshipCode}%`],
      );
    const counts = countsOf(row);
    if (counts.total === 0) {
      const message = `no item of this inventory is located in township ${townshipCode}`;
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `regionCode: ${message}`, {
        fields: [{ field: 'regionCode', message }],
      });
    }
    const staffing = await this.staffing(ctx, [townshipCode]);
    const refusal = signOffRefusal(user, townshipCode, staffing.officers.has(townshipCode));
    if (refusal)
      throw new DomainError(ErrorCode.INVENTORY_NOT_RESPONSIBLE, `You may not sign off: ${refusal}`);
    this.assertOpen(inventory);
    const signOffRepo = this.connection.getRepository(ctx, InventorySignOff);
    const existing = await signOffRepo.findOneBy({ inventoryId: inventory.id, townshipCode });
    if (existing) {
      throw new DomainError(
        ErrorCode.INVENTORY_TOWNSHIP_SIGNED_OFF,
        `Township ${townshipCode} already signed off this inventory on ${existing.signedAt.toISOString()}`,
        { townshipCode },
      );
    }
    if (counts.remaining > 0) {
      throw new DomainError(
        ErrorCode.INVENTORY_ITEMS_PENDING,
        `${counts.remaining} of ${counts.total} items of township ${townshipCode} are not confirmed yet`,
        { townshipCode, remaining: counts.remaining, total: counts.total },
      );
    }
    const before = await this.ledger.stateOf(ctx, INVENTORY_SUBJECT, inventory.id);
    await signOffRepo.insert({
      inventoryId: inventory.id,
      townshipCode,
      signedBy: user.id,
      totalCount: counts.total,
      presentCount: counts.present,
      missingCount: counts.missing,
      damagedCount: counts.damaged,
      statusDiffersCount: counts.statusDiffers,
      note: note?.trim() || null,
    });
    return this.touch(ctx, inventory, {}, LedgerAction.INVENTORY_SIGNED_OFF, before, { townshipCode });
  }

  /** The district closes the inventory once every township with items has signed off. */
  async close(ctx: RequestContext, inventoryId: string, note: string | null | undefined): Promise<Inventory> {
    const user = ctx.currentUser;
    const inventory = await this.lockInventory(ctx, inventoryId);
    this.scope.assertWrite(user, inventory.regionCode, `the inventory of ${inventory.regionCode}`);
    this.assertOpen(inventory);
    const pending = await this.connection
      .getManager(ctx)
      .query<Array<{ township_code: string; remaining: number }>>(
        `SELECT left(i.location_code, 9) AS township_code, (count(*) - count(i.finding))::int AS remaining
         FROM inventory_item i
        WHERE i.inventory_id = $1
          AND NOT EXISTS (SELECT 1 FROM inventory_sign_off s
                           WHERE s.inventory_id = i.inventory_id AND s.township_code = left(i.location_code, 9))
        GROUP BY 1 ORDER BY 1`,
        [inventory.id],
      );
    if (pending.length > 0) {
      throw new DomainError(
        ErrorCode.INVENTORY_SIGN_OFFS_PENDING,
        `${pending.length} township(s) have not signed off yet: ${pending.map((p) => p.township_code).join(', ')}`,
        { pendingTownships: pending.map((p) => p.township_code) },
      );
    }
    const before = await this.ledger.stateOf(ctx, INVENTORY_SUBJECT, inventory.id);
    return this.touch(
      ctx,
      inventory,
      {
        status: InventoryStatus.CLOSED,
        closedBy: user.id,
        closedAt: () => 'now()',
        closingNote: note?.trim() || null,
      },
      LedgerAction.INVENTORY_CLOSED,
      before,
    );
  }

  // ---------------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------------

  /** Items of an inventory within the caller's read scope. */
  readableItems(ctx: RequestContext, inventoryId: string): SelectQueryBuilder<InventoryItem> {
    const qb = this.connection
      .getRepository(ctx, InventoryItem)
      .createQueryBuilder('it')
      .where('it.inventoryId = :inventoryId', { inventoryId });
    return this.scope.restrict(qb, ctx.currentUser, 'it.location_code');
  }

  /**
   * Of `locationCodes`, those where the caller is the one who confirms items (see confirmRefusal): for the
   * console, which checklist rows it offers to confirm. Whether the item's township has signed off is the
   * item's own business (confirming then is refused as before).
   */
  async confirmableLocations(ctx: RequestContext, locationCodes: readonly string[]): Promise<Set<string>> {
    const user = ctx.currentUser;
    const staffing = await this.staffing(ctx, locationCodes);
    return new Set(
      locationCodes.filter(
        (code) =>
          confirmRefusal(user, code, {
            villageHasClerk: staffing.clerks.has(code),
            townshipHasOfficer: staffing.officers.has(townshipOf(code)),
          }) === null,
      ),
    );
  }

  /** Which villages have an active clerk and which townships an active officer, among `locationCodes`. */
  private async staffing(
    ctx: RequestContext,
    locationCodes: readonly string[],
  ): Promise<{ clerks: Set<string>; officers: Set<string> }> {
    const villages = [...new Set(locationCodes.filter((c) => c.length === 12))];
    const townships = [...new Set(locationCodes.map(townshipOf))];
    const rows = await this.connection.getManager(ctx).query<Array<{ role: Role; region_code: string }>>(
      `SELECT DISTINCT role, region_code FROM app_user
        WHERE status = $1
          AND ((role = $2 AND region_code = ANY($3::varchar[])) OR (role = $4 AND region_code = ANY($5::varchar[])))`,
      [UserStatus.ACTIVE, Role.VILLAGE_CLERK, villages, Role.TOWNSHIP_OFFICER, townships],
    );
    return {
      clerks: new Set(rows.filter((r) => r.role === Role.VILLAGE_CLERK).map((r) => r.region_code)),
      officers: new Set(rows.filter((r) => r.role === Role.TOWNSHIP_OFFICER).map((r) => r.region_code)),
    };
  }

  /** Reads an inventory FOR UPDATE (sign-offs and closing queue up), or NOT_FOUND (see getInScope). */
  private async lockInventory(ctx: RequestContext, id: string): Promise<Inventory> {
    const inventory = await this.connection
      .getRepository(ctx, Inventory)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.id = :id', { id })
      .getOne();
    return this.scope.getInScope(ctx.currentUser, inventory, (i) => i.regionCode, inventoryRef(id));
  }

  private assertOpen(inventory: Inventory): void {
    if (inventory.status !== InventoryStatus.OPEN) {
      throw new DomainError(
        ErrorCode.INVENTORY_CLOSED,
        `The ${inventory.year} inventory of ${inventory.regionCode} is already closed`,
        { inventoryId: inventory.id },
      );
    }
  }

  /** A change of the inventory (a sign-off, the close): new version, and its ledger entry. */
  private async touch(
    ctx: RequestContext,
    inventory: Inventory,
    changes: QueryDeepPartialEntity<Inventory>,
    action: LedgerAction,
    before: Json,
    details?: Json,
  ): Promise<Inventory> {
    const repo = this.connection.getRepository(ctx, Inventory);
    await repo.update({ id: inventory.id }, { ...changes, version: inventory.version + 1 });
    this.ledger.record(ctx, {
      action,
      entityType: INVENTORY_SUBJECT,
      entityId: inventory.id,
      before,
      ...(details ? { details } : {}),
    });
    return repo.findOneByOrFail({ id: inventory.id });
  }
}
