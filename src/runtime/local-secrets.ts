import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Secrets that embedded/demo mode generates once and keeps under the data directory (mode 0600): the
 * JWT secret, the embedded database's passwords (superuser, owner, app role) and the demo users'
 * password. Never logged.
 */
export interface LocalSecrets {
  jwtSecret: string;
  /** The embedded PostgreSQL's superuser (`postgres`): used only to set up the two roles below. */
  databasePassword: string;
  /** The owner of the app's tables (migrations). */
  ownerPassword: string;
  /** The role the app serves requests as. */
  appPassword: string;
}

export function ensureDataDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

function readOrCreate(file: string, create: () => string): { value: string; created: boolean } {
  try {
    const value = fs.readFileSync(file, 'utf8').trim();
    if (value) return { value, created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const value = create();
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${value}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return { value, created: true };
}

const newSecret = (): string => randomBytes(24).toString('base64url');

export function loadOrCreateSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, 'secrets.json');
  const { value } = readOrCreate(file, () =>
    JSON.stringify({
      jwtSecret: randomBytes(48).toString('base64url'),
      databasePassword: newSecret(),
      ownerPassword: newSecret(),
      appPassword: newSecret(),
    }),
  );
  const parsed = JSON.parse(value) as Partial<LocalSecrets>;
  if (!parsed.jwtSecret || !parsed.databasePassword)
    throw new Error(`${file} is incomplete: remove it to regenerate`);
  if (!parsed.ownerPassword || !parsed.appPassword) {
    // Made before the app had its own database roles: add their passwords, keep everything else.
    const completed: LocalSecrets = {
      jwtSecret: parsed.jwtSecret,
      databasePassword: parsed.databasePassword,
      ownerPassword: parsed.ownerPassword ?? newSecret(),
      appPassword: parsed.appPassword ?? newSecret(),
    };
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(completed)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, file);
    return completed;
  }
  return {
    jwtSecret: parsed.jwtSecret,
    databasePassword: parsed.databasePassword,
    ownerPassword: parsed.ownerPassword,
    appPassword: parsed.appPassword,
  };
}

/** The demo users' password: DEMO_PASSWORD if set, else generated once and kept in `demo-password`. */
export function demoPassword(
  dataDir: string,
  given: string | undefined,
): { password: string; source: string } {
  if (given) return { password: given, source: 'DEMO_PASSWORD' };
  const file = path.join(dataDir, 'demo-password');
  const { value, created } = readOrCreate(file, () => randomBytes(9).toString('base64url'));
  return { password: value, source: created ? `generated, kept in ${file}` : `kept in ${file}` };
}
