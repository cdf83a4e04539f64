import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { registerLabelledEnum } from '@/common/i18n/enum-labels';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Fen, LocalDateScalarType, MoneyScalarType } from '@/common/scalars';
import { IdempotencyKeyField } from '@/common/validation/idempotency-key';
import { IsMoney } from '@/common/validation/money.validators';
import { EvidenceRefType } from '@/files/evidence-ref';
import {
  DisposalMethod,
  DisposalPolicyVersion,
  DisposalReason,
  DisposalRequest,
  DisposalReview,
  DisposalStatus,
  ReviewDecision,
  ReviewLevel,
  DISPOSAL_METHOD_NAMES,
  DISPOSAL_REASON_NAMES,
  DISPOSAL_STATUS_NAMES,
  REVIEW_DECISION_NAMES,
  REVIEW_LEVEL_NAMES,
} from './disposal.entity';
import { IsRegionCode } from '@/common/validation/region-code.validator';

registerLabelledEnum(DisposalMethod, {
  name: 'DisposalMethod',
  description: '处置方式：拍卖 / 转让 / 转产 / 报停 / 报损 / 报废',
  labels: DISPOSAL_METHOD_NAMES,
});
registerLabelledEnum(DisposalReason, {
  name: 'DisposalReason',
  description: '处置原因',
  labels: DISPOSAL_REASON_NAMES,
});
registerLabelledEnum(DisposalStatus, {
  name: 'DisposalStatus',
  description: '处置申请状态',
  labels: DISPOSAL_STATUS_NAMES,
});
registerLabelledEnum(ReviewLevel, {
  name: 'ReviewLevel',
  description: '审核层级',
  labels: REVIEW_LEVEL_NAMES,
});
registerLabelledEnum(ReviewDecision, {
  name: 'ReviewDecision',
  description: '审核意见',
  labels: REVIEW_DECISION_NAMES,
});

@InputType()
export class DisposalEvidenceInput {
  @Field(() => [ID], { description: 'The appraisal (评估报告).' })
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  appraisalFileIds!: string[];

  @Field(() => [ID], { description: "The owner's democratic resolution (民主决议)." })
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  resolutionFileIds!: string[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  otherFileIds?: string[];
}

@InputType()
export class RequestDisposalInput {
  @Field(() => ID)
  @IsUUID()
  assetId!: string;

  @Field(() => DisposalMethod)
  @IsEnum(DisposalMethod)
  method!: DisposalMethod;

  @Field(() => DisposalReason)
  @IsEnum(DisposalReason)
  reasonCode!: DisposalReason;

  @Field()
  @IsString()
  @Length(1, 2000)
  reasonText!: string;

  @Field(() => MoneyScalarType)
  @IsMoney()
  appraisedValue!: Fen;

  @Field(() => DisposalEvidenceInput)
  @ValidateNested()
  @Type(() => DisposalEvidenceInput)
  evidence!: DisposalEvidenceInput;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType()
export class DisposalChangesInput {
  @Field(() => DisposalMethod, { nullable: true })
  @IsOptional()
  @IsEnum(DisposalMethod)
  method?: DisposalMethod;

  @Field(() => DisposalReason, { nullable: true })
  @IsOptional()
  @IsEnum(DisposalReason)
  reasonCode?: DisposalReason;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reasonText?: string;

  @Field(() => MoneyScalarType, { nullable: true })
  @IsOptional()
  @IsMoney()
  appraisedValue?: Fen;

  @Field(() => DisposalEvidenceInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DisposalEvidenceInput)
  evidence?: DisposalEvidenceInput;
}

@ArgsType()
export class UpdateDisposalArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => DisposalChangesInput)
  @ValidateNested()
  @Type(() => DisposalChangesInput)
  changes!: DisposalChangesInput;
}

@ArgsType()
export class ReviewDisposalArgs {
  @Field(() => ID)
  @IsUUID()
  requestId!: string;

  @Field(() => ReviewDecision)
  @IsEnum(ReviewDecision)
  decision!: ReviewDecision;

  @Field({ nullable: true, description: 'Mandatory for REJECT and RETURN.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @Field({
    description: 'The snapshotHash of the request as you reviewed it; if anything changed since, CONFLICT.',
  })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, {
    message: 'expectedSnapshotHash must be the 64 hex characters of snapshotHash',
  })
  expectedSnapshotHash!: string;
}

@ArgsType()
export class CompleteDisposalArgs {
  @Field(() => ID)
  @IsUUID()
  requestId!: string;

  @Field(() => LocalDateScalarType)
  @IsString()
  completedOn!: string;

  @Field(() => MoneyScalarType, {
    description: 'What the disposal brought in (0 for a write-off or scrap without value).',
  })
  @IsMoney()
  proceeds!: Fen;

  @Field(() => [ID], {
    nullable: true,
    description: 'The contract, the payment receipt, the scrapping record …',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  evidenceFileIds?: string[];
}

@ArgsType()
export class DisposalIdArgs {
  @Field(() => ID)
  @IsUUID()
  requestId!: string;
}

@InputType()
export class DisposalFilter {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  @IsRegionCode()
  regionCode?: string;

  @Field(() => [DisposalStatus], { nullable: true })
  @IsOptional()
  @IsEnum(DisposalStatus, { each: true })
  @ArrayMaxSize(7)
  status?: DisposalStatus[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  assetId?: string;
}

@ArgsType()
export class DisposalsArgs {
  @Field(() => DisposalFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DisposalFilter)
  filter?: DisposalFilter;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  first?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;
}

@InputType()
export class DisposalPolicyInput {
  @Field(() => MoneyScalarType, {
    nullable: true,
    description: 'The district decides from this formed value.',
  })
  @IsOptional()
  @IsMoney()
  districtFromFormedValue?: Fen;

  @Field(() => MoneyScalarType, {
    nullable: true,
    description: 'The district decides from this appraised value.',
  })
  @IsOptional()
  @IsMoney()
  districtFromAppraisedValue?: Fen;

  @Field(() => [DisposalMethod], { description: 'Methods the district always decides.' })
  @ArrayMaxSize(6)
  @IsEnum(DisposalMethod, { each: true })
  districtMethods!: DisposalMethod[];

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(365)
  townshipReviewDays!: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(365)
  districtReviewDays!: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

@ObjectType('DisposalEvidence')
export class DisposalEvidenceType {
  @Field(() => [EvidenceRefType])
  appraisal!: EvidenceRefType[];

  @Field(() => [EvidenceRefType])
  resolution!: EvidenceRefType[];

  @Field(() => [EvidenceRefType])
  other!: EvidenceRefType[];
}

@ObjectType('DisposalReview')
export class DisposalReviewType {
  @Field(() => Int)
  step!: number;

  @Field(() => ReviewLevel)
  level!: ReviewLevel;

  @Field(() => ReviewDecision)
  decision!: ReviewDecision;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => ID)
  reviewerId!: string;

  @Field()
  snapshotHash!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType('DisposalRequest')
export class DisposalRequestType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  assetId!: string;

  @Field()
  regionCode!: string;

  @Field(() => DisposalMethod)
  method!: DisposalMethod;

  @Field(() => DisposalReason)
  reasonCode!: DisposalReason;

  @Field()
  reasonText!: string;

  @Field(() => MoneyScalarType)
  appraisedValue!: Fen;

  @Field(() => DisposalEvidenceType)
  evidence!: DisposalEvidenceType;

  @Field(() => DisposalStatus)
  status!: DisposalStatus;

  @Field(() => ReviewLevel, {
    description: 'The level whose approval is final (by the policy in force when requested).',
  })
  decidingLevel!: ReviewLevel;

  @Field(() => Int)
  policyVersion!: number;

  @Field(() => ReviewLevel, { nullable: true, description: 'Who must act now.' })
  currentLevel!: ReviewLevel | null;

  @Field(() => LocalDateScalarType, { nullable: true, description: 'Deadline of the current review step.' })
  dueOn!: string | null;

  @Field({ description: 'The current review step is past its deadline.' })
  overdue!: boolean;

  @Field({
    description:
      'SHA-256 of the request and the asset as they are now; pass it back as expectedSnapshotHash so the decision is bound to what you saw.',
  })
  snapshotHash!: string;

  @Field({
    description:
      'The exact canonical JSON (RFC 8785) of { request, asset } whose SHA-256 is snapshotHash: what a reviewer sees and decides on. The asset part is its state as the ledger records it.',
  })
  snapshot!: string;

  @Field(() => [DisposalReviewType])
  reviews!: DisposalReviewType[];

  @Field(() => ID)
  requestedBy!: string;

  @Field(() => LocalDateScalarType, { nullable: true })
  completedOn!: string | null;

  @Field(() => MoneyScalarType, { nullable: true })
  proceeds!: Fen | null;

  @Field(() => String, { nullable: true, description: 'OWNERS_INCOME or DISTRICT_TREASURY.' })
  proceedsDestination!: string | null;

  @Field(() => ID, { nullable: true, description: 'The income record of the proceeds.' })
  proceedsIncomeId!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Int)
  version!: number;
}

@ObjectType('DisposalPolicy')
export class DisposalPolicyType {
  @Field(() => Int)
  version!: number;

  @Field(() => MoneyScalarType, { nullable: true })
  districtFromFormedValue!: Fen | null;

  @Field(() => MoneyScalarType, { nullable: true })
  districtFromAppraisedValue!: Fen | null;

  @Field(() => [DisposalMethod])
  districtMethods!: DisposalMethod[];

  @Field(() => Int)
  townshipReviewDays!: number;

  @Field(() => Int)
  districtReviewDays!: number;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field()
  createdAt!: Date;
}

// ---------------------------------------------------------------------------------------------------
// Mappers
// ---------------------------------------------------------------------------------------------------

/** A request as the service reads it: with its reviews, its snapshot hash and its current step. */
export interface DisposalView extends DisposalRequest {
  reviews: DisposalReview[];
  snapshot: string;
  snapshotHash: string;
  currentLevel: ReviewLevel | null;
  dueOn: string | null;
  overdue: boolean;
}

export function toDisposalType(v: DisposalView): DisposalRequestType {
  return {
    id: v.id,
    assetId: v.assetId,
    regionCode: v.regionCode,
    method: v.method,
    reasonCode: v.reasonCode,
    reasonText: v.reasonText,
    appraisedValue: v.appraisedValue,
    evidence: v.evidence,
    status: v.status,
    decidingLevel: v.decidingLevel,
    policyVersion: v.policyVersion,
    currentLevel: v.currentLevel,
    dueOn: v.dueOn,
    overdue: v.overdue,
    snapshotHash: v.snapshotHash,
    snapshot: v.snapshot,
    reviews: v.reviews.map((r) => ({
      step: r.step,
      level: r.level,
      decision: r.decision,
      comment: r.comment,
      reviewerId: r.reviewerId,
      snapshotHash: r.snapshotHash,
      createdAt: r.createdAt,
    })),
    requestedBy: v.requestedBy,
    completedOn: v.completedOn,
    proceeds: v.proceeds,
    proceedsDestination: v.proceedsDestination,
    proceedsIncomeId: v.proceedsIncomeId,
    createdAt: v.createdAt,
    version: v.version,
  };
}

export function toPolicyType(p: DisposalPolicyVersion): DisposalPolicyType {
  return {
    version: p.version,
    districtFromFormedValue:
      p.rules.districtFromFormedValue === null ? null : BigInt(p.rules.districtFromFormedValue),
    districtFromAppraisedValue:
      p.rules.districtFromAppraisedValue === null ? null : BigInt(p.rules.districtFromAppraisedValue),
    districtMethods: p.rules.districtMethods,
    townshipReviewDays: p.rules.townshipReviewDays,
    districtReviewDays: p.rules.districtReviewDays,
    note: p.note,
    createdAt: p.createdAt,
  };
}
