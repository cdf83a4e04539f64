import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '@/common/context';
import { RecentImportsArgs } from '@/spreadsheet/recent-imports.args';
import { HouseholdImportArgs, ImportHouseholdsArgs } from '../dto/household.inputs';
import { HouseholdImportType, toHouseholdImportType } from '../household.type';
import { HouseholdImportService } from './household-import.service';

/** Households from Excel: import jobs (template at GET /templates/households.xlsx or .csv). */
@Resolver()
export class HouseholdImportResolver {
  constructor(private readonly imports: HouseholdImportService) {}

  @Mutation(() => HouseholdImportType, {
    description:
      'Import households from an uploaded .xlsx or .csv in the household template (GET /templates/households.xlsx). Every row is checked first: if any has a problem, nothing is written and the job ends FAILED with every problem ({ row, column, message }); otherwise every household is registered in one transaction, one ledger entry each. Returns the job at once (poll householdImport), or when it has finished with wait: true.',
  })
  async importHouseholds(
    @Ctx() ctx: RequestContext,
    @Args() args: ImportHouseholdsArgs,
  ): Promise<HouseholdImportType> {
    return toHouseholdImportType(await this.imports.start(ctx, args), ctx.locale);
  }

  @Query(() => HouseholdImportType, {
    description: 'A household import job of your region and its progress.',
  })
  async householdImport(
    @Ctx() ctx: RequestContext,
    @Args() args: HouseholdImportArgs,
  ): Promise<HouseholdImportType> {
    return toHouseholdImportType(await this.imports.find(ctx, args.id), ctx.locale);
  }
  @Query(() => [HouseholdImportType], {
    description:
      "The newest household import jobs of your region (anyone's in it, newest first): an import left and come back to from any browser.",
  })
  async householdImports(
    @Ctx() ctx: RequestContext,
    @Args() args: RecentImportsArgs,
  ): Promise<HouseholdImportType[]> {
    return (await this.imports.recent(ctx, args.first)).map((job) => toHouseholdImportType(job, ctx.locale));
  }
}
