import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { registerLabelledEnum } from '@/common/i18n/enum-labels';
import { Fen, LocalDateScalarType, MoneyScalarType } from '@/common/scalars';
import { IdempotencyKeyField } from '@/common/validation/idempotency-key';
import { IsMoney } from '@/common/validation/money.validators';
import { EvidenceRefType } from '@/files/evidence-ref';
import {
  IndustryDepartment,
  INDUSTRY_DEPARTMENT_NAMES,
  RepairPayer,
  REPAIR_PAYER_NAMES,
  UpkeepCondition,
  UPKEEP_CONDITION_NAMES,
  UpkeepFundingSource,
  UPKEEP_FUNDING_SOURCE_NAMES,
} from './upkeep.entity';
import { DutySource } from './upkeep-rules';

registerLabelledEnum(IndustryDepartment, {
  name: 'IndustryDepartment',
  description: '行业主管部门',
  labels: INDUSTRY_DEPARTMENT_NAMES,
});
registerLabelledEnum(UpkeepFundingSource, {
  name: 'UpkeepFundingSource',
  description: '管护经费来源',
  labels: UPKEEP_FUNDING_SOURCE_NAMES,
});
registerLabelledEnum(UpkeepCondition, {
  name: 'UpkeepCondition',
  description: '巡查发现的资产状况：完好 / 一般 / 损坏 / 灭失',
  labels: UPKEEP_CONDITION_NAMES,
});
registerLabelledEnum(RepairPayer, {
  name: 'RepairPayer',
  description: '维修费用的支付方',
  labels: REPAIR_PAYER_NAMES,
});
registerLabelledEnum(DutySource, {
  name: 'UpkeepDutySource',
  description: '管护主体和责任人的来源：管护责任登记，或资产台账的“管护主体/责任人”字段',
  labels: {
    UPKEEP_DUTY: '管护责任登记',
    ASSET_REGISTER: '资产台账',
    NONE: '未登记',
  },
});

@InputType()
export class SetUpkeepDutyInput {
  @Field(() => ID)
  @IsUUID()
  assetId!: string;

  @Field({ description: '管护主体 (supersedes the asset’s managementEntity).' })
  @IsString()
  @Length(1, 200)
  body!: string;

  @Field({ description: '管护责任人 (supersedes the asset’s managementResponsible).' })
  @IsString()
  @Length(1, 100)
  person!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The responsible person’s phone (masked to most readers).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string | null;

  @Field(() => IndustryDepartment)
  @IsEnum(IndustryDepartment)
  department!: IndustryDepartment;

  @Field(() => UpkeepFundingSource)
  @IsEnum(UpkeepFundingSource)
  fundingSource!: UpkeepFundingSource;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The duty’s version as you read it (a change since then is CONFLICT STALE_VERSION).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

@InputType()
export class RecordInspectionInput {
  @Field(() => ID)
  @IsUUID()
  assetId!: string;

  @Field(() => LocalDateScalarType, { description: 'Not in the future, not before the asset was completed.' })
  @IsString()
  inspectedOn!: string;

  @Field()
  @IsString()
  @MaxLength(100)
  inspector!: string;

  @Field(() => UpkeepCondition)
  @IsEnum(UpkeepCondition)
  condition!: UpkeepCondition;

  @Field(() => [ID], { nullable: true, description: 'Photos (evidence files uploaded to POST /files).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  photoFileIds?: string[];

  @Field(() => String, { nullable: true, description: 'Required when the asset is found DAMAGED or LOST.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType()
export class RecordRepairInput {
  @Field(() => ID)
  @IsUUID()
  assetId!: string;

  @Field(() => ID, { nullable: true, description: 'The inspection that found the damage.' })
  @IsOptional()
  @IsUUID()
  inspectionId?: string | null;

  @Field(() => LocalDateScalarType)
  @IsString()
  repairedOn!: string;

  @Field({ description: 'What was repaired.' })
  @IsString()
  @MaxLength(1000)
  description!: string;

  @Field(() => MoneyScalarType)
  @IsMoney()
  cost!: Fen;

  @Field(() => RepairPayer)
  @IsEnum(RepairPayer)
  paidBy!: RepairPayer;

  @Field(() => ID, {
    nullable: true,
    description:
      'With paidBy UPKEEP_ALLOCATION: the ASSET_UPKEEP allocation of a filed plan of the asset’s village.',
  })
  @IsOptional()
  @IsUUID()
  allocationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Who paid, in words (required for OTHER).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  payerNote?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Invoices, photos after the repair …' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  evidenceFileIds?: string[];

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType()
export class UpkeepPolicyInput {
  @Field(() => Int, { description: 'Longest gap between inspections of an operating asset (days).' })
  @IsInt()
  @Min(1)
  @Max(3650)
  operatingInspectionDays!: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(3650)
  publicWelfareInspectionDays!: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(3650)
  householdInspectionDays!: number;

  @Field(() => Int, { description: 'Days within which damage found must be repaired.' })
  @IsInt()
  @Min(1)
  @Max(365)
  repairDays!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

@ObjectType('UpkeepDuty', { description: '管护责任：管护主体、责任人、行业主管部门与管护经费来源。' })
export class UpkeepDutyType {
  @Field(() => ID)
  assetId!: string;

  @Field()
  body!: string;

  @Field()
  person!: string;

  @Field(() => String, {
    nullable: true,
    description: 'In full for the village clerk and township officer in charge, masked for everyone else.',
  })
  phone!: string | null;

  @Field(() => IndustryDepartment)
  department!: IndustryDepartment;

  @Field(() => UpkeepFundingSource)
  fundingSource!: UpkeepFundingSource;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field()
  updatedAt!: Date;

  @Field(() => Int)
  version!: number;
}

@ObjectType('UpkeepInspection', { description: '巡查记录。' })
export class UpkeepInspectionType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  assetId!: string;

  @Field()
  regionCode!: string;

  @Field(() => LocalDateScalarType)
  inspectedOn!: string;

  @Field()
  inspector!: string;

  @Field(() => UpkeepCondition)
  condition!: UpkeepCondition;

  @Field(() => [EvidenceRefType])
  photos!: EvidenceRefType[];

  @Field(() => String, { nullable: true })
  notes!: string | null;

  @Field(() => ID)
  recordedBy!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType('UpkeepRepair', { description: '维修记录。' })
export class UpkeepRepairType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  assetId!: string;

  @Field()
  regionCode!: string;

  @Field(() => ID, { nullable: true })
  inspectionId!: string | null;

  @Field(() => LocalDateScalarType)
  repairedOn!: string;

  @Field()
  description!: string;

  @Field(() => MoneyScalarType)
  cost!: Fen;

  @Field(() => RepairPayer)
  paidBy!: RepairPayer;

  @Field(() => ID, { nullable: true })
  allocationId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The distribution plan of the allocation.' })
  planId!: string | null;

  @Field(() => String, { nullable: true })
  payerNote!: string | null;

  @Field(() => [EvidenceRefType])
  evidence!: EvidenceRefType[];

  @Field(() => ID)
  recordedBy!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType('UpkeepAllocation', {
  description: 'An ASSET_UPKEEP allocation of a filed plan of the asset’s village, and what is left of it.',
})
export class UpkeepAllocationType {
  @Field(() => ID)
  allocationId!: string;

  @Field(() => ID)
  planId!: string;

  @Field()
  planTitle!: string;

  @Field(() => MoneyScalarType)
  amount!: Fen;

  @Field(() => MoneyScalarType)
  used!: Fen;

  @Field(() => MoneyScalarType)
  remaining!: Fen;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType('AssetUpkeep', { description: '资产的管护：责任、巡查、维修，以及下一次巡查的期限。' })
export class AssetUpkeepType {
  @Field(() => ID)
  assetId!: string;

  @Field(() => UpkeepDutyType, { nullable: true, description: 'The recorded upkeep duty, if any.' })
  duty!: UpkeepDutyType | null;

  @Field(() => String, {
    nullable: true,
    description: 'The responsible body: the duty’s, else the asset’s managementEntity.',
  })
  responsibleBody!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The responsible person: the duty’s, else the asset’s managementResponsible.',
  })
  responsiblePerson!: string | null;

  @Field(() => DutySource)
  responsibilitySource!: DutySource;

  @Field(() => UpkeepCondition, { nullable: true, description: 'As found by the latest inspection.' })
  currentCondition!: UpkeepCondition | null;

  @Field(() => LocalDateScalarType, { nullable: true })
  lastInspectedOn!: string | null;

  @Field(() => LocalDateScalarType, { description: 'When the next inspection is due under the policy.' })
  inspectionDueOn!: string;

  @Field(() => Boolean)
  inspectionOverdue!: boolean;

  @Field(() => [UpkeepInspectionType], { description: 'Newest first.' })
  inspections!: UpkeepInspectionType[];

  @Field(() => [UpkeepRepairType], { description: 'Newest first.' })
  repairs!: UpkeepRepairType[];

  @Field(() => MoneyScalarType)
  repairCostTotal!: Fen;
}

@ObjectType('UpkeepPolicy', { description: '管护政策：各类资产的巡查周期与损坏后的维修期限（按版本记录）。' })
export class UpkeepPolicyType {
  @Field(() => Int)
  version!: number;

  @Field(() => Int)
  operatingInspectionDays!: number;

  @Field(() => Int)
  publicWelfareInspectionDays!: number;

  @Field(() => Int)
  householdInspectionDays!: number;

  @Field(() => Int)
  repairDays!: number;

  @Field(() => LocalDateScalarType, { description: 'Never-inspected assets count from this day.' })
  cycleStart!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field()
  createdAt!: Date;
}
