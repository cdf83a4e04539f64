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
import { Fen, fenColumn } from '@/common/scalars/money';
import { Asset } from '@/assets/asset.entity';
import type { EvidenceRef } from '@/files/evidence-ref';

/** 行业主管部门: the sector department that supervises an asset's upkeep. */
export enum IndustryDepartment {
  TRANSPORT = 'TRANSPORT',
  WATER_RESOURCES = 'WATER_RESOURCES',
  AGRICULTURE_RURAL = 'AGRICULTURE_RURAL',
  EDUCATION = 'EDUCATION',
  HEALTH = 'HEALTH',
  CULTURE_TOURISM = 'CULTURE_TOURISM',
  HOUSING_CONSTRUCTION = 'HOUSING_CONSTRUCTION',
  OTHER = 'OTHER',
}

/** 管护经费来源. */
export enum UpkeepFundingSource {
  VILLAGE_COLLECTIVE = 'VILLAGE_COLLECTIVE',
  SECTOR_FUNDS = 'SECTOR_FUNDS',
  ASSET_INCOME = 'ASSET_INCOME',
  FISCAL_SUBSIDY = 'FISCAL_SUBSIDY',
  OPERATOR = 'OPERATOR',
  OTHER = 'OTHER',
}

/** 巡查发现的状况. */
export enum UpkeepCondition {
  GOOD = 'GOOD',
  FAIR = 'FAIR',
  DAMAGED = 'DAMAGED',
  LOST = 'LOST',
}

/** 维修资金由谁支付. */
export enum RepairPayer {
  VILLAGE_FUNDS = 'VILLAGE_FUNDS',
  SECTOR_FUNDS = 'SECTOR_FUNDS',
  UPKEEP_ALLOCATION = 'UPKEEP_ALLOCATION',
  OPERATOR = 'OPERATOR',
  OTHER = 'OTHER',
}

export const INDUSTRY_DEPARTMENT_NAMES: Record<IndustryDepartment, string> = {
  [IndustryDepartment.TRANSPORT]: '交通',
  [IndustryDepartment.WATER_RESOURCES]: '水利',
  [IndustryDepartment.AGRICULTURE_RURAL]: '农业农村',
  [IndustryDepartment.EDUCATION]: '教育',
  [IndustryDepartment.HEALTH]: '卫生健康',
  [IndustryDepartment.CULTURE_TOURISM]: '文化旅游',
  [IndustryDepartment.HOUSING_CONSTRUCTION]: '住房城乡建设',
  [IndustryDepartment.OTHER]: '其他',
};

export const UPKEEP_FUNDING_SOURCE_NAMES: Record<UpkeepFundingSource, string> = {
  [UpkeepFundingSource.VILLAGE_COLLECTIVE]: '村集体经济组织自筹',
  [UpkeepFundingSource.SECTOR_FUNDS]: '行业部门管护资金',
  [UpkeepFundingSource.ASSET_INCOME]: '资产收益（管护分配）',
  [UpkeepFundingSource.FISCAL_SUBSIDY]: '财政管护补助',
  [UpkeepFundingSource.OPERATOR]: '经营主体承担',
  [UpkeepFundingSource.OTHER]: '其他',
};

export const UPKEEP_CONDITION_NAMES: Record<UpkeepCondition, string> = {
  [UpkeepCondition.GOOD]: '完好',
  [UpkeepCondition.FAIR]: '一般',
  [UpkeepCondition.DAMAGED]: '损坏',
  [UpkeepCondition.LOST]: '灭失',
};

export const REPAIR_PAYER_NAMES: Record<RepairPayer, string> = {
  [RepairPayer.VILLAGE_FUNDS]: '村集体资金',
  [RepairPayer.SECTOR_FUNDS]: '行业部门资金',
  [RepairPayer.UPKEEP_ALLOCATION]: '收益分配方案中的资产管护资金',
  [RepairPayer.OPERATOR]: '经营主体',
  [RepairPayer.OTHER]: '其他',
};

/**
 * An asset's upkeep duty (管护责任): the body and person responsible, the industry department in
 * charge, where the upkeep money comes from. One row per asset; its history is on the ledger. When
 * recorded it supersedes the asset's own managementEntity / managementResponsible text fields.
 */
@Entity('upkeep_duty')
@Check(
  'CK_upkeep_duty_department',
  `"department" IN ('TRANSPORT', 'WATER_RESOURCES', 'AGRICULTURE_RURAL', 'EDUCATION', 'HEALTH', 'CULTURE_TOURISM', 'HOUSING_CONSTRUCTION', 'OTHER')`,
)
@Check(
  'CK_upkeep_duty_funding',
  `"funding_source" IN ('VILLAGE_COLLECTIVE', 'SECTOR_FUNDS', 'ASSET_INCOME', 'FISCAL_SUBSIDY', 'OPERATOR', 'OTHER')`,
)
export class UpkeepDuty {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_upkeep_duty' })
  assetId!: string;

  @ManyToOne(() => Asset, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asset_id', foreignKeyConstraintName: 'FK_upkeep_duty_asset' })
  asset?: Relation<Asset>;

  /** Where the asset was when the duty was last set (scopes the duty's ledger entries). */
  @Column({ type: 'varchar', length: 12, collation: 'C' })
  regionCode!: string;

  /** 管护主体. */
  @Column({ type: 'varchar', length: 200 })
  body!: string;

  /** 管护责任人. */
  @Column({ type: 'varchar', length: 100 })
  person!: string;

  /** The responsible person's phone: personal data, masked to most readers, never on the ledger. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  phone!: string | null;

  /** Salt of the phone's digest on the ledger (see households/phone.ts). */
  @Column({ type: 'bytea' })
  phoneSalt!: Buffer;

  @Column({ type: 'varchar', length: 24 })
  department!: IndustryDepartment;

  @Column({ type: 'varchar', length: 24 })
  fundingSource!: UpkeepFundingSource;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'uuid' })
  updatedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;
}

/** One inspection (巡查) of an asset: when, by whom, the condition found, photos and notes. */
@Entity('upkeep_inspection')
@Index('IDX_upkeep_inspection_asset', ['assetId', 'inspectedOn'])
@Index('IDX_upkeep_inspection_region', ['regionCode'])
@Check('CK_upkeep_inspection_condition', `"condition" IN ('GOOD', 'FAIR', 'DAMAGED', 'LOST')`)
export class UpkeepInspection {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_upkeep_inspection' })
  id!: string;

  @Column({ type: 'uuid' })
  assetId!: string;

  @ManyToOne(() => Asset, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asset_id', foreignKeyConstraintName: 'FK_upkeep_inspection_asset' })
  asset?: Relation<Asset>;

  /** Where the asset was when inspected (scopes who sees the record). */
  @Column({ type: 'varchar', length: 12, collation: 'C' })
  regionCode!: string;

  @Column({ type: 'date' })
  inspectedOn!: string;

  @Column({ type: 'varchar', length: 100 })
  inspector!: string;

  @Column({ type: 'varchar', length: 10 })
  condition!: UpkeepCondition;

  @Column({ type: 'jsonb' })
  photos!: EvidenceRef[];

  @Column({ type: 'varchar', length: 2000, nullable: true })
  notes!: string | null;

  @Column({ type: 'uuid' })
  recordedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** One repair of an asset: what was done, what it cost, who paid (possibly an ASSET_UPKEEP allocation). */
@Entity('upkeep_repair')
@Index('IDX_upkeep_repair_asset', ['assetId', 'repairedOn'])
@Index('IDX_upkeep_repair_region', ['regionCode'])
@Index('IDX_upkeep_repair_allocation', ['allocationId'])
@Check(
  'CK_upkeep_repair_payer',
  `"paid_by" IN ('VILLAGE_FUNDS', 'SECTOR_FUNDS', 'UPKEEP_ALLOCATION', 'OPERATOR', 'OTHER')`,
)
@Check('CK_upkeep_repair_allocation', `("paid_by" = 'UPKEEP_ALLOCATION') = ("allocation_id" IS NOT NULL)`)
@Check('CK_upkeep_repair_cost', `"cost" > 0`)
export class UpkeepRepair {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_upkeep_repair' })
  id!: string;

  @Column({ type: 'uuid' })
  assetId!: string;

  @ManyToOne(() => Asset, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asset_id', foreignKeyConstraintName: 'FK_upkeep_repair_asset' })
  asset?: Relation<Asset>;

  @Column({ type: 'varchar', length: 12, collation: 'C' })
  regionCode!: string;

  /** The inspection that found the damage this repair fixes, if any. */
  @Column({ type: 'uuid', nullable: true })
  inspectionId!: string | null;

  @ManyToOne(() => UpkeepInspection, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'inspection_id', foreignKeyConstraintName: 'FK_upkeep_repair_inspection' })
  inspection?: Relation<UpkeepInspection> | null;

  @Column({ type: 'date' })
  repairedOn!: string;

  @Column({ type: 'varchar', length: 1000 })
  description!: string;

  @Column({ type: 'bigint', transformer: fenColumn })
  cost!: Fen;

  @Column({ type: 'varchar', length: 24 })
  paidBy!: RepairPayer;

  /** The ASSET_UPKEEP allocation of a filed distribution plan that paid (distribution_allocation.id). */
  @Column({ type: 'uuid', nullable: true })
  allocationId!: string | null;

  /** Who paid, in words (the department, the operator …). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  payerNote!: string | null;

  @Column({ type: 'jsonb' })
  evidence!: EvidenceRef[];

  @Column({ type: 'uuid' })
  recordedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** How often each class of asset must be inspected, and how soon damage must be repaired: versioned. */
@Entity('upkeep_policy')
export class UpkeepPolicyVersion {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_upkeep_policy' })
  version!: number;

  @Column({ type: 'jsonb' })
  rules!: UpkeepPolicyRules;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

export interface UpkeepPolicyRules {
  /** Longest gap between inspections, in days, per asset class (OPERATING, PUBLIC_WELFARE, HOUSEHOLD). */
  inspectionDays: Record<string, number>;
  /** Days within which damage found by an inspection must be repaired. */
  repairDays: number;
  /**
   * The day the inspection cycle started: an asset never inspected counts as overdue from this day
   * (or its handover, whichever is later) plus its class's period.
   */
  cycleStart: string;
}

export const DEFAULT_UPKEEP_RULES: Omit<UpkeepPolicyRules, 'cycleStart'> = {
  inspectionDays: { OPERATING: 90, PUBLIC_WELFARE: 90, HOUSEHOLD: 365 },
  repairDays: 30,
};
