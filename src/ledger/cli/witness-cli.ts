#!/usr/bin/env node
/**
 * A witness for the Asset Registry's ledger (C2SP tlog-witness / tlog-cosignature), for a machine a
 * township or the district controls. The private key never leaves its directory.
 *
 *   asset-registry-witness init    --dir <dir> --name <key name>
 *   asset-registry-witness add-log --dir <dir> --key <log verifier key> [--origin <origin>]
 *   asset-registry-witness show    --dir <dir>
 *   asset-registry-witness cosign  --dir <dir> --server <https://registry…>
 *   asset-registry-witness serve   --dir <dir> [--port 7380] [--host 127.0.0.1]
 *
 * (also `npm run witness -- …`). The directory holds `witness.key` (the Ed25519 key, Go signer-key format,
 * mode 0600), `witness.json` (its name and the logs it witnesses, with their keys) and `state.json` (per
 * log, the size and root it cosigned last, written before any cosignature leaves).
 *
 * `cosign` asks the registry for its newest checkpoint and a consistency proof from the size this witness
 * cosigned last (the body of a tlog-witness add-checkpoint request), checks them, and sends back the
 * checkpoint with its cosignature, or a refusal signed with its key. `serve` answers
 * `POST /add-checkpoint` as C2SP tlog-witness specifies, for a registry that pushes to its witnesses.
 *
 * Exit status: 0 done (cosigned / serving), 1 refused or failed, 2 usage error. Imports are relative (no
 * `@/` alias) so the compiled file runs with plain `node`.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { Checkpoint } from '../note/checkpoint';
import { Cosigner, cosignerFromSignerKey, generateCosigner } from '../note/cosignature';
import { NoteVerifier, parseSignerKey, parseVerifierKey } from '../note/keys';
import { signRefusal } from '../note/witness-protocol';
import { WitnessCore, WitnessResponse, WitnessState, WitnessStore } from './witness-core';

const PROGRAM = 'asset-registry-witness';
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export const USAGE = `Usage:
  ${PROGRAM} init    --dir <dir> --name <key name>
  ${PROGRAM} add-log --dir <dir> --key <log verifier key> [--origin <origin>]
  ${PROGRAM} show    --dir <dir>
  ${PROGRAM} cosign  --dir <dir> --server <url of the registry>
  ${PROGRAM} serve   --dir <dir> [--port 7380] [--host 127.0.0.1]

A witness of the Asset Registry's ledger (C2SP tlog-witness, tlog-cosignature).

  init      make a witness key in <dir> and print the verifier key to register (registerWitness)
  add-log   trust a log: its checkpoints must be signed with this key (ledgerPublicKey)
  show      print the witness's verifier key, its logs and what it cosigned last
  cosign    fetch the registry's newest checkpoint with a consistency proof from the last one cosigned,
            check both, and send the cosignature back (or a signed refusal)
  serve     answer POST /add-checkpoint (tlog-witness) for a registry that pushes checkpoints

Exit status: 0 done, 1 refused or failed, 2 usage error.
`;

class UsageError extends Error {}

/** What the witness keeps in its directory. */
interface WitnessConfig {
  name: string;
  logs: Array<{ origin: string; verifierKeys: string[] }>;
}

const files = (dir: string) => ({
  key: path.join(dir, 'witness.key'),
  config: path.join(dir, 'witness.json'),
  state: path.join(dir, 'state.json'),
});

/** Writes a file so that it is either the old or the new content, and on disk when this returns. */
function writeDurably(file: string, content: string, mode = 0o600): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', mode);
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

function readConfig(dir: string): WitnessConfig {
  try {
    return JSON.parse(fs.readFileSync(files(dir).config, 'utf8')) as WitnessConfig;
  } catch (e) {
    throw new UsageError(`${dir} is not a witness directory (run init first): ${(e as Error).message}`);
  }
}

/** Makes a witness key and its configuration in `dir`; returns the verifier key to register. */
export function initWitness(dir: string, name: string): { verifierKey: string } {
  const f = files(dir);
  if (fs.existsSync(f.key)) throw new UsageError(`${f.key} exists already; a witness keeps its key`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { signerKey, verifierKey } = generateCosigner(name);
  writeDurably(f.key, `${signerKey}\n`);
  writeDurably(f.config, `${JSON.stringify({ name, logs: [] } satisfies WitnessConfig, null, 2)}\n`);
  writeDurably(f.state, '{}\n');
  return { verifierKey };
}

/** Adds (or extends) a log the witness trusts. */
export function addLog(dir: string, verifierKey: string, origin?: string): WitnessConfig {
  let key: NoteVerifier;
  try {
    key = parseVerifierKey(verifierKey);
  } catch (e) {
    throw new UsageError(`invalid log key: ${(e as Error).message}`);
  }
  const config = readConfig(dir);
  const o = origin ?? key.name;
  const log = config.logs.find((l) => l.origin === o);
  if (log) {
    if (!log.verifierKeys.includes(key.verifierKey)) log.verifierKeys.push(key.verifierKey);
  } else {
    config.logs.push({ origin: o, verifierKeys: [key.verifierKey] });
  }
  writeDurably(files(dir).config, `${JSON.stringify(config, null, 2)}\n`);
  return config;
}

/** The state file as a {@link WitnessStore}. */
class FileStore implements WitnessStore {
  constructor(private readonly file: string) {}
  private all(): Record<string, WitnessState> {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, WitnessState>;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw e;
    }
  }
  load(origin: string): WitnessState | null {
    return this.all()[origin] ?? null;
  }
  save(origin: string, state: WitnessState): void {
    writeDurably(this.file, `${JSON.stringify({ ...this.all(), [origin]: state }, null, 2)}\n`);
  }
}

/** An opened witness directory. */
export interface OpenedWitness {
  name: string;
  cosigner: Cosigner;
  core: WitnessCore;
  store: WitnessStore;
  /** Signs a refusal of `checkpoint` with the witness key. */
  refusal(checkpoint: Checkpoint, oldSize: number, response: WitnessResponse): string;
}

export function openWitness(dir: string, now?: () => number): OpenedWitness {
  const f = files(dir);
  const config = readConfig(dir);
  let signerKey: string;
  try {
    signerKey = fs.readFileSync(f.key, 'utf8').trim();
  } catch (e) {
    throw new UsageError(`cannot read the witness key ${f.key}: ${(e as Error).message}`);
  }
  const cosigner = cosignerFromSignerKey(signerKey);
  const signer = parseSignerKey(signerKey);
  const store = new FileStore(f.state);
  const logs = config.logs.map((l) => ({
    origin: l.origin,
    verifiers: l.verifierKeys.map((k) => parseVerifierKey(k)),
  }));
  const clock = now ?? (() => Math.floor(Date.now() / 1000));
  return {
    name: cosigner.name,
    cosigner,
    core: new WitnessCore(cosigner, logs, store, clock),
    store,
    refusal: (checkpoint, oldSize, response) =>
      signRefusal(signer, cosigner.verifier.keyId, {
        origin: checkpoint.origin,
        size: checkpoint.size,
        rootHash: checkpoint.rootHash,
        oldSize,
        status: response.status,
        reason: response.reason ?? response.body.trim(),
        time: clock(),
      }),
  };
}

/** How `cosign` talks to the registry (HTTP by default; in-process for the demo). */
export interface RegistryTransport {
  /** The add-checkpoint request body for the newest checkpoint, from `oldSize`. */
  checkpoint(origin: string, oldSize: number): Promise<{ status: number; body: string }>;
  /** The checkpoint note with the cosignature line(s) appended. */
  cosignature(note: string): Promise<{ status: number; body: string }>;
  /** A signed refusal. */
  refusal(note: string): Promise<{ status: number; body: string }>;
}

export function httpTransport(server: string): RegistryTransport {
  const base = server.replace(/\/+$/, '');
  const call = async (method: string, url: string, body?: string) => {
    const res = await fetch(url, {
      method,
      ...(body !== undefined ? { body, headers: { 'content-type': 'text/plain; charset=utf-8' } } : {}),
    });
    return { status: res.status, body: await res.text() };
  };
  return {
    checkpoint: (origin, oldSize) =>
      call(
        'GET',
        `${base}/ledger/witness/add-checkpoint?origin=${encodeURIComponent(origin)}&old=${oldSize}`,
      ),
    cosignature: (note) => call('POST', `${base}/ledger/witness/cosignatures`, note),
    refusal: (note) => call('POST', `${base}/ledger/witness/refusals`, note),
  };
}

export interface CosignOutcome {
  origin: string;
  status: 'COSIGNED' | 'REFUSED' | 'FAILED';
  size?: number;
  message: string;
}

/**
 * One round of pull-mode witnessing for every log of the witness: fetch, check, remember, send back the
 * cosignature (or a signed refusal). The state is written before the cosignature leaves.
 */
export async function cosignOnce(
  witness: OpenedWitness,
  logs: string[],
  transport: RegistryTransport,
): Promise<CosignOutcome[]> {
  const out: CosignOutcome[] = [];
  for (const origin of logs) {
    const old = witness.store.load(origin)?.size ?? 0;
    const fetched = await transport.checkpoint(origin, old);
    if (fetched.status !== 200) {
      out.push({
        origin,
        status: 'FAILED',
        message: `the registry answered ${fetched.status}: ${fetched.body.trim()}`,
      });
      continue;
    }
    const response = witness.core.addCheckpoint(fetched.body);
    const note = fetched.body.slice(fetched.body.indexOf('\n\n') + 2);
    if (response.status === 200) {
      const sent = await transport.cosignature(`${note}${response.body}`);
      out.push({
        origin,
        status: sent.status === 200 ? 'COSIGNED' : 'FAILED',
        size: response.checkpoint?.size,
        message:
          sent.status === 200
            ? `cosigned size ${response.checkpoint?.size}`
            : `cosigned size ${response.checkpoint?.size}, but the registry did not take it: ${sent.status} ${sent.body.trim()}`,
      });
      continue;
    }
    const reason = response.reason ?? response.body.trim();
    if (response.checkpoint) await transport.refusal(witness.refusal(response.checkpoint, old, response));
    out.push({
      origin,
      status: 'REFUSED',
      size: response.checkpoint?.size,
      message: `refused (${response.status}): ${reason}`,
    });
  }
  return out;
}

/** Serves tlog-witness `POST <prefix>/add-checkpoint`. */
export function serveWitness(witness: OpenedWitness, prefix = ''): http.Server {
  return http.createServer((req, res) => {
    const url = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || url !== `${prefix}/add-checkpoint`) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 64 * 1024) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      const r = witness.core.addCheckpoint(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(r.status, { 'content-type': r.contentType }).end(r.body);
    });
  });
}

interface ParsedArgs {
  command: string;
  options: Map<string, string>;
}

function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command = '', ...rest] = argv;
  const options = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '-h' || arg === '--help') {
      options.set('--help', '');
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument ${arg}`);
    const eq = arg.indexOf('=');
    if (eq > 0) options.set(arg.slice(0, eq), arg.slice(eq + 1));
    else if (i + 1 < rest.length) options.set(arg, rest[++i]);
    else throw new UsageError(`${arg} needs a value`);
  }
  return { command, options };
}

function need(args: ParsedArgs, name: string): string {
  const v = args.options.get(name);
  if (!v) throw new UsageError(`${name} is required`);
  return v;
}

/** The default I/O (replaced in tests). */
export interface WitnessCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  transport?: (server: string) => RegistryTransport;
}

const nodeIo: WitnessCliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

/** Runs a command; `serve` resolves once the server listens (it keeps the process alive). */
export async function runWitnessCli(argv: readonly string[], io: WitnessCliIo = nodeIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.options.has('--help') || args.command === '' || args.command === 'help') {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    const dir = path.resolve(need(args, '--dir'));
    switch (args.command) {
      case 'init': {
        const { verifierKey } = initWitness(dir, need(args, '--name'));
        io.stdout(
          `witness key written to ${files(dir).key}\nverifier key (register it with registerWitness):\n${verifierKey}\n`,
        );
        return EXIT_OK;
      }
      case 'add-log': {
        const config = addLog(dir, need(args, '--key'), args.options.get('--origin'));
        io.stdout(`${PROGRAM} ${config.name} witnesses ${config.logs.map((l) => l.origin).join(', ')}\n`);
        return EXIT_OK;
      }
      case 'show': {
        const w = openWitness(dir);
        const config = readConfig(dir);
        io.stdout(`name:         ${w.name}\nverifier key: ${w.cosigner.verifier.verifierKey}\n`);
        for (const l of config.logs) {
          const s = w.store.load(l.origin);
          io.stdout(
            `log:          ${l.origin} — ${s ? `cosigned size ${s.size} at ${new Date(s.time * 1000).toISOString()}` : 'nothing cosigned yet'}\n`,
          );
        }
        return EXIT_OK;
      }
      case 'cosign': {
        const w = openWitness(dir);
        const transport = (io.transport ?? httpTransport)(need(args, '--server'));
        const outcomes = await cosignOnce(
          w,
          readConfig(dir).logs.map((l) => l.origin),
          transport,
        );
        if (outcomes.length === 0) throw new UsageError('the witness trusts no log yet (add-log)');
        for (const o of outcomes) io.stdout(`${o.origin}: ${o.status} — ${o.message}\n`);
        return outcomes.every((o) => o.status === 'COSIGNED') ? EXIT_OK : EXIT_FAILED;
      }
      case 'serve': {
        const w = openWitness(dir);
        const port = Number(args.options.get('--port') ?? 7380);
        const host = args.options.get('--host') ?? '127.0.0.1';
        const server = serveWitness(w);
        await new Promise<void>((resolve) => server.listen(port, host, resolve));
        io.stdout(`${w.name} answers POST http://${host}:${port}/add-checkpoint\n`);
        return EXIT_OK;
      }
      default:
        throw new UsageError(`unknown command ${args.command}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${PROGRAM}: ${e.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    io.stderr(`${PROGRAM}: ${(e as Error).message}\n`);
    return EXIT_FAILED;
  }
}

if (require.main === module) {
  void runWitnessCli(process.argv.slice(2)).then((code) => {
    if (code !== EXIT_OK || process.argv[2] !== 'serve') process.exitCode = code;
  });
}
