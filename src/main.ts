import 'reflect-metadata';
// First, before any library reads NODE_ENV (graphql-js does when it loads).
import './runtime/production-default';
import * as path from 'node:path';
import { createApp } from './app.factory';
import { createRootLogger } from './common/logging/logger';
import { AppConfig, ConfigError, loadConfig } from './config';
import { provisionDatabase } from './database/database-roles';
import { EmbeddedCluster, EmbeddedClusterError } from './database/embedded';
import { DEMO_USERS } from './seed/demo-data';
import { applyHeapGrowth } from './runtime/heap-growth';
import { demoPassword, ensureDataDir, loadOrCreateSecrets } from './runtime/local-secrets';

const DATABASE_NAME = 'asset_registry';
const OWNER_ROLE = 'asset_registry_owner';
const APP_ROLE = 'asset_registry_app';

/**
 * `npm start`: with DATABASE_URL, serve on that database. Without it, start (or recover) a private
 * PostgreSQL under `.data/`, generate the secrets once, load the demo data once, and serve.
 */
async function main(): Promise<void> {
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  const env = process.env;
  const dataDir = path.resolve(env.DATA_DIR?.trim() || '.data');
  const embedded = !env.DATABASE_URL?.trim();

  let config: AppConfig;
  let cluster: EmbeddedCluster | undefined;
  try {
    let generated: { jwtSecret?: string; databaseUrl?: string } = {};
    if (embedded) {
      ensureDataDir(dataDir);
      generated = { jwtSecret: loadOrCreateSecrets(dataDir).jwtSecret, databaseUrl: 'postgres://pending/' };
    }
    config = loadConfig(env, generated);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  applyHeapGrowth(config.heapGrowingPercent);
  const logger = createRootLogger(config.logLevel);

  if (config.demo.enabled) {
    ensureDataDir(dataDir);
    config.demo.password = demoPassword(dataDir, config.demo.password).password;
  }

  if (embedded) {
    const secrets = loadOrCreateSecrets(dataDir);
    say(`Starting the embedded PostgreSQL in ${path.join(dataDir, 'postgres')} …`);
    try {
      cluster = await EmbeddedCluster.start({
        dataDir: path.join(dataDir, 'postgres'),
        persistent: true,
        password: secrets.databasePassword,
        log: (message) => say(`  ${message}`),
      });
    } catch (error) {
      if (error instanceof EmbeddedClusterError) {
        process.stderr.write(`Cannot start the embedded PostgreSQL:\n${error.message}\n`);
        process.exit(1);
      }
      throw error;
    }
    // Least privilege by default: migrations run as the owner of the tables, requests as a role that
    // may only read and append to the ledger (see docs/operations.md).
    const database = await provisionDatabase(cluster.connectionUrl, DATABASE_NAME, {
      owner: { name: OWNER_ROLE, password: secrets.ownerPassword },
      app: { name: APP_ROLE, password: secrets.appPassword },
    });
    config.database.url = database.appUrl;
    config.database.migrationsUrl = database.ownerUrl;
    config.database.appRole = APP_ROLE;
  }

  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: shutting down …`);
    try {
      await app?.close();
    } catch (error) {
      logger.error({ err: error }, 'error while closing the app');
    }
    if (cluster) {
      await cluster.stop();
      say('Embedded PostgreSQL stopped.');
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    app = await createApp(config, logger);
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    logger.fatal({ err: error }, 'the app could not start');
    process.stderr.write(`The app could not start: ${(error as Error).message}\n`);
    await cluster?.stop();
    process.exit(1);
  }

  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  say('');
  say(`Asset Registry is ready: http://${shownHost}:${config.port}/  (the console, in a browser)`);
  say(`GraphQL API: http://${shownHost}:${config.port}/graphql  (GraphiQL in a browser)`);
  say(`Health: http://${shownHost}:${config.port}/health`);
  if (config.demo.enabled && config.demo.password) {
    say(`Demo logins (password: ${config.demo.password}):`);
    for (const u of DEMO_USERS)
      say(`  ${u.username.padEnd(10)} ${u.role.padEnd(20)} ${u.regionCode.padEnd(13)} ${u.displayName}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
