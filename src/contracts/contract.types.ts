import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
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
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { registerLabelledEnum } from '@/common/i18n/enum-labels';
import { Fen, LocalDateScalarType, MoneyScalarType } from '@/common/scalars';
import { IdempotencyKeyField } from '@/common/validation/idempotency-key';
import { IsMoney } from '@/common/validation/money.validators';
import { IsRegionCode } from '@/common/validation/region-code.validator';
import { EvidenceRefType } from '@/files/evidence-ref';
import {
  CONTRACT_CHANGE_NAMES,
  CONTRACT_KIND_NAMES,
  CONTRACT_STATUS_NAMES,
  ContractChange,
  ContractKind,
  ContractStatus,
  OPERATOR_KIND_NAMES,
  OperatorKind,
  PAYMENT_SCHEDULE_NAMES,
  PaymentSchedule,
} from './contract.enums';

registerLabelledEnum(OperatorKind, {
  name: 'OperatorKind',
  description: '经营主体类型',
  labels: OPERATOR_KIND_NAMES,
});
registerLabelledEnum(ContractKind, {
  name: 'ContractKind',
  description: '合同类型',
  labels: CONTRACT_KIND_NAMES,
});
registerLabelledEnum(PaymentSchedule, {
  name: 'PaymentSchedule',
  description: '租金或分红的支付周期',
  labels: PAYMENT_SCHEDULE_NAMES,
});
registerLabelledEnum(ContractStatus, {
  name: 'ContractStatus',
  description: '合同状态',
  labels: CONTRACT_STATUS_NAMES,
});
registerLabelledEnum(ContractChange, {
  name: 'ContractChange',
  description: '合同的一个版本记录了什么',
  labels: CONTRACT_CHANGE_NAMES,
});

const EVIDENCE_DESCRIPTION = 'Uploaded files (the signed contract, a resolution, a receipt).';

// ---------------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------------

@InputType()
export class RegisterOperatorInput {
  @Field(() => OperatorKind)
  @IsEnum(OperatorKind)
  kind!: OperatorKind;

  @Field()
  @IsString()
  @Length(1, 200)
  name!: string;

  @Field({
    nullable: true,
    description: '统一社会信用代码 (18 characters, checked): required for enterprises and cooperatives.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  uscc?: string;

  @Field({ nullable: true, description: 'Resident ID number: required for individuals.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  idNumber?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  contactPerson?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  contactPhone?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @IdempotencyKeyField({ required: true })
  idempotencyKey!: string;
}

@InputType()
export class OperatorFilter {
  @Field({ nullable: true, description: 'Operators registered in this region and below.' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  @IsRegionCode()
  regionCode?: string;

  @Field(() => OperatorKind, { nullable: true })
  @IsOptional()
  @IsEnum(OperatorKind)
  kind?: OperatorKind;

  @Field({ nullable: true, description: 'Part of the name or the code.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class OperatorsArgs {
  @Field(() => OperatorFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => OperatorFilter)
  filter?: OperatorFilter;

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
export class SignContractInput {
  @Field({ description: '合同编号, unique in the village.' })
  @IsString()
  @Length(1, 50)
  code!: string;

  @Field(() => ContractKind)
  @IsEnum(ContractKind)
  kind!: ContractKind;

  @Field(() => ID, { description: 'The operator (registered in your village).' })
  @IsUUID()
  operatorId!: string;

  @Field({ description: '甲方: the owner, usually the village collective economic organisation.' })
  @IsString()
  @Length(1, 200)
  ownerName!: string;

  @Field(() => [ID], { description: 'One or more operating assets of your village.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  assetIds!: string[];

  @Field(() => LocalDateScalarType)
  @IsString()
  startDate!: string;

  @Field(() => LocalDateScalarType)
  @IsString()
  endDate!: string;

  @Field(() => MoneyScalarType, {
    description: 'The rent or dividend due each period of the schedule (the whole amount for ONE_OFF), yuan.',
  })
  @IsMoney({ min: 0n })
  amount!: Fen;

  @Field(() => PaymentSchedule)
  @IsEnum(PaymentSchedule)
  schedule!: PaymentSchedule;

  @Field(() => MoneyScalarType, { nullable: true, description: '保底收益 per year, if guaranteed.' })
  @IsOptional()
  @IsMoney({ min: 0n })
  guaranteedMinimum?: Fen;

  @Field(() => MoneyScalarType, { nullable: true, description: 'EQUITY: the principal invested (入股本金).' })
  @IsOptional()
  @IsMoney({ min: 1n })
  equityPrincipal?: Fen;

  @Field(() => LocalDateScalarType, { nullable: true, description: 'EQUITY: when the principal comes back.' })
  @IsOptional()
  @IsString()
  equityMaturityDate?: string;

  @Field(() => [ID], { nullable: true, description: EVIDENCE_DESCRIPTION })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  evidenceFileIds?: string[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @IdempotencyKeyField({ required: true })
  idempotencyKey!: string;
}

@InputType()
export class RenewContractInput {
  @Field(() => LocalDateScalarType, { description: 'The new end of the term (after the current one).' })
  @IsString()
  endDate!: string;

  @Field(() => MoneyScalarType, {
    nullable: true,
    description: 'The amount from the renewal on (default: unchanged).',
  })
  @IsOptional()
  @IsMoney({ min: 0n })
  amount?: Fen;

  @Field(() => PaymentSchedule, { nullable: true })
  @IsOptional()
  @IsEnum(PaymentSchedule)
  schedule?: PaymentSchedule;

  @Field(() => MoneyScalarType, { nullable: true })
  @IsOptional()
  @IsMoney({ min: 0n })
  guaranteedMinimum?: Fen;

  @Field(() => [ID], { nullable: true, description: EVIDENCE_DESCRIPTION })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  evidenceFileIds?: string[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

@InputType()
export class AmendContractInput {
  @Field(() => LocalDateScalarType, { description: 'The day the new terms take effect.' })
  @IsString()
  effectiveFrom!: string;

  @Field(() => MoneyScalarType, { nullable: true })
  @IsOptional()
  @IsMoney({ min: 0n })
  amount?: Fen;

  @Field(() => PaymentSchedule, { nullable: true })
  @IsOptional()
  @IsEnum(PaymentSchedule)
  schedule?: PaymentSchedule;

  @Field(() => MoneyScalarType, { nullable: true })
  @IsOptional()
  @IsMoney({ min: 0n })
  guaranteedMinimum?: Fen;

  @Field(() => LocalDateScalarType, { nullable: true, description: 'EQUITY: a new maturity.' })
  @IsOptional()
  @IsString()
  equityMaturityDate?: string;

  @Field({ description: 'What changed and why (the supplementary agreement).' })
  @IsString()
  @Length(1, 500)
  note!: string;

  @Field(() => [ID], { nullable: true, description: EVIDENCE_DESCRIPTION })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  evidenceFileIds?: string[];
}

@InputType()
export class TerminateContractInput {
  @Field(() => LocalDateScalarType, { description: 'The last day in force (before the end of the term).' })
  @IsString()
  terminatedOn!: string;

  @Field()
  @IsString()
  @Length(1, 500)
  reason!: string;

  @Field(() => [ID], { nullable: true, description: EVIDENCE_DESCRIPTION })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  evidenceFileIds?: string[];
}

@InputType()
export class ReturnPrincipalInput {
  @Field(() => LocalDateScalarType)
  @IsString()
  returnedOn!: string;

  @Field(() => MoneyScalarType)
  @IsMoney({ min: 1n })
  amount!: Fen;

  @Field(() => [ID], { nullable: true, description: EVIDENCE_DESCRIPTION })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  evidenceFileIds?: string[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

@ArgsType()
export class ContractChangeArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The version you read (STALE_VERSION if it changed since).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

@ArgsType()
export class RenewContractArgs extends ContractChangeArgs {
  @Field(() => RenewContractInput)
  @ValidateNested()
  @Type(() => RenewContractInput)
  input!: RenewContractInput;
}

@ArgsType()
export class AmendContractArgs extends ContractChangeArgs {
  @Field(() => AmendContractInput)
  @ValidateNested()
  @Type(() => AmendContractInput)
  input!: AmendContractInput;
}

@ArgsType()
export class TerminateContractArgs extends ContractChangeArgs {
  @Field(() => TerminateContractInput)
  @ValidateNested()
  @Type(() => TerminateContractInput)
  input!: TerminateContractInput;
}

@ArgsType()
export class ReturnPrincipalArgs extends ContractChangeArgs {
  @Field(() => ReturnPrincipalInput)
  @ValidateNested()
  @Type(() => ReturnPrincipalInput)
  input!: ReturnPrincipalInput;
}

@InputType()
export class ContractFilter {
  @Field({ nullable: true, description: 'Contracts of this region and below.' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  @IsRegionCode()
  regionCode?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  assetId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  operatorId?: string;

  @Field(() => ContractKind, { nullable: true })
  @IsOptional()
  @IsEnum(ContractKind)
  kind?: ContractKind;

  @Field(() => ContractStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ContractStatus)
  status?: ContractStatus;

  @Field({
    nullable: true,
    description:
      'true: only the overdue contracts (payments.overdue, the CONTRACT_PAYMENT_OVERDUE red flag with its default grace days); false: only the others.',
  })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;
}

@ArgsType()
export class ContractsArgs {
  @Field(() => ContractFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractFilter)
  filter?: ContractFilter;

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

// ---------------------------------------------------------------------------------------------------
// Objects
// ---------------------------------------------------------------------------------------------------

@ObjectType('Operator', { description: '经营主体: who runs village assets under contract.' })
export class OperatorType {
  @Field(() => ID)
  id!: string;

  @Field()
  regionCode!: string;

  @Field(() => OperatorKind)
  kind!: OperatorKind;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: '统一社会信用代码.' })
  uscc!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Individuals: the ID number, in full for the village clerk and township officer of its village, masked for everyone else.',
  })
  idNumber!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Masked (张*) like the phone for those outside its village.',
  })
  contactPerson!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'In full for the village clerk and township officer of its village, masked (138****5678) for everyone else.',
  })
  contactPhone!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Int)
  version!: number;
}

@ObjectType('ContractAsset')
export class ContractAssetType {
  @Field(() => ID)
  id!: string;

  @Field()
  code!: string;

  @Field()
  name!: string;
}

@ObjectType('ContractInstallment', {
  description: 'One period of rent or dividend and what of it was received.',
})
export class ContractInstallmentType {
  @Field(() => LocalDateScalarType)
  periodFrom!: string;

  @Field(() => LocalDateScalarType)
  periodTo!: string;

  @Field(() => LocalDateScalarType, { description: 'The last day of the period (one-off: the first).' })
  dueOn!: string;

  @Field(() => MoneyScalarType)
  amount!: Fen;

  @Field(() => MoneyScalarType, { description: 'Covered by income under the contract, oldest period first.' })
  received!: Fen;

  @Field({ description: 'Whether it has fallen due (dueOn is today or earlier).' })
  due!: boolean;
}

@ObjectType('ContractPayments', {
  description:
    'What fell due up to today under the contract, what was received (income linked to it), what is owed.',
})
export class ContractPaymentsType {
  @Field(() => LocalDateScalarType)
  asOf!: string;

  @Field(() => MoneyScalarType)
  dueToDate!: Fen;

  @Field(() => MoneyScalarType, { description: 'Income recorded under the contract, net of reversals.' })
  received!: Fen;

  @Field(() => MoneyScalarType, { description: 'dueToDate − received (not below zero).' })
  outstanding!: Fen;

  @Field(() => MoneyScalarType, {
    description:
      'received − dueToDate (not below zero): received ahead of the due days (预收), overpaid included.',
  })
  receivedAhead!: Fen;

  @Field(() => MoneyScalarType, {
    description:
      'Received beyond every installment of the term (多收, not below zero): to refund or explain.',
  })
  overpaid!: Fen;

  @Field(() => LocalDateScalarType, {
    nullable: true,
    description: 'The due day of the oldest unpaid period.',
  })
  overdueSince!: string | null;

  @Field(() => Int, { nullable: true })
  overdueDays!: number | null;

  @Field({
    description:
      '逾期: rent or dividend unpaid more than the red flag’s grace days (FLAG_PAYMENT_GRACE_DAYS, 30 by default) after it fell due; as CONTRACT_PAYMENT_OVERDUE counts it.',
  })
  overdue!: boolean;

  @Field(() => [ContractInstallmentType], { description: 'Every period of the term, due or not.' })
  installments!: ContractInstallmentType[];
}

@ObjectType('ContractVersion', { description: 'One version of a contract: each is one ledger entry.' })
export class ContractVersionType {
  @Field(() => Int)
  versionNo!: number;

  @Field(() => ContractChange)
  change!: ContractChange;

  @Field(() => LocalDateScalarType)
  effectiveFrom!: string;

  @Field(() => LocalDateScalarType)
  endDate!: string;

  @Field(() => MoneyScalarType)
  amount!: Fen;

  @Field(() => PaymentSchedule)
  schedule!: PaymentSchedule;

  @Field(() => MoneyScalarType, { nullable: true })
  guaranteedMinimum!: Fen | null;

  @Field(() => MoneyScalarType, { nullable: true })
  equityPrincipal!: Fen | null;

  @Field(() => LocalDateScalarType, { nullable: true })
  equityMaturityDate!: string | null;

  @Field(() => MoneyScalarType, { nullable: true })
  principalReturned!: Fen | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => [EvidenceRefType])
  evidence!: EvidenceRefType[];

  @Field(() => ID)
  recordedBy!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType('Contract', { description: 'A lease, contracting, equity or entrusted-operation contract.' })
export class ContractType {
  @Field(() => ID)
  id!: string;

  @Field()
  regionCode!: string;

  @Field()
  code!: string;

  @Field(() => ContractKind)
  kind!: ContractKind;

  @Field(() => ContractStatus)
  status!: ContractStatus;

  @Field({ description: 'Whether it is in force today.' })
  inForce!: boolean;

  @Field()
  ownerName!: string;

  @Field(() => OperatorType)
  operator!: OperatorType;

  @Field(() => [ContractAssetType])
  assets!: ContractAssetType[];

  @Field(() => LocalDateScalarType)
  startDate!: string;

  @Field(() => LocalDateScalarType)
  endDate!: string;

  @Field(() => LocalDateScalarType, { nullable: true })
  terminatedOn!: string | null;

  @Field(() => String, { nullable: true })
  terminationReason!: string | null;

  @Field(() => MoneyScalarType)
  amount!: Fen;

  @Field(() => PaymentSchedule)
  schedule!: PaymentSchedule;

  @Field(() => MoneyScalarType, { nullable: true })
  guaranteedMinimum!: Fen | null;

  @Field(() => MoneyScalarType, { nullable: true })
  equityPrincipal!: Fen | null;

  @Field(() => LocalDateScalarType, { nullable: true })
  equityMaturityDate!: string | null;

  @Field(() => LocalDateScalarType, { nullable: true })
  principalReturnedOn!: string | null;

  @Field(() => MoneyScalarType, { nullable: true })
  principalReturnedAmount!: Fen | null;

  @Field(() => [EvidenceRefType])
  evidence!: EvidenceRefType[];

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => ContractPaymentsType)
  payments!: ContractPaymentsType;

  @Field(() => [ContractVersionType], { description: 'Every version, oldest first.' })
  versions!: ContractVersionType[];

  @Field()
  createdAt!: Date;

  @Field(() => Int)
  version!: number;
}
