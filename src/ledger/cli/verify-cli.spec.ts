import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import canonicalize from 'canonicalize';
import { EvidenceBundle, BUNDLE_FORMAT, encodeHashes } from '../bundle/evidence-bundle';
import { leafHash } from '../merkle/hash';
import { MemoryNodeStore } from '../merkle/testing/memory-store';
import { consistencyProof, inclusionProof, rootAt } from '../merkle/tree';
import { signCheckpoint } from '../note/checkpoint';
import { signEntry } from '../note/entry-signature';
import { generateSigner, parseSignerKey } from '../note/keys';
import { CliIo, nodeIo, runVerifyCli } from './verify-cli';

const ORIGIN = 'wanzhou.asset-registry.example/ledger/500101';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    readFile: nodeIo.readFile,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  };
  const code = await runVerifyCli(argv, io);
  return { code, stdout, stderr };
}

describe('verify CLI', () => {
  const keys = generateSigner(ORIGIN);
  const signer = parseSignerKey(keys.signerKey);
  const otherKeys = generateSigner(ORIGIN);
  let dir: string;
  const file = (name: string): string => path.join(dir, name);
  const write = (name: string, content: string): string => {
    fs.writeFileSync(file(name), content);
    return file(name);
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-cli-'));
    // a log of 23 entries; entries 4 and 9 are about Asset a-7
    const store = new MemoryNodeStore();
    const canonicals: string[] = [];
    for (let i = 0; i < 23; i++) {
      const asset = i === 4 || i === 9;
      const doc = canonicalize({
        v: 1,
        ledger: '500101',
        index: i,
        action: 'update',
        entityType: asset ? 'Asset' : 'Income',
        entityId: asset ? 'a-7' : `inc-${i}`,
        after: { name: `资产 ${i}` },
      });
      if (doc === undefined) throw new Error('canonicalize');
      canonicals.push(doc);
      await store.append([leafHash(Buffer.from(doc))]);
    }
    const checkpointAt = async (size: number): Promise<string> =>
      signCheckpoint({ origin: ORIGIN, size, rootHash: await rootAt(size, store.read) }, [signer]);
    const entries = [];
    for (const index of [4, 9]) {
      const leaf = leafHash(Buffer.from(canonicals[index]));
      entries.push({
        index,
        canonical: canonicals[index],
        leafHash: leaf.toString('base64'),
        signature: signEntry(signer, ORIGIN, index, leaf),
        inclusionProof: encodeHashes(await inclusionProof(index, 23, store.read)),
      });
    }
    const bundle: EvidenceBundle = {
      format: BUNDLE_FORMAT,
      origin: ORIGIN,
      verifierKeys: [keys.verifierKey],
      checkpoint: await checkpointAt(23),
      entity: { type: 'Asset', id: 'a-7' },
      entries,
      consistency: [
        {
          fromSize: 10,
          fromRoot: (await rootAt(10, store.read)).toString('base64'),
          proof: encodeHashes(await consistencyProof(10, 23, store.read)),
        },
      ],
    };
    write('bundle.json', `${JSON.stringify(bundle, null, 2)}\n`);
    const tampered = JSON.parse(JSON.stringify(bundle)) as EvidenceBundle;
    tampered.entries[1].inclusionProof[0] = tampered.entries[0].inclusionProof[0];
    write('tampered.json', JSON.stringify(tampered));
    write('cp10.note', await checkpointAt(10));
    write('cp23.note', await checkpointAt(23));
    write('cp30.note', signCheckpoint({ origin: ORIGIN, size: 30, rootHash: Buffer.alloc(32, 7) }, [signer]));
    write(
      'proof-10-23.json',
      JSON.stringify({ proof: encodeHashes(await consistencyProof(10, 23, store.read)) }),
    );
    write('proof-bare.json', JSON.stringify(encodeHashes(await consistencyProof(10, 23, store.read))));
    write(
      'proof-wrong.json',
      JSON.stringify({ proof: encodeHashes(await consistencyProof(11, 23, store.read)) }),
    );
    write('not-json.json', '{ nope');
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('verifies a bundle with a pinned key and saved checkpoints', async () => {
    const r = await run([
      file('bundle.json'),
      '--key',
      keys.verifierKey,
      '--saved-checkpoint',
      file('cp10.note'),
      `--saved-checkpoint=${file('cp23.note')}`,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`log:               ${ORIGIN}`);
    expect(r.stdout).toContain('checkpoint:        size 23');
    expect(r.stdout).toContain('(pinned with --key)');
    expect(r.stdout).toContain('entity:            Asset a-7');
    expect(r.stdout).toContain('entries:           2 of 2 verified');
    expect(r.stdout).toContain('saved checkpoints: 2 extended by this checkpoint');
    expect(r.stdout).toMatch(/VERIFIED\n$/);
  });

  it('warns when no key is pinned and prints JSON with --json', async () => {
    const r = await run(['--json', file('bundle.json')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: no trusted verifier key given');
    const out = JSON.parse(r.stdout) as {
      command: string;
      ok: boolean;
      verifiedEntries: number;
      checkpoint: { size: number };
    };
    expect(out).toMatchObject({ command: 'bundle', ok: true, verifiedEntries: 2, checkpoint: { size: 23 } });
  });

  it('exits 1 with precise problems when verification fails', async () => {
    const r = await run([file('tampered.json'), '--key', keys.verifierKey]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /FAILED: 1 problem\(s\)\n {2}- entries\[1\]\.inclusionProof: does not verify against checkpoint root at size 23/,
    );

    const wrongKey = await run([file('bundle.json'), '--key', otherKeys.verifierKey]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stdout).toMatch(/checkpoint: signed by .*, which is not among the trusted verifier keys/);

    const older = await run([file('bundle.json'), '--saved-checkpoint', file('cp30.note')]);
    expect(older.code).toBe(1);
    expect(older.stdout).toContain(
      `saved checkpoint ${file('cp30.note')}: the bundle checkpoint (size 23) is older`,
    );

    const notJson = await run([file('not-json.json'), '--json']);
    expect(notJson.code).toBe(1);
    expect(JSON.parse(notJson.stdout)).toMatchObject({ ok: false, problems: [{ path: '$' }] });
  });

  it('checks consistency between two saved checkpoints', async () => {
    const base = [
      'consistency',
      '--old',
      file('cp10.note'),
      '--new',
      file('cp23.note'),
      '--key',
      keys.verifierKey,
    ];
    const ok = await run([...base, '--proof', file('proof-10-23.json')]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('VERIFIED: the new checkpoint extends the old one');
    expect((await run([...base, '--proof', file('proof-bare.json')])).code).toBe(0);

    const bad = await run([...base, '--proof', file('proof-wrong.json'), '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      command: 'consistency',
      ok: false,
      problems: [{ path: 'proof' }],
    });

    const reversed = await run([
      'consistency',
      '--old',
      file('cp23.note'),
      '--new',
      file('cp10.note'),
      '--key',
      keys.verifierKey,
      '--proof',
      file('proof-bare.json'),
    ]);
    expect(reversed.code).toBe(1);
    expect(reversed.stdout).toContain('is smaller than the older');

    const unknownKey = await run([
      'consistency',
      '--old',
      file('cp10.note'),
      '--new',
      file('cp23.note'),
      '--key',
      otherKeys.verifierKey,
      '--proof',
      file('proof-bare.json'),
    ]);
    expect(unknownKey.code).toBe(1);
    expect(unknownKey.stdout).toMatch(/old checkpoint .*cp10\.note: not signed by any --key/);
  });

  it('exits 2 on usage errors', async () => {
    const cases: string[][] = [
      [],
      ['a.json', 'b.json'],
      ['--bogus', file('bundle.json')],
      [file('bundle.json'), '--key'],
      [file('bundle.json'), '--key', 'not-a-key'],
      [file('missing.json')],
      [file('bundle.json'), '--old', file('cp10.note')],
      [
        'consistency',
        '--old',
        file('cp10.note'),
        '--new',
        file('cp23.note'),
        '--proof',
        file('proof-bare.json'),
      ],
      [
        'consistency',
        '--old',
        file('cp10.note'),
        '--key',
        keys.verifierKey,
        '--proof',
        file('proof-bare.json'),
      ],
      ['--json=yes', file('bundle.json')],
    ];
    for (const argv of cases) {
      const r = await run(argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.stderr).toContain('Usage:');
    }
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage:');
  });
});
