import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AuthUser } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { DomainError } from '@/common/errors';
import { APP_CONFIG, AppConfig } from '@/config';
import { TransactionalConnection } from '@/database';
import { CheckpointService } from '../checkpoint.service';
import { addLog, cosignOnce, initWitness, openWitness, RegistryTransport } from '../cli/witness-cli';
import { LedgerKeyService } from '../ledger-key.service';
import { Witness, WitnessStatus } from './witness.entity';
import { WitnessService } from './witness.service';

/** The demo district's witnesses: the district and two townships, each held by its demo user. */
export const DEMO_WITNESSES = [
  { dir: 'district', name: 'wanzhou.asset-registry.example/witness/district', holder: 'district' },
  { dir: 'longju', name: 'longju.wanzhou.asset-registry.example/witness', holder: 'longju' },
  { dir: 'luotian', name: 'luotian.wanzhou.asset-registry.example/witness', holder: 'luotian' },
] as const;

/**
 * The demo's witnesses. Their keys are made at first start exactly as the witness CLI makes them, in
 * `$DATA_DIR/witnesses/<name>/` (standing in for the townships' own machines), registered by their
 * holders, approved by the admin, and put in a 2-of-3 policy by the district; then they cosign, so a
 * newcomer sees a cosigned checkpoint at once. While the demo runs they keep cosigning new checkpoints
 * whenever witnesses are asked (the checkpoint timer, `requestCosignatures`), through the same exchange
 * the CLI uses (in process instead of over HTTP).
 */
@Injectable()
export class DemoWitnesses implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DemoWitnesses');
  private running: Promise<void> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connection: TransactionalConnection,
    private readonly witnesses: WitnessService,
    private readonly checkpoints: CheckpointService,
    private readonly keys: LedgerKeyService,
  ) {}

  private dir(name: string): string {
    return path.join(this.config.dataDir, 'witnesses', name);
  }

  /** While the demo runs, its witnesses cosign whenever witnesses are asked (the timer, requestCosignatures). */
  onApplicationBootstrap(): void {
    if (this.config.demo.enabled) this.witnesses.onRequest(() => this.cosignAll());
  }

  async onModuleDestroy(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** Inside the demo seed: keys, registrations, approvals and the policy. */
  async prepare(ctx: RequestContext, users: Map<string, AuthUser>): Promise<void> {
    const ids: string[] = [];
    for (const demo of DEMO_WITNESSES) {
      const dir = this.dir(demo.dir);
      const verifierKey = fs.existsSync(path.join(dir, 'witness.key'))
        ? openWitness(dir).cosigner.verifier.verifierKey
        : initWitness(dir, demo.name).verifierKey;
      addLog(dir, this.keys.verifierKey, this.config.ledger.origin);
      // A new demo database: what the witness remembers of an earlier one means nothing.
      fs.writeFileSync(path.join(dir, 'state.json'), '{}\n', { mode: 0o600 });
      ctx.user = users.get(demo.holder);
      const witness = await this.witnesses.register(ctx, { verifierKey });
      ctx.user = users.get('admin');
      await this.witnesses.approve(ctx, witness.id);
      ids.push(witness.id);
    }
    ctx.user = users.get('district');
    await this.witnesses.setPolicy(ctx, { quorum: 2, witnessIds: ids });
    ctx.user = undefined;
  }

  /** A checkpoint of the ledger as it is, and every demo witness's cosignature of the newest one. */
  cosignAll(): Promise<void> {
    // One round at a time (the seed, the timer and requestCosignatures may all ask).
    this.running = (this.running ?? Promise.resolve()).then(() => this.round());
    return this.running as Promise<void>;
  }

  private async round(): Promise<void> {
    try {
      await this.checkpoints.create();
      const ctx = RequestContext.system('demo-witnesses');
      const active = await this.connection
        .getRepository(ctx, Witness)
        .findBy({ status: WitnessStatus.ACTIVE });
      for (const demo of DEMO_WITNESSES) {
        const dir = this.dir(demo.dir);
        if (!fs.existsSync(dir) || !active.some((w) => w.name === demo.name)) continue;
        const [outcome] = await cosignOnce(openWitness(dir), [this.config.ledger.origin], this.transport());
        if (outcome && outcome.status !== 'COSIGNED') this.logger.warn(`${demo.name}: ${outcome.message}`);
      }
    } catch (error) {
      this.logger.error({ err: error }, 'demo witnesses could not cosign');
    }
  }

  /** The witness CLI's exchange, in process. */
  private transport(): RegistryTransport {
    const answer = async (work: () => Promise<string>) => {
      try {
        return { status: 200, body: await work() };
      } catch (error) {
        return { status: error instanceof DomainError ? 400 : 500, body: (error as Error).message };
      }
    };
    return {
      checkpoint: (origin, old) =>
        answer(() => this.witnesses.addCheckpointRequest(RequestContext.system('demo-witness'), old, origin)),
      cosignature: (note) =>
        answer(async () =>
          (await this.witnesses.acceptCosignatures(RequestContext.system('demo-witness'), note)).join(', '),
        ),
      refusal: (note) =>
        answer(() => this.witnesses.acceptRefusal(RequestContext.system('demo-witness'), note)),
    };
  }
}
