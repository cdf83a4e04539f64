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
import { AssetCategory } from '@/categories/asset-category.entity';
import { FundSource } from '@/projects/fund-source.enum';
import { Project } from '@/projects/project.entity';
import { Region } from '@/regions/region.entity';
import { AssetClass, AssetForm, AssetStatus, OperatingMode } from './asset.enums';

/** An asset (资产) in the register: what a project built, where it is, its value, who runs it. */
@Entity('asset')
@Index('UQ_asset_code', ['code'], { unique: true })
@Index('IDX_asset_location', ['locationCode'])
@Index('IDX_asset_project', ['projectId'])
@Index('IDX_asset_category', ['categoryCode'])
@Check('CK_asset_class', `"class" IN ('OPERATING', 'PUBLIC_WELFARE', 'HOUSEHOLD')`)
@Check('CK_asset_form', `"form" IN ('FIXED', 'BIOLOGICAL', 'EQUITY', 'DEBT_CLAIM', 'INTANGIBLE')`)
@Check('CK_asset_status', `"status" IN ('UNDER_CONSTRUCTION', 'IN_USE', 'IDLE', 'SUSPENDED', 'DISPOSED')`)
@Check('CK_asset_operating_mode', `"operating_mode" IN ('SELF_RUN', 'ENTRUSTED', 'LEASED', 'JOINT')`)
@Check('CK_asset_amounts', `"invested_amount" >= 0 AND "formed_value" >= 0`)
@Check(
  'CK_asset_beneficiaries',
  `"beneficiary_households" >= 0 AND "beneficiary_people" >= 0 AND "beneficiary_poor_households" >= 0 AND "beneficiary_poor_people" >= 0 AND "beneficiary_monitored_households" >= 0 AND "beneficiary_monitored_people" >= 0`,
)
export class Asset {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_asset' })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  class!: AssetClass;

  @Column({ type: 'varchar', length: 20 })
  form!: AssetForm;

  @Column({ type: 'varchar', length: 32, collation: 'C' })
  categoryCode!: string;

  @ManyToOne(() => AssetCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_code', foreignKeyConstraintName: 'FK_asset_category' })
  category?: Relation<AssetCategory>;

  @Column({ type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => Project, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'FK_asset_project' })
  project?: Relation<Project>;

  /** The village or township where the asset sits (can change with re-zoning). */
  @Column({ type: 'varchar', length: 12, collation: 'C' })
  locationCode!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'location_code', foreignKeyConstraintName: 'FK_asset_location' })
  location?: Relation<Region>;

  /** Exact decimal quantity as text ("1.500"), with its unit. */
  @Column({ type: 'numeric', precision: 18, scale: 3 })
  quantity!: string;

  @Column({ type: 'varchar', length: 16 })
  unit!: string;

  @Column({ type: 'bigint', transformer: fenColumn })
  investedAmount!: Fen;

  /** 原值: the value of the asset actually formed. */
  @Column({ type: 'bigint', transformer: fenColumn })
  formedValue!: Fen;

  @Column({ type: 'date', nullable: true })
  completionDate!: string | null;

  @Column({ type: 'date', nullable: true })
  acceptanceDate!: string | null;

  @Column({ type: 'date', nullable: true })
  handoverDate!: string | null;

  @Column({ type: 'varchar', length: 20 })
  status!: AssetStatus;

  /** When the status last changed (for "idle for more than N days"). */
  @Column({ type: 'date' })
  statusSince!: string;

  /** 管护主体 and its responsible person. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  managementEntity!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  managementResponsible!: string | null;

  /** 经营主体, operating mode and contract. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  operator!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  operatingMode!: OperatingMode | null;

  @Column({ type: 'date', nullable: true })
  contractStart!: string | null;

  @Column({ type: 'date', nullable: true })
  contractEnd!: string | null;

  /** Rent or dividend terms in words. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  contractTerms!: string | null;

  /** The agreed yearly rent or dividend, if fixed. */
  @Column({ type: 'bigint', nullable: true, transformer: fenColumn })
  contractAnnualAmount!: Fen | null;

  /** For EQUITY: the company invested in, the agreement and its maturity. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  investee!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  equityAgreementNo!: string | null;

  @Column({ type: 'date', nullable: true })
  equityMaturityDate!: string | null;

  /** For HOUSEHOLD assets: the household they were given to. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  householdRegistryNo!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  householdHeadName!: string | null;

  /** 建设内容 and 建设规模, as the project's documents state them. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  constructionContent!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  constructionScale!: string | null;

  /** Declared beneficiaries (受益户数/人数), of which formerly poor (脱贫) and monitored (监测). */
  @Column({ type: 'integer', nullable: true })
  beneficiaryHouseholds!: number | null;

  @Column({ type: 'integer', nullable: true })
  beneficiaryPeople!: number | null;

  @Column({ type: 'integer', nullable: true })
  beneficiaryPoorHouseholds!: number | null;

  @Column({ type: 'integer', nullable: true })
  beneficiaryPoorPeople!: number | null;

  @Column({ type: 'integer', nullable: true })
  beneficiaryMonitoredHouseholds!: number | null;

  @Column({ type: 'integer', nullable: true })
  beneficiaryMonitoredPeople!: number | null;

  /** 备注 */
  @Column({ type: 'varchar', length: 500, nullable: true })
  remarks!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;
}

/** How much of an asset's investment came from each fund source; they add up to the invested amount. */
@Entity('asset_fund_source')
@Index('IDX_asset_fund_source_source', ['source'])
@Check('CK_asset_fund_source_amount', `"amount" > 0`)
export class AssetFundSource {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_asset_fund_source' })
  assetId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'PK_asset_fund_source' })
  source!: FundSource;

  @ManyToOne(() => Asset, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'asset_id', foreignKeyConstraintName: 'FK_asset_fund_source_asset' })
  asset?: Relation<Asset>;

  @Column({ type: 'bigint', transformer: fenColumn })
  amount!: Fen;
}
