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
import { FundSourceAmountType } from './fund-sources';
import { Project, ProjectFundSource } from './project.entity';
import { ProjectGqlType } from './project.type';
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

  @ResolveField(() => RegionType)
  async region(@Ctx() ctx: RequestContext, @Parent() project: Project): Promise<Region> {
    return (await this.regions.load(ctx, project.regionCode))!;
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
