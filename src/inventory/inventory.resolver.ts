import { Args, ArgsType, Field, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import DataLoader from 'dataloader';
import { Role, Roles } from '@/common/auth';
import { Ctx, RequestContext } from '@/common/context';
import { SpreadsheetExportService } from '@/spreadsheet/spreadsheet-export.service';
import { Connection, ConnectionType } from '@/common/pagination';
import { Asset } from '@/assets/asset.entity';
import { AssetType } from '@/assets/asset.type';
import { AssetsService } from '@/assets/assets.service';
import { Region } from '@/regions/region.entity';
import { RegionType } from '@/regions/region.type';
import { RegionsService } from '@/regions/regions.service';
import { ReportFileType } from '@/spreadsheet/report-file.type';
import {
  CloseInventoryArgs,
  ConfirmInventoryItemArgs,
  ConfirmInventoryItemsArgs,
  InventoriesArgs,
  ExportInventoryDiscrepanciesArgs,
  InventoryIdArgs,
  InventoryItemsArgs,
  SignOffInventoryArgs,
  StartInventoryArgs,
} from './dto/inventory.inputs';
import { Inventory, InventoryItem, InventorySignOff } from './inventory.entity';
import { InventoryReportService } from './inventory-report.service';
import { townshipOf } from './inventory-rules';
import { InventoryService, sumCounts, TownshipProgress } from './inventory.service';
import {
  InventoryActorType,
  InventoryCountsType,
  InventoryItemType,
  InventorySignOffType,
  InventoryTownshipProgressType,
  InventoryType,
  toActor,
} from './inventory.types';

const InventoryItemConnection = ConnectionType(InventoryItemType, 'InventoryItem');

@ArgsType()
class InventoryByIdArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

/** Per-request batched lookups shared by the inventory resolvers. */
function actorLoader(
  ctx: RequestContext,
  service: InventoryService,
): DataLoader<string, InventoryActorType | null> {
  return ctx.loader(
    'inventory.actors',
    () =>
      new DataLoader<string, InventoryActorType | null>(async (ids) => {
        const found = await service.actors(ctx, ids);
        return ids.map((id) => {
          const user = found.get(id);
          return user ? toActor(user) : null;
        });
      }),
  );
}

@Resolver(() => InventoryType)
export class InventoryResolver {
  constructor(
    private readonly service: InventoryService,
    private readonly reports: InventoryReportService,
    private readonly regions: RegionsService,
    private readonly exports: SpreadsheetExportService,
  ) {}

  @Query(() => InventoryType, {
    description:
      'One inventory whose region contains yours or lies within it, with its progress per township.',
  })
  inventory(@Ctx() ctx: RequestContext, @Args() args: InventoryByIdArgs): Promise<Inventory> {
    return this.service.findOne(ctx, args.id);
  }

  @Query(() => [InventoryType], {
    description:
      'Inventories you may read (newest year first), optionally of one year and overlapping a region.',
  })
  inventories(@Ctx() ctx: RequestContext, @Args() args: InventoriesArgs): Promise<Inventory[]> {
    return this.service.list(ctx, args.year, args.regionCode);
  }

  @Query(() => InventoryItemConnection, {
    description:
      'The checklist of an inventory, within your region (a village clerk sees its village), by location and asset code.',
  })
  inventoryItems(
    @Ctx() ctx: RequestContext,
    @Args() args: InventoryItemsArgs,
  ): Promise<Connection<InventoryItem>> {
    return this.service.items(ctx, args.inventoryId, args.filter, args.first, args.after);
  }

  @Query(() => [InventoryItemType], {
    description:
      'The discrepancy report: every finding other than PRESENT within your region, with the asset, the note and who confirmed it.',
  })
  inventoryDiscrepancies(
    @Ctx() ctx: RequestContext,
    @Args() args: InventoryIdArgs,
  ): Promise<InventoryItem[]> {
    return this.service.discrepancies(ctx, args.inventoryId);
  }

  @Roles(Role.DISTRICT_SUPERVISOR)
  @Mutation(() => InventoryType, {
    description:
      'DISTRICT_SUPERVISOR: open the annual inventory of the district or a township: a checklist of every non-disposed asset located there. One open inventory per year for overlapping regions.',
  })
  startInventory(@Ctx() ctx: RequestContext, @Args() args: StartInventoryArgs): Promise<Inventory> {
    return this.service.start(ctx, args.year, args.regionCode);
  }

  @Roles(Role.VILLAGE_CLERK, Role.TOWNSHIP_OFFICER, Role.DISTRICT_SUPERVISOR)
  @Mutation(() => InventoryItemType, {
    description:
      "Record what was found for one item, or correct it until the item's township signs off. The village clerk confirms the items of its village; the township officer those located at the township and in villages without an active clerk; a district supervisor those of a township without an active officer. A note is mandatory unless PRESENT.",
  })
  async confirmInventoryItem(
    @Ctx() ctx: RequestContext,
    @Args() args: ConfirmInventoryItemArgs,
  ): Promise<InventoryItem> {
    const [item] = await this.service.confirm(ctx, [args], (_i, key) => key);
    return item;
  }

  @Roles(Role.VILLAGE_CLERK, Role.TOWNSHIP_OFFICER, Role.DISTRICT_SUPERVISOR)
  @Mutation(() => [InventoryItemType], {
    description: 'confirmInventoryItem for several items at once (e.g. all PRESENT), all or nothing.',
  })
  confirmInventoryItems(
    @Ctx() ctx: RequestContext,
    @Args() args: ConfirmInventoryItemsArgs,
  ): Promise<InventoryItem[]> {
    return this.service.confirm(ctx, args.items, (i, key) => `items[${i}].${key}`);
  }

  @Roles(Role.TOWNSHIP_OFFICER, Role.DISTRICT_SUPERVISOR)
  @Mutation(() => InventoryType, {
    description:
      "The township officer signs off the township's part once every item of it is confirmed (a district supervisor for a township without an active officer). Its findings are then final.",
  })
  signOffInventory(@Ctx() ctx: RequestContext, @Args() args: SignOffInventoryArgs): Promise<Inventory> {
    return this.service.signOff(ctx, args.inventoryId, args.regionCode, args.note);
  }

  @Roles(Role.DISTRICT_SUPERVISOR)
  @Mutation(() => InventoryType, {
    description: 'DISTRICT_SUPERVISOR: close the inventory once every township with items has signed off.',
  })
  closeInventory(@Ctx() ctx: RequestContext, @Args() args: CloseInventoryArgs): Promise<Inventory> {
    return this.service.close(ctx, args.inventoryId, args.note);
  }

  @Mutation(() => ReportFileType, {
    description:
      'Write the discrepancy report (清查差异表: findings other than PRESENT, and the progress per township) within your region as .xlsx; download it at downloadPath.',
  })
  exportInventoryDiscrepancies(
    @Ctx() ctx: RequestContext,
    @Args() args: ExportInventoryDiscrepanciesArgs,
  ): Promise<ReportFileType> {
    return this.exports.once(ctx, 'exportInventoryDiscrepancies', args, () =>
      this.reports.exportDiscrepancies(ctx, args.inventoryId),
    );
  }

  @ResolveField(() => RegionType)
  async region(@Ctx() ctx: RequestContext, @Parent() inventory: Inventory): Promise<Region> {
    return (await this.regions.load(ctx, inventory.regionCode))!;
  }

  @ResolveField(() => InventoryActorType)
  async startedBy(@Ctx() ctx: RequestContext, @Parent() inventory: Inventory): Promise<InventoryActorType> {
    return (await actorLoader(ctx, this.service).load(inventory.startedBy))!;
  }

  @ResolveField(() => InventoryActorType, { nullable: true })
  closedBy(@Ctx() ctx: RequestContext, @Parent() inventory: Inventory): Promise<InventoryActorType | null> {
    return inventory.closedBy
      ? actorLoader(ctx, this.service).load(inventory.closedBy)
      : Promise.resolve(null);
  }

  @ResolveField(() => InventoryCountsType, { description: 'Totals over the items you may read.' })
  async progress(@Ctx() ctx: RequestContext, @Parent() inventory: Inventory): Promise<InventoryCountsType> {
    return sumCounts(await this.progressLoader(ctx).load(inventory.id));
  }

  @ResolveField(() => [InventoryTownshipProgressType], {
    description: 'Each township with items you may read: counts and sign-off.',
  })
  async townships(
    @Ctx() ctx: RequestContext,
    @Parent() inventory: Inventory,
  ): Promise<InventoryTownshipProgressType[]> {
    const rows = await this.progressLoader(ctx).load(inventory.id);
    return Promise.all(
      rows.map(async (row) => ({
        townshipCode: row.townshipCode,
        township: (await this.regions.load(ctx, row.townshipCode))!,
        total: row.total,
        confirmed: row.confirmed,
        remaining: row.remaining,
        present: row.present,
        missing: row.missing,
        damaged: row.damaged,
        statusDiffers: row.statusDiffers,
        signOff: row.signOff ? await this.toSignOff(ctx, row.signOff) : null,
      })),
    );
  }

  private async toSignOff(ctx: RequestContext, s: InventorySignOff): Promise<InventorySignOffType> {
    return {
      townshipCode: s.townshipCode,
      signedBy: (await actorLoader(ctx, this.service).load(s.signedBy))!,
      signedAt: s.signedAt,
      total: s.totalCount,
      present: s.presentCount,
      missing: s.missingCount,
      damaged: s.damagedCount,
      statusDiffers: s.statusDiffersCount,
      note: s.note,
    };
  }

  private progressLoader(ctx: RequestContext): DataLoader<string, TownshipProgress[]> {
    return ctx.loader(
      'inventory.progress',
      () =>
        new DataLoader<string, TownshipProgress[]>(async (ids) => {
          const found = await this.service.progress(ctx, ids);
          return ids.map((id) => found.get(id) ?? []);
        }),
    );
  }
}

@Resolver(() => InventoryItemType)
export class InventoryItemResolver {
  constructor(
    private readonly service: InventoryService,
    private readonly assets: AssetsService,
    private readonly regions: RegionsService,
  ) {}

  @ResolveField(() => AssetType, { description: 'The asset as the register holds it now.' })
  async asset(@Ctx() ctx: RequestContext, @Parent() item: InventoryItem): Promise<Asset> {
    const loader = ctx.loader(
      'inventory.assets',
      () =>
        new DataLoader<string, Asset | null>(async (ids) => {
          const found = await this.assets.byIds(ctx, ids);
          return ids.map((id) => found.get(id) ?? null);
        }),
    );
    return (await loader.load(item.assetId))!;
  }

  @ResolveField(() => Boolean, {
    description:
      'Whether you are the one who confirms this item (its village clerk; the township officer for the township itself and villages without an active clerk; the district for a township without an officer).',
  })
  async mayConfirm(@Ctx() ctx: RequestContext, @Parent() item: InventoryItem): Promise<boolean> {
    const loader = ctx.loader(
      'inventory.mayConfirm',
      () =>
        new DataLoader<string, boolean>(async (codes) => {
          const confirmable = await this.service.confirmableLocations(ctx, codes);
          return codes.map((code) => confirmable.has(code));
        }),
    );
    return loader.load(item.locationCode);
  }

  @ResolveField(() => RegionType, { description: 'Where the asset was when the checklist was opened.' })
  async location(@Ctx() ctx: RequestContext, @Parent() item: InventoryItem): Promise<Region> {
    return (await this.regions.load(ctx, item.locationCode))!;
  }

  @ResolveField(() => String, { description: 'The township that signs off this item.' })
  townshipCode(@Parent() item: InventoryItem): string {
    return townshipOf(item.locationCode);
  }

  @ResolveField(() => Boolean, { description: 'Whether a finding has been recorded.' })
  confirmed(@Parent() item: InventoryItem): boolean {
    return item.finding !== null;
  }

  @ResolveField(() => InventoryActorType, {
    nullable: true,
    description: 'Who recorded the current finding.',
  })
  confirmedBy(@Ctx() ctx: RequestContext, @Parent() item: InventoryItem): Promise<InventoryActorType | null> {
    return item.confirmedBy ? actorLoader(ctx, this.service).load(item.confirmedBy) : Promise.resolve(null);
  }
}
