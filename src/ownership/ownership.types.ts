import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { registerLabelledEnum } from '@/common/i18n/enum-labels';
import { ArgsType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsInt,
  Max,
  Min,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { LocalDateScalarType } from '@/common/scalars';
import { IdempotencyKeyField } from '@/common/validation/idempotency-key';
import { IsRegionCode } from '@/common/validation/region-code.validator';
import { EvidenceRefType } from '@/files/evidence-ref';
import { formatPercent } from '@/common/scalars';
import {
  ObjectionStatus,
  OwnerType,
  OWNER_TYPE_NAMES,
  PROPOSAL_STATUS_NAMES,
  OBJECTION_STATUS_NAMES,
  OwnershipObjection,
  OwnershipPolicyVersion,
  OwnershipProposal,
  OwnershipProposalOwner,
  ProposalStatus,
} from './ownership.entity';

registerLabelledEnum(OwnerType, { name: 'OwnerType', description: '权属人类型', labels: OWNER_TYPE_NAMES });
registerLabelledEnum(ProposalStatus, {
  name: 'OwnershipProposalStatus',
  description: '确权申请状态',
  labels: PROPOSAL_STATUS_NAMES,
});
registerLabelledEnum(ObjectionStatus, {
  name: 'ObjectionStatus',
  description: '异议状态',
  labels: OBJECTION_STATUS_NAMES,
});

@InputType()
export class OwnerInput {
  @Field(() => OwnerType)
  @IsEnum(OwnerType)
  ownerType!: OwnerType;

  @Field({
    description:
      'The owner: village code (VILLAGE_COLLECTIVE), township code (TOWNSHIP), department code (DISTRICT_DEPARTMENT) or household registry number (HOUSEHOLD).',
  })
  @IsString()
  @Length(1, 64)
  ownerRef!: string;

  @Field({ description: 'Name of the owner as it will appear on the certificate.' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @Field({
    description: 'Share in percent with at most two decimals, e.g. "33.33"; all shares add up to 100.',
  })
  @IsString()
  @Matches(/^\d{1,3}(\.\d{1,2})?$/, { message: 'sharePercent must be a percentage such as "33.33"' })
  sharePercent!: string;
}

@InputType()
export class ProposeOwnershipInput {
  @Field(() => ID)
  @IsUUID()
  assetId!: string;

  @Field(() => [OwnerInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OwnerInput)
  owners!: OwnerInput[];

  @Field({ description: '管护主体: who will maintain the asset.' })
  @IsString()
  @Length(1, 200)
  managementEntity!: string;

  @Field({ nullable: true, description: 'Its responsible person.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  managementResponsible?: string;

  @Field(() => LocalDateScalarType, {
    description:
      "First day of the publicity (公示): the day the proposal is recorded or later. An earlier day (a notice already posted) needs noticeEvidenceFileIds and may lie at most the ownership policy's publicityBackdateMaxDays back; the proposal is then marked backdated.",
  })
  @IsString()
  publicityStart!: string;

  @Field(() => [ID], {
    nullable: true,
    description:
      'A photo or scan of the notice already posted (POST /files): required to back-date the publicity.',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  noticeEvidenceFileIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'Evidence files (uploaded with POST /files).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  evidenceFileIds?: string[];
}

@InputType()
export class RecordObjectionInput {
  @Field(() => ID)
  @IsUUID()
  proposalId!: string;

  @Field({ description: 'Who objects (a villager, a household, a unit).' })
  @IsString()
  @Length(1, 100)
  objector!: string;

  @Field()
  @IsString()
  @Length(1, 2000)
  content!: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  evidenceFileIds?: string[];

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@ArgsType()
export class ResolveObjectionArgs {
  @Field(() => ID)
  @IsUUID()
  objectionId!: string;

  @Field({ description: 'How the objection was settled.' })
  @IsString()
  @Length(1, 2000)
  resolution!: string;
}

@ArgsType()
export class ConfirmOwnershipArgs {
  @Field(() => ID)
  @IsUUID()
  proposalId!: string;

  @Field({ description: 'Ownership certificate number (确权证书编号), unique.' })
  @IsString()
  @Length(1, 64)
  certificateNo!: string;

  @Field(() => LocalDateScalarType, {
    nullable: true,
    description: 'From when the ownership is valid (default: today).',
  })
  @IsOptional()
  @IsString()
  effectiveDate?: string;
}

@ArgsType()
export class RejectOwnershipArgs {
  @Field(() => ID)
  @IsUUID()
  proposalId!: string;

  @Field({ description: 'Why the proposal is rejected (mandatory).' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

@InputType()
export class OwnershipProposalFilter {
  @Field({
    nullable: true,
    description:
      'Proposals of assets located in this region (default: your own); a region outside yours is FORBIDDEN.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  @IsRegionCode()
  regionCode?: string;

  @Field(() => [ProposalStatus], { nullable: true })
  @IsOptional()
  @IsEnum(ProposalStatus, { each: true })
  @ArrayMaxSize(3)
  status?: ProposalStatus[];

  @Field({
    nullable: true,
    description:
      'true: only proposals whose publicity has ended and that await confirmation (公示期满待确权: still PUBLICITY, publicityEnd on or before today in China), the same ones as the PUBLICITY_ENDED red flag without grace days and the OWNERSHIP_PUBLICITY_ENDED to-do; false: only the others (publicity still running, or decided).',
  })
  @IsOptional()
  @IsBoolean()
  publicityEnded?: boolean;

  @Field(() => ID, { nullable: true, description: "One asset's proposals." })
  @IsOptional()
  @IsUUID()
  assetId?: string;
}

@ArgsType()
export class OwnershipProposalsArgs {
  @Field(() => OwnershipProposalFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => OwnershipProposalFilter)
  filter?: OwnershipProposalFilter;

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

@ObjectType('Owner')
export class OwnerType_ {
  @Field(() => OwnerType)
  ownerType!: OwnerType;

  @Field()
  ownerRef!: string;

  @Field()
  name!: string;

  @Field()
  sharePercent!: string;
}

@ObjectType('OwnershipObjection')
export class ObjectionType {
  @Field(() => ID)
  id!: string;

  @Field(() => LocalDateScalarType)
  raisedOn!: string;

  @Field()
  objector!: string;

  @Field()
  content!: string;

  @Field(() => [EvidenceRefType])
  evidence!: EvidenceRefType[];

  @Field(() => ObjectionStatus)
  status!: ObjectionStatus;

  @Field(() => String, { nullable: true })
  resolution!: string | null;
}

@ObjectType('OwnershipProposal')
export class ProposalType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  assetId!: string;

  @Field(() => ProposalStatus)
  status!: ProposalStatus;

  @Field(() => [OwnerType_])
  owners!: OwnerType_[];

  @Field()
  managementEntity!: string;

  @Field(() => String, { nullable: true })
  managementResponsible!: string | null;

  @Field(() => LocalDateScalarType)
  publicityStart!: string;

  @Field(() => LocalDateScalarType, { description: 'The first day the proposal may be confirmed.' })
  publicityEnd!: string;

  @Field(() => [EvidenceRefType])
  evidence!: EvidenceRefType[];

  @Field({
    description:
      'The publicity started before the day the proposal was recorded (a notice already posted, with noticeEvidence): shown to the township and counted in the PUBLICITY_BACKDATED red flag.',
  })
  backdated!: boolean;

  @Field(() => [EvidenceRefType], {
    description: 'For a back-dated publicity: the photo or scan of the posted notice.',
  })
  noticeEvidence!: EvidenceRefType[];

  @Field(() => [ObjectionType])
  objections!: ObjectionType[];

  @Field(() => String, { nullable: true })
  certificateNo!: string | null;

  @Field(() => String, { nullable: true })
  rejectReason!: string | null;

  @Field(() => LocalDateScalarType, { nullable: true })
  decidedOn!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Int)
  version!: number;
}

@ObjectType('AssetOwnership', {
  description: 'One owner of an asset over a period; history is never overwritten.',
})
export class AssetOwnershipType {
  @Field(() => OwnerType)
  ownerType!: OwnerType;

  @Field()
  ownerRef!: string;

  @Field()
  ownerName!: string;

  @Field()
  sharePercent!: string;

  @Field()
  managementEntity!: string;

  @Field()
  certificateNo!: string;

  @Field(() => LocalDateScalarType)
  validFrom!: string;

  @Field(() => LocalDateScalarType, { nullable: true })
  validTo!: string | null;

  @Field({ description: 'System time of the confirmation that recorded it.' })
  recordedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'System time of the confirmation that closed it.' })
  closedAt!: Date | null;

  @Field(() => ID)
  proposalId!: string;
}

// ---------------------------------------------------------------------------------------------------
// Mappers
// ---------------------------------------------------------------------------------------------------

/** A proposal as the service reads it: with its owners and objections. */
export interface ProposalView extends OwnershipProposal {
  owners: OwnershipProposalOwner[];
  objections: OwnershipObjection[];
}

export function toProposalType(v: ProposalView): ProposalType {
  return {
    id: v.id,
    assetId: v.assetId,
    status: v.status,
    owners: v.owners.map((o) => ({
      ownerType: o.ownerType,
      ownerRef: o.ownerRef,
      name: o.name,
      sharePercent: formatPercent(o.shareBp),
    })),
    managementEntity: v.managementEntity,
    managementResponsible: v.managementResponsible,
    publicityStart: v.publicityStart,
    publicityEnd: v.publicityEnd,
    evidence: v.evidence,
    backdated: v.backdated,
    noticeEvidence: v.noticeEvidence,
    objections: v.objections.map((o) => ({
      id: o.id,
      raisedOn: o.raisedOn,
      objector: o.objector,
      content: o.content,
      evidence: o.evidence,
      status: o.status,
      resolution: o.resolution,
    })),
    certificateNo: v.certificateNo,
    rejectReason: v.rejectReason,
    decidedOn: v.decidedOn,
    createdAt: v.createdAt,
    version: v.version,
  };
}

@ObjectType('OwnershipPolicy', {
  description: 'How far back a publicity may start (versioned, on the ledger).',
})
export class OwnershipPolicyType {
  @Field(() => Int)
  version!: number;

  @Field(() => Int, {
    description:
      'A publicity may start at most this many days before the proposal is recorded, with the posted notice.',
  })
  publicityBackdateMaxDays!: number;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field()
  createdAt!: Date;
}

@InputType()
export class OwnershipPolicyInput {
  @Field(() => Int, { description: '0 to 90 days.' })
  @IsInt()
  @Min(0)
  @Max(90)
  publicityBackdateMaxDays!: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export function toOwnershipPolicyType(p: OwnershipPolicyVersion): OwnershipPolicyType {
  return {
    version: p.version,
    publicityBackdateMaxDays: p.rules.publicityBackdateMaxDays,
    note: p.note,
    createdAt: p.createdAt,
  };
}
