import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ReportFile', {
  description: 'A report written as .xlsx, stored as an evidence file (on the ledger).',
})
export class ReportFileType {
  @Field(() => ID)
  fileId!: string;

  @Field({ description: 'GET it with the same bearer token.' })
  downloadPath!: string;

  @Field()
  fileName!: string;

  @Field(() => Int)
  rowCount!: number;

  @Field({ description: 'SHA-256 of the file, lower-case hex.' })
  sha256!: string;

  @Field(() => Int)
  size!: number;
}
