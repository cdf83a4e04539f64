import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** What the global setup hands to every e2e file (written to a small JSON file, path in the env). */
export interface TestEnvironment {
  /** Admin connection to the PostgreSQL server (maintenance database). */
  serverUrl: string;
  /** Migrated, reference-seeded, demo-seeded template database every test file clones. */
  templateDatabase: string;
  /** Directory for this run's files (ledger signing key, uploads). */
  runDir: string;
  /** Password of the demo users in the template. */
  demoPassword: string;
  /** Prefix of every database this run creates. */
  databasePrefix: string;
  /** PostgreSQL server version. */
  serverVersion: string;
  /** The roles this run made (least privilege): the owner migrates, the app role serves. */
  roles: { owner: RoleLogin; app: RoleLogin };
}

export interface RoleLogin {
  name: string;
  password: string;
}

/** `serverUrl` on another database, as the run's owner or app role (or as the superuser). */
export function roleUrl(env: TestEnvironment, database: string, role?: 'owner' | 'app'): string {
  const url = new URL(env.serverUrl);
  url.pathname = `/${database}`;
  if (role) {
    url.username = encodeURIComponent(env.roles[role].name);
    url.password = encodeURIComponent(env.roles[role].password);
  }
  return url.toString();
}

export const TEST_ENV_VAR = 'ASSET_REGISTRY_TEST_ENV';

export function testEnvFile(runId: string): string {
  return path.join(os.tmpdir(), `asset-registry-test-${runId}.json`);
}

export function readTestEnvironment(): TestEnvironment {
  const file = process.env[TEST_ENV_VAR];
  if (!file) throw new Error(`${TEST_ENV_VAR} is not set: run e2e tests through jest (global setup)`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as TestEnvironment;
}

/** The environment of an app under test, on database `url` (the app role's URL, as in production). */
export function appEnv(
  env: TestEnvironment,
  url: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: url,
    DB_RUN_MIGRATIONS: 'false',
    DB_POOL_SIZE: '5',
    JWT_SECRET: 'test-only-secret-0123456789abcdef0123456789',
    DATA_DIR: env.runDir,
    LEDGER_SIGNING_KEY_FILE: path.join(env.runDir, 'ledger-signing.key'),
    FILES_DIR: path.join(env.runDir, 'files'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DEMO_DATA: 'false',
    CHECKPOINT_EVERY_SECONDS: '0',
    ...overrides,
  };
}
