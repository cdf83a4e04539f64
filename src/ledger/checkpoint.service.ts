import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@/common/errors';
import { APP_CONFIG, AppConfig } from '@/config';
import { DATA_SOURCE, TransactionalConnection } from '@/database';
import { LedgerAlarmService } from './ledger-alarm.service';
import { LedgerCheckpoint } from './ledger.entity';
import { LedgerKeyService } from './ledger-key.service';
import { LedgerVerificationService } from './ledger-verification.service';
import { LedgerService } from './ledger.service';
import { LedgerProblemType } from './ledger.types';
import { formatCheckpoint } from './note/checkpoint';
import { signCheckpointLink } from './note/checkpoint-link';

const LOCK_NAMESPACE = 'asset-registry/checkpoint/';

/**
 * Signed checkpoints (C2SP tlog-checkpoint in a C2SP signed note): made automatically after N new
 * entries or T seconds, whichever comes first, on demand, and when an evidence bundle needs one.
 *
 * Nothing is signed that was not checked: under a per-ledger lock, what was appended since the latest
 * checkpoint is verified first ({@link LedgerVerificationService.verifyIncrement}); if anything fails, no
 * checkpoint is signed, an alarm is recorded (a red flag for the district and the auditors) and the caller
 * gets LEDGER_INTEGRITY. A ledger shorter than its latest checkpoint (a cut tail) is refused the same
 * way. Each checkpoint is numbered and linked to the previous one, so a deleted row is noticed.
 */
@Injectable()
export class CheckpointService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CheckpointService');
  private timer: NodeJS.Timeout | undefined;
  private lastCheckpointSize = -1;
  private running: Promise<unknown> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly connection: TransactionalConnection,
    private readonly keys: LedgerKeyService,
    private readonly ledger: LedgerService,
    private readonly verification: LedgerVerificationService,
    private readonly alarms: LedgerAlarmService,
  ) {}

  get ledgerId(): string {
    return this.config.ledger.districtCode;
  }

  onModuleInit(): void {
    this.connection.onAfterCommit((ctx) => {
      const size = this.ledger.appendedSize(ctx);
      if (size !== undefined && size - this.lastCheckpointSize >= this.config.ledger.checkpointEveryEntries) {
        // In the background: checking what the checkpoint covers takes a while, and the mutation that
        // happened to cross the threshold has committed already.
        void this.maybeCheckpoint(false);
      }
      return Promise.resolve();
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const latest = await this.latest(this.dataSource.manager);
    this.lastCheckpointSize = latest?.treeSize ?? 0;
    const seconds = this.config.ledger.checkpointEverySeconds;
    if (seconds > 0) {
      this.timer = setInterval(() => void this.maybeCheckpoint(true), seconds * 1000);
      this.timer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  async latest(manager: EntityManager): Promise<LedgerCheckpoint | null> {
    return manager
      .getRepository(LedgerCheckpoint)
      .findOne({ where: { ledgerId: this.ledgerId }, order: { treeSize: 'DESC' } });
  }

  /** The current committed size of the ledger. */
  async size(manager: EntityManager): Promise<number> {
    const [row]: Array<{ size: string }> = await manager.query(
      `SELECT coalesce((SELECT idx + 1 FROM ledger_entry WHERE ledger_id = $1 ORDER BY idx DESC LIMIT 1), 0) AS size`,
      [this.ledgerId],
    );
    return Number(row.size);
  }

  /**
   * Checks and signs a checkpoint of the ledger as it is now (committed entries only). If the latest
   * checkpoint already has this size it is returned as is. An empty ledger has no checkpoint. Runs in
   * `manager`'s transaction if it has one, else in its own. Throws LEDGER_INTEGRITY (after recording an
   * alarm) if what it would sign does not verify.
   */
  async create(manager: EntityManager = this.dataSource.manager): Promise<LedgerCheckpoint | null> {
    const checkpoint = manager.queryRunner?.isTransactionActive
      ? await this.createIn(manager)
      : await this.dataSource.transaction((m) => this.createIn(m));
    if (checkpoint) this.lastCheckpointSize = Math.max(this.lastCheckpointSize, checkpoint.treeSize);
    return checkpoint;
  }

  private async createIn(manager: EntityManager): Promise<LedgerCheckpoint | null> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [LOCK_NAMESPACE + this.ledgerId]);
    const size = await this.size(manager);
    const latest = await this.latest(manager);
    if (latest && latest.treeSize > size) {
      return this.refuse(size, latest.treeSize, [
        {
          index: size,
          kind: 'TRUNCATED',
          message: `the ledger holds ${size} entries but its latest checkpoint was signed at size ${latest.treeSize}: its tail was cut off`,
        },
      ]);
    }
    if (latest && latest.treeSize === size) return latest;
    if (size === 0) return null;
    const check = await this.verification.verifyIncrement(manager, latest, size);
    if (check.problems.length > 0 || !check.root)
      return this.refuse(size, latest?.treeSize ?? 0, check.problems);

    const root = check.root;
    const note = this.keys.signNote(
      formatCheckpoint({ origin: this.config.ledger.origin, size, rootHash: root }),
    );
    const seq = latest?.seq !== null && latest?.seq !== undefined ? latest.seq + 1 : 0;
    const link = signCheckpointLink(this.keys.signer, {
      origin: this.config.ledger.origin,
      seq,
      size,
      rootHash: root,
      previous: latest ? { size: latest.treeSize, rootHash: latest.rootHash } : null,
    });
    await manager.query(
      `INSERT INTO ledger_checkpoint (ledger_id, tree_size, root_hash, note, verifier_key, seq, link)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [this.ledgerId, String(size), root, note, this.keys.verifierKey, String(seq), link],
    );
    return manager
      .getRepository(LedgerCheckpoint)
      .findOneByOrFail({ ledgerId: this.ledgerId, treeSize: size });
  }

  private async refuse(size: number, checkpointSize: number, problems: LedgerProblemType[]): Promise<never> {
    const first = problems.reduce<LedgerProblemType | null>(
      (best, p) => (best === null || (p.index ?? Infinity) < (best.index ?? Infinity) ? p : best),
      null,
    );
    const summary =
      problems.length === 1
        ? problems[0].message
        : `${problems.length} problems, the first: ${first?.message ?? 'unknown'}`;
    await this.alarms.raise({
      kind: first?.kind ?? 'UNKNOWN',
      message: `refused to sign a checkpoint at size ${size} (latest checkpoint ${checkpointSize}): ${summary}`,
      firstIndex: first?.index ?? null,
      treeSize: size,
    });
    throw new DomainError(
      ErrorCode.LEDGER_INTEGRITY,
      `The ledger does not verify, so no checkpoint was signed: ${summary}`,
      { problems: problems.slice(0, 20) },
    );
  }

  /** After each commit (cheap test) and on the timer: checkpoint when enough is new, or the tail was cut. */
  private async maybeCheckpoint(timerTick: boolean): Promise<void> {
    if (this.running) return;
    const work = (async () => {
      const manager = this.dataSource.manager;
      const size = await this.size(manager);
      const covered = (await this.latest(manager))?.treeSize ?? 0;
      if (size === covered) return;
      if (timerTick || size < covered || size - covered >= this.config.ledger.checkpointEveryEntries) {
        const checkpoint = await this.create();
        if (checkpoint) this.logger.debug(`checkpoint at size ${checkpoint.treeSize}`);
      }
    })();
    this.running = work;
    try {
      await work;
    } catch (error) {
      if (error instanceof DomainError) this.logger.error(`automatic checkpoint refused: ${error.message}`);
      else this.logger.error({ err: error }, 'automatic checkpoint failed');
    } finally {
      this.running = undefined;
    }
  }
}
