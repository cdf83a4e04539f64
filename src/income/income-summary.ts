import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional, ValidateNested } from 'class-validator';
import { Fen, MoneyScalarType } from '@/common/scalars';
import { IncomeFilter } from './income.types';
import { registerLabelledEnum } from '@/common/i18n/enum-labels';

export enum IncomeGroupBy {
  REGION = 'REGION',
  ASSET = 'ASSET',
  KIND = 'KIND',
  YEAR = 'YEAR',
  CHANNEL = 'CHANNEL',
}

registerLabelledEnum(IncomeGroupBy, {
  name: 'IncomeGroupBy',
  labels: { REGION: '按区域', ASSET: '按资产', KIND: '按收益类型', YEAR: '按年度', CHANNEL: '按分配渠道' },
});

@ArgsType()
export class IncomeSummaryArgs {
  @Field(() => [IncomeGroupBy])
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsEnum(IncomeGroupBy, { each: true })
  groupBy!: IncomeGroupBy[];

  @Field(() => IncomeFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => IncomeFilter)
  filter?: IncomeFilter;
}

@ObjectType('IncomeSummaryGroup', {
  description:
    "Income received per REGION/ASSET/KIND/YEAR (net of reversals, a reversal counted on its own date), the village collectives' shares of it (distributable), what submitted, filed or completed plans take of those (planned, counted with the record they take from) and paid of it, and distributable − planned (undistributed), as the assets' incomeBalance counts them; per CHANNEL, what committed plans allocate and what was paid.",
})
export class IncomeSummaryGroupType {
  @Field(() => String, { nullable: true })
  regionCode!: string | null;

  @Field(() => String, { nullable: true })
  regionName!: string | null;

  @Field(() => ID, { nullable: true })
  assetId!: string | null;

  @Field(() => String, { nullable: true })
  assetCode!: string | null;

  @Field(() => String, { nullable: true })
  kind!: string | null;

  @Field(() => Int, { nullable: true })
  year!: number | null;

  @Field(() => String, { nullable: true })
  channel!: string | null;

  @Field(() => Int)
  count!: number;

  @Field(() => MoneyScalarType, { nullable: true, description: 'Null per CHANNEL.' })
  received!: Fen | null;

  @Field(() => MoneyScalarType, { nullable: true, description: 'Null per CHANNEL.' })
  distributable!: Fen | null;

  @Field(() => MoneyScalarType, { nullable: true })
  planned!: Fen | null;

  @Field(() => MoneyScalarType, { nullable: true })
  paid!: Fen | null;

  @Field(() => MoneyScalarType, { nullable: true, description: 'distributable − planned; null per CHANNEL.' })
  undistributed!: Fen | null;
}
