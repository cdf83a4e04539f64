/**
 * npm run bench -- read [--assets 100000] [--connections 20] [--seconds 15] [--rounds 3] [--first 50]
 *                        [--warmup <seconds>] [--port 3105] [--raw-port <port + 1>]
 *
 * The auditor list query: `first` assets of a township (the townships taken in turn) with location,
 * project, current owners and totalCount, from the app under test (`node dist/src/main.js`, port 3105)
 * and from the baseline (bench/raw-server.ts: `http` + `pg` running the equivalent SQL, port 3106), both
 * on the seeded database, `connections` clients each, interleaved round by round. Reports the medians of
 * req/s, p50, p95 and p99 over the rounds, their ratios, and the app's peak RSS under the load (the
 * issue's scale goal is the app's p95 under 50 ms at 1,000,000 assets). Each is first warmed up under the
 * same load for `warmup` seconds (a round's length unless told), so that the rounds measure both as they
 * run once their code is compiled; the warm-up's figures are printed, not counted.
 * With --profile the app runs under `node --cpu-prof` (bench/results/profiles/; read one with
 * bench/profile-summary.ts).
 */
import * as path from 'node:path';
import {
  BenchServer,
  benchServer,
  cpuSecondsOf,
  flag,
  gql,
  load,
  login,
  MiB,
  option,
  post,
  query,
  requireSeeded,
  rssOf,
  rssSampler,
  say,
  scaleDataDir,
  Served,
  serveApp,
  serveRaw,
  writeJson,
} from './scale';
import { fmt, interleave, medianStats, RunStats } from './stats';
import { machine } from './support';

const ASSETS = option('assets', 100_000);
const CONNECTIONS = option('connections', 20);
const SECONDS = option('seconds', 15);
const ROUNDS = option('rounds', 3);
const FIRST = option('first', 50);
const PORT = option('port', 3105);
const RAW_PORT = option('raw-port', PORT + 1);
const WARMUP = option('warmup', SECONDS);

export const LIST_QUERY = `query List($region: String!, $first: Int!) {
  assets(filter: { regionCode: $region }, first: $first) {
    totalCount
    edges { cursor node { id code name class status formedValue
      location { code name } project { id code name year } owners { ownerType ownerName sharePercent } } }
    pageInfo { hasNextPage }
  }
}`;

interface ListNode {
  code: string;
  project: { code: string };
  location: { code: string };
  owners: Array<{ ownerName: string }>;
}
interface ListPage {
  totalCount: number;
  edges: Array<{ node: ListNode }>;
}

async function main(): Promise<void> {
  const server: BenchServer = await benchServer();
  const url = await requireSeeded(server, ASSETS);
  const townships = (await query(url, `SELECT code FROM region WHERE level = 'TOWNSHIP' ORDER BY code`)).map(
    (r) => String(r.code),
  );
  const profiles = path.join(__dirname, 'results', 'profiles');
  const app = await serveApp(
    url,
    scaleDataDir(ASSETS),
    PORT,
    flag('profile') ? ['--cpu-prof', '--cpu-prof-dir', profiles] : [],
  );
  const raw = await serveRaw(url, RAW_PORT).catch(async (error: unknown) => {
    await app.stop();
    await server.stop();
    throw error;
  });
  try {
    const token = await login(app.url, 'bench-auditor');
    const auth = { authorization: `Bearer ${token}` };
    const appSend = (i: number) =>
      post(
        `${app.url}/graphql`,
        JSON.stringify({
          query: LIST_QUERY,
          variables: { region: townships[i % townships.length], first: FIRST },
        }),
        auth,
      );
    const rawSend = (i: number) =>
      post(
        `${raw.url}/list`,
        JSON.stringify({ region: townships[i % townships.length], first: FIRST }),
        auth,
      );
    const ok = (r: { status: number; body: string }) => r.status === 200 && !r.body.includes('"errors"');

    // Both must answer the same: same count, same codes, projects, locations and owners.
    const a = (
      await gql<{ assets: ListPage }>(app.url, LIST_QUERY, { region: townships[1], first: FIRST }, token)
    ).assets;
    const b = (JSON.parse((await rawSend(1)).body) as { data: ListPage }).data;
    const shape = (p: ListPage) =>
      JSON.stringify([
        p.totalCount,
        p.edges.map((e) => [
          e.node.code,
          e.node.project.code,
          e.node.location.code,
          e.node.owners.map((o) => o.ownerName),
        ]),
      ]);
    if (shape(a) !== shape(b))
      throw new Error(
        `the app and the baseline disagree:\n${shape(a).slice(0, 400)}\n${shape(b).slice(0, 400)}`,
      );
    const owned = a.edges.filter((e) => e.node.owners.length > 0).length;

    say(`read benchmark — ${machine()}, PostgreSQL ${server.version}`);
    say(
      `${ASSETS.toLocaleString('en-US')} assets; a page: ${FIRST} assets of one of ${townships.length} townships (${a.totalCount} in the first), ${owned} with owners`,
    );
    say(`${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s each, interleaved\n`);

    // Warm both up (JIT, plans, caches). The app has far more code for V8 to compile than the baseline:
    // a warm-up of 3 s left its first round at two thirds of the next ones' rate (1.5 times their CPU
    // per request), a round shaped by the compiler rather than by the app.
    // One run of the load against `who`, with the CPU seconds its process spent meanwhile.
    const measure = async (who: 'raw' | 'app', seconds: number) => {
      const target: Served = who === 'app' ? app : raw;
      const cpu0 = cpuSecondsOf(target.pid);
      const r = await load({
        connections: CONNECTIONS,
        seconds,
        send: who === 'app' ? appSend : rawSend,
        check: ok,
      });
      return { r, cpu: cpuSecondsOf(target.pid) - cpu0 };
    };
    for (const who of ['raw', 'app'] as const) {
      const { r, cpu } = await measure(who, WARMUP);
      say(
        `  warm-up ${who.padEnd(4)} ${fmt(r.perSecond).padStart(6)} req/s  p99 ${fmt(r.p99Ms, 1).padStart(6)} ms  CPU ${fmt((cpu / Math.max(r.requests, 1)) * 1000, 2)} ms per request (not counted)`,
      );
    }

    const runs: Record<'raw' | 'app', RunStats[]> = { raw: [], app: [] };
    let peakRss = 0;
    let appCpu = 0;
    let appRequests = 0;
    for (const order of interleave<'raw' | 'app'>('raw', 'app', ROUNDS)) {
      for (const who of order) {
        const sampler = rssSampler((who === 'app' ? app : raw).pid);
        const { r, cpu } = await measure(who, SECONDS);
        const peak = sampler.stop();
        if (r.errors > 0) throw new Error(`${who}: ${r.errors} failed requests, first: ${r.firstError}`);
        runs[who].push(r);
        if (who === 'app') {
          peakRss = Math.max(peakRss, peak);
          appCpu += cpu;
          appRequests += r.requests;
        }
        say(
          `  ${who.padEnd(4)} ${fmt(r.perSecond).padStart(6)} req/s  p50 ${fmt(r.p50Ms, 1).padStart(6)} ms  p95 ${fmt(r.p95Ms, 1).padStart(6)} ms  p99 ${fmt(r.p99Ms, 1).padStart(6)} ms  ` +
            `CPU ${fmt((cpu / r.seconds) * 100)} %  peak RSS ${MiB(peak)}`,
        );
      }
    }
    const appM = medianStats(runs.app);
    const rawM = medianStats(runs.raw);
    const ratio = appM.perSecond / rawM.perSecond;
    const p99Ratio = appM.p99Ms / rawM.p99Ms;
    say('');
    say(`medians over ${ROUNDS} rounds:`);
    say(
      `  baseline (http + pg, equivalent SQL)  ${fmt(rawM.perSecond)} req/s, p50 ${fmt(rawM.p50Ms, 1)} ms, p95 ${fmt(rawM.p95Ms, 1)} ms, p99 ${fmt(rawM.p99Ms, 1)} ms`,
    );
    say(
      `  app (GraphQL)                         ${fmt(appM.perSecond)} req/s, p50 ${fmt(appM.p50Ms, 1)} ms, p95 ${fmt(appM.p95Ms, 1)} ms, p99 ${fmt(appM.p99Ms, 1)} ms`,
    );
    say(`  req/s ratio ${fmt(ratio, 2)} (goal ≥ 0.5)   p99 ratio ${fmt(p99Ratio, 2)}× (goal ≤ 2×)`);
    say(
      `  app peak RSS under the load ${MiB(peakRss)} (goal < 250 MiB); idle now ${MiB(rssOf(app.pid))}; CPU ${fmt((appCpu / appRequests) * 1000, 2)} ms per request`,
    );
    const file = writeJson('read', {
      machine: machine(),
      postgres: server.version,
      assets: ASSETS,
      connections: CONNECTIONS,
      seconds: SECONDS,
      warmupSeconds: WARMUP,
      rounds: ROUNDS,
      first: FIRST,
      raw: runs.raw,
      app: runs.app,
      median: { raw: rawM, app: appM },
      ratio,
      p99Ratio,
      appPeakRssBytes: peakRss,
      appCpuMsPerRequest: (appCpu / appRequests) * 1000,
    });
    say(`\nresult written to ${file}`);
  } finally {
    await app.stop();
    await raw.stop();
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
