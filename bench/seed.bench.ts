/**
 * npm run bench -- seed --assets 100000 [--owned 60] [--fresh]
 *
 * The scale seed the other benches run on: a district of 52 townships with 8 villages each, `--assets`
 * assets (two fund sources each) in projects of 50, and for the first `--owned` assets of every township a
 * confirmed ownership (proposed, published, confirmed), all through the app's own services and its bulk
 * path (`AssetsService.insertMany`, what the import uses), every record with its ledger entry. It ends by
 * signing a checkpoint and checking that verifyLedger and reconcile are ok. The database (bench_assets_N)
 * and its ledger key (bench/.data/bench_assets_N/) stay for `read`, `write`, `verify` and `proofs`.
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
import { addDays, todayInChina } from '@/common/scalars';
import { benchApp } from './support';
import {
  appEnv,
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
const BATCH = 1000;

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
  if (exists && !flag('fresh')) {
    const done = await query(url, `SELECT 1 FROM seed_run WHERE name = 'bench-scale'`).catch(() => []);
    if (done.length > 0) {
      say(`${name} is already seeded (--fresh to make it again)`);
      await server.stop();
      return;
    }
  }
  if (exists) await query(server.url, `DROP DATABASE ${name} WITH (FORCE)`);
  fs.rmSync(scaleDataDir(ASSETS), { recursive: true, force: true });
  fs.mkdirSync(scaleDataDir(ASSETS), { recursive: true });
  await query(server.url, `CREATE DATABASE ${name}`);
  await runMigrations(url);
  say(`seeding ${name} (${fmt(ASSETS)} assets) on PostgreSQL ${server.version} (${server.source})`);

  const app = await benchApp(url, appEnv(url, scaleDataDir(ASSETS)));
  const result = await seed(app);
  const total = (Date.now() - started) / 1000;
  say(`seeded in ${fmt(total, 1)} s`);
  say(`result written to ${writeJson('seed', { assets: ASSETS, ...result, seconds: total })}`);
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
  // each: the bulk path signs none), then the checks every e2e file ends with.
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

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
