import { Writable } from 'node:stream';
import { Client } from 'pg';
import pino from 'pino';
import { createApp } from '@/app.factory';
import { loadConfig } from '@/config/app-config';
import { runMigrations } from '@/database/data-source.factory';
import { provisionDatabase } from '@/database/database-roles';
import { adminQuery, bootApp, withDatabase } from './support/db';
import { appEnv, roleUrl } from './support/test-env';
import { TestApp } from './support/test-app';

/**
 * The app refuses to serve with a database role that could rewrite the ledger (a superuser, the owner
 * of the ledger tables, a role that may UPDATE them …) unless ALLOW_PRIVILEGED_DB=true, which it then
 * says in the log at every start. The harness itself serves every e2e file as a least-privilege role.
 */
describe('least privilege (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  const envFor = (url: string, extra: Record<string, string> = {}) => appEnv(t.env, url, extra);

  it('refuses to start connected as a superuser', async () => {
    await expect(bootApp(envFor(t.databaseUrl))).rejects.toThrow(/Refusing to serve.*is a superuser/s);
  });

  it('refuses to start connected as the owner of the ledger tables', async () => {
    const ownerUrl = roleUrl(t.env, t.databaseName, 'owner');
    await expect(bootApp(envFor(ownerUrl))).rejects.toThrow(/owns the ledger table ledger_entry/);
  });

  it('refuses DB_APP_ROLE when DATABASE_URL connects as another role (it was silently ignored)', async () => {
    const appUrl = roleUrl(t.env, t.databaseName, 'app');
    await expect(bootApp(envFor(appUrl, { DB_APP_ROLE: t.env.roles.owner.name }))).rejects.toThrow(
      /DB_APP_ROLE is ".*_owner" but DATABASE_URL connects as ".*_app"/,
    );
  });

  it('refuses a role that was granted UPDATE on a ledger table', async () => {
    const appUrl = roleUrl(t.env, t.databaseName, 'app');
    await t.sql(`GRANT UPDATE ON ledger_checkpoint TO "${t.env.roles.app.name}"`);
    try {
      await expect(bootApp(envFor(appUrl))).rejects.toThrow(/may UPDATE the ledger table ledger_checkpoint/);
    } finally {
      await t.sql(`REVOKE UPDATE ON ledger_checkpoint FROM "${t.env.roles.app.name}"`);
    }
  });

  it('with ALLOW_PRIVILEGED_DB=true it serves as a superuser and warns in the log at every start', async () => {
    for (let start = 0; start < 2; start++) {
      const lines: string[] = [];
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
          done();
        },
      });
      const config = loadConfig(envFor(t.databaseUrl, { ALLOW_PRIVILEGED_DB: 'true', LOG_LEVEL: 'warn' }));
      const app = await createApp(config, pino({ level: 'warn' }, sink));
      try {
        await app.init();
        const warnings = lines.map(
          (l) => JSON.parse(l) as { level: number; msg: string; problems?: string[] },
        );
        const warning = warnings.find((w) => /ALLOW_PRIVILEGED_DB=true/.test(w.msg));
        expect(warning).toMatchObject({ level: 40 });
        expect(warning!.problems!.join(' ')).toMatch(/is a superuser/);
      } finally {
        await app.close();
      }
    }
  });

  it('the role the app serves as can read and append, but not rewrite, switch triggers off or escalate', async () => {
    const me = await t.gql<{ verifyLedger: { ok: boolean } }>(
      '{ verifyLedger { ok } }',
      {},
      await t.token('auditor'),
    );
    expect(me.data!.verifyLedger.ok).toBe(true);
    const [{ usename }] = await t.sql<{ usename: string }>(
      `SELECT usename FROM pg_stat_activity WHERE datname = $1 AND application_name = 'asset-registry' LIMIT 1`,
      [t.databaseName],
    );
    expect(usename).toBe(t.env.roles.app.name);

    const client = new Client({ connectionString: roleUrl(t.env, t.databaseName, 'app') });
    await client.connect();
    try {
      await expect(client.query('SELECT count(*) FROM ledger_entry')).resolves.toBeDefined();
      await expect(client.query('SET session_replication_role = replica')).rejects.toThrow(
        /permission denied/,
      );
      await expect(client.query('ALTER TABLE ledger_entry DISABLE TRIGGER ALL')).rejects.toThrow(/owner/);
      await expect(client.query('UPDATE ledger_entry SET action = action')).rejects.toThrow(
        /permission denied/,
      );
      await expect(client.query('DELETE FROM ledger_node')).rejects.toThrow(/permission denied/);
      await expect(client.query('TRUNCATE ledger_checkpoint')).rejects.toThrow(/permission denied/);
      await expect(
        client.query(`GRANT "${t.env.roles.owner.name}" TO "${t.env.roles.app.name}"`),
      ).rejects.toThrow(/permission denied|must have admin option/);
      await expect(client.query('CREATE TABLE sneaky (id int)')).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
  });

  it('a database made by a superuser (an older npm start) is handed to the owner role and then served safely', async () => {
    const name = `${t.env.databasePrefix}_legacy`;
    await adminQuery(t.env.serverUrl, `CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
    try {
      await runMigrations(withDatabase(t.env.serverUrl, name));
      const owners = async () =>
        adminQuery<{ owner: string }>(
          withDatabase(t.env.serverUrl, name),
          `SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class
            WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S')`,
        );
      expect((await owners()).map((o) => o.owner)).not.toContain(t.env.roles.owner.name);
      const urls = await provisionDatabase(t.env.serverUrl, name, t.env.roles);
      expect(await owners()).toEqual([{ owner: t.env.roles.owner.name }]);
      const app = await bootApp(
        envFor(urls.appUrl, { MIGRATIONS_DATABASE_URL: urls.ownerUrl, DB_RUN_MIGRATIONS: 'true' }),
      );
      await app.close();
    } finally {
      await adminQuery(t.env.serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});
