import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode } from '@/common/errors';
import { APP_CONFIG, AppConfig } from '@/config';
import { TransactionalConnection } from '@/database';
import { formatWitnessPolicy } from '../bundle/witness-policy';
import { CheckpointService } from '../checkpoint.service';
import { LedgerAction } from '../ledger-actions';
import { LedgerCheckpoint } from '../ledger.entity';
import { LedgerKeyService } from '../ledger-key.service';
import { toLedgerJson } from '../ledger-subject';
import { LedgerSubjectRegistry } from '../ledger-subject.registry';
import { LedgerService } from '../ledger.service';
import { nodeReader } from '../merkle-store';
import { consistencyProof } from '../merkle/tree';
import { parseCheckpoint } from '../note/checkpoint';
import { CosignatureVerifier, parseCosignatureVerifierKey } from '../note/cosignature';
import { parseNote } from '../note/note';
import { formatAddCheckpointRequest, openRefusal, WitnessProtocolError } from '../note/witness-protocol';
import { Witness, WitnessPolicyVersion, WitnessRefusal, WitnessStatus } from './witness.entity';
import { WitnessPushAnswer, WitnessPushOutcome } from './witness-push';

export const WITNESS_SUBJECT = 'Witness';
export const WITNESS_POLICY_SUBJECT = 'WitnessPolicy';

/** A cosignature as stored, with its witness. */
export interface StoredCosignature {
  treeSize: number;
  witnessId: string;
  witnessName: string;
  signedAt: Date;
  line: string;
}

/** Which witnesses cosigned a checkpoint, against the current policy. */
export interface Witnessing {
  policyVersion: number | null;
  required: number;
  validCosignatures: number;
  reached: boolean;
  cosignedNote: string;
  cosignatures: StoredCosignature[];
  behind: Witness[];
}

function witnessState(w: Witness) {
  return toLedgerJson({
    id: w.id,
    name: w.name,
    verifierKey: w.verifierKey,
    regionCode: w.regionCode,
    url: w.url,
    status: w.status,
    registeredBy: w.registeredBy,
    approvedBy: w.approvedBy,
    approvedAt: w.approvedAt,
    revokedBy: w.revokedBy,
    revokedAt: w.revokedAt,
    revokeReason: w.revokeReason,
  });
}

const policyState = (p: WitnessPolicyVersion) =>
  toLedgerJson({
    version: p.version,
    quorum: p.quorum,
    witnessIds: p.witnessIds,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
  });

/**
 * Witnesses of the ledger (C2SP tlog-witness, tlog-cosignature). People register the public keys of
 * witness keys they hold (the server never sees a private witness key); an ADMIN approves or revokes
 * them; the district sets a k-of-n policy. Witnesses get the newest checkpoint with a consistency proof
 * from the one they cosigned last — pulled over HTTP by the witness CLI, or pushed by the server to a
 * witness that answers add-checkpoint — and their verified cosignatures are kept beside the checkpoint.
 * Registration, approval, revocation and policies are ledger entries; cosignatures and refusals are
 * insert-only rows.
 */
@Injectable()
export class WitnessService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WitnessService');
  private timer: NodeJS.Timeout | undefined;
  private pushing: Promise<unknown> | undefined;
  private readonly pullers: Array<() => Promise<void>> = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connection: TransactionalConnection,
    private readonly ledger: LedgerService,
    private readonly subjects: LedgerSubjectRegistry,
    private readonly checkpoints: CheckpointService,
    private readonly keys: LedgerKeyService,
  ) {}

  private get ledgerId(): string {
    return this.config.ledger.districtCode;
  }

  onModuleInit(): void {
    this.subjects.register({
      entityType: WITNESS_SUBJECT,
      load: async (manager, ids) => {
        if (ids.length === 0) return new Map();
        const rows = await manager.getRepository(Witness).findBy({ id: In(ids) });
        return new Map(rows.map((w) => [w.id, witnessState(w)]));
      },
      keyset: { entity: Witness },
      regionOf: (state) => (state as { regionCode: string }).regionCode,
    });
    this.subjects.register({
      entityType: WITNESS_POLICY_SUBJECT,
      load: async (manager, ids) => {
        const versions = ids.map(Number).filter(Number.isSafeInteger);
        if (versions.length === 0) return new Map();
        const rows = await manager.getRepository(WitnessPolicyVersion).findBy({ version: In(versions) });
        return new Map(rows.map((p) => [String(p.version), policyState(p)]));
      },
      keyset: { entity: WitnessPolicyVersion, column: 'version', parse: Number },
      regionOf: () => this.ledgerId,
    });
  }

  /** Witnesses with a URL get each new checkpoint pushed, on the checkpoint timer. */
  onApplicationBootstrap(): void {
    const seconds = this.config.ledger.checkpointEverySeconds;
    if (seconds > 0) {
      this.timer = setInterval(() => void this.pushInBackground(), seconds * 1000);
      this.timer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.pushing?.catch(() => undefined);
  }

  // ---------------------------------------------------------------------------------------------------
  // Registration, approval, revocation, policy
  // ---------------------------------------------------------------------------------------------------

  async register(ctx: RequestContext, input: { verifierKey: string; url?: string }): Promise<Witness> {
    const user = ctx.currentUser;
    let verifier: CosignatureVerifier;
    try {
      verifier = parseCosignatureVerifierKey(input.verifierKey.trim());
    } catch (e) {
      throw new DomainError(ErrorCode.WITNESS_KEY_INVALID, `verifierKey: ${(e as Error).message}`, {
        fields: [{ field: 'input.verifierKey', message: (e as Error).message }],
      });
    }
    if (this.keys.verifiers.some((k) => k.publicKey.equals(verifier.publicKey))) {
      throw new DomainError(
        ErrorCode.WITNESS_KEY_INVALID,
        'verifierKey: the ledger key cannot witness itself',
        {
          fields: [{ field: 'input.verifierKey', message: 'is the ledger key' }],
        },
      );
    }
    const repo = this.connection.getRepository(ctx, Witness);
    const clash = await repo.findOne({
      where: [{ name: verifier.name }, { verifierKey: verifier.verifierKey }],
    });
    if (clash) {
      throw new DomainError(
        ErrorCode.WITNESS_DUPLICATE,
        `A witness named ${verifier.name} or with this key is registered already`,
      );
    }
    const witness = repo.create({
      id: randomUUID(),
      name: verifier.name,
      verifierKey: verifier.verifierKey,
      regionCode: user.regionCode,
      url: input.url ?? null,
      status: WitnessStatus.PENDING,
      registeredBy: user.id,
      approvedBy: null,
      approvedAt: null,
      revokedBy: null,
      revokedAt: null,
      revokeReason: null,
    });
    await repo.insert(witness);
    this.ledger.record(ctx, {
      action: LedgerAction.WITNESS_REGISTERED,
      entityType: WITNESS_SUBJECT,
      entityId: witness.id,
    });
    return repo.findOneByOrFail({ id: witness.id });
  }

  async approve(ctx: RequestContext, id: string): Promise<Witness> {
    const witness = await this.lockedWitness(ctx, id);
    if (witness.status !== WitnessStatus.PENDING) {
      throw new DomainError(
        ErrorCode.WITNESS_WRONG_STATUS,
        `Witness ${witness.name} is ${witness.status}, not PENDING`,
      );
    }
    const before = await this.ledger.stateOf(ctx, WITNESS_SUBJECT, id);
    await this.connection
      .getRepository(ctx, Witness)
      .update(
        { id },
        { status: WitnessStatus.ACTIVE, approvedBy: ctx.currentUser.id, approvedAt: new Date() },
      );
    this.ledger.record(ctx, {
      action: LedgerAction.WITNESS_APPROVED,
      entityType: WITNESS_SUBJECT,
      entityId: id,
      before,
    });
    return this.connection.getRepository(ctx, Witness).findOneByOrFail({ id });
  }

  async revoke(ctx: RequestContext, id: string, reason: string): Promise<Witness> {
    const witness = await this.lockedWitness(ctx, id);
    if (witness.status === WitnessStatus.REVOKED) {
      throw new DomainError(ErrorCode.WITNESS_WRONG_STATUS, `Witness ${witness.name} is revoked already`);
    }
    const before = await this.ledger.stateOf(ctx, WITNESS_SUBJECT, id);
    await this.connection.getRepository(ctx, Witness).update(
      { id },
      {
        status: WitnessStatus.REVOKED,
        revokedBy: ctx.currentUser.id,
        revokedAt: new Date(),
        revokeReason: reason,
      },
    );
    this.ledger.record(ctx, {
      action: LedgerAction.WITNESS_REVOKED,
      entityType: WITNESS_SUBJECT,
      entityId: id,
      before,
      details: { reason },
    });
    return this.connection.getRepository(ctx, Witness).findOneByOrFail({ id });
  }

  private async lockedWitness(ctx: RequestContext, id: string): Promise<Witness> {
    const witness = await this.connection
      .getRepository(ctx, Witness)
      .createQueryBuilder('w')
      .setLock('pessimistic_write')
      .where('w.id = :id', { id })
      .getOne();
    if (!witness) throw new DomainError(ErrorCode.WITNESS_NOT_FOUND, `Witness ${id} was not found`);
    return witness;
  }

  async setPolicy(
    ctx: RequestContext,
    input: { quorum: number; witnessIds: string[] },
  ): Promise<WitnessPolicyVersion> {
    const manager = this.connection.requireTransaction(ctx);
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `asset-registry/witness-policy/${this.ledgerId}`,
    ]);
    const ids = [...new Set(input.witnessIds)];
    if (ids.length !== input.witnessIds.length) {
      throw new DomainError(ErrorCode.WITNESS_POLICY_INVALID, 'witnessIds: a witness is listed twice', {
        fields: [{ field: 'input.witnessIds', message: 'a witness is listed twice' }],
      });
    }
    const witnesses = await manager.getRepository(Witness).findBy({ id: In(ids) });
    const inactive = ids.filter((id) => witnesses.find((w) => w.id === id)?.status !== WitnessStatus.ACTIVE);
    if (inactive.length > 0) {
      throw new DomainError(
        ErrorCode.WITNESS_POLICY_INVALID,
        `witnessIds: not active witnesses: ${inactive.join(', ')}`,
        {
          fields: [{ field: 'input.witnessIds', message: `not active witnesses: ${inactive.join(', ')}` }],
        },
      );
    }
    if (input.quorum > ids.length) {
      throw new DomainError(
        ErrorCode.WITNESS_POLICY_INVALID,
        `quorum: must be at most the number of witnesses (${ids.length})`,
        {
          fields: [{ field: 'input.quorum', message: `must be between 1 and ${ids.length}` }],
        },
      );
    }
    const [{ next }] = await manager.query<Array<{ next: number }>>(
      'SELECT coalesce(max(version), 0) + 1 AS next FROM witness_policy',
    );
    const repo = manager.getRepository(WitnessPolicyVersion);
    await repo.insert({
      version: next,
      quorum: input.quorum,
      witnessIds: ids,
      createdBy: ctx.currentUser.id,
    });
    this.ledger.record(ctx, {
      action: LedgerAction.WITNESS_POLICY_SET,
      entityType: WITNESS_POLICY_SUBJECT,
      entityId: String(next),
    });
    return repo.findOneByOrFail({ version: next });
  }

  list(manager: EntityManager): Promise<Witness[]> {
    return manager.getRepository(Witness).find({ order: { createdAt: 'ASC', name: 'ASC' } });
  }

  policy(manager: EntityManager): Promise<WitnessPolicyVersion | null> {
    return manager.getRepository(WitnessPolicyVersion).findOne({ where: {}, order: { version: 'DESC' } });
  }

  /** The newest cosignature of each witness: size and time. */
  async lastCosigned(manager: EntityManager): Promise<Map<string, { treeSize: number; signedAt: Date }>> {
    const rows: Array<{ witness_id: string; tree_size: string; signed_at: Date }> = await manager.query(
      `SELECT DISTINCT ON (witness_id) witness_id, tree_size, signed_at FROM witness_cosignature
        WHERE ledger_id = $1 ORDER BY witness_id, tree_size DESC, signed_at DESC`,
      [this.ledgerId],
    );
    return new Map(rows.map((r) => [r.witness_id, { treeSize: Number(r.tree_size), signedAt: r.signed_at }]));
  }

  /** The policy as a file for the offline verifier; it pins the log's keys too. */
  policyText(policy: WitnessPolicyVersion, witnesses: Witness[]): string {
    const members = policy.witnessIds
      .map((id) => witnesses.find((w) => w.id === id))
      .filter((w): w is Witness => !!w);
    return formatWitnessPolicy({
      comment: `witness policy ${policy.version} of ${this.config.ledger.origin}, ${policy.createdAt.toISOString()}`,
      logKeys: [this.keys.verifierKey, ...this.config.ledger.previousVerifierKeys],
      witnesses: members.map((w) => ({ name: w.name, verifierKey: w.verifierKey, url: w.url })),
      quorum: policy.quorum,
    });
  }

  // ---------------------------------------------------------------------------------------------------
  // The exchange (C2SP tlog-witness)
  // ---------------------------------------------------------------------------------------------------

  /** The add-checkpoint request body for the newest checkpoint, from `oldSize` (what a witness pulls). */
  async addCheckpointRequest(ctx: RequestContext, oldSize: number, origin?: string): Promise<string> {
    if (origin !== undefined && origin !== this.config.ledger.origin) {
      throw new DomainError(
        ErrorCode.NOT_FOUND,
        `This server keeps the log ${this.config.ledger.origin}, not ${origin}`,
      );
    }
    const manager = this.connection.getManager(ctx);
    const latest = await this.checkpoints.latest(manager);
    if (!latest) throw new DomainError(ErrorCode.NOT_FOUND, 'No checkpoint has been signed yet');
    return this.requestFor(manager, latest, oldSize);
  }

  private async requestFor(
    manager: EntityManager,
    checkpoint: LedgerCheckpoint,
    oldSize: number,
  ): Promise<string> {
    if (!Number.isSafeInteger(oldSize) || oldSize < 0 || oldSize > checkpoint.treeSize) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        `old: must be between 0 and ${checkpoint.treeSize}`,
        {
          fields: [{ field: 'old', message: `must be between 0 and ${checkpoint.treeSize}` }],
        },
      );
    }
    const proof =
      oldSize === 0 || oldSize === checkpoint.treeSize
        ? []
        : await consistencyProof(oldSize, checkpoint.treeSize, nodeReader(manager, this.ledgerId));
    return formatAddCheckpointRequest(oldSize, proof, checkpoint.note);
  }

  /**
   * Takes a checkpoint note with cosignature lines (the witness's answer appended to the checkpoint it
   * was given): the text must be one of this ledger's checkpoints, and every line by an active witness
   * must verify. Returns the witnesses whose cosignatures were stored.
   */
  async acceptCosignatures(ctx: RequestContext, note: string): Promise<string[]> {
    const { text, signatures } = this.parse(note);
    return this.connection.withTransaction(ctx, async (manager) => {
      const checkpoint = await this.checkpointOf(manager, text);
      const active = await manager.getRepository(Witness).findBy({ status: WitnessStatus.ACTIVE });
      const accepted: string[] = [];
      for (const s of signatures) {
        const witness = active.find(
          (w) => parseCosignatureVerifierKey(w.verifierKey).keyHash === s.keyHash && w.name === s.name,
        );
        if (!witness) continue;
        const result = parseCosignatureVerifierKey(witness.verifierKey).verify(text, s.base64);
        if (!result.ok) {
          throw new DomainError(
            ErrorCode.WITNESS_COSIGNATURE_INVALID,
            `the cosignature of ${witness.name}: ${result.reason}`,
          );
        }
        await manager.query(
          `INSERT INTO witness_cosignature (ledger_id, tree_size, witness_id, signed_at, line)
           VALUES ($1, $2, $3, to_timestamp($4), $5) ON CONFLICT ON CONSTRAINT "PK_witness_cosignature" DO NOTHING`,
          [
            this.ledgerId,
            String(checkpoint.treeSize),
            witness.id,
            result.timestamp,
            `\u2014 ${s.name} ${s.base64}`,
          ],
        );
        accepted.push(witness.name);
      }
      if (accepted.length === 0) {
        throw new DomainError(ErrorCode.FORBIDDEN, 'The note carries no cosignature by an active witness');
      }
      return accepted;
    });
  }

  /** Takes a refusal signed by an active witness. */
  async acceptRefusal(ctx: RequestContext, note: string): Promise<string> {
    return this.connection.withTransaction(ctx, async (manager) => {
      const active = await manager.getRepository(Witness).findBy({ status: WitnessStatus.ACTIVE });
      let opened;
      try {
        opened = openRefusal(
          note,
          active.map((w) => parseCosignatureVerifierKey(w.verifierKey)),
        );
      } catch (e) {
        const message = (e as Error).message;
        if (e instanceof WitnessProtocolError && /not signed by a known witness/.test(message)) {
          throw new DomainError(ErrorCode.FORBIDDEN, message);
        }
        throw new DomainError(ErrorCode.WITNESS_COSIGNATURE_INVALID, `refusal: ${message}`);
      }
      const witness = active.find((w) => w.name === opened.witness.name)!;
      await this.recordRefusal(manager, witness, opened.refusal, note);
      return witness.name;
    });
  }

  private async recordRefusal(
    manager: EntityManager,
    witness: Witness,
    r: { size: number; rootHash: Buffer; oldSize: number; status: number; reason: string },
    note: string | null,
  ): Promise<void> {
    this.logger.warn(
      `witness ${witness.name} refused the checkpoint at size ${r.size} (${r.status}): ${r.reason}`,
    );
    await manager.getRepository(WitnessRefusal).insert({
      witnessId: witness.id,
      treeSize: r.size,
      rootHash: r.rootHash,
      oldSize: r.oldSize,
      status: r.status,
      reason: r.reason.slice(0, 2000),
      note,
    });
  }

  private parse(
    note: string,
  ): ReturnType<typeof parseNote> & { checkpoint: ReturnType<typeof parseCheckpoint> } {
    try {
      const parsed = parseNote(note);
      const checkpoint = parseCheckpoint(parsed.text);
      if (checkpoint.origin !== this.config.ledger.origin)
        throw new Error(`not a checkpoint of ${this.config.ledger.origin}`);
      return { ...parsed, checkpoint };
    } catch (e) {
      throw new DomainError(
        ErrorCode.WITNESS_COSIGNATURE_INVALID,
        `not a cosigned checkpoint of this ledger: ${(e as Error).message}`,
      );
    }
  }

  private async checkpointOf(manager: EntityManager, text: string): Promise<LedgerCheckpoint> {
    const size = parseCheckpoint(text).size;
    const row = await manager
      .getRepository(LedgerCheckpoint)
      .findOneBy({ ledgerId: this.ledgerId, treeSize: size });
    if (!row || parseNote(row.note).text !== text) {
      throw new DomainError(
        ErrorCode.NOT_FOUND,
        `This ledger signed no checkpoint with that text (size ${size})`,
      );
    }
    return row;
  }

  // ---------------------------------------------------------------------------------------------------
  // Push: the server asks witnesses that answer tlog-witness add-checkpoint
  // ---------------------------------------------------------------------------------------------------

  private pushInBackground(): void {
    if (this.pushing) return;
    this.pushing = this.pushAll()
      .catch((error: unknown) => this.logger.error({ err: error }, 'pushing to witnesses failed'))
      .finally(() => (this.pushing = undefined));
  }

  /**
   * Witnesses that pull but run in this process (the demo's) are asked too when cosignatures are
   * requested.
   */
  onRequest(pull: () => Promise<void>): void {
    this.pullers.push(pull);
  }

  /** Sends the newest checkpoint to every active witness with a URL that has not cosigned it. */
  async pushAll(): Promise<Array<{ witnessName: string } & WitnessPushAnswer>> {
    for (const pull of this.pullers) await pull();
    const ctx = RequestContext.system('witness-push');
    const manager = this.connection.getManager(ctx);
    const latest = await this.checkpoints.latest(manager);
    if (!latest) return [];
    const last = await this.lastCosigned(manager);
    const witnesses = (await manager.getRepository(Witness).findBy({ status: WitnessStatus.ACTIVE })).filter(
      (w) => w.url && (last.get(w.id)?.treeSize ?? -1) < latest.treeSize,
    );
    const out = [];
    for (const w of witnesses)
      out.push({
        witnessName: w.name,
        ...(await this.pushTo(ctx, w, latest, last.get(w.id)?.treeSize ?? 0)),
      });
    return out;
  }

  private async pushTo(
    ctx: RequestContext,
    witness: Witness,
    checkpoint: LedgerCheckpoint,
    oldSize: number,
  ): Promise<WitnessPushAnswer> {
    const manager = this.connection.getManager(ctx);
    const url = `${witness.url!.replace(/\/+$/, '')}/add-checkpoint`;
    let old = oldSize;
    for (let attempt = 0; attempt < 2; attempt++) {
      let status: number;
      let body: string;
      let type: string;
      try {
        const res = await fetch(url, {
          method: 'POST',
          body: await this.requestFor(manager, checkpoint, old),
          signal: AbortSignal.timeout(10_000),
        });
        status = res.status;
        type = res.headers.get('content-type') ?? '';
        body = await res.text();
      } catch (error) {
        return { status: 0, outcome: WitnessPushOutcome.NOT_REACHED, detail: (error as Error).message };
      }
      if (status === 200) {
        const names = await this.acceptCosignatures(
          RequestContext.system('witness-push'),
          `${checkpoint.note}${body}`,
        );
        return { status, outcome: WitnessPushOutcome.COSIGNED, detail: names.join(', ') };
      }
      if (status === 409 && type.startsWith('text/x.tlog.size') && attempt === 0) {
        const size = Number(body.trim());
        if (Number.isSafeInteger(size) && size >= 0 && size <= checkpoint.treeSize && size !== old) {
          old = size; // the witness remembers another size: prove from there
          continue;
        }
      }
      const said = body.trim().slice(0, 500);
      const reason = `${status}: ${said}`;
      await this.connection.withTransaction(RequestContext.system('witness-push'), (m) =>
        this.recordRefusal(
          m,
          witness,
          { size: checkpoint.treeSize, rootHash: checkpoint.rootHash, oldSize: old, status, reason },
          null,
        ),
      );
      return { status, outcome: WitnessPushOutcome.REFUSED, detail: said || null };
    }
    return { status: 409, outcome: WitnessPushOutcome.SIZE_DISAGREED, detail: null };
  }

  // ---------------------------------------------------------------------------------------------------
  // Status of checkpoints
  // ---------------------------------------------------------------------------------------------------

  /** Cosignatures of the given checkpoint sizes (the newest per witness and size), by size. */
  async cosignaturesOf(
    manager: EntityManager,
    sizes: readonly number[],
  ): Promise<Map<number, StoredCosignature[]>> {
    const rows: Array<{
      tree_size: string;
      witness_id: string;
      name: string;
      signed_at: Date;
      line: string;
    }> =
      sizes.length === 0
        ? []
        : await manager.query(
            `SELECT DISTINCT ON (c.tree_size, c.witness_id) c.tree_size, c.witness_id, w.name, c.signed_at, c.line
               FROM witness_cosignature c JOIN witness w ON w.id = c.witness_id
              WHERE c.ledger_id = $1 AND c.tree_size = ANY($2::bigint[]) AND w.status <> 'REVOKED'
              ORDER BY c.tree_size, c.witness_id, c.signed_at DESC`,
            [this.ledgerId, sizes.map(String)],
          );
    const out = new Map<number, StoredCosignature[]>(sizes.map((s) => [s, []]));
    for (const r of rows) {
      out.get(Number(r.tree_size))!.push({
        treeSize: Number(r.tree_size),
        witnessId: r.witness_id,
        witnessName: r.name,
        signedAt: r.signed_at,
        line: r.line,
      });
    }
    return out;
  }

  /** How a checkpoint stands against the current policy. */
  witnessing(
    checkpoint: { treeSize: number; note: string },
    cosignatures: StoredCosignature[],
    policy: WitnessPolicyVersion | null,
    witnesses: Witness[],
  ): Witnessing {
    const sorted = [...cosignatures].sort((a, b) => a.witnessName.localeCompare(b.witnessName));
    const counted = policy
      ? policy.witnessIds.filter(
          (id) =>
            sorted.some((c) => c.witnessId === id) &&
            witnesses.find((w) => w.id === id)?.status === WitnessStatus.ACTIVE,
        )
      : [];
    const behind = policy
      ? policy.witnessIds
          .filter((id) => !counted.includes(id))
          .map((id) => witnesses.find((w) => w.id === id))
          .filter((w): w is Witness => !!w)
      : [];
    return {
      policyVersion: policy?.version ?? null,
      required: policy?.quorum ?? 0,
      validCosignatures: counted.length,
      reached: policy !== null && counted.length >= policy.quorum,
      cosignedNote: `${checkpoint.note}${sorted.map((c) => `${c.line}\n`).join('')}`,
      cosignatures: sorted,
      behind,
    };
  }

  /**
   * The newest checkpoint larger than `minSize` whose cosignatures reach the current policy's quorum, or
   * null (no policy, or none reached yet).
   */
  async newestQuorate(manager: EntityManager, minSize: number): Promise<LedgerCheckpoint | null> {
    const policy = await this.policy(manager);
    if (!policy) return null;
    const active = (
      await manager.getRepository(Witness).findBy({ id: In(policy.witnessIds), status: WitnessStatus.ACTIVE })
    ).map((w) => w.id);
    const [row] = await manager.query<Array<{ tree_size: string }>>(
      `SELECT c.tree_size FROM ledger_checkpoint c
        WHERE c.ledger_id = $1 AND c.tree_size > $2
          AND (SELECT count(DISTINCT s.witness_id) FROM witness_cosignature s
                WHERE s.ledger_id = c.ledger_id AND s.tree_size = c.tree_size AND s.witness_id = ANY($3::uuid[])) >= $4
        ORDER BY c.tree_size DESC LIMIT 1`,
      [this.ledgerId, String(minSize), active, policy.quorum],
    );
    if (!row) return null;
    return manager
      .getRepository(LedgerCheckpoint)
      .findOneBy({ ledgerId: this.ledgerId, treeSize: Number(row.tree_size) });
  }

  /** The refusals received since `since`, newest first, with their witness. */
  refusalsSince(
    manager: EntityManager,
    since: Date,
  ): Promise<Array<WitnessRefusal & { witnessName: string }>> {
    return manager.query(
      `SELECT r.id, r.witness_id AS "witnessId", w.name AS "witnessName", r.tree_size::int AS "treeSize", r.old_size::int AS "oldSize",
              r.status, r.reason, r.received_at AS "receivedAt"
         FROM witness_refusal r JOIN witness w ON w.id = r.witness_id
        WHERE r.received_at >= $1 ORDER BY r.received_at DESC, r.id DESC LIMIT 1000`,
      [since],
    );
  }
}
