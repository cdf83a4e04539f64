import * as fs from 'fs';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { leafHash } from '../merkle/hash';
import { MemoryNodeStore } from '../merkle/memory-store';
import { consistencyProof, rootAt } from '../merkle/tree';
import { signCheckpoint } from '../note/checkpoint';
import { generateSigner, parseSignerKey } from '../note/keys';
import { formatAddCheckpointRequest, openRefusal } from '../note/witness-protocol';
import { openWitness, RegistryTransport, runWitnessCli, serveWitness } from './witness-cli';

const ORIGIN = 'wanzhou.asset-registry.example/ledger/500101';

describe('witness CLI', () => {
  const log = generateSigner(ORIGIN);
  const signer = parseSignerKey(log.signerKey);
  let dir: string;
  let store: MemoryNodeStore;
  const sent: string[] = [];
  const refusals: string[] = [];

  /** A registry in memory: serves its newest checkpoint with a proof, keeps what it gets back. */
  const registry = (size: number, s = () => store): RegistryTransport => ({
    checkpoint: async (origin, old) => {
      if (origin !== ORIGIN) return { status: 404, body: 'unknown log' };
      const note = signCheckpoint({ origin, size, rootHash: await rootAt(size, s().read) }, [signer]);
      const proof = old === 0 || old === size ? [] : await consistencyProof(old, size, s().read);
      return { status: 200, body: formatAddCheckpointRequest(old, proof, note) };
    },
    cosignature: async (note) => {
      sent.push(note);
      return { status: 200, body: 'accepted' };
    },
    refusal: async (note) => {
      refusals.push(note);
      return { status: 200, body: 'recorded' };
    },
  });
  const run = async (argv: string[], transport?: RegistryTransport) => {
    let out = '';
    const code = await runWitnessCli(argv, {
      stdout: (t) => (out += t),
      stderr: (t) => (out += t),
      ...(transport ? { transport: () => transport } : {}),
    });
    return { code, out };
  };

  beforeAll(async () => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'witness-cli-')), 'w');
    store = new MemoryNodeStore();
    for (let i = 0; i < 30; i++) await store.append([leafHash(Buffer.from(`e${i}`))]);
  });
  afterAll(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('makes a key, trusts a log, cosigns and remembers, shows what it did', async () => {
    const init = await run(['init', '--dir', dir, '--name', 'longju.example/witness']);
    expect(init.code).toBe(0);
    const vkey = init.out.trim().split('\n').pop()!;
    expect(vkey).toMatch(/^longju\.example\/witness\+[0-9a-f]{8}\+B/); // type 0x04
    expect(fs.readFileSync(path.join(dir, 'witness.key'), 'utf8')).toMatch(
      /^PRIVATE\+KEY\+longju\.example\/witness\+/,
    );
    expect((await run(['cosign', '--dir', dir, '--server', 'x'], registry(10))).code).toBe(2); // no log yet
    expect((await run(['add-log', '--dir', dir, '--key', log.verifierKey])).code).toBe(0);

    const first = await run(['cosign', '--dir', dir, '--server', 'x'], registry(10));
    expect(first).toEqual({ code: 0, out: `${ORIGIN}: COSIGNED — cosigned size 10\n` });
    expect(sent.pop()).toMatch(/\n— longju\.example\/witness \S+\n$/);
    expect((await run(['cosign', '--dir', dir, '--server', 'x'], registry(30))).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8'))[ORIGIN].size).toBe(30);
    expect((await run(['show', '--dir', dir])).out).toMatch(
      /log:\s+wanzhou\.asset-registry\.example\/ledger\/500101 — cosigned size 30 at/,
    );
  });

  it('refuses a rewritten log and reports it, signed', async () => {
    const rewritten = new MemoryNodeStore();
    for (let i = 0; i < 35; i++)
      await rewritten.append([leafHash(Buffer.from(i === 3 ? 'changed' : `e${i}`))]);
    const res = await run(
      ['cosign', '--dir', dir, '--server', 'x'],
      registry(35, () => rewritten),
    );
    expect(res.code).toBe(1);
    expect(res.out).toMatch(
      /REFUSED — refused \(422\): not consistent with the checkpoint cosigned before \(size 30/,
    );
    const w = openWitness(dir);
    expect(openRefusal(refusals.pop()!, [w.cosigner.verifier]).refusal).toMatchObject({
      size: 35,
      oldSize: 30,
      status: 422,
    });
    expect(w.store.load(ORIGIN)!.size).toBe(30); // nothing remembered from the refused one
  });

  it('answers tlog-witness add-checkpoint over HTTP', async () => {
    const server = serveWitness(openWitness(dir));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const note = signCheckpoint({ origin: ORIGIN, size: 30, rootHash: await rootAt(30, store.read) }, [
        signer,
      ]);
      const wrongOld = await fetch(`${url}/add-checkpoint`, {
        method: 'POST',
        body: formatAddCheckpointRequest(0, [], note),
      });
      expect(wrongOld.status).toBe(409);
      expect(wrongOld.headers.get('content-type')).toBe('text/x.tlog.size');
      expect(await wrongOld.text()).toBe('30\n');
      const ok = await fetch(`${url}/add-checkpoint`, {
        method: 'POST',
        body: formatAddCheckpointRequest(30, [], note),
      });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toMatch(/^— longju\.example\/witness \S+\n$/);
      expect((await fetch(`${url}/other`, { method: 'POST', body: '' })).status).toBe(404);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('usage errors', async () => {
    expect((await run(['frobnicate', '--dir', dir])).code).toBe(2);
    expect((await run(['init', '--dir', dir, '--name', 'again'])).code).toBe(2);
    expect((await run(['add-log', '--dir', dir, '--key', 'nonsense'])).code).toBe(2);
    expect((await run(['--help'])).out).toContain('asset-registry-witness init');
  });
});
