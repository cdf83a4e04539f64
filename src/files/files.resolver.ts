import { Args, Query, Resolver } from '@nestjs/graphql';
import { IdArg } from '@/common/validation/arg.pipes';
import { Ctx, RequestContext } from '@/common/context';
import { HistoryArgs } from '@/ledger/dto/ledger.args';
import { EvidenceArchiveService } from './evidence-archive.service';
import {
  CitedEvidenceFileType,
  EvidenceFileType,
  toCitedEvidenceFileType,
  toEvidenceFileType,
} from './evidence-file.type';
import { FilesService } from './files.service';

@Resolver(() => EvidenceFileType)
export class FilesResolver {
  constructor(
    private readonly files: FilesService,
    private readonly archives: EvidenceArchiveService,
  ) {}

  @Query(() => EvidenceFileType, {
    nullable: true,
    description:
      'An evidence file of your region (FILE_NOT_FOUND if there is none or it is outside your region).',
  })
  async evidenceFile(@Ctx() ctx: RequestContext, @IdArg('id') id: string): Promise<EvidenceFileType> {
    return toEvidenceFileType(await this.files.findReadable(ctx, id));
  }

  @Query(() => [CitedEvidenceFileType], {
    description:
      'Every evidence file the ledger entries of a record cite, its own and those of the records about it ' +
      "(an asset's ownership, income, contracts, repairs, disposals …): what GET /files/archive?entityType=…&entityId=… " +
      'holds, oldest upload first. A file of a level you may not read is left out; a record outside your region is NOT_FOUND.',
  })
  async recordEvidence(
    @Ctx() ctx: RequestContext,
    @Args() args: HistoryArgs,
  ): Promise<CitedEvidenceFileType[]> {
    const { files } = await this.archives.citedFiles(ctx, args.entityType, args.entityId);
    return files.map(toCitedEvidenceFileType);
  }
}
