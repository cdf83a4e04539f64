import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { RequestContext } from '@/common/context';
import { APP_CONFIG, AppConfig } from '@/config';
import { LockSpace, lockInTransaction, TransactionalConnection } from '@/database';
import { RegionsService } from '@/regions/regions.service';
import { RegionLevel } from '@/regions/region-level.enum';
import { UsersService } from '@/users/users.service';
import { CategoriesService } from '@/categories/categories.service';
import { AuthUser } from '@/common/auth';
import { AssetsService } from '@/assets/assets.service';
import { OwnershipService } from '@/ownership/ownership.service';
import { DistributionService } from '@/distribution/distribution.service';
import { DisposalService } from '@/disposal/disposal.service';
import { ProjectsService } from '@/projects/projects.service';
import { seedDemoHouseholds } from './demo-households';
import { HouseholdsService } from '@/households/households.service';
import { FilesService } from '@/files/files.service';
import { IncomeService } from '@/income/income.service';
import { UpkeepService } from '@/upkeep/upkeep.service';
import { DemoWitnesses } from '@/ledger/witness/demo-witnesses';
import { seedDemoIncome } from './demo-income';
import { seedDemoContracts } from './demo-contracts';
import { ContractsService } from '@/contracts/contracts.service';
import { seedDemoDisposals } from './demo-disposals';
import { seedDemoAssets } from './demo-assets';
import { seedDemoUpkeep } from './demo-upkeep';
import { DEMO_USERS, DEMO_VILLAGES } from './demo-data';
import { wanzhouRegions } from './reference-data';

const REFERENCE_SEED = 'reference:regions:v1';
const CATEGORY_SEED = 'reference:categories:v1';
const POLICY_SEED = 'reference:distribution-policy:v1';
const DISPOSAL_POLICY_SEED = 'reference:disposal-policy:v1';
const OWNERSHIP_POLICY_SEED = 'reference:ownership-policy:v1';
const UPKEEP_POLICY_SEED = 'reference:upkeep-policy:v1';
const PLAN_INCOME_SEED = 'reference:plan-income-links:v1';
const DEMO_SEED = 'demo:v1';

/**
 * Loads data at boot, each set once per database (recorded in `seed_run`) and through the same services
 * and ledger as any other change:
 * - always: the district and its 52 townships (reference data the product cannot work without);
 * - when demo data is enabled (embedded database, or DEMO_DATA=true): villages and demo users
 *   (later features add their demo records here).
 */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('SeedService');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connection: TransactionalConnection,
    private readonly regions: RegionsService,
    private readonly users: UsersService,
    private readonly categories: CategoriesService,
    private readonly projects: ProjectsService,
    private readonly assets: AssetsService,
    private readonly ownership: OwnershipService,
    private readonly distribution: DistributionService,
    private readonly disposal: DisposalService,
    private readonly households: HouseholdsService,
    private readonly income: IncomeService,
    private readonly files: FilesService,
    private readonly contracts: ContractsService,
    private readonly demoWitnesses: DemoWitnesses,
    private readonly upkeep: UpkeepService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.once(REFERENCE_SEED, (ctx) => this.seedReferenceRegions(ctx));
    await this.once(CATEGORY_SEED, (ctx) => this.categories.seedDefaults(ctx));
    await this.once(POLICY_SEED, (ctx) => this.distribution.seedDefaultPolicy(ctx));
    await this.once(DISPOSAL_POLICY_SEED, (ctx) => this.disposal.seedDefaultPolicy(ctx));
    await this.once(OWNERSHIP_POLICY_SEED, (ctx) => this.ownership.seedDefaultPolicy(ctx));
    await this.once(UPKEEP_POLICY_SEED, (ctx) => this.upkeep.seedDefaultPolicy(ctx));
    await this.once(PLAN_INCOME_SEED, async (ctx) => {
      await this.distribution.linkIncomeOfEarlierPlans(ctx);
    });
    if (this.config.demo.enabled) {
      const seeded = await this.once(DEMO_SEED, (ctx) => this.seedDemo(ctx));
      if (seeded) {
        this.logger.log('demo data loaded');
        await this.demoWitnesses.cosignAll(); // the demo witnesses cosign what was just committed
      }
    }
  }

  /** Runs `work` in one transaction unless the seed already ran; serialised across processes. */
  async once(name: string, work: (ctx: RequestContext) => Promise<void>): Promise<boolean> {
    const ctx = RequestContext.system(`seed:${name}`);
    return this.connection.withTransaction(ctx, async (manager) => {
      await lockInTransaction(manager, LockSpace.SEED);
      const done: unknown[] = await manager.query('SELECT 1 FROM seed_run WHERE name = $1', [name]);
      if (done.length > 0) return false;
      await work(ctx);
      await manager.query('INSERT INTO seed_run (name) VALUES ($1)', [name]);
      return true;
    });
  }

  private async seedReferenceRegions(ctx: RequestContext): Promise<void> {
    const rows = wanzhouRegions().filter((r) => r.code.startsWith(this.config.ledger.districtCode));
    for (const row of rows) {
      const exists: unknown[] = await this.connection
        .getManager(ctx)
        .query('SELECT 1 FROM region WHERE code = $1', [row.code]);
      if (exists.length === 0) await this.regions.insert(ctx, row);
    }
  }

  private async seedDemo(ctx: RequestContext): Promise<void> {
    const password = this.config.demo.password;
    if (!password) throw new Error('demo data needs a demo password (DEMO_PASSWORD or the generated one)');
    for (const village of DEMO_VILLAGES) {
      await this.regions.insert(ctx, { ...village, level: RegionLevel.VILLAGE });
    }
    const users = new Map<string, AuthUser>();
    for (const user of DEMO_USERS) {
      const created = await this.users.create(ctx, { ...user, password });
      users.set(created.username, {
        id: created.id,
        username: created.username,
        role: created.role,
        regionCode: created.regionCode,
      });
    }
    const summary = await seedDemoAssets(ctx, {
      connection: this.connection,
      projects: this.projects,
      assets: this.assets,
      ownership: this.ownership,
      files: this.files,
      users,
    });
    this.logger.log(
      `demo register: ${summary.projects} projects, ${summary.assets} assets (${summary.confirmed} with confirmed ownership, ` +
        `${summary.inPublicity} in publicity, ${summary.publicityEndedUnconfirmed} past publicity unconfirmed, ${summary.withoutOwnership} not yet proposed)`,
    );
    const households = await seedDemoHouseholds(ctx, this.households, users);
    const contracts = await seedDemoContracts(ctx, {
      connection: this.connection,
      contracts: this.contracts,
      users,
    });
    this.logger.log(`demo contracts: ${contracts.operators} operators, ${contracts.contracts} contracts`);
    const income = await seedDemoIncome(ctx, {
      connection: this.connection,
      income: this.income,
      distribution: this.distribution,
      households: this.households,
      files: this.files,
      users,
    });
    this.logger.log(`demo income: ${income.incomeRecords} records; plans ${JSON.stringify(income.plans)}`);
    const disposals = await seedDemoDisposals(ctx, {
      connection: this.connection,
      disposal: this.disposal,
      files: this.files,
      users,
    });
    this.logger.log(`demo disposals: ${JSON.stringify(disposals)}`);
    const upkeep = await seedDemoUpkeep(ctx, {
      connection: this.connection,
      upkeep: this.upkeep,
      distribution: this.distribution,
      regions: this.regions,
      files: this.files,
      users,
    });
    this.logger.log(`demo upkeep: ${JSON.stringify(upkeep)}`);
    this.logger.log(
      `demo households: ${households.households} (${households.monitored} monitored, ${households.leftLastYear} left last year, ${households.leftLastMonth} last month)`,
    );
    await this.demoWitnesses.prepare(ctx, users);
  }
}
