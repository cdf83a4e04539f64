import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@/config';
import { DataSource } from 'typeorm';
import { DATA_SOURCE, TransactionalConnection } from '@/database';
import { LedgerCheckpoint } from './ledger.entity';
import { LedgerKeyService } from './ledger-key.service';
import { LedgerService } from './ledger.service';
import { nodeReader } from './merkle-store';
import { rootAt } from './merkle/tree';
import { formatCheckpoint } from './note/checkpoint';

/**
 * Signed checkpoints (C2SP tlog-checkpoint in a C2SP signed note): made automatically after N new
 * entries or T seconds, whichever comes first, and on demand. Several processes may checkpoint the
 * same size; the primary key (ledger, size) keeps one.
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
  ) {}

  get ledgerId(): string {
    return this.config.ledger.districtCode;
  }

  onModuleInit(): void {
    this.connection.onAfterCommit(async (ctx) => {
      const size = this.ledger.appendedSize(ctx);
      if (size !== undefined && size - this.lastCheckpointSize >= this.config.ledger.checkpointEveryEntries) {
        await this.maybeCheckpoint(false);
      }
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
   * Signs a checkpoint of the ledger as it is now (committed entries only). If the latest checkpoint
   * already has this size it is returned as is. An empty ledger has no checkpoint.
   */
  async create(manager: EntityManager = this.dataSource.manager): Promise<LedgerCheckpoint | null> {
    const size = await this.size(manager);
    const latest = await this.latest(manager);
    if (latest && latest.treeSize >= size) return latest;
    if (size === 0) return null;
    const root = await rootAt(size, nodeReader(manager, this.ledgerId));
    const text = formatCheckpoint({ origin: this.config.ledger.origin, size, rootHash: root });
    const note = this.keys.signNote(text);
    await manager.query(
      `INSERT INTO ledger_checkpoint (ledger_id, tree_size, root_hash, note, verifier_key)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT ON CONSTRAINT "PK_ledger_checkpoint" DO NOTHING`,
      [this.ledgerId, String(size), root, note, this.keys.verifierKey],
    );
    this.lastCheckpointSize = Math.max(this.lastCheckpointSize, size);
    return manager
      .getRepository(LedgerCheckpoint)
      .findOneByOrFail({ ledgerId: this.ledgerId, treeSize: size });
  }

  /** After each commit (cheap test) and on the timer: checkpoint when enough is new. */
  private async maybeCheckpoint(timerTick: boolean): Promise<void> {
    if (this.running) return;
    const work = (async () => {
      const size = await this.size(this.dataSource.manager);
      const fresh = size - this.lastCheckpointSize;
      if (fresh <= 0) return;
      if (timerTick || fresh >= this.config.ledger.checkpointEveryEntries) {
        const checkpoint = await this.create();
        if (checkpoint) this.logger.debug(`checkpoint at size ${checkpoint.treeSize}`);
      }
    })();
    this.running = work;
    try {
      await work;
    } catch (error) {
      this.logger.error({ err: error }, 'automatic checkpoint failed');
    } finally {
      this.running = undefined;
    }
  }
}
