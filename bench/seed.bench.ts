/**
 * npm run bench -- seed --assets 100000 [--owned 60] [--fresh]
 *
 * The scale seed the other benches run on: a district of 52 townships with 8 villages each, `--assets`
 * assets (two fund sources each) in projects of 50, and for the first `--owned` assets of every township a
 * confirmed ownership (proposed, published, confirmed), all through the app's own services and its bulk
 * path (`AssetsService.insertMany`, what the import uses), every record with its ledger entry. It ends by
 * signing a checkpoint and checking that verifyLedger and reconcile are ok. The database (bench_assets_N)
 * and its ledger key (bench/.data/bench_assets_N/) stay for `read`, `write`, `verify` and `proofs`.
 *
 * `--entries M` then grows the ledger to M entries (at once, or later on a seeded database) with
 * registered households (脱贫户 and 监测户 spread over the villages) through the household import's bulk
 * path (`HouseholdsService.insertMany`, one entry each), 2,000 per transaction, a checkpoint signed every
 * 500,000 entries as the served app signs them as it goes (each checks its entries in full first), and
 * ends with verifyLedger and reconcile again. Stopped part-way, it goes on from where it stopped.
 */
import * as fs from 'node:fs';
import { INestApplicationContext } from '@nestjs/common';
import { AuthUser, Role } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { ProblemList } from '@/common/errors';
import { TransactionalConnection } from '@/database';
import { runMigrations } from '@/database/data-source.factory';
import { AssetDraft, checkAssetRules } from '@/assets/asset-rules';
import { AssetsService } from '@/assets/assets.service';
import { CheckpointService } from '@/ledger/checkpoint.service';
import { LedgerVerificationService } from '@/ledger/ledger-verification.service';
import { exportFileName } from '@/files/file-rules';
import { FilesService } from '@/files/files.service';
import { OwnerType } from '@/ownership/ownership.entity';
import { OwnershipService } from '@/ownership/ownership.service';
import { ProjectsService } from '@/projects/projects.service';
import { RegionLevel } from '@/regions/region-level.enum';
import { RegionsService } from '@/regions/regions.service';
import { UsersService } from '@/users/users.service';
import { statusProblems } from '@/households/household-rules';
import { HouseholdStatusKind, MonitoringCategory } from '@/households/household.enums';
import { HouseholdDraft, HouseholdsService } from '@/households/households.service';
import { addDays, todayInChina } from '@/common/scalars';
import { benchApp } from './support';
import {
  appEnv,
  benchAppEnv,
  BENCH_PASSWORD,
  benchServer,
  DISTRICT,
  flag,
  option,
  query,
  say,
  scaleDatabaseName,
  scaleDataDir,
  writeJson,
} from './scale';
import {
  ASSETS_PER_PROJECT,
  scaleProject,
  scaleRow,
  villageCode,
  VILLAGES_PER_TOWNSHIP,
  PROJECT_TOTAL,
} from './scale-data';
import { fmt } from './stats';

const ASSETS = option('assets', 100_000);
const OWNED = option('owned', 60);
const ENTRIES = option('entries', 0);
const BATCH = 1000;
const HOUSEHOLD_BATCH = 2000;
const CHECKPOINT_EVERY = 500_000;

type InsertRows = Parameters<AssetsService['insertMany']>[1];

export const BENCH_USERS = {
  district: { username: 'bench-district', role: Role.DISTRICT_SUPERVISOR },
  auditor: { username: 'bench-auditor', role: Role.AUDITOR },
  officer: { username: 'bench-officer', role: Role.TOWNSHIP_OFFICER },
} as const;

async function main(): Promise<void> {
  const started = Date.now();
  const server = await benchServer();
  const name = scaleDatabaseName(ASSETS);
  const url = server.databaseUrl(name);
  const exists = (await query(server.url, 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length > 0;
  let seeded = false;
  if (exists && !flag('fresh')) {
    const done = await query(url, `SELECT 1 FROM seed_run WHERE name = 'bench-scale'`).catch(() => []);
    seeded = done.length > 0;
    if (seeded && ENTRIES === 0) {
      say(`${name} is already seeded (--fresh to make it again, --entries to grow its ledger)`);
      await server.stop();
      return;
    }
  }
  if (!seeded) {
    if (exists) await query(server.url, `DROP DATABASE ${name} WITH (FORCE)`);
    fs.rmSync(scaleDataDir(ASSETS), { recursive: true, force: true });
    fs.mkdirSync(scaleDataDir(ASSETS), { recursive: true });
    await query(server.url, `CREATE DATABASE ${name}`);
    await runMigrations(url);
  }

  const app = await benchApp(url, appEnv(url, scaleDataDir(ASSETS), benchAppEnv()));
  if (!seeded) {
    say(`seeding ${name} (${fmt(ASSETS)} assets) on PostgreSQL ${server.version} (${server.source})`);
    const result = await seed(app);
    const total = (Date.now() - started) / 1000;
    say(`seeded in ${fmt(total, 1)} s`);
    say(`result written to ${writeJson('seed', { assets: ASSETS, ...result, seconds: total })}`);
  }
  if (ENTRIES > 0) {
    const grown = Date.now();
    const result = await growLedger(app, ENTRIES);
    const total = (Date.now() - grown) / 1000;
    say(`ledger grown in ${fmt(total, 1)} s`);
    say(`result written to ${writeJson('seed-entries', { assets: ASSETS, ...result, seconds: total })}`);
  }
  await app.close();
  await server.stop();
}

async function seed(app: INestApplicationContext): Promise<Record<string, unknown>> {
  const connection = app.get(TransactionalConnection);
  const users = app.get(UsersService);
  const regions = app.get(RegionsService);
  const projects = app.get(ProjectsService);
  const assets = app.get(AssetsService);
  const ownership = app.get(OwnershipService);
  const files = app.get(FilesService);
  const ctx = RequestContext.system('bench-seed');
  const system = connection.getManager(ctx);
  const townships = (
    (await system.query(`SELECT code FROM region WHERE level = 'TOWNSHIP' ORDER BY code`)) as Array<{
      code: string;
    }>
  ).map((r) => r.code);
  const t = (): string => `${fmt((Date.now() - t0) / 1000, 1)} s`;
  let t0 = Date.now();

  // Users and villages.
  const actors = await connection.withTransaction(ctx, async () => {
    const made = new Map<string, AuthUser>();
    for (const [key, u] of Object.entries(BENCH_USERS)) {
      const created = await users.create(ctx, {
        username: u.username,
        displayName: u.username,
        role: u.role,
        regionCode: u.role === Role.TOWNSHIP_OFFICER ? townships[0] : DISTRICT,
        password: BENCH_PASSWORD,
      });
      made.set(key, {
        id: created.id,
        username: created.username,
        role: created.role,
        regionCode: created.regionCode,
      });
    }
    for (const township of townships) {
      for (let v = 0; v < VILLAGES_PER_TOWNSHIP; v++) {
        await regions.insert(ctx, {
          code: villageCode(township, v),
          name: `${township.slice(6)}第${v + 1}村`,
          level: RegionLevel.VILLAGE,
          parentCode: township,
        });
      }
    }
    return made;
  });
  const district = actors.get('district')!;
  say(`users and ${townships.length * VILLAGES_PER_TOWNSHIP} villages: ${t()}`);

  // Projects and assets, BATCH assets per transaction through the bulk path.
  t0 = Date.now();
  const projectIds = new Map<string, string>();
  for (let start = 0; start < ASSETS; start += BATCH) {
    const work = new RequestContext(`bench-seed-${start}`, district);
    await connection.withTransaction(work, async () => {
      const rows: InsertRows = [];
      for (let i = start; i < Math.min(start + BATCH, ASSETS); i++) {
        const r = scaleRow(i, townships, ASSETS);
        if (!projectIds.has(r.projectCode)) {
          const township = r.locationCode.slice(0, 9);
          const n = Number(r.projectCode.slice(-4));
          const project = await projects.register(work, scaleProject('BZ', township, n, PROJECT_TOTAL));
          projectIds.set(r.projectCode, project.id);
        }
        const row = {
          code: r.code,
          name: r.name,
          class: r.class,
          form: r.form,
          categoryCode: r.categoryCode,
          projectId: projectIds.get(r.projectCode)!,
          locationCode: r.locationCode,
          quantity: r.quantity,
          unit: r.unit,
          investedAmount: r.investedAmount,
          formedValue: r.formedValue,
          completionDate: r.completionDate,
          acceptanceDate: r.acceptanceDate,
          handoverDate: r.handoverDate,
          status: r.status,
          statusSince: r.handoverDate,
          managementEntity: r.managementEntity,
          managementResponsible: null,
          operator: r.operator,
          operatingMode: r.operatingMode,
          contractStart: null,
          contractEnd: null,
          contractTerms: null,
          contractAnnualAmount: null,
          investee: null,
          equityAgreementNo: null,
          equityMaturityDate: null,
          householdRegistryNo: r.householdRegistryNo,
          householdHeadName: r.householdHeadName,
          constructionContent: null,
          constructionScale: null,
          beneficiaryHouseholds: null,
          beneficiaryPeople: null,
          beneficiaryPoorHouseholds: null,
          beneficiaryPoorPeople: null,
          beneficiaryMonitoredHouseholds: null,
          beneficiaryMonitoredPeople: null,
          remarks: null,
          createdBy: district.id,
          fundSources: r.fundSources,
        };
        const problems = new ProblemList();
        checkAssetRules(row as AssetDraft, `row ${i}.`, problems);
        problems.throwIfAny();
        rows.push(row);
      }
      await assets.insertMany(work, rows);
    });
    if ((start / BATCH) % 10 === 9) say(`  ${fmt(start + BATCH)} assets: ${t()}`);
  }
  const assetSeconds = (Date.now() - t0) / 1000;
  say(`${fmt(ASSETS)} assets in ${projectIds.size} projects (${ASSETS_PER_PROJECT} per project): ${t()}`);

  // Confirmed ownership of the first OWNED assets of every township (what the list bench reads first).
  t0 = Date.now();
  const today = todayInChina();
  const owned = (await system.query(
    `SELECT a.id, a.code, a.location_code, a.household_registry_no, a.household_head_name, a.class
         FROM asset a WHERE a.code LIKE 'BZ-%' AND substring(a.code from 14)::int < $1 ORDER BY a.code`,
    [OWNED],
  )) as Array<{
    id: string;
    code: string;
    location_code: string;
    household_registry_no: string | null;
    household_head_name: string | null;
  }>;
  // Publicity 30 days back (the most the ownership policy allows) needs a scan of the posted notice.
  const notices = new Map<string, string>();
  for (let start = 0; start < owned.length; start += 100) {
    const work = new RequestContext(`bench-seed-owners-${start}`, district);
    await connection.withTransaction(work, async () => {
      for (const a of owned.slice(start, start + 100)) {
        const household = a.household_registry_no !== null;
        let notice = notices.get(a.location_code);
        if (!notice) {
          notice = (
            await files.storeGenerated(
              work,
              Buffer.from(`%PDF-1.4\n% ${a.location_code} 确权公示张贴照片\n%%EOF\n`),
              exportFileName(['确权公示张贴照片'], 'pdf'),
              a.location_code,
            )
          ).id;
          notices.set(a.location_code, notice);
        }
        const proposal = await ownership.propose(work, {
          assetId: a.id,
          owners: [
            household
              ? {
                  ownerType: OwnerType.HOUSEHOLD,
                  ownerRef: a.household_registry_no!,
                  name: `${a.household_head_name}户`,
                  sharePercent: '100',
                }
              : {
                  ownerType: OwnerType.VILLAGE_COLLECTIVE,
                  ownerRef: a.location_code,
                  name: `${a.location_code}集体经济组织`,
                  sharePercent: '100',
                },
          ],
          managementEntity: household ? `${a.household_head_name}户` : `${a.location_code}股份经济合作联合社`,
          publicityStart: addDays(today, -30),
          noticeEvidenceFileIds: [notice],
        });
        await ownership.confirm(work, proposal.id, `BZQQ-${a.code}`, addDays(today, -15));
      }
    });
  }
  say(`${fmt(owned.length)} ownerships proposed and confirmed: ${t()}`);

  // A signed checkpoint (it checks every entry since the last one in full, an Ed25519 verification
  // each: the bulk path signs no checkpoint), then the checks every e2e file ends with.
  t0 = Date.now();
  await app.get(CheckpointService).create();
  say(`checkpoint signed, every entry checked in full first: ${t()}`);
  t0 = Date.now();
  const verification = app.get(LedgerVerificationService);
  const verified = await verification.verify(RequestContext.system('bench-seed-verify'));
  say(`verifyLedger: ${verified.ok ? 'ok' : 'FAILED'}, ${fmt(verified.treeSize)} entries: ${t()}`);
  t0 = Date.now();
  const reconciled = await verification.reconcile(RequestContext.system('bench-seed-reconcile'));
  say(`reconcile: ${reconciled.ok ? 'ok' : 'FAILED'}, ${fmt(reconciled.checkedEntities)} records: ${t()}`);
  if (!verified.ok || !reconciled.ok) {
    throw new Error(
      `the seeded ledger does not check out: ${JSON.stringify({ verify: verified.problems?.slice(0, 3), reconcile: reconciled.differences.slice(0, 3) })}`,
    );
  }
  await system.query(`INSERT INTO seed_run (name) VALUES ('bench-scale')`);
  await system.query('VACUUM ANALYZE');
  return {
    townships: townships.length,
    villages: townships.length * VILLAGES_PER_TOWNSHIP,
    projects: projectIds.size,
    ownerships: owned.length,
    ledgerEntries: verified.treeSize,
    assetsPerSecond: Math.round(ASSETS / assetSeconds),
    verifyOk: verified.ok,
    reconcileOk: reconciled.ok,
  };
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '明华建国平军伟芳秀英兰红玉强文德成志勇林海春生福荣贵富清云山凤琴桂珍';

/** Household `i` of the seed: its village, a name, and a status the household rules accept. */
function benchHousehold(i: number, villages: readonly string[], today: string): HouseholdDraft {
  const monitored = i % 10 === 9;
  const status = {
    status: monitored ? HouseholdStatusKind.MONITORED : HouseholdStatusKind.POVERTY_ALLEVIATED,
    monitoringCategory: monitored ? MonitoringCategory.UNSTABLE : null,
    startedOn: monitored ? '2023-06-01' : '2020-12-31',
    endedOn: null,
  };
  const problems = statusProblems(status, today);
  if (problems.length > 0) throw new Error(`household ${i}: ${problems.map((p) => p.message).join('; ')}`);
  return {
    registryNo: `BENCH-H${String(i).padStart(8, '0')}`,
    headName: `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}${GIVEN[i % GIVEN.length]}`,
    villageCode: villages[i % villages.length],
    membersCount: 1 + (i % 6),
    idNumber: null,
    phone: null,
    address: null,
    status,
  };
}

/**
 * Grows the ledger to `target` entries with registered households, HOUSEHOLD_BATCH per transaction
 * through the bulk path the household import uses, signing a checkpoint every CHECKPOINT_EVERY entries
 * (each checks the entries since the one before in full). Ends with verifyLedger and reconcile.
 */
async function growLedger(app: INestApplicationContext, target: number): Promise<Record<string, unknown>> {
  const connection = app.get(TransactionalConnection);
  const households = app.get(HouseholdsService);
  const checkpoints = app.get(CheckpointService);
  const system = connection.getManager(RequestContext.system('bench-seed-entries'));
  const size = async (): Promise<number> =>
    Number(
      ((await system.query(`SELECT coalesce(max(idx) + 1, 0) AS n FROM ledger_entry`)) as [{ n: string }])[0]
        .n,
    );
  const [u] = (await system.query(
    `SELECT id, username, role, region_code FROM app_user WHERE username = $1`,
    [BENCH_USERS.district.username],
  )) as Array<{ id: string; username: string; role: Role; region_code: string }>;
  const district: AuthUser = { id: u.id, username: u.username, role: u.role, regionCode: u.region_code };
  const villages = (
    (await system.query(`SELECT code FROM region WHERE level = 'VILLAGE' ORDER BY code`)) as Array<{
      code: string;
    }>
  ).map((r) => r.code);
  let next = Number(
    (
      (await system.query(`SELECT count(*) AS n FROM household WHERE registry_no LIKE 'BENCH-H%'`)) as [
        { n: string },
      ]
    )[0].n,
  );
  const today = todayInChina();
  const from = await size();
  say(
    `growing the ledger from ${fmt(from)} to ${fmt(target)} entries with households (${fmt(next)} made before)`,
  );
  let current = from;
  let sinceCheckpoint = 0;
  let appendMs = 0;
  let checkpointMs = 0;
  const started = Date.now();
  while (current < target) {
    const count = Math.min(HOUSEHOLD_BATCH, target - current);
    const t0 = Date.now();
    const work = new RequestContext(`bench-seed-households-${next}`, district);
    await connection.withTransaction(work, async () => {
      const drafts = Array.from({ length: count }, (_, k) => benchHousehold(next + k, villages, today));
      await households.insertMany(work, drafts);
    });
    appendMs += Date.now() - t0;
    next += count;
    current += count;
    sinceCheckpoint += count;
    if (sinceCheckpoint >= CHECKPOINT_EVERY || current >= target) {
      const t1 = Date.now();
      const checkpoint = await checkpoints.create();
      if (!checkpoint) throw new Error('the checkpoint was refused: the ledger does not check out');
      checkpointMs += Date.now() - t1;
      current = checkpoint.treeSize;
      sinceCheckpoint = 0;
      const appended = current - from;
      say(
        `  ${fmt(current)} entries: ${fmt((Date.now() - started) / 1000, 1)} s ` +
          `(appends ${fmt(appended / (appendMs / 1000))}/s, checkpoints' full checks ${fmt(appended / (checkpointMs / 1000))}/s)`,
      );
    }
  }
  await system.query('VACUUM ANALYZE');
  let t0 = Date.now();
  const verification = app.get(LedgerVerificationService);
  const verified = await verification.verify(RequestContext.system('bench-seed-verify'));
  const verifySeconds = (Date.now() - t0) / 1000;
  say(
    `verifyLedger: ${verified.ok ? 'ok' : 'FAILED'}, ${fmt(verified.treeSize)} entries: ${fmt(verifySeconds, 1)} s`,
  );
  t0 = Date.now();
  const reconciled = await verification.reconcile(RequestContext.system('bench-seed-reconcile'));
  const reconcileSeconds = (Date.now() - t0) / 1000;
  say(
    `reconcile: ${reconciled.ok ? 'ok' : 'FAILED'}, ${fmt(reconciled.checkedEntities)} records: ${fmt(reconcileSeconds, 1)} s`,
  );
  if (!verified.ok || !reconciled.ok) {
    throw new Error(
      `the grown ledger does not check out: ${JSON.stringify({ verify: verified.problems?.slice(0, 3), reconcile: reconciled.differences.slice(0, 3) })}`,
    );
  }
  return {
    from,
    ledgerEntries: verified.treeSize,
    households: next,
    appendsPerSecond: Math.round((current - from) / (appendMs / 1000)),
    checkpointChecksPerSecond: Math.round((current - from) / (checkpointMs / 1000)),
    verifySeconds,
    reconcileSeconds,
    verifyOk: verified.ok,
    reconcileOk: reconciled.ok,
  };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
