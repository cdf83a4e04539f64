import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { Fen, fenColumn } from '@/common/scalars/money';
import { Asset } from '@/assets/asset.entity';
import { ASSET_CLASS_SQL, ASSET_STATUS_SQL, AssetClass, AssetStatus } from '@/assets/asset.enums';
import type { EvidenceRef } from '@/files/evidence-ref';
import { Region } from '@/regions/region.entity';
import { User } from '@/users/user.entity';
import {
  INVENTORY_FINDING_SQL,
  INVENTORY_STATUS_SQL,
  InventoryFinding,
  InventoryStatus,
} from './inventory.enums';

/**
 * An annual inventory (年度清查, 一年一查) of the district or of one township: the checklist of every
 * non-disposed asset located in the region when it was started. At most one OPEN inventory per region
 * and year (the partial unique index; the service also refuses overlapping regions in the same year).
 */
@Entity('inventory')
@Index('UQ_inventory_open_region_year', ['regionCode', 'year'], { unique: true, where: `"status" = 'OPEN'` })
@Index('IDX_inventory_year', ['year', 'regionCode'])
@Check('CK_inventory_status', `"status" IN (${INVENTORY_STATUS_SQL})`)
@Check('CK_inventory_year', `"year" BETWEEN 2000 AND 2100`)
@Check(
  'CK_inventory_closed',
  `("status" = 'CLOSED') = ("closed_by" IS NOT NULL) AND ("status" = 'CLOSED') = ("closed_at" IS NOT NULL)`,
)
export class Inventory {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_inventory' })
  id!: string;

  @Column({ type: 'smallint' })
  year!: number;

  /** The district (6 digits) or a township (9 digits). */
  @Column({ type: 'varchar', length: 12, collation: 'C' })
  regionCode!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'FK_inventory_region' })
  region?: Relation<Region>;

  @Column({ type: 'varchar', length: 10 })
  status!: InventoryStatus;

  @Column({ type: 'uuid' })
  startedBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'started_by', foreignKeyConstraintName: 'FK_inventory_started_by' })
  starter?: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  startedAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  closedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'closed_by', foreignKeyConstraintName: 'FK_inventory_closed_by' })
  closer?: Relation<User> | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** The district's conclusion when it closes the inventory (optional). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  closingNote!: string | null;

  @VersionColumn({ default: 1 })
  version!: number;
}

/**
 * One asset of an inventory's checklist: a snapshot of the asset when the checklist was opened (code,
 * name, class, status, location, formed value) and, once confirmed, what was found. A finding other
 * than PRESENT needs a note; STATUS_DIFFERS names the status observed.
 */
@Entity('inventory_item')
@Index('UQ_inventory_item_asset', ['inventoryId', 'assetId'], { unique: true })
@Index('IDX_inventory_item_location', ['inventoryId', 'locationCode', 'assetCode'])
@Index('IDX_inventory_item_asset', ['assetId'])
@Check('CK_inventory_item_asset_class', `"asset_class" IN (${ASSET_CLASS_SQL})`)
@Check('CK_inventory_item_asset_status', `"asset_status" IN (${ASSET_STATUS_SQL})`)
@Check('CK_inventory_item_finding', `"finding" IN (${INVENTORY_FINDING_SQL})`)
@Check(
  'CK_inventory_item_observed_status',
  `(coalesce("finding", '') = 'STATUS_DIFFERS') = ("observed_status" IS NOT NULL) AND ("observed_status" IS NULL OR "observed_status" IN (${ASSET_STATUS_SQL}))`,
)
@Check('CK_inventory_item_note', `"finding" IS NULL OR "finding" = 'PRESENT' OR "note" IS NOT NULL`)
@Check(
  'CK_inventory_item_confirmed',
  `("finding" IS NULL) = ("confirmed_by" IS NULL) AND ("finding" IS NULL) = ("confirmed_at" IS NULL)`,
)
export class InventoryItem {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_inventory_item' })
  id!: string;

  @Column({ type: 'uuid' })
  inventoryId!: string;

  @ManyToOne(() => Inventory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'inventory_id', foreignKeyConstraintName: 'FK_inventory_item_inventory' })
  inventory?: Relation<Inventory>;

  @Column({ type: 'uuid' })
  assetId!: string;

  @ManyToOne(() => Asset, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asset_id', foreignKeyConstraintName: 'FK_inventory_item_asset' })
  asset?: Relation<Asset>;

  @Column({ type: 'varchar', length: 64 })
  assetCode!: string;

  @Column({ type: 'varchar', length: 200 })
  assetName!: string;

  @Column({ type: 'varchar', length: 20 })
  assetClass!: AssetClass;

  /** The status the register held when the checklist was opened. */
  @Column({ type: 'varchar', length: 20 })
  assetStatus!: AssetStatus;

  /** Where the asset was (village or township) when the checklist was opened: decides who confirms. */
  @Column({ type: 'varchar', length: 12, collation: 'C' })
  locationCode!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'location_code', foreignKeyConstraintName: 'FK_inventory_item_location' })
  location?: Relation<Region>;

  /** 原值 when the checklist was opened. */
  @Column({ type: 'bigint', transformer: fenColumn })
  formedValue!: Fen;

  @Column({ type: 'varchar', length: 20, nullable: true })
  finding!: InventoryFinding | null;

  /** For STATUS_DIFFERS: the status found on the spot. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  observedStatus!: AssetStatus | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  evidence!: EvidenceRef[];

  @Column({ type: 'uuid', nullable: true })
  confirmedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'confirmed_by', foreignKeyConstraintName: 'FK_inventory_item_confirmed_by' })
  confirmer?: Relation<User> | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  @VersionColumn({ default: 1 })
  version!: number;
}

/**
 * A township's sign-off (乡镇签字确认) of its part of an inventory, once every item of it is confirmed,
 * with the counts it signed for. After it, the township's items can no longer be corrected.
 */
@Entity('inventory_sign_off')
@Check(
  'CK_inventory_sign_off_counts',
  `"present_count" >= 0 AND "missing_count" >= 0 AND "damaged_count" >= 0 AND "status_differs_count" >= 0 AND "total_count" = "present_count" + "missing_count" + "damaged_count" + "status_differs_count"`,
)
export class InventorySignOff {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_inventory_sign_off' })
  inventoryId!: string;

  @PrimaryColumn({
    type: 'varchar',
    length: 12,
    collation: 'C',
    primaryKeyConstraintName: 'PK_inventory_sign_off',
  })
  townshipCode!: string;

  @ManyToOne(() => Inventory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'inventory_id', foreignKeyConstraintName: 'FK_inventory_sign_off_inventory' })
  inventory?: Relation<Inventory>;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'township_code', foreignKeyConstraintName: 'FK_inventory_sign_off_township' })
  township?: Relation<Region>;

  @Column({ type: 'uuid' })
  signedBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'signed_by', foreignKeyConstraintName: 'FK_inventory_sign_off_signed_by' })
  signer?: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  signedAt!: Date;

  @Column({ type: 'integer' })
  totalCount!: number;

  @Column({ type: 'integer' })
  presentCount!: number;

  @Column({ type: 'integer' })
  missingCount!: number;

  @Column({ type: 'integer' })
  damagedCount!: number;

  @Column({ type: 'integer' })
  statusDiffersCount!: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;
}
