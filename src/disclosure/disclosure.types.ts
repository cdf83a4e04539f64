import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { LocalDateScalarType } from '@/common/scalars';
import { CheckpointType } from '@/ledger/ledger.types';
import { IdempotencyKeyField } from '@/common/validation/idempotency-key';
import { IsRegionCode } from '@/common/validation/region-code.validator';

const VILLAGE_CODE = /^\d{12}$/;

@ObjectType('DisclosureLink', {
  description:
    'A published disclosure (公示) of one village and one year: a public, signed link to its printable page.',
})
export class DisclosureLinkType {
  @Field(() => ID)
  id!: string;

  @Field()
  villageCode!: string;

  @Field()
  villageName!: string;

  @Field(() => Int)
  year!: number;

  @Field({
    description:
      'The public page (no sign-in needed), absolute, built from the host this request reached. Serves only this village and year.',
  })
  url!: string;

  @Field({ description: 'The same page as a path on this server: /disclosure/<token>.' })
  path!: string;

  @Field({
    description:
      'The signed token of the link (village, year, expiry, checkpoint size), HMAC with a key derived from the server secret.',
  })
  token!: string;

  @Field({ description: 'After this instant the link serves nothing.' })
  expiresAt!: Date;

  @Field(() => LocalDateScalarType, { description: '公示期 from (included).' })
  publicityStart!: string;

  @Field(() => LocalDateScalarType, { description: '公示期 to (included).' })
  publicityEnd!: string;

  @Field(() => CheckpointType, {
    description: 'The signed ledger checkpoint the disclosure was generated from (shown on the page).',
  })
  checkpoint!: CheckpointType;

  @Field()
  createdAt!: Date;

  @Field({ description: 'Who published it (display name).' })
  createdByName!: string;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who revoked it (display name).' })
  revokedByName!: string | null;

  @Field(() => String, { nullable: true })
  revokeReason!: string | null;
}

@ArgsType()
export class CreateDisclosureLinkArgs {
  @Field({ description: 'The village (12-digit code).' })
  @IsString()
  @Matches(VILLAGE_CODE, { message: 'must be a 12-digit village code' })
  villageCode!: string;

  @Field(() => Int, { description: 'The year disclosed (not after the current year).' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @Field(() => LocalDateScalarType, {
    nullable: true,
    description: 'First day of the publication period (公示期); default today, not in the past.',
  })
  @IsOptional()
  @IsString()
  publicityStart?: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'Length of the publication period in days: at least PUBLICITY_MIN_DAYS (and at least 1); default 10 or that minimum if larger.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  publicityDays?: number;

  @Field(() => Int, {
    nullable: true,
    description: 'How many days the link stays valid (default 90); it must cover the publication period.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1096)
  validDays?: number;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@ArgsType()
export class RevokeDisclosureLinkArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field()
  @IsString()
  @Length(1, 500)
  reason!: string;
}

@ArgsType()
export class DisclosureLinksArgs {
  @Field({ nullable: true, description: 'A village, or a township for all its villages.' })
  @IsOptional()
  @IsString()
  @IsRegionCode()
  regionCode?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

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

/** `GET /disclosure/preview?village=…&year=…` (signed-in users, read scope). */
export class DisclosurePreviewQuery {
  @IsString()
  @Matches(VILLAGE_CODE, { message: 'must be a 12-digit village code' })
  village!: string;

  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}
