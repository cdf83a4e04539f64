import { ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Fen, LocalDateScalarType, MoneyScalarType } from '@/common/scalars';
import { FundSource } from '@/projects/fund-source.enum';
import { DistributionChannel, PlanStatus } from './distribution.entity';

@ArgsType()
export class MoneyTrailArgs {
  @Field(() => ID, { nullable: true, description: 'The trail of one asset.' })
  @IsOptional()
  @IsUUID()
  assetId?: string;

  @Field(() => ID, { nullable: true, description: 'The trail of what one household was paid.' })
  @IsOptional()
  @IsUUID()
  householdId?: string;

  @Field(() => FundSource, {
    nullable: true,
    description: 'The trail of the assets one fund source invested in.',
  })
  @IsOptional()
  @IsEnum(FundSource)
  fundSource?: FundSource;

  @Field({
    nullable: true,
    description: 'With fundSource: assets in this region (within yours; default yours).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  regionCode?: string;
}

@ObjectType('TrailInvestment', {
  description: 'Fund source → project → asset: what a fund source invested in an asset.',
})
export class TrailInvestmentType {
  @Field(() => FundSource)
  fundSource!: FundSource;

  @Field(() => ID)
  projectId!: string;

  @Field()
  projectCode!: string;

  @Field()
  projectName!: string;

  @Field(() => ID)
  assetId!: string;

  @Field()
  assetCode!: string;

  @Field()
  assetName!: string;

  @Field(() => MoneyScalarType)
  amount!: Fen;
}

@ObjectType('TrailIncome', {
  description:
    'Asset → income: a village’s net share of an income record, how much of it plans distribute and what is left.',
})
export class TrailIncomeType {
  @Field(() => ID)
  incomeId!: string;

  @Field(() => ID)
  assetId!: string;

  @Field(() => LocalDateScalarType)
  receivedOn!: string;

  @Field()
  villageCode!: string;

  @Field(() => MoneyScalarType, { description: 'The village’s share, net of any reversal.' })
  amount!: Fen;

  @Field(() => MoneyScalarType, { description: 'Taken by the plans (the flows from this income).' })
  distributed!: Fen;

  @Field(() => MoneyScalarType, { description: 'amount − distributed.' })
  undistributed!: Fen;
}

@ObjectType('TrailFlow', { description: 'Income → plan: how much of an income record a plan distributes.' })
export class TrailFlowType {
  @Field(() => ID)
  incomeId!: string;

  @Field(() => ID)
  planId!: string;

  @Field(() => MoneyScalarType)
  amount!: Fen;
}

@ObjectType('TrailAllocation')
export class TrailAllocationType {
  @Field(() => ID)
  allocationId!: string;

  @Field(() => DistributionChannel)
  channel!: DistributionChannel;

  @Field(() => MoneyScalarType)
  amount!: Fen;

  @Field(() => MoneyScalarType)
  paid!: Fen;
}

@ObjectType('TrailPlan', { description: 'Plan → allocations.' })
export class TrailPlanType {
  @Field(() => ID)
  planId!: string;

  @Field()
  villageCode!: string;

  @Field()
  title!: string;

  @Field(() => PlanStatus)
  status!: PlanStatus;

  @Field(() => MoneyScalarType, { description: 'The whole plan (its flows from all income add up to it).' })
  amount!: Fen;

  @Field(() => MoneyScalarType, { description: 'Of which from the income in this trail.' })
  fromTrailIncome!: Fen;

  @Field(() => [TrailAllocationType])
  allocations!: TrailAllocationType[];
}

@ObjectType('TrailPayout', {
  description:
    'Allocation → payout → household: the part of a payout that came from one income record (a plan’s payouts use its income oldest first).',
})
export class TrailPayoutType {
  @Field(() => ID)
  payoutId!: string;

  @Field(() => ID)
  planId!: string;

  @Field(() => ID)
  allocationId!: string;

  @Field(() => DistributionChannel)
  channel!: DistributionChannel;

  @Field(() => ID, { nullable: true })
  householdId!: string | null;

  @Field(() => LocalDateScalarType)
  paidOn!: string;

  @Field(() => ID)
  incomeId!: string;

  @Field(() => MoneyScalarType)
  amount!: Fen;
}

@ObjectType('TrailHousehold', { description: 'What a household received along this trail.' })
export class TrailHouseholdType {
  @Field(() => ID)
  householdId!: string;

  @Field(() => MoneyScalarType)
  amount!: Fen;
}

@ObjectType('TrailTotals')
export class TrailTotalsType {
  @Field(() => MoneyScalarType, { description: 'Σ investments.' })
  invested!: Fen;

  @Field(() => MoneyScalarType, { description: 'Σ incomes.amount.' })
  income!: Fen;

  @Field(() => MoneyScalarType, { description: 'Σ flows = Σ incomes.distributed.' })
  distributed!: Fen;

  @Field(() => MoneyScalarType, { description: 'Σ payouts.' })
  paid!: Fen;

  @Field(() => MoneyScalarType, { description: 'Σ households = Σ payouts naming a household.' })
  paidToHouseholds!: Fen;
}

@ObjectType('MoneyTrail', {
  description:
    '以资金为主线: fund source → project → asset → income → plan → allocation → payout → household, in fen that add up.',
})
export class MoneyTrailType {
  @Field(() => [TrailInvestmentType])
  investments!: TrailInvestmentType[];

  @Field(() => [TrailIncomeType])
  incomes!: TrailIncomeType[];

  @Field(() => [TrailFlowType])
  flows!: TrailFlowType[];

  @Field(() => [TrailPlanType])
  plans!: TrailPlanType[];

  @Field(() => [TrailPayoutType])
  payouts!: TrailPayoutType[];

  @Field(() => [TrailHouseholdType])
  households!: TrailHouseholdType[];

  @Field(() => TrailTotalsType)
  totals!: TrailTotalsType;
}
