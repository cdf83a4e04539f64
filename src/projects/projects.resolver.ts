import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IdArg } from '@/common/validation/arg.pipes';
import DataLoader from 'dataloader';
import { Ctx, RequestContext } from '@/common/context';
import { Connection, ConnectionType } from '@/common/pagination';
import { Fen, MoneyScalarType } from '@/common/scalars';
import { Region } from '@/regions/region.entity';
import { RegionType } from '@/regions/region.type';
import { RegionsService } from '@/regions/regions.service';
import { ProjectsArgs, RegisterProjectInput, UpdateProjectArgs } from './dto/project.inputs';
import { FundSourceAmount, FundSourceAmountType } from './fund-sources';
import { InvestmentBalance, investmentBalances } from './investment-rules';
import { Project, ProjectFundSource } from './project.entity';
import { ProjectFundSourceUseType, ProjectGqlType } from './project.type';
import { ProjectsService } from './projects.service';

const ProjectConnection = ConnectionType(ProjectGqlType, 'Project');

@Resolver(() => ProjectGqlType)
export class ProjectsResolver {
  constructor(
    private readonly service: ProjectsService,
    private readonly regions: RegionsService,
  ) {}

  @Query(() => ProjectGqlType)
  project(@Ctx() ctx: RequestContext, @IdArg('id') id: string): Promise<Project> {
    return this.service.findOne(ctx, id);
  }

  @Query(() => ProjectConnection, { description: 'Projects in your region (and above it), ordered by code.' })
  projects(@Ctx() ctx: RequestContext, @Args() args: ProjectsArgs): Promise<Connection<Project>> {
    return this.service.list(ctx, args.filter, args.first, args.after);
  }

  @Mutation(() => ProjectGqlType, { description: 'Register a project with its fund sources.' })
  registerProject(@Ctx() ctx: RequestContext, @Args('input') input: RegisterProjectInput): Promise<Project> {
    return this.service.register(ctx, input);
  }

  @Mutation(() => ProjectGqlType, { description: 'Change a project; a stale expectedVersion is a CONFLICT.' })
  updateProject(@Ctx() ctx: RequestContext, @Args() args: UpdateProjectArgs): Promise<Project> {
    return this.service.update(ctx, args.id, args.expectedVersion, args.changes);
  }

  @ResolveField(() => [FundSourceAmountType])
  fundSources(@Ctx() ctx: RequestContext, @Parent() project: Project): Promise<ProjectFundSource[]> {
    return this.fundSourceLoader(ctx).load(project.id);
  }

  @ResolveField(() => MoneyScalarType)
  async totalInvestment(@Ctx() ctx: RequestContext, @Parent() project: Project): Promise<Fen> {
    return this.service.total(await this.fundSourceLoader(ctx).load(project.id));
  }

  @ResolveField(() => [ProjectFundSourceUseType], {
    description:
      'Per fund source (every source the project lists or its assets use, in the usual order): what the project invested, what its assets use (all of them, in any region, disposed ones too: the rule registerAsset checks) and what remains.',
  })
  async investmentUse(@Ctx() ctx: RequestContext, @Parent() project: Project): Promise<InvestmentBalance[]> {
    const [invested, used] = await Promise.all([
      this.fundSourceLoader(ctx).load(project.id),
      this.usedLoader(ctx).load(project.id),
    ]);
    return investmentBalances(invested, used);
  }

  @ResolveField(() => MoneyScalarType, {
    description: "What the project's assets use, all fund sources together.",
  })
  async usedInvestment(@Ctx() ctx: RequestContext, @Parent() project: Project): Promise<Fen> {
    return (await this.usedLoader(ctx).load(project.id)).reduce((sum, s) => sum + s.amount, 0n);
  }

  @ResolveField(() => MoneyScalarType, { description: 'totalInvestment − usedInvestment.' })
  async remainingInvestment(@Ctx() ctx: RequestContext, @Parent() project: Project): Promise<Fen> {
    const [invested, used] = await Promise.all([
      this.fundSourceLoader(ctx).load(project.id),
      this.usedLoader(ctx).load(project.id),
    ]);
    return this.service.total(invested) - used.reduce((sum, s) => sum + s.amount, 0n);
  }

  @ResolveField(() => RegionType)
  async region(@Ctx() ctx: RequestContext, @Parent() project: Project): Promise<Region> {
    return (await this.regions.load(ctx, project.regionCode))!;
  }

  /** What the assets of each project use, per fund source: one statement for a page of projects. */
  private usedLoader(ctx: RequestContext): DataLoader<string, FundSourceAmount[]> {
    return ctx.loader(
      'project.investmentUse',
      () =>
        new DataLoader<string, FundSourceAmount[]>(async (ids) => {
          const found = await this.service.usedBy(ctx, ids);
          return ids.map((id) => found.get(id) ?? []);
        }),
    );
  }

  private fundSourceLoader(ctx: RequestContext): DataLoader<string, ProjectFundSource[]> {
    return ctx.loader(
      'project.fundSources',
      () =>
        new DataLoader<string, ProjectFundSource[]>(async (ids) => {
          const found = await this.service.fundSourcesOf(ctx, ids);
          return ids.map((id) => found.get(id) ?? []);
        }),
    );
  }
}
