import * as fs from 'node:fs';
import { adminQuery } from './database';
import { ENV_VAR, readEnvironment } from './environment';

/** Drops the run's databases (or stops the throwaway server) and removes the run's folder. */
export default async function globalTeardown(): Promise<void> {
  if (!process.env[ENV_VAR]) return;
  const env = readEnvironment();
  if (globalThis.__BROWSER_TEST_CLUSTER__) {
    await globalThis.__BROWSER_TEST_CLUSTER__.stop();
  } else {
    const left = await adminQuery<{ datname: string }>(
      env.serverUrl,
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${env.databasePrefix}%`],
    );
    for (const { datname } of left) {
      await adminQuery(env.serverUrl, `DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(
        () => undefined,
      );
    }
    for (const role of [env.roles.app.name, env.roles.owner.name]) {
      await adminQuery(env.serverUrl, `DROP ROLE IF EXISTS "${role}"`).catch(() => undefined);
    }
  }
  if (process.env.KEEP_BROWSER_TEST_LOGS) process.stdout.write(`[browser] logs kept in ${env.runDir}/logs\n`);
  else fs.rmSync(env.runDir, { recursive: true, force: true });
}
