import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
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
import { OrderDirection } from '@/common/pagination';
import { IdempotencyKeyField } from '@/common/validation/idempotency-key';
import { IsMoney } from '@/common/validation/money.validators';
import { FundSource } from '@/projects/fund-source.enum';
import { FundSourceAmountInput } from '@/projects/fund-sources';
import { OwnerType } from '@/ownership/ownership.entity';
import { AssetClass, AssetForm, AssetStatus, OperatingMode } from '../asset.enums';
import { IsRegionCode } from '@/common/validation/region-code.validator';
import { registerLabelledEnum } from '@/common/i18n/enum-labels';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
const QUANTITY = /^\d{1,15}(\.\d{1,3})?$/;
/** The largest beneficiary count an asset declares (the district has fewer people). */
export const MAX_BENEFICIARIES = 1_000_000;

/** The fields an asset has; registration requires some of them, an update may change any. */
@InputType({ isAbstract: true })
abstract class AssetFields {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @Field(() => AssetClass, { nullable: true })
  @IsOptional()
  @IsEnum(AssetClass)
  class?: AssetClass;

  @Field(() => AssetForm, { nullable: true })
  @IsOptional()
  @IsEnum(AssetForm)
  form?: AssetForm;

  @Field({ nullable: true, description: 'Code of an active asset category (see assetCategories).' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  categoryCode?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @Field({ nullable: true, description: 'The village (or township) where the asset sits.' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  locationCode?: string;

  @Field({ nullable: true, description: 'A decimal number with up to three decimals, e.g. "2.5".' })
  @IsOptional()
  @IsString()
  @Matches(QUANTITY, { message: 'quantity must be a number with at most three decimals' })
  quantity?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 16)
  unit?: string;

  @Field(() => MoneyScalarType, { nullable: true, description: 'Invested amount (投资额), yuan.' })
  @IsOptional()
  @IsMoney()
  investedAmount?: Fen;

  @Field(() => MoneyScalarType, { nullable: true, description: 'Value of the asset formed (原值), yuan.' })
  @IsOptional()
  @IsMoney()
  formedValue?: Fen;

  @Field(() => [FundSourceAmountInput], {
    nullable: true,
    description: 'How the invested amount splits by fund source; the amounts add up to investedAmount.',
  })
  @IsOptional()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => FundSourceAmountInput)
  fundSources?: FundSourceAmountInput[];

  @Field(() => LocalDateScalarType, { nullable: true })
  @IsOptional()
  @IsString()
  completionDate?: string;

  @Field(() => LocalDateScalarType, { nullable: true })
  @IsOptional()
  @IsString()
  acceptanceDate?: string;

  @Field(() => LocalDateScalarType, { nullable: true })
  @IsOptional()
  @IsString()
  handoverDate?: string;

  @Field(() => AssetStatus, { nullable: true, description: 'DISPOSED only through an approved disposal.' })
  @IsOptional()
  @IsEnum(AssetStatus)
  status?: AssetStatus;

  @Field(() => LocalDateScalarType, {
    nullable: true,
    description:
      '状态起始日期: since when the asset has had this status (not in the future). Default: today when the status is new or changes, else unchanged.',
  })
  @IsOptional()
  @IsString()
  statusSince?: string;

  @Field({ nullable: true, description: '管护主体' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  managementEntity?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  managementResponsible?: string;

  @Field({ nullable: true, description: '经营主体' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  operator?: string;

  @Field(() => OperatingMode, { nullable: true })
  @IsOptional()
  @IsEnum(OperatingMode)
  operatingMode?: OperatingMode;

  @Field(() => LocalDateScalarType, { nullable: true })
  @IsOptional()
  @IsString()
  contractStart?: string;

  @Field(() => LocalDateScalarType, { nullable: true })
  @IsOptional()
  @IsString()
  contractEnd?: string;

  @Field({ nullable: true, description: 'Rent or dividend terms.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  contractTerms?: string;

  @Field(() => MoneyScalarType, { nullable: true, description: 'Agreed yearly rent or dividend, if fixed.' })
  @IsOptional()
  @IsMoney()
  contractAnnualAmount?: Fen;

  @Field({ nullable: true, description: 'EQUITY: the company invested in.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  investee?: string;

  @Field({ nullable: true, description: 'EQUITY: the dividend agreement.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  equityAgreementNo?: string;

  @Field(() => LocalDateScalarType, { nullable: true, description: 'EQUITY: when the agreement matures.' })
  @IsOptional()
  @IsString()
  equityMaturityDate?: string;

  @Field({ nullable: true, description: 'HOUSEHOLD: registry number of the household it was given to.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  householdRegistryNo?: string;

  @Field({ nullable: true, description: 'HOUSEHOLD: head of that household.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  householdHeadName?: string;

  @Field({ nullable: true, description: '建设内容' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  constructionContent?: string;

  @Field({ nullable: true, description: '建设规模, e.g. "硬化道路 3.2 公里".' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  constructionScale?: string;

  @Field(() => Int, { nullable: true, description: '受益户数' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_BENEFICIARIES)
  beneficiaryHouseholds?: number;

  @Field(() => Int, { nullable: true, description: '受益人数' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_BENEFICIARIES)
  beneficiaryPeople?: number;

  @Field(() => Int, { nullable: true, description: '其中脱贫户数 (part of beneficiaryHouseholds)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_BENEFICIARIES)
  beneficiaryPoorHouseholds?: number;

  @Field(() => Int, { nullable: true, description: '其中脱贫人口数 (part of beneficiaryPeople)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_BENEFICIARIES)
  beneficiaryPoorPeople?: number;

  @Field(() => Int, { nullable: true, description: '其中监测户数 (part of beneficiaryHouseholds)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_BENEFICIARIES)
  beneficiaryMonitoredHouseholds?: number;

  @Field(() => Int, { nullable: true, description: '其中监测人口数 (part of beneficiaryPeople)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_BENEFICIARIES)
  beneficiaryMonitoredPeople?: number;

  @Field({ nullable: true, description: '备注' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  remarks?: string;
}

@InputType()
export class RegisterAssetInput extends AssetFields {
  @Field({ description: 'Asset code, unique in the district.' })
  @IsString()
  @Matches(CODE, { message: 'code must be 1–64 letters, digits, ".", "_", "/" or "-"' })
  code!: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType()
export class AssetChangesInput extends AssetFields {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: 'code must be 1–64 letters, digits, ".", "_", "/" or "-"' })
  code?: string;
}

@ArgsType()
export class UpdateAssetArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Int, { description: 'The version you read; if the asset changed since, CONFLICT.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => AssetChangesInput)
  @ValidateNested()
  @Type(() => AssetChangesInput)
  changes!: AssetChangesInput;
}

@InputType()
export class AssetFilter {
  @Field({ nullable: true, description: 'Assets located in this region or anywhere below it.' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  @IsRegionCode()
  regionCode?: string;

  @Field({
    nullable: true,
    description:
      'Also the assets located elsewhere that a village or township of the region (regionCode, or your own) ' +
      'co-owns: one of their current confirmed owners. Default: the assets located in the region only.',
  })
  @IsOptional()
  @IsBoolean()
  includeCoOwned?: boolean;

  @Field(() => [AssetClass], { nullable: true })
  @IsOptional()
  @IsEnum(AssetClass, { each: true })
  @ArrayMaxSize(10)
  class?: AssetClass[];

  @Field(() => [AssetForm], { nullable: true })
  @IsOptional()
  @IsEnum(AssetForm, { each: true })
  @ArrayMaxSize(10)
  form?: AssetForm[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  @ArrayMaxSize(50)
  categoryCode?: string[];

  @Field(() => [AssetStatus], { nullable: true })
  @IsOptional()
  @IsEnum(AssetStatus, { each: true })
  @ArrayMaxSize(10)
  status?: AssetStatus[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @Field(() => OwnerType, {
    nullable: true,
    description: 'Assets with a current confirmed owner of this type.',
  })
  @IsOptional()
  @IsEnum(OwnerType)
  ownerType?: OwnerType;

  @Field(() => FundSource, { nullable: true, description: 'Assets funded (in part) by this source.' })
  @IsOptional()
  @IsEnum(FundSource)
  fundSource?: FundSource;

  @Field(() => Int, { nullable: true, description: 'Project year from (inclusive).' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  yearFrom?: number;

  @Field(() => Int, { nullable: true, description: 'Project year to (inclusive).' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  yearTo?: number;

  @Field(() => MoneyScalarType, { nullable: true, description: 'Formed value at least.' })
  @IsOptional()
  @IsMoney()
  valueFrom?: Fen;

  @Field(() => MoneyScalarType, { nullable: true, description: 'Formed value at most.' })
  @IsOptional()
  @IsMoney()
  valueTo?: Fen;

  @Field({ nullable: true, description: 'Part of the name or the code.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  text?: string;
}

export enum AssetOrderField {
  CODE = 'CODE',
  NAME = 'NAME',
  FORMED_VALUE = 'FORMED_VALUE',
  INVESTED_AMOUNT = 'INVESTED_AMOUNT',
  COMPLETION_DATE = 'COMPLETION_DATE',
  CREATED_AT = 'CREATED_AT',
}

registerLabelledEnum(AssetOrderField, {
  name: 'AssetOrderField',
  labels: {
    CODE: '资产编号',
    NAME: '资产名称',
    COMPLETION_DATE: '建成日期',
    CREATED_AT: '登记时间',
    FORMED_VALUE: '原值',
    INVESTED_AMOUNT: '投资额',
  },
});

@InputType()
export class AssetOrder {
  @Field(() => AssetOrderField)
  @IsEnum(AssetOrderField)
  field!: AssetOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  @IsEnum(OrderDirection)
  direction!: OrderDirection;
}

@ArgsType()
export class AssetsArgs {
  @Field(() => AssetFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AssetFilter)
  filter?: AssetFilter;

  @Field(() => AssetOrder, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AssetOrder)
  orderBy?: AssetOrder;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  first?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  after?: string;
}

export enum AssetGroupBy {
  REGION = 'REGION',
  CLASS = 'CLASS',
  CATEGORY = 'CATEGORY',
  STATUS = 'STATUS',
  YEAR = 'YEAR',
  FUND_SOURCE = 'FUND_SOURCE',
}

registerLabelledEnum(AssetGroupBy, {
  name: 'AssetGroupBy',
  labels: {
    REGION: '按区域',
    CLASS: '按资产类别',
    CATEGORY: '按资产分类',
    STATUS: '按状态',
    YEAR: '按年度',
    FUND_SOURCE: '按资金来源',
  },
});

@ArgsType()
export class AssetSummaryArgs {
  @Field(() => [AssetGroupBy])
  @IsEnum(AssetGroupBy, { each: true })
  @ArrayMaxSize(6)
  groupBy!: AssetGroupBy[];

  @Field(() => AssetFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AssetFilter)
  filter?: AssetFilter;
}
