import { AuthUser } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { addDays, todayInChina } from '@/common/scalars';
import { TransactionalConnection } from '@/database';
import { DistributionChannel } from '@/distribution/distribution.entity';
import { DistributionService } from '@/distribution/distribution.service';
import { exportFileName } from '@/files/file-rules';
import { FilesService } from '@/files/files.service';
import { RegionsService } from '@/regions/regions.service';
import { RegionLevel } from '@/regions/region-level.enum';
import {
  IndustryDepartment,
  RepairPayer,
  UpkeepCondition,
  UpkeepFundingSource,
} from '@/upkeep/upkeep.entity';
import { UpkeepService } from '@/upkeep/upkeep.service';

export interface DemoUpkeepSummary {
  duties: number;
  inspections: number;
  repairs: number;
  overdue: number;
  mergedVillage: string | null;
}

/**
 * Upkeep in the demo (梧桐村): duties for a few assets, regular inspections, a greenhouse found damaged
 * and repaired from the ASSET_UPKEEP allocation of a filed distribution plan, and an asset last
 * inspected 200 days ago (overdue under the quarterly policy). And a merged village: 双河村 of 白土镇,
 * retired and merged into 三坪村 (合村并居).
 */
export async function seedDemoUpkeep(
  ctx: RequestContext,
  deps: {
    connection: TransactionalConnection;
    upkeep: UpkeepService;
    distribution: DistributionService;
    regions: RegionsService;
    files: FilesService;
    users: Map<string, AuthUser>;
  },
): Promise<DemoUpkeepSummary> {
  const manager = deps.connection.requireTransaction(ctx);
  const today = todayInChina();
  const as = (username: string): void => {
    ctx.user = deps.users.get(username);
  };
  const village = '500101151201';
  const summary: DemoUpkeepSummary = {
    duties: 0,
    inspections: 0,
    repairs: 0,
    overdue: 0,
    mergedVillage: null,
  };

  // The merged village (as the ADMIN would: create, then retire into its neighbour).
  as('admin');
  await deps.regions.insert(ctx, {
    code: '500101157202',
    name: '双河村',
    level: RegionLevel.VILLAGE,
    parentCode: '500101157',
  });
  await deps.regions.retire(ctx, {
    code: '500101157202',
    mergedInto: '500101157201',
    retiredOn: addDays(today, -30),
  });
  summary.mergedVillage = '500101157202';

  const assets: Array<{ id: string; code: string; class: string; name: string }> = await manager.query(
    `SELECT a.id, a.code, a.class, a.name FROM asset a
      WHERE a.location_code = $1 AND a.status = 'IN_USE' AND a.class <> 'HOUSEHOLD' AND a.form = 'FIXED'
        AND a.completion_date <= $2
        AND NOT EXISTS (SELECT 1 FROM disposal_request d WHERE d.asset_id = a.id)
      ORDER BY a.code LIMIT 4`,
    [village, addDays(today, -400)],
  );
  if (assets.length < 4) {
    ctx.user = undefined;
    return summary;
  }
  const photo = async (what: string): Promise<string> =>
    (
      await deps.files.storeGenerated(
        ctx,
        demoPdf(`${what} 巡查照片`),
        exportFileName(['巡查照片'], 'pdf'),
        village,
      )
    ).id;

  as('wutong');
  for (const [i, a] of assets.entries()) {
    await deps.upkeep.setDuty(ctx, {
      assetId: a.id,
      body: '梧桐村股份经济合作联合社',
      person: ['张明', '李华', '王强', '赵丽'][i],
      phone: `1380000${String(1201 + i).padStart(4, '0')}`,
      department:
        a.class === 'PUBLIC_WELFARE' ? IndustryDepartment.TRANSPORT : IndustryDepartment.AGRICULTURE_RURAL,
      fundingSource:
        a.class === 'OPERATING' ? UpkeepFundingSource.ASSET_INCOME : UpkeepFundingSource.VILLAGE_COLLECTIVE,
    });
    summary.duties++;
  }
  const [damaged, overdue, ...regular] = assets;

  // Regular inspections: good, this month.
  for (const a of regular) {
    await deps.upkeep.recordInspection(ctx, {
      assetId: a.id,
      inspectedOn: addDays(today, -10),
      inspector: '张会计',
      condition: UpkeepCondition.GOOD,
      photoFileIds: [await photo(a.code)],
    });
    summary.inspections++;
  }

  // Overdue: last inspected 200 days ago (the policy asks for one every 90 days).
  await deps.upkeep.recordInspection(ctx, {
    assetId: overdue.id,
    inspectedOn: addDays(today, -200),
    inspector: '张会计',
    condition: UpkeepCondition.FAIR,
    notes: '外观有轻微锈蚀，暂不影响使用',
  });
  summary.inspections++;
  summary.overdue++;

  // A plan with an ASSET_UPKEEP allocation, filed by the township.
  const minutes = await deps.files.storeGenerated(
    ctx,
    demoPdf('梧桐村 村民代表会议决议（资产管护）'),
    exportFileName(['村民代表会议决议'], 'pdf'),
    village,
  );
  const plan = await deps.distribution.draft(ctx, {
    villageCode: village,
    title: '梧桐村资产管护与小型公益事业分配方案',
    amount: 500000n,
    planDate: addDays(today, -40),
    allocations: [
      { channel: DistributionChannel.ASSET_UPKEEP, amount: 100000n, note: '扶贫资产日常管护与维修' },
      { channel: DistributionChannel.SMALL_PUBLIC_WORKS, amount: 400000n, note: '村内小型公益事业' },
    ],
  });
  await deps.distribution.submit(ctx, plan.id, {
    partyBranchProposalOn: addDays(today, -50),
    twoCommitteesDiscussionOn: addDays(today, -48),
    partyMembersReviewOn: addDays(today, -46),
    representativesDecisionOn: addDays(today, -44),
    decisionPublishedOn: addDays(today, -42),
    fileIds: [minutes.id],
  });
  as('longju');
  await deps.distribution.file(ctx, plan.id);
  as('wutong');
  const filed = await deps.distribution.findOne(ctx, plan.id);
  const upkeepAllocation = filed.allocations.find((x) => x.channel === DistributionChannel.ASSET_UPKEEP)!;

  // Found damaged, repaired within the period, paid from the upkeep allocation.
  const found = await deps.upkeep.recordInspection(ctx, {
    assetId: damaged.id,
    inspectedOn: addDays(today, -20),
    inspector: '张会计',
    condition: UpkeepCondition.DAMAGED,
    photoFileIds: [await photo(damaged.code)],
    notes: '暴雨后棚膜撕裂两处，一根立柱倾斜',
  });
  summary.inspections++;
  const invoice = await deps.files.storeGenerated(
    ctx,
    demoPdf(`${damaged.code} 维修发票`),
    exportFileName(['维修发票'], 'pdf'),
    village,
  );
  await deps.upkeep.recordRepair(ctx, {
    assetId: damaged.id,
    inspectionId: found.id,
    repairedOn: addDays(today, -12),
    description: '更换棚膜 180 平方米，扶正并加固立柱',
    cost: 86000n,
    paidBy: RepairPayer.UPKEEP_ALLOCATION,
    allocationId: upkeepAllocation.id,
    evidenceFileIds: [invoice.id],
  });
  summary.repairs++;
  await deps.upkeep.recordInspection(ctx, {
    assetId: damaged.id,
    inspectedOn: addDays(today, -5),
    inspector: '张会计',
    condition: UpkeepCondition.GOOD,
    notes: '维修后复查，完好',
  });
  summary.inspections++;
  ctx.user = undefined;
  return summary;
}

function demoPdf(title: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${title}\n%%EOF\n`);
}
