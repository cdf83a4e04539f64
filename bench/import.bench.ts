/**
 * npm run bench -- import [--rows 100000] [--rounds 1] [--format csv|xlsx] [--profile]
 *
 * `importAssets` of a .csv in the asset ledger template (`--rows` assets of every kind in 52 townships,
 * their projects registered beforehand; `--format xlsx`: the same rows in an .xlsx of the template, money,
 * quantities and dates as number and date cells), uploaded to the app under test (`node dist/src/main.js`) and
 * imported with `wait: true`, on a fresh copy of a small base database each round; beside the baseline
 * measured in the same run: COPY of the same CSV rows into a table. Reports the medians, their ratio and
 * the app's peak RSS during the import.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Role } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { TransactionalConnection } from '@/database';
import { runMigrations } from '@/database/data-source.factory';
import {
  ASSET_CLASS_NAMES,
  ASSET_FORM_NAMES,
  ASSET_STATUS_NAMES,
  OPERATING_MODE_NAMES,
} from '@/assets/asset.enums';
import { ASSET_COLUMNS, ASSET_SHEET, AssetColumnKey } from '@/assets/excel/asset-template';
import { addTemplateSheet, newWorkbook, TemplateRow, workbookBytes } from '@/spreadsheet/workbook';
import { FUND_SOURCE_NAMES } from '@/projects/fund-source.enum';
import { ProjectsService } from '@/projects/projects.service';
import { RegionLevel } from '@/regions/region-level.enum';
import { RegionsService } from '@/regions/regions.service';
import { UsersService } from '@/users/users.service';
import {
  appEnv,
  BENCH_DATA,
  BENCH_PASSWORD,
  benchServer,
  copyOut,
  cpuSecondsOf,
  BenchServer,
  DISTRICT,
  gql,
  login,
  MiB,
  flag,
  option,
  postmasterPidOf,
  query,
  rssSampler,
  say,
  serverCpuSecondsOf,
  serveApp,
  writeJson,
} from './scale';
import {
  ASSETS_PER_PROJECT,
  scaleProject,
  scaleRow,
  villageCode,
  VILLAGES_PER_TOWNSHIP,
  PROJECT_TOTAL,
} from './scale-data';
import { fmt, median } from './stats';
import { benchApp, machine } from './support';

const ROWS = option('rows', 100_000);
const ROUNDS = option('rounds', 1);
const PROFILE = flag('profile');
/** The file imported: the CSV (what COPY loads) or the same rows as an .xlsx of the template. */
const FORMAT = ((): 'csv' | 'xlsx' => {
  const i = process.argv.indexOf('--format');
  const value = i < 0 ? 'csv' : process.argv[i + 1];
  if (value !== 'csv' && value !== 'xlsx') throw new Error('--format needs csv or xlsx');
  return value;
})();
const PORT = option('port', 3105);
const CORES = os.availableParallelism();
// v2: projects large enough for their assets (PROJECT_TOTAL).
const BASE = `bench_import_base_v2_${ROWS}`;
const PREFIX = 'IM';

const between = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 1000;
const yuan = (fen: bigint): string => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
const csvField = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The cells of row `i` as a clerk's workbook holds them: money, quantities and dates as numbers and dates. */
function rowCells(i: number, townships: string[]): Partial<Record<AssetColumnKey, string | number | Date>> {
  const r = scaleRow(i, townships, ROWS, PREFIX);
  const day = (d: string): Date => new Date(`${d}T00:00:00Z`);
  return {
    code: r.code,
    name: r.name,
    class: ASSET_CLASS_NAMES[r.class],
    form: ASSET_FORM_NAMES[r.form],
    category: r.categoryCode,
    project: r.projectCode,
    location: r.locationCode,
    quantity: Number(r.quantity),
    unit: r.unit,
    // A spreadsheet's money cell is a number of yuan (the app reads it through its shortest decimal text).
    investedAmount: Number(yuan(r.investedAmount)),
    formedValue: Number(yuan(r.formedValue)),
    fundSources: r.fundSources.map((f) => `${FUND_SOURCE_NAMES[f.source]}:${yuan(f.amount)}`).join(';'),
    completionDate: day(r.completionDate),
    acceptanceDate: day(r.acceptanceDate),
    handoverDate: day(r.handoverDate),
    status: ASSET_STATUS_NAMES[r.status],
    managementEntity: r.managementEntity ?? '',
    operator: r.operator ?? '',
    operatingMode: r.operatingMode ? OPERATING_MODE_NAMES[r.operatingMode] : '',
    householdRegistryNo: r.householdRegistryNo ?? '',
    householdHeadName: r.householdHeadName ?? '',
  };
}

/** The rows as CSV text: what COPY loads, and the file imported with `--format csv`. */
function csv(townships: string[]): Buffer {
  const text = (v: string | number | Date | undefined): string =>
    v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'number' ? String(v) : (v ?? '');
  const lines = [ASSET_COLUMNS.map((c) => csvField(c.header)).join(',')];
  for (let i = 0; i < ROWS; i++) {
    const r = scaleRow(i, townships, ROWS, PREFIX);
    const cells = rowCells(i, townships);
    // Money and quantities exactly as the scale data has them (not through a number).
    cells.investedAmount = yuan(r.investedAmount);
    cells.formedValue = yuan(r.formedValue);
    cells.quantity = r.quantity;
    lines.push(ASSET_COLUMNS.map((c) => csvField(text(cells[c.key]))).join(','));
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`);
}

/** The same rows in an .xlsx of the template's 资产 sheet (`--format xlsx`). */
async function xlsx(townships: string[]): Promise<Buffer> {
  const out = newWorkbook();
  function* rows(): Generator<TemplateRow<AssetColumnKey>> {
    for (let i = 0; i < ROWS; i++) {
      const cells = rowCells(i, townships);
      yield Object.fromEntries(
        Object.entries(cells).map(([k, v]) => [k, v === '' ? null : v]),
      ) as TemplateRow<AssetColumnKey>;
    }
  }
  await addTemplateSheet(out, ASSET_SHEET, ASSET_COLUMNS, rows(), 0);
  return workbookBytes(out);
}

/** The base every round starts from: reference data, a district user, the villages and the projects. */
async function base(server: BenchServer): Promise<string[]> {
  const url = server.databaseUrl(BASE);
  const exists = (await query(server.url, 'SELECT 1 FROM pg_database WHERE datname = $1', [BASE])).length > 0;
  if (exists && (await query(url, `SELECT 1 FROM seed_run WHERE name = 'bench-import-base'`)).length > 0) {
    return (await query(url, `SELECT code FROM region WHERE level = 'TOWNSHIP' ORDER BY code`)).map((r) =>
      String(r.code),
    );
  }
  if (exists) await query(server.url, `DROP DATABASE ${BASE} WITH (FORCE)`);
  fs.rmSync(path.join(BENCH_DATA, BASE), { recursive: true, force: true });
  fs.mkdirSync(path.join(BENCH_DATA, BASE), { recursive: true });
  await query(server.url, `CREATE DATABASE ${BASE}`);
  await runMigrations(url);
  const app = await benchApp(url, appEnv(url, path.join(BENCH_DATA, BASE)));
  const connection = app.get(TransactionalConnection);
  const ctx = RequestContext.system('bench-import-base');
  const townships = (
    (await connection
      .getManager(ctx)
      .query(`SELECT code FROM region WHERE level = 'TOWNSHIP' ORDER BY code`)) as Array<{ code: string }>
  ).map((r) => r.code);
  await connection.withTransaction(ctx, async (manager) => {
    const user = await app.get(UsersService).create(ctx, {
      username: 'bench-district',
      displayName: 'bench-district',
      role: Role.DISTRICT_SUPERVISOR,
      regionCode: DISTRICT,
      password: BENCH_PASSWORD,
    });
    ctx.user = { id: user.id, username: user.username, role: user.role, regionCode: user.regionCode };
    for (const township of townships) {
      for (let v = 0; v < VILLAGES_PER_TOWNSHIP; v++) {
        await app.get(RegionsService).insert(ctx, {
          code: villageCode(township, v),
          name: `${township.slice(6)}第${v + 1}村`,
          level: RegionLevel.VILLAGE,
          parentCode: township,
        });
      }
    }
    const perTownship = Math.ceil(ROWS / townships.length);
    for (const township of townships) {
      for (let n = 0; n * ASSETS_PER_PROJECT < perTownship; n++) {
        await app.get(ProjectsService).register(ctx, scaleProject(PREFIX, township, n, PROJECT_TOTAL));
      }
    }
    await manager.query(`INSERT INTO seed_run (name) VALUES ('bench-import-base')`);
  });
  await app.close();
  return townships;
}

/** The rows one table gained in a round, as a binary COPY of its stored columns. */
interface WrittenTable {
  table: string;
  columns: string[];
  rows: number;
  bytes: Buffer[];
}

/**
 * What the import wrote: in every table of the round's database, the rows whose `xmin` is a transaction
 * begun after `since` (taken just before `importAssets`), copied out in binary, parents before children.
 * A table where such rows are more than the rows it gained over the base had rows updated, not only
 * added: it is left out and named, since a COPY into the base would add them a second time.
 */
async function writtenRows(
  roundUrl: string,
  baseUrl: string,
  since: bigint,
): Promise<{ tables: WrittenTable[]; updated: string[] }> {
  const client = new Client({ connectionString: roundUrl });
  await client.connect();
  try {
    const tables = (
      await client.query<{ name: string; columns: string[] }>(
        `SELECT c.relname AS name, array_agg(quote_ident(a.attname) ORDER BY a.attnum) AS columns
           FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
           JOIN pg_attribute a
             ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
          WHERE c.relkind = 'r'
          GROUP BY c.relname
          ORDER BY c.relname`,
      )
    ).rows;
    const parents = new Map<string, string[]>();
    for (const { child, parent } of (
      await client.query<{ child: string; parent: string }>(
        `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
           JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
          WHERE k.contype = 'f' AND c.oid <> p.oid`,
      )
    ).rows) {
      parents.set(child, [...(parents.get(child) ?? []), parent]);
    }
    const xid = String(since & 0xffffffffn); // xmin is the transaction id's low 32 bits
    const written: WrittenTable[] = [];
    const updated: string[] = [];
    for (const { name, columns } of tables) {
      const from = `FROM "${name}" WHERE xmin::text::bigint >= ${xid}`;
      const [{ n }] = (await client.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`)).rows;
      if (n === 0) continue;
      const [{ now }] = (await client.query<{ now: number }>(`SELECT count(*)::int AS now FROM "${name}"`))
        .rows;
      const [{ before }] = (await query(baseUrl, `SELECT count(*)::int AS before FROM "${name}"`)) as Array<{
        before: number;
      }>;
      if (now - before !== n) {
        updated.push(name);
        continue;
      }
      const bytes: Buffer[] = [];
      await copyOut(
        client,
        `COPY (SELECT ${columns.join(', ')} ${from}) TO STDOUT (FORMAT binary)`,
        (chunk) => bytes.push(chunk),
      );
      written.push({ table: name, columns, rows: n, bytes });
    }
    // Parents first, so that every foreign key is checked as the rows arrive.
    const ordered: WrittenTable[] = [];
    const pending = [...written];
    while (pending.length > 0) {
      const names = new Set(pending.map((t) => t.table));
      const i = pending.findIndex((t) => !(parents.get(t.table) ?? []).some((p) => names.has(p)));
      if (i < 0) throw new Error(`foreign keys form a cycle among ${[...names].join(', ')}`);
      ordered.push(...pending.splice(i, 1));
    }
    return { tables: ordered, updated };
  } finally {
    await client.end();
  }
}

/**
 * COPY of the tables' rows into the database at `url` in one transaction: its seconds, commit included,
 * and each table's COPY's.
 */
async function copyInto(
  url: string,
  tables: readonly WrittenTable[],
): Promise<{ seconds: number; perTable: number[] }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const t = process.hrtime.bigint();
    const perTable: number[] = [];
    await client.query('BEGIN');
    for (const { table, columns, bytes } of tables) {
      const start = process.hrtime.bigint();
      await pipeline(
        Readable.from(bytes),
        client.query(copyFrom(`COPY "${table}" (${columns.join(', ')}) FROM STDIN (FORMAT binary)`)),
      );
      perTable.push(Number(process.hrtime.bigint() - start) / 1e9);
    }
    await client.query('COMMIT');
    return { seconds: Number(process.hrtime.bigint() - t) / 1e9, perTable };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const server = await benchServer();
  const townships = await base(server);
  const file = path.join(BENCH_DATA, `import-${ROWS}.csv`);
  if (!fs.existsSync(file)) fs.writeFileSync(file, csv(townships));
  const bytes = fs.readFileSync(file);
  const workbook = path.join(BENCH_DATA, `import-${ROWS}.xlsx`);
  if (FORMAT === 'xlsx' && !fs.existsSync(workbook)) fs.writeFileSync(workbook, await xlsx(townships));
  const upload = FORMAT === 'xlsx' ? fs.readFileSync(workbook) : bytes;
  say(`import benchmark — ${machine()}, PostgreSQL ${server.version}`);
  say(
    `${fmt(ROWS)} rows, ${fmt(bytes.length / 1e6, 1)} MB of CSV${FORMAT === 'xlsx' ? `, imported as ${fmt(upload.length / 1e6, 1)} MB of .xlsx` : ''}; ${ROUNDS} round(s)\n`,
  );
  const appSeconds: number[] = [];
  const copySeconds: number[] = [];
  const writtenSeconds: number[] = [];
  const appCpuSeconds: number[] = [];
  const serverCpuSeconds: number[] = [];
  let peak = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const name = `bench_import_round_${round}`;
    const url = server.databaseUrl(name);
    await query(server.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await query(server.url, `CREATE DATABASE ${name} TEMPLATE ${BASE}`);
    let since = 0n;
    try {
      // Baseline: COPY of the same rows (the same CSV bytes) into a table of text columns.
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(
        `CREATE TABLE bench_copy (${ASSET_COLUMNS.map((c) => `"${c.key}" text`).join(', ')})`,
      );
      let t = process.hrtime.bigint();
      await pipeline(
        Readable.from([bytes.subarray(3)]),
        client.query(copyFrom('COPY bench_copy FROM STDIN (FORMAT csv, HEADER true)')),
      );
      const copy = Number(process.hrtime.bigint() - t) / 1e9;
      const [{ n }] = (await client.query('SELECT count(*)::int AS n FROM bench_copy')).rows as Array<{
        n: number;
      }>;
      await client.query('DROP TABLE bench_copy');
      await client.end();
      if (n !== ROWS) throw new Error(`COPY loaded ${n} rows`);
      copySeconds.push(copy);

      // A 100,000-row CSV is ~30 MB: above the default upload limit, which is a deployment setting.
      const profiles = path.join(__dirname, 'results', 'profiles');
      const app = await serveApp(
        url,
        path.join(BENCH_DATA, BASE),
        PORT,
        PROFILE ? ['--cpu-prof', '--cpu-prof-dir', profiles] : [],
        {
          FILES_MAX_BYTES: String(256 * 1024 * 1024),
        },
      );
      try {
        const token = await login(app.url, 'bench-district');
        const sampler = rssSampler(app.pid);
        // The rows written from here on (the stored file's, the job's and the import's) are baseline 2's.
        const [{ x }] = (await query(url, 'SELECT txid_current()::text AS x')) as Array<{ x: string }>;
        since = BigInt(x);
        t = process.hrtime.bigint();
        const form = new FormData();
        const type =
          FORMAT === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
        form.append('file', new Blob([upload], { type }), `import-${ROWS}.${FORMAT}`);
        const res = await fetch(`${app.url}/files`, {
          method: 'POST',
          body: form,
          headers: { authorization: `Bearer ${token}` },
        });
        const uploaded = (await res.json()) as { id: string };
        if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(uploaded)}`);
        const uploadSeconds = Number(process.hrtime.bigint() - t) / 1e9;
        const postmaster = await postmasterPidOf(url);
        const appCpu0 = cpuSecondsOf(app.pid);
        const serverCpu0 = serverCpuSecondsOf(postmaster);
        t = process.hrtime.bigint();
        const job = await gql<{
          importAssets: {
            phase: string;
            importedCount: number;
            problemCount: number;
            message: string | null;
            problems: Array<{ row: number; column: string | null; message: string }>;
            startedAt: string;
            validatedAt: string;
            finishedAt: string;
          };
        }>(
          app.url,
          'mutation($f: ID!) { importAssets(fileId: $f, wait: true) { phase importedCount problemCount message startedAt validatedAt finishedAt problems { row column message } } }',
          { f: uploaded.id },
          token,
        );
        const seconds = Number(process.hrtime.bigint() - t) / 1e9;
        const appCpu = cpuSecondsOf(app.pid) - appCpu0;
        const serverCpu = serverCpuSecondsOf(postmaster) - serverCpu0;
        const roundPeak = sampler.stop();
        peak = Math.max(peak, roundPeak);
        if (job.importAssets.importedCount !== ROWS)
          throw new Error(
            `import: ${JSON.stringify({ ...job.importAssets, problems: job.importAssets.problems.slice(0, 5) })}`,
          );
        appSeconds.push(seconds);
        appCpuSeconds.push(appCpu);
        serverCpuSeconds.push(serverCpu);
        say(
          `  round ${round + 1}: COPY ${fmt(copy, 2)} s; upload ${fmt(uploadSeconds, 2)} s, importAssets ${fmt(seconds, 1)} s (${fmt(ROWS / seconds)} rows/s: read and check ${fmt(between(job.importAssets.startedAt, job.importAssets.validatedAt), 1)} s, write ${fmt(between(job.importAssets.validatedAt, job.importAssets.finishedAt), 1)} s), peak RSS ${MiB(roundPeak)}`,
        );
        say(
          `           CPU during importAssets: the app ${fmt(appCpu, 1)} s, PostgreSQL ${fmt(serverCpu, 1)} s; on ${CORES} cores no schedule of that work takes less than ${fmt((appCpu + serverCpu) / CORES, 1)} s`,
        );
      } finally {
        await app.stop();
      }

      // Baseline 2: COPY of what the import wrote into the same tables of a fresh copy of the base.
      const { tables, updated } = await writtenRows(url, server.databaseUrl(BASE), since);
      const copyName = `${name}_copy`;
      await query(server.url, `DROP DATABASE IF EXISTS ${copyName} WITH (FORCE)`);
      await query(server.url, `CREATE DATABASE ${copyName} TEMPLATE ${BASE}`);
      try {
        const { seconds, perTable } = await copyInto(server.databaseUrl(copyName), tables);
        writtenSeconds.push(seconds);
        const each = tables.map((w, i) => `${w.table} ${fmt(w.rows)} rows ${fmt(perTable[i], 2)} s`);
        say(
          `           COPY of what it wrote, into the same tables: ${fmt(seconds, 2)} s (${each.join(', ')})`,
        );
        if (updated.length > 0)
          say(`           left out, rows updated rather than added: ${updated.join(', ')}`);
      } finally {
        await query(server.url, `DROP DATABASE IF EXISTS ${copyName} WITH (FORCE)`);
      }
    } finally {
      await query(server.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }
  const a = median(appSeconds);
  const c = median(copySeconds);
  const w = median(writtenSeconds);
  say('');
  say(
    `medians: importAssets ${fmt(a, 1)} s, COPY of the same rows ${fmt(c, 2)} s: ratio ${fmt(c / a, 3)} (goal ≥ 0.2); app peak RSS ${MiB(peak)} (goal < 400 MB)`,
  );
  say(
    `         COPY of what the import wrote, into the same tables: ${fmt(w, 2)} s, ratio ${fmt(w / a, 3)} (the database's floor for the import's rows)`,
  );
  const cpu = median(appCpuSeconds.map((x, i) => x + serverCpuSeconds[i]));
  say(
    `         CPU of the import (app + PostgreSQL): ${fmt(cpu, 1)} s; spread over ${CORES} cores: ${fmt(cpu / CORES, 1)} s, against which COPY into a table of text columns would be at ${fmt(c / (cpu / CORES), 3)}`,
  );
  say(
    `\nresult written to ${writeJson('import', { machine: machine(), postgres: server.version, rows: ROWS, format: FORMAT, appSeconds, copySeconds, ratio: c / a, writtenCopySeconds: writtenSeconds, writtenCopyRatio: w / a, appPeakRssBytes: peak, cores: CORES, appCpuSeconds, serverCpuSeconds })}`,
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
