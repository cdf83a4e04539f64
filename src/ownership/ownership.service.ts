import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { AuthUser, Role } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode, notFound, ProblemList, registerConstraintErrors } from '@/common/errors';
import {
  addDays,
  FULL_SHARE_BP,
  formatPercent,
  isLocalDate,
  parsePercent,
  todayInChina,
} from '@/common/scalars';
import { Connection, keysetPage, KeysetOrder } from '@/common/pagination';
import { APP_CONFIG, AppConfig } from '@/config';
import {
  IdempotencyService,
  LockSpace,
  lockInTransaction,
  preparedLeanRows,
  TransactionalConnection,
} from '@/database';
import { RecordRef, RegionScopeService } from '@/auth/region-scope.service';
import { Asset } from '@/assets/asset.entity';
import { AssetClass, AssetStatus } from '@/assets/asset.enums';
import { AssetsService } from '@/assets/assets.service';
import { evidenceRefs } from '@/files/evidence-ref';
import { FilesService } from '@/files/files.service';
import { LedgerAction } from '@/ledger/ledger-actions';
import { Json, toLedgerJson } from '@/ledger/ledger-subject';
import { LedgerSubjectRegistry } from '@/ledger/ledger-subject.registry';
import { LedgerService } from '@/ledger/ledger.service';
import { Region } from '@/regions/region.entity';
import { RegionLevel } from '@/regions/region-level.enum';
import {
  AssetOwnership,
  currentOwnersOrder,
  DEFAULT_OWNERSHIP_POLICY,
  ObjectionStatus,
  OwnerType,
  OwnershipObjection,
  OwnershipPolicyVersion,
  OwnershipProposal,
  OwnershipProposalOwner,
  ProposalStatus,
} from './ownership.entity';
import {
  OwnershipPolicyInput,
  OwnershipProposalFilter,
  ProposalView,
  ProposeOwnershipInput,
  RecordObjectionInput,
} from './ownership.types';
import { checkPublicityStart, isNoticeMediaType, publicityEndedSql } from './publicity-rules';

export const PROPOSAL_SUBJECT = 'OwnershipProposal';
export const OWNERSHIP_SUBJECT = 'AssetOwnership';
export const OWNERSHIP_POLICY_SUBJECT = 'OwnershipPolicy';

/**
 * The order of a list of proposals: the oldest end of publicity first (the longest waiting for a decision),
 * then by the asset's code, as the PUBLICITY_ENDED red flag lists them; the proposal's id breaks ties.
 */
const oldestPublicityEndFirst: KeysetOrder = {
  keys: [
    { sql: 'p.publicity_end', type: 'date' },
    { sql: 'a.code', type: 'varchar' },
    { sql: 'p.id', type: 'uuid' },
  ],
  direction: 'ASC',
};

const proposalRef = (id: string): RecordRef => ({
  what: 'Ownership proposal',
  id,
  code: ErrorCode.OWNERSHIP_PROPOSAL_NOT_FOUND,
});

registerConstraintErrors({
  UQ_ownership_proposal_open: {
    code: ErrorCode.OWNERSHIP_OPEN_PROPOSAL_EXISTS,
    message: 'This asset already has a proposal in publicity',
  },
  UQ_ownership_proposal_certificate: {
    code: ErrorCode.OWNERSHIP_CERTIFICATE_TAKEN,
    message: 'This certificate number is already used',
  },
});

function proposalState(
  p: OwnershipProposal,
  owners: OwnershipProposalOwner[],
  objections: OwnershipObjection[],
  locationCode: string,
): Json {
  return toLedgerJson({
    id: p.id,
    assetId: p.assetId,
    locationCode,
    status: p.status,
    owners: [...owners]
      .sort((a, b) => a.position - b.position)
      .map((o) => ({ ownerType: o.ownerType, ownerRef: o.ownerRef, name: o.name, shareBp: o.shareBp })),
    managementEntity: p.managementEntity,
    managementResponsible: p.managementResponsible,
    publicityStart: p.publicityStart,
    publicityEnd: p.publicityEnd,
    evidence: p.evidence,
    ...(p.backdated ? { backdated: true } : {}),
    ...(p.backdated || (p.noticeEvidenceOnLedger && p.noticeEvidence.length > 0)
      ? { noticeEvidence: p.noticeEvidence }
      : {}),
    objections: [...objections]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
      .map((o) => ({
        id: o.id,
        raisedOn: o.raisedOn,
        objector: o.objector,
        content: o.content,
        evidence: o.evidence,
        status: o.status,
        resolution: o.resolution,
        recordedBy: o.recordedBy,
        resolvedBy: o.resolvedBy,
      })),
    proposedBy: p.proposedBy,
    decidedBy: p.decidedBy,
    decidedOn: p.decidedOn,
    certificateNo: p.certificateNo,
    rejectReason: p.rejectReason,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    version: p.version,
  });
}

function ownershipState(assetId: string, locationCode: string, rows: AssetOwnership[]): Json {
  return toLedgerJson({
    assetId,
    locationCode,
    rows: [...rows]
      .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || a.id.localeCompare(b.id))
      .map((r) => ({
        id: r.id,
        proposalId: r.proposalId,
        ownerType: r.ownerType,
        ownerRef: r.ownerRef,
        ownerName: r.ownerName,
        shareBp: r.shareBp,
        managementEntity: r.managementEntity,
        certificateNo: r.certificateNo,
        validFrom: r.validFrom,
        validTo: r.validTo,
        recordedAt: r.recordedAt,
        closedAt: r.closedAt,
      })),
  });
}

/**
 * Ownership confirmation (确权登记): propose owners and a management entity → publicity for at least N
 * days, during which objections are recorded → the township (of the asset) or the district confirms
 * with a certificate number, or rejects with a reason. A confirmation closes the owners it replaces
 * (valid_to, closed_at) and adds the new ones; nothing is overwritten.
 */
@Injectable()
export class OwnershipService implements OnModuleInit {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly idempotency: IdempotencyService,
    private readonly scope: RegionScopeService,
    private readonly ledger: LedgerService,
    private readonly subjects: LedgerSubjectRegistry,
    private readonly assets: AssetsService,
    private readonly files: FilesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const district = this.config.ledger.districtCode;
    this.subjects.register({
      entityType: OWNERSHIP_POLICY_SUBJECT,
      load: async (manager, ids) => {
        const rows = await manager
          .getRepository(OwnershipPolicyVersion)
          .findBy({ version: In(ids.map(Number)) });
        return new Map(
          rows.map((r) => [
            String(r.version),
            toLedgerJson({
              version: r.version,
              rules: r.rules,
              note: r.note,
              createdBy: r.createdBy,
              createdAt: r.createdAt,
            }),
          ]),
        );
      },
      keyset: { entity: OwnershipPolicyVersion, column: 'version', parse: Number },
      regionOf: () => district,
    });
    this.subjects.register({
      entityType: PROPOSAL_SUBJECT,
      load: (manager, ids) => this.proposalStates(manager, ids),
      keyset: { entity: OwnershipProposal },
      regionOf: (state) => (state as { locationCode: string }).locationCode,
    });
    this.subjects.register({
      entityType: OWNERSHIP_SUBJECT,
      load: (manager, ids) => this.ownershipStates(manager, ids),
      loadPage: async (manager, afterId, limit) => {
        const rows: Array<{ asset_id: string }> = await manager.query(
          `SELECT DISTINCT asset_id FROM asset_ownership WHERE ($1::uuid IS NULL OR asset_id > $1::uuid) ORDER BY asset_id LIMIT $2`,
          [afterId, limit],
        );
        const ids = rows.map((r) => r.asset_id);
        const states = await this.ownershipStates(manager, ids);
        return ids.map((id) => [id, states.get(id)!]);
      },
      regionOf: (state) => (state as { locationCode: string }).locationCode,
    });
  }

  private async proposalStates(manager: EntityManager, ids: string[]): Promise<Map<string, Json>> {
    if (ids.length === 0) return new Map();
    const proposals = await manager.getRepository(OwnershipProposal).findBy({ id: In(ids) });
    const owners = await manager.getRepository(OwnershipProposalOwner).findBy({ proposalId: In(ids) });
    const objections = await manager.getRepository(OwnershipObjection).findBy({ proposalId: In(ids) });
    const assets = await manager.getRepository(Asset).findBy({ id: In(proposals.map((p) => p.assetId)) });
    const location = new Map(assets.map((a) => [a.id, a.locationCode]));
    return new Map(
      proposals.map((p) => [
        p.id,
        proposalState(
          p,
          owners.filter((o) => o.proposalId === p.id),
          objections.filter((o) => o.proposalId === p.id),
          location.get(p.assetId) ?? '',
        ),
      ]),
    );
  }

  private async ownershipStates(manager: EntityManager, assetIds: string[]): Promise<Map<string, Json>> {
    if (assetIds.length === 0) return new Map();
    const rows = await manager.getRepository(AssetOwnership).findBy({ assetId: In(assetIds) });
    const assets = await manager.getRepository(Asset).findBy({ id: In(assetIds) });
    const out = new Map<string, Json>();
    for (const a of assets) {
      const own = rows.filter((r) => r.assetId === a.id);
      if (own.length > 0) out.set(a.id, ownershipState(a.id, a.locationCode, own));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------
  // Policy
  // ---------------------------------------------------------------------------------------------------

  async currentPolicy(ctx: RequestContext): Promise<OwnershipPolicyVersion> {
    const policy = await this.connection
      .getRepository(ctx, OwnershipPolicyVersion)
      .findOne({ where: {}, order: { version: 'DESC' } });
    if (!policy) throw new Error('no ownership policy: the reference seed did not run');
    return policy;
  }

  policies(ctx: RequestContext): Promise<OwnershipPolicyVersion[]> {
    return this.connection.getRepository(ctx, OwnershipPolicyVersion).find({ order: { version: 'DESC' } });
  }

  /** ADMIN: a new version of the policy; proposals recorded from now on are checked against it. */
  async setPolicy(ctx: RequestContext, input: OwnershipPolicyInput): Promise<OwnershipPolicyVersion> {
    await lockInTransaction(this.connection.requireTransaction(ctx), LockSpace.OWNERSHIP_POLICY);
    const version = (await this.currentPolicy(ctx)).version + 1;
    await this.connection.getRepository(ctx, OwnershipPolicyVersion).insert({
      version,
      rules: { publicityBackdateMaxDays: input.publicityBackdateMaxDays },
      note: input.note?.trim() || null,
      createdBy: ctx.currentUser.id,
    });
    this.ledger.record(ctx, {
      action: LedgerAction.OWNERSHIP_POLICY_SET,
      entityType: OWNERSHIP_POLICY_SUBJECT,
      entityId: String(version),
    });
    return this.connection.getRepository(ctx, OwnershipPolicyVersion).findOneByOrFail({ version });
  }

  /** Reference data: version 1 of the policy. */
  async seedDefaultPolicy(ctx: RequestContext): Promise<void> {
    const repo = this.connection.getRepository(ctx, OwnershipPolicyVersion);
    if (await repo.existsBy({ version: 1 })) return;
    await repo.insert({
      version: 1,
      rules: DEFAULT_OWNERSHIP_POLICY,
      note: '公示起始日期最多提前 30 天（须附已张贴公示的照片或扫描件）',
      createdBy: null,
    });
    this.ledger.record(ctx, {
      action: LedgerAction.OWNERSHIP_POLICY_SET,
      entityType: OWNERSHIP_POLICY_SUBJECT,
      entityId: '1',
    });
  }

  // ---------------------------------------------------------------------------------------------------

  async propose(ctx: RequestContext, input: ProposeOwnershipInput): Promise<ProposalView> {
    const user = ctx.currentUser;
    const asset = await this.assets.lockForUpdate(ctx, input.assetId);
    this.scope.assertWrite(user, asset.locationCode, `asset ${asset.code}`);
    if (asset.status === AssetStatus.DISPOSED) {
      throw new DomainError(
        ErrorCode.ASSET_DISPOSED,
        `Asset ${asset.code} is disposed: its ownership is closed`,
      );
    }
    await this.assets.checkChange(ctx, asset, 'OWNERSHIP');
    const problems = new ProblemList();
    const owners = await this.checkOwners(ctx, asset, input.owners, problems);
    problems.throwIfAny();
    // Publicity cannot be skipped: it counts from today, or from an earlier day of a notice already
    // posted, with its photo or scan and within the policy's days.
    const notice = await this.files.requireFiles(
      ctx,
      input.noticeEvidenceFileIds ?? [],
      'input.noticeEvidenceFileIds',
      asset.locationCode,
    );
    const notAPhoto = notice.find((f) => !isNoticeMediaType(f.mediaType));
    if (notAPhoto) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        `input.noticeEvidenceFileIds: ${notAPhoto.name} is not a photo or a scan (${notAPhoto.mediaType})`,
        {
          fields: [
            {
              field: 'input.noticeEvidenceFileIds',
              message: 'must be a photo or a scan (an image or a PDF)',
            },
          ],
        },
      );
    }
    const policy = await this.currentPolicy(ctx);
    const start = checkPublicityStart(input.publicityStart, todayInChina(), notice.length, policy.rules);
    if ('code' in start) {
      throw new DomainError(start.code, `${start.problem.field}: ${start.problem.message}`, {
        fields: [start.problem],
        policyVersion: policy.version,
      });
    }
    const repo = this.connection.getRepository(ctx, OwnershipProposal);
    if (await repo.existsBy({ assetId: asset.id, status: ProposalStatus.PUBLICITY })) {
      throw new DomainError(
        ErrorCode.OWNERSHIP_OPEN_PROPOSAL_EXISTS,
        `Asset ${asset.code} already has a proposal in publicity: confirm or reject it first`,
      );
    }
    const evidence = await this.files.requireEvidence(
      ctx,
      input.evidenceFileIds ?? [],
      'input.evidenceFileIds',
      asset.locationCode,
    );
    const inserted = await repo.insert({
      assetId: asset.id,
      status: ProposalStatus.PUBLICITY,
      managementEntity: input.managementEntity.trim(),
      managementResponsible: input.managementResponsible?.trim() || null,
      publicityStart: start.start,
      publicityEnd: addDays(start.start, this.config.ownership.publicityMinDays),
      evidence,
      backdated: start.backdated,
      noticeEvidence: evidenceRefs(notice),
      proposedBy: user.id,
    });
    const id = inserted.identifiers[0].id as string;
    await this.connection
      .getRepository(ctx, OwnershipProposalOwner)
      .insert(owners.map((o, position) => ({ proposalId: id, position, ...o })));
    this.ledger.record(ctx, {
      action: LedgerAction.OWNERSHIP_PROPOSED,
      entityType: PROPOSAL_SUBJECT,
      entityId: id,
    });
    return this.view(ctx, id);
  }

  /** Records an objection once per idempotency key (a repeat returns the proposal as it is then). */
  recordObjection(ctx: RequestContext, input: RecordObjectionInput): Promise<ProposalView> {
    return this.idempotency.run(
      ctx,
      {
        operation: 'recordObjection',
        key: input.idempotencyKey,
        request: input,
        remember: (proposal: ProposalView) => ({ id: proposal.id }),
        replay: ({ id }) => this.findOne(ctx, id),
      },
      () => this.insertObjection(ctx, input),
    );
  }

  private async insertObjection(ctx: RequestContext, input: RecordObjectionInput): Promise<ProposalView> {
    const user = ctx.currentUser;
    const { proposal, asset } = await this.lockProposal(ctx, input.proposalId);
    this.scope.assertWrite(user, asset.locationCode, `asset ${asset.code}`);
    const today = todayInChina();
    if (
      proposal.status !== ProposalStatus.PUBLICITY ||
      today < proposal.publicityStart ||
      today >= proposal.publicityEnd
    ) {
      throw new DomainError(
        ErrorCode.OWNERSHIP_NOT_IN_PUBLICITY,
        `Objections are recorded during publicity (${proposal.publicityStart} to ${addDays(proposal.publicityEnd, -1)}); this proposal is ${proposal.status === ProposalStatus.PUBLICITY ? 'not in its window today' : proposal.status}`,
      );
    }
    const before = await this.proposalStateOf(ctx, proposal.id);
    const evidence = await this.files.requireEvidence(
      ctx,
      input.evidenceFileIds ?? [],
      'input.evidenceFileIds',
      asset.locationCode,
    );
    await this.connection.getRepository(ctx, OwnershipObjection).insert({
      proposalId: proposal.id,
      raisedOn: today,
      objector: input.objector.trim(),
      content: input.content.trim(),
      evidence,
      recordedBy: user.id,
      status: ObjectionStatus.OPEN,
    });
    await this.touch(ctx, proposal);
    this.ledger.record(ctx, {
      action: LedgerAction.OWNERSHIP_OBJECTION_RECORDED,
      entityType: PROPOSAL_SUBJECT,
      entityId: proposal.id,
      before,
    });
    return this.view(ctx, proposal.id);
  }

  async resolveObjection(
    ctx: RequestContext,
    objectionId: string,
    resolution: string,
  ): Promise<ProposalView> {
    const objection = await this.connection
      .getRepository(ctx, OwnershipObjection)
      .findOneBy({ id: objectionId });
    const ref: RecordRef = { what: 'Objection', id: objectionId, code: ErrorCode.OBJECTION_NOT_FOUND };
    if (!objection) throw notFound(ref.what, ref.id, ref.code);
    await this.proposalInScope(ctx, objection.proposalId, ref);
    const { proposal, asset } = await this.lockProposal(ctx, objection.proposalId);
    this.assertDecider(ctx.currentUser, asset);
    if (objection.status !== ObjectionStatus.OPEN) {
      throw new DomainError(ErrorCode.OBJECTION_ALREADY_RESOLVED, 'This objection is already resolved');
    }
    const before = await this.proposalStateOf(ctx, proposal.id);
    await this.connection
      .getRepository(ctx, OwnershipObjection)
      .update(
        { id: objection.id },
        { status: ObjectionStatus.RESOLVED, resolution: resolution.trim(), resolvedBy: ctx.currentUser.id },
      );
    await this.touch(ctx, proposal);
    this.ledger.record(ctx, {
      action: LedgerAction.OWNERSHIP_OBJECTION_RESOLVED,
      entityType: PROPOSAL_SUBJECT,
      entityId: proposal.id,
      before,
    });
    return this.view(ctx, proposal.id);
  }

  async confirm(
    ctx: RequestContext,
    proposalId: string,
    certificateNo: string,
    effectiveDate?: string,
  ): Promise<ProposalView> {
    const user = ctx.currentUser;
    const { proposal, asset } = await this.lockProposal(ctx, proposalId);
    this.assertDecider(user, asset);
    this.assertInPublicity(proposal);
    await this.assets.checkChange(ctx, asset, 'OWNERSHIP');
    const today = todayInChina();
    if (today < proposal.publicityEnd) {
      throw new DomainError(
        ErrorCode.OWNERSHIP_PUBLICITY_NOT_OVER,
        `Publicity runs until ${addDays(proposal.publicityEnd, -1)}: confirm on or after ${proposal.publicityEnd}`,
        { publicityEnd: proposal.publicityEnd },
      );
    }
    const open = await this.connection
      .getRepository(ctx, OwnershipObjection)
      .countBy({ proposalId: proposal.id, status: ObjectionStatus.OPEN });
    if (open > 0) {
      throw new DomainError(
        ErrorCode.OWNERSHIP_OPEN_OBJECTIONS,
        `${open} objection(s) must be resolved first`,
        { open },
      );
    }
    const ownershipRepo = this.connection.getRepository(ctx, AssetOwnership);
    const current = await ownershipRepo.findBy({ assetId: asset.id, validTo: IsNull() });
    const from = effectiveDate ?? today;
    const latestFrom = current.reduce((max, r) => (r.validFrom > max ? r.validFrom : max), '0000-01-01');
    if (!isLocalDate(from) || from > today || from < latestFrom) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        `effectiveDate: must be a date between the current ownership's start (${latestFrom}) and today`,
        { fields: [{ field: 'effectiveDate', message: `between ${latestFrom} and ${today}` }] },
      );
    }
    if (await this.connection.getRepository(ctx, OwnershipProposal).existsBy({ certificateNo })) {
      throw new DomainError(
        ErrorCode.OWNERSHIP_CERTIFICATE_TAKEN,
        `certificateNo: ${certificateNo} is already used`,
        {
          fields: [{ field: 'certificateNo', message: 'already used' }],
        },
      );
    }
    const beforeProposal = await this.proposalStateOf(ctx, proposal.id);
    const beforeOwnership =
      (await this.ownershipStates(this.connection.getManager(ctx), [asset.id])).get(asset.id) ?? null;
    const beforeAsset = await this.assets.stateOf(ctx, asset.id);
    const [{ now }]: Array<{ now: Date }> = await this.connection
      .getManager(ctx)
      .query('SELECT now() AS now');

    if (current.length > 0) {
      await ownershipRepo.update({ id: In(current.map((r) => r.id)) }, { validTo: from, closedAt: now });
    }
    const owners = await this.connection
      .getRepository(ctx, OwnershipProposalOwner)
      .find({ where: { proposalId: proposal.id }, order: { position: 'ASC' } });
    await ownershipRepo.insert(
      owners.map((o) => ({
        assetId: asset.id,
        proposalId: proposal.id,
        ownerType: o.ownerType,
        ownerRef: o.ownerRef,
        ownerName: o.name,
        shareBp: o.shareBp,
        managementEntity: proposal.managementEntity,
        certificateNo,
        validFrom: from,
        validTo: null,
        recordedAt: now,
        closedAt: null,
      })),
    );
    await this.connection.getRepository(ctx, OwnershipProposal).update(
      { id: proposal.id },
      {
        status: ProposalStatus.CONFIRMED,
        certificateNo,
        decidedBy: user.id,
        decidedOn: today,
        version: proposal.version + 1,
      },
    );
    await this.connection.getRepository(ctx, Asset).update(
      { id: asset.id },
      {
        managementEntity: proposal.managementEntity,
        managementResponsible: proposal.managementResponsible,
        version: asset.version + 1,
      },
    );
    const details = { proposalId: proposal.id, certificateNo };
    this.ledger.record(ctx, {
      action: LedgerAction.OWNERSHIP_CONFIRMED,
      entityType: PROPOSAL_SUBJECT,
      entityId: proposal.id,
      before: beforeProposal,
    });
    this.ledger.record(ctx, {
      action: LedgerAction.ASSET_OWNERSHIP_CHANGED,
      entityType: OWNERSHIP_SUBJECT,
      entityId: asset.id,
      before: beforeOwnership,
      details,
    });
    this.assets.recordChange(ctx, asset.id, LedgerAction.ASSET_OWNERSHIP_CHANGED, beforeAsset, details);
    return this.view(ctx, proposal.id);
  }

  async reject(ctx: RequestContext, proposalId: string, reason: string): Promise<ProposalView> {
    const user = ctx.currentUser;
    const { proposal, asset } = await this.lockProposal(ctx, proposalId);
    this.assertDecider(user, asset);
    this.assertInPublicity(proposal);
    const before = await this.proposalStateOf(ctx, proposal.id);
    await this.connection.getRepository(ctx, OwnershipProposal).update(
      { id: proposal.id },
      {
        status: ProposalStatus.REJECTED,
        rejectReason: reason.trim(),
        decidedBy: user.id,
        decidedOn: todayInChina(),
        version: proposal.version + 1,
      },
    );
    this.ledger.record(ctx, {
      action: LedgerAction.OWNERSHIP_REJECTED,
      entityType: PROPOSAL_SUBJECT,
      entityId: proposal.id,
      before,
    });
    return this.view(ctx, proposal.id);
  }

  // ---------------------------------------------------------------------------------------------------

  /** A proposal, read where its asset is or, as the asset itself, by its current co-owners elsewhere. */
  async findOne(ctx: RequestContext, id: string): Promise<ProposalView> {
    await this.proposalInScope(ctx, id, proposalRef(id), 'read');
    return this.view(ctx, id);
  }

  /**
   * Proposals of assets located in the caller's region (or the filter's, within it), oldest end of
   * publicity first. One asset's proposals (`assetId` without `regionCode`) are also listed to whoever
   * reads that asset as a co-owner elsewhere, as `findOne` reads each of them.
   */
  async list(
    ctx: RequestContext,
    filter: OwnershipProposalFilter | undefined,
    first: number | undefined,
    after: string | undefined,
  ): Promise<Connection<ProposalView>> {
    const qb = this.connection
      .getRepository(ctx, OwnershipProposal)
      .createQueryBuilder('p')
      .innerJoin(Asset, 'a', 'a.id = p.asset_id');
    const ofCoOwnedAsset =
      filter?.assetId && !filter.regionCode ? await this.assets.readsAsCoOwner(ctx, filter.assetId) : false;
    if (!ofCoOwnedAsset)
      this.scope.restrict(qb, ctx.currentUser, 'a.location_code', { region: filter?.regionCode });
    if (filter?.status?.length) qb.andWhere('p.status IN (:...statuses)', { statuses: filter.status });
    if (filter?.assetId) qb.andWhere('p.asset_id = :assetId', { assetId: filter.assetId });
    if (filter?.publicityEnded !== undefined && filter.publicityEnded !== null) {
      const ended = publicityEndedSql('p', ':publicityCutoff');
      qb.andWhere(filter.publicityEnded ? ended : `NOT ${ended}`, { publicityCutoff: todayInChina() });
    }
    return keysetPage(
      qb,
      { first, after, maxPageSize: this.config.pagination.maxPageSize },
      oldestPublicityEndFirst,
      (rows) => this.views(ctx, rows),
    );
  }

  async proposalsOf(ctx: RequestContext, assetIds: readonly string[]): Promise<Map<string, ProposalView[]>> {
    const proposals = await this.connection
      .getRepository(ctx, OwnershipProposal)
      .find({ where: { assetId: In([...assetIds]) }, order: { createdAt: 'ASC' } });
    const views = await this.views(ctx, proposals);
    const out = new Map<string, ProposalView[]>(assetIds.map((id) => [id, []]));
    for (const v of views) out.get(v.assetId)?.push(v);
    return out;
  }

  /** Current owners (valid_to IS NULL) of many assets, in one query. */
  async currentOwnersOf(
    ctx: RequestContext,
    assetIds: readonly string[],
  ): Promise<Map<string, AssetOwnership[]>> {
    const rows = await preparedLeanRows(
      this.connection.getManager(ctx),
      AssetOwnership,
      'ownership-current-v2',
      (
        columns,
      ) => `SELECT ${columns} FROM asset_ownership o WHERE asset_id = ANY($1::uuid[]) AND valid_to IS NULL
        ORDER BY ${currentOwnersOrder('o')}`,
      [[...assetIds]],
    );
    const out = new Map<string, AssetOwnership[]>(assetIds.map((id) => [id, []]));
    for (const r of rows) out.get(r.assetId)?.push(r);
    return out;
  }

  /** Owners as they stood at a past system time (rows recorded by then and not yet closed then). */
  async ownersAsOf(ctx: RequestContext, assetId: string, asOf: Date): Promise<AssetOwnership[]> {
    return this.connection
      .getRepository(ctx, AssetOwnership)
      .createQueryBuilder('o')
      .where(
        'o.assetId = :assetId AND o.recordedAt <= :asOf AND (o.closedAt IS NULL OR o.closedAt > :asOf)',
        { assetId, asOf },
      )
      .orderBy('o.shareBp', 'DESC')
      .getMany();
  }

  async historyOf(ctx: RequestContext, assetIds: readonly string[]): Promise<Map<string, AssetOwnership[]>> {
    const rows = await this.connection.getRepository(ctx, AssetOwnership).find({
      where: { assetId: In([...assetIds]) },
      order: { recordedAt: 'ASC', validFrom: 'ASC', shareBp: 'DESC' },
    });
    const out = new Map<string, AssetOwnership[]>(assetIds.map((id) => [id, []]));
    for (const r of rows) out.get(r.assetId)?.push(r);
    return out;
  }

  formatShare(bp: number): string {
    return formatPercent(bp);
  }

  // ---------------------------------------------------------------------------------------------------

  /** A TOWNSHIP_OFFICER of the asset's township, or a DISTRICT_SUPERVISOR, decides. */
  private assertDecider(user: AuthUser, asset: Asset): void {
    const township = asset.locationCode.slice(0, 9);
    const ok =
      (user.role === Role.TOWNSHIP_OFFICER && user.regionCode === township) ||
      (user.role === Role.DISTRICT_SUPERVISOR && this.scope.canWrite(user, asset.locationCode));
    if (!ok) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        `Ownership of ${asset.code} is confirmed by an officer of township ${township} or a district supervisor`,
      );
    }
  }

  private assertInPublicity(proposal: OwnershipProposal): void {
    if (proposal.status !== ProposalStatus.PUBLICITY) {
      throw new DomainError(
        ErrorCode.OWNERSHIP_NOT_IN_PUBLICITY,
        `This proposal is already ${proposal.status}`,
      );
    }
  }

  private async checkOwners(
    ctx: RequestContext,
    asset: Asset,
    owners: ProposeOwnershipInput['owners'],
    problems: ProblemList,
  ): Promise<Array<Pick<OwnershipProposalOwner, 'ownerType' | 'ownerRef' | 'name' | 'shareBp'>>> {
    const out: Array<Pick<OwnershipProposalOwner, 'ownerType' | 'ownerRef' | 'name' | 'shareBp'>> = [];
    const seen = new Set<string>();
    let total = 0;
    const regionRefs = owners
      .filter((o) => o.ownerType === OwnerType.VILLAGE_COLLECTIVE || o.ownerType === OwnerType.TOWNSHIP)
      .map((o) => o.ownerRef);
    const regions = new Map(
      (
        await this.connection
          .getRepository(ctx, Region)
          .findBy({ code: In(regionRefs.length ? regionRefs : ['-']) })
      ).map((r) => [r.code, r]),
    );
    owners.forEach((o, i) => {
      const field = `input.owners[${i}]`;
      let bp = 0;
      try {
        bp = parsePercent(o.sharePercent, `${field}.sharePercent`);
      } catch (error) {
        if (error instanceof DomainError)
          problems.add(`${field}.sharePercent`, 'must be above 0 and at most 100');
        else throw error;
      }
      total += bp;
      const key = `${o.ownerType}:${o.ownerRef}`;
      if (seen.has(key)) problems.add(`${field}.ownerRef`, 'the same owner is listed twice');
      seen.add(key);
      if (
        o.ownerType === OwnerType.VILLAGE_COLLECTIVE &&
        regions.get(o.ownerRef)?.level !== RegionLevel.VILLAGE
      ) {
        problems.add(`${field}.ownerRef`, 'a village collective is named by its 12-digit village code');
      }
      if (o.ownerType === OwnerType.TOWNSHIP && regions.get(o.ownerRef)?.level !== RegionLevel.TOWNSHIP) {
        problems.add(`${field}.ownerRef`, 'a township is named by its 9-digit code');
      }
      if ((o.ownerType === OwnerType.HOUSEHOLD) !== (asset.class === AssetClass.HOUSEHOLD)) {
        problems.add(
          `${field}.ownerType`,
          asset.class === AssetClass.HOUSEHOLD
            ? 'a household asset is owned by households'
            : 'only household assets are owned by households',
        );
      }
      out.push({ ownerType: o.ownerType, ownerRef: o.ownerRef.trim(), name: o.name.trim(), shareBp: bp });
    });
    if (problems.isEmpty && total !== FULL_SHARE_BP) {
      throw new DomainError(
        ErrorCode.OWNERSHIP_SHARES_NOT_100,
        `input.owners: the shares add up to ${formatPercent(total)}%, not 100%`,
        {
          fields: [{ field: 'input.owners', message: `shares add up to ${formatPercent(total)}%, not 100%` }],
        },
      );
    }
    return out;
  }

  /** A proposal (missing: `id` undefined) whose asset the caller may read, or NOT_FOUND as `ref` says. */
  /**
   * The proposal, when its asset is in the caller's scope (else the ref's NOT_FOUND); to `read` it, also
   * when the caller reads the asset as a co-owner elsewhere (AssetsService.readsAsCoOwner). Its steps are
   * taken where the asset is.
   */
  private async proposalInScope(
    ctx: RequestContext,
    id: string | undefined,
    ref: RecordRef,
    access: 'read' | 'step' = 'step',
  ): Promise<OwnershipProposal> {
    const proposal = id
      ? await this.connection.getRepository(ctx, OwnershipProposal).findOneBy({ id })
      : null;
    const asset = proposal ? (await this.assets.byIds(ctx, [proposal.assetId])).get(proposal.assetId) : null;
    const user = ctx.currentUser;
    if (
      access === 'read' &&
      asset &&
      !this.scope.canRead(user, asset.locationCode) &&
      (await this.assets.readsAsCoOwner(ctx, asset.id))
    ) {
      return proposal!;
    }
    this.scope.getInScope(user, asset, (a) => a.locationCode, ref);
    return proposal!;
  }

  private async lockProposal(
    ctx: RequestContext,
    id: string,
  ): Promise<{ proposal: OwnershipProposal; asset: Asset }> {
    const peek = await this.proposalInScope(ctx, id, proposalRef(id));
    // Lock order: the asset first, then the proposal (as propose does), so concurrent steps queue up.
    const asset = await this.assets.lockForUpdate(ctx, peek.assetId);
    const proposal = await this.connection
      .getRepository(ctx, OwnershipProposal)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :id', { id })
      .getOneOrFail();
    return { proposal, asset };
  }

  private async touch(ctx: RequestContext, proposal: OwnershipProposal): Promise<void> {
    await this.connection
      .getRepository(ctx, OwnershipProposal)
      .update({ id: proposal.id }, { version: proposal.version + 1 });
  }

  private async proposalStateOf(ctx: RequestContext, id: string): Promise<Json> {
    return (await this.proposalStates(this.connection.getManager(ctx), [id])).get(id) ?? null;
  }

  private async view(ctx: RequestContext, id: string): Promise<ProposalView> {
    const proposal = await this.connection.getRepository(ctx, OwnershipProposal).findOneByOrFail({ id });
    return (await this.views(ctx, [proposal]))[0];
  }

  private async views(ctx: RequestContext, proposals: OwnershipProposal[]): Promise<ProposalView[]> {
    const ids = proposals.map((p) => p.id);
    if (ids.length === 0) return [];
    const owners = await this.connection
      .getRepository(ctx, OwnershipProposalOwner)
      .find({ where: { proposalId: In(ids) }, order: { position: 'ASC' } });
    const objections = await this.connection
      .getRepository(ctx, OwnershipObjection)
      .find({ where: { proposalId: In(ids) }, order: { createdAt: 'ASC' } });
    return proposals.map((p) =>
      Object.assign(p, {
        owners: owners.filter((o) => o.proposalId === p.id),
        objections: objections.filter((o) => o.proposalId === p.id),
      }),
    );
  }
}
