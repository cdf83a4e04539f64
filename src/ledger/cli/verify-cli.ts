#!/usr/bin/env node
/**
 * Offline verifier of Asset Registry ledger evidence (no database, no network).
 *
 *   asset-registry-verify <bundle.json> [--key <verifier key>]... [--saved-checkpoint <file>]... [--json]
 *   asset-registry-verify consistency --old <note> --new <note> --proof <proof.json> --key <verifier key>... [--json]
 *
 * (also `npm run verify -- …`). Exit status: 0 verified, 1 verification failed, 2 usage error.
 *
 * All logic is in {@link runVerifyCli}, which takes its arguments and I/O as parameters so it can be tested;
 * the bottom of the file runs it when executed as a program. Imports are relative (no `@/` alias) so the
 * compiled file runs with plain `node`.
 */
import { promises as fs } from 'fs';
import {
  BundleProblem,
  BundleVerification,
  verifyBundle,
  verifyCheckpointConsistency,
} from '../bundle/evidence-bundle';
import { decodeBase64Strict, encodeBase64 } from '../note/base64';
import { Checkpoint, parseCheckpoint } from '../note/checkpoint';
import { NoteVerifier, parseVerifierKey } from '../note/keys';
import { NoteError, openNote } from '../note/note';

/** The I/O the CLI uses; replaced in tests. */
export interface CliIo {
  readFile(path: string): Promise<Uint8Array>;
  stdout(text: string): void;
  stderr(text: string): void;
}

export const EXIT_VERIFIED = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

const PROGRAM = 'asset-registry-verify';

export const USAGE = `Usage:
  ${PROGRAM} <bundle.json> [--key <verifier key>]... [--saved-checkpoint <file>]... [--witness-policy <file>] [--json]
  ${PROGRAM} consistency --old <note file> --new <note file> --proof <proof.json> --key <verifier key>... [--json]

Verifies Asset Registry ledger evidence offline (no database, no network).

  <bundle.json>             an evidence bundle (format asset-registry-evidence/v1)
  --key <verifier key>      a log verifier key you trust (<name>+<hash>+<base64>), obtained out of band;
                            pins the key that must have signed the checkpoint and entries. Repeatable.
  --saved-checkpoint <file> a signed checkpoint you saved earlier: the bundle must prove it extends it.
                            Repeatable.
  --witness-policy <file>   the district's witness policy (witnessPolicy.text): the checkpoint must carry
                            valid cosignatures of its quorum of witnesses. Its "log" lines pin the log key
                            when no --key is given.
  consistency               check that the checkpoint in --new extends the one in --old, with the proof in
                            --proof: {"proof": ["<base64>", ...]} or a bare array of base64 hashes.
  --json                    print the result as JSON on stdout (the summary then goes to stderr)
  -h, --help                show this help

Exit status: 0 verified, 1 verification failed, 2 usage error.
`;

/** Thrown for usage errors; becomes exit status 2. */
class UsageError extends Error {}

interface ParsedArgs {
  positional: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
}

const VALUE_OPTIONS = new Set([
  '--key',
  '--saved-checkpoint',
  '--witness-policy',
  '--old',
  '--new',
  '--proof',
]);
const FLAG_OPTIONS = new Set(['--json', '--help', '-h']);

function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (FLAG_OPTIONS.has(name)) {
      if (eq > 0) throw new UsageError(`${name} takes no value`);
      flags.add(name === '-h' ? '--help' : name);
    } else if (VALUE_OPTIONS.has(name)) {
      let value: string;
      if (eq > 0) {
        value = arg.slice(eq + 1);
      } else {
        if (i + 1 >= argv.length) throw new UsageError(`${name} needs a value`);
        value = argv[++i];
      }
      options.set(name, [...(options.get(name) ?? []), value]);
    } else {
      throw new UsageError(`unknown option ${name}`);
    }
  }
  return { positional, options, flags };
}

function only(args: ParsedArgs, allowed: readonly string[]): void {
  for (const name of args.options.keys()) {
    if (!allowed.includes(name)) throw new UsageError(`${name} cannot be used here`);
  }
}

function single(args: ParsedArgs, name: string): string {
  const values = args.options.get(name) ?? [];
  if (values.length !== 1) throw new UsageError(`${name} <file> is required exactly once`);
  return values[0];
}

function parseKeys(keys: readonly string[]): NoteVerifier[] {
  return keys.map((k) => {
    try {
      return parseVerifierKey(k);
    } catch (e) {
      throw new UsageError(`invalid --key ${JSON.stringify(k)}: ${(e as Error).message}`);
    }
  });
}

async function read(io: CliIo, path: string): Promise<Uint8Array> {
  try {
    return await io.readFile(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
}

const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
const keyLabel = (v: NoteVerifier): string => `${v.name}+${v.keyHash.toString(16).padStart(8, '0')}`;

function problemLines(problems: readonly BundleProblem[]): string {
  return problems.map((p) => `  - ${p.path}: ${p.message}\n`).join('');
}

function pinnedBy(r: BundleVerification, keys: readonly NoteVerifier[]): string {
  if (keys.length > 0) return ' (pinned with --key)';
  const unpinned = r.warnings.some((w) => w.startsWith('no trusted verifier key'));
  return r.witnesses && !unpinned ? ' (pinned by the witness policy)' : '';
}

function bundleSummary(file: string, r: BundleVerification, keys: readonly NoteVerifier[]): string {
  const lines = [`Evidence bundle ${file}`];
  if (r.checkpoint) {
    lines.push(`  log:               ${r.checkpoint.origin}`);
    lines.push(`  checkpoint:        size ${r.checkpoint.size}, root ${r.checkpoint.rootHash}`);
    lines.push(`  signed by:         ${r.checkpoint.signedBy.join(', ')}${pinnedBy(r, keys)}`);
  }
  if (r.witnesses) {
    const by = r.witnesses.cosignedBy.map((w) => `${w.name} (${w.time})`).join(', ') || 'nobody';
    lines.push(
      `  cosigned by:       ${by}; ${r.witnesses.satisfied ? 'quorum reached' : 'quorum NOT reached'} (${r.witnesses.required} needed)`,
    );
  }
  if (r.entity) lines.push(`  entity:            ${r.entity.type} ${r.entity.id}`);
  lines.push(`  entries:           ${r.verifiedEntries} of ${r.totalEntries} verified`);
  if (r.history) {
    lines.push(
      `  history:           ${r.history.complete ? `complete, versions 1…${r.history.latestVersion}` : 'NOT proven complete'}`,
    );
  }
  lines.push(`  consistency:       ${r.verifiedConsistency} proof(s) verified`);
  if (r.verifiedSavedCheckpoints > 0 || r.problems.some((p) => p.path.startsWith('savedCheckpoints'))) {
    lines.push(`  saved checkpoints: ${r.verifiedSavedCheckpoints} extended by this checkpoint`);
  }
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  const head = lines.map((l) => `${l}\n`).join('');
  if (r.ok) return `${head}VERIFIED\n`;
  return `${head}FAILED: ${r.problems.length} problem(s)\n${problemLines(r.problems)}`;
}

async function verifyBundleCommand(args: ParsedArgs, io: CliIo, json: boolean): Promise<number> {
  only(args, ['--key', '--saved-checkpoint', '--witness-policy']);
  if (args.positional.length !== 1) throw new UsageError('expected exactly one bundle file');
  const file = args.positional[0];
  const keyStrings = args.options.get('--key') ?? [];
  const keys = parseKeys(keyStrings);
  const savedFiles = args.options.get('--saved-checkpoint') ?? [];
  const bundleBytes = await read(io, file);
  const saved: string[] = [];
  for (const f of savedFiles) saved.push(utf8(await read(io, f)));

  const policyFiles = args.options.get('--witness-policy') ?? [];
  if (policyFiles.length > 1) throw new UsageError('--witness-policy <file> can be given once');
  const policy = policyFiles.length === 1 ? utf8(await read(io, policyFiles[0])) : undefined;
  const result = verifyBundle(bundleBytes, {
    ...(keyStrings.length > 0 ? { trustedVerifierKeys: keyStrings } : {}),
    savedCheckpoints: saved,
    ...(policy !== undefined ? { witnessPolicy: policy } : {}),
  });
  // Name saved checkpoints by their file in messages.
  const problems = result.problems.map((p) => {
    const m = /^savedCheckpoints\[(\d+)\]$/.exec(p.path);
    return m ? { ...p, path: `saved checkpoint ${savedFiles[Number(m[1])]}` } : p;
  });
  const shown = { ...result, problems };
  const summary = bundleSummary(file, shown, keys);
  if (json) {
    io.stderr(summary);
    io.stdout(`${JSON.stringify({ command: 'bundle', file, ...shown }, null, 2)}\n`);
  } else {
    io.stdout(summary);
  }
  return result.ok ? EXIT_VERIFIED : EXIT_FAILED;
}

/** Reads a proof file: {"proof": [...]} (optionally with fromSize/toSize) or a bare array. */
function parseProofFile(
  text: string,
  problems: BundleProblem[],
): { proof: Buffer[]; fromSize?: number; toSize?: number } | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    problems.push({ path: 'proof', message: `not valid JSON: ${(e as Error).message}` });
    return null;
  }
  let list: unknown = value;
  let fromSize: number | undefined;
  let toSize: number | undefined;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      if (!['proof', 'fromSize', 'toSize'].includes(k))
        problems.push({ path: `proof.${k}`, message: 'unknown field' });
    }
    for (const k of ['fromSize', 'toSize'] as const) {
      const v = obj[k];
      if (v !== undefined && !(typeof v === 'number' && Number.isSafeInteger(v) && v >= 0)) {
        problems.push({ path: `proof.${k}`, message: 'must be a non-negative integer' });
      }
    }
    fromSize = typeof obj.fromSize === 'number' ? obj.fromSize : undefined;
    toSize = typeof obj.toSize === 'number' ? obj.toSize : undefined;
    list = obj.proof;
  }
  if (!Array.isArray(list)) {
    problems.push({
      path: 'proof',
      message: 'expected {"proof": [<base64>, ...]} or an array of base64 hashes',
    });
    return null;
  }
  const proof: Buffer[] = [];
  list.forEach((h: unknown, i) => {
    const bytes = decodeBase64Strict(h);
    if (bytes === null || bytes.length !== 32) {
      problems.push({ path: `proof[${i}]`, message: 'is not the canonical base64 of a 32-byte hash' });
    } else {
      proof.push(bytes);
    }
  });
  return { proof, fromSize, toSize };
}

function openSavedCheckpoint(
  bytes: Uint8Array,
  keys: readonly NoteVerifier[],
  path: string,
  problems: BundleProblem[],
): { checkpoint: Checkpoint; signedBy: string[] } | null {
  try {
    const note = openNote(bytes, keys);
    return { checkpoint: parseCheckpoint(note.text), signedBy: note.verifiedBy.map((s) => s.keyLabel) };
  } catch (e) {
    let message = (e as Error).message;
    if (e instanceof NoteError && e.code === 'unverified') {
      const by = e.signatures.map((s) => s.keyLabel).join(', ');
      message = `not signed by any --key (signed by ${by}; keys given: ${keys.map(keyLabel).join(', ')})`;
    } else if (!(e instanceof NoteError)) {
      message = `not a valid checkpoint: ${message}`;
    }
    problems.push({ path, message });
    return null;
  }
}

async function verifyConsistencyCommand(args: ParsedArgs, io: CliIo, json: boolean): Promise<number> {
  only(args, ['--key', '--old', '--new', '--proof']);
  if (args.positional.length !== 1)
    throw new UsageError('consistency takes no file arguments; use --old, --new and --proof');
  const keyStrings = args.options.get('--key') ?? [];
  if (keyStrings.length === 0) throw new UsageError('consistency needs at least one --key <verifier key>');
  const keys = parseKeys(keyStrings);
  const [oldFile, newFile, proofFile] = [
    single(args, '--old'),
    single(args, '--new'),
    single(args, '--proof'),
  ];
  const [oldBytes, newBytes, proofBytes] = [
    await read(io, oldFile),
    await read(io, newFile),
    await read(io, proofFile),
  ];

  const problems: BundleProblem[] = [];
  const older = openSavedCheckpoint(oldBytes, keys, `old checkpoint ${oldFile}`, problems);
  const newer = openSavedCheckpoint(newBytes, keys, `new checkpoint ${newFile}`, problems);
  const proof = parseProofFile(utf8(proofBytes), problems);
  if (older && newer && proof) {
    if (proof.fromSize !== undefined && proof.fromSize !== older.checkpoint.size) {
      problems.push({
        path: 'proof.fromSize',
        message: `is ${proof.fromSize}, the old checkpoint has size ${older.checkpoint.size}`,
      });
    }
    if (proof.toSize !== undefined && proof.toSize !== newer.checkpoint.size) {
      problems.push({
        path: 'proof.toSize',
        message: `is ${proof.toSize}, the new checkpoint has size ${newer.checkpoint.size}`,
      });
    }
    if (problems.length === 0) {
      const r = verifyCheckpointConsistency(older.checkpoint, newer.checkpoint, proof.proof);
      if (!r.ok) problems.push({ path: 'proof', message: r.reason });
    }
  }
  const ok = problems.length === 0;
  const describe = (c: { checkpoint: Checkpoint; signedBy: string[] } | null): string =>
    c
      ? `${c.checkpoint.origin} size ${c.checkpoint.size}, root ${encodeBase64(c.checkpoint.rootHash)} (signed by ${c.signedBy.join(', ')})`
      : 'not verified';
  const summary =
    `Consistency ${oldFile} -> ${newFile}\n  old: ${describe(older)}\n  new: ${describe(newer)}\n` +
    (ok
      ? 'VERIFIED: the new checkpoint extends the old one\n'
      : `FAILED: ${problems.length} problem(s)\n${problemLines(problems)}`);
  const info = (c: { checkpoint: Checkpoint; signedBy: string[] } | null): object | null =>
    c && {
      origin: c.checkpoint.origin,
      size: c.checkpoint.size,
      rootHash: encodeBase64(c.checkpoint.rootHash),
      signedBy: c.signedBy,
    };
  if (json) {
    io.stderr(summary);
    io.stdout(
      `${JSON.stringify({ command: 'consistency', ok, problems, old: info(older), new: info(newer) }, null, 2)}\n`,
    );
  } else {
    io.stdout(summary);
  }
  return ok ? EXIT_VERIFIED : EXIT_FAILED;
}

/** The default I/O: the file system and the process streams. */
export const nodeIo: CliIo = {
  readFile: (path) => fs.readFile(path),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/**
 * Runs the verifier with the given arguments (without `node` and the script) and returns the exit status:
 * 0 verified, 1 verification failed, 2 usage error.
 */
export async function runVerifyCli(argv: readonly string[], io: CliIo = nodeIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.flags.has('--help')) {
      io.stdout(USAGE);
      return EXIT_VERIFIED;
    }
    const json = args.flags.has('--json');
    if (args.positional[0] === 'consistency') return await verifyConsistencyCommand(args, io, json);
    return await verifyBundleCommand(args, io, json);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${PROGRAM}: ${e.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    io.stderr(`${PROGRAM}: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT_FAILED;
  }
}

if (require.main === module) {
  void runVerifyCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
