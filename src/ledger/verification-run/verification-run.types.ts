import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { registerLabelledEnum } from '@/common/i18n/enum-labels';
import { Locale } from '@/common/i18n/locale';
import { problemMessage } from '@/common/i18n/problem-messages';
import { LedgerVerificationType } from '../ledger.types';
import { LedgerVerificationRun, VerificationRunState } from './verification-run.entity';

registerLabelledEnum(VerificationRunState, {
  name: 'VerificationRunState',
  description:
    'RUNNING: checking; SUCCEEDED: finished (see result.ok); FAILED: could not finish (see message).',
  labels: { RUNNING: '校验中', SUCCEEDED: '已完成', FAILED: '未能完成' },
});

@ObjectType('LedgerVerificationRun', {
  description: 'A verifyLedger run in the background, with its progress: leave it and come back to it.',
})
export class LedgerVerificationRunType {
  @Field(() => ID)
  id!: string;

  @Field(() => VerificationRunState)
  state!: VerificationRunState;

  @Field(() => Int, { nullable: true, description: 'Entries in the snapshot the run checks.' })
  treeSize!: number | null;

  @Field(() => Int, { description: 'Entries checked so far.' })
  checkedEntries!: number;

  @Field(() => LedgerVerificationType, { nullable: true, description: 'The findings, once SUCCEEDED.' })
  result!: LedgerVerificationType | null;

  @Field(() => String, { nullable: true, description: 'Why the run could not finish (FAILED).' })
  message!: string | null;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}

/** A run as the API answers it, its message (why it failed) in the reader's language. */
export function toVerificationRunType(run: LedgerVerificationRun, locale: Locale): LedgerVerificationRunType {
  return {
    id: run.id,
    state: run.state,
    treeSize: run.treeSize,
    checkedEntries: run.checkedEntries,
    result: run.result as LedgerVerificationType | null,
    message: run.message === null ? null : problemMessage(run.message, locale),
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}

@ArgsType()
export class VerificationRunArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

@ArgsType()
export class VerificationRunsArgs {
  @Field(() => Int, { defaultValue: 10, description: 'How many, newest first (at most 50).' })
  @IsInt()
  @Min(1)
  @Max(50)
  first: number = 10;
}
