import './register-paths';
import * as fs from 'node:fs';
import { adminQuery } from './pg-admin';
import { TestEnvironment } from './test-env';

/** Drops every database this run made and stops the throwaway server, if any. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__ASSET_REGISTRY_CLUSTER__?.stop();
  const file = globalThis.__ASSET_REGISTRY_ENV_FILE__;
  if (file && fs.existsSync(file)) {
    const env = JSON.parse(fs.readFileSync(file, 'utf8')) as TestEnvironment;
    if (!globalThis.__ASSET_REGISTRY_CLUSTER__) {
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
    fs.rmSync(env.runDir, { recursive: true, force: true });
    fs.rmSync(file, { force: true });
  }
}
