import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The OS account PostgreSQL runs as when this process is root (PostgreSQL refuses to run as root). */
export interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  runAs?: RunAs;
  /** Written to the child's stdin, which is then closed. */
  input?: string;
  /** The child is killed with SIGKILL after this long. */
  timeoutMs?: number;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

const OUTPUT_LIMIT = 64 * 1024;

/**
 * Runs a program to completion and collects its output (the last 64 KiB of each stream). Rejects only when
 * the program cannot be started at all (ENOENT, EACCES...); a non-zero exit is reported in the result.
 */
export function run(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      ...(options.runAs ? { uid: options.runAs.uid, gid: options.runAs.gid } : {}),
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const keep = (buffer: string, chunk: Buffer): string => {
      const next = buffer + chunk.toString('utf8');
      return next.length > OUTPUT_LIMIT ? next.slice(next.length - OUTPUT_LIMIT) : next;
    };
    child.stdout?.on('data', (chunk: Buffer) => (stdout = keep(stdout, chunk)));
    child.stderr?.on('data', (chunk: Buffer) => (stderr = keep(stderr, chunk)));
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, options.timeoutMs);
    const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    };
    child.once('error', (error) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      reject(error);
    });
    // 'close' waits for the output streams; should a grandchild keep them open, settle shortly after 'exit'.
    child.once('close', finish);
    child.once('exit', (code, signal) => {
      setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish(code, signal);
      }, 1000).unref();
    });
    if (options.input !== undefined && child.stdin) {
      child.stdin.on('error', () => undefined); // EPIPE when the child exits before reading everything
      child.stdin.end(options.input);
    }
  });
}

/** Environment for PostgreSQL programs: no PG* variables from the caller, C locale, and a HOME the user can use. */
export function serverEnvironment(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(PG|LC_)/.test(key) || key === 'LANG' || key === 'LANGUAGE') continue;
    env[key] = value;
  }
  env.LANG = 'C';
  env.LC_ALL = 'C';
  env.HOME = home;
  return env;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** True when `pid` is a live (not zombie) process; a process of another user counts as alive. */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return processState(pid) !== 'Z';
}

/** The one-letter state from /proc/<pid>/stat (Linux), e.g. 'S', 'R', 'Z'; undefined elsewhere. */
function processState(pid: number): string | undefined {
  const fields = procStatFields(pid);
  return fields?.[0];
}

/** Fields of /proc/<pid>/stat after the command name, i.e. starting with field 3 (state). */
function procStatFields(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat
      .slice(stat.lastIndexOf(')') + 2)
      .trim()
      .split(/\s+/);
  } catch {
    return undefined;
  }
}

/**
 * An identity for a live process that survives PID reuse: its start time in clock ticks since boot (Linux).
 * Undefined where /proc is not available.
 */
export function processStartTime(pid: number): string | undefined {
  return procStatFields(pid)?.[19];
}

/** Whether `pid` is alive and, when a start time was recorded, is still the same process. */
export function isSameProcessAlive(pid: number, startTime: string | undefined): boolean {
  if (!isProcessAlive(pid)) return false;
  const current = processStartTime(pid);
  return startTime === undefined || current === undefined || current === startTime;
}

/** Realpath that tolerates a missing path (then the resolved path itself). */
export function realpathOrSelf(target: string): string {
  try {
    return fs.realpathSync(target);
  } catch {
    return path.resolve(target);
  }
}

/**
 * Whether `pid` is a PostgreSQL server process working on `pgdata`. On Linux the server's working directory
 * is its data directory (it chdir()s there), which /proc/<pid>/cwd shows; the command line (`postgres -D
 * <pgdata>`) is the fallback, and the only check on macOS (via ps).
 */
export async function isPostgresOf(pid: number, pgdata: string): Promise<boolean> {
  if (!isProcessAlive(pid)) return false;
  const want = realpathOrSelf(pgdata);
  if (fs.existsSync('/proc/self')) {
    const exe = readLink(`/proc/${pid}/exe`);
    if (exe !== undefined && !path.basename(exe).startsWith('postgres')) return false;
    const cwd = readLink(`/proc/${pid}/cwd`);
    if (cwd !== undefined) return cwd === want;
    try {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return commandLineMatches(args, want, pgdata);
    } catch {
      return false;
    }
  }
  try {
    const result = await run('ps', ['-o', 'command=', '-p', String(pid)], {
      cwd: '/',
      env: process.env,
      timeoutMs: 5000,
    });
    if (result.code !== 0) return false;
    const command = result.stdout.trim();
    return /(^|\/)postgres(\s|$)/.test(command) && (command.includes(want) || command.includes(pgdata));
  } catch {
    return false;
  }
}

function commandLineMatches(args: string[], want: string, pgdata: string): boolean {
  if (!args[0] || !path.basename(args[0]).startsWith('postgres')) return false;
  const index = args.indexOf('-D');
  const dir = index >= 0 ? args[index + 1] : undefined;
  return dir !== undefined && (realpathOrSelf(dir) === want || dir === pgdata);
}

function readLink(link: string): string | undefined {
  try {
    return fs.readlinkSync(link).replace(/ \(deleted\)$/, '');
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL processes (Linux only) still working in `pgdata`: backends or auxiliary processes orphaned when
 * their postmaster was killed. Only processes whose executable is `postgres*` are reported.
 */
export function leftoverServerProcesses(pgdata: string): number[] {
  if (!fs.existsSync('/proc/self')) return [];
  const want = realpathOrSelf(pgdata);
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    const cwd = readLink(`/proc/${pid}/cwd`);
    if (cwd !== want) continue;
    const exe = readLink(`/proc/${pid}/exe`);
    if (exe !== undefined && path.basename(exe).startsWith('postgres') && isProcessAlive(pid))
      found.push(pid);
  }
  return found;
}

/** Sends `signal` to each process, then waits up to `timeoutMs` for all of them to be gone. */
export async function signalAndWait(
  pids: readonly number[],
  signal: NodeJS.Signals,
  timeoutMs: number,
): Promise<boolean> {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isProcessAlive)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}
