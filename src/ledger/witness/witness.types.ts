import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { WitnessStatus } from './witness.entity';
import { WitnessPushOutcome } from './witness-push';
import { registerLabelledEnum } from '@/common/i18n/enum-labels';

registerLabelledEnum(WitnessStatus, {
  name: 'WitnessStatus',
  labels: { PENDING: '待批准', ACTIVE: '已启用', REVOKED: '已撤销' },
  description:
    'PENDING: registered, waiting for an ADMIN; ACTIVE: approved, its cosignatures count; REVOKED.',
});

registerLabelledEnum(WitnessPushOutcome, {
  name: 'WitnessPushOutcome',
  labels: {
    COSIGNED: '已联署',
    NOT_REACHED: '未能连接',
    REFUSED: '拒绝联署',
    SIZE_DISAGREED: '上次联署规模不一致',
  },
  description:
    'COSIGNED; NOT_REACHED: no answer within 10 s; REFUSED: kept as a refusal (a red flag); SIZE_DISAGREED: the witness remembers another last size.',
});

@ObjectType('Witness', {
  description: 'A witness of the ledger: a key held by a township or the district that cosigns checkpoints.',
})
export class WitnessType {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Key name.' })
  name!: string;

  @Field({ description: 'C2SP signed-note verifier key, type 0x04 (cosignature/v1).' })
  verifierKey!: string;

  @Field()
  regionCode!: string;

  @Field(() => String, {
    nullable: true,
    description: 'tlog-witness submission prefix, for a witness the server pushes to.',
  })
  url!: string | null;

  @Field(() => WitnessStatus)
  status!: WitnessStatus;

  @Field(() => ID)
  registeredBy!: string;

  @Field(() => Date, { nullable: true })
  approvedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true })
  revokeReason!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Int, { nullable: true, description: 'Size of the newest checkpoint it cosigned.' })
  lastCosignedSize!: number | null;

  @Field(() => Date, { nullable: true, description: 'When it last cosigned (its own timestamp).' })
  lastCosignedAt!: Date | null;

  @Field({ description: 'Whether the current witness policy counts it.' })
  inPolicy!: boolean;
}

@ObjectType('WitnessPolicy', { description: 'k of n: how many of which witnesses must cosign a checkpoint.' })
export class WitnessPolicyType {
  @Field(() => Int)
  version!: number;

  @Field(() => Int)
  quorum!: number;

  @Field(() => [WitnessType])
  witnesses!: WitnessType[];

  @Field({
    description:
      'The policy as a file for the offline verifier (`npm run verify -- bundle.json --witness-policy policy.txt`), in the transparency-dev witness policy format; it pins the log key too.',
  })
  text!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType('Cosignature')
export class CosignatureType {
  @Field(() => ID)
  witnessId!: string;

  @Field()
  witnessName!: string;

  @Field({ description: "The cosignature's timestamp." })
  signedAt!: Date;

  @Field({ description: 'The note signature line (C2SP tlog-cosignature).' })
  line!: string;
}

@ObjectType('CheckpointWitnessing', {
  description: 'Which witnesses cosigned a checkpoint, against the current policy.',
})
export class CheckpointWitnessingType {
  @Field(() => Int, {
    nullable: true,
    description: 'Version of the witness policy applied (null: no policy yet).',
  })
  policyVersion!: number | null;

  @Field(() => Int, { description: 'Cosignatures the policy requires (0 without a policy).' })
  required!: number;

  @Field(() => Int, { description: 'Valid cosignatures by witnesses of the policy.' })
  validCosignatures!: number;

  @Field({ description: 'Whether the quorum is reached.' })
  reached!: boolean;

  @Field({ description: "The checkpoint note with the log's signature and every cosignature line." })
  cosignedNote!: string;

  @Field(() => [CosignatureType])
  cosignatures!: CosignatureType[];

  @Field(() => [WitnessType], { description: 'Witnesses of the policy that have not cosigned it.' })
  behind!: WitnessType[];
}

@ObjectType('WitnessPushResult')
export class WitnessPushResultType {
  @Field()
  witnessName!: string;

  @Field(() => Int, { description: 'HTTP status the witness answered (0: not reached).' })
  status!: number;

  @Field(() => WitnessPushOutcome)
  outcome!: WitnessPushOutcome;

  @Field(() => String, {
    nullable: true,
    description:
      "What the outcome rests on, as said: the names whose cosignatures were taken (COSIGNED), the connection's error (NOT_REACHED), the witness's own words (REFUSED, at most 500 characters); null otherwise.",
  })
  detail!: string | null;

  @Field({
    description: 'The outcome in the caller’s language (Chinese unless Accept-Language prefers English).',
  })
  message!: string;
}

@InputType()
export class RegisterWitnessInput {
  @Field({ description: 'The public key as a C2SP signed-note verifier key (type 0x04, or 0x01).' })
  @IsString()
  @MaxLength(400)
  verifierKey!: string;

  @Field({
    nullable: true,
    description: 'tlog-witness submission prefix, if the witness answers add-checkpoint.',
  })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  @MaxLength(500)
  url?: string;
}

@InputType()
export class SetWitnessPolicyInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(50)
  quorum!: number;

  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  witnessIds!: string[];
}

@ArgsType()
export class RevokeWitnessArgs {
  @Field(() => ID)
  @IsUUID('all')
  id!: string;

  @Field({ description: 'Why (kept on the ledger).' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason!: string;
}
