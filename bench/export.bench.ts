/**
 * npm run bench -- export [--assets 100000] [--rounds 1] [--port 3105]
 *
 * `exportAssets` of the whole district (every seeded asset, the most an export holds) by a district user
 * of the app under test (`node dist/src/main.js`, the upload limit as served), beside the baseline measured
 * in the same run: `COPY … TO STDOUT (FORMAT csv)` of the same assets in code order with their fund
 * sources and current owners, interleaved. Reports the medians, their ratio, the file's size and the
 * app's peak RSS during the export.
 */
import { Client } from 'pg';
import {
  benchServer,
  copyOut,
  gql,
  healthProbe,
  login,
  MiB,
  option,
  requireSeeded,
  rssSampler,
  say,
  scaleDataDir,
  serveApp,
  writeJson,
} from './scale';
import { fmt, interleave, median, quantile } from './stats';
import { machine } from './support';

const ASSETS = option('assets', 100_000);
const ROUNDS = option('rounds', 1);
const PORT = option('port', 3105);

const BASELINE = `COPY (
  SELECT a.*,
         (SELECT string_agg(f.source || ':' || f.amount, ';' ORDER BY f.source)
            FROM asset_fund_source f WHERE f.asset_id = a.id) AS fund_sources,
         (SELECT string_agg(o.owner_name, ';' ORDER BY o.owner_name)
            FROM asset_ownership o WHERE o.asset_id = a.id AND o.valid_to IS NULL) AS owners
    FROM asset a ORDER BY a.code) TO STDOUT (FORMAT csv, HEADER true)`;

const EXPORT = 'mutation { exportAssets { fileId rowCount projectCount size } }';

async function main(): Promise<void> {
  const server = await benchServer();
  const url = await requireSeeded(server, ASSETS);
  say(`export benchmark — ${machine()}, PostgreSQL ${server.version}`);
  say(`exportAssets of the district's ${fmt(ASSETS)} assets; ${ROUNDS} round(s)\n`);
  const app = await serveApp(url, scaleDataDir(ASSETS), PORT);
  const appSeconds: number[] = [];
  const copySeconds: number[] = [];
  let peak = 0;
  let size = 0;
  let healthMax = 0;
  try {
    const token = await login(app.url, 'bench-district');
    const runs = {
      copy: async (): Promise<void> => {
        const client = new Client({ connectionString: url });
        await client.connect();
        const t = process.hrtime.bigint();
        const bytes = await copyOut(client, BASELINE);
        const seconds = Number(process.hrtime.bigint() - t) / 1e9;
        await client.end();
        copySeconds.push(seconds);
        say(`  baseline  COPY ${fmt(seconds, 2)} s (${fmt(bytes / 1e6, 1)} MB of CSV)`);
      },
      app: async (): Promise<void> => {
        const sampler = rssSampler(app.pid);
        const probe = healthProbe(app.url);
        const t = process.hrtime.bigint();
        const { exportAssets } = await gql<{
          exportAssets: { fileId: string; rowCount: number; projectCount: number; size: number };
        }>(app.url, EXPORT, {}, token);
        const seconds = Number(process.hrtime.bigint() - t) / 1e9;
        const roundPeak = sampler.stop();
        const waits = await probe.stop();
        if (exportAssets.rowCount !== ASSETS) throw new Error(`exported ${exportAssets.rowCount} rows`);
        appSeconds.push(seconds);
        peak = Math.max(peak, roundPeak);
        size = exportAssets.size;
        healthMax = Math.max(healthMax, ...waits);
        say(
          `  app       exportAssets ${fmt(seconds, 1)} s (${fmt(ASSETS / seconds)} rows/s), ${fmt(exportAssets.projectCount)} projects, ${fmt(exportAssets.size / 1e6, 1)} MB of .xlsx, peak RSS ${MiB(roundPeak)}`,
        );
        say(
          `            meanwhile GET /health (${fmt(waits.length)} asked): p50 ${fmt(quantile(waits, 0.5), 1)} ms, p99 ${fmt(quantile(waits, 0.99), 1)} ms, max ${fmt(Math.max(...waits), 1)} ms, ${waits.filter((w) => w > 100).length} over 100 ms`,
        );
      },
    };
    for (const round of interleave('copy' as const, 'app' as const, ROUNDS)) {
      for (const which of round) await runs[which]();
    }
  } finally {
    await app.stop();
  }
  const a = median(appSeconds);
  const c = median(copySeconds);
  say('');
  say(
    `medians: exportAssets ${fmt(a, 1)} s, COPY of the same assets ${fmt(c, 2)} s: ratio ${fmt(c / a, 3)}; .xlsx ${fmt(size / 1e6, 1)} MB; app peak RSS ${MiB(peak)}; /health waited at most ${fmt(healthMax, 0)} ms`,
  );
  say(
    `\nresult written to ${writeJson('export', { machine: machine(), postgres: server.version, assets: ASSETS, appSeconds, copySeconds, ratio: c / a, fileBytes: size, appPeakRssBytes: peak, healthMaxMs: healthMax })}`,
  );
  await server.stop();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
