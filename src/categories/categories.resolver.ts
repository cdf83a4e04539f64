import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role, Roles } from '@/common/auth';
import { Ctx, RequestContext } from '@/common/context';
import { AssetCategory } from './asset-category.entity';
import { AssetCategoryType } from './asset-category.type';
import { CategoriesService } from './categories.service';
import { CreateCategoryInput, UpdateCategoryArgs } from './dto/category.inputs';

@Resolver(() => AssetCategoryType)
export class CategoriesResolver {
  constructor(private readonly service: CategoriesService) {}

  @Query(() => [AssetCategoryType], { description: 'Asset categories, in display order.' })
  assetCategories(
    @Ctx() ctx: RequestContext,
    @Args('includeInactive', { defaultValue: false }) includeInactive: boolean,
  ): Promise<AssetCategory[]> {
    return this.service.list(ctx, includeInactive);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => AssetCategoryType, { description: 'ADMIN: add an asset category.' })
  createAssetCategory(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CreateCategoryInput,
  ): Promise<AssetCategory> {
    return this.service.create(ctx, input);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => AssetCategoryType, { description: 'ADMIN: rename, reorder or retire an asset category.' })
  updateAssetCategory(@Ctx() ctx: RequestContext, @Args() args: UpdateCategoryArgs): Promise<AssetCategory> {
    return this.service.update(ctx, args.code, args.expectedVersion, args.changes);
  }
}
