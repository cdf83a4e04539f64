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
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { Asset } from '@/assets/asset.entity';
import type { EvidenceRef } from '@/files/evidence-ref';

export enum OwnerType {
  VILLAGE_COLLECTIVE = 'VILLAGE_COLLECTIVE',
  TOWNSHIP = 'TOWNSHIP',
  DISTRICT_DEPARTMENT = 'DISTRICT_DEPARTMENT',
  HOUSEHOLD = 'HOUSEHOLD',
}

export enum ProposalStatus {
  PUBLICITY = 'PUBLICITY',
  CONFIRMED = 'CONFIRMED',
  REJECTED = 'REJECTED',
}

export enum ObjectionStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}

/**
 * A proposal to confirm (确权) who owns an asset and who maintains it. It is published (公示) for at
 * least the configured number of days; objections may be recorded during that window; then the
 * township or district confirms it (with a certificate number) or rejects it (with a reason).
 */
@Entity('ownership_proposal')
@Index('IDX_ownership_proposal_asset', ['assetId'])
@Index('UQ_ownership_proposal_open', ['assetId'], { unique: true, where: `"status" = 'PUBLICITY'` })
@Index('UQ_ownership_proposal_certificate', ['certificateNo'], {
  unique: true,
  where: `"certificate_no" IS NOT NULL`,
})
@Check('CK_ownership_proposal_status', `"status" IN ('PUBLICITY', 'CONFIRMED', 'REJECTED')`)
export class OwnershipProposal {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_ownership_proposal' })
  id!: string;

  @Column({ type: 'uuid' })
  assetId!: string;

  @ManyToOne(() => Asset, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asset_id', foreignKeyConstraintName: 'FK_ownership_proposal_asset' })
  asset?: Relation<Asset>;

  @Column({ type: 'varchar', length: 12 })
  status!: ProposalStatus;

  @Column({ type: 'varchar', length: 200 })
  managementEntity!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  managementResponsible!: string | null;

  @Column({ type: 'date' })
  publicityStart!: string;

  /** The first day confirmation is possible: start + the configured minimum days. */
  @Column({ type: 'date' })
  publicityEnd!: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  evidence!: EvidenceRef[];

  /** The publicity starts before the day the proposal was recorded (a notice already posted). */
  @Column({ type: 'boolean', default: false })
  backdated!: boolean;

  /** The photo or scan of the posted notice: required for a back-dated publicity, optional otherwise. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  noticeEvidence!: EvidenceRef[];

  /**
   * Whether `noticeEvidence` is part of the proposal's ledger state when the publicity is not back-dated
   * (a back-dated one always carries it). False only for the proposals recorded before it was (migration
   * 1795911560000): their entries name no notice, and their state stays what those entries hashed.
   */
  @Column({ type: 'boolean', default: true })
  noticeEvidenceOnLedger!: boolean;

  @Column({ type: 'uuid' })
  proposedBy!: string;

  @Column({ type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'date', nullable: true })
  decidedOn!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  certificateNo!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  rejectReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;
}

/** One proposed owner and its share, in basis points (10000 = 100%). */
@Entity('ownership_proposal_owner')
@Check(
  'CK_ownership_proposal_owner_type',
  `"owner_type" IN ('VILLAGE_COLLECTIVE', 'TOWNSHIP', 'DISTRICT_DEPARTMENT', 'HOUSEHOLD')`,
)
@Check('CK_ownership_proposal_owner_share', `"share_bp" > 0 AND "share_bp" <= 10000`)
export class OwnershipProposalOwner {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_ownership_proposal_owner' })
  proposalId!: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_ownership_proposal_owner' })
  position!: number;

  @ManyToOne(() => OwnershipProposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'FK_ownership_proposal_owner_proposal' })
  proposal?: Relation<OwnershipProposal>;

  @Column({ type: 'varchar', length: 24 })
  ownerType!: OwnerType;

  /** Region code (village collective, township), department code, or household registry number. */
  @Column({ type: 'varchar', length: 64 })
  ownerRef!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'integer' })
  shareBp!: number;
}

/** An objection raised during publicity; it must be resolved before the proposal is confirmed. */
@Entity('ownership_objection')
@Index('IDX_ownership_objection_proposal', ['proposalId'])
@Check('CK_ownership_objection_status', `"status" IN ('OPEN', 'RESOLVED')`)
export class OwnershipObjection {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_ownership_objection' })
  id!: string;

  @Column({ type: 'uuid' })
  proposalId!: string;

  @ManyToOne(() => OwnershipProposal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'FK_ownership_objection_proposal' })
  proposal?: Relation<OwnershipProposal>;

  @Column({ type: 'date' })
  raisedOn!: string;

  @Column({ type: 'varchar', length: 100 })
  objector!: string;

  @Column({ type: 'varchar', length: 2000 })
  content!: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  evidence!: EvidenceRef[];

  @Column({ type: 'uuid' })
  recordedBy!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: ObjectionStatus;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  resolution!: string | null;

  @Column({ type: 'uuid', nullable: true })
  resolvedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * Confirmed ownership, as history: each row is valid from a date until the next confirmation closes it
 * (valid_to). Rows are never overwritten; `recordedAt` is the system time of the confirmation.
 */
@Entity('asset_ownership')
@Index('IDX_asset_ownership_asset', ['assetId', 'validFrom'])
@Index('IDX_asset_ownership_current', ['assetId'], { where: `"valid_to" IS NULL` })
@Index('IDX_asset_ownership_owner_current', ['ownerRef'], { where: `"valid_to" IS NULL` })
@Check(
  'CK_asset_ownership_owner_type',
  `"owner_type" IN ('VILLAGE_COLLECTIVE', 'TOWNSHIP', 'DISTRICT_DEPARTMENT', 'HOUSEHOLD')`,
)
@Check('CK_asset_ownership_share', `"share_bp" > 0 AND "share_bp" <= 10000`)
export class AssetOwnership {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_asset_ownership' })
  id!: string;

  @Column({ type: 'uuid' })
  assetId!: string;

  @ManyToOne(() => Asset, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asset_id', foreignKeyConstraintName: 'FK_asset_ownership_asset' })
  asset?: Relation<Asset>;

  @Column({ type: 'uuid' })
  proposalId!: string;

  @ManyToOne(() => OwnershipProposal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'FK_asset_ownership_proposal' })
  proposal?: Relation<OwnershipProposal>;

  @Column({ type: 'varchar', length: 24 })
  ownerType!: OwnerType;

  /** A region code (village, township) or a household's registry number: compared byte by byte ("C"). */
  @Column({ type: 'varchar', length: 64, collation: 'C' })
  ownerRef!: string;

  @Column({ type: 'varchar', length: 200 })
  ownerName!: string;

  @Column({ type: 'integer' })
  shareBp!: number;

  @Column({ type: 'varchar', length: 200 })
  managementEntity!: string;

  @Column({ type: 'varchar', length: 64 })
  certificateNo!: string;

  @Column({ type: 'date' })
  validFrom!: string;

  @Column({ type: 'date', nullable: true })
  validTo!: string | null;

  /** System time of the confirmation that recorded this row. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  /** System time of the later confirmation that closed it. */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}

/**
 * How an asset's current owners are listed (largest share first), as SQL over `alias`: the one order of
 * the owners DataLoader and of the asset list's page joined to its owners.
 */
export const currentOwnersOrder = (alias: string): string =>
  `${alias}.share_bp DESC, ${alias}.owner_ref ASC, ${alias}.id ASC`;

/** How far back a publicity may start: configuration, versioned, on the ledger (like the other policies). */
@Entity('ownership_policy')
export class OwnershipPolicyVersion {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_ownership_policy' })
  version!: number;

  @Column({ type: 'jsonb' })
  rules!: OwnershipPolicyRules;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

export interface OwnershipPolicyRules {
  /** A publicity may start at most this many days before the proposal is recorded (with the notice's evidence). */
  publicityBackdateMaxDays: number;
}

export const DEFAULT_OWNERSHIP_POLICY: OwnershipPolicyRules = { publicityBackdateMaxDays: 30 };

export const OWNER_TYPE_NAMES: Record<OwnerType, string> = {
  [OwnerType.VILLAGE_COLLECTIVE]: '村集体',
  [OwnerType.TOWNSHIP]: '乡镇',
  [OwnerType.DISTRICT_DEPARTMENT]: '区级部门',
  [OwnerType.HOUSEHOLD]: '农户',
};

export const PROPOSAL_STATUS_NAMES: Record<ProposalStatus, string> = {
  [ProposalStatus.PUBLICITY]: '公示中',
  [ProposalStatus.CONFIRMED]: '已确权',
  [ProposalStatus.REJECTED]: '未通过',
};

export const OBJECTION_STATUS_NAMES: Record<ObjectionStatus, string> = {
  [ObjectionStatus.OPEN]: '待处理',
  [ObjectionStatus.RESOLVED]: '已处理',
};
