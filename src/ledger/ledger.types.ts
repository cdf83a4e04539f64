import { ArgsType, Field, Int, ObjectType, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { JsonScalarType } from '@/common/scalars';
import { ConnectionType, OrderDirection } from '@/common/pagination';
import { IsRegionCode } from '@/common/validation/region-code.validator';

@ObjectType()
export class LedgerActorType {
  @Field(() => String, { nullable: true })
  userId!: string | null;

  @Field(() => String, { nullable: true })
  username!: string | null;

  @Field({ description: 'A role, or SYSTEM for changes the app made itself (seeding, lockouts).' })
  role!: string;

  @Field(() => String, { nullable: true })
  regionCode!: string | null;
}

@ObjectType('LedgerEntry', { description: 'One entry of the audit ledger: a change of one record.' })
export class LedgerEntryType {
  @Field(() => Int, { description: 'Position in the ledger: 0, 1, 2 … without gaps.' })
  index!: number;

  @Field({ description: 'RFC 6962 leaf hash, SHA-256(0x00 ‖ canonical), base64.' })
  leafHash!: string;

  @Field({ description: 'The exact RFC 8785 canonical JSON that was hashed.' })
  canonical!: string;

  @Field({
    description: 'Ed25519 signature (4-byte key id ‖ 64 bytes) over origin, index and leaf hash, base64.',
  })
  signature!: string;

  @Field()
  time!: Date;

  @Field()
  action!: string;

  @Field()
  entityType!: string;

  @Field()
  entityId!: string;

  @Field(() => String, { nullable: true })
  regionCode!: string | null;

  @Field(() => LedgerActorType)
  actor!: LedgerActorType;

  @Field()
  requestId!: string;

  @Field(() => JsonScalarType, { nullable: true, description: 'State before the change (updates).' })
  before!: unknown;

  @Field(() => JsonScalarType, { nullable: true, description: 'State after the change.' })
  after!: unknown;

  @Field(() => JsonScalarType, { nullable: true })
  details!: unknown;

  @Field(() => Int, {
    nullable: true,
    description: "The record's version: 1 for its first entry, then 2, 3 … (null in entries of format 1).",
  })
  entityVersion!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Leaf hash (base64) of the record's previous entry; null for its first entry and in format 1.",
  })
  previousLeafHash!: string | null;
}

export const LedgerEntryConnection = ConnectionType(LedgerEntryType, 'LedgerEntry');

@InputType()
export class LedgerEntryFilter {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityType?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;

  @Field({ nullable: true, description: 'Entries of this region and every region below it.' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  @IsRegionCode()
  regionCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @Field({ nullable: true, description: 'Recorded at or after this time.' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field({ nullable: true, description: 'Recorded before this time.' })
  @IsOptional()
  @IsDate()
  to?: Date;
}

@ArgsType()
export class LedgerEntriesArgs {
  @Field(() => LedgerEntryFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LedgerEntryFilter)
  filter?: LedgerEntryFilter;

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
    description: 'By index: ASC oldest first (the default), DESC newest first.',
  })
  @IsEnum(OrderDirection)
  direction!: OrderDirection;
}

@ObjectType('Checkpoint', { description: 'A signed checkpoint: C2SP tlog-checkpoint in a C2SP signed note.' })
export class CheckpointType {
  @Field()
  origin!: string;

  @Field(() => Int)
  treeSize!: number;

  @Field({ description: 'Root hash, base64.' })
  rootHash!: string;

  @Field({ description: 'The signed note, exactly as signed: save it to check consistency later.' })
  note!: string;

  @Field({ description: 'Verifier key (note format) that signed it.' })
  verifierKey!: string;

  @Field()
  createdAt!: Date;
}

export const CheckpointConnection = ConnectionType(CheckpointType, 'Checkpoint');

@ObjectType('LedgerPublicKey')
export class LedgerPublicKeyType {
  @Field()
  origin!: string;

  @Field({
    description: 'The current verifier key: `<name>+<key hash hex>+<base64(0x01 ‖ Ed25519 public key)>`.',
  })
  verifierKey!: string;

  @Field(() => [String], { description: 'Earlier verifier keys still accepted (after a key rotation).' })
  previousVerifierKeys!: string[];
}

@ObjectType('InclusionProof')
export class InclusionProofType {
  @Field(() => Int)
  index!: number;

  @Field(() => Int)
  treeSize!: number;

  @Field()
  leafHash!: string;

  @Field({ description: 'Root hash of the tree of treeSize entries, base64.' })
  rootHash!: string;

  @Field(() => [String], { description: 'RFC 9162 audit path, leaf to root, base64.' })
  hashes!: string[];
}

@ObjectType('ConsistencyProof')
export class ConsistencyProofType {
  @Field(() => Int)
  fromSize!: number;

  @Field(() => Int)
  toSize!: number;

  @Field()
  fromRoot!: string;

  @Field()
  toRoot!: string;

  @Field(() => [String], { description: 'RFC 9162 consistency proof, base64.' })
  hashes!: string[];
}

@ObjectType('LedgerProblem')
export class LedgerProblemType {
  @Field(() => Int, { nullable: true })
  index!: number | null;

  @Field()
  kind!: string;

  @Field()
  message!: string;
}

@ObjectType('LedgerVerification')
export class LedgerVerificationType {
  @Field()
  ok!: boolean;

  @Field(() => Int)
  treeSize!: number;

  @Field(() => Int)
  checkedEntries!: number;

  @Field(() => Int)
  checkedCheckpoints!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'The first index where the ledger is not what it should be.',
  })
  firstBadIndex!: number | null;

  @Field(() => [LedgerProblemType])
  problems!: LedgerProblemType[];
}

@ObjectType('ReconcileDifference')
export class ReconcileDifferenceType {
  @Field()
  entityType!: string;

  @Field()
  entityId!: string;

  @Field({ description: 'EDITED (row differs from its last entry), INSERTED (row without entry), DELETED.' })
  kind!: string;

  @Field(() => [String], { description: 'Fields that differ (for EDITED).' })
  fields!: string[];

  @Field(() => Int, { nullable: true, description: 'Index of the latest ledger entry of the entity.' })
  lastIndex!: number | null;

  @Field(() => JsonScalarType, { nullable: true })
  ledgerState!: unknown;

  @Field(() => JsonScalarType, { nullable: true })
  rowState!: unknown;
}

@ObjectType('Reconciliation')
export class ReconciliationType {
  @Field()
  ok!: boolean;

  @Field(() => Int)
  checkedEntities!: number;

  @Field(() => [ReconcileDifferenceType])
  differences!: ReconcileDifferenceType[];
}

@ArgsType()
export class CheckpointsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20 })
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
