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

export enum DisposalMethod {
  AUCTION = 'AUCTION',
  TRANSFER = 'TRANSFER',
  CHANGE_OF_USE = 'CHANGE_OF_USE',
  SUSPENSION = 'SUSPENSION',
  LOSS_WRITE_OFF = 'LOSS_WRITE_OFF',
  SCRAP = 'SCRAP',
}

export enum DisposalReason {
  DISASTER = 'DISASTER',
  DEMOLITION = 'DEMOLITION',
  END_OF_LIFE = 'END_OF_LIFE',
  UNSAFE = 'UNSAFE',
  IDLE_OR_POOR_RETURNS = 'IDLE_OR_POOR_RETURNS',
  EQUITY_EXPIRED = 'EQUITY_EXPIRED',
  OTHER = 'OTHER',
}

export enum DisposalStatus {
  PENDING_TOWNSHIP = 'PENDING_TOWNSHIP',
  PENDING_DISTRICT = 'PENDING_DISTRICT',
  RETURNED = 'RETURNED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
  COMPLETED = 'COMPLETED',
}

export enum ReviewLevel {
  TOWNSHIP = 'TOWNSHIP',
  DISTRICT = 'DISTRICT',
}

export enum ReviewDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  RETURN = 'RETURN',
}

/** States in which a request holds its asset: no second request, no change of owner or of what it concerns. */
export const OPEN_DISPOSAL_STATUSES = [
  DisposalStatus.PENDING_TOWNSHIP,
  DisposalStatus.PENDING_DISTRICT,
  DisposalStatus.RETURNED,
  DisposalStatus.APPROVED,
];

export interface DisposalEvidence {
  appraisal: EvidenceRef[];
  resolution: EvidenceRef[];
  other: EvidenceRef[];
}

/** A request to dispose of an asset (资产处置), reviewed by the township and, where policy says, the district. */
@Entity('disposal_request')
@Index('IDX_disposal_request_asset', ['assetId'])
// The proceeds income of one completed disposal: looked up from each page of income records.
@Index('UQ_disposal_request_proceeds', ['proceedsIncomeId'], {
  unique: true,
  where: `"proceeds_income_id" IS NOT NULL`,
})
@Index('UQ_disposal_request_open', ['assetId'], {
  unique: true,
  where: `"status" IN ('PENDING_TOWNSHIP', 'PENDING_DISTRICT', 'RETURNED', 'APPROVED')`,
})
@Check(
  'CK_disposal_request_method',
  `"method" IN ('AUCTION', 'TRANSFER', 'CHANGE_OF_USE', 'SUSPENSION', 'LOSS_WRITE_OFF', 'SCRAP')`,
)
@Check(
  'CK_disposal_request_reason',
  `"reason_code" IN ('DISASTER', 'DEMOLITION', 'END_OF_LIFE', 'UNSAFE', 'IDLE_OR_POOR_RETURNS', 'EQUITY_EXPIRED', 'OTHER')`,
)
@Check(
  'CK_disposal_request_status',
  `"status" IN ('PENDING_TOWNSHIP', 'PENDING_DISTRICT', 'RETURNED', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'COMPLETED')`,
)
@Check('CK_disposal_request_level', `"deciding_level" IN ('TOWNSHIP', 'DISTRICT')`)
@Check('CK_disposal_request_amounts', `"appraised_value" >= 0 AND ("proceeds" IS NULL OR "proceeds" >= 0)`)
export class DisposalRequest {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_disposal_request' })
  id!: string;

  @Column({ type: 'uuid' })
  assetId!: string;

  @ManyToOne(() => Asset, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asset_id', foreignKeyConstraintName: 'FK_disposal_request_asset' })
  asset?: Relation<Asset>;

  /** Where the asset was when requested (scopes who sees the request). */
  @Column({ type: 'varchar', length: 12, collation: 'C' })
  regionCode!: string;

  @Column({ type: 'varchar', length: 20 })
  method!: DisposalMethod;

  @Column({ type: 'varchar', length: 24 })
  reasonCode!: DisposalReason;

  @Column({ type: 'varchar', length: 2000 })
  reasonText!: string;

  @Column({ type: 'bigint', transformer: fenColumn })
  appraisedValue!: Fen;

  @Column({ type: 'jsonb' })
  evidence!: DisposalEvidence;

  @Column({ type: 'varchar', length: 20 })
  status!: DisposalStatus;

  /** The level whose approval is final, decided by the disposal policy in force when requested. */
  @Column({ type: 'varchar', length: 10 })
  decidingLevel!: ReviewLevel;

  @Column({ type: 'integer' })
  policyVersion!: number;

  /** When the current review step started (its deadline counts from here). */
  @Column({ type: 'timestamptz' })
  stepStartedAt!: Date;

  @Column({ type: 'uuid' })
  requestedBy!: string;

  @Column({ type: 'date', nullable: true })
  completedOn!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: fenColumn })
  proceeds!: Fen | null;

  /** Where the proceeds went: the owners' income (collectives), or the district treasury. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  proceedsDestination!: string | null;

  @Column({ type: 'uuid', nullable: true })
  proceedsIncomeId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;
}

/** One decision on one step. `step` numbers the review steps of a request; one decision per step. */
@Entity('disposal_review')
@Index('UQ_disposal_review_step', ['requestId', 'step'], { unique: true })
@Check('CK_disposal_review_level', `"level" IN ('TOWNSHIP', 'DISTRICT')`)
@Check('CK_disposal_review_decision', `"decision" IN ('APPROVE', 'REJECT', 'RETURN')`)
export class DisposalReview {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_disposal_review' })
  id!: string;

  @Column({ type: 'uuid' })
  requestId!: string;

  @ManyToOne(() => DisposalRequest, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'FK_disposal_review_request' })
  request?: Relation<DisposalRequest>;

  @Column({ type: 'integer' })
  step!: number;

  @Column({ type: 'varchar', length: 10 })
  level!: ReviewLevel;

  @Column({ type: 'varchar', length: 10 })
  decision!: ReviewDecision;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  comment!: string | null;

  @Column({ type: 'uuid' })
  reviewerId!: string;

  /** The snapshot hash the reviewer saw (and the decision is bound to). */
  @Column({ type: 'varchar', length: 64 })
  snapshotHash!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** Which level decides, and review deadlines: configuration, versioned, on the ledger. */
@Entity('disposal_policy')
export class DisposalPolicyVersion {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_disposal_policy' })
  version!: number;

  @Column({ type: 'jsonb' })
  rules!: DisposalPolicyRules;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

export interface DisposalPolicyRules {
  /** The district decides from this formed value (fen, as a decimal string), null = never by value. */
  districtFromFormedValue: string | null;
  /** … or from this appraised value. */
  districtFromAppraisedValue: string | null;
  /** … and always for these methods. */
  districtMethods: DisposalMethod[];
  townshipReviewDays: number;
  districtReviewDays: number;
}

/** "The district decides from ¥50,000 formed value, and always for TRANSFER and AUCTION." */
export const DEFAULT_DISPOSAL_POLICY: DisposalPolicyRules = {
  districtFromFormedValue: '5000000',
  districtFromAppraisedValue: '5000000',
  districtMethods: [DisposalMethod.TRANSFER, DisposalMethod.AUCTION],
  townshipReviewDays: 15,
  districtReviewDays: 20,
};

export const DISPOSAL_METHOD_NAMES: Record<DisposalMethod, string> = {
  [DisposalMethod.AUCTION]: '拍卖',
  [DisposalMethod.TRANSFER]: '转让',
  [DisposalMethod.CHANGE_OF_USE]: '转产',
  [DisposalMethod.SUSPENSION]: '报停',
  [DisposalMethod.LOSS_WRITE_OFF]: '报损',
  [DisposalMethod.SCRAP]: '报废',
};

export const DISPOSAL_REASON_NAMES: Record<DisposalReason, string> = {
  [DisposalReason.DISASTER]: '自然灾害或意外事故',
  [DisposalReason.DEMOLITION]: '规划拆迁',
  [DisposalReason.END_OF_LIFE]: '使用年限届满',
  [DisposalReason.UNSAFE]: '存在安全隐患',
  [DisposalReason.IDLE_OR_POOR_RETURNS]: '闲置或收益低下',
  [DisposalReason.EQUITY_EXPIRED]: '股权协议到期',
  [DisposalReason.OTHER]: '其他',
};

export const DISPOSAL_STATUS_NAMES: Record<DisposalStatus, string> = {
  [DisposalStatus.PENDING_TOWNSHIP]: '待乡镇审核',
  [DisposalStatus.PENDING_DISTRICT]: '待区级审批',
  [DisposalStatus.RETURNED]: '已退回修改',
  [DisposalStatus.APPROVED]: '已批准，待实施',
  [DisposalStatus.REJECTED]: '未获批准',
  [DisposalStatus.WITHDRAWN]: '已撤回',
  [DisposalStatus.COMPLETED]: '已处置完毕',
};

export const REVIEW_LEVEL_NAMES: Record<ReviewLevel, string> = {
  [ReviewLevel.TOWNSHIP]: '乡镇',
  [ReviewLevel.DISTRICT]: '区级',
};

export const REVIEW_DECISION_NAMES: Record<ReviewDecision, string> = {
  [ReviewDecision.APPROVE]: '同意',
  [ReviewDecision.REJECT]: '不同意',
  [ReviewDecision.RETURN]: '退回',
};
