import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppServer, freePort } from './app-server';
import { adminQuery } from './database';
import { BrowserTestEnvironment, ENV_VAR, serverEnv } from './environment';
import { APP_MAIN, CONSOLE_DIR, ROOT } from './paths';

interface EmbeddedClusterLike {
  connectionUrl: string;
  stop(): Promise<void>;
}

declare global {
  var __BROWSER_TEST_CLUSTER__: EmbeddedClusterLike | undefined;
}

/**
 * Once per run: a PostgreSQL server (TEST_DATABASE_URL, or a throwaway embedded one), and a template
 * database built by the real app itself (node dist/src/main.js: migrations, reference data and the
 * demo district). Every browser test file then clones the template and starts its own app on the clone.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  for (const built of [APP_MAIN, path.join(CONSOLE_DIR, 'index.html')]) {
    if (!fs.existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
  }
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asset-registry-browser-'));
  fs.chmodSync(runDir, 0o755);

  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    // The compiled embedded-PostgreSQL runner of the app (the same one npm test uses).
    const embedded = (await import(path.join(ROOT, 'dist', 'src', 'database', 'embedded', 'index.js'))) as {
      EmbeddedCluster: { start(o: { dataDir: string; persistent: boolean }): Promise<EmbeddedClusterLike> };
    };
    const cluster = await embedded.EmbeddedCluster.start({
      dataDir: path.join(runDir, 'pg'),
      persistent: false,
    });
    globalThis.__BROWSER_TEST_CLUSTER__ = cluster;
    serverUrl = cluster.connectionUrl;
  }

  const databasePrefix = `ab_${runId}`;
  const env: BrowserTestEnvironment = {
    serverUrl,
    templateDatabase: `${databasePrefix}_template`,
    runDir,
    databasePrefix,
    demoPassword: 'demo-password-for-browser-tests',
    jwtSecret: `browser-tests-${randomBytes(24).toString('hex')}`,
    // Least privilege, as in production (roles are server-wide: each run has its own, dropped at the end).
    roles: {
      owner: { name: `${databasePrefix}_owner`, password: randomBytes(12).toString('hex') },
      app: { name: `${databasePrefix}_app`, password: randomBytes(12).toString('hex') },
    },
  };
  // The app's own provisioning (compiled): both roles, the template owned by the owner role.
  const roles = (await import(path.join(ROOT, 'dist', 'src', 'database', 'database-roles.js'))) as {
    provisionDatabase(
      superuserUrl: string,
      database: string,
      roles: BrowserTestEnvironment['roles'],
    ): Promise<{ ownerUrl: string; appUrl: string }>;
  };
  const template = await roles.provisionDatabase(serverUrl, env.templateDatabase, env.roles);
  const app = await AppServer.start(
    serverEnv(env, template.appUrl, await freePort(), {
      MIGRATIONS_DATABASE_URL: template.ownerUrl,
      DB_RUN_MIGRATIONS: 'true',
      DEMO_DATA: 'true',
      DEMO_PASSWORD: env.demoPassword,
    }),
    path.join(runDir, 'logs', 'template.log'),
  );
  await app.stop();
  // No connection may remain on a template while it is cloned.
  await adminQuery(
    serverUrl,
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [env.templateDatabase],
  );

  const file = path.join(runDir, 'environment.json');
  fs.writeFileSync(file, JSON.stringify(env, null, 2));
  process.env[ENV_VAR] = file;
  process.stdout.write(
    `[browser] ${process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'throwaway embedded PostgreSQL'}, ` +
      `demo template ready in ${Date.now() - started} ms\n`,
  );
}
