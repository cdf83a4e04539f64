import * as fs from 'node:fs';
import * as path from 'node:path';

/** What the global setup hands to every browser test file (a JSON file named in the environment). */
export interface BrowserTestEnvironment {
  /** Admin connection to the PostgreSQL server. */
  serverUrl: string;
  /** Migrated, demo-seeded database every test file clones. */
  templateDatabase: string;
  /** This run's folder: ledger key, uploaded files, server logs. */
  runDir: string;
  databasePrefix: string;
  demoPassword: string;
  jwtSecret: string;
  /** This run's roles (least privilege, as in production): the owner migrates, the app role serves. */
  roles: { owner: RoleLogin; app: RoleLogin };
}

export interface RoleLogin {
  name: string;
  password: string;
}

export const ENV_VAR = 'ASSET_REGISTRY_BROWSER_ENV';

export function readEnvironment(): BrowserTestEnvironment {
  const file = process.env[ENV_VAR];
  if (!file)
    throw new Error(`${ENV_VAR} is not set: run the browser tests through playwright (global setup)`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as BrowserTestEnvironment;
}

/** The environment of the app (dist/src/main.js) on one database, as the browser tests run it. */
export function serverEnv(
  env: BrowserTestEnvironment,
  databaseUrl: string,
  port: number,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: databaseUrl,
    DB_RUN_MIGRATIONS: 'false',
    DB_POOL_SIZE: '5',
    PORT: String(port),
    HOST: '127.0.0.1',
    JWT_SECRET: env.jwtSecret,
    DATA_DIR: env.runDir,
    LEDGER_SIGNING_KEY_FILE: path.join(env.runDir, 'ledger-signing.key'),
    FILES_DIR: path.join(env.runDir, 'files'),
    LOG_LEVEL: process.env.BROWSER_TEST_LOG_LEVEL ?? 'warn',
    DEMO_DATA: 'false',
    CHECKPOINT_EVERY_SECONDS: '0',
    ...overrides,
  };
}
