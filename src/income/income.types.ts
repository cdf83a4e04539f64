import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { registerLabelledEnum } from '@/common/i18n/enum-labels';
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
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Fen, LocalDateScalarType, MoneyScalarType } from '@/common/scalars';
import { OrderDirection } from '@/common/pagination';
import { IdempotencyKeyField } from '@/common/validation/idempotency-key';
import { IsMoney } from '@/common/validation/money.validators';
import { EvidenceRefType } from '@/files/evidence-ref';
import { INCOME_KIND_NAMES, IncomeKind } from './income.entity';
import { IsRegionCode } from '@/common/validation/region-code.validator';

registerLabelledEnum(IncomeKind, { name: 'IncomeKind', description: '收益类型', labels: INCOME_KIND_NAMES });

@InputType()
export class RecordIncomeInput {
  @Field(() => ID)
  @IsUUID()
  assetId!: string;

  @Field(() => MoneyScalarType, { description: 'More than zero, yuan.' })
  @IsMoney({ min: 1n })
  amount!: Fen;

  @Field(() => LocalDateScalarType)
  @IsString()
  periodFrom!: string;

  @Field(() => LocalDateScalarType)
  @IsString()
  periodTo!: string;

  @Field(() => IncomeKind)
  @IsEnum(IncomeKind)
  kind!: IncomeKind;

  @Field(() => LocalDateScalarType)
  @IsString()
  receivedOn!: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  evidenceFileIds?: string[];

  @IdempotencyKeyField({ required: true })
  idempotencyKey!: string;

  @Field({
    defaultValue: false,
    description: 'A supplement may overlap an earlier record of the same asset, kind and period.',
  })
  @IsBoolean()
  supplement!: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "The contract it is paid under (rent or dividend): one of the asset's contracts, in force on periodFrom.",
  })
  @IsOptional()
  @IsUUID()
  contractId?: string;
}

@ArgsType()
export class ReverseIncomeArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field({ description: 'Why the record was wrong (mandatory).' })
  @IsString()
  @Length(1, 500)
  reason!: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType()
export class IncomeFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  assetId?: string;

  @Field({
    nullable: true,
    description:
      'Income of assets in this region and below, and income that pays a village there a share (of an asset it co-owns elsewhere).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  @IsRegionCode()
  regionCode?: string;

  @Field(() => IncomeKind, { nullable: true })
  @IsOptional()
  @IsEnum(IncomeKind)
  kind?: IncomeKind;

  @Field(() => LocalDateScalarType, { nullable: true, description: 'Received on or after.' })
  @IsOptional()
  @IsString()
  receivedFrom?: string;

  @Field(() => LocalDateScalarType, { nullable: true, description: 'Received on or before.' })
  @IsOptional()
  @IsString()
  receivedTo?: string;

  @Field(() => Int, { nullable: true, description: 'Year received.' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

@ArgsType()
export class IncomeRecordsArgs {
  @Field(() => IncomeFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => IncomeFilter)
  filter?: IncomeFilter;

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

  @Field(() => OrderDirection, {
    defaultValue: OrderDirection.ASC,
    description: 'By the date received: ASC oldest first (the default), DESC newest first.',
  })
  @IsEnum(OrderDirection)
  direction!: OrderDirection;
}

@ObjectType('IncomeShare', { description: "An owner's part of an income, by its share of the asset." })
export class IncomeShareType {
  @Field()
  ownerType!: string;

  @Field()
  ownerRef!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The owner's name as the asset's confirmed ownership named it when the income was recorded (梧桐村集体经济组织); for an asset whose ownership was not yet confirmed, the name of the village (or township) where it sits. Null if neither is known.",
  })
  ownerName!: string | null;

  @Field(() => String, { nullable: true })
  villageCode!: string | null;

  @Field()
  sharePercent!: string;

  @Field(() => MoneyScalarType)
  amount!: Fen;
}

@ObjectType('IncomeRecord')
export class IncomeRecordType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  assetId!: string;

  @Field()
  regionCode!: string;

  @Field(() => MoneyScalarType, { description: 'Negative for a compensating (reversing) record.' })
  amount!: Fen;

  @Field(() => IncomeKind)
  kind!: IncomeKind;

  @Field(() => LocalDateScalarType)
  periodFrom!: string;

  @Field(() => LocalDateScalarType)
  periodTo!: string;

  @Field(() => LocalDateScalarType)
  receivedOn!: string;

  @Field()
  supplement!: boolean;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => [EvidenceRefType])
  evidence!: EvidenceRefType[];

  @Field(() => ID, { nullable: true, description: 'On a compensating record: the record it reverses.' })
  reversesId!: string | null;

  @Field(() => ID, { nullable: true, description: 'On a reversed record: its compensating record.' })
  reversedById?: string | null;

  @Field(() => ID, { nullable: true, description: 'The contract it was paid under, if any.' })
  contractId!: string | null;

  @Field({ description: "The asset's register code (资产编号)." })
  assetCode?: string;

  @Field({
    description:
      "The name of the region the asset is in (a village's list also holds income of an asset it co-owns in another village).",
  })
  regionName?: string;

  @Field({ description: "The asset's name." })
  assetName?: string;

  @Field()
  createdAt!: Date;
}

@ObjectType('IncomeBalance', {
  description:
    'Income received, planned (in submitted, filed or completed plans), paid and still undistributed.',
})
export class IncomeBalanceType {
  @Field(() => String, { nullable: true, description: 'The village (for village balances).' })
  villageCode?: string | null;

  @Field(() => String, { nullable: true })
  villageName?: string | null;

  @Field(() => ID, { nullable: true, description: 'The asset (for asset balances).' })
  assetId?: string | null;

  @Field(() => MoneyScalarType, { description: 'All income received (net of reversals).' })
  received!: Fen;

  @Field(() => MoneyScalarType, { description: 'The part owned by village collectives, to distribute.' })
  distributable!: Fen;

  @Field(() => MoneyScalarType)
  planned!: Fen;

  @Field(() => MoneyScalarType)
  paid!: Fen;

  @Field(() => MoneyScalarType, { description: 'distributable − planned.' })
  undistributed!: Fen;

  @Field(() => LocalDateScalarType, {
    nullable: true,
    description: 'When the oldest undistributed fen was received.',
  })
  oldestUndistributedOn!: string | null;

  @Field(() => Int, { nullable: true, description: 'Its age in days.' })
  oldestUndistributedDays!: number | null;
}
