/**
 * The sections of a village's disclosure page (公示), one function each, read through the manager of
 * one snapshot: assets, the year's income, distribution plans and disposals, and which of their
 * records changed on the ledger after the checkpoint the page cites.
 */
import { Brackets, EntityManager, In, IsNull, Not } from 'typeorm';
import { Asset } from '@/assets/asset.entity';
import { ASSET_CLASS_NAMES, ASSET_FORM_NAMES, ASSET_STATUS_NAMES, AssetStatus } from '@/assets/asset.enums';
import { AssetCategory } from '@/categories/asset-category.entity';
import { DisposalReason, DisposalRequest, DisposalReview, DisposalStatus } from '@/disposal/disposal.entity';
import {
  DistributionAllocation,
  DistributionPayout,
  DistributionPlan,
  PlanStatus,
} from '@/distribution/distribution.entity';
import { IncomeRecord, IncomeShare } from '@/income/income.entity';
import { AssetOwnership, OwnerType } from '@/ownership/ownership.entity';
import { Region } from '@/regions/region.entity';
import {
  CHANNEL_NAMES,
  DISPOSAL_METHOD_NAMES,
  DISPOSAL_REASON_NAMES,
  DISPOSAL_STATUS_NAMES,
  formatTimeCst,
  INCOME_KIND_NAMES,
  maskName,
  OWNER_TYPE_NAMES,
  PLAN_STATUS_NAMES,
  PROCEEDS_DESTINATION_NAMES,
  REVIEW_DECISION_NAMES,
  REVIEW_LEVEL_NAMES,
} from './disclosure-format';
import { AssetRow, DisposalRow, IncomeRow, PlanBlock } from './disclosure-page';

/** Plans published: decided by the village (SUBMITTED, shown as awaiting filing), FILED, COMPLETED. */
export const PUBLISHED_PLAN_STATUSES = [PlanStatus.SUBMITTED, PlanStatus.FILED, PlanStatus.COMPLETED];

/** A year's bounds: dates as text, instants in China Standard Time. */
export interface YearBounds {
  from: string;
  to: string;
  fromTime: string;
  toTime: string;
}

export function yearBounds(year: number): YearBounds {
  return {
    from: `${year}-01-01`,
    to: `${year + 1}-01-01`,
    fromTime: `${year}-01-01T00:00:00+08:00`,
    toTime: `${year + 1}-01-01T00:00:00+08:00`,
  };
}

/**
 * A household asset's management entity is usually the household itself ("谭德户"): the names of the
 * people an asset was given to are masked wherever they appear in it.
 */
function maskPeople(text: string | null, names: Array<string | null>): string | null {
  if (!text) return text;
  let out = text;
  for (const name of names) {
    const trimmed = name?.trim().replace(/户$/, '');
    if (trimmed && Array.from(trimmed).length >= 2) out = out.split(trimmed).join(maskName(trimmed));
  }
  return out;
}

/** The (entity type, id) pairs a page lists, and the index of the last ledger entry of each. */
export class Touched {
  private readonly byType = new Map<string, Set<string>>();

  add(type: string, id: string): void {
    if (!this.byType.has(type)) this.byType.set(type, new Set());
    this.byType.get(type)!.add(id);
  }

  get size(): number {
    let n = 0;
    for (const ids of this.byType.values()) n += ids.size;
    return n;
  }

  *keys(): Iterable<string> {
    for (const [type, ids] of this.byType) for (const id of ids) yield `${type}\u0000${id}`;
  }

  async lastIndices(manager: EntityManager, ledgerId: string): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const [type, ids] of this.byType) {
      const rows: Array<{ entity_id: string; last: string }> = await manager.query(
        `SELECT entity_id, max(idx)::text AS last FROM ledger_entry
          WHERE ledger_id = $1 AND entity_type = $2 AND entity_id = ANY($3) GROUP BY entity_id`,
        [ledgerId, type, [...ids]],
      );
      for (const r of rows) out.set(`${type}\u0000${r.entity_id}`, Number(r.last));
    }
    return out;
  }
}

/**
 * Assets: every asset of the village that is not disposed, then those the village collective co-owns in
 * other villages (a current owner; with where each is), each with its current owners.
 */
export async function assetSection(
  manager: EntityManager,
  code: string,
  touched: Touched,
): Promise<Array<AssetRow & { id: string }>> {
  const own = await manager
    .getRepository(Asset)
    .find({ where: { locationCode: code, status: Not(AssetStatus.DISPOSED) }, order: { code: 'ASC' } });
  const coOwned = await manager
    .getRepository(Asset)
    .createQueryBuilder('a')
    .where('a.location_code <> :code AND a.status <> :disposed', { code, disposed: AssetStatus.DISPOSED })
    .andWhere(
      `EXISTS (SELECT 1 FROM asset_ownership o WHERE o.asset_id = a.id AND o.valid_to IS NULL
         AND o.owner_type = :village AND o.owner_ref = :code)`,
      { village: OwnerType.VILLAGE_COLLECTIVE },
    )
    .orderBy('a.code', 'ASC')
    .getMany();
  const places = new Map(
    (coOwned.length
      ? await manager
          .getRepository(Region)
          .findBy({ code: In([...new Set(coOwned.map((a) => a.locationCode))]) })
      : []
    ).map((r) => [r.code, r.name]),
  );
  const assets = [...own, ...coOwned];
  const categories = new Map(
    (await manager.getRepository(AssetCategory).find()).map((c) => [c.code, c.name]),
  );
  const owners = assets.length
    ? await manager.getRepository(AssetOwnership).find({
        where: { assetId: In(assets.map((a) => a.id)), validTo: IsNull() },
        order: { shareBp: 'DESC', ownerRef: 'ASC' },
      })
    : [];
  return assets.map((a) => {
    const mine = owners.filter((o) => o.assetId === a.id);
    touched.add('Asset', a.id);
    if (mine.length) touched.add('AssetOwnership', a.id);
    return {
      id: a.id,
      code: a.code,
      name: a.name,
      className: ASSET_CLASS_NAMES[a.class],
      formName: ASSET_FORM_NAMES[a.form],
      categoryName: categories.get(a.categoryCode) ?? a.categoryCode,
      formedValue: a.formedValue,
      statusName: ASSET_STATUS_NAMES[a.status],
      locationName: a.locationCode === code ? null : (places.get(a.locationCode) ?? a.locationCode),
      owners: mine.map((o) => ({
        name: o.ownerType === OwnerType.HOUSEHOLD ? maskName(o.ownerName) : o.ownerName,
        typeName: OWNER_TYPE_NAMES[o.ownerType],
        shareBp: o.shareBp,
      })),
      managementEntity: maskPeople(a.managementEntity, [
        a.householdHeadName,
        ...mine.filter((o) => o.ownerType === OwnerType.HOUSEHOLD).map((o) => o.ownerName),
      ]),
      changed: false,
    };
  });
}

/** Income received in the year by the village's assets or shared with its collective. */
export async function incomeSection(
  manager: EntityManager,
  code: string,
  bounds: YearBounds,
  touched: Touched,
): Promise<Array<IncomeRow & { id: string }>> {
  // Income received in the year by the village's assets or shared with its collective.
  const records = await manager
    .getRepository(IncomeRecord)
    .createQueryBuilder('r')
    .where('r.receivedOn >= :from AND r.receivedOn < :to', { from: bounds.from, to: bounds.to })
    .andWhere(
      new Brackets((w) =>
        w
          .where('r.regionCode = :code', { code })
          .orWhere(
            'EXISTS (SELECT 1 FROM income_share s WHERE s.income_id = r.id AND s.village_code = :code)',
            { code },
          ),
      ),
    )
    .orderBy('r.receivedOn', 'ASC')
    .addOrderBy('r.createdAt', 'ASC')
    .addOrderBy('r.id', 'ASC')
    .getMany();
  const recordIds = records.map((r) => r.id);
  const shares = recordIds.length
    ? await manager.getRepository(IncomeShare).findBy({ incomeId: In(recordIds), villageCode: code })
    : [];
  const reversed = new Set(
    recordIds.length
      ? (await manager.getRepository(IncomeRecord).findBy({ reversesId: In(recordIds) })).map(
          (r) => r.reversesId!,
        )
      : [],
  );
  const originalIds = records.filter((r) => r.reversesId).map((r) => r.reversesId!);
  const originals = new Map(
    (originalIds.length ? await manager.getRepository(IncomeRecord).findBy({ id: In(originalIds) }) : []).map(
      (r) => [r.id, r],
    ),
  );
  const incomeAssets = new Map(
    (records.length
      ? await manager.getRepository(Asset).findBy({ id: In([...new Set(records.map((r) => r.assetId))]) })
      : []
    ).map((a) => [a.id, a]),
  );
  return records.map((r) => {
    touched.add('IncomeRecord', r.id);
    const mine = shares.filter((s) => s.incomeId === r.id);
    const asset = incomeAssets.get(r.assetId);
    const original = r.reversesId ? originals.get(r.reversesId) : undefined;
    return {
      id: r.id,
      assetCode: asset?.code ?? '',
      assetName: asset?.name ?? '',
      kindName: INCOME_KIND_NAMES[r.kind],
      periodFrom: r.periodFrom,
      periodTo: r.periodTo,
      amount: r.amount,
      villageShare: mine.length ? mine.reduce((s, x) => s + x.amount, 0n) : null,
      receivedOn: r.receivedOn,
      reverses: r.reversesId ? { receivedOn: original?.receivedOn ?? '' } : null,
      reversed: reversed.has(r.id),
      note: r.note,
      changed: false,
    };
  });
}

/** A plan block with what its freshness depends on (its payouts and beneficiary households). */
export type PlanSectionBlock = PlanBlock & { id: string; households: string[]; payoutIds: string[] };

/** Distribution plans of the year that the village has decided (submitted, filed, completed). */
export async function planSection(
  manager: EntityManager,
  code: string,
  bounds: YearBounds,
  touched: Touched,
): Promise<{ blocks: PlanSectionBlock[]; plans: DistributionPlan[]; payouts: DistributionPayout[] }> {
  // Distribution plans of the year that the village has decided (submitted, filed, completed).
  const plans = await manager
    .getRepository(DistributionPlan)
    .createQueryBuilder('p')
    .where('p.villageCode = :code', { code })
    .andWhere('p.status IN (:...statuses)', { statuses: PUBLISHED_PLAN_STATUSES })
    .andWhere('p.planDate >= :from AND p.planDate < :to', { from: bounds.from, to: bounds.to })
    .orderBy('p.planDate', 'ASC')
    .addOrderBy('p.createdAt', 'ASC')
    .addOrderBy('p.id', 'ASC')
    .getMany();
  const planIds = plans.map((p) => p.id);
  const allocations = planIds.length
    ? await manager
        .getRepository(DistributionAllocation)
        .find({ where: { planId: In(planIds) }, order: { position: 'ASC' } })
    : [];
  const payouts = planIds.length
    ? await manager
        .getRepository(DistributionPayout)
        .find({ where: { planId: In(planIds) }, order: { paidOn: 'ASC', createdAt: 'ASC', id: 'ASC' } })
    : [];
  // Only the registry number and the head's name of a beneficiary are read: never the ID number.
  const beneficiaries: Array<{
    allocation_id: string;
    household_id: string;
    registry_no: string;
    head_name: string;
    amount: string;
  }> = allocations.length
    ? await manager.query(
        `SELECT b.allocation_id, b.household_id, h.registry_no, h.head_name, b.amount::text AS amount
           FROM distribution_beneficiary b JOIN household h ON h.id = b.household_id
          WHERE b.allocation_id = ANY($1) ORDER BY h.registry_no, h.id`,
        [allocations.map((a) => a.id)],
      )
    : [];
  const planBlocks: PlanSectionBlock[] = plans.map((p) => {
    touched.add('DistributionPlan', p.id);
    const mineAllocations = allocations.filter((a) => a.planId === p.id);
    const minePayouts = payouts.filter((x) => x.planId === p.id);
    for (const x of minePayouts) touched.add('DistributionPayout', x.id);
    const channelOf = new Map(mineAllocations.map((a) => [a.id, CHANNEL_NAMES[a.channel]]));
    return {
      id: p.id,
      households: [],
      payoutIds: minePayouts.map((x) => x.id),
      title: p.title,
      statusName: PLAN_STATUS_NAMES[p.status],
      awaitingFiling: p.status === PlanStatus.SUBMITTED,
      amount: p.amount,
      planDate: p.planDate,
      decisionOn: p.decision?.representativesDecisionOn ?? null,
      decisionPublishedOn: p.decision?.decisionPublishedOn ?? null,
      filedAt: p.filedAt,
      completedAt: p.completedAt,
      allocations: mineAllocations.map((a) => ({
        channelName: CHANNEL_NAMES[a.channel],
        amount: a.amount,
        paid: minePayouts.filter((x) => x.allocationId === a.id).reduce((s, x) => s + x.amount, 0n),
        note: a.note,
        beneficiaries: beneficiaries
          .filter((b) => b.allocation_id === a.id)
          .map((b) => {
            touched.add('Household', b.household_id);
            return {
              registryNo: b.registry_no,
              maskedName: maskName(b.head_name),
              amount: BigInt(b.amount),
            };
          }),
      })),
      payouts: minePayouts.map((x) => ({
        paidOn: x.paidOn,
        channelName: channelOf.get(x.allocationId) ?? '',
        amount: x.amount,
        note: x.note,
      })),
      changed: false,
    };
  });
  for (const block of planBlocks) {
    block.households = [
      ...new Set(
        beneficiaries
          .filter((b) => allocations.some((a) => a.id === b.allocation_id && a.planId === block.id))
          .map((b) => b.household_id),
      ),
    ];
  }

  return { blocks: planBlocks, plans, payouts };
}

/** Disposal requests of the village made or completed in the year, with every decision. */
export async function disposalSection(
  manager: EntityManager,
  code: string,
  bounds: YearBounds,
  touched: Touched,
): Promise<Array<DisposalRow & { id: string }>> {
  // Disposal requests of the village made or completed in the year, with every decision.
  const disposals = await manager
    .getRepository(DisposalRequest)
    .createQueryBuilder('d')
    .where('d.regionCode = :code', { code })
    .andWhere(
      new Brackets((w) =>
        w
          .where('d.createdAt >= :fromTime AND d.createdAt < :toTime', {
            fromTime: bounds.fromTime,
            toTime: bounds.toTime,
          })
          .orWhere('d.completedOn >= :from AND d.completedOn < :to', { from: bounds.from, to: bounds.to }),
      ),
    )
    .orderBy('d.createdAt', 'ASC')
    .addOrderBy('d.id', 'ASC')
    .getMany();
  const reviews = disposals.length
    ? await manager
        .getRepository(DisposalReview)
        .find({ where: { requestId: In(disposals.map((d) => d.id)) }, order: { step: 'ASC' } })
    : [];
  const disposalAssets = new Map(
    (disposals.length
      ? await manager.getRepository(Asset).findBy({ id: In(disposals.map((d) => d.assetId)) })
      : []
    ).map((a) => [a.id, a]),
  );
  return disposals.map((d) => {
    touched.add('DisposalRequest', d.id);
    const asset = disposalAssets.get(d.assetId);
    return {
      id: d.id,
      assetCode: asset?.code ?? '',
      assetName: asset?.name ?? '',
      methodName: DISPOSAL_METHOD_NAMES[d.method],
      reasonName: DISPOSAL_REASON_NAMES[d.reasonCode] ?? DISPOSAL_REASON_NAMES[DisposalReason.OTHER],
      reasonText: d.reasonText,
      appraisedValue: d.appraisedValue,
      statusName: DISPOSAL_STATUS_NAMES[d.status],
      requestedOn: formatTimeCst(d.createdAt).slice(0, 10),
      reviews: reviews
        .filter((r) => r.requestId === d.id)
        .map((r) => ({
          levelName: REVIEW_LEVEL_NAMES[r.level],
          decisionName: REVIEW_DECISION_NAMES[r.decision],
          comment: r.comment,
          on: formatTimeCst(r.createdAt).slice(0, 10),
        })),
      completedOn: d.status === DisposalStatus.COMPLETED ? d.completedOn : null,
      proceeds: d.proceeds,
      destinationName: d.proceedsDestination
        ? (PROCEEDS_DESTINATION_NAMES[d.proceedsDestination] ?? d.proceedsDestination)
        : null,
      changed: false,
    };
  });
}

/**
 * Which records changed after the checkpoint of `size` entries (or are not on the ledger at all):
 * marks each row and returns the counts the page states.
 */
export async function markChanged(
  manager: EntityManager,
  ledgerId: string,
  size: number,
  touched: Touched,
  rows: {
    assets: Array<AssetRow & { id: string }>;
    income: Array<IncomeRow & { id: string }>;
    plans: PlanSectionBlock[];
    disposals: Array<DisposalRow & { id: string }>;
  },
): Promise<{ changedAfter: number; unrecorded: number }> {
  // Which records changed after the checkpoint (or are not on the ledger at all).
  const last = await touched.lastIndices(manager, ledgerId);
  const after = (type: string, id: string): boolean => {
    const index = last.get(`${type}\u0000${id}`);
    return index === undefined || index >= size;
  };
  let changedAfter = 0;
  let unrecorded = 0;
  for (const key of touched.keys()) {
    const index = last.get(key);
    if (index === undefined) unrecorded += 1;
    else if (index >= size) changedAfter += 1;
  }
  for (const a of rows.assets)
    a.changed = after('Asset', a.id) || (a.owners.length > 0 && after('AssetOwnership', a.id));
  for (const r of rows.income) r.changed = after('IncomeRecord', r.id);
  for (const p of rows.plans) {
    p.changed =
      after('DistributionPlan', p.id) ||
      p.payoutIds.some((x) => after('DistributionPayout', x)) ||
      p.households.some((x) => after('Household', x));
  }
  for (const d of rows.disposals) d.changed = after('DisposalRequest', d.id);

  return { changedAfter, unrecorded };
}
