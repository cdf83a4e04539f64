import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { registerLabelledEnum } from '@/common/i18n/enum-labels';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
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
import { formatPercent } from '@/common/scalars';
import { completedOn } from './payout-rules';
import {
  DistributionAllocation,
  DistributionBeneficiary,
  DistributionChannel,
  DistributionPayout,
  DistributionPlan,
  DistributionPolicyVersion,
  PlanStatus,
  CHANNEL_NAMES,
  PLAN_STATUS_NAMES,
} from './distribution.entity';
import { IsRegionCode } from '@/common/validation/region-code.validator';

registerLabelledEnum(DistributionChannel, {
  name: 'DistributionChannel',
  description: '收益分配用途',
  labels: CHANNEL_NAMES,
});
registerLabelledEnum(PlanStatus, {
  name: 'DistributionPlanStatus',
  description: '分配方案状态',
  labels: PLAN_STATUS_NAMES,
});

const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;

@InputType()
export class BeneficiaryInput {
  @Field(() => ID)
  @IsUUID()
  householdId!: string;

  @Field(() => MoneyScalarType)
  @IsMoney({ min: 1n })
  amount!: Fen;
}

@InputType()
export class AllocationInput {
  @Field(() => DistributionChannel)
  @IsEnum(DistributionChannel)
  channel!: DistributionChannel;

  @Field(() => MoneyScalarType)
  @IsMoney({ min: 1n })
  amount!: Fen;

  @Field(() => [BeneficiaryInput], {
    nullable: true,
    description: 'Households receiving this allocation, with their amounts.',
  })
  @IsOptional()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => BeneficiaryInput)
  beneficiaries?: BeneficiaryInput[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

@InputType({
  description:
    'Which income the plan distributes: an income record, or an asset (its undistributed income, oldest first), with the amount taken.',
})
export class PlanIncomeInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  incomeId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  assetId?: string;

  @Field(() => MoneyScalarType)
  @IsMoney({ min: 1n })
  amount!: Fen;
}

@InputType()
export class DraftPlanInput {
  @Field()
  @IsString()
  @MaxLength(12)
  villageCode!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @Field(() => MoneyScalarType)
  @IsMoney({ min: 1n })
  amount!: Fen;

  @Field(() => LocalDateScalarType, {
    nullable: true,
    description: 'The date the plan is for (default today): beneficiaries must be eligible on it.',
  })
  @IsOptional()
  @IsString()
  planDate?: string;

  @Field(() => [AllocationInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AllocationInput)
  allocations!: AllocationInput[];

  @IdempotencyKeyField()
  idempotencyKey?: string;
  @Field(() => [PlanIncomeInput], {
    nullable: true,
    description:
      'Which income the plan distributes (adding up to its amount); omitted: the village’s income, oldest first. Resolved when the plan is submitted.',
  })
  @IsOptional()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PlanIncomeInput)
  income?: PlanIncomeInput[];
}

@InputType()
export class PlanChangesInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @Field(() => MoneyScalarType, { nullable: true })
  @IsOptional()
  @IsMoney({ min: 1n })
  amount?: Fen;

  @Field(() => LocalDateScalarType, { nullable: true })
  @IsOptional()
  @IsString()
  planDate?: string;

  @Field(() => [AllocationInput], { nullable: true, description: 'Replaces all allocations.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AllocationInput)
  allocations?: AllocationInput[];

  @Field(() => [PlanIncomeInput], {
    nullable: true,
    description: 'Replaces the income request; an empty list: the village’s income, oldest first.',
  })
  @IsOptional()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PlanIncomeInput)
  income?: PlanIncomeInput[];
}

@ArgsType()
export class UpdatePlanArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => PlanChangesInput)
  @ValidateNested()
  @Type(() => PlanChangesInput)
  changes!: PlanChangesInput;
}

@InputType({
  description:
    'The dates of the four deliberations and the publication (四议两公开), and the files that show them.',
})
export class DecisionEvidenceInput {
  @Field(() => LocalDateScalarType, { description: '村党组织提议' })
  @IsString()
  partyBranchProposalOn!: string;

  @Field(() => LocalDateScalarType, { description: '村两委会议商议' })
  @IsString()
  twoCommitteesDiscussionOn!: string;

  @Field(() => LocalDateScalarType, { description: '党员大会审议' })
  @IsString()
  partyMembersReviewOn!: string;

  @Field(() => LocalDateScalarType, { description: '村民代表会议决议' })
  @IsString()
  representativesDecisionOn!: string;

  @Field(() => LocalDateScalarType, { description: '决议公开' })
  @IsString()
  decisionPublishedOn!: string;

  @Field(() => [ID], { description: 'The resolution, the minutes, a photo of the publication …' })
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  fileIds!: string[];
}

@ArgsType()
export class SubmitPlanArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => DecisionEvidenceInput)
  @ValidateNested()
  @Type(() => DecisionEvidenceInput)
  decisionEvidence!: DecisionEvidenceInput;
}

@ArgsType()
export class PlanIdArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

@ArgsType()
export class ReturnPlanArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field({ description: 'What must change (mandatory).' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

@InputType()
export class RecordPayoutInput {
  @Field(() => ID)
  @IsUUID()
  planId!: string;

  @Field(() => ID)
  @IsUUID()
  allocationId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The household paid: required when the allocation has beneficiaries, and one of them.',
  })
  @IsOptional()
  @IsUUID()
  householdId?: string;

  @Field(() => MoneyScalarType)
  @IsMoney({ min: 1n })
  amount!: Fen;

  @Field(() => LocalDateScalarType)
  @IsString()
  paidOn!: string;

  @Field({ nullable: true, description: 'The bank transfer or 一卡通 reference of the payment.' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  bankReference?: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  evidenceFileIds?: string[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: '结果公开: the village published the result of a completed plan.' })
export class RecordResultPublicityInput {
  @Field(() => ID)
  @IsUUID()
  planId!: string;

  @Field(() => LocalDateScalarType, {
    description: 'The day the result was published (not before the last payout).',
  })
  @IsString()
  publishedOn!: string;

  @Field(() => [ID], { description: 'A photo or scan of the published result (at least one).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  evidenceFileIds!: string[];
}

@InputType()
export class ChannelLimitInput {
  @Field(() => DistributionChannel)
  @IsEnum(DistributionChannel)
  channel!: DistributionChannel;

  @Field(() => String, { nullable: true, description: 'At least this share of the plan, percent ("30").' })
  @IsOptional()
  @IsString()
  @Matches(PERCENT, { message: 'minPercent must be a percentage such as "30"' })
  minPercent?: string | null;

  @Field(() => String, { nullable: true, description: 'At most this share of the plan, percent ("80").' })
  @IsOptional()
  @IsString()
  @Matches(PERCENT, { message: 'maxPercent must be a percentage such as "80"' })
  maxPercent?: string | null;
}

@InputType()
export class DistributionPolicyInput {
  @Field(() => [ChannelLimitInput])
  @ArrayMaxSize(7)
  @ValidateNested({ each: true })
  @Type(() => ChannelLimitInput)
  channelLimits!: ChannelLimitInput[];

  @Field(() => [DistributionChannel])
  @ArrayMaxSize(7)
  @IsEnum(DistributionChannel, { each: true })
  forbiddenChannels!: DistributionChannel[];

  @Field({
    description: 'Refuse an equal per-household or per-person cash split across all households (一分了之).',
  })
  @IsBoolean()
  banEqualSplit!: boolean;

  @Field(() => Int, { description: 'Decision files required at submission.' })
  @IsInt()
  @Min(0)
  @Max(20)
  minDecisionFiles!: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

@InputType()
export class PlanFilter {
  @Field({ nullable: true, description: 'Plans of villages in this region.' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  @IsRegionCode()
  regionCode?: string;

  @Field(() => [PlanStatus], { nullable: true })
  @IsOptional()
  @IsEnum(PlanStatus, { each: true })
  @ArrayMaxSize(4)
  status?: PlanStatus[];
}

@ArgsType()
export class PlansArgs {
  @Field(() => PlanFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlanFilter)
  filter?: PlanFilter;

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

@ObjectType('DistributionBeneficiary')
export class BeneficiaryType {
  @Field(() => ID)
  householdId!: string;

  @Field(() => MoneyScalarType)
  amount!: Fen;
}

@ObjectType('DistributionAllocation')
export class AllocationType {
  @Field(() => ID)
  id!: string;

  @Field(() => DistributionChannel)
  channel!: DistributionChannel;

  @Field(() => MoneyScalarType)
  amount!: Fen;

  @Field(() => MoneyScalarType)
  paid!: Fen;

  @Field(() => MoneyScalarType, {
    description:
      'What repairs (管护, recordUpkeepRepair) drew on this allocation; spent like payouts (ASSET_UPKEEP only).',
  })
  repaired!: Fen;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => [BeneficiaryType])
  beneficiaries!: BeneficiaryType[];
}

@ObjectType('DecisionEvidence')
export class DecisionEvidenceType {
  @Field(() => LocalDateScalarType)
  partyBranchProposalOn!: string;

  @Field(() => LocalDateScalarType)
  twoCommitteesDiscussionOn!: string;

  @Field(() => LocalDateScalarType)
  partyMembersReviewOn!: string;

  @Field(() => LocalDateScalarType)
  representativesDecisionOn!: string;

  @Field(() => LocalDateScalarType)
  decisionPublishedOn!: string;

  @Field(() => [EvidenceRefType])
  files!: EvidenceRefType[];
}

@ObjectType('DistributionPayout')
export class PayoutType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  allocationId!: string;

  @Field(() => ID, { nullable: true, description: 'The household paid.' })
  householdId!: string | null;

  @Field(() => MoneyScalarType)
  amount!: Fen;

  @Field(() => LocalDateScalarType)
  paidOn!: string;

  @Field(() => String, { nullable: true, description: 'The bank transfer or 一卡通 reference.' })
  bankReference!: string | null;

  @Field(() => [EvidenceRefType])
  evidence!: EvidenceRefType[];

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType('PlanIncome', { description: 'How much of an income record a plan distributes.' })
export class PlanIncomeType {
  @Field(() => ID)
  incomeId!: string;

  @Field(() => ID)
  assetId!: string;

  @Field({ description: "The asset's register code (资产编号)." })
  assetCode!: string;

  @Field({ description: "The asset's name." })
  assetName!: string;

  @Field({ description: 'Where the asset is (a co-owned asset may be in another village).' })
  locationCode!: string;

  @Field({ description: 'The name of the region the asset is in.' })
  locationName!: string;

  @Field(() => LocalDateScalarType)
  receivedOn!: string;

  @Field(() => MoneyScalarType)
  amount!: Fen;
}

@ObjectType('VillageAssetIncome', {
  description:
    "A village's income from one asset still to distribute: its share of the asset's income, less what its submitted, filed or completed plans take (what a plan's income line for the asset is checked against).",
})
export class VillageAssetIncomeType {
  @Field(() => ID)
  assetId!: string;

  @Field({ description: "The asset's register code (资产编号)." })
  assetCode!: string;

  @Field({ description: "The asset's name." })
  assetName!: string;

  @Field({ description: 'Where the asset is (a co-owned asset may be in another village).' })
  locationCode!: string;

  @Field({ description: 'The name of the region the asset is in.' })
  locationName!: string;

  @Field(() => MoneyScalarType, { description: 'What new plans may still take (尚未分配).' })
  left!: Fen;

  @Field(() => LocalDateScalarType, {
    description: 'When the oldest income with something left was received.',
  })
  oldestReceivedOn!: string;
}

@ObjectType('PlanIncomeRequest', { description: 'A line of the income a draft asks for.' })
export class PlanIncomeRequestType {
  @Field(() => ID, { nullable: true })
  incomeId!: string | null;

  @Field(() => ID, { nullable: true })
  assetId!: string | null;

  @Field(() => MoneyScalarType)
  amount!: Fen;
}

@ObjectType('ResultPublicity', { description: '结果公开 of a completed plan.' })
export class ResultPublicityType {
  @Field(() => LocalDateScalarType)
  publishedOn!: string;

  @Field(() => [EvidenceRefType])
  evidence!: EvidenceRefType[];
}

@ObjectType('DistributionPlan')
export class PlanType {
  @Field(() => ID)
  id!: string;

  @Field()
  villageCode!: string;

  @Field()
  title!: string;

  @Field(() => MoneyScalarType)
  amount!: Fen;

  @Field(() => LocalDateScalarType)
  planDate!: string;

  @Field(() => PlanStatus)
  status!: PlanStatus;

  @Field(() => [AllocationType])
  allocations!: AllocationType[];

  @Field(() => [PayoutType])
  payouts!: PayoutType[];

  @Field(() => [PlanIncomeRequestType], {
    nullable: true,
    description: 'The income the draft asks for (null: the village’s income, oldest first).',
  })
  incomeRequest!: PlanIncomeRequestType[] | null;

  @Field(() => [PlanIncomeType], {
    description:
      'The income the plan distributes, oldest first (empty until submitted); adds up to its amount.',
  })
  income!: PlanIncomeType[];

  @Field(() => LocalDateScalarType, {
    nullable: true,
    description: 'The date of the last payout of a completed plan.',
  })
  completedOn!: string | null;

  @Field(() => ResultPublicityType, { nullable: true, description: '结果公开, once recorded.' })
  resultPublicity!: ResultPublicityType | null;

  @Field(() => DecisionEvidenceType, { nullable: true })
  decision!: DecisionEvidenceType | null;

  @Field(() => Int, { nullable: true })
  policyVersion!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the township returned it (the last time).' })
  returnReason!: string | null;

  @Field(() => Date, { nullable: true })
  submittedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  filedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field(() => Int)
  version!: number;
}

@ObjectType('ChannelLimit')
export class ChannelLimitType {
  @Field(() => DistributionChannel)
  channel!: DistributionChannel;

  @Field(() => String, { nullable: true })
  minPercent!: string | null;

  @Field(() => String, { nullable: true })
  maxPercent!: string | null;
}

@ObjectType('DistributionPolicy')
export class PolicyType {
  @Field(() => Int)
  version!: number;

  @Field(() => [ChannelLimitType])
  channelLimits!: ChannelLimitType[];

  @Field(() => [DistributionChannel])
  forbiddenChannels!: DistributionChannel[];

  @Field()
  banEqualSplit!: boolean;

  @Field(() => Int)
  minDecisionFiles!: number;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType('HouseholdPayment', { description: 'One payment made to a household.' })
export class HouseholdPaymentType {
  @Field(() => ID)
  payoutId!: string;

  @Field(() => LocalDateScalarType)
  paidOn!: string;

  @Field(() => ID)
  planId!: string;

  @Field()
  planTitle!: string;

  @Field(() => MoneyScalarType)
  amount!: Fen;

  @Field(() => String, { nullable: true })
  bankReference!: string | null;
}

@ObjectType('HouseholdReceipt', {
  description: 'What a household was actually paid, by year (of payment) and channel, with each payment.',
})
export class HouseholdReceiptType {
  @Field(() => Int)
  year!: number;

  @Field(() => DistributionChannel)
  channel!: DistributionChannel;

  @Field(() => MoneyScalarType)
  amount!: Fen;

  @Field(() => Int)
  plans!: number;

  @Field(() => [HouseholdPaymentType], { description: 'The payments, oldest first.' })
  payments!: HouseholdPaymentType[];
}

// ---------------------------------------------------------------------------------------------------
// Mappers
// ---------------------------------------------------------------------------------------------------

/** A plan as the service reads it: with its allocations (and what each has paid) and its payouts. */
export interface PlanView extends DistributionPlan {
  allocations: Array<
    DistributionAllocation & { beneficiaries: DistributionBeneficiary[]; paid: bigint; repaired: bigint }
  >;
  payouts: DistributionPayout[];
  income: PlanIncomeType[];
}

export function toPlanType(v: PlanView): PlanType {
  return {
    id: v.id,
    villageCode: v.villageCode,
    title: v.title,
    amount: v.amount,
    planDate: v.planDate,
    status: v.status,
    allocations: v.allocations.map((a) => ({
      id: a.id,
      channel: a.channel,
      amount: a.amount,
      paid: a.paid,
      repaired: a.repaired,
      note: a.note,
      beneficiaries: a.beneficiaries.map((b) => ({ householdId: b.householdId, amount: b.amount })),
    })),
    payouts: v.payouts.map((x) => ({
      id: x.id,
      allocationId: x.allocationId,
      householdId: x.householdId,
      amount: x.amount,
      paidOn: x.paidOn,
      bankReference: x.bankReference,
      evidence: x.evidence,
      note: x.note,
    })),
    incomeRequest:
      v.incomeRequest?.map((r) => ({ incomeId: r.incomeId, assetId: r.assetId, amount: BigInt(r.amount) })) ??
      null,
    income: v.income,
    completedOn: v.status === PlanStatus.COMPLETED ? completedOn(v.payouts) : null,
    resultPublicity: v.resultPublishedOn
      ? { publishedOn: v.resultPublishedOn, evidence: v.resultEvidence ?? [] }
      : null,
    decision: v.decision,
    policyVersion: v.policyVersion,
    returnReason: v.returnReason,
    submittedAt: v.submittedAt,
    filedAt: v.filedAt,
    completedAt: v.completedAt,
    createdAt: v.createdAt,
    version: v.version,
  };
}

export function toPolicyType(p: DistributionPolicyVersion): PolicyType {
  return {
    version: p.version,
    channelLimits: p.rules.channelLimits.map((l) => ({
      channel: l.channel,
      minPercent: l.minBp === null ? null : formatPercent(l.minBp),
      maxPercent: l.maxBp === null ? null : formatPercent(l.maxBp),
    })),
    forbiddenChannels: p.rules.forbiddenChannels,
    banEqualSplit: p.rules.banEqualSplit,
    minDecisionFiles: p.rules.minDecisionFiles,
    note: p.note,
    createdAt: p.createdAt,
  };
}
