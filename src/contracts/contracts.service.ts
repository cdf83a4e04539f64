import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuthUser, Role } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode, ProblemList, registerConstraintErrors } from '@/common/errors';
import { Connection, keysetPage, newestFirst } from '@/common/pagination';
import { addDays, Fen, LocalDate, todayInChina } from '@/common/scalars';
import { APP_CONFIG, AppConfig } from '@/config';
import { IdempotencyService, independentReads, TransactionalConnection } from '@/database';
import { containsPattern, startsWithPattern } from '@/database/like';
import { RecordRef, RegionScopeService } from '@/auth/region-scope.service';
import { Asset } from '@/assets/asset.entity';
import { AssetClass, AssetStatus } from '@/assets/asset.enums';
import { AssetsService } from '@/assets/assets.service';
import { FilesService } from '@/files/files.service';
import { idNumberDigest, maskIdNumber, newIdNumberSalt } from '@/households/id-number';
import { maskPhone } from '@/households/phone';
import { IncomeService } from '@/income/income.service';
import { LedgerAction } from '@/ledger/ledger-actions';
import { Json, toLedgerJson } from '@/ledger/ledger-subject';
import { LedgerSubjectRegistry } from '@/ledger/ledger-subject.registry';
import { LedgerService } from '@/ledger/ledger.service';
import {
  amendmentProblems,
  ContractFacts,
  contractIncomeProblems,
  contractTermsProblems,
  inForceOn,
  Installment,
  installments,
  isPaymentOverdue,
  lastDayInForce,
  operatorProblems,
  paymentPosition,
  PaymentPosition,
  PaymentTerms,
  principalReturnProblems,
  renewalProblems,
  terminationProblems,
} from './contract-rules';
import { Contract, ContractAsset, ContractVersion, Operator } from './contract.entity';
import { ContractChange, ContractKind, ContractStatus } from './contract.enums';
import {
  AmendContractInput,
  ContractFilter,
  OperatorFilter,
  RegisterOperatorInput,
  RenewContractInput,
  ReturnPrincipalInput,
  SignContractInput,
  TerminateContractInput,
} from './contract.types';

export const OPERATOR_SUBJECT = 'Operator';
export const CONTRACT_SUBJECT = 'Contract';

const operatorRef = (id: string): RecordRef => ({ what: 'Operator', id, code: ErrorCode.OPERATOR_NOT_FOUND });
const contractRef = (id: string): RecordRef => ({ what: 'Contract', id, code: ErrorCode.CONTRACT_NOT_FOUND });

registerConstraintErrors({
  UQ_operator_uscc: {
    code: ErrorCode.OPERATOR_DUPLICATE_USCC,
    message: 'An operator with this unified social credit code is already registered in this village',
  },
  UQ_contract_code: {
    code: ErrorCode.CONTRACT_DUPLICATE_CODE,
    message: 'This village already has a contract with this code',
  },
});

/** Versions whose payment terms decide what falls due. */
const PAYMENT_CHANGES = [ContractChange.SIGNED, ContractChange.RENEWED, ContractChange.AMENDED];

/** An operator as the caller may see it (personal data masked outside its village's clerk and officer). */
export interface OperatorView extends Operator {
  masked: boolean;
}

export interface ContractView extends Contract {
  inForce: boolean;
  operatorView: OperatorView;
  assetList: Array<{ id: string; code: string; name: string }>;
  versionList: ContractVersion[];
  /** `overdue`: {@link isPaymentOverdue} with the configured grace days (the red flag's default). */
  position: PaymentPosition & { asOf: string; overdue: boolean };
}

function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

function operatorState(o: Operator): Json {
  return toLedgerJson({
    id: o.id,
    regionCode: o.regionCode,
    kind: o.kind,
    name: o.name,
    uscc: o.uscc,
    idNumberMasked: o.idNumber === null ? null : maskIdNumber(o.idNumber),
    idNumberDigest: o.idNumber === null ? null : idNumberDigest(o.personalSalt, o.idNumber),
    contactPerson: o.contactPerson,
    contactPhoneMasked: o.contactPhone === null ? null : maskPhone(o.contactPhone),
    contactPhoneDigest: o.contactPhone === null ? null : idNumberDigest(o.personalSalt, o.contactPhone),
    note: o.note,
    createdBy: o.createdBy,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    version: o.version,
  });
}

function contractState(c: Contract, assetIds: string[], versions: ContractVersion[]): Json {
  return toLedgerJson({
    id: c.id,
    regionCode: c.regionCode,
    code: c.code,
    kind: c.kind,
    status: c.status,
    ownerName: c.ownerName,
    operatorId: c.operatorId,
    assetIds: [...assetIds].sort(),
    startDate: c.startDate,
    endDate: c.endDate,
    terminatedOn: c.terminatedOn,
    terminationReason: c.terminationReason,
    amount: c.amount,
    schedule: c.schedule,
    guaranteedMinimum: c.guaranteedMinimum,
    equityPrincipal: c.equityPrincipal,
    equityMaturityDate: c.equityMaturityDate,
    principalReturnedOn: c.principalReturnedOn,
    principalReturnedAmount: c.principalReturnedAmount,
    evidence: c.evidence,
    note: c.note,
    createdBy: c.createdBy,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    version: c.version,
    versions: [...versions]
      .sort((a, b) => a.versionNo - b.versionNo)
      .map((v) => ({
        versionNo: v.versionNo,
        change: v.change,
        effectiveFrom: v.effectiveFrom,
        endDate: v.endDate,
        amount: v.amount,
        schedule: v.schedule,
        guaranteedMinimum: v.guaranteedMinimum,
        equityPrincipal: v.equityPrincipal,
        equityMaturityDate: v.equityMaturityDate,
        principalReturned: v.principalReturned,
        note: v.note,
        evidence: v.evidence,
        recordedBy: v.recordedBy,
        createdAt: v.createdAt,
      })),
  });
}

/** The facts the change rules need, from the row and its versions. */
function factsOf(c: Contract, versions: readonly ContractVersion[]): ContractFacts {
  const last = versions
    .filter((v) => PAYMENT_CHANGES.includes(v.change))
    .reduce((m, v) => (v.effectiveFrom > m ? v.effectiveFrom : m), c.startDate);
  return {
    kind: c.kind,
    status: c.status,
    startDate: c.startDate,
    endDate: c.endDate,
    terminatedOn: c.terminatedOn,
    principalReturnedOn: c.principalReturnedOn,
    lastEffectiveFrom: last,
  };
}

/** The payment terms of a contract's versions (what falls due, see contract-rules). */
export function paymentTermsOf(versions: readonly ContractVersion[]): PaymentTerms[] {
  return versions
    .filter((v) => PAYMENT_CHANGES.includes(v.change))
    .sort((a, b) => a.versionNo - b.versionNo)
    .map((v) => ({ effectiveFrom: v.effectiveFrom, amount: v.amount, schedule: v.schedule }));
}

/**
 * Operators (经营主体) and their contracts. The village clerk registers operators and contracts of
 * the village's own operating assets and records their history (renewal, change, early termination,
 * the return of an equity principal), each a version and a ledger entry in the mutation's transaction;
 * township and district read their region. Income links to the contract it is paid under (checked
 * here for recordIncome); what is due and not received is computed per contract.
 */
@Injectable()
export class ContractsService implements OnModuleInit {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly idempotency: IdempotencyService,
    private readonly scope: RegionScopeService,
    private readonly ledger: LedgerService,
    private readonly subjects: LedgerSubjectRegistry,
    private readonly assets: AssetsService,
    private readonly income: IncomeService,
    private readonly files: FilesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      entityType: OPERATOR_SUBJECT,
      load: async (manager, ids) => {
        const rows = await manager.getRepository(Operator).findBy({ id: In(ids) });
        return new Map(rows.map((o) => [o.id, operatorState(o)]));
      },
      keyset: { entity: Operator },
      regionOf: (state) => (state as { regionCode: string }).regionCode,
    });
    this.subjects.register({
      entityType: CONTRACT_SUBJECT,
      load: (manager, ids) => this.states(manager, ids),
      keyset: { entity: Contract },
      regionOf: (state) => (state as { regionCode: string }).regionCode,
    });
    this.income.setContractCheck((ctx, income) => this.checkIncome(ctx, income));
  }

  private async states(manager: EntityManager, ids: string[]): Promise<Map<string, Json>> {
    if (ids.length === 0) return new Map();
    const contracts = await manager.getRepository(Contract).findBy({ id: In(ids) });
    const links = await manager.getRepository(ContractAsset).findBy({ contractId: In(ids) });
    const versions = await manager.getRepository(ContractVersion).findBy({ contractId: In(ids) });
    return new Map(
      contracts.map((c) => [
        c.id,
        contractState(
          c,
          links.filter((l) => l.contractId === c.id).map((l) => l.assetId),
          versions.filter((v) => v.contractId === c.id),
        ),
      ]),
    );
  }

  // ---------------------------------------------------------------------------------------------------
  // Who may write
  // ---------------------------------------------------------------------------------------------------

  /** Only a village clerk writes operators and contracts, in their own village. */
  private assertClerk(user: AuthUser): void {
    if (user.role !== Role.VILLAGE_CLERK) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        'Operators and contracts are registered and kept by the village clerk; townships and the district only read them',
      );
    }
  }

  /** Whether `user` sees an operator's personal data in full (its village's clerk and township officer). */
  canSeePersonal(user: AuthUser, regionCode: string): boolean {
    return (
      (user.role === Role.VILLAGE_CLERK || user.role === Role.TOWNSHIP_OFFICER) &&
      this.scope.canWrite(user, regionCode)
    );
  }

  private operatorView(user: AuthUser, o: Operator): OperatorView {
    const full = this.canSeePersonal(user, o.regionCode);
    return Object.assign(Object.create(Object.getPrototypeOf(o) as object) as Operator, o, {
      idNumber: o.idNumber === null || full ? o.idNumber : maskIdNumber(o.idNumber),
      contactPerson: o.contactPerson === null || full ? o.contactPerson : maskName(o.contactPerson),
      contactPhone: o.contactPhone === null || full ? o.contactPhone : maskPhone(o.contactPhone),
      masked: !full,
    });
  }

  // ---------------------------------------------------------------------------------------------------
  // Operators
  // ---------------------------------------------------------------------------------------------------

  registerOperator(ctx: RequestContext, input: RegisterOperatorInput): Promise<OperatorView> {
    return this.idempotency.run(
      ctx,
      {
        operation: 'registerOperator',
        key: input.idempotencyKey,
        request: input,
        remember: (o: OperatorView) => ({ id: o.id }),
        replay: ({ id }) => this.findOperator(ctx, id),
      },
      () => this.insertOperator(ctx, input),
    );
  }

  private async insertOperator(ctx: RequestContext, input: RegisterOperatorInput): Promise<OperatorView> {
    const user = ctx.currentUser;
    this.assertClerk(user);
    new ProblemList().addAll(operatorProblems(input, todayInChina())).throwIfAny();
    const uscc = input.uscc?.trim() || null;
    if (uscc) {
      const existing = await this.connection
        .getRepository(ctx, Operator)
        .findOneBy({ regionCode: user.regionCode, uscc });
      if (existing) {
        throw new DomainError(
          ErrorCode.OPERATOR_DUPLICATE_USCC,
          `The operator "${existing.name}" with the unified social credit code ${uscc} is already registered in this village`,
          { operatorId: existing.id },
        );
      }
    }
    const inserted = await this.connection.getRepository(ctx, Operator).insert({
      regionCode: user.regionCode,
      kind: input.kind,
      name: input.name.trim(),
      uscc,
      idNumber: input.idNumber?.trim().toUpperCase() || null,
      contactPerson: input.contactPerson?.trim() || null,
      contactPhone: input.contactPhone?.trim() || null,
      personalSalt: newIdNumberSalt(),
      note: input.note?.trim() || null,
      createdBy: user.id,
    });
    const id = inserted.identifiers[0].id as string;
    this.ledger.record(ctx, {
      action: LedgerAction.OPERATOR_REGISTERED,
      entityType: OPERATOR_SUBJECT,
      entityId: id,
    });
    return this.findOperator(ctx, id);
  }

  async findOperator(ctx: RequestContext, id: string): Promise<OperatorView> {
    const row = await this.connection.getRepository(ctx, Operator).findOneBy({ id });
    return this.operatorView(
      ctx.currentUser,
      this.scope.getInScope(ctx.currentUser, row, (o) => o.regionCode, operatorRef(id)),
    );
  }

  async operators(
    ctx: RequestContext,
    filter: OperatorFilter | undefined,
    first: number | undefined,
    after: string | undefined,
  ): Promise<Connection<OperatorView>> {
    const qb = this.scope.restrict(
      this.connection.getRepository(ctx, Operator).createQueryBuilder('o'),
      ctx.currentUser,
      'o.region_code',
      { region: filter?.regionCode },
    );
    if (filter?.kind) qb.andWhere('o.kind = :kind', { kind: filter.kind });
    if (filter?.search?.trim()) {
      qb.andWhere('(o.name ILIKE :q OR o.uscc ILIKE :q)', { q: containsPattern(filter.search.trim()) });
    }
    return keysetPage(
      qb,
      { first, after, maxPageSize: this.config.pagination.maxPageSize },
      newestFirst('o'),
      async (rows) => rows.map((o) => this.operatorView(ctx.currentUser, o)),
    );
  }

  // ---------------------------------------------------------------------------------------------------
  // Contracts
  // ---------------------------------------------------------------------------------------------------

  sign(ctx: RequestContext, input: SignContractInput): Promise<ContractView> {
    return this.idempotency.run(
      ctx,
      {
        operation: 'signContract',
        key: input.idempotencyKey,
        request: input,
        remember: (c: ContractView) => ({ id: c.id }),
        replay: ({ id }) => this.findOne(ctx, id),
      },
      () => this.insertContract(ctx, input),
    );
  }

  private async insertContract(ctx: RequestContext, input: SignContractInput): Promise<ContractView> {
    const user = ctx.currentUser;
    this.assertClerk(user);
    const village = user.regionCode;
    const problems = new ProblemList().addAll(
      contractTermsProblems({
        kind: input.kind,
        startDate: input.startDate,
        endDate: input.endDate,
        amount: input.amount,
        schedule: input.schedule,
        guaranteedMinimum: input.guaranteedMinimum ?? null,
        equityPrincipal: input.equityPrincipal ?? null,
        equityMaturityDate: input.equityMaturityDate ?? null,
      }),
    );
    const operator = this.scope.getInScope(
      user,
      await this.connection.getRepository(ctx, Operator).findOneBy({ id: input.operatorId }),
      (o) => o.regionCode,
      operatorRef(input.operatorId),
    );
    if (operator.regionCode !== village) {
      problems.add('input.operatorId', 'the operator must first be registered in this village');
    }
    // Lock the assets in a fixed order (as other writers of assets do: one at a time, by id).
    const ids = [...new Set(input.assetIds)].sort();
    const assets: Asset[] = [];
    for (const id of ids) assets.push(await this.assets.lockForUpdate(ctx, id));
    assets.forEach((a) => {
      const field = `input.assetIds[${input.assetIds.indexOf(a.id)}]`;
      if (a.locationCode !== village)
        problems.add(
          field,
          `asset ${a.code} is not in this village: this village cannot sign a contract for it`,
        );
      else if (a.class !== AssetClass.OPERATING)
        problems.add(field, `asset ${a.code} is not an operating asset`);
      else if (a.status === AssetStatus.DISPOSED) problems.add(field, `asset ${a.code} is disposed`);
    });
    problems.throwIfAny();
    const evidence = await this.files.requireEvidence(
      ctx,
      input.evidenceFileIds,
      'input.evidenceFileIds',
      village,
    );
    const code = input.code.trim();
    if (await this.connection.getRepository(ctx, Contract).existsBy({ regionCode: village, code })) {
      throw new DomainError(ErrorCode.CONTRACT_DUPLICATE_CODE, `This village already has contract ${code}`);
    }
    const inserted = await this.connection.getRepository(ctx, Contract).insert({
      regionCode: village,
      code,
      kind: input.kind,
      status: ContractStatus.ACTIVE,
      ownerName: input.ownerName.trim(),
      operatorId: operator.id,
      startDate: input.startDate,
      endDate: input.endDate,
      terminatedOn: null,
      terminationReason: null,
      amount: input.amount,
      schedule: input.schedule,
      guaranteedMinimum: input.guaranteedMinimum ?? null,
      equityPrincipal: input.equityPrincipal ?? null,
      equityMaturityDate: input.equityMaturityDate ?? null,
      principalReturnedOn: null,
      principalReturnedAmount: null,
      evidence,
      note: input.note?.trim() || null,
      createdBy: user.id,
    });
    const id = inserted.identifiers[0].id as string;
    await this.connection
      .getRepository(ctx, ContractAsset)
      .insert(assets.map((a) => ({ contractId: id, assetId: a.id })));
    const contract = await this.connection.getRepository(ctx, Contract).findOneByOrFail({ id });
    await this.insertVersion(ctx, contract, ContractChange.SIGNED, input.startDate, {
      note: contract.note,
      evidence,
    });
    this.ledger.record(ctx, {
      action: LedgerAction.CONTRACT_SIGNED,
      entityType: CONTRACT_SUBJECT,
      entityId: id,
    });
    return this.findOne(ctx, id);
  }

  async renew(
    ctx: RequestContext,
    id: string,
    expectedVersion: number | undefined,
    input: RenewContractInput,
  ): Promise<ContractView> {
    const { contract, versions, before } = await this.lockForChange(ctx, id, expectedVersion);
    new ProblemList().addAll(renewalProblems(factsOf(contract, versions), input.endDate)).throwIfAny();
    const evidence = await this.files.requireEvidence(
      ctx,
      input.evidenceFileIds,
      'input.evidenceFileIds',
      contract.regionCode,
    );
    const effectiveFrom = addDays(contract.endDate, 1);
    const changes = {
      endDate: input.endDate,
      amount: input.amount ?? contract.amount,
      schedule: input.schedule ?? contract.schedule,
      guaranteedMinimum: input.guaranteedMinimum ?? contract.guaranteedMinimum,
    };
    const problems = contractTermsProblems({ ...contract, ...changes });
    new ProblemList().addAll(problems).throwIfAny();
    await this.update(ctx, contract, changes);
    await this.insertVersion(ctx, { ...contract, ...changes }, ContractChange.RENEWED, effectiveFrom, {
      note: input.note?.trim() || null,
      evidence,
    });
    this.ledger.record(ctx, {
      action: LedgerAction.CONTRACT_RENEWED,
      entityType: CONTRACT_SUBJECT,
      entityId: id,
      before,
      details: { endDate: input.endDate, previousEndDate: contract.endDate },
    });
    return this.findOne(ctx, id);
  }

  async amend(
    ctx: RequestContext,
    id: string,
    expectedVersion: number | undefined,
    input: AmendContractInput,
  ): Promise<ContractView> {
    const { contract, versions, before } = await this.lockForChange(ctx, id, expectedVersion);
    const problems = new ProblemList().addAll(
      amendmentProblems(factsOf(contract, versions), input.effectiveFrom),
    );
    if (input.equityMaturityDate && contract.kind !== ContractKind.EQUITY) {
      problems.add('input.equityMaturityDate', 'only an equity contract has a principal maturity date');
    }
    problems.throwIfAny();
    const changes = {
      amount: input.amount ?? contract.amount,
      schedule: input.schedule ?? contract.schedule,
      guaranteedMinimum: input.guaranteedMinimum ?? contract.guaranteedMinimum,
      equityMaturityDate: input.equityMaturityDate ?? contract.equityMaturityDate,
    };
    new ProblemList().addAll(contractTermsProblems({ ...contract, ...changes })).throwIfAny();
    const evidence = await this.files.requireEvidence(
      ctx,
      input.evidenceFileIds,
      'input.evidenceFileIds',
      contract.regionCode,
    );
    await this.update(ctx, contract, changes);
    await this.insertVersion(ctx, { ...contract, ...changes }, ContractChange.AMENDED, input.effectiveFrom, {
      note: input.note.trim(),
      evidence,
    });
    this.ledger.record(ctx, {
      action: LedgerAction.CONTRACT_AMENDED,
      entityType: CONTRACT_SUBJECT,
      entityId: id,
      before,
      details: { effectiveFrom: input.effectiveFrom },
    });
    return this.findOne(ctx, id);
  }

  async terminate(
    ctx: RequestContext,
    id: string,
    expectedVersion: number | undefined,
    input: TerminateContractInput,
  ): Promise<ContractView> {
    const { contract, versions, before } = await this.lockForChange(ctx, id, expectedVersion);
    new ProblemList()
      .addAll(terminationProblems(factsOf(contract, versions), input.terminatedOn))
      .throwIfAny();
    const evidence = await this.files.requireEvidence(
      ctx,
      input.evidenceFileIds,
      'input.evidenceFileIds',
      contract.regionCode,
    );
    const changes = {
      status: ContractStatus.TERMINATED,
      terminatedOn: input.terminatedOn,
      terminationReason: input.reason.trim(),
    };
    await this.update(ctx, contract, changes);
    await this.insertVersion(ctx, contract, ContractChange.TERMINATED, input.terminatedOn, {
      note: input.reason.trim(),
      evidence,
    });
    this.ledger.record(ctx, {
      action: LedgerAction.CONTRACT_TERMINATED,
      entityType: CONTRACT_SUBJECT,
      entityId: id,
      before,
      details: { terminatedOn: input.terminatedOn, reason: input.reason.trim() },
    });
    return this.findOne(ctx, id);
  }

  async returnPrincipal(
    ctx: RequestContext,
    id: string,
    expectedVersion: number | undefined,
    input: ReturnPrincipalInput,
  ): Promise<ContractView> {
    const { contract, versions, before } = await this.lockForChange(ctx, id, expectedVersion, true);
    new ProblemList()
      .addAll(principalReturnProblems(factsOf(contract, versions), input.returnedOn, todayInChina()))
      .throwIfAny();
    const evidence = await this.files.requireEvidence(
      ctx,
      input.evidenceFileIds,
      'input.evidenceFileIds',
      contract.regionCode,
    );
    await this.update(ctx, contract, {
      principalReturnedOn: input.returnedOn,
      principalReturnedAmount: input.amount,
    });
    await this.insertVersion(ctx, contract, ContractChange.PRINCIPAL_RETURNED, input.returnedOn, {
      note: input.note?.trim() || null,
      evidence,
      principalReturned: input.amount,
    });
    this.ledger.record(ctx, {
      action: LedgerAction.CONTRACT_PRINCIPAL_RETURNED,
      entityType: CONTRACT_SUBJECT,
      entityId: id,
      before,
      details: { returnedOn: input.returnedOn, amount: input.amount.toString() },
    });
    return this.findOne(ctx, id);
  }

  /**
   * The contract for a change, locked: the caller is the clerk of its village; the version is the one
   * read (when given). A terminated contract's principal can still come back (`afterEnd`).
   */
  private async lockForChange(
    ctx: RequestContext,
    id: string,
    expectedVersion: number | undefined,
    afterEnd = false,
  ): Promise<{ contract: Contract; versions: ContractVersion[]; before: Json }> {
    const user = ctx.currentUser;
    const peek = this.scope.getInScope(
      user,
      await this.connection.getRepository(ctx, Contract).findOneBy({ id }),
      (c) => c.regionCode,
      contractRef(id),
    );
    this.assertClerk(user);
    this.scope.assertWrite(user, peek.regionCode, `contract ${peek.code}`);
    const contract = await this.connection
      .getRepository(ctx, Contract)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id })
      .getOneOrFail();
    if (expectedVersion !== undefined && contract.version !== expectedVersion) {
      throw new DomainError(
        ErrorCode.STALE_VERSION,
        `The contract was changed by someone else (it is now version ${contract.version}): refresh and try again`,
        {
          currentVersion: contract.version,
        },
      );
    }
    if (!afterEnd && contract.status !== ContractStatus.ACTIVE) {
      throw new DomainError(
        ErrorCode.CONTRACT_WRONG_STATUS,
        `Contract ${contract.code} was terminated early on ${contract.terminatedOn}: it can no longer be renewed, amended or terminated`,
      );
    }
    const versions = await this.connection.getRepository(ctx, ContractVersion).findBy({ contractId: id });
    const before = (await this.states(this.connection.getManager(ctx), [id])).get(id) ?? null;
    return { contract, versions, before };
  }

  private async update(ctx: RequestContext, contract: Contract, changes: Partial<Contract>): Promise<void> {
    await this.connection
      .getRepository(ctx, Contract)
      .update({ id: contract.id }, { ...changes, version: contract.version + 1 });
  }

  private async insertVersion(
    ctx: RequestContext,
    terms: Contract,
    change: ContractChange,
    effectiveFrom: LocalDate,
    extra: { note: string | null; evidence: Contract['evidence']; principalReturned?: Fen },
  ): Promise<void> {
    const repo = this.connection.getRepository(ctx, ContractVersion);
    const versionNo = (await repo.countBy({ contractId: terms.id })) + 1;
    await repo.insert({
      contractId: terms.id,
      versionNo,
      change,
      effectiveFrom,
      endDate: terms.endDate,
      amount: terms.amount,
      schedule: terms.schedule,
      guaranteedMinimum: terms.guaranteedMinimum,
      equityPrincipal: terms.equityPrincipal,
      equityMaturityDate: terms.equityMaturityDate,
      principalReturned: extra.principalReturned ?? null,
      note: extra.note,
      evidence: extra.evidence,
      recordedBy: ctx.currentUser.id,
    });
  }

  /** recordIncome's check of the contract an income is paid under (see IncomeService). */
  private async checkIncome(
    ctx: RequestContext,
    income: { contractId: string; assetId: string; kind: string; periodFrom: string },
  ): Promise<void> {
    const contract = this.scope.getInScope(
      ctx.currentUser,
      await this.connection
        .getRepository(ctx, Contract)
        .createQueryBuilder('c')
        .setLock('pessimistic_read')
        .where('c.id = :id', { id: income.contractId })
        .getOne(),
      (c) => c.regionCode,
      contractRef(income.contractId),
    );
    const assetIds = (
      await this.connection.getRepository(ctx, ContractAsset).findBy({ contractId: contract.id })
    ).map((l) => l.assetId);
    const problems = contractIncomeProblems(contract, assetIds, income);
    if (problems.length > 0) {
      throw new DomainError(
        ErrorCode.CONTRACT_NOT_IN_FORCE,
        problems.map((p) => `${p.field}: ${p.message}`).join('; '),
        { fields: problems },
      );
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Reads
  // ---------------------------------------------------------------------------------------------------

  async findOne(ctx: RequestContext, id: string): Promise<ContractView> {
    const row = await this.connection.getRepository(ctx, Contract).findOneBy({ id });
    const contract = this.scope.getInScope(ctx.currentUser, row, (c) => c.regionCode, contractRef(id));
    return (await this.views(ctx, [contract]))[0];
  }

  async list(
    ctx: RequestContext,
    filter: ContractFilter | undefined,
    first: number | undefined,
    after: string | undefined,
  ): Promise<Connection<ContractView>> {
    const qb = this.scope.restrict(
      this.connection.getRepository(ctx, Contract).createQueryBuilder('c'),
      ctx.currentUser,
      'c.region_code',
      { region: filter?.regionCode },
    );
    if (filter?.kind) qb.andWhere('c.kind = :kind', { kind: filter.kind });
    if (filter?.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter?.operatorId) qb.andWhere('c.operatorId = :operatorId', { operatorId: filter.operatorId });
    if (filter?.overdue !== undefined && filter.overdue !== null) {
      // The red flag's own finder, over the same region: the list and the flag count the same contracts.
      const region = this.scope.narrowest(ctx.currentUser, filter.regionCode);
      const grace = this.config.supervision.paymentGraceDays;
      const ids = (await this.overduePayments(ctx, region, todayInChina(), grace)).map((c) => c.id);
      qb.andWhere(
        filter.overdue
          ? 'c.id = ANY(CAST(:overdueIds AS uuid[]))'
          : 'NOT (c.id = ANY(CAST(:overdueIds AS uuid[])))',
        { overdueIds: ids },
      );
    }
    if (filter?.assetId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM contract_asset l WHERE l.contract_id = c.id AND l.asset_id = :assetId)',
        {
          assetId: filter.assetId,
        },
      );
    }
    return keysetPage(
      qb,
      { first, after, maxPageSize: this.config.pagination.maxPageSize },
      newestFirst('c'),
      (rows) => this.views(ctx, rows),
    );
  }

  /** The contracts of an asset (newest first), for the asset's page. */
  async ofAsset(ctx: RequestContext, asset: Asset): Promise<ContractView[]> {
    const rows = await this.connection
      .getRepository(ctx, Contract)
      .createQueryBuilder('c')
      .where('EXISTS (SELECT 1 FROM contract_asset l WHERE l.contract_id = c.id AND l.asset_id = :id)', {
        id: asset.id,
      })
      .orderBy('c.start_date', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
    // A village that co-owns the asset elsewhere reads its contracts, as it reads the asset.
    if (
      rows.length > 0 &&
      !this.scope.canRead(ctx.currentUser, asset.locationCode) &&
      (await this.assets.readsAsCoOwner(ctx, asset.id))
    ) {
      return this.views(ctx, rows);
    }
    return this.views(
      ctx,
      rows.filter((c) => this.scope.canRead(ctx.currentUser, c.regionCode)),
    );
  }

  async views(
    ctx: RequestContext,
    contracts: Contract[],
    asOf: LocalDate = todayInChina(),
  ): Promise<ContractView[]> {
    if (contracts.length === 0) return [];
    const ids = contracts.map((c) => c.id);
    const [operators, links, versions, received] = await independentReads(ctx.manager, [
      () =>
        this.connection
          .getRepository(ctx, Operator)
          .findBy({ id: In([...new Set(contracts.map((c) => c.operatorId))]) }),
      () => this.connection.getRepository(ctx, ContractAsset).findBy({ contractId: In(ids) }),
      () =>
        this.connection
          .getRepository(ctx, ContractVersion)
          .find({ where: { contractId: In(ids) }, order: { versionNo: 'ASC' } }),
      () => this.income.receivedByContract(ctx, ids),
    ]);
    const assets = await this.connection.getRepository(ctx, Asset).find({
      where: { id: In([...new Set(links.map((l) => l.assetId))]) },
      select: { id: true, code: true, name: true },
    });
    const operatorById = new Map(operators.map((o) => [o.id, o]));
    const assetById = new Map(assets.map((a) => [a.id, a]));
    return contracts.map((c) => {
      const own = versions.filter((v) => v.contractId === c.id);
      const list = installments(paymentTermsOf(own), lastDayInForce(c));
      return Object.assign(c, {
        inForce: inForceOn(c, asOf),
        operatorView: this.operatorView(ctx.currentUser, operatorById.get(c.operatorId)!),
        assetList: links
          .filter((l) => l.contractId === c.id)
          .map((l) => assetById.get(l.assetId)!)
          .sort((a, b) => a.code.localeCompare(b.code))
          .map((a) => ({ id: a.id, code: a.code, name: a.name })),
        versionList: own,
        position: this.position(list, received.get(c.id) ?? 0n, asOf),
      });
    });
  }

  /** The payment position of a contract, overdue by the grace days the red flag uses by default. */
  private position(list: Installment[], received: Fen, asOf: LocalDate): ContractView['position'] {
    const position = paymentPosition(list, received, asOf);
    return {
      asOf,
      ...position,
      overdue: isPaymentOverdue(position, this.config.supervision.paymentGraceDays),
    };
  }

  // ---------------------------------------------------------------------------------------------------
  // Red flags
  // ---------------------------------------------------------------------------------------------------

  private async contractsIn(
    ctx: RequestContext,
    prefix: string,
    where: string,
    params: unknown[] = [],
  ): Promise<Contract[]> {
    return this.connection
      .getRepository(ctx, Contract)
      .createQueryBuilder('c')
      .where('c.region_code LIKE :prefix', { prefix: startsWithPattern(prefix) })
      .andWhere(where, Object.fromEntries(params.map((p, i) => [`p${i}`, p])))
      .orderBy('c.region_code')
      .addOrderBy('c.code')
      .getMany();
  }

  /** Contracts whose oldest unpaid rent or dividend fell due more than `graceDays` ago. */
  async overduePayments(
    ctx: RequestContext,
    prefix: string,
    asOf: LocalDate,
    graceDays: number,
  ): Promise<ContractView[]> {
    const rows = await this.contractsIn(ctx, prefix, 'c.start_date <= :p0', [asOf]);
    return (await this.views(ctx, rows, asOf)).filter((v) => isPaymentOverdue(v.position, graceDays));
  }

  /** Active contracts ending within `days` (a renewal moves the end, so they are the ones not renewed). */
  async endingWithoutRenewal(
    ctx: RequestContext,
    prefix: string,
    asOf: LocalDate,
    days: number,
  ): Promise<ContractView[]> {
    const rows = await this.contractsIn(
      ctx,
      prefix,
      `c.status = 'ACTIVE' AND c.end_date BETWEEN :p0 AND :p1`,
      [asOf, addDays(asOf, days)],
    );
    return this.views(ctx, rows, asOf);
  }

  /** Equity stakes past maturity whose principal has not come back. */
  async principalNotReturned(ctx: RequestContext, prefix: string, asOf: LocalDate): Promise<ContractView[]> {
    const rows = await this.contractsIn(
      ctx,
      prefix,
      `c.kind = 'EQUITY' AND c.equity_maturity_date < :p0 AND c.principal_returned_on IS NULL`,
      [asOf],
    );
    return this.views(ctx, rows, asOf);
  }

  /**
   * Operating assets in use, not run by the owner itself (operating mode other than SELF_RUN), with no
   * contract in force on `asOf`. The legacy contract text on the asset does not count.
   */
  async assetsWithoutContract(
    ctx: RequestContext,
    prefix: string,
    asOf: LocalDate,
  ): Promise<
    Array<{
      id: string;
      code: string;
      name: string;
      locationCode: string;
      since: string | null;
      formedValue: Fen;
    }>
  > {
    const rows: Array<{
      id: string;
      code: string;
      name: string;
      location_code: string;
      since: string | null;
      formed_value: string;
    }> = await this.connection.getManager(ctx).query(
      `SELECT a.id, a.code, a.name, a.location_code, a.formed_value::text,
                (SELECT max(coalesce(c.terminated_on, c.end_date)) FROM contract c JOIN contract_asset l ON l.contract_id = c.id
                  WHERE l.asset_id = a.id AND coalesce(c.terminated_on, c.end_date) < $2) AS since
           FROM asset a
          WHERE a.location_code LIKE $1 AND a.class = 'OPERATING' AND a.status = 'IN_USE'
            AND a.operating_mode IS DISTINCT FROM 'SELF_RUN'
            AND NOT EXISTS (SELECT 1 FROM contract c JOIN contract_asset l ON l.contract_id = c.id
                             WHERE l.asset_id = a.id AND c.start_date <= $2 AND coalesce(c.terminated_on, c.end_date) >= $2)
          ORDER BY a.location_code, a.code`,
      [startsWithPattern(prefix), asOf],
    );
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      locationCode: r.location_code,
      since: r.since,
      formedValue: BigInt(r.formed_value),
    }));
  }
}
