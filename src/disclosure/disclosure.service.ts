import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Brackets, EntityManager, In, IsNull, Not } from 'typeorm';
import { Role } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { badInput, DomainError, ErrorCode } from '@/common/errors';
import { addDays, todayInChina } from '@/common/scalars';
import { APP_CONFIG, AppConfig } from '@/config';
import { TransactionalConnection } from '@/database';
import { RegionScopeService } from '@/auth/region-scope.service';
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
import { IncomeBalancesService } from '@/income/income-balances.service';
import { IncomeRecord, IncomeShare } from '@/income/income.entity';
import { CheckpointService } from '@/ledger/checkpoint.service';
import { LedgerAction } from '@/ledger/ledger-actions';
import { LedgerQueryService, toCheckpointType } from '@/ledger/ledger-query.service';
import { Json, toLedgerJson } from '@/ledger/ledger-subject';
import { LedgerSubjectRegistry } from '@/ledger/ledger-subject.registry';
import { LedgerCheckpoint } from '@/ledger/ledger.entity';
import { LedgerService } from '@/ledger/ledger.service';
import { AssetOwnership, OwnerType } from '@/ownership/ownership.entity';
import { Region } from '@/regions/region.entity';
import { RegionLevel } from '@/regions/region-level.enum';
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
import { DisclosureLink } from './disclosure-link.entity';
import {
  AssetRow,
  DisclosurePageData,
  DisposalRow,
  IncomeRow,
  PlanBlock,
  renderDisclosurePage,
} from './disclosure-page';
import {
  deriveDisclosureKey,
  DisclosureClaims,
  signDisclosureToken,
  tokenSha256,
  verifyDisclosureToken,
} from './disclosure-token';
import { CreateDisclosureLinkArgs, DisclosureLinkType } from './disclosure.types';

export const DISCLOSURE_SUBJECT = 'DisclosureLink';

/** Default validity of a link: long enough for the notice to be checked well after it comes down. */
export const DEFAULT_LINK_VALID_DAYS = 90;
/** Default publication period (公示期): the common rule is at least 10 days. */
export const DEFAULT_PUBLICITY_DAYS = 10;

/** Plans published: decided by the village (SUBMITTED, shown as awaiting filing), FILED, COMPLETED. */
const PUBLISHED_PLAN_STATUSES = [PlanStatus.SUBMITTED, PlanStatus.FILED, PlanStatus.COMPLETED];

function linkState(l: DisclosureLink): Json {
  return toLedgerJson({
    id: l.id,
    villageCode: l.villageCode,
    year: l.year,
    checkpointSize: l.checkpointSize,
    checkpointRoot: l.checkpointRoot,
    publicityStart: l.publicityStart,
    publicityEnd: l.publicityEnd,
    expiresAt: l.expiresAt,
    tokenSha256: l.tokenSha256,
    createdBy: l.createdBy,
    createdAt: l.createdAt,
    revokedAt: l.revokedAt,
    revokedBy: l.revokedBy,
    revokeReason: l.revokeReason,
    updatedAt: l.updatedAt,
    version: l.version,
  });
}

/** A year's bounds: dates as text, instants in China Standard Time. */
function yearBounds(year: number): { from: string; to: string; fromTime: string; toTime: string } {
  return {
    from: `${year}-01-01`,
    to: `${year + 1}-01-01`,
    fromTime: `${year}-01-01T00:00:00+08:00`,
    toTime: `${year + 1}-01-01T00:00:00+08:00`,
  };
}

/**
 * Public disclosure (公示) of a village's assets, income, distribution and disposals for a year.
 *
 * A link is created by whoever may write in the village (its clerk, its township's officer, district
 * supervisors and admins; auditors read and preview but do not publish: publishing is the village's
 * act, and it writes to the ledger). Creating one makes sure a signed checkpoint covers the ledger as
 * it is (`CheckpointService.create`, which returns the latest if nothing is new), stores the link
 * (with that checkpoint's size and root, the publication period and the expiry) and records it on the
 * ledger. The token names the link, the village, the year, the checkpoint size and the expiry, and is
 * signed; the public page serves exactly that village and year and nothing else.
 *
 * What the page shows — a deliberate choice: the page is rendered from the data AS IT IS WHEN VIEWED
 * (one consistent snapshot), and states both the checkpoint the link was generated from (always the
 * same one, whatever the ledger has become since) and the time it was rendered. Rebuilding every
 * section as of the checkpoint from ledger states would be possible but would duplicate every
 * feature's rules; instead, every record listed is checked against the ledger: records whose last
 * change is after the checkpoint are marked (†) and counted, so a reader sees at once whether the
 * page is exactly what the checkpoint covers (the usual case during the publication period) or has
 * moved on (a correction, a payout), and a record missing from the ledger altogether is reported.
 */
@Injectable()
export class DisclosureService implements OnModuleInit {
  private readonly key: Buffer;

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly scope: RegionScopeService,
    private readonly ledger: LedgerService,
    private readonly subjects: LedgerSubjectRegistry,
    private readonly checkpoints: CheckpointService,
    private readonly ledgerQuery: LedgerQueryService,
    private readonly balances: IncomeBalancesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = deriveDisclosureKey(config.auth.jwtSecret);
  }

  onModuleInit(): void {
    this.subjects.register({
      entityType: DISCLOSURE_SUBJECT,
      load: async (manager, ids) => {
        if (ids.length === 0) return new Map();
        const rows = await manager.getRepository(DisclosureLink).findBy({ id: In(ids) });
        return new Map(rows.map((r) => [r.id, linkState(r)]));
      },
      keyset: { entity: DisclosureLink },
      regionOf: (state) => (state as { villageCode: string }).villageCode,
    });
  }

  /** Signs a token (also for tests that need a token with given claims). */
  sign(claims: DisclosureClaims): string {
    return signDisclosureToken(this.key, claims);
  }

  // ---------------------------------------------------------------------------------------------------
  // Links
  // ---------------------------------------------------------------------------------------------------

  async createLink(
    ctx: RequestContext,
    args: CreateDisclosureLinkArgs,
    origin: string,
  ): Promise<DisclosureLinkType> {
    const user = ctx.currentUser;
    const today = todayInChina();
    this.assertYear(args.year, 'year', today);
    const village = await this.requireVillage(ctx, args.villageCode, 'villageCode');
    this.assertPublisher(ctx, village.code);

    const minDays = Math.max(1, this.config.ownership.publicityMinDays);
    const days = args.publicityDays ?? Math.max(DEFAULT_PUBLICITY_DAYS, minDays);
    if (days < minDays) throw badInput('publicityDays', `must be at least ${minDays} days`);
    const start = args.publicityStart ?? today;
    if (start < today) throw badInput('publicityStart', 'must not be in the past');
    const end = addDays(start, days - 1);
    const validDays = args.validDays ?? DEFAULT_LINK_VALID_DAYS;
    const expiresAt = new Date(Math.floor(Date.now() / 1000 + validDays * 86_400) * 1000);
    const publicityOver = new Date(`${addDays(end, 1)}T00:00:00+08:00`);
    if (expiresAt < publicityOver) {
      throw badInput('validDays', `the link must stay valid until the publication period ends (${end})`);
    }

    // A checkpoint covering the ledger as it is now (the latest one if nothing is new since). Made in
    // this transaction: it covers only committed entries, and this link's own entry comes after it.
    const manager = this.connection.requireTransaction(ctx);
    const checkpoint = await this.checkpoints.create(manager);
    if (!checkpoint)
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'The ledger is empty: nothing to disclose');

    const id = randomUUID();
    const token = this.sign({
      v: 1,
      l: id,
      c: village.code,
      y: args.year,
      s: checkpoint.treeSize,
      e: expiresAt.getTime() / 1000,
    });
    const repo = this.connection.getRepository(ctx, DisclosureLink);
    await repo.insert({
      id,
      villageCode: village.code,
      year: args.year,
      checkpointSize: checkpoint.treeSize,
      checkpointRoot: checkpoint.rootHash.toString('base64'),
      publicityStart: start,
      publicityEnd: end,
      expiresAt,
      tokenSha256: tokenSha256(token),
      createdBy: user.id,
      revokedAt: null,
      revokedBy: null,
      revokeReason: null,
    });
    this.ledger.record(ctx, {
      action: LedgerAction.DISCLOSURE_LINK_CREATED,
      entityType: DISCLOSURE_SUBJECT,
      entityId: id,
    });
    const link = await repo.findOneByOrFail({ id });
    return this.view(link, village, checkpoint, origin);
  }

  async revokeLink(
    ctx: RequestContext,
    id: string,
    reason: string,
    origin: string,
  ): Promise<DisclosureLinkType> {
    const repo = this.connection.getRepository(ctx, DisclosureLink);
    const link = this.scope.getInScope(
      ctx.currentUser,
      await repo.createQueryBuilder('l').setLock('pessimistic_write').where('l.id = :id', { id }).getOne(),
      (l) => l.villageCode,
      { what: 'Disclosure link', id, code: ErrorCode.DISCLOSURE_LINK_NOT_FOUND },
    );
    this.assertPublisher(ctx, link.villageCode);
    if (link.revokedAt) {
      throw new DomainError(ErrorCode.DISCLOSURE_LINK_REVOKED, 'This disclosure link is already revoked');
    }
    const before = linkState(link);
    await repo.update(
      { id },
      {
        revokedAt: new Date(),
        revokedBy: ctx.currentUser.id,
        revokeReason: reason.trim(),
        version: link.version + 1,
      },
    );
    this.ledger.record(ctx, {
      action: LedgerAction.DISCLOSURE_LINK_REVOKED,
      entityType: DISCLOSURE_SUBJECT,
      entityId: id,
      before,
      details: { reason: reason.trim() },
    });
    return (await this.views(ctx, [await repo.findOneByOrFail({ id })], origin))[0];
  }

  /** The links of the caller's region (a village, or every village under a township), newest first. */
  async links(
    ctx: RequestContext,
    regionCode: string | undefined,
    year: number | undefined,
    origin: string,
  ): Promise<DisclosureLinkType[]> {
    const user = ctx.currentUser;
    const qb = this.scope.restrict(
      this.connection.getRepository(ctx, DisclosureLink).createQueryBuilder('l'),
      user,
      'l.village_code',
      { region: regionCode, field: 'regionCode' },
    );
    if (year !== undefined) qb.andWhere('l.year = :year', { year });
    const rows = await qb
      .orderBy('l.createdAt', 'DESC')
      .addOrderBy('l.id', 'DESC')
      .limit(this.config.pagination.maxPageSize)
      .getMany();
    return this.views(ctx, rows, origin);
  }

  // ---------------------------------------------------------------------------------------------------
  // Pages
  // ---------------------------------------------------------------------------------------------------

  /**
   * The public page of a token: verified (signature, expiry), matched against its link row (the same
   * village, year, checkpoint, expiry and token digest; not revoked), then rendered in one snapshot.
   * Throws DISCLOSURE_LINK_INVALID / _EXPIRED / _REVOKED; the controller turns them into pages.
   */
  async renderPublic(ctx: RequestContext, token: string, address: string | null): Promise<string> {
    const verified = verifyDisclosureToken(this.key, token);
    if (!verified.ok) {
      if (verified.problem === 'EXPIRED') {
        throw new DomainError(ErrorCode.DISCLOSURE_LINK_EXPIRED, 'This disclosure link has expired');
      }
      throw new DomainError(ErrorCode.DISCLOSURE_LINK_INVALID, 'No such disclosure');
    }
    const claims = verified.claims;
    return this.connection.withSnapshot(ctx, async (manager) => {
      const link = await manager.getRepository(DisclosureLink).findOneBy({ id: claims.l });
      if (
        !link ||
        link.villageCode !== claims.c ||
        link.year !== claims.y ||
        link.checkpointSize !== claims.s ||
        link.expiresAt.getTime() !== claims.e * 1000 ||
        link.tokenSha256 !== tokenSha256(token)
      ) {
        throw new DomainError(ErrorCode.DISCLOSURE_LINK_INVALID, 'No such disclosure');
      }
      if (link.revokedAt) {
        throw new DomainError(ErrorCode.DISCLOSURE_LINK_REVOKED, 'This disclosure link was revoked');
      }
      const checkpoint = await manager
        .getRepository(LedgerCheckpoint)
        .findOneBy({ ledgerId: this.config.ledger.districtCode, treeSize: link.checkpointSize });
      const village = await manager.getRepository(Region).findOneBy({ code: link.villageCode });
      if (!checkpoint || !village) {
        throw new DomainError(ErrorCode.DISCLOSURE_LINK_INVALID, 'No such disclosure');
      }
      const [publisher] = await manager.query<Array<{ display_name: string }>>(
        'SELECT display_name FROM app_user WHERE id = $1',
        [link.createdBy],
      );
      const data = await this.pageData(manager, village, link.year, checkpoint, 'PUBLISHED');
      data.link = {
        createdAt: link.createdAt,
        publicityStart: link.publicityStart,
        publicityEnd: link.publicityEnd,
        expiresAt: link.expiresAt,
        publishedBy: publisher?.display_name ?? '',
        address,
      };
      return renderDisclosurePage(data);
    });
  }

  /**
   * A signed-in user's preview of a village's page (read scope: auditors too), from the latest signed
   * checkpoint; marked as a draft, with no publication period. A read: it signs nothing.
   */
  async renderPreview(ctx: RequestContext, villageCode: string, year: number): Promise<string> {
    this.assertYear(year, 'year', todayInChina());
    const village = await this.requireVillage(ctx, villageCode, 'village');
    this.scope.assertRead(ctx.currentUser, village.code, `village ${village.code}`);
    return this.connection.withSnapshot(ctx, async (manager) => {
      const checkpoint = await this.checkpoints.latest(manager);
      return renderDisclosurePage(await this.pageData(manager, village, year, checkpoint, 'PREVIEW'));
    });
  }

  // ---------------------------------------------------------------------------------------------------

  private async pageData(
    manager: EntityManager,
    village: Region,
    year: number,
    checkpoint: LedgerCheckpoint | null,
    mode: DisclosurePageData['mode'],
  ): Promise<DisclosurePageData> {
    const code = village.code;
    const bounds = yearBounds(year);
    const regions = await manager
      .getRepository(Region)
      .findBy({ code: In([code.slice(0, 6), code.slice(0, 9)]) });
    const nameOf = (c: string): string => regions.find((r) => r.code === c)?.name ?? '';
    const touched = new Touched();

    // Assets: every asset of the village that is not disposed, with its current owners.
    const assets = await manager
      .getRepository(Asset)
      .find({ where: { locationCode: code, status: Not(AssetStatus.DISPOSED) }, order: { code: 'ASC' } });
    const categories = new Map(
      (await manager.getRepository(AssetCategory).find()).map((c) => [c.code, c.name]),
    );
    const owners = assets.length
      ? await manager.getRepository(AssetOwnership).find({
          where: { assetId: In(assets.map((a) => a.id)), validTo: IsNull() },
          order: { shareBp: 'DESC', ownerRef: 'ASC' },
        })
      : [];
    const assetRows: Array<AssetRow & { id: string }> = assets.map((a) => {
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
      (originalIds.length
        ? await manager.getRepository(IncomeRecord).findBy({ id: In(originalIds) })
        : []
      ).map((r) => [r.id, r]),
    );
    const incomeAssets = new Map(
      (records.length
        ? await manager.getRepository(Asset).findBy({ id: In([...new Set(records.map((r) => r.assetId))]) })
        : []
      ).map((a) => [a.id, a]),
    );
    const incomeRows: Array<IncomeRow & { id: string }> = records.map((r) => {
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
    const planBlocks: Array<PlanBlock & { id: string; households: string[]; payoutIds: string[] }> =
      plans.map((p) => {
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
    const disposalRows: Array<DisposalRow & { id: string }> = disposals.map((d) => {
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

    // Balances (all years, as IncomeBalancesService counts them) and the year's totals.
    const totals = (await this.balances.villageTotals(manager, [code])).get(code)!;

    // Which records changed after the checkpoint (or are not on the ledger at all).
    const size = checkpoint?.treeSize ?? 0;
    const last = await touched.lastIndices(manager, this.config.ledger.districtCode);
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
    for (const a of assetRows)
      a.changed = after('Asset', a.id) || (a.owners.length > 0 && after('AssetOwnership', a.id));
    for (const r of incomeRows) r.changed = after('IncomeRecord', r.id);
    for (const p of planBlocks) {
      p.changed =
        after('DistributionPlan', p.id) ||
        p.payoutIds.some((x) => after('DistributionPayout', x)) ||
        p.households.some((x) => after('Household', x));
    }
    for (const d of disposalRows) d.changed = after('DisposalRequest', d.id);

    return {
      mode,
      districtName: nameOf(code.slice(0, 6)),
      townshipName: nameOf(code.slice(0, 9)),
      villageName: village.name,
      villageCode: code,
      year,
      renderedAt: new Date(),
      link: null,
      checkpoint: checkpoint
        ? {
            origin: this.config.ledger.origin,
            treeSize: checkpoint.treeSize,
            rootHash: checkpoint.rootHash.toString('base64'),
            note: checkpoint.note,
            createdAt: checkpoint.createdAt,
          }
        : null,
      verifierKey: checkpoint?.verifierKey ?? this.ledgerQuery.publicKey().verifierKey,
      assets: assetRows,
      income: incomeRows,
      plans: planBlocks,
      disposals: disposalRows,
      totals: {
        incomeGross: incomeRows.reduce((s, r) => s + r.amount, 0n),
        incomeVillage: incomeRows.reduce((s, r) => s + (r.villageShare ?? 0n), 0n),
        plannedFiled: plans
          .filter((p) => p.status !== PlanStatus.SUBMITTED)
          .reduce((s, p) => s + p.amount, 0n),
        plannedSubmitted: plans
          .filter((p) => p.status === PlanStatus.SUBMITTED)
          .reduce((s, p) => s + p.amount, 0n),
        paidOfPlans: payouts.reduce((s, x) => s + x.amount, 0n),
      },
      balance: {
        received: totals.distributable,
        planned: totals.planned,
        paid: totals.paid,
        undistributed: totals.distributable - totals.planned,
      },
      freshness: { checked: touched.size, changedAfter, unrecorded },
    };
  }

  // ---------------------------------------------------------------------------------------------------

  private assertYear(year: number, field: string, today: string): void {
    const current = Number(today.slice(0, 4));
    if (!Number.isInteger(year) || year < 2000 || year > current) {
      throw badInput(field, `must be a year between 2000 and ${current}`);
    }
  }

  private async requireVillage(ctx: RequestContext, code: string, field: string): Promise<Region> {
    const region = await this.connection.getRepository(ctx, Region).findOneBy({ code });
    if (!region) {
      throw new DomainError(ErrorCode.REGION_NOT_FOUND, `${field}: village ${code} was not found`, {
        code,
        fields: [{ field, message: 'no such village' }],
      });
    }
    if (region.level !== RegionLevel.VILLAGE) throw badInput(field, 'a disclosure is made by a village');
    return region;
  }

  /** Publishing is writing in the village: its clerk, its township, the district (never an auditor). */
  private assertPublisher(ctx: RequestContext, villageCode: string): void {
    const user = ctx.currentUser;
    if (user.role === Role.AUDITOR || !this.scope.canWrite(user, villageCode)) {
      throw new DomainError(
        ErrorCode.OUT_OF_SCOPE,
        `Disclosures of ${villageCode} are published by its village, its township or the district`,
        { regionCode: villageCode },
      );
    }
  }

  private view(
    link: DisclosureLink,
    village: Region,
    checkpoint: LedgerCheckpoint,
    origin: string,
  ): DisclosureLinkType {
    const token = this.sign({
      v: 1,
      l: link.id,
      c: link.villageCode,
      y: link.year,
      s: link.checkpointSize,
      e: link.expiresAt.getTime() / 1000,
    });
    const path = `/disclosure/${token}`;
    return {
      id: link.id,
      villageCode: link.villageCode,
      villageName: village.name,
      year: link.year,
      url: `${origin}${path}`,
      path,
      token,
      expiresAt: link.expiresAt,
      publicityStart: link.publicityStart,
      publicityEnd: link.publicityEnd,
      checkpoint: toCheckpointType(checkpoint, this.config.ledger.origin),
      createdAt: link.createdAt,
      revokedAt: link.revokedAt,
      revokeReason: link.revokeReason,
    };
  }

  private async views(
    ctx: RequestContext,
    links: DisclosureLink[],
    origin: string,
  ): Promise<DisclosureLinkType[]> {
    if (links.length === 0) return [];
    const villages = new Map(
      (
        await this.connection
          .getRepository(ctx, Region)
          .findBy({ code: In([...new Set(links.map((l) => l.villageCode))]) })
      ).map((r) => [r.code, r]),
    );
    const checkpoints = new Map(
      (
        await this.connection.getRepository(ctx, LedgerCheckpoint).findBy({
          ledgerId: this.config.ledger.districtCode,
          treeSize: In([...new Set(links.map((l) => l.checkpointSize))]),
        })
      ).map((c) => [c.treeSize, c]),
    );
    return links.map((l) =>
      this.view(l, villages.get(l.villageCode)!, checkpoints.get(l.checkpointSize)!, origin),
    );
  }
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
class Touched {
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
