/**
 * What the benches at scale share: a persistent database per seed size, the app under test as a process
 * of its own (`node dist/src/main.js`, so that its RSS and CPU are its own), a small HTTP load loop, and
 * the memory of a process read from /proc.
 */
import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { EmbeddedCluster } from '@/database/embedded';
import { RunStats, runStats } from './stats';

export const ROOT = path.resolve(__dirname, '..');
export const BENCH_DATA = path.join(ROOT, 'bench', '.data');
/** The JWT secret of every bench app: the tokens the benches sign in for are only ever seen here. */
export const BENCH_JWT_SECRET = 'bench-secret-0123456789abcdef0123456789';
export const BENCH_PASSWORD = 'bench-password-2026';
export const DISTRICT = '500101';

export function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

export const flag = (name: string): boolean => process.argv.includes(`--${name}`);

export const say = (line = ''): void => void process.stdout.write(`${line}\n`);

/** A PostgreSQL server that outlives one bench run: BENCH_DATABASE_URL, or a persistent embedded one. */
export interface BenchServer {
  url: string;
  version: string;
  source: string;
  databaseUrl(name: string): string;
  stop(): Promise<void>;
}

export async function benchServer(): Promise<BenchServer> {
  let url = process.env.BENCH_DATABASE_URL;
  let cluster: EmbeddedCluster | undefined;
  if (!url) {
    fs.mkdirSync(BENCH_DATA, { recursive: true });
    cluster = await EmbeddedCluster.start({ dataDir: path.join(BENCH_DATA, 'postgres'), persistent: true });
    url = cluster.connectionUrl;
  }
  const [{ server_version }] = await query(url, 'SHOW server_version');
  return {
    url,
    version: String(server_version),
    source: cluster ? 'embedded, persistent under bench/.data' : 'BENCH_DATABASE_URL',
    databaseUrl: (name) => {
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    },
    stop: async () => void (await cluster?.stop()),
  };
}

export async function query(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<Array<Record<string, unknown>>> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<Record<string, unknown>>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

/**
 * `COPY … TO STDOUT` on `client`, each chunk handed to `keep` (if given) as it arrives; returns the bytes
 * copied.
 */
export async function copyOut(client: Client, sql: string, keep?: (chunk: Buffer) => void): Promise<number> {
  let bytes = 0;
  await pipeline(
    client.query(copyTo(sql)),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        keep?.(chunk);
        done();
      },
    }),
  );
  return bytes;
}

/** The database a `seed --assets N` run made (and the folder of its ledger key). */
export const scaleDatabaseName = (assets: number): string => `bench_assets_${assets}`;
export const scaleDataDir = (assets: number): string => path.join(BENCH_DATA, scaleDatabaseName(assets));

export async function requireSeeded(server: BenchServer, assets: number): Promise<string> {
  const name = scaleDatabaseName(assets);
  const found = await query(server.url, 'SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (found.length === 0 || !fs.existsSync(path.join(scaleDataDir(assets), 'ledger-signing.key'))) {
    throw new Error(`no seeded database ${name}: run \`npm run bench -- seed --assets ${assets}\` first`);
  }
  const done = await query(server.databaseUrl(name), `SELECT 1 FROM seed_run WHERE name = 'bench-scale'`);
  if (done.length === 0)
    throw new Error(`${name} was not seeded to the end: run the seed again with --fresh`);
  return server.databaseUrl(name);
}

/** The environment every bench app runs with (the app process and in-process boots alike). */
export function appEnv(
  databaseUrl: string,
  dataDir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    DB_RUN_MIGRATIONS: 'false',
    JWT_SECRET: BENCH_JWT_SECRET,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'false',
    CHECKPOINT_EVERY_SECONDS: '0',
    CHECKPOINT_EVERY_ENTRIES: '10000000',
    DB_POOL_SIZE: '20',
    // As in bench/support.ts: benchmarks measure the app, not its database roles (no row-level security
    // or grant changes what a statement costs), so the served app connects as the server's superuser.
    ALLOW_PRIVILEGED_DB: 'true',
    // One bench user sends thousands of list queries a minute: far above a person's query budget (the
    // budget is still counted on every request, only its limit is raised).
    GRAPHQL_BUDGET_PER_MINUTE: '100000000',
    ...extra,
  };
}

/**
 * BENCH_APP_ENV: extra environment of the app under test (served, or booted in the bench's process as the
 * seed does), `NAME=value` separated by spaces (e.g. HEAP_GROWING_PERCENT=0 to compare with V8's own heap
 * growth, LEDGER_VERIFY_REUSE_SECONDS=0 to have every verifyLedger run in full).
 */
export function benchAppEnv(text = process.env.BENCH_APP_ENV ?? ''): Record<string, string> {
  return Object.fromEntries(
    text
      .split(' ')
      .filter((pair) => pair.includes('='))
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
}

/** Builds dist/ unless it is newer than every source file. */
export function ensureBuilt(): void {
  const main = path.join(ROOT, 'dist', 'src', 'main.js');
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const p = path.join(dir, e.name);
      return Math.max(max, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }, 0);
  if (
    fs.existsSync(main) &&
    fs.statSync(main).mtimeMs >
      Math.max(newest(path.join(ROOT, 'src')), newest(path.join(ROOT, 'migrations')))
  )
    return;
  say('building dist/ (npm run build) …');
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

/** A process under test, its URL and its memory. */
export interface Served {
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function waitFor(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs = 60_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${url}: the process exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not come up in ${timeoutMs} ms:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function serve(
  args: string[],
  env: Record<string, string>,
  port: number,
  readyPath: string,
): Promise<Served> {
  let output = '';
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}${readyPath}`, child, () => output);
  return {
    url,
    pid: child.pid!,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/**
 * The node flags `npm start` gives the app (package.json's start script: `node [--flag …] dist/src/main.js`),
 * so that a bench measures the app as it is served.
 */
export function startNodeFlags(
  startScript: string = (
    JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
  ).scripts.start,
): string[] {
  const m = /^node((?:\s+--\S+)*)\s+dist\/src\/main\.js$/.exec(startScript.trim());
  if (!m)
    throw new Error(`package.json's start script is not "node [--flag …] dist/src/main.js": ${startScript}`);
  return m[1].split(/\s+/).filter((flag) => flag !== '');
}

/** The app under test: `node dist/src/main.js` with npm start's flags, on the seeded database. */
export function serveApp(
  databaseUrl: string,
  dataDir: string,
  port: number,
  nodeArgs: string[] = [],
  env: Record<string, string> = {},
): Promise<Served> {
  ensureBuilt();
  // BENCH_APP_NODE_ARGS: extra node flags for the app under test (e.g. a heap limit, to see what the app
  // needs rather than what V8 lets it grow to).
  const extra = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
  const extraEnv = benchAppEnv();
  return serve(
    [...startNodeFlags(), ...extra, ...nodeArgs, path.join(ROOT, 'dist', 'src', 'main.js')],
    appEnv(databaseUrl, dataDir, { ...env, ...extraEnv }),
    port,
    '/health',
  );
}

/** The baseline: a bare `http` + `pg` server running the equivalent SQL (bench/raw-server.ts). */
export function serveRaw(databaseUrl: string, port: number): Promise<Served> {
  return serve(
    ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'bench', 'raw-server.ts')],
    {
      DATABASE_URL: databaseUrl,
      JWT_SECRET: BENCH_JWT_SECRET,
      TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'),
    },
    port,
    '/health',
  );
}

/** Resident memory of a process, from /proc (bytes). */
export function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status);
  return kb ? Number(kb[1]) * 1024 : 0;
}

/** Samples a process's RSS every `everyMs` until stopped; returns the peak seen. */
export function rssSampler(pid: number, everyMs = 50): { peak(): number; stop(): number } {
  let peak = rssOf(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssOf(pid));
    } catch {
      // the process ended
    }
  }, everyMs);
  return {
    peak: () => peak,
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}

/**
 * Asks `GET <url>/health` every `everyMs` (after the previous answer) until stopped: how long another
 * user waits for the app while a bench's operation runs. Returns each answer's milliseconds.
 */
export function healthProbe(url: string, everyMs = 50): { stop(): Promise<number[]> } {
  const waits: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = process.hrtime.bigint();
      const res = await fetch(`${url}/health`);
      await res.arrayBuffer();
      waits.push(Number(process.hrtime.bigint() - t) / 1e6);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return waits;
    },
  };
}

export const MiB = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** The fields of /proc/<pid>/stat after the command's name: [0] is the state (field 3 of proc(5)). */
const statFields = (pid: number | string): string[] =>
  fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSecondsOf(pid: number): number {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * The PostgreSQL server's process (the postmaster) behind a connection URL on this machine: the parent
 * of the connection's backend.
 */
export async function postmasterPidOf(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
    // Read while the backend still runs (it ends with the connection).
    return Number(statFields(pid)[1]);
  } finally {
    await client.end();
  }
}

/**
 * CPU seconds the whole PostgreSQL server has used so far: the postmaster's own, its children's that
 * ended (reaped, so counted in its cutime and cstime) and those of its children still running (backends,
 * WAL writer, checkpointer …). A delta of two readings is the server's CPU between them.
 */
export function serverCpuSecondsOf(postmaster: number): number {
  const own = statFields(postmaster);
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = statFields(entry);
      if (Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended while the list was read
    }
  }
  return ticks / 100;
}

export interface HttpResult {
  status: number;
  body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export function post(url: string, body: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A GraphQL request; throws on a transport or GraphQL error. */
export async function gql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const res = await post(
    `${url}/graphql`,
    JSON.stringify({ query, variables }),
    token ? { authorization: `Bearer ${token}` } : {},
  );
  const parsed = JSON.parse(res.body) as { data?: T; errors?: unknown[] };
  if (res.status !== 200 || parsed.errors)
    throw new Error(`GraphQL ${res.status}: ${res.body.slice(0, 500)}`);
  return parsed.data as T;
}

export async function login(url: string, username: string): Promise<string> {
  const data = await gql<{ login: { accessToken: string } }>(
    url,
    'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
    { u: username, p: BENCH_PASSWORD },
  );
  return data.login.accessToken;
}

/**
 * Closed-loop load: `connections` clients, each sending its next request when the previous answered,
 * for `seconds` (or until `maxRequests`). `check` decides whether a response is right; a wrong one counts
 * as an error and its latency is not counted.
 */
export async function load(opts: {
  connections: number;
  seconds: number;
  maxRequests?: number;
  send: (i: number) => Promise<HttpResult>;
  check: (r: HttpResult) => boolean;
}): Promise<RunStats & { firstError?: string }> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const start = process.hrtime.bigint();
  const until = start + BigInt(Math.round(opts.seconds * 1e9));
  const max = opts.maxRequests ?? Number.POSITIVE_INFINITY;
  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      while (process.hrtime.bigint() < until && next < max) {
        const i = next++;
        const t = process.hrtime.bigint();
        try {
          const r = await opts.send(i);
          if (opts.check(r)) latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
          else {
            errors++;
            firstError ??= `${r.status} ${r.body.slice(0, 300)}`;
          }
        } catch (error) {
          errors++;
          firstError ??= String(error);
        }
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { ...runStats(latencies, errors, seconds), firstError };
}

export function writeJson(name: string, result: unknown): string {
  const dir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(result, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2),
  );
  return file;
}
