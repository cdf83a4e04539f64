import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { LocalDateScalarType } from '@/common/scalars';
import { IdempotencyKeyField } from '@/common/validation/idempotency-key';

@ArgsType()
export class RenameRegionArgs {
  @Field({ description: 'The village (or township) code.' })
  @IsString()
  @MaxLength(12)
  code!: string;

  @Field({ description: 'The new name; the former one stays on the ledger (REGION_RENAMED).' })
  @IsString()
  @Length(1, 100)
  name!: string;
}

@ArgsType()
export class RetireVillageArgs {
  @Field({ description: 'The village to retire (撤销).' })
  @IsString()
  @MaxLength(12)
  code!: string;

  @Field(() => String, { nullable: true, description: 'The village it is merged into (合并), if any.' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  mergedInto?: string | null;

  @Field(() => LocalDateScalarType, { nullable: true, description: 'Default: today; not in the future.' })
  @IsOptional()
  @IsString()
  retiredOn?: string | null;
}

@ArgsType()
export class ImportVillagesArgs {
  @Field(() => ID, {
    description:
      'An uploaded CSV (POST /files; UTF-8, with or without BOM) of NBS codes and names: header 统计用区划代码 (or 代码, code) and 名称 (or name).',
  })
  @IsUUID()
  fileId!: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@ObjectType('VillageImportProblem', { description: '村（社区）名单中的一处问题。' })
export class VillageImportProblemType {
  @Field(() => Int, { description: 'The row (header = 1); 0 for the file as a whole.' })
  row!: number;

  @Field()
  column!: string;

  @Field()
  message!: string;
}

@ObjectType('VillageImportResult', { description: '村（社区）名单导入的结果。' })
export class VillageImportResultType {
  @Field(() => Int, { description: 'Villages created (one REGION_CREATED ledger entry each).' })
  imported!: number;

  @Field(() => Int, { description: 'Rows already registered with the same name (and township rows).' })
  unchanged!: number;

  @Field(() => [String], { description: 'Codes of the villages created.' })
  codes!: string[];
}
