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
import type { EvidenceRef } from '@/files/evidence-ref';
import { Household } from '@/households/household.entity';
import { IncomeRecord } from '@/income/income.entity';
import { Region } from '@/regions/region.entity';

/** Where distributed income may go (allowed uses of asset income). */
export enum DistributionChannel {
  PUBLIC_WELFARE_JOB_WAGES = 'PUBLIC_WELFARE_JOB_WAGES',
  SMALL_PUBLIC_WORKS = 'SMALL_PUBLIC_WORKS',
  AWARDS_SUBSIDIES = 'AWARDS_SUBSIDIES',
  SUPPORT_NO_LABOUR_CAPACITY = 'SUPPORT_NO_LABOUR_CAPACITY',
  ASSET_UPKEEP = 'ASSET_UPKEEP',
  COLLECTIVE_ECONOMY = 'COLLECTIVE_ECONOMY',
  RESERVE_FUND = 'RESERVE_FUND',
}

export enum PlanStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  FILED = 'FILED',
  COMPLETED = 'COMPLETED',
}

/** The four deliberations and the publication of 四议两公开, with the files that show them. */
export interface DecisionEvidence {
  partyBranchProposalOn: string;
  twoCommitteesDiscussionOn: string;
  partyMembersReviewOn: string;
  representativesDecisionOn: string;
  decisionPublishedOn: string;
  files: EvidenceRef[];
}

/** A village's income distribution plan (收益分配方案). */
@Entity('distribution_plan')
@Index('IDX_distribution_plan_village', ['villageCode', 'status'])
@Check('CK_distribution_plan_status', `"status" IN ('DRAFT', 'SUBMITTED', 'FILED', 'COMPLETED')`)
@Check('CK_distribution_plan_amount', `"amount" > 0`)
export class DistributionPlan {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_distribution_plan' })
  id!: string;

  @Column({ type: 'varchar', length: 12, collation: 'C' })
  villageCode!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'village_code', foreignKeyConstraintName: 'FK_distribution_plan_village' })
  village?: Relation<Region>;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'bigint', transformer: fenColumn })
  amount!: Fen;

  /** The date the plan is for: beneficiaries must be eligible on it. */
  @Column({ type: 'date' })
  planDate!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: PlanStatus;

  @Column({ type: 'jsonb', nullable: true })
  decision!: DecisionEvidence | null;

  /** The policy version the plan was checked against when submitted. */
  @Column({ type: 'integer', nullable: true })
  policyVersion!: number | null;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @Column({ type: 'uuid', nullable: true })
  submittedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  filedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  filedAt!: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  returnReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  /**
   * Where the plan's money comes from, as asked for in the draft: income records or assets (oldest
   * income first) with amounts; null = the village's income, oldest first. Resolved into
   * {@link DistributionPlanIncome} links when the plan is submitted.
   */
  @Column({ type: 'jsonb', nullable: true })
  incomeRequest!: PlanIncomeRequest[] | null;

  /** 结果公开: the day the village published the result of the completed plan, and the evidence. */
  @Column({ type: 'date', nullable: true })
  resultPublishedOn!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  resultEvidence!: EvidenceRef[] | null;

  @Column({ type: 'uuid', nullable: true })
  resultRecordedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;
}

@Entity('distribution_allocation')
@Index('IDX_distribution_allocation_plan', ['planId'])
@Check(
  'CK_distribution_allocation_channel',
  `"channel" IN ('PUBLIC_WELFARE_JOB_WAGES', 'SMALL_PUBLIC_WORKS', 'AWARDS_SUBSIDIES', 'SUPPORT_NO_LABOUR_CAPACITY', 'ASSET_UPKEEP', 'COLLECTIVE_ECONOMY', 'RESERVE_FUND')`,
)
@Check('CK_distribution_allocation_amount', `"amount" > 0`)
export class DistributionAllocation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_distribution_allocation' })
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => DistributionPlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'FK_distribution_allocation_plan' })
  plan?: Relation<DistributionPlan>;

  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'varchar', length: 32 })
  channel!: DistributionChannel;

  @Column({ type: 'bigint', transformer: fenColumn })
  amount!: Fen;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;
}

@Entity('distribution_beneficiary')
@Index('IDX_distribution_beneficiary_household', ['householdId'])
@Check('CK_distribution_beneficiary_amount', `"amount" > 0`)
export class DistributionBeneficiary {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_distribution_beneficiary' })
  allocationId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_distribution_beneficiary' })
  householdId!: string;

  @ManyToOne(() => DistributionAllocation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'allocation_id', foreignKeyConstraintName: 'FK_distribution_beneficiary_allocation' })
  allocation?: Relation<DistributionAllocation>;

  @ManyToOne(() => Household, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'FK_distribution_beneficiary_household' })
  household?: Relation<Household>;

  @Column({ type: 'bigint', transformer: fenColumn })
  amount!: Fen;
}

/** One line of a plan's income request: a record, or an asset's undistributed income oldest first. */
export interface PlanIncomeRequest {
  incomeId: string | null;
  assetId: string | null;
  /** Fen, as a decimal string (jsonb has no bigint). */
  amount: string;
}

/**
 * Which income a submitted (filed, completed) plan distributes: the amount taken from each income
 * record, in fen; they add up to the plan's amount. Written at submission, removed if the plan is
 * returned to draft.
 */
@Entity('distribution_plan_income')
@Index('IDX_distribution_plan_income_income', ['incomeId'])
@Check('CK_distribution_plan_income_amount', `"amount" > 0`)
export class DistributionPlanIncome {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_distribution_plan_income' })
  planId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_distribution_plan_income' })
  incomeId!: string;

  @ManyToOne(() => DistributionPlan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'FK_distribution_plan_income_plan' })
  plan?: Relation<DistributionPlan>;

  @ManyToOne(() => IncomeRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'income_id', foreignKeyConstraintName: 'FK_distribution_plan_income_income' })
  income?: Relation<IncomeRecord>;

  @Column({ type: 'bigint', transformer: fenColumn })
  amount!: Fen;
}

/** Money actually paid out of an allocation of a filed plan (to a beneficiary household, if it has any). */
@Entity('distribution_payout')
@Index('IDX_distribution_payout_allocation', ['allocationId'])
@Index('IDX_distribution_payout_household', ['householdId'])
@Check('CK_distribution_payout_amount', `"amount" > 0`)
export class DistributionPayout {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_distribution_payout' })
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => DistributionPlan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'FK_distribution_payout_plan' })
  plan?: Relation<DistributionPlan>;

  @Column({ type: 'uuid' })
  allocationId!: string;

  @ManyToOne(() => DistributionAllocation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'allocation_id', foreignKeyConstraintName: 'FK_distribution_payout_allocation' })
  allocation?: Relation<DistributionAllocation>;

  /** The household paid: required when the allocation has beneficiaries, and one of them. */
  @Column({ type: 'uuid', nullable: true })
  householdId!: string | null;

  @ManyToOne(() => Household, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'FK_distribution_payout_household' })
  household?: Relation<Household>;

  @Column({ type: 'bigint', transformer: fenColumn })
  amount!: Fen;

  @Column({ type: 'date' })
  paidOn!: string;

  /** The bank transfer or 一卡通 (social-benefit card) reference of the payment. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  bankReference!: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  evidence!: EvidenceRef[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'uuid' })
  recordedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** The district's distribution policy, versioned: a plan is checked against the version in force when submitted. */
@Entity('distribution_policy')
export class DistributionPolicyVersion {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_distribution_policy' })
  version!: number;

  @Column({ type: 'jsonb' })
  rules!: PolicyRules;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** Shares in basis points of the plan amount (10000 = 100%). */
export interface PolicyRules {
  channelLimits: Array<{ channel: DistributionChannel; minBp: number | null; maxBp: number | null }>;
  forbiddenChannels: DistributionChannel[];
  /** Refuse an equal per-household or per-person cash split across all the village's households (一分了之). */
  banEqualSplit: boolean;
  /** At least this many decision files (the resolution, the publication photo …). */
  minDecisionFiles: number;
}

export const DEFAULT_POLICY: PolicyRules = {
  channelLimits: [
    { channel: DistributionChannel.RESERVE_FUND, minBp: null, maxBp: 3000 },
    { channel: DistributionChannel.ASSET_UPKEEP, minBp: null, maxBp: 2000 },
    { channel: DistributionChannel.COLLECTIVE_ECONOMY, minBp: null, maxBp: 3000 },
  ],
  forbiddenChannels: [],
  banEqualSplit: true,
  minDecisionFiles: 1,
};

export const CHANNEL_NAMES: Record<DistributionChannel, string> = {
  [DistributionChannel.PUBLIC_WELFARE_JOB_WAGES]: '公益性岗位工资',
  [DistributionChannel.SMALL_PUBLIC_WORKS]: '小型公益事业',
  [DistributionChannel.AWARDS_SUBSIDIES]: '奖励补助',
  [DistributionChannel.SUPPORT_NO_LABOUR_CAPACITY]: '无劳动能力户帮扶',
  [DistributionChannel.ASSET_UPKEEP]: '资产管护',
  [DistributionChannel.COLLECTIVE_ECONOMY]: '发展村集体经济',
  [DistributionChannel.RESERVE_FUND]: '提取公积公益金',
};

/** Only plans past the village's decision are published; a submitted one awaits the township's filing. */
export const PLAN_STATUS_NAMES: Record<PlanStatus, string> = {
  [PlanStatus.DRAFT]: '草稿',
  [PlanStatus.SUBMITTED]: '待备案',
  [PlanStatus.FILED]: '已备案',
  [PlanStatus.COMPLETED]: '已兑付完毕',
};
