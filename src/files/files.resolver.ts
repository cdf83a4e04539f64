import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '@/common/context';
import { EvidenceFileType, toEvidenceFileType } from './evidence-file.type';
import { FilesService } from './files.service';

@Resolver(() => EvidenceFileType)
export class FilesResolver {
  constructor(private readonly files: FilesService) {}

  @Query(() => EvidenceFileType, {
    nullable: true,
    description: 'An evidence file of your region (NOT_FOUND if there is none, FORBIDDEN if out of scope).',
  })
  async evidenceFile(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<EvidenceFileType> {
    return toEvidenceFileType(await this.files.findReadable(ctx, id));
  }
}
