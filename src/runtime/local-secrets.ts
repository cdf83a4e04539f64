import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Secrets that embedded/demo mode generates once and keeps under the data directory (mode 0600): the
 * JWT secret, the embedded database's password and the demo users' password. Never logged.
 */
export interface LocalSecrets {
  jwtSecret: string;
  databasePassword: string;
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

export function loadOrCreateSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, 'secrets.json');
  const { value } = readOrCreate(file, () =>
    JSON.stringify({
      jwtSecret: randomBytes(48).toString('base64url'),
      databasePassword: randomBytes(24).toString('base64url'),
    }),
  );
  const parsed = JSON.parse(value) as Partial<LocalSecrets>;
  if (!parsed.jwtSecret || !parsed.databasePassword)
    throw new Error(`${file} is incomplete: remove it to regenerate`);
  return { jwtSecret: parsed.jwtSecret, databasePassword: parsed.databasePassword };
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
