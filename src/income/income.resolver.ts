import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IdArg, RegionCodeArg } from '@/common/validation/arg.pipes';
import DataLoader from 'dataloader';
import { Ctx, RequestContext } from '@/common/context';
import { Connection, ConnectionType } from '@/common/pagination';
import { formatPercent } from '@/common/scalars';
import { Asset } from '@/assets/asset.entity';
import { AssetType } from '@/assets/asset.type';
import { AssetsService } from '@/assets/assets.service';
import { RegionsService } from '@/regions/regions.service';
import { IncomeBalancesService } from './income-balances.service';
import { IncomeSummaryArgs, IncomeSummaryGroupType } from './income-summary';
import { IncomeSummaryService } from './income-summary.service';
import { IncomeRecord } from './income.entity';
import { IncomeService } from './income.service';
import {
  IncomeBalanceType,
  IncomeRecordsArgs,
  IncomeRecordType,
  IncomeShareType,
  RecordIncomeInput,
  ReverseIncomeArgs,
} from './income.types';

const IncomeRecordConnection = ConnectionType(IncomeRecordType, 'IncomeRecord');

@Resolver(() => IncomeRecordType)
export class IncomeResolver {
  constructor(
    private readonly service: IncomeService,
    private readonly summaries: IncomeSummaryService,
    private readonly balances: IncomeBalancesService,
    private readonly regions: RegionsService,
    private readonly assets: AssetsService,
  ) {}

  @Mutation(() => IncomeRecordType, {
    description:
      'Record income of an operating asset. Repeating the idempotencyKey returns the first record and writes nothing.',
  })
  recordIncome(@Ctx() ctx: RequestContext, @Args('input') input: RecordIncomeInput): Promise<IncomeRecord> {
    return this.service.record(ctx, input);
  }

  @Mutation(() => IncomeRecordType, {
    description: 'Correct a mistaken record with a compensating one (nothing is edited).',
  })
  reverseIncome(@Ctx() ctx: RequestContext, @Args() args: ReverseIncomeArgs): Promise<IncomeRecord> {
    return this.service.reverse(ctx, args);
  }

  @Query(() => IncomeRecordType)
  incomeRecord(@Ctx() ctx: RequestContext, @IdArg('id') id: string): Promise<IncomeRecord> {
    return this.service.findOne(ctx, id);
  }

  @Query(() => IncomeRecordConnection, {
    description:
      'Income records of assets in your region, and those that pay a village of your region a share (a co-owned asset in another village), by the date received (oldest first unless direction: DESC).',
  })
  incomeRecords(
    @Ctx() ctx: RequestContext,
    @Args() args: IncomeRecordsArgs,
  ): Promise<Connection<IncomeRecord>> {
    return this.service.list(ctx, args.filter, args.first, args.after, args.direction);
  }

  @Query(() => [IncomeSummaryGroupType])
  incomeSummary(
    @Ctx() ctx: RequestContext,
    @Args() args: IncomeSummaryArgs,
  ): Promise<IncomeSummaryGroupType[]> {
    return this.summaries.summary(ctx, args.groupBy, args.filter);
  }

  @Query(() => [IncomeBalanceType], {
    description:
      'Per village in your region (or below regionCode): received = planned + undistributed, paid, and the oldest undistributed fen.',
  })
  async villageIncomeBalances(
    @Ctx() ctx: RequestContext,
    @RegionCodeArg('regionCode', true) regionCode?: string,
  ): Promise<IncomeBalanceType[]> {
    return this.balances.villageBalances(ctx, await this.regions.villagesIn(ctx, regionCode));
  }

  @ResolveField(() => [IncomeShareType])
  async shares(@Ctx() ctx: RequestContext, @Parent() record: IncomeRecord): Promise<IncomeShareType[]> {
    const loader = ctx.loader(
      'income.shares',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const found = await this.service.sharesOf(ctx, ids);
          return ids.map((id) => found.get(id) ?? []);
        }),
    );
    return (await loader.load(record.id)).map((s) => ({
      ownerType: s.ownerType,
      ownerRef: s.ownerRef,
      ownerName: s.ownerName,
      villageCode: s.villageCode,
      sharePercent: formatPercent(s.shareBp),
      amount: s.amount,
    }));
  }

  @ResolveField(() => String)
  async assetCode(@Ctx() ctx: RequestContext, @Parent() record: IncomeRecord): Promise<string> {
    return (await this.assetNames(ctx).load(record.assetId)).code;
  }

  @ResolveField(() => String)
  async assetName(@Ctx() ctx: RequestContext, @Parent() record: IncomeRecord): Promise<string> {
    return (await this.assetNames(ctx).load(record.assetId)).name;
  }

  @ResolveField(() => String)
  async regionName(@Ctx() ctx: RequestContext, @Parent() record: IncomeRecord): Promise<string> {
    return (await this.regions.load(ctx, record.regionCode))?.name ?? record.regionCode;
  }

  @ResolveField(() => ID, { nullable: true })
  async reversedById(@Ctx() ctx: RequestContext, @Parent() record: IncomeRecord): Promise<string | null> {
    const loader = ctx.loader(
      'income.reversals',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const found = await this.service.reversalsOf(ctx, ids);
          return ids.map((id) => found.get(id) ?? null);
        }),
    );
    return loader.load(record.id);
  }

  /** The records' assets, one statement for the page (to name each record's asset). */
  private assetNames(ctx: RequestContext): DataLoader<string, Asset> {
    return ctx.loader(
      'income.assets',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const found = await this.assets.byIds(ctx, ids);
          // An income record's asset is a foreign key (ON DELETE RESTRICT): it is always there.
          return ids.map((id) => found.get(id)!);
        }),
    );
  }
}

/**
 * `Asset.incomeBalance`: the asset's income received, planned, paid and undistributed (what the plans'
 * income links take of its records); `incomeBalanceByVillage`: each owning village's part of it.
 */
@Resolver(() => AssetType)
export class AssetIncomeResolver {
  constructor(
    private readonly balances: IncomeBalancesService,
    private readonly regions: RegionsService,
  ) {}

  @ResolveField(() => [IncomeBalanceType], {
    description:
      "Each owning village's part of incomeBalance, by village code: its shares of the asset's income, what its plans take of them, paid and undistributed (a co-owned asset has several).",
  })
  async incomeBalanceByVillage(
    @Ctx() ctx: RequestContext,
    @Parent() asset: Asset,
  ): Promise<IncomeBalanceType[]> {
    return Promise.all(
      (await this.balancesOf(ctx).load(asset.id)).byVillage.map(async (part) => ({
        ...part,
        villageName: (await this.regions.load(ctx, part.villageCode!))?.name ?? null,
      })),
    );
  }

  @ResolveField(() => IncomeBalanceType)
  async incomeBalance(@Ctx() ctx: RequestContext, @Parent() asset: Asset): Promise<IncomeBalanceType> {
    return (await this.balancesOf(ctx).load(asset.id)).balance;
  }

  /** The request's assets' balances and their villages' parts: one reading for both fields. */
  private balancesOf(
    ctx: RequestContext,
  ): DataLoader<string, { balance: IncomeBalanceType; byVillage: IncomeBalanceType[] }> {
    return ctx.loader(
      'asset.incomeBalances',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const { balances, byVillage } = await this.balances.assetBalancesWithParts(ctx, ids);
          return ids.map((id) => ({ balance: balances.get(id)!, byVillage: byVillage.get(id)! }));
        }),
    );
  }
}
