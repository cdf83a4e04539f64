import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
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
import { LocalDateScalarType } from '@/common/scalars';
import { IdempotencyKeyField } from '@/common/validation/idempotency-key';
import { HouseholdStatusKind, MonitoringCategory } from '../household.enums';
import { IsResidentIdNumber } from './id-number.validator';
import { IsRegionCode } from '@/common/validation/region-code.validator';

/** 户籍/建档立卡编号: letters, digits and . _ / - (e.g. 500101151201-H001). */
export const REGISTRY_NO = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
const REGISTRY_NO_MESSAGE = 'registryNo must be 1–64 letters, digits, ".", "_", "/" or "-"';
/** A mobile or landline number: digits, optionally a leading + and - or spaces between groups. */
export const PHONE = /^\+?\d[\d -]{4,18}\d$/;
const PHONE_MESSAGE =
  'phone must be a telephone number (digits, "-" or spaces), e.g. 13800000000 or 023-58000000';
const NOT_BLANK = /\S/;

@InputType()
export class RegisterHouseholdInput {
  @Field({ description: 'Registry number (户籍/建档立卡编号), unique in the district.' })
  @IsString()
  @Matches(REGISTRY_NO, { message: REGISTRY_NO_MESSAGE })
  registryNo!: string;

  @Field({ description: 'Name of the head of the household (户主).' })
  @IsString()
  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'headName must not be blank' })
  headName!: string;

  @Field({ description: 'The village (12-digit code) the household belongs to.' })
  @IsString()
  @MaxLength(12)
  villageCode!: string;

  @Field(() => Int, { description: 'Members of the household, 1 to 30.' })
  @IsInt()
  @Min(1)
  @Max(30)
  membersCount!: number;

  @Field({ nullable: true, description: "The head's 18-character resident ID number (checked)." })
  @IsOptional()
  @IsString()
  @MaxLength(18)
  @IsResidentIdNumber()
  idNumber?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @Matches(PHONE, { message: PHONE_MESSAGE })
  phone?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;

  @Field(() => HouseholdStatusKind, { description: 'Its status (户类型) from startedOn.' })
  @IsEnum(HouseholdStatusKind)
  status!: HouseholdStatusKind;

  @Field(() => MonitoringCategory, { nullable: true, description: 'Required for MONITORED, only for it.' })
  @IsOptional()
  @IsEnum(MonitoringCategory)
  monitoringCategory?: MonitoringCategory;

  @Field(() => LocalDateScalarType, {
    description: 'When the status was determined (认定日期); not in the future.',
  })
  @IsString()
  startedOn!: string;

  @Field(() => LocalDateScalarType, {
    nullable: true,
    description: 'For a household that has already left the monitoring system (退出日期).',
  })
  @IsOptional()
  @IsString()
  endedOn?: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({
  description:
    'Fields to change (absent = unchanged). An explicit null clears idNumber, phone or address; for the other fields it changes nothing.',
})
export class HouseholdChangesInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'headName must not be blank' })
  headName?: string;

  @Field({ nullable: true, description: 'Move the household to another village (both in your region).' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  villageCode?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  membersCount?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(18)
  @IsResidentIdNumber()
  idNumber?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @Matches(PHONE, { message: PHONE_MESSAGE })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string | null;
}

@ArgsType()
export class UpdateHouseholdArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Int, { description: 'The version you read; if the household changed since, CONFLICT.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => HouseholdChangesInput)
  @ValidateNested()
  @Type(() => HouseholdChangesInput)
  changes!: HouseholdChangesInput;
}

@ArgsType()
export class ChangeHouseholdStatusArgs {
  @Field(() => ID)
  @IsUUID()
  householdId!: string;

  @Field(() => HouseholdStatusKind)
  @IsEnum(HouseholdStatusKind)
  status!: HouseholdStatusKind;

  @Field(() => MonitoringCategory, { nullable: true, description: 'Required for MONITORED, only for it.' })
  @IsOptional()
  @IsEnum(MonitoringCategory)
  monitoringCategory?: MonitoringCategory;

  @Field(() => LocalDateScalarType, {
    description: 'First day of the new status; the current one ends the day before. Not in the future.',
  })
  @IsString()
  startedOn!: string;
}

@ArgsType()
export class EndHouseholdStatusArgs {
  @Field(() => ID)
  @IsUUID()
  householdId!: string;

  @Field(() => LocalDateScalarType, { description: 'Last day in the monitoring system; not in the future.' })
  @IsString()
  endedOn!: string;

  @Field({ description: 'Why the household leaves (e.g. 风险消除, 自然消亡).' })
  @IsString()
  @Length(1, 500)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}

@InputType()
export class HouseholdFilter {
  @Field({ nullable: true, description: 'Households of this region (village, township …) and below it.' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  @IsRegionCode()
  villageCode?: string;

  @Field(() => HouseholdStatusKind, { nullable: true, description: 'Current (open) status.' })
  @IsOptional()
  @IsEnum(HouseholdStatusKind)
  status?: HouseholdStatusKind;

  @Field(() => MonitoringCategory, { nullable: true, description: 'Current (open) monitoring category.' })
  @IsOptional()
  @IsEnum(MonitoringCategory)
  monitoringCategory?: MonitoringCategory;

  @Field(() => LocalDateScalarType, {
    nullable: true,
    description: 'Only households eligible for income distribution on this date.',
  })
  @IsOptional()
  @IsString()
  eligibleOn?: string;

  @Field({
    nullable: true,
    description:
      "Part of the registry number or the head's name (or of the ID number, for those who may see it).",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  text?: string;
}

@ArgsType()
export class HouseholdsArgs {
  @Field(() => HouseholdFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => HouseholdFilter)
  filter?: HouseholdFilter;

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

@ArgsType()
export class ImportHouseholdsArgs {
  @Field(() => ID, { description: 'An .xlsx or .csv file uploaded with POST /files.' })
  @IsUUID()
  fileId!: string;

  @Field({
    nullable: true,
    defaultValue: false,
    description: 'Return when the import has finished instead of at once (poll householdImport otherwise).',
  })
  @IsOptional()
  @IsBoolean()
  wait?: boolean;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@ArgsType()
export class HouseholdImportArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}
