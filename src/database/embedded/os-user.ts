import * as fs from 'node:fs';
import * as path from 'node:path';

import { EmbeddedClusterError } from './errors';
import { run, RunAs } from './processes';

/** Name of the system account created when running as root on a machine without a `postgres` user. */
export const FALLBACK_SERVER_USER = 'asset-registry-pg';

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

const plainEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
  LC_ALL: 'C',
});

async function idField(flag: '-u' | '-g' | '-nu', user: string): Promise<string | undefined> {
  try {
    const result = await run('id', [flag, user], { cwd: '/', env: plainEnv(), timeoutMs: 10_000 });
    return result.code === 0 ? result.stdout.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Looks a user up by name through NSS (`id`), so LDAP/sssd accounts work too. */
export async function lookupUser(name: string): Promise<RunAs | undefined> {
  const [uid, gid] = await Promise.all([idField('-u', name), idField('-g', name)]);
  if (uid === undefined || gid === undefined || !/^\d+$/.test(uid) || !/^\d+$/.test(gid)) return undefined;
  return { uid: Number(uid), gid: Number(gid), name };
}

/** A display name for a uid (falls back to `uid <n>`). */
export async function userName(uid: number): Promise<string> {
  return (await idField('-nu', String(uid))) ?? `uid ${uid}`;
}

function firstExisting(candidates: readonly string[]): string | undefined {
  return candidates.find((candidate) => fs.existsSync(candidate));
}

/**
 * The non-root account PostgreSQL runs as when this process is root: the first existing account of
 * `candidates` (normally `postgres`), otherwise a system account `createName` that is created here (no home,
 * no login shell).
 */
export async function resolveServerUser(
  log: (message: string) => void,
  candidates: readonly string[] = ['postgres'],
  createName: string = FALLBACK_SERVER_USER,
): Promise<RunAs> {
  for (const name of [...candidates, createName]) {
    const user = await lookupUser(name);
    if (user && user.uid !== 0) return user;
  }
  const nologin = firstExisting(['/usr/sbin/nologin', '/sbin/nologin']) ?? '/bin/false';
  const useradd = firstExisting(['/usr/sbin/useradd', '/sbin/useradd']);
  const adduser = firstExisting(['/usr/sbin/adduser', '/sbin/adduser', '/bin/adduser']);
  let attempt: { file: string; args: string[] } | undefined;
  if (useradd) {
    const args = ['--system', '--no-create-home', '--user-group', '--shell', nologin];
    attempt = {
      file: useradd,
      args: [...args, '--comment', 'Asset Registry embedded PostgreSQL', createName],
    };
  } else if (adduser && process.platform === 'linux') {
    attempt = { file: adduser, args: ['-S', '-D', '-H', '-s', nologin, createName] }; // BusyBox (Alpine)
  }
  const manual =
    `Create a system user yourself (e.g. \`useradd --system --no-create-home --shell ${nologin} ${createName}\`), ` +
    'run the application as a non-root user, or set DATABASE_URL to use an existing PostgreSQL server.';
  if (!attempt) {
    throw new EmbeddedClusterError(
      `Running as root: PostgreSQL refuses to run as root, there is no "${candidates.join('" or "')}" user, ` +
        `and no useradd/adduser program was found to create one. ${manual}`,
    );
  }
  log(
    `Running as root: PostgreSQL refuses to run as root and there is no "${candidates.join('"/"')}" user, ` +
      `so creating the system user "${createName}" (no home directory, no login shell) to run it.`,
  );
  const result = await run(attempt.file, attempt.args, { cwd: '/', env: plainEnv(), timeoutMs: 30_000 });
  const created = await lookupUser(createName); // also covers a concurrent creation by another process
  if (created && created.uid !== 0) return created;
  throw new EmbeddedClusterError(
    `Running as root: could not create the system user "${createName}" to run PostgreSQL ` +
      `(${path.basename(attempt.file)} exited with ${result.code}: ${(result.stderr || result.stdout).trim()}). ${manual}`,
  );
}

export type AccessCheck = readonly ['r' | 'w' | 'x', string];

/**
 * Whether `user` passes every check (`test -r|-w|-x path`), evaluated by the kernel for that user, so mode
 * bits of every ancestor, ownership, supplementary groups and ACLs all count.
 */
export async function userCan(user: RunAs, checks: readonly AccessCheck[]): Promise<boolean> {
  const script = checks.map(([flag], index) => `test -${flag} "$${index + 1}"`).join(' && ');
  try {
    const result = await run('/bin/sh', ['-c', script, 'sh', ...checks.map(([, target]) => target)], {
      cwd: '/',
      env: plainEnv(),
      runAs: user,
      timeoutMs: 10_000,
    });
    return result.code === 0;
  } catch (error) {
    throw new EmbeddedClusterError(
      `Could not check file access as user "${user.name}" (${(error as Error).message}).`,
      { cause: error },
    );
  }
}

/** The nearest existing directory at or above `target`. */
export function nearestExistingDir(target: string): string {
  let current = path.resolve(target);
  for (;;) {
    try {
      if (fs.statSync(current).isDirectory()) return current;
    } catch {
      // keep walking up
    }
    const parent = path.dirname(current);
    if (parent === current) return current;
    current = parent;
  }
}

/**
 * The first directory from `/` down to `dir` that `user` cannot enter, with its mode and owner for the
 * message; undefined when every one can be entered.
 */
export async function firstBlockingDir(
  user: RunAs,
  dir: string,
): Promise<{ dir: string; mode: string; owner: number } | undefined> {
  const chain: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    chain.unshift(current);
    if (path.dirname(current) === current) break;
  }
  for (const candidate of chain) {
    if (!(await userCan(user, [['x', candidate]]))) {
      const stat = fs.statSync(candidate);
      return { dir: candidate, mode: (stat.mode & 0o7777).toString(8).padStart(4, '0'), owner: stat.uid };
    }
  }
  return undefined;
}
