import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Fen, LocalDateScalarType, MoneyScalarType } from '@/common/scalars';
import { AssetClass, AssetForm, AssetStatus, OperatingMode } from './asset.enums';

@ObjectType('Asset', { description: 'An asset (资产) in the register.' })
export class AssetType {
  @Field(() => ID)
  id!: string;

  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => AssetClass)
  class!: AssetClass;

  @Field(() => AssetForm)
  form!: AssetForm;

  @Field()
  categoryCode!: string;

  @Field(() => ID)
  projectId!: string;

  @Field({ description: 'Village or township where the asset sits.' })
  locationCode!: string;

  @Field({ description: 'Decimal quantity, e.g. "2.500".' })
  quantity!: string;

  @Field()
  unit!: string;

  @Field(() => MoneyScalarType)
  investedAmount!: Fen;

  @Field(() => MoneyScalarType, { description: '原值' })
  formedValue!: Fen;

  @Field(() => LocalDateScalarType, { nullable: true })
  completionDate!: string | null;

  @Field(() => LocalDateScalarType, { nullable: true })
  acceptanceDate!: string | null;

  @Field(() => LocalDateScalarType, { nullable: true })
  handoverDate!: string | null;

  @Field(() => AssetStatus)
  status!: AssetStatus;

  @Field(() => LocalDateScalarType, { description: 'Since when the asset has had its current status.' })
  statusSince!: string;

  @Field(() => String, { nullable: true })
  managementEntity!: string | null;

  @Field(() => String, { nullable: true })
  managementResponsible!: string | null;

  @Field(() => String, { nullable: true })
  operator!: string | null;

  @Field(() => OperatingMode, { nullable: true })
  operatingMode!: OperatingMode | null;

  @Field(() => LocalDateScalarType, { nullable: true })
  contractStart!: string | null;

  @Field(() => LocalDateScalarType, { nullable: true })
  contractEnd!: string | null;

  @Field(() => String, { nullable: true })
  contractTerms!: string | null;

  @Field(() => MoneyScalarType, { nullable: true })
  contractAnnualAmount!: Fen | null;

  @Field(() => String, { nullable: true })
  investee!: string | null;

  @Field(() => String, { nullable: true })
  equityAgreementNo!: string | null;

  @Field(() => LocalDateScalarType, { nullable: true })
  equityMaturityDate!: string | null;

  @Field(() => String, { nullable: true })
  householdRegistryNo!: string | null;

  @Field(() => String, { nullable: true })
  householdHeadName!: string | null;

  @Field(() => String, { nullable: true, description: '建设内容' })
  constructionContent!: string | null;

  @Field(() => String, { nullable: true, description: '建设规模' })
  constructionScale!: string | null;

  @Field(() => Int, { nullable: true, description: '受益户数 (declared)' })
  beneficiaryHouseholds!: number | null;

  @Field(() => Int, { nullable: true, description: '受益人数 (declared)' })
  beneficiaryPeople!: number | null;

  @Field(() => Int, { nullable: true, description: '其中脱贫户数' })
  beneficiaryPoorHouseholds!: number | null;

  @Field(() => Int, { nullable: true, description: '其中脱贫人口数' })
  beneficiaryPoorPeople!: number | null;

  @Field(() => Int, { nullable: true, description: '其中监测户数' })
  beneficiaryMonitoredHouseholds!: number | null;

  @Field(() => Int, { nullable: true, description: '其中监测人口数' })
  beneficiaryMonitoredPeople!: number | null;

  @Field(() => String, { nullable: true, description: '备注' })
  remarks!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Int)
  version!: number;

  /** Set when the object was rebuilt from the ledger (`asset(id, asOf)`). */
  asOfIndex?: number;
}

@ObjectType('AssetSummaryGroup', { description: 'One group of assetSummary: its keys, count and sums.' })
export class AssetSummaryGroupType {
  @Field(() => String, {
    nullable: true,
    description: 'Region code (one level below the summarised region).',
  })
  regionCode!: string | null;

  @Field(() => String, { nullable: true })
  regionName!: string | null;

  @Field(() => AssetClass, { nullable: true })
  class!: AssetClass | null;

  @Field(() => String, { nullable: true })
  categoryCode!: string | null;

  @Field(() => AssetStatus, { nullable: true })
  status!: AssetStatus | null;

  @Field(() => Int, { nullable: true, description: 'Project year.' })
  year!: number | null;

  @Field(() => String, { nullable: true, description: 'Fund source (FundSource value).' })
  fundSource!: string | null;

  @Field(() => Int)
  count!: number;

  @Field(() => MoneyScalarType, {
    description: 'Sum of invested amounts; grouped by fund source, the amounts from that source.',
  })
  investedAmount!: Fen;

  @Field(() => MoneyScalarType, {
    description:
      'Sum of formed values; grouped by fund source, each asset’s value split pro rata (floored to the fen).',
  })
  formedValue!: Fen;
}
