/**
 * npm run bench -- verify [--assets 100000] [--rounds 3] [--checkpoint]
 *
 * `verifyLedger` over the seeded ledger, asked of the app under test (`node dist/src/main.js`) over
 * GraphQL, beside the baseline measured in the same run on the same rows: `COPY … TO STDOUT` of the
 * ledger entries and SHA-256 of the same bytes (the leaves and the tree above them), interleaved.
 * Reports medians of entries/s, the ratio to COPY + SHA-256 done one after another, and the app's peak RSS.
 * Entries past the latest signed checkpoint are checked in depth (canonical form, their own signature):
 * the bench says how many there are. The served app signs a checkpoint every 1,000 entries, the benches'
 * app never (so other benches' entries pile up past it); `--checkpoint` signs one first, as a district
 * supervisor, which is the ledger as it stands in use.
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import {
  benchServer,
  flag,
  gql,
  login,
  MiB,
  option,
  query,
  requireSeeded,
  rssSampler,
  say,
  scaleDataDir,
  serveApp,
  writeJson,
} from './scale';
import { fmt, interleave, median } from './stats';
import { machine } from './support';

const ASSETS = option('assets', 100_000);
const ROUNDS = option('rounds', 3);
const PORT = option('port', 3105);

/** COPY out the entries, then SHA-256 of the same canonical bytes: leaves, then the tree above them. */
async function baseline(
  url: string,
): Promise<{ copySeconds: number; shaSeconds: number; entries: number; bytes: number }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  let copied = 0;
  let t = process.hrtime.bigint();
  await pipeline(
    client.query(
      copyTo(`COPY (SELECT idx, leaf_hash, canonical, signature, action, entity_type, entity_id, region_code, actor_id,
                           request_id, recorded_at FROM ledger_entry ORDER BY ledger_id, idx) TO STDOUT (FORMAT binary)`),
    ),
    new Writable({
      write(chunk: Buffer, _e, done) {
        copied += chunk.length;
        done();
      },
    }),
  );
  const copySeconds = Number(process.hrtime.bigint() - t) / 1e9;
  const rows = (await client.query('SELECT canonical FROM ledger_entry ORDER BY ledger_id, idx'))
    .rows as Array<{ canonical: Buffer }>;
  await client.end();
  t = process.hrtime.bigint();
  let level: Buffer[] = rows.map((r) =>
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
  const shaSeconds = Number(process.hrtime.bigint() - t) / 1e9;
  return { copySeconds, shaSeconds, entries: rows.length, bytes: copied };
}

async function main(): Promise<void> {
  const server = await benchServer();
  const url = await requireSeeded(server, ASSETS);
  const [{ size }] = await query(url, 'SELECT count(*)::int AS size FROM ledger_entry');
  // Every round verifies: the app would otherwise answer a repeat from its last result while no ledger row
  // changed (LEDGER_VERIFY_REUSE_SECONDS), and rounds after the first would time a cache.
  const app = await serveApp(url, scaleDataDir(ASSETS), PORT, [], { LEDGER_VERIFY_REUSE_SECONDS: '0' });
  try {
    if (flag('checkpoint')) {
      await gql(
        app.url,
        'mutation { createCheckpoint { treeSize } }',
        {},
        await login(app.url, 'bench-district'),
      );
    }
    const [{ uncovered }] = await query(
      url,
      `SELECT $1::bigint - coalesce((SELECT max(tree_size) FROM ledger_checkpoint), 0) AS uncovered`,
      [size],
    );
    const token = await login(app.url, 'bench-auditor');
    say(`verify benchmark — ${machine()}, PostgreSQL ${server.version}`);
    say(
      `ledger of ${fmt(Number(size))} entries, ${fmt(Number(uncovered))} of them past the latest checkpoint; ${ROUNDS} rounds, interleaved\n`,
    );
    const appRates: number[] = [];
    const baseRates: number[] = [];
    const copyRates: number[] = [];
    const shaRates: number[] = [];
    let peak = 0;
    for (const order of interleave<'app' | 'base'>('base', 'app', ROUNDS)) {
      for (const who of order) {
        if (who === 'app') {
          const sampler = rssSampler(app.pid);
          const t = process.hrtime.bigint();
          const r = await gql<{ verifyLedger: { ok: boolean; treeSize: number } }>(
            app.url,
            '{ verifyLedger { ok treeSize checkedEntries } }',
            {},
            token,
          );
          const s = Number(process.hrtime.bigint() - t) / 1e9;
          peak = Math.max(peak, sampler.stop());
          if (!r.verifyLedger.ok) throw new Error('verifyLedger is not ok');
          appRates.push(r.verifyLedger.treeSize / s);
          say(
            `  app       verifyLedger ${fmt(r.verifyLedger.treeSize / s)} entries/s (${fmt(s, 2)} s), peak RSS ${MiB(peak)}`,
          );
        } else {
          const b = await baseline(url);
          const rate = b.entries / (b.copySeconds + b.shaSeconds);
          baseRates.push(rate);
          copyRates.push(b.entries / b.copySeconds);
          shaRates.push(b.entries / b.shaSeconds);
          say(
            `  baseline  COPY ${fmt(b.entries / b.copySeconds)} rows/s (${fmt(b.bytes / 1e6, 1)} MB) + SHA-256 ${fmt(b.entries / b.shaSeconds)} entries/s = ${fmt(rate)} entries/s`,
          );
        }
      }
    }
    const appM = median(appRates);
    const baseM = median(baseRates);
    say('');
    say(`medians over ${ROUNDS} rounds:`);
    say(
      `  verifyLedger ${fmt(appM)} entries/s; COPY + SHA-256 of the same bytes ${fmt(baseM)} entries/s (COPY ${fmt(median(copyRates))} rows/s, SHA-256 ${fmt(median(shaRates))}/s)`,
    );
    say(`  ratio ${fmt(appM / baseM, 3)} (goal ≥ 0.5); app peak RSS ${MiB(peak)}`);
    const file = writeJson('verify', {
      machine: machine(),
      postgres: server.version,
      entries: Number(size),
      appRates,
      baseRates,
      copyRates,
      shaRates,
      ratio: appM / baseM,
      appPeakRssBytes: peak,
    });
    say(`\nresult written to ${file}`);
  } finally {
    await app.stop();
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
