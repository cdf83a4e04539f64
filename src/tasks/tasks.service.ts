import { Injectable } from '@nestjs/common';
import { RequestContext } from '@/common/context';
import { todayInChina } from '@/common/scalars';
import { independentReads } from '@/database/reads';
import { AssetsService } from '@/assets/assets.service';
import { RegionScopeService } from '@/auth/region-scope.service';
import { DisposalService } from '@/disposal/disposal.service';
import { PlanStatus } from '@/distribution/distribution.entity';
import { DistributionService } from '@/distribution/distribution.service';
import { InventoryStatus } from '@/inventory/inventory.enums';
import { InventoryService } from '@/inventory/inventory.service';
import { OwnershipService } from '@/ownership/ownership.service';
import { SupervisionService } from '@/supervision/supervision.service';
import { RedFlagKind } from '@/supervision/supervision.types';
import { disposalStatusReviewedBy, TaskKind, taskKindsFor } from './task-rules';
import { MyTasksType, TaskGroupType, TaskItemType } from './tasks.types';

/** Red flags about the ledger's integrity and its witnesses: listed before the others. */
const LEDGER_FLAGS: ReadonlySet<RedFlagKind> = new Set([
  RedFlagKind.LEDGER_INTEGRITY,
  RedFlagKind.WITNESS_REFUSED,
  RedFlagKind.CHECKPOINT_NO_QUORUM,
  RedFlagKind.WITNESS_SILENT,
]);

/**
 * The to-do list (待办) of the signed-in user, built only from the queries the features already answer
 * (red flags, plans, disposal requests, inventories), each under the caller's own scope: it shows
 * nothing the caller could not read through those queries.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly scope: RegionScopeService,
    private readonly supervision: SupervisionService,
    private readonly distribution: DistributionService,
    private readonly disposal: DisposalService,
    private readonly inventory: InventoryService,
    private readonly ownership: OwnershipService,
    private readonly assets: AssetsService,
  ) {}

  async myTasks(ctx: RequestContext, regionCode: string | undefined, first: number): Promise<MyTasksType> {
    const user = ctx.currentUser;
    const region = regionCode ?? user.regionCode;
    this.scope.assertRead(user, region, `region ${region}`);
    const kinds = taskKindsFor(user.role);
    const groups: TaskGroupType[] = [];

    const flags = kinds.some((k) => k === TaskKind.RED_FLAG || k === TaskKind.OWNERSHIP_PUBLICITY_ENDED)
      ? await this.supervision.redFlags(ctx, region, undefined, { publicityGraceDays: 0 })
      : undefined;

    for (const kind of kinds) {
      switch (kind) {
        case TaskKind.OWNERSHIP_PUBLICITY_ENDED: {
          const flag = flags?.flags.find((f) => f.kind === RedFlagKind.PUBLICITY_ENDED);
          const records = (flag?.records ?? []).slice(0, first);
          const proposals = await independentReads(
            ctx.manager,
            records.map((r) => () => this.ownership.findOne(ctx, r.entityId)),
          );
          groups.push({
            kind,
            count: flag?.count ?? 0,
            items: records.map((r, i) => ({
              ...emptyItem(),
              entityType: r.entityType,
              entityId: r.entityId,
              assetId: proposals[i].assetId,
              assetCode: r.code,
              title: r.name,
              regionCode: r.regionCode,
              date: r.since,
              backdated: proposals[i].backdated,
            })),
          });
          break;
        }
        case TaskKind.PLAN_TO_FILE: {
          const plans = await this.distribution.list(
            ctx,
            { regionCode: region, status: [PlanStatus.SUBMITTED] },
            first,
            undefined,
          );
          groups.push({
            kind,
            count: plans.totalCount,
            items: plans.edges.map(({ node: p }) => ({
              ...emptyItem(),
              entityType: 'DistributionPlan',
              entityId: p.id,
              title: p.title,
              regionCode: p.villageCode,
              date: p.planDate,
              amount: p.amount,
            })),
          });
          break;
        }
        case TaskKind.DISPOSAL_TO_REVIEW: {
          const status = disposalStatusReviewedBy(user.role);
          if (!status) break;
          const requests = await this.disposal.list(
            ctx,
            { regionCode: region, status: [status] },
            first,
            undefined,
          );
          const assets = await this.assets.byIds(
            ctx,
            requests.edges.map((e) => e.node.assetId),
          );
          groups.push({
            kind,
            count: requests.totalCount,
            items: requests.edges.map(({ node: d }) => ({
              ...emptyItem(),
              entityType: 'DisposalRequest',
              entityId: d.id,
              assetId: d.assetId,
              assetCode: assets.get(d.assetId)?.code ?? null,
              title: assets.get(d.assetId)?.name ?? d.assetId,
              regionCode: d.regionCode,
              date: d.dueOn,
              overdue: d.overdue,
              amount: d.appraisedValue,
            })),
          });
          break;
        }
        case TaskKind.INVENTORY_TO_CONFIRM: {
          const open = (await this.inventory.list(ctx, undefined, region)).filter(
            (i) => i.status === InventoryStatus.OPEN,
          );
          let count = 0;
          const items: TaskItemType[] = [];
          for (const inv of open) {
            const page = await this.inventory.items(
              ctx,
              inv.id,
              { regionCode: region, confirmed: false },
              first,
              undefined,
            );
            count += page.totalCount;
            for (const { node: it } of page.edges) {
              if (items.length >= first) break;
              items.push({
                ...emptyItem(),
                entityType: 'InventoryItem',
                entityId: it.id,
                assetId: it.assetId,
                assetCode: it.assetCode,
                title: it.assetName,
                regionCode: it.locationCode,
              });
            }
          }
          groups.push({ kind, count, items });
          break;
        }
        case TaskKind.RED_FLAG: {
          // The ended publicities are a group of their own for those who confirm them; an auditor, who
          // does not, sees them among the red flags, as on the 风险预警 page.
          const listedApart = kinds.includes(TaskKind.OWNERSHIP_PUBLICITY_ENDED);
          const others = (flags?.flags ?? []).filter(
            (f) => !listedApart || f.kind !== RedFlagKind.PUBLICITY_ENDED,
          );
          const records = others
            .flatMap((f) => f.records.map((r) => ({ kind: f.kind, r })))
            // The ledger's and the witnesses' flags first (a rewrite must not hide behind old arrears),
            // then the oldest.
            .sort(
              (a, b) =>
                Number(!LEDGER_FLAGS.has(a.kind)) - Number(!LEDGER_FLAGS.has(b.kind)) ||
                (b.r.days ?? 0) - (a.r.days ?? 0),
            )
            .slice(0, first);
          groups.push({
            kind,
            count: others.reduce((sum, f) => sum + f.count, 0),
            items: records.map(({ kind: flagKind, r }) => ({
              ...emptyItem(),
              entityType: r.entityType,
              entityId: r.entityId,
              assetId: r.entityType === 'Asset' ? r.entityId : null,
              assetCode: r.code,
              title: r.name,
              regionCode: r.regionCode,
              date: r.since,
              amount: r.amount,
              redFlagKind: flagKind,
            })),
          });
          break;
        }
      }
    }
    return {
      asOf: flags?.asOf ?? todayInChina(),
      regionCode: region,
      total: groups.reduce((sum, g) => sum + g.count, 0),
      groups,
    };
  }
}

function emptyItem(): Omit<TaskItemType, 'entityType' | 'entityId' | 'title' | 'regionCode'> {
  return {
    assetId: null,
    assetCode: null,
    date: null,
    overdue: false,
    amount: null,
    redFlagKind: null,
    backdated: false,
  };
}
