import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RegionCodeArg } from '@/common/validation/arg.pipes';
import { Role, Roles } from '@/common/auth';
import { Ctx, RequestContext } from '@/common/context';
import { CreateRegionArgs } from './dto/create-region.args';
import { RegionsArgs } from './dto/regions.args';
import {
  ImportVillagesArgs,
  RenameRegionArgs,
  RetireVillageArgs,
  VillageImportResultType,
} from './dto/village-changes.args';
import { Region } from './region.entity';
import { RegionType } from './region.type';
import { RegionsService } from './regions.service';

@Resolver(() => RegionType)
export class RegionsResolver {
  constructor(private readonly service: RegionsService) {}

  @Query(() => RegionType, {
    description: 'One region you may see: your own, one below it, or one above it.',
  })
  region(@Ctx() ctx: RequestContext, @RegionCodeArg('code') code: string): Promise<Region> {
    return this.service.findOne(ctx, code);
  }

  @Query(() => [RegionType], { description: 'Regions you may see, filtered by parent and/or level.' })
  regions(@Ctx() ctx: RequestContext, @Args() args: RegionsArgs): Promise<Region[]> {
    return this.service.list(ctx, args.parentCode, args.level);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => RegionType, { description: 'ADMIN: add a village (or township) under an existing parent.' })
  createRegion(@Ctx() ctx: RequestContext, @Args() args: CreateRegionArgs): Promise<Region> {
    return this.service.create(ctx, args);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => RegionType, {
    description: 'ADMIN: rename a village or township; the former name stays on the ledger (REGION_RENAMED).',
  })
  renameRegion(@Ctx() ctx: RequestContext, @Args() args: RenameRegionArgs): Promise<Region> {
    return this.service.rename(ctx, args.code, args.name);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => RegionType, {
    description:
      'ADMIN: retire a village (撤销), optionally merged into another (合并). It stays readable with its history and takes no new assets.',
  })
  retireVillage(@Ctx() ctx: RequestContext, @Args() args: RetireVillageArgs): Promise<Region> {
    return this.service.retire(ctx, args);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => VillageImportResultType, {
    description:
      'ADMIN: import villages and communities from an uploaded CSV of NBS codes and names. All or nothing: any problem and nothing is written (REGION_IMPORT_INVALID, every problem in extensions.details.problems as { row, column, message }).',
  })
  importVillages(
    @Ctx() ctx: RequestContext,
    @Args() args: ImportVillagesArgs,
  ): Promise<VillageImportResultType> {
    return this.service.importVillages(ctx, args);
  }

  @ResolveField(() => RegionType, { nullable: true })
  parent(@Ctx() ctx: RequestContext, @Parent() region: Region): Promise<Region | null> {
    if (!region.parentCode) return Promise.resolve(null);
    return this.service.load(ctx, region.parentCode).then((r) => r ?? null);
  }

  @ResolveField(() => [RegionType], { description: 'Direct children you may see.' })
  children(@Ctx() ctx: RequestContext, @Parent() region: Region): Promise<Region[]> {
    return this.service.children(ctx, region);
  }

  @ResolveField(() => [RegionType], { description: 'From the district down to the direct parent.' })
  ancestors(@Ctx() ctx: RequestContext, @Parent() region: Region): Promise<Region[]> {
    return this.service.ancestors(ctx, region);
  }
}
