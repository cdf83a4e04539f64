/**
 * npm run bench -- write [--assets 100000] [--clients 1,16] [--seconds 10] [--rounds 3] [--warmup <seconds>]
 *
 * `recordIncome` (with its ledger entry, in one transaction) on the app under test
 * (`node dist/src/main.js`), beside the baseline bench/raw-server.ts doing the same domain statements
 * with `pg` (asset row lock, idempotency, owners, overlap, record, shares, ledger lock, next index,
 * entry with its SHA-256 leaf and Ed25519 signature) into tables of its own; as a township officer, on
 * the operating assets of the officer's township, at 1 and 16 clients, interleaved; medians of tx/s.
 * The app's records stay in the database (through the app, so verifyLedger and reconcile stay ok);
 * the baseline's tables are dropped at the end.
 */
import {
  benchServer,
  load,
  login,
  option,
  post,
  query,
  requireSeeded,
  say,
  scaleDataDir,
  serveApp,
  serveRaw,
  writeJson,
} from './scale';
import { fmt, interleave, medianStats, RunStats } from './stats';
import { machine } from './support';

const ASSETS = option('assets', 100_000);
const SECONDS = option('seconds', 10);
const WARMUP = option('warmup', SECONDS);
const ROUNDS = option('rounds', 3);
const PORT = option('port', 3105);
const CLIENTS = (
  process.argv.includes('--clients') ? process.argv[process.argv.indexOf('--clients') + 1] : '1,16'
)
  .split(',')
  .map(Number);

const RECORD = `mutation Record($input: RecordIncomeInput!) { recordIncome(input: $input) { id amount } }`;

async function main(): Promise<void> {
  const server = await benchServer();
  const url = await requireSeeded(server, ASSETS);
  const [{ region_code: township }] = await query(
    url,
    `SELECT region_code FROM app_user WHERE username = 'bench-officer'`,
  );
  const assets = (
    await query(
      url,
      `SELECT id FROM asset WHERE location_code LIKE $1 AND class = 'OPERATING' ORDER BY code`,
      [`${String(township)}%`],
    )
  ).map((r) => String(r.id));
  // Periods already used by earlier runs of the app: each request takes a new day per asset.
  const [{ used }] = await query(url, `SELECT count(*)::int AS used FROM income_record`);
  const app = await serveApp(url, scaleDataDir(ASSETS), PORT);
  const raw = await serveRaw(url, PORT + 1);
  try {
    const token = await login(app.url, 'bench-officer');
    const auth = { authorization: `Bearer ${token}` };
    const run = `${Date.now().toString(36)}`;
    const counters = { app: Number(used), raw: 0 };
    const input = (who: 'app' | 'raw') => {
      const n = counters[who]++;
      const slot = Math.floor(n / assets.length);
      const day = new Date(Date.UTC(1990, 0, 1) + slot * 86_400_000).toISOString().slice(0, 10);
      return {
        assetId: assets[n % assets.length],
        amount: String(1000 + (n % 5000)),
        periodFrom: day,
        periodTo: day,
        receivedOn: '2025-01-15',
        kind: 'RENT',
        idempotencyKey: `bench-${who}-${run}-${n}`,
      };
    };
    const send = {
      app: () => {
        const i = input('app');
        return post(
          `${app.url}/graphql`,
          JSON.stringify({ query: RECORD, variables: { input: { ...i, amount: `${i.amount}.00` } } }),
          auth,
        );
      },
      raw: () => {
        const i = input('raw');
        return post(`${raw.url}/income`, JSON.stringify({ ...i, amount: `${i.amount}00` }), auth);
      },
    };
    const ok = (r: { status: number; body: string }) => r.status === 200 && !r.body.includes('"errors"');
    say(`write benchmark — ${machine()}, PostgreSQL ${server.version}`);
    say(
      `recordIncome on ${assets.length} operating assets of township ${String(township)}; ${ROUNDS} rounds of ${SECONDS} s, interleaved\n`,
    );
    // Warm-up, a round's length each (2 s left the app's first rounds slower than its last): the rounds
    // measure both once V8 has compiled their code. Its figures are printed, not counted.
    for (const who of ['raw', 'app'] as const) {
      const r = await load({ connections: 4, seconds: WARMUP, send: send[who], check: ok });
      say(`  warm-up ${who.padEnd(4)} ${fmt(r.perSecond).padStart(5)} tx/s at 4 clients (not counted)`);
    }
    const results: Record<string, { raw: RunStats; app: RunStats; ratio: number }> = {};
    for (const clients of CLIENTS) {
      const runs: Record<'raw' | 'app', RunStats[]> = { raw: [], app: [] };
      for (const order of interleave<'raw' | 'app'>('raw', 'app', ROUNDS)) {
        for (const who of order) {
          const r = await load({ connections: clients, seconds: SECONDS, send: send[who], check: ok });
          if (r.errors > 0) throw new Error(`${who}: ${r.errors} failed, first: ${r.firstError}`);
          runs[who].push(r);
          say(
            `  ${String(clients).padStart(2)} client(s) ${who.padEnd(4)} ${fmt(r.perSecond).padStart(5)} tx/s  p50 ${fmt(r.p50Ms, 1)} ms  p99 ${fmt(r.p99Ms, 1)} ms`,
          );
        }
      }
      const m = { raw: medianStats(runs.raw), app: medianStats(runs.app) };
      results[clients] = { ...m, ratio: m.app.perSecond / m.raw.perSecond };
    }
    say('\nmedians:');
    for (const [clients, r] of Object.entries(results)) {
      say(
        `  ${clients.padStart(2)} client(s): app ${fmt(r.app.perSecond)} tx/s, baseline ${fmt(r.raw.perSecond)} tx/s, ratio ${fmt(r.ratio, 2)} (goal ≥ 0.5)`,
      );
    }
    const file = writeJson('write', {
      machine: machine(),
      postgres: server.version,
      assets: assets.length,
      results,
    });
    say(`\nresult written to ${file}`);
  } finally {
    await app.stop();
    await raw.stop();
    await query(url, 'DROP TABLE IF EXISTS bench_raw_income, bench_raw_income_share, bench_raw_ledger').catch(
      () => undefined,
    );
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
