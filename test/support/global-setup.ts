import './register-paths';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmbeddedCluster } from '../../src/database/embedded';
import { execFileSync } from 'node:child_process';
import { appEnv, TEST_ENV_VAR, TestEnvironment, testEnvFile } from './test-env';
import { provisionDatabase } from '../../src/database/database-roles';
import { adminQuery } from './pg-admin';

declare global {
  var __ASSET_REGISTRY_CLUSTER__: EmbeddedCluster | undefined;
  var __ASSET_REGISTRY_ENV_FILE__: string | undefined;
}

/**
 * Runs once per `jest` run: gets a PostgreSQL server (TEST_DATABASE_URL, or a throwaway embedded one),
 * migrates a template database once, loads the reference and demo data into it through the real app,
 * and leaves its description for the test files. Every e2e file then clones the template
 * (CREATE DATABASE … TEMPLATE …), so files run in parallel and never see each other's rows.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asset-registry-test-'));
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const cluster = await EmbeddedCluster.start({
      dataDir: path.join(runDir, 'pg'),
      persistent: false,
    });
    globalThis.__ASSET_REGISTRY_CLUSTER__ = cluster;
    serverUrl = cluster.connectionUrl;
  }
  const databasePrefix = `ar_${runId}`;
  const templateDatabase = `${databasePrefix}_template`;
  const [{ server_version: serverVersion }] = await adminQuery<{ server_version: string }>(
    serverUrl,
    'SHOW server_version',
  );
  // Least privilege, as in production: the tables belong to an owner role that migrates; the app
  // connects as a role that may only read and append to the ledger. Roles are server-wide, so each
  // run has its own (dropped by the teardown).
  const roles = {
    owner: { name: `${databasePrefix}_owner`, password: randomBytes(12).toString('hex') },
    app: { name: `${databasePrefix}_app`, password: randomBytes(12).toString('hex') },
  };
  const template = await provisionDatabase(serverUrl, templateDatabase, roles);

  const env: TestEnvironment = {
    serverUrl,
    templateDatabase,
    runDir,
    demoPassword: 'demo-password-for-tests',
    databasePrefix,
    serverVersion,
    roles,
  };
  const templateEnv = appEnv(env, template.appUrl, {
    DEMO_DATA: 'true',
    DEMO_PASSWORD: env.demoPassword,
    MIGRATIONS_DATABASE_URL: template.ownerUrl,
  });
  execFileSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      path.join(__dirname, 'build-template.ts'),
      JSON.stringify(templateEnv),
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', '..', 'tsconfig.json') },
    },
  );
  // No connection may remain on a template while it is cloned.
  await adminQuery(
    serverUrl,
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [templateDatabase],
  );

  const file = testEnvFile(runId);
  fs.writeFileSync(file, JSON.stringify(env, null, 2));
  process.env[TEST_ENV_VAR] = file;
  globalThis.__ASSET_REGISTRY_ENV_FILE__ = file;
  process.stdout.write(
    `\n[e2e] PostgreSQL ${serverVersion} (${process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'throwaway embedded'}), ` +
      `template ${templateDatabase} ready in ${Date.now() - started} ms\n`,
  );
}
