import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IdempotencyKeyField } from '@/common/validation/idempotency-key';
import { Fen, LocalDateScalarType, MoneyScalarType } from '@/common/scalars';
import { AssetClass } from '@/assets/asset.enums';
import { IsRegionCode } from '@/common/validation/region-code.validator';
import { registerLabelledEnum } from '@/common/i18n/enum-labels';

export enum RedFlagKind {
  INCOME_UNDISTRIBUTED = 'INCOME_UNDISTRIBUTED',
  ASSET_IDLE = 'ASSET_IDLE',
  OWNERSHIP_UNCONFIRMED = 'OWNERSHIP_UNCONFIRMED',
  DISPOSAL_OVERDUE = 'DISPOSAL_OVERDUE',
  EQUITY_MATURING = 'EQUITY_MATURING',
  PUBLICITY_ENDED = 'PUBLICITY_ENDED',
  PUBLICITY_BACKDATED = 'PUBLICITY_BACKDATED',
  RESULT_PUBLICITY_MISSING = 'RESULT_PUBLICITY_MISSING',
  LEDGER_INTEGRITY = 'LEDGER_INTEGRITY',
  WITNESS_SILENT = 'WITNESS_SILENT',
  WITNESS_REFUSED = 'WITNESS_REFUSED',
  CHECKPOINT_NO_QUORUM = 'CHECKPOINT_NO_QUORUM',
  UPKEEP_INSPECTION_OVERDUE = 'UPKEEP_INSPECTION_OVERDUE',
  UPKEEP_DAMAGE_UNREPAIRED = 'UPKEEP_DAMAGE_UNREPAIRED',
  UPKEEP_LOST_NO_DISPOSAL = 'UPKEEP_LOST_NO_DISPOSAL',
  CONTRACT_PAYMENT_OVERDUE = 'CONTRACT_PAYMENT_OVERDUE',
  CONTRACT_ENDING_NO_RENEWAL = 'CONTRACT_ENDING_NO_RENEWAL',
  OPERATING_ASSET_NO_CONTRACT = 'OPERATING_ASSET_NO_CONTRACT',
  EQUITY_PRINCIPAL_NOT_RETURNED = 'EQUITY_PRINCIPAL_NOT_RETURNED',
}

registerLabelledEnum(RedFlagKind, {
  name: 'RedFlagKind',
  labels: {
    INCOME_UNDISTRIBUTED: '收益长期未分配',
    ASSET_IDLE: '资产长期闲置',
    OWNERSHIP_UNCONFIRMED: '移交后未确权',
    DISPOSAL_OVERDUE: '处置审核超期',
    EQUITY_MATURING: '股权协议即将到期',
    PUBLICITY_ENDED: '公示期满未确权',
    PUBLICITY_BACKDATED: '公示起始日期提前',
    RESULT_PUBLICITY_MISSING: '分配结果未公开',
    LEDGER_INTEGRITY: '账本校验未通过',
    WITNESS_SILENT: '见证人长期未联署',
    WITNESS_REFUSED: '见证人拒绝联署',
    CHECKPOINT_NO_QUORUM: '检查点未获足够联署',
    UPKEEP_INSPECTION_OVERDUE: '资产超期未巡查',
    UPKEEP_DAMAGE_UNREPAIRED: '资产损坏未按期维修',
    UPKEEP_LOST_NO_DISPOSAL: '资产灭失未申请处置',
    CONTRACT_PAYMENT_OVERDUE: '合同租金或分红逾期未收',
    CONTRACT_ENDING_NO_RENEWAL: '合同即将到期未续签',
    OPERATING_ASSET_NO_CONTRACT: '经营性资产无有效合同',
    EQUITY_PRINCIPAL_NOT_RETURNED: '入股到期本金未返还',
  },
  description:
    'INCOME_UNDISTRIBUTED: income undistributed for more than N days; ASSET_IDLE: idle for more than N days; OWNERSHIP_UNCONFIRMED: handed over N days ago without confirmed ownership; DISPOSAL_OVERDUE: a review step past its deadline; EQUITY_MATURING: an equity agreement maturing within N days; PUBLICITY_ENDED: a publicity window that ended (N days ago) without a confirmation; PUBLICITY_BACKDATED: an ownership proposal whose publicity starts before the day it was recorded (a notice already posted; N: the most days back the ownership policy allows); RESULT_PUBLICITY_MISSING: a distribution plan completed (its last payout) more than N days ago whose result publicity (结果公开) is not recorded; LEDGER_INTEGRITY: the ledger refused to sign a checkpoint because something did not verify (shown for N days); WITNESS_SILENT: a witness of the policy that has cosigned nothing new for N days; WITNESS_REFUSED: a witness refused a checkpoint, with its reason (shown for N days); CHECKPOINT_NO_QUORUM: a checkpoint that has not reached the witness quorum for N days (the ledger and witness kinds: district scope); UPKEEP_INSPECTION_OVERDUE: an asset not inspected within the period its class has in the upkeep policy (N: the shortest period; never-inspected assets count from the cycle start of the policy or their handover); UPKEEP_DAMAGE_UNREPAIRED: an asset whose latest inspection found it damaged and that has no repair since, after the N repair days of the policy; UPKEEP_LOST_NO_DISPOSAL: an asset whose latest inspection found it lost (灭失) with no disposal request open or completed; CONTRACT_PAYMENT_OVERDUE: rent or dividend under a contract unpaid more than N days after it fell due; CONTRACT_ENDING_NO_RENEWAL: a contract in force ending within N days, not renewed; OPERATING_ASSET_NO_CONTRACT: an operating asset in use, not self-run, with no contract in force; EQUITY_PRINCIPAL_NOT_RETURNED: an equity contract past its maturity whose principal return is not recorded.',
});

@InputType()
export class RedFlagThresholds {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  undistributedDays?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  idleDays?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  unconfirmedDays?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  maturityDays?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  publicityGraceDays?: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Days after completion to record the result publicity (结果公开).',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  resultPublicityDays?: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Days after rent or dividend falls due before it counts as overdue.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  paymentGraceDays?: number;

  @Field(() => Int, { nullable: true, description: 'Contracts ending within these days without renewal.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  contractEndingDays?: number;
}

@ArgsType()
export class RedFlagsArgs {
  @Field({ description: 'A region within yours (default: yours).', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  @IsRegionCode()
  regionCode?: string;

  @Field(() => [RedFlagKind], { nullable: true, description: 'Default: all kinds.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(RedFlagKind, { each: true })
  kinds?: RedFlagKind[];

  @Field(() => RedFlagThresholds, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RedFlagThresholds)
  thresholds?: RedFlagThresholds;
}

@ObjectType('RegionCount')
export class RegionCountType {
  @Field()
  regionCode!: string;

  @Field(() => String, { nullable: true })
  regionName!: string | null;

  @Field(() => Int)
  count!: number;
}

@ObjectType('RedFlagRecord', { description: 'A record behind a red flag.' })
export class RedFlagRecordType {
  @Field()
  entityType!: string;

  @Field(() => ID)
  entityId!: string;

  @Field({ description: "Asset code (or the asset of the record; a distribution plan's village name)." })
  code!: string;

  @Field()
  name!: string;

  @Field()
  regionCode!: string;

  @Field(() => LocalDateScalarType, {
    nullable: true,
    description: 'Since when (received, idle, handed over, due, matures, ended).',
  })
  since!: string | null;

  @Field(() => Int, { nullable: true, description: 'Days since then (negative: days until).' })
  days!: number | null;

  @Field(() => MoneyScalarType, { nullable: true })
  amount!: Fen | null;
}

@ObjectType('RedFlag')
export class RedFlagType {
  @Field(() => RedFlagKind)
  kind!: RedFlagKind;

  @Field(() => Int, { description: 'The N used (days).' })
  threshold!: number;

  @Field(() => Int)
  count!: number;

  @Field(() => [RegionCountType], { description: 'Counts per region one level below the summarised one.' })
  byRegion!: RegionCountType[];

  @Field(() => [RedFlagRecordType])
  records!: RedFlagRecordType[];
}

@ObjectType('RedFlagReport')
export class RedFlagReportType {
  @Field()
  regionCode!: string;

  @Field(() => LocalDateScalarType)
  asOf!: string;

  @Field(() => Int)
  total!: number;

  @Field(() => [RedFlagType])
  flags!: RedFlagType[];
}

@ObjectType('ClassTotals')
export class ClassTotalsType {
  @Field(() => AssetClass)
  class!: AssetClass;

  @Field(() => Int)
  count!: number;

  @Field(() => MoneyScalarType)
  formedValue!: Fen;
}

@ObjectType('DashboardOpenItems')
export class DashboardOpenItemsType {
  @Field(() => Int, { description: 'Ownership proposals in publicity.' })
  ownershipInPublicity!: number;

  @Field(() => Int, { description: 'Disposal requests not yet closed.' })
  disposalsOpen!: number;

  @Field(() => Int, { description: 'Distribution plans submitted, awaiting the township.' })
  plansAwaitingFiling!: number;

  @Field(() => Int, { description: 'Red flags of every kind, default thresholds.' })
  redFlags!: number;
}

@ObjectType('DashboardRow', { description: 'One township (or village) below the region of the dashboard.' })
export class DashboardRowType {
  @Field()
  regionCode!: string;

  @Field()
  regionName!: string;

  @Field(() => [ClassTotalsType])
  assetsByClass!: ClassTotalsType[];

  @Field(() => Int)
  assetCount!: number;

  @Field(() => MoneyScalarType)
  formedValue!: Fen;

  @Field(() => MoneyScalarType, { description: "Village collectives' income received." })
  incomeReceived!: Fen;

  @Field(() => MoneyScalarType, { description: 'In submitted, filed or completed plans.' })
  incomeDistributed!: Fen;

  @Field(() => MoneyScalarType)
  incomePaid!: Fen;

  @Field(() => MoneyScalarType)
  incomeUndistributed!: Fen;

  @Field(() => DashboardOpenItemsType)
  openItems!: DashboardOpenItemsType;
}

@ObjectType('SupervisionDashboard')
export class DashboardType {
  @Field()
  regionCode!: string;

  @Field()
  regionName!: string;

  @Field(() => LocalDateScalarType)
  asOf!: string;

  @Field(() => [DashboardRowType])
  rows!: DashboardRowType[];

  @Field(() => DashboardRowType, { description: 'The whole region.' })
  total!: DashboardRowType;
}

export enum SupervisionReportKind {
  RED_FLAGS = 'RED_FLAGS',
  DASHBOARD = 'DASHBOARD',
}

registerLabelledEnum(SupervisionReportKind, {
  name: 'SupervisionReportKind',
  labels: { DASHBOARD: '监管看板', RED_FLAGS: '风险预警' },
});

@ArgsType()
export class ExportSupervisionArgs {
  @Field(() => SupervisionReportKind)
  @IsEnum(SupervisionReportKind)
  kind!: SupervisionReportKind;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  @IsRegionCode()
  regionCode?: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}
