import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LocalDateScalarType } from '@/common/scalars';
import { IdempotencyKeyField } from '@/common/validation/idempotency-key';
import { FundSource } from '../fund-source.enum';
import { FundSourceAmountInput } from '../fund-sources';
import { ProjectType } from '../project.entity';
import { IsRegionCode } from '@/common/validation/region-code.validator';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

@InputType()
export class RegisterProjectInput {
  @Field({ description: 'Project code, unique in the district (letters, digits, . _ / -).' })
  @IsString()
  @Matches(CODE, { message: 'code must be 1–64 letters, digits, ".", "_", "/" or "-"' })
  code!: string;

  @Field()
  @IsString()
  @Length(1, 200)
  name!: string;

  @Field(() => Int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @Field(() => ProjectType)
  @IsEnum(ProjectType)
  type!: ProjectType;

  @Field()
  @IsString()
  @Length(1, 200)
  implementingUnit!: string;

  @Field({ description: 'The village, township or district where the project was carried out.' })
  @IsString()
  @MaxLength(12)
  regionCode!: string;

  @Field(() => LocalDateScalarType, { nullable: true })
  @IsOptional()
  @IsString()
  completionDate?: string;

  @Field(() => LocalDateScalarType, { nullable: true })
  @IsOptional()
  @IsString()
  acceptanceDate?: string;

  @Field(() => [FundSourceAmountInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => FundSourceAmountInput)
  fundSources!: FundSourceAmountInput[];

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType()
export class ProjectChangesInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: 'code must be 1–64 letters, digits, ".", "_", "/" or "-"' })
  code?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @Field(() => ProjectType, { nullable: true })
  @IsOptional()
  @IsEnum(ProjectType)
  type?: ProjectType;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  implementingUnit?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  regionCode?: string;

  @Field(() => LocalDateScalarType, { nullable: true })
  @IsOptional()
  @IsString()
  completionDate?: string;

  @Field(() => LocalDateScalarType, { nullable: true })
  @IsOptional()
  @IsString()
  acceptanceDate?: string;

  @Field(() => [FundSourceAmountInput], { nullable: true, description: 'Replaces all fund sources.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => FundSourceAmountInput)
  fundSources?: FundSourceAmountInput[];
}

@ArgsType()
export class UpdateProjectArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Int, { description: 'The version you read; if the project changed since, CONFLICT.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => ProjectChangesInput)
  @ValidateNested()
  @Type(() => ProjectChangesInput)
  changes!: ProjectChangesInput;
}

@InputType()
export class ProjectFilter {
  @Field({ nullable: true, description: 'Projects of this region and every region below it.' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  @IsRegionCode()
  regionCode?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  yearFrom?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  yearTo?: number;

  @Field(() => ProjectType, { nullable: true })
  @IsOptional()
  @IsEnum(ProjectType)
  type?: ProjectType;

  @Field(() => FundSource, { nullable: true })
  @IsOptional()
  @IsEnum(FundSource)
  fundSource?: FundSource;

  @Field({ nullable: true, description: 'Part of the code or the name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  text?: string;
}

@ArgsType()
export class ProjectsArgs {
  @Field(() => ProjectFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProjectFilter)
  filter?: ProjectFilter;

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
