import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { createApp } from '@/app.factory';
import { createRootLogger } from '@/common/logging/logger';
import { loadConfig } from '@/config/app-config';
import { runMigrations } from '@/database/data-source.factory';
import { EmbeddedCluster } from '@/database/embedded';

/** A database for one benchmark run: BENCH_DATABASE_URL's server, or a throwaway embedded one. */
export interface BenchDatabase {
  url: string;
  serverVersion: string;
  source: string;
  drop(): Promise<void>;
}

async function admin(url: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await c.end();
  }
}

export async function benchDatabase(): Promise<BenchDatabase> {
  let server = process.env.BENCH_DATABASE_URL;
  let cluster: EmbeddedCluster | undefined;
  if (!server) {
    cluster = await EmbeddedCluster.start({ persistent: false });
    server = cluster.connectionUrl;
  }
  const name = `bench_${randomBytes(4).toString('hex')}`;
  await admin(server, `CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const [{ server_version }] = await admin(server, 'SHOW server_version');
  await runMigrations(url.toString());
  return {
    url: url.toString(),
    serverVersion: String(server_version),
    source: cluster ? 'throwaway embedded' : 'BENCH_DATABASE_URL',
    drop: async () => {
      await admin(server!, `DROP DATABASE ${name} WITH (FORCE)`);
      await cluster?.stop();
    },
  };
}

/** Boots the real app on the database (no HTTP port), with a throwaway ledger key. */
export async function benchApp(
  url: string,
  env: Record<string, string> = {},
): Promise<INestApplicationContext> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asset-registry-bench-'));
  const config = loadConfig({
    DATABASE_URL: url,
    DB_RUN_MIGRATIONS: 'false',
    JWT_SECRET: 'bench-secret-0123456789abcdef0123456789',
    DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    CHECKPOINT_EVERY_SECONDS: '0',
    CHECKPOINT_EVERY_ENTRIES: '1000000',
    DB_POOL_SIZE: '20',
    // Benchmarks measure the app, not its database roles: they connect as the server's superuser.
    ALLOW_PRIVILEGED_DB: 'true',
    ...env,
  });
  const app = await createApp(config, createRootLogger(config.logLevel));
  await app.init();
  return app;
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
}

export function writeResult(name: string, result: unknown): string {
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
  return file;
}

export const seconds = (startNs: bigint): number => Number(process.hrtime.bigint() - startNs) / 1e9;
