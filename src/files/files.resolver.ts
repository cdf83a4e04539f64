import { Query, Resolver } from '@nestjs/graphql';
import { IdArg } from '@/common/validation/arg.pipes';
import { Ctx, RequestContext } from '@/common/context';
import { EvidenceFileType, toEvidenceFileType } from './evidence-file.type';
import { FilesService } from './files.service';

@Resolver(() => EvidenceFileType)
export class FilesResolver {
  constructor(private readonly files: FilesService) {}

  @Query(() => EvidenceFileType, {
    nullable: true,
    description:
      'An evidence file of your region (FILE_NOT_FOUND if there is none or it is outside your region).',
  })
  async evidenceFile(@Ctx() ctx: RequestContext, @IdArg('id') id: string): Promise<EvidenceFileType> {
    return toEvidenceFileType(await this.files.findReadable(ctx, id));
  }
}
