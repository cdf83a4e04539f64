import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { ProblemList } from '@/common/errors';
import { Fen, formatYuan, MoneyScalarType } from '@/common/scalars';
import { IsMoney } from '@/common/validation/money.validators';
import { FundSource } from './fund-source.enum';

@InputType()
export class FundSourceAmountInput {
  @Field(() => FundSource)
  @IsEnum(FundSource)
  source!: FundSource;

  @Field(() => MoneyScalarType, { description: 'Yuan, e.g. "120000.00"; more than zero.' })
  @IsMoney({ min: 1n })
  amount!: Fen;
}

@ObjectType('FundSourceAmount')
export class FundSourceAmountType {
  @Field(() => FundSource)
  source!: FundSource;

  @Field(() => MoneyScalarType)
  amount!: Fen;
}

export interface FundSourceAmount {
  source: FundSource;
  amount: Fen;
}

/** Each source at most once; returns the total. */
export function checkFundSources(
  sources: readonly FundSourceAmount[],
  field: string,
  problems: ProblemList,
): Fen {
  const seen = new Set<FundSource>();
  let total = 0n;
  sources.forEach((s, i) => {
    if (seen.has(s.source)) problems.add(`${field}[${i}].source`, `${s.source} is listed twice`);
    seen.add(s.source);
    total += s.amount;
  });
  return total;
}

export function sortFundSources<T extends { source: FundSource }>(sources: readonly T[]): T[] {
  const order = Object.values(FundSource);
  return [...sources].sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source));
}

export function describeTotal(fen: Fen): string {
  return formatYuan(fen);
}
