import { createHash } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuthUser } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode, registerConstraintErrors } from '@/common/errors';
import { Connection, keysetPage, newestFirst } from '@/common/pagination';
import { Fen, todayInChina } from '@/common/scalars';
import { APP_CONFIG, AppConfig } from '@/config';
import { IdempotencyService, LockSpace, lockInTransaction, TransactionalConnection } from '@/database';
import { RecordRef, RegionScopeService } from '@/auth/region-scope.service';
import { Asset } from '@/assets/asset.entity';
import { AssetStatus } from '@/assets/asset.enums';
import { AssetsService } from '@/assets/assets.service';
import { FilesService } from '@/files/files.service';
import { IncomeService } from '@/income/income.service';
import { canonicalJson } from '@/ledger/canonical';
import { LedgerAction } from '@/ledger/ledger-actions';
import { Json, toLedgerJson } from '@/ledger/ledger-subject';
import { LedgerSubjectRegistry } from '@/ledger/ledger-subject.registry';
import { LedgerService } from '@/ledger/ledger.service';
import type { EvidenceRef } from '@/files/evidence-ref';
import { OwnershipService } from '@/ownership/ownership.service';
import {
  DEFAULT_DISPOSAL_POLICY,
  DisposalEvidence,
  DisposalPolicyVersion,
  DisposalRequest,
  DisposalReview,
  DisposalStatus,
  OPEN_DISPOSAL_STATUSES,
  ReviewDecision,
} from './disposal.entity';
import {
  completionProblems,
  decidingLevel,
  evidenceProblems,
  pendingLevel,
  proceedsDestination,
  requesterRefusal,
  ReviewOutcome,
  reviewDueOn,
  reviewerRefusal,
  reviewProblems,
  statusAfterReview,
  termsEndingOnDisposal,
} from './disposal-rules';
import {
  DisposalChangesInput,
  DisposalEvidenceInput,
  DisposalFilter,
  DisposalPolicyInput,
  DisposalView,
  RequestDisposalInput,
} from './disposal.types';

export const DISPOSAL_SUBJECT = 'DisposalRequest';
export const DISPOSAL_POLICY_SUBJECT = 'DisposalPolicy';

const disposalRef = (id: string): RecordRef => ({
  what: 'Disposal request',
  id,
  code: ErrorCode.DISPOSAL_NOT_FOUND,
});

/** Fields of an asset that may change while a disposal is open (they do not matter to it). */
const HARMLESS_FIELDS = ['managementResponsible'];

/** The ledger action of each status a review leads to. */
const REVIEW_ACTIONS: Record<ReviewOutcome, LedgerAction> = {
  [DisposalStatus.REJECTED]: LedgerAction.DISPOSAL_REJECTED,
  [DisposalStatus.RETURNED]: LedgerAction.DISPOSAL_RETURNED,
  [DisposalStatus.PENDING_DISTRICT]: LedgerAction.DISPOSAL_FORWARDED,
  [DisposalStatus.APPROVED]: LedgerAction.DISPOSAL_APPROVED,
};

registerConstraintErrors({
  UQ_disposal_request_open: {
    code: ErrorCode.DISPOSAL_OPEN_EXISTS,
    message: 'This asset already has an open disposal request',
  },
  UQ_disposal_review_step: {
    code: ErrorCode.DISPOSAL_STALE_SNAPSHOT,
    message: 'Another reviewer decided this step first',
  },
});

/**
 * Disposal (资产处置): the owning village (or level) applies; the township reviews (approve, reject,
 * return); the district decides where the policy says so. A decision is bound to what the reviewer saw
 * (snapshot hash); one decision per step; the asset ends DISPOSED, never deleted; proceeds are income.
 */
@Injectable()
export class DisposalService implements OnModuleInit {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly idempotency: IdempotencyService,
    private readonly scope: RegionScopeService,
    private readonly ledger: LedgerService,
    private readonly subjects: LedgerSubjectRegistry,
    private readonly assets: AssetsService,
    private readonly ownership: OwnershipService,
    private readonly income: IncomeService,
    private readonly files: FilesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const district = this.config.ledger.districtCode;
    this.subjects.register({
      entityType: DISPOSAL_SUBJECT,
      load: (manager, ids) => this.states(manager, ids),
      keyset: { entity: DisposalRequest },
      regionOf: (state) => (state as { regionCode: string }).regionCode,
    });
    this.subjects.register({
      entityType: DISPOSAL_POLICY_SUBJECT,
      load: async (manager, ids) => {
        const rows = await manager
          .getRepository(DisposalPolicyVersion)
          .findBy({ version: In(ids.map(Number)) });
        return new Map(rows.map((r) => [String(r.version), policyState(r)]));
      },
      keyset: { entity: DisposalPolicyVersion, column: 'version', parse: Number },
      regionOf: () => district,
    });
    // While a request is open its asset cannot change owner nor change in ways that matter to it.
    this.assets.addChangeGuard(async (ctx, asset, change, fields) => {
      if (change === 'UPDATE' && fields.every((f) => HARMLESS_FIELDS.includes(f))) return;
      const open = await this.connection
        .getRepository(ctx, DisposalRequest)
        .findOneBy({ assetId: asset.id, status: In(OPEN_DISPOSAL_STATUSES) });
      if (open) {
        throw new DomainError(
          ErrorCode.ASSET_LOCKED_BY_DISPOSAL,
          `Asset ${asset.code} has an open disposal request (${open.status}): it cannot ${change === 'OWNERSHIP' ? 'change owner' : `change ${fields.join(', ')}`} until the request is closed`,
          { disposalId: open.id },
        );
      }
    });
  }

  private async states(manager: EntityManager, ids: string[]): Promise<Map<string, Json>> {
    if (ids.length === 0) return new Map();
    const requests = await manager.getRepository(DisposalRequest).findBy({ id: In(ids) });
    const reviews = await manager
      .getRepository(DisposalReview)
      .find({ where: { requestId: In(ids) }, order: { step: 'ASC' } });
    return new Map(
      requests.map((r) => [
        r.id,
        requestState(
          r,
          reviews.filter((x) => x.requestId === r.id),
        ),
      ]),
    );
  }

  // ---------------------------------------------------------------------------------------------------
  // Policy
  // ---------------------------------------------------------------------------------------------------

  async currentPolicy(ctx: RequestContext): Promise<DisposalPolicyVersion> {
    const policy = await this.connection
      .getRepository(ctx, DisposalPolicyVersion)
      .findOne({ where: {}, order: { version: 'DESC' } });
    if (!policy) throw new Error('no disposal policy: the reference seed did not run');
    return policy;
  }

  policies(ctx: RequestContext): Promise<DisposalPolicyVersion[]> {
    return this.connection.getRepository(ctx, DisposalPolicyVersion).find({ order: { version: 'DESC' } });
  }

  async setPolicy(ctx: RequestContext, input: DisposalPolicyInput): Promise<DisposalPolicyVersion> {
    const manager = this.connection.requireTransaction(ctx);
    await lockInTransaction(manager, LockSpace.DISPOSAL_POLICY);
    const current = await this.currentPolicy(ctx);
    const version = current.version + 1;
    await this.connection.getRepository(ctx, DisposalPolicyVersion).insert({
      version,
      rules: {
        districtFromFormedValue: input.districtFromFormedValue?.toString() ?? null,
        districtFromAppraisedValue: input.districtFromAppraisedValue?.toString() ?? null,
        districtMethods: [...new Set(input.districtMethods)],
        townshipReviewDays: input.townshipReviewDays,
        districtReviewDays: input.districtReviewDays,
      },
      note: input.note?.trim() || null,
      createdBy: ctx.currentUser.id,
    });
    this.ledger.record(ctx, {
      action: LedgerAction.DISPOSAL_POLICY_SET,
      entityType: DISPOSAL_POLICY_SUBJECT,
      entityId: String(version),
    });
    return this.connection.getRepository(ctx, DisposalPolicyVersion).findOneByOrFail({ version });
  }

  async seedDefaultPolicy(ctx: RequestContext): Promise<void> {
    const repo = this.connection.getRepository(ctx, DisposalPolicyVersion);
    if (await repo.existsBy({ version: 1 })) return;
    await repo.insert({
      version: 1,
      rules: DEFAULT_DISPOSAL_POLICY,
      note: '默认处置审批权限',
      createdBy: null,
    });
    this.ledger.record(ctx, {
      action: LedgerAction.DISPOSAL_POLICY_SET,
      entityType: DISPOSAL_POLICY_SUBJECT,
      entityId: '1',
    });
  }

  // ---------------------------------------------------------------------------------------------------
  // Requests
  // ---------------------------------------------------------------------------------------------------

  /** Requests a disposal once per idempotency key (a repeat returns the first request). */
  request(ctx: RequestContext, input: RequestDisposalInput): Promise<DisposalView> {
    return this.idempotency.run(
      ctx,
      {
        operation: 'requestDisposal',
        key: input.idempotencyKey,
        request: input,
        remember: (request: DisposalView) => ({ id: request.id }),
        replay: ({ id }) => this.findOne(ctx, id),
      },
      () => this.insertRequest(ctx, input),
    );
  }

  private async insertRequest(ctx: RequestContext, input: RequestDisposalInput): Promise<DisposalView> {
    const user = ctx.currentUser;
    const asset = await this.assets.lockForUpdate(ctx, input.assetId);
    await this.assertRequester(ctx, user, asset);
    if (asset.status === AssetStatus.DISPOSED) {
      throw new DomainError(ErrorCode.ASSET_DISPOSED, `Asset ${asset.code} is already disposed`);
    }
    const open = await this.connection
      .getRepository(ctx, DisposalRequest)
      .findOneBy({ assetId: asset.id, status: In(OPEN_DISPOSAL_STATUSES) });
    if (open) {
      throw new DomainError(
        ErrorCode.DISPOSAL_OPEN_EXISTS,
        `Asset ${asset.code} already has an open disposal request (${open.status})`,
        {
          disposalId: open.id,
        },
      );
    }
    const evidence = await this.evidence(ctx, input.evidence, 'input.evidence', asset.locationCode);
    const policy = await this.currentPolicy(ctx);
    const level = decidingLevel(policy.rules, asset.formedValue, input.appraisedValue, input.method);
    const inserted = await this.connection.getRepository(ctx, DisposalRequest).insert({
      assetId: asset.id,
      regionCode: asset.locationCode,
      method: input.method,
      reasonCode: input.reasonCode,
      reasonText: input.reasonText.trim(),
      appraisedValue: input.appraisedValue,
      evidence,
      status: DisposalStatus.PENDING_TOWNSHIP,
      decidingLevel: level,
      policyVersion: policy.version,
      stepStartedAt: new Date(),
      requestedBy: user.id,
    });
    const id = inserted.identifiers[0].id as string;
    this.ledger.record(ctx, {
      action: LedgerAction.DISPOSAL_REQUESTED,
      entityType: DISPOSAL_SUBJECT,
      entityId: id,
      details: { decidingLevel: level, policyVersion: policy.version },
    });
    return this.view(ctx, id);
  }

  /** The requester changes a returned request, then resubmits it. */
  async update(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    changes: DisposalChangesInput,
  ): Promise<DisposalView> {
    const { request, asset } = await this.lock(ctx, id);
    this.assertRequesterOf(ctx.currentUser, request);
    this.assertStatus(request, [DisposalStatus.RETURNED], 'changed');
    if (request.version !== expectedVersion) {
      throw new DomainError(
        ErrorCode.STALE_VERSION,
        `The request changed since you read it (now version ${request.version})`,
        { currentVersion: request.version },
      );
    }
    const before = await this.stateOf(ctx, id);
    const evidence = changes.evidence
      ? await this.evidence(ctx, changes.evidence, 'changes.evidence', asset.locationCode)
      : request.evidence;
    await this.connection.getRepository(ctx, DisposalRequest).update(
      { id },
      {
        method: changes.method ?? request.method,
        reasonCode: changes.reasonCode ?? request.reasonCode,
        reasonText: changes.reasonText?.trim() ?? request.reasonText,
        appraisedValue: changes.appraisedValue ?? request.appraisedValue,
        evidence,
        version: request.version + 1,
      },
    );
    this.ledger.record(ctx, {
      action: LedgerAction.DISPOSAL_UPDATED,
      entityType: DISPOSAL_SUBJECT,
      entityId: id,
      before,
    });
    return this.view(ctx, id);
  }

  async resubmit(ctx: RequestContext, id: string): Promise<DisposalView> {
    const { request, asset } = await this.lock(ctx, id);
    this.assertRequesterOf(ctx.currentUser, request);
    this.assertStatus(request, [DisposalStatus.RETURNED], 'resubmitted');
    const before = await this.stateOf(ctx, id);
    // The deciding level follows the policy in force now (values or method may have changed).
    const policy = await this.currentPolicy(ctx);
    const level = decidingLevel(policy.rules, asset.formedValue, request.appraisedValue, request.method);
    await this.connection.getRepository(ctx, DisposalRequest).update(
      { id },
      {
        status: DisposalStatus.PENDING_TOWNSHIP,
        decidingLevel: level,
        policyVersion: policy.version,
        stepStartedAt: new Date(),
        version: request.version + 1,
      },
    );
    this.ledger.record(ctx, {
      action: LedgerAction.DISPOSAL_RESUBMITTED,
      entityType: DISPOSAL_SUBJECT,
      entityId: id,
      before,
    });
    return this.view(ctx, id);
  }

  async withdraw(ctx: RequestContext, id: string): Promise<DisposalView> {
    const { request } = await this.lock(ctx, id);
    this.assertRequesterOf(ctx.currentUser, request);
    const reviews = await this.connection.getRepository(ctx, DisposalReview).countBy({ requestId: id });
    if (!(
      request.status === DisposalStatus.RETURNED ||
      (request.status === DisposalStatus.PENDING_TOWNSHIP && reviews === 0)
    )) {
      throw new DomainError(
        ErrorCode.DISPOSAL_WRONG_STATUS,
        `A request can be withdrawn before a decision; this one is ${request.status}`,
      );
    }
    const before = await this.stateOf(ctx, id);
    await this.connection
      .getRepository(ctx, DisposalRequest)
      .update({ id }, { status: DisposalStatus.WITHDRAWN, version: request.version + 1 });
    this.ledger.record(ctx, {
      action: LedgerAction.DISPOSAL_WITHDRAWN,
      entityType: DISPOSAL_SUBJECT,
      entityId: id,
      before,
    });
    return this.view(ctx, id);
  }

  async review(
    ctx: RequestContext,
    input: { requestId: string; decision: ReviewDecision; comment?: string; expectedSnapshotHash: string },
  ): Promise<DisposalView> {
    const user = ctx.currentUser;
    const { request, asset } = await this.lock(ctx, input.requestId);
    if (
      request.status !== DisposalStatus.PENDING_TOWNSHIP &&
      request.status !== DisposalStatus.PENDING_DISTRICT
    ) {
      throw new DomainError(
        ErrorCode.DISPOSAL_WRONG_STATUS,
        `This request is ${request.status}: there is nothing to review`,
      );
    }
    const before = await this.stateOf(ctx, request.id);
    const current = this.snapshotHash(before, await this.assets.stateOf(ctx, asset.id));
    if (current !== input.expectedSnapshotHash) {
      throw new DomainError(
        ErrorCode.DISPOSAL_STALE_SNAPSHOT,
        'The request or its asset changed since you reviewed it (or another reviewer decided first): reload and review again',
        { snapshotHash: current },
      );
    }
    const level = pendingLevel(request.status)!;
    const refusal = reviewerRefusal(user, request.regionCode, level);
    if (refusal) throw new DomainError(refusal.code, refusal.message);
    if (user.id === request.requestedBy) {
      throw new DomainError(ErrorCode.DISPOSAL_SELF_REVIEW, 'Nobody reviews their own disposal request');
    }
    const comment = input.comment?.trim() || null;
    const problems = reviewProblems(input.decision, comment);
    if (problems.length > 0) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `comment: say why (${input.decision})`, {
        fields: problems,
      });
    }
    const steps = await this.connection.getRepository(ctx, DisposalReview).countBy({ requestId: request.id });
    await this.connection.getRepository(ctx, DisposalReview).insert({
      requestId: request.id,
      step: steps + 1,
      level,
      decision: input.decision,
      comment,
      reviewerId: user.id,
      snapshotHash: current,
    });
    const status = statusAfterReview(input.decision, level, request.decidingLevel);
    const action = REVIEW_ACTIONS[status];
    await this.connection
      .getRepository(ctx, DisposalRequest)
      .update({ id: request.id }, { status, stepStartedAt: new Date(), version: request.version + 1 });
    this.ledger.record(ctx, {
      action,
      entityType: DISPOSAL_SUBJECT,
      entityId: request.id,
      before,
      details: { level, decision: input.decision, comment },
    });
    return this.view(ctx, request.id);
  }

  async complete(
    ctx: RequestContext,
    input: { requestId: string; completedOn: string; proceeds: Fen; evidenceFileIds?: string[] },
  ): Promise<DisposalView> {
    const user = ctx.currentUser;
    const { request, asset } = await this.lock(ctx, input.requestId);
    this.assertRequesterOf(user, request);
    this.assertStatus(request, [DisposalStatus.APPROVED], 'completed');
    const approvedOn = todayInChina(request.stepStartedAt);
    const problems = completionProblems(input.completedOn, approvedOn, todayInChina());
    if (problems.length > 0) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        `completedOn: between the approval (${approvedOn}) and today`,
        { fields: problems },
      );
    }
    const extra = await this.files.requireEvidence(
      ctx,
      input.evidenceFileIds,
      'evidenceFileIds',
      asset.locationCode,
    );
    const before = await this.stateOf(ctx, request.id);
    const assetBefore = await this.assets.stateOf(ctx, asset.id);
    const owners = (await this.ownership.currentOwnersOf(ctx, [asset.id])).get(asset.id) ?? [];
    const destination = proceedsDestination(owners);
    let incomeId: string | null = null;
    if (input.proceeds > 0n) {
      incomeId = (await this.income.recordProceeds(ctx, asset, input.proceeds, input.completedOn, request.id))
        .id;
    }
    await this.connection.getRepository(ctx, Asset).update(
      { id: asset.id },
      {
        status: AssetStatus.DISPOSED,
        statusSince: input.completedOn,
        ...termsEndingOnDisposal(asset, input.completedOn),
        version: asset.version + 1,
      },
    );
    await this.connection.getRepository(ctx, DisposalRequest).update(
      { id: request.id },
      {
        status: DisposalStatus.COMPLETED,
        completedOn: input.completedOn,
        proceeds: input.proceeds,
        proceedsDestination: input.proceeds > 0n ? destination : null,
        proceedsIncomeId: incomeId,
        evidence: { ...request.evidence, other: [...request.evidence.other, ...extra] },
        version: request.version + 1,
      },
    );
    this.ledger.record(ctx, {
      action: LedgerAction.DISPOSAL_COMPLETED,
      entityType: DISPOSAL_SUBJECT,
      entityId: request.id,
      before,
    });
    this.assets.recordChange(ctx, asset.id, LedgerAction.ASSET_DISPOSED, assetBefore, {
      disposalId: request.id,
      method: request.method,
    });
    return this.view(ctx, request.id);
  }

  // ---------------------------------------------------------------------------------------------------
  // Reads
  // ---------------------------------------------------------------------------------------------------

  /**
   * The request whose proceeds each income record is (records of completed disposals only), for the
   * income records' `disposalId`: whoever reads the record may follow it (the request's own page checks
   * its region again).
   */
  async proceedsOf(ctx: RequestContext, incomeIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.connection.getRepository(ctx, DisposalRequest).find({
      select: { id: true, proceedsIncomeId: true },
      where: { proceedsIncomeId: In([...incomeIds]) },
    });
    return new Map(rows.map((r) => [r.proceedsIncomeId!, r.id]));
  }

  async findOne(ctx: RequestContext, id: string): Promise<DisposalView> {
    const request = await this.connection.getRepository(ctx, DisposalRequest).findOneBy({ id });
    this.scope.getInScope(ctx.currentUser, request, (r) => r.regionCode, disposalRef(id));
    return this.view(ctx, id);
  }

  async list(
    ctx: RequestContext,
    filter: DisposalFilter | undefined,
    first: number | undefined,
    after: string | undefined,
  ): Promise<Connection<DisposalView>> {
    const qb = this.connection.getRepository(ctx, DisposalRequest).createQueryBuilder('d');
    // One asset's requests are read by whoever reads the asset: also a village that co-owns it elsewhere.
    const ofCoOwnedAsset =
      filter?.assetId && !filter.regionCode ? await this.assets.readsAsCoOwner(ctx, filter.assetId) : false;
    if (!ofCoOwnedAsset)
      this.scope.restrict(qb, ctx.currentUser, 'd.region_code', { region: filter?.regionCode });
    if (filter?.status?.length) qb.andWhere('d.status IN (:...statuses)', { statuses: filter.status });
    if (filter?.assetId) qb.andWhere('d.assetId = :assetId', { assetId: filter.assetId });
    return keysetPage(
      qb,
      { first, after, maxPageSize: this.config.pagination.maxPageSize },
      newestFirst('d'),
      (rows) => this.views(ctx, rows),
    );
  }

  /** Open review steps past their deadline, within `prefix` (for red flags). */
  async overdue(ctx: RequestContext, prefix: string): Promise<DisposalView[]> {
    const rows = await this.connection
      .getRepository(ctx, DisposalRequest)
      .createQueryBuilder('d')
      .where('d.regionCode LIKE :prefix', { prefix: `${prefix}%` })
      .andWhere('d.status IN (:...statuses)', {
        statuses: [DisposalStatus.PENDING_TOWNSHIP, DisposalStatus.PENDING_DISTRICT],
      })
      .getMany();
    return (await this.views(ctx, rows)).filter((v) => v.overdue);
  }

  // ---------------------------------------------------------------------------------------------------

  /** SHA-256 of the canonical JSON of the request (with its reviews) and the asset, as they are now. */
  snapshotHash(requestState: Json, assetState: Json): string {
    return sha256Hex(snapshotOf(requestState, assetState));
  }

  /** The owning village's clerk, or the owning level (see requesterRefusal). */
  private async assertRequester(ctx: RequestContext, user: AuthUser, asset: Asset): Promise<void> {
    const owners = (await this.ownership.currentOwnersOf(ctx, [asset.id])).get(asset.id) ?? [];
    const refusal = requesterRefusal(user, asset, owners);
    if (refusal) throw new DomainError(ErrorCode.FORBIDDEN, refusal);
  }

  private assertRequesterOf(user: AuthUser, request: DisposalRequest): void {
    if (user.id !== request.requestedBy) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'Only the requester may do this');
    }
  }

  private assertStatus(request: DisposalRequest, allowed: DisposalStatus[], verb: string): void {
    if (!allowed.includes(request.status)) {
      throw new DomainError(
        ErrorCode.DISPOSAL_WRONG_STATUS,
        `A ${request.status} request cannot be ${verb}`,
        { status: request.status },
      );
    }
  }

  private async evidence(
    ctx: RequestContext,
    input: DisposalEvidenceInput,
    field: string,
    regionCode: string,
  ): Promise<DisposalEvidence> {
    const refs = (ids: string[] | undefined, name: string): Promise<EvidenceRef[]> =>
      this.files.requireEvidence(ctx, ids, `${field}.${name}`, regionCode);
    const missing = evidenceProblems(input, field);
    if (missing.length)
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        missing.map((m) => `${m.field}: ${m.message}`).join('; '),
        { fields: missing },
      );
    return {
      appraisal: await refs(input.appraisalFileIds, 'appraisalFileIds'),
      resolution: await refs(input.resolutionFileIds, 'resolutionFileIds'),
      other: await refs(input.otherFileIds, 'otherFileIds'),
    };
  }

  private async lock(ctx: RequestContext, id: string): Promise<{ request: DisposalRequest; asset: Asset }> {
    const peek = this.scope.getInScope(
      ctx.currentUser,
      await this.connection.getRepository(ctx, DisposalRequest).findOneBy({ id }),
      (r) => r.regionCode,
      disposalRef(id),
    );
    // Lock order: asset, then request (as requestDisposal does).
    const asset = await this.assets.lockForUpdate(ctx, peek.assetId);
    const request = await this.connection
      .getRepository(ctx, DisposalRequest)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.id = :id', { id })
      .getOneOrFail();
    return { request, asset };
  }

  private async stateOf(ctx: RequestContext, id: string): Promise<Json> {
    return (await this.states(this.connection.getManager(ctx), [id])).get(id) ?? null;
  }

  private async view(ctx: RequestContext, id: string): Promise<DisposalView> {
    const request = await this.connection.getRepository(ctx, DisposalRequest).findOneByOrFail({ id });
    return (await this.views(ctx, [request]))[0];
  }

  private async views(ctx: RequestContext, requests: DisposalRequest[]): Promise<DisposalView[]> {
    if (requests.length === 0) return [];
    const manager = this.connection.getManager(ctx);
    const ids = requests.map((r) => r.id);
    const reviews = await this.connection
      .getRepository(ctx, DisposalReview)
      .find({ where: { requestId: In(ids) }, order: { step: 'ASC' } });
    const policies = new Map(
      (
        await this.connection
          .getRepository(ctx, DisposalPolicyVersion)
          .findBy({ version: In([...new Set(requests.map((r) => r.policyVersion))]) })
      ).map((p) => [p.version, p.rules]),
    );
    const assetStates = await this.subjects
      .get('Asset')
      .load(manager, [...new Set(requests.map((r) => r.assetId))]);
    const today = todayInChina();
    return requests.map((r) => {
      const own = reviews.filter((x) => x.requestId === r.id);
      const currentLevel = pendingLevel(r.status);
      const rules = policies.get(r.policyVersion) ?? DEFAULT_DISPOSAL_POLICY;
      const dueOn = reviewDueOn(currentLevel, todayInChina(r.stepStartedAt), rules);
      const snapshot = snapshotOf(requestState(r, own), assetStates.get(r.assetId) ?? null);
      return Object.assign(r, {
        reviews: own,
        snapshot,
        snapshotHash: sha256Hex(snapshot),
        currentLevel,
        dueOn,
        overdue: dueOn !== null && today > dueOn,
      });
    });
  }
}

/** The canonical JSON (RFC 8785) of the request and its asset: what a reviewer sees and decides on. */
function snapshotOf(requestState: Json, assetState: Json): string {
  return canonicalJson({ request: requestState, asset: assetState });
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function requestState(r: DisposalRequest, reviews: DisposalReview[]): Json {
  return toLedgerJson({
    id: r.id,
    assetId: r.assetId,
    regionCode: r.regionCode,
    method: r.method,
    reasonCode: r.reasonCode,
    reasonText: r.reasonText,
    appraisedValue: r.appraisedValue,
    evidence: r.evidence,
    status: r.status,
    decidingLevel: r.decidingLevel,
    policyVersion: r.policyVersion,
    stepStartedAt: r.stepStartedAt,
    requestedBy: r.requestedBy,
    completedOn: r.completedOn,
    proceeds: r.proceeds,
    proceedsDestination: r.proceedsDestination,
    proceedsIncomeId: r.proceedsIncomeId,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
    reviews: reviews.map((x) => ({
      step: x.step,
      level: x.level,
      decision: x.decision,
      comment: x.comment,
      reviewerId: x.reviewerId,
      snapshotHash: x.snapshotHash,
      createdAt: x.createdAt,
    })),
  });
}

function policyState(r: DisposalPolicyVersion): Json {
  return toLedgerJson({
    version: r.version,
    rules: r.rules,
    note: r.note,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  });
}
