/**
 * Run by the e2e global setup in a child process (so that the app's modules are not loaded into
 * Jest's parent process, whose globals would leak into in-band test runs): migrates the template
 * database and loads the reference and demo data through the real app.
 *   ts-node test/support/build-template.ts <env-json>
 */
import './register-paths';
import { runMigrations } from '../../src/database/data-source.factory';
import { bootApp } from './db';

async function main(): Promise<void> {
  const env = JSON.parse(process.argv[2]) as Record<string, string>;
  // As the owner, which then grants the app role what it needs (the app itself connects as the latter).
  await runMigrations(env.MIGRATIONS_DATABASE_URL, new URL(env.DATABASE_URL).username);
  const app = await bootApp(env);
  await app.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
