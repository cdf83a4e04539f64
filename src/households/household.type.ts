import { Locale } from '@/common/i18n/locale';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { LocalDateScalarType } from '@/common/scalars';
import { importJobFields } from '@/spreadsheet/import-job';
import { HouseholdStatusKind, MonitoringCategory } from './household.enums';
import { HouseholdImport, HouseholdImportPhase } from './excel/household-import.entity';
import { registerLabelledEnum } from '@/common/i18n/enum-labels';

@ObjectType('Household', {
  description:
    'A beneficiary household (农户): formerly poor (脱贫户) or monitored (监测户), with its status history.',
})
export class HouseholdType {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Registry number (户籍/建档立卡编号).' })
  registryNo!: string;

  @Field({ description: 'Head of the household (户主).' })
  headName!: string;

  @Field()
  villageCode!: string;

  @Field(() => Int)
  membersCount!: number;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Int)
  version!: number;
}

@ObjectType('HouseholdStatus', {
  description: 'One period of a household status; history is never overwritten.',
})
export class HouseholdStatusType {
  @Field(() => ID)
  id!: string;

  @Field(() => HouseholdStatusKind)
  status!: HouseholdStatusKind;

  @Field(() => MonitoringCategory, { nullable: true })
  monitoringCategory!: MonitoringCategory | null;

  @Field(() => LocalDateScalarType)
  startedOn!: string;

  @Field(() => LocalDateScalarType, {
    nullable: true,
    description: 'Last day of this status; null while it is current.',
  })
  endedOn!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the household left the monitoring system (null when a new status closed this one).',
  })
  endReason!: string | null;
}

registerLabelledEnum(HouseholdImportPhase, {
  name: 'HouseholdImportPhase',
  labels: {
    PARSING: '读取文件',
    VALIDATING: '逐行校验',
    IMPORTING: '写入中',
    SUCCEEDED: '已完成',
    FAILED: '未导入',
  },
  description:
    'PARSING → VALIDATING (every row checked) → IMPORTING (one transaction) → SUCCEEDED; FAILED when the file has problems (nothing written) or the import failed as a whole.',
});

@ObjectType('HouseholdImportProblem', { description: 'One problem of a household import file.' })
export class HouseholdImportProblemType {
  @Field(() => Int, { description: 'Row number as Excel shows it (1 = the header row; 0 = the whole file).' })
  row!: number;

  @Field({ description: 'The column header (户籍编号, 身份证号 …), or "" for the whole row or file.' })
  column!: string;

  @Field()
  message!: string;
}

@ObjectType('HouseholdImport', {
  description: 'An import of households from an .xlsx or .csv file, and its progress.',
})
export class HouseholdImportType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  fileId!: string;

  @Field()
  fileName!: string;

  @Field(() => HouseholdImportPhase)
  phase!: HouseholdImportPhase;

  @Field(() => Int, { nullable: true, description: 'Data rows of the file, once read.' })
  totalRows!: number | null;

  @Field(() => Int, { description: 'Rows the current phase has finished.' })
  processedRows!: number;

  @Field(() => Int, { description: 'Households imported; 0 until SUCCEEDED (all or nothing).' })
  importedCount!: number;

  @Field(() => Int, { description: 'Problems found (problems lists the first 10,000).' })
  problemCount!: number;

  @Field(() => [HouseholdImportProblemType])
  problems!: HouseholdImportProblemType[];

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => ID)
  createdBy!: string;

  @Field()
  regionCode!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  validatedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field()
  updatedAt!: Date;
}

/** A household import job as GraphQL shows it. */
export function toHouseholdImportType(job: HouseholdImport, locale: Locale): HouseholdImportType {
  return { ...importJobFields(job, locale) };
}
