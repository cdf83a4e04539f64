import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { provisionDatabase } from '@/database/database-roles';
import { EmbeddedCluster } from '@/database/embedded';
import { adminQuery, bootApp, withDatabase } from './support/db';
import { appEnv, readTestEnvironment, TestEnvironment } from './support/test-env';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');

/** A folder with pg_dump, pg_restore and psql of PostgreSQL `major`, if this machine has one. */
function clientTools(major: number): string | undefined {
  return [process.env.PG_BIN, `/usr/lib/postgresql/${major}/bin`].find(
    (dir) => dir && ['pg_dump', 'pg_restore', 'psql'].every((p) => fs.existsSync(path.join(dir, p))),
  );
}

/** A PostgreSQL installation with server binaries too (for a throwaway server of its version). */
function serverInstallation(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return undefined;
  return fs
    .readdirSync(base)
    .map((v) => path.join(base, v, 'bin'))
    .find((dir) =>
      ['initdb', 'pg_ctl', 'postgres', 'pg_dump', 'pg_restore', 'psql'].every((p) =>
        fs.existsSync(path.join(dir, p)),
      ),
    );
}

/**
 * The documented backup and restore (scripts/backup.sh, scripts/restore.sh) with the real pg_dump and
 * pg_restore: a live database with the demo district is backed up, restored into an empty database
 * under another name, and the app started on the copy finds the ledger sound, the records reconciled
 * and the same signing key. Runs on the test server when this machine has its client tools, otherwise
 * on a throwaway server of a PostgreSQL installed here.
 */
describe('backup and restore (e2e)', () => {
  let env: TestEnvironment;
  let server: string;
  let bin: string | undefined;
  let cluster: EmbeddedCluster | undefined;
  let work: string;
  const apps: NestFastifyApplication[] = [];

  beforeAll(async () => {
    env = readTestEnvironment();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'asset-registry-backup-'));
    fs.chmodSync(work, 0o755);
    const [{ v }] = await adminQuery<{ v: string }>(
      env.serverUrl,
      `SELECT current_setting('server_version_num') AS v`,
    );
    bin = clientTools(Math.floor(Number(v) / 10000));
    server = env.serverUrl;
    if (!bin) {
      const installed = serverInstallation();
      if (installed) {
        cluster = await EmbeddedCluster.start({ persistent: false, binDir: installed });
        server = cluster.connectionUrl;
        bin = installed;
      }
    }
  }, 120_000);

  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    for (const db of ['bsrc', 'brst']) {
      await adminQuery(server, `DROP DATABASE IF EXISTS ${env.databasePrefix}_${db} WITH (FORCE)`).catch(
        () => undefined,
      );
    }
    await cluster?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  async function start(
    urls: { ownerUrl: string; appUrl: string },
    dir: string,
    extra: Record<string, string> = {},
  ) {
    const app = await bootApp(
      appEnv(env, urls.appUrl, {
        MIGRATIONS_DATABASE_URL: urls.ownerUrl,
        DB_RUN_MIGRATIONS: 'true',
        LEDGER_SIGNING_KEY_FILE: path.join(dir, 'ledger-signing.key'),
        FILES_DIR: path.join(dir, 'files'),
        DEMO_PASSWORD: env.demoPassword,
        ...extra,
      }),
    );
    apps.push(app);
    const gql = async <T>(query: string, token?: string): Promise<T> => {
      let req = request(app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
      if (token) req = req.set('authorization', `Bearer ${token}`);
      const res = await req.send({ query });
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
      return res.body.data as T;
    };
    const login = async (u: string) =>
      (
        await gql<{ login: { accessToken: string } }>(
          `mutation { login(username: "${u}", password: "${env.demoPassword}") { accessToken } }`,
        )
      ).login.accessToken;
    return { app, gql, login };
  }

  it('restores into an empty database: the ledger verifies, the records reconcile, the key signs on', async () => {
    if (!bin) {
      // Only a machine without any PostgreSQL installation gets here; CI machines have PostgreSQL 15.
      if (process.env.CI)
        throw new Error('no pg_dump/pg_restore for this server and no PostgreSQL installation to start one');
      process.stdout.write('[backup-restore] skipped: no PostgreSQL client tools on this machine\n');
      return;
    }
    const sourceDir = path.join(work, 'source');
    const source = await provisionDatabase(server, `${env.databasePrefix}_bsrc`, env.roles);
    const live = await start(source, sourceDir, { DEMO_DATA: 'true' });
    const district = await live.login('district');
    await live.gql(
      'mutation { createRegion(code: "500101151297", name: "备份村", parentCode: "500101151") { code } }',
      await live.login('admin'),
    );
    const before = (
      await live.gql<{ createCheckpoint: { treeSize: number; rootHash: string; note: string } }>(
        'mutation { createCheckpoint { treeSize rootHash note } }',
        district,
      )
    ).createCheckpoint;

    const backup = path.join(work, 'backup');
    const pgEnv = { ...process.env, PG_BIN: bin };
    await run('bash', [path.join(ROOT, 'scripts/backup.sh'), backup], {
      // The key and the files where the app keeps them by default (under DATA_DIR), found without being named.
      env: { ...pgEnv, BACKUP_DATABASE_URL: source.ownerUrl, DATA_DIR: sourceDir },
    });
    expect(fs.readdirSync(backup).sort()).toEqual([
      'MANIFEST',
      'database.dump',
      'files',
      'ledger-signing.key',
    ]);

    // The copy: another database, another directory for the key and the files.
    const copyDir = path.join(work, 'copy');
    const target = await provisionDatabase(server, `${env.databasePrefix}_brst`, env.roles);
    const restoreEnv = {
      ...pgEnv,
      LEDGER_SIGNING_KEY_FILE: path.join(copyDir, 'ledger-signing.key'),
      FILES_DIR: path.join(copyDir, 'files'),
    };
    await run('bash', [path.join(ROOT, 'scripts/restore.sh'), backup, target.ownerUrl], { env: restoreEnv });
    // A second restore into the now filled database is refused and changes nothing.
    await expect(
      run('bash', [path.join(ROOT, 'scripts/restore.sh'), backup, target.ownerUrl], { env: restoreEnv }),
    ).rejects.toThrow(/not empty/);

    const copy = await start(target, copyDir);
    const auditor = await copy.login('auditor');
    const checked = await copy.gql<{
      verifyLedger: { ok: boolean; treeSize: number; problems: unknown[] };
      reconcile: { ok: boolean; differences: unknown[] };
      latestCheckpoint: { treeSize: number; rootHash: string; note: string };
      ledgerPublicKey: { verifierKey: string };
    }>(
      '{ verifyLedger { ok treeSize problems { kind message } } reconcile { ok differences { entityType entityId } } latestCheckpoint { treeSize rootHash note } ledgerPublicKey { verifierKey } }',
      auditor,
    );
    expect(checked.verifyLedger).toMatchObject({ ok: true, problems: [], treeSize: before.treeSize });
    expect(checked.reconcile).toMatchObject({ ok: true, differences: [] });
    expect(checked.latestCheckpoint).toEqual(before);
    const original = await live.gql<{ ledgerPublicKey: { verifierKey: string } }>(
      '{ ledgerPublicKey { verifierKey } }',
      district,
    );
    expect(checked.ledgerPublicKey.verifierKey).toBe(original.ledgerPublicKey.verifierKey);

    // The restored system goes on: a change, a checkpoint by the same key, still sound.
    await copy.gql(
      'mutation { createRegion(code: "500101151296", name: "恢复村", parentCode: "500101151") { code } }',
      await copy.login('admin'),
    );
    await copy.gql('mutation { createCheckpoint { treeSize } }', await copy.login('district'));
    const after = await copy.gql<{ verifyLedger: { ok: boolean; treeSize: number } }>(
      '{ verifyLedger { ok treeSize } }',
      auditor,
    );
    expect(after.verifyLedger).toEqual({ ok: true, treeSize: before.treeSize + 1 });
    // Evidence files came back with the database (the demo's minutes and appraisals).
    const [file] = await adminQuery<{ id: string; size: number }>(
      withDatabase(server, `${env.databasePrefix}_brst`),
      'SELECT id, size FROM evidence_file ORDER BY created_at LIMIT 1',
    );
    const download = await request(copy.app.getHttpServer())
      .get(`/files/${file.id}`)
      .set('authorization', `Bearer ${auditor}`);
    expect(download.status).toBe(200);
    expect(download.body.length).toBe(Number(file.size));
  }, 300_000);
});
