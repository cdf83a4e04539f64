/**
 * npm run bench -- ledger [--single N] [--batched N] [--batch K] [--concurrency C]
 *
 * Appends entries through the real LedgerService (one transaction each, and K per transaction), then
 * verifies the whole ledger with the real verification, and measures in the same run the baselines
 * that bound them: the same transactions inserting a plain row of the same size (no lock, no hashing),
 * raw SHA-256 over the same bytes, Ed25519 verification of the same signatures, and reading the same
 * rows with COPY.
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { RequestContext } from '@/common/context';
import { TransactionalConnection } from '@/database';
import { CheckpointService } from '@/ledger/checkpoint.service';
import { LedgerKeyService } from '@/ledger/ledger-key.service';
import { LedgerSubjectRegistry } from '@/ledger/ledger-subject.registry';
import { LedgerVerificationService } from '@/ledger/ledger-verification.service';
import { LedgerService } from '@/ledger/ledger.service';
import { benchApp, benchDatabase, machine, seconds, writeResult } from './support';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const SINGLE = option('single', 5000);
const BATCHED = option('batched', 20000);
const BATCH = option('batch', 100);
const CONCURRENCY = option('concurrency', 8);
const PAYLOAD = 'x'.repeat(300); // an entry of roughly the size of a real asset change

async function inParallel(
  total: number,
  concurrency: number,
  work: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await work(next++);
    }),
  );
}

async function main(): Promise<void> {
  const db = await benchDatabase();
  const app = await benchApp(db.url);
  const connection = app.get(TransactionalConnection);
  const ledger = app.get(LedgerService);
  const keys = app.get(LedgerKeyService);
  const verification = app.get(LedgerVerificationService);
  app.get(LedgerSubjectRegistry).register({
    entityType: 'BenchItem',
    load: async (_m, ids) => new Map(ids.map((id) => [id, { id, payload: PAYLOAD }])),
    loadPage: async () => [],
    regionOf: () => '500101001',
  });
  const manager = connection.getManager(RequestContext.system('bench'));
  await manager.query(
    'CREATE TABLE bench_plain (id bigserial PRIMARY KEY, entity_id varchar(64), body bytea)',
  );
  const [{ n: seeded }] = await manager.query<Array<{ n: number }>>(
    'SELECT count(*)::int AS n FROM ledger_entry',
  );
  const body = Buffer.from(
    JSON.stringify({ id: 'bench-0000000', payload: PAYLOAD, padding: 'y'.repeat(250) }),
  );

  const report: Record<string, unknown> = {
    machine: machine(),
    postgres: `${db.serverVersion} (${db.source})`,
  };
  const line = (label: string, value: string): void =>
    void process.stdout.write(`${label.padEnd(58)} ${value}\n`);
  process.stdout.write(`ledger benchmark — ${report.machine}, PostgreSQL ${report.postgres}\n\n`);

  // 1. One entry per transaction, C concurrent writers; baseline: the same transactions inserting a plain row.
  let t = process.hrtime.bigint();
  await inParallel(SINGLE, CONCURRENCY, async (i) => {
    const ctx = RequestContext.system(`bench-${i}`);
    await connection.withTransaction(ctx, async (m) => {
      await m.query('INSERT INTO bench_plain (entity_id, body) VALUES ($1, $2)', [`plain-${i}`, body]);
    });
  });
  const plainRate = SINGLE / seconds(t);
  t = process.hrtime.bigint();
  await inParallel(SINGLE, CONCURRENCY, async (i) => {
    const ctx = RequestContext.system(`bench-${i}`);
    await connection.withTransaction(ctx, async (m) => {
      await m.query('INSERT INTO bench_plain (entity_id, body) VALUES ($1, $2)', [`single-${i}`, body]);
      ledger.record(ctx, { action: 'BENCH', entityType: 'BenchItem', entityId: `single-${i}` });
    });
  });
  const singleRate = SINGLE / seconds(t);
  line(`plain insert, 1 row/transaction, ${CONCURRENCY} writers (baseline)`, `${plainRate.toFixed(0)} tx/s`);
  line(
    `same + ledger append, 1 entry/transaction`,
    `${singleRate.toFixed(0)} appends/s  (${(singleRate / plainRate).toFixed(2)} × baseline)`,
  );

  // 2. K entries per transaction (an import).
  const transactions = Math.ceil(BATCHED / BATCH);
  t = process.hrtime.bigint();
  await inParallel(transactions, Math.min(CONCURRENCY, 4), async (i) => {
    const ctx = RequestContext.system(`bench-batch-${i}`);
    await connection.withTransaction(ctx, async () => {
      for (let k = 0; k < BATCH; k++) {
        ledger.record(ctx, { action: 'BENCH', entityType: 'BenchItem', entityId: `batch-${i}-${k}` });
      }
    });
  });
  const batchRate = (transactions * BATCH) / seconds(t);
  line(`ledger append, ${BATCH} entries/transaction`, `${batchRate.toFixed(0)} appends/s`);

  // 3. Verify everything. First the checkpoint the app makes in the course of things (it checks, in full,
  // every entry it covers before it signs); verifyLedger then re-checks entries under it without their
  // per-entry signatures (see docs/ledger.md).
  const total = seeded + SINGLE + transactions * BATCH;
  t = process.hrtime.bigint();
  await app.get(CheckpointService).create();
  const checkpointSeconds = seconds(t);
  t = process.hrtime.bigint();
  const result = await verification.verify(RequestContext.system('bench-verify'));
  const verifySeconds = seconds(t);
  if (!result.ok || result.treeSize !== total)
    throw new Error(`verification failed: ${JSON.stringify(result.problems.slice(0, 3))}`);
  const verifyRate = total / verifySeconds;

  // Baselines over the same rows: COPY out, SHA-256 of the same bytes, Ed25519 verify of the same signatures.
  const client = new Client({ connectionString: db.url });
  await client.connect();
  let copied = 0;
  t = process.hrtime.bigint();
  await pipeline(
    client.query(
      copyTo(`COPY (SELECT idx, leaf_hash, canonical, signature, action, entity_type, entity_id, region_code, actor_id,
                           request_id, recorded_at FROM ledger_entry ORDER BY idx) TO STDOUT (FORMAT binary)`),
    ),
    new Writable({
      write(chunk: Buffer, _e, done) {
        copied += chunk.length;
        done();
      },
    }),
  );
  const copyRate = total / seconds(t);
  const rows = (await client.query('SELECT canonical, leaf_hash, signature FROM ledger_entry ORDER BY idx'))
    .rows as Array<{
    canonical: Buffer;
    leaf_hash: Buffer;
    signature: Buffer;
  }>;
  await client.end();
  t = process.hrtime.bigint();
  let level: Buffer[] = [];
  for (const r of rows)
    level.push(
      createHash('sha256')
        .update(Buffer.from([0]))
        .update(r.canonical)
        .digest(),
    );
  while (level.length > 1) {
    const up: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) {
      up.push(
        createHash('sha256')
          .update(Buffer.from([1]))
          .update(level[i])
          .update(level[i + 1])
          .digest(),
      );
    }
    if (level.length % 2 === 1) up.push(level[level.length - 1]);
    level = up;
  }
  const shaRate = total / seconds(t);
  t = process.hrtime.bigint();
  rows.forEach((r, i) => keys.verifyEntry(i, r.leaf_hash, r.signature));
  const edRate = total / seconds(t);
  const bytes = rows.reduce((s, r) => s + r.canonical.length, 0);

  line(
    `checkpoint over ${total} unchecked entries (checked before signing)`,
    `${(total / checkpointSeconds).toFixed(0)} entries/s (${checkpointSeconds.toFixed(2)} s)`,
  );
  line(
    `verifyLedger over ${total} entries`,
    `${verifyRate.toFixed(0)} entries/s (${verifySeconds.toFixed(2)} s)`,
  );
  line(
    `  baseline: COPY of the same rows (${(copied / 1e6).toFixed(1)} MB)`,
    `${copyRate.toFixed(0)} rows/s`,
  );
  line(
    `  baseline: SHA-256 leaves + tree over the same bytes (${(bytes / 1e6).toFixed(1)} MB)`,
    `${shaRate.toFixed(0)} entries/s`,
  );
  line(`  baseline: Ed25519 verify of the same signatures`, `${edRate.toFixed(0)} entries/s`);
  const bound = 1 / (1 / copyRate + 1 / shaRate + 1 / edRate);
  line(
    `  verifyLedger ÷ (COPY + SHA-256 + Ed25519 done one after another)`,
    `${(verifyRate / bound).toFixed(2)}`,
  );
  const copyAndSha = 1 / (1 / copyRate + 1 / shaRate);
  line(
    `  verifyLedger ÷ (COPY + SHA-256 one after another: ${copyAndSha.toFixed(0)}/s)`,
    `${(verifyRate / copyAndSha).toFixed(2)}`,
  );

  Object.assign(report, {
    entries: total,
    concurrency: CONCURRENCY,
    plainInsertTxPerSecond: Math.round(plainRate),
    singleAppendsPerSecond: Math.round(singleRate),
    singleVsPlain: Number((singleRate / plainRate).toFixed(3)),
    batch: BATCH,
    batchedAppendsPerSecond: Math.round(batchRate),
    verifyEntriesPerSecond: Math.round(verifyRate),
    copyRowsPerSecond: Math.round(copyRate),
    sha256EntriesPerSecond: Math.round(shaRate),
    ed25519VerifyPerSecond: Math.round(edRate),
    verifyVsSequentialBaselines: Number((verifyRate / bound).toFixed(3)),
    checkpointEntriesPerSecond: Math.round(total / checkpointSeconds),
    verifyVsCopyAndSha256: Number((verifyRate / copyAndSha).toFixed(3)),
  });
  process.stdout.write(`\nresult written to ${writeResult('ledger', report)}\n`);
  await app.close();
  await db.drop();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
