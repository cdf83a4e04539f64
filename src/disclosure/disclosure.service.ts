import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Role } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { badInput, DomainError, ErrorCode } from '@/common/errors';
import { addDays, todayInChina } from '@/common/scalars';
import { Connection, keysetPage, newestFirst } from '@/common/pagination';
import { APP_CONFIG, AppConfig } from '@/config';
import { IdempotencyService, TransactionalConnection } from '@/database';
import { RegionScopeService } from '@/auth/region-scope.service';
import { PlanStatus } from '@/distribution/distribution.entity';
import { IncomeBalancesService } from '@/income/income-balances.service';
import { CheckpointService } from '@/ledger/checkpoint.service';
import { LedgerAction } from '@/ledger/ledger-actions';
import { LedgerQueryService, toCheckpointType } from '@/ledger/ledger-query.service';
import { Json, toLedgerJson } from '@/ledger/ledger-subject';
import { LedgerSubjectRegistry } from '@/ledger/ledger-subject.registry';
import { LedgerCheckpoint } from '@/ledger/ledger.entity';
import { LedgerService } from '@/ledger/ledger.service';
import { Region } from '@/regions/region.entity';
import { RegionLevel } from '@/regions/region-level.enum';
import { User } from '@/users/user.entity';
import { DisclosureLink } from './disclosure-link.entity';
import {
  assetSection,
  disposalSection,
  incomeSection,
  markChanged,
  planSection,
  Touched,
  yearBounds,
} from './disclosure-page-data';
import { DisclosurePageData, renderDisclosurePage } from './disclosure-page';
import {
  deriveDisclosureKey,
  DisclosureClaims,
  signDisclosureToken,
  tokenSha256,
  verifyDisclosureToken,
} from './disclosure-token';
import { CreateDisclosureLinkArgs, DisclosureLinksArgs, DisclosureLinkType } from './disclosure.types';

export const DISCLOSURE_SUBJECT = 'DisclosureLink';

/** Default validity of a link: long enough for the notice to be checked well after it comes down. */
export const DEFAULT_LINK_VALID_DAYS = 90;
/** Default publication period (公示期): the common rule is at least 10 days. */
export const DEFAULT_PUBLICITY_DAYS = 10;

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
    private readonly idempotency: IdempotencyService,
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

  /**
   * Publishes once per idempotency key: a repeat (a retry after a lost answer) returns the link the first
   * request made, with its URL, rather than a second link.
   */
  createLink(
    ctx: RequestContext,
    args: CreateDisclosureLinkArgs,
    origin: string,
  ): Promise<DisclosureLinkType> {
    return this.idempotency.run(
      ctx,
      {
        operation: 'createDisclosureLink',
        key: args.idempotencyKey,
        request: args,
        remember: (link: DisclosureLinkType) => ({ id: link.id }),
        replay: async ({ id }) => {
          const link = await this.connection.getRepository(ctx, DisclosureLink).findOneByOrFail({ id });
          const [view] = await this.views(ctx, [link], origin);
          return view;
        },
      },
      () => this.insertLink(ctx, args, origin),
    );
  }

  private async insertLink(
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
    const names = await this.userNames(ctx, [user.id]);
    return this.view(link, village, checkpoint, origin, names);
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

  /**
   * The links of the caller's region (a village, or every village under a township), newest first, a
   * page of `first` after the cursor `after`.
   */
  async links(
    ctx: RequestContext,
    args: DisclosureLinksArgs,
    origin: string,
  ): Promise<Connection<DisclosureLinkType>> {
    const user = ctx.currentUser;
    const qb = this.scope.restrict(
      this.connection.getRepository(ctx, DisclosureLink).createQueryBuilder('l'),
      user,
      'l.village_code',
      { region: args.regionCode, field: 'regionCode' },
    );
    if (args.year !== undefined && args.year !== null) qb.andWhere('l.year = :year', { year: args.year });
    return keysetPage(
      qb,
      { first: args.first, after: args.after, maxPageSize: this.config.pagination.maxPageSize },
      newestFirst('l'),
      (rows) => this.views(ctx, rows, origin),
    );
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

  /** What a disclosure page shows: its sections, read from one snapshot, and how fresh each row is. */
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
    const assets = await assetSection(manager, code, touched);
    const income = await incomeSection(manager, code, bounds, touched);
    const planned = await planSection(manager, code, bounds, touched);
    const disposals = await disposalSection(manager, code, bounds, touched);
    // Balances (all years, as IncomeBalancesService counts them) and the year's totals.
    const totals = (await this.balances.villageTotals(manager, [code])).get(code)!;
    const { changedAfter, unrecorded } = await markChanged(
      manager,
      this.config.ledger.districtCode,
      checkpoint?.treeSize ?? 0,
      touched,
      { assets, income, plans: planned.blocks, disposals },
    );

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
      assets,
      income,
      plans: planned.blocks,
      disposals,
      totals: {
        incomeGross: income.reduce((s, r) => s + r.amount, 0n),
        incomeVillage: income.reduce((s, r) => s + (r.villageShare ?? 0n), 0n),
        plannedFiled: planned.plans
          .filter((p) => p.status !== PlanStatus.SUBMITTED)
          .reduce((s, p) => s + p.amount, 0n),
        plannedSubmitted: planned.plans
          .filter((p) => p.status === PlanStatus.SUBMITTED)
          .reduce((s, p) => s + p.amount, 0n),
        paidOfPlans: planned.payouts.reduce((s, x) => s + x.amount, 0n),
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
    names: Map<string, string>,
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
      createdByName: names.get(link.createdBy) ?? '',
      revokedAt: link.revokedAt,
      revokedByName: link.revokedBy ? (names.get(link.revokedBy) ?? '') : null,
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
    const names = await this.userNames(
      ctx,
      links.flatMap((l) => (l.revokedBy ? [l.createdBy, l.revokedBy] : [l.createdBy])),
    );
    return links.map((l) =>
      this.view(l, villages.get(l.villageCode)!, checkpoints.get(l.checkpointSize)!, origin, names),
    );
  }

  /** Display names of the users who published or revoked links, by id. */
  private async userNames(ctx: RequestContext, ids: string[]): Promise<Map<string, string>> {
    const rows = await this.connection
      .getRepository(ctx, User)
      .find({ select: { id: true, displayName: true }, where: { id: In([...new Set(ids)]) } });
    return new Map(rows.map((u) => [u.id, u.displayName]));
  }
}
