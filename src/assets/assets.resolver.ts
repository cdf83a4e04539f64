import { Args, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { IdArg } from '@/common/validation/arg.pipes';
import DataLoader from 'dataloader';
import { Ctx, GraphqlContext, RequestContext, requestContextOfGql } from '@/common/context';
import { Connection, connectionNodeFields, ConnectionType } from '@/common/pagination';
import { AssetCategory } from '@/categories/asset-category.entity';
import { AssetCategoryType } from '@/categories/asset-category.type';
import { CategoriesService } from '@/categories/categories.service';
import { AssetOwnership } from '@/ownership/ownership.entity';
import { AssetOwnershipType, ProposalType } from '@/ownership/ownership.types';
import { OwnershipService } from '@/ownership/ownership.service';
import { toProposalType } from '@/ownership/ownership.types';
import { FundSourceAmount, FundSourceAmountType } from '@/projects/fund-sources';
import { Project } from '@/projects/project.entity';
import { ProjectGqlType } from '@/projects/project.type';
import { ProjectsService } from '@/projects/projects.service';
import { Region } from '@/regions/region.entity';
import { RegionType } from '@/regions/region.type';
import { RegionsService } from '@/regions/regions.service';
import { Asset } from './asset.entity';
import { AssetSummaryGroupType, AssetType } from './asset.type';
import { AssetPageRelated, AssetSnapshot, AssetsService } from './assets.service';
import { AssetsArgs, AssetSummaryArgs, RegisterAssetInput, UpdateAssetArgs } from './dto/asset.inputs';

const AssetConnection = ConnectionType(AssetType, 'Asset');

/**
 * What each field resolver of this class reads of its asset: a list reads only these and the columns of
 * the plain fields its nodes ask for. A field named neither here nor as a column of the asset (a field
 * another module resolves) makes the list read every column.
 */
const RESOLVERS_READ: Readonly<Record<string, readonly (keyof Asset)[]>> = {
  category: ['categoryCode'],
  project: ['projectId'],
  location: ['locationCode'],
  fundSources: ['id'],
  owners: ['id'],
  ownershipHistory: ['id'],
  ownershipProposals: ['id'],
};

/** What a request's list pages read with their assets: regions by code, projects by id, owners by asset. */
interface ReadWithPages {
  regions: Map<string, Region>;
  projects: Map<string, Project>;
  owners: Map<string, AssetOwnership[]>;
}

/** The asset properties the node fields `fields` are resolved from (a plain field: its own name). */
function propertiesRead(fields: ReadonlySet<string>): Set<string> {
  const properties = new Set<string>();
  for (const field of fields) {
    if (field === '__typename') continue;
    for (const property of RESOLVERS_READ[field] ?? [field]) properties.add(property);
  }
  return properties;
}

function isSnapshot(asset: Asset | AssetSnapshot): asset is AssetSnapshot {
  return (asset as AssetSnapshot).fundSourcesSnapshot !== undefined;
}

function batch<V>(
  ctx: RequestContext,
  key: string,
  load: (ids: readonly string[]) => Promise<Map<string, V>>,
  missing: V,
) {
  return ctx.loader(
    key,
    () =>
      new DataLoader<string, V>(async (ids) => {
        const found = await load(ids);
        return ids.map((id) => found.get(id) ?? missing);
      }),
  );
}

@Resolver(() => AssetType)
export class AssetsResolver {
  constructor(
    private readonly service: AssetsService,
    private readonly regions: RegionsService,
    private readonly projects: ProjectsService,
    private readonly categories: CategoriesService,
    private readonly ownership: OwnershipService,
  ) {}

  @Query(() => AssetType, {
    description: 'One asset; with asOf, as it stood at that time (rebuilt from the ledger).',
  })
  asset(
    @Ctx() ctx: RequestContext,
    @IdArg('id') id: string,
    @Args('asOf', { nullable: true, type: () => Date }) asOf?: Date,
  ): Promise<Asset | AssetSnapshot> {
    return asOf ? this.service.findAsOf(ctx, id, asOf) : this.service.findOne(ctx, id);
  }

  @Query(() => AssetConnection, {
    description: 'Assets in your region, filtered and ordered, a page at a time.',
  })
  assets(
    @Ctx() ctx: RequestContext,
    @Args() args: AssetsArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Asset>> {
    // What the nodes' location, project and owners would load, read with the page where the list can
    // (then their loaders are primed and issue no statement of their own).
    const fields = connectionNodeFields(info);
    return this.service.list(
      ctx,
      args.filter,
      args.orderBy,
      args.first,
      args.after,
      {
        location: fields.has('location'),
        project: fields.has('project'),
        owners: fields.has('owners'),
        properties: propertiesRead(fields),
      },
      (related) => this.prime(ctx, related),
    );
  }

  private prime(ctx: RequestContext, related: AssetPageRelated): void {
    // Regions also for the request's other fields that load them; projects and owners are only ever
    // asked of the fields below, which answer from what the pages read.
    this.regions.prime(ctx, related.regions.values());
    const read = this.readWithPages(ctx);
    for (const [code, region] of related.regions) if (!read.regions.has(code)) read.regions.set(code, region);
    for (const [id, project] of related.projects) if (!read.projects.has(id)) read.projects.set(id, project);
    for (const [id, rows] of related.owners ?? []) if (!read.owners.has(id)) read.owners.set(id, rows);
  }

  /**
   * What this request's list pages read with their assets (first value per key, as DataLoader.prime): the
   * fields below answer from it at once, without a DataLoader's promise per asset and field, which for
   * a page of 50 costs graphql-js a promise per node to wait for as well.
   */
  private readWithPages(ctx: RequestContext): ReadWithPages {
    return ctx.loader<ReadWithPages>('asset.readWithPages', () => ({
      regions: new Map<string, Region>(),
      projects: new Map<string, Project>(),
      owners: new Map<string, AssetOwnership[]>(),
    }));
  }

  private projectLoader(ctx: RequestContext): DataLoader<string, Project | undefined> {
    return batch(ctx, 'asset.project', (ids) => this.projects.byIds(ctx, ids), undefined);
  }

  private ownersLoader(ctx: RequestContext): DataLoader<string, AssetOwnership[]> {
    return batch(
      ctx,
      'asset.owners',
      (ids) => this.ownership.currentOwnersOf(ctx, ids),
      [] as AssetOwnership[],
    );
  }

  @Query(() => [AssetSummaryGroupType], {
    description: 'Counts and sums of invested amount and formed value per group.',
  })
  assetSummary(@Ctx() ctx: RequestContext, @Args() args: AssetSummaryArgs): Promise<AssetSummaryGroupType[]> {
    return this.service.summary(ctx, args.groupBy, args.filter);
  }

  @Mutation(() => AssetType, { description: 'Register an asset in your region.' })
  registerAsset(@Ctx() ctx: RequestContext, @Args('input') input: RegisterAssetInput): Promise<Asset> {
    return this.service.register(ctx, input);
  }

  @Mutation(() => AssetType, { description: 'Change an asset; a stale expectedVersion is a CONFLICT.' })
  updateAsset(@Ctx() ctx: RequestContext, @Args() args: UpdateAssetArgs): Promise<Asset> {
    return this.service.update(ctx, args.id, args.expectedVersion, args.changes);
  }

  // The field resolvers below run once per asset of a page: they take (parent, args, context) as plain
  // GraphQL resolvers, so that Nest binds them directly, without per-call parameter decorators.

  @ResolveField(() => AssetCategoryType)
  async category(asset: Asset, _args: unknown, gql: GraphqlContext): Promise<AssetCategory> {
    const ctx = requestContextOfGql(gql);
    return (await batch(
      ctx,
      'asset.category',
      (codes) => this.categories.byCodes(ctx, codes),
      undefined,
    ).load(asset.categoryCode))!;
  }

  @ResolveField(() => ProjectGqlType)
  project(asset: Asset, _args: unknown, gql: GraphqlContext): Project | Promise<Project> {
    const ctx = requestContextOfGql(gql);
    const read = this.readWithPages(ctx).projects.get(asset.projectId);
    if (read) return read;
    return this.projectLoader(ctx)
      .load(asset.projectId)
      .then((project) => project!);
  }

  @ResolveField(() => RegionType, { description: 'The village or township where the asset sits.' })
  location(asset: Asset, _args: unknown, gql: GraphqlContext): Region | Promise<Region> {
    const ctx = requestContextOfGql(gql);
    const read = this.readWithPages(ctx).regions.get(asset.locationCode);
    if (read) return read;
    return this.regions.load(ctx, asset.locationCode).then((region) => region!);
  }

  @ResolveField(() => [FundSourceAmountType])
  fundSources(
    asset: Asset | AssetSnapshot,
    _args: unknown,
    gql: GraphqlContext,
  ): Promise<FundSourceAmount[]> {
    const ctx = requestContextOfGql(gql);
    if (isSnapshot(asset)) return Promise.resolve(asset.fundSourcesSnapshot);
    return batch(ctx, 'asset.fundSources', (ids) => this.service.fundSourcesOf(ctx, ids), []).load(asset.id);
  }

  @ResolveField(() => [AssetOwnershipType], {
    description: 'Current confirmed owners (at asOf, for a past state).',
  })
  owners(
    asset: Asset | AssetSnapshot,
    _args: unknown,
    gql: GraphqlContext,
  ): AssetOwnershipType[] | Promise<AssetOwnershipType[]> {
    const ctx = requestContextOfGql(gql);
    const toTypes = (rows: AssetOwnership[]) => rows.map((r) => this.ownershipType(r));
    if (isSnapshot(asset)) return this.ownership.ownersAsOf(ctx, asset.id, asset.asOfTime).then(toTypes);
    const read = this.readWithPages(ctx).owners.get(asset.id);
    if (read) return toTypes(read);
    return this.ownersLoader(ctx).load(asset.id).then(toTypes);
  }

  @ResolveField(() => [AssetOwnershipType], {
    description: 'Every confirmed ownership, oldest first; a later confirmation closes, never overwrites.',
  })
  async ownershipHistory(
    @Ctx() ctx: RequestContext,
    @Parent() asset: Asset | AssetSnapshot,
  ): Promise<AssetOwnershipType[]> {
    const rows = await batch(
      ctx,
      'asset.ownershipHistory',
      (ids) => this.ownership.historyOf(ctx, ids),
      [] as AssetOwnership[],
    ).load(asset.id);
    const visible = isSnapshot(asset) ? rows.filter((r) => r.recordedAt <= asset.asOfTime) : rows;
    return visible.map((r) => this.ownershipType(r));
  }

  @ResolveField(() => [ProposalType])
  async ownershipProposals(@Ctx() ctx: RequestContext, @Parent() asset: Asset): Promise<ProposalType[]> {
    const views = await batch(ctx, 'asset.proposals', (ids) => this.ownership.proposalsOf(ctx, ids), []).load(
      asset.id,
    );
    return views.map(toProposalType);
  }

  private ownershipType(r: AssetOwnership): AssetOwnershipType {
    return {
      ownerType: r.ownerType,
      ownerRef: r.ownerRef,
      ownerName: r.ownerName,
      sharePercent: this.ownership.formatShare(r.shareBp),
      managementEntity: r.managementEntity,
      certificateNo: r.certificateNo,
      validFrom: r.validFrom,
      validTo: r.validTo,
      recordedAt: r.recordedAt,
      closedAt: r.closedAt,
      proposalId: r.proposalId,
    };
  }
}
