import { Locale } from '@/common/i18n/locale';
import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { IdempotencyKeyField } from '@/common/validation/idempotency-key';
import { importJobFields } from '@/spreadsheet/import-job';
import { AssetFilter } from '../dto/asset.inputs';
import { AssetImport, AssetImportPhase } from './asset-import.entity';
import { registerLabelledEnum } from '@/common/i18n/enum-labels';

registerLabelledEnum(AssetImportPhase, {
  name: 'AssetImportPhase',
  labels: {
    PARSING: '读取文件',
    VALIDATING: '逐行校验',
    IMPORTING: '写入中',
    SUCCEEDED: '已完成',
    FAILED: '未导入',
  },
  description:
    'PARSING (reading the file) → VALIDATING (checking every row) → IMPORTING (one transaction) → SUCCEEDED; FAILED when the file has problems (nothing written) or the import failed as a whole.',
});

@ObjectType('AssetImportProblem', { description: 'One problem of an import file, where the user sees it.' })
export class AssetImportProblemType {
  @Field({ description: 'Worksheet: 资产 or 项目 (the asset sheet for a CSV file).' })
  sheet!: string;

  @Field(() => Int, { description: 'Row number as Excel shows it (1 = the header row; 0 = the whole file).' })
  row!: number;

  @Field({
    description: 'The column header (资产编号, 建成日期 …), or "" when the problem is the whole row or file.',
  })
  column!: string;

  @Field()
  message!: string;
}

@ObjectType('AssetImport', {
  description: 'An import of assets from an .xlsx or .csv ledger file (importAssets), and its progress.',
})
export class AssetImportType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The evidence file imported.' })
  fileId!: string;

  @Field()
  fileName!: string;

  @Field(() => AssetImportPhase)
  phase!: AssetImportPhase;

  @Field(() => Int, { nullable: true, description: 'Data rows of the file (both sheets), once read.' })
  totalRows!: number | null;

  @Field(() => Int, {
    description: 'Rows the current phase has finished: checked during VALIDATING, written during IMPORTING.',
  })
  processedRows!: number;

  @Field(() => Int, { description: 'Assets imported; 0 until SUCCEEDED (the import is all or nothing).' })
  importedCount!: number;

  @Field(() => Int, { description: 'Projects registered from the 项目 sheet.' })
  createdProjectCount!: number;

  @Field(() => Int, { description: 'Problems found (problems lists the first 10,000).' })
  problemCount!: number;

  @Field(() => [AssetImportProblemType])
  problems!: AssetImportProblemType[];

  @Field(() => String, { nullable: true, description: 'Outcome, or why the import failed as a whole.' })
  message!: string | null;

  @Field(() => ID, { description: 'The user who started the import.' })
  createdBy!: string;

  @Field({ description: "The importer's region." })
  regionCode!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When every row had been checked.' })
  validatedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field({ description: 'Last progress report.' })
  updatedAt!: Date;
}

export function toAssetImportType(job: AssetImport, locale: Locale): AssetImportType {
  return { ...importJobFields(job, locale), createdProjectCount: job.createdProjectCount };
}

@ObjectType('ExportedFile', { description: 'An export, stored as an evidence file.' })
export class ExportedFileType {
  @Field(() => ID)
  fileId!: string;

  @Field({ description: 'GET it with the same bearer token: /files/{fileId}.' })
  downloadPath!: string;

  @Field()
  fileName!: string;

  @Field(() => Int, { description: 'Assets written (rows of the 资产 sheet).' })
  rowCount!: number;

  @Field(() => Int, { description: 'Projects written (rows of the 项目 sheet).' })
  projectCount!: number;

  @Field({ description: 'SHA-256 of the file, lower-case hex (as on the ledger).' })
  sha256!: string;

  @Field(() => Int, { description: 'Bytes.' })
  size!: number;
}

@ArgsType()
export class ImportAssetsArgs {
  @Field(() => ID, { description: 'An .xlsx or .csv file uploaded with POST /files.' })
  @IsUUID()
  fileId!: string;

  @Field({
    nullable: true,
    defaultValue: false,
    description: 'Return when the import has finished instead of at once (poll assetImport otherwise).',
  })
  @IsOptional()
  @IsBoolean()
  wait?: boolean;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@ArgsType()
export class AssetImportArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

@ArgsType()
export class ExportAssetsArgs {
  @Field(() => AssetFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AssetFilter)
  filter?: AssetFilter;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}
