import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { verifyBundle } from '@/ledger/bundle/evidence-bundle';
import { parseWitnessPolicy } from '@/ledger/bundle/witness-policy';
import { runVerifyCli } from '@/ledger/cli/verify-cli';
import { openWitness, RegistryTransport, runWitnessCli, serveWitness } from '@/ledger/cli/witness-cli';
import { leafHash } from '@/ledger/merkle/hash';
import { signEntry } from '@/ledger/note/entry-signature';
import { parseSignerKey } from '@/ledger/note/keys';
import { CompactRange } from '@/ledger/verify/compact-range';
import { Caller, errorCode, errorReason, TestApp } from './support/test-app';

interface WitnessRow {
  id: string;
  name: string;
  status: string;
  verifierKey: string;
  inPolicy: boolean;
  lastCosignedSize: number | null;
}
interface Witnessing {
  policyVersion: number | null;
  required: number;
  validCosignatures: number;
  reached: boolean;
  cosignedNote: string;
  cosignatures: Array<{ witnessName: string }>;
  behind: Array<{ name: string }>;
}
interface FlagRecord {
  code: string;
  name: string;
}

const WITNESS_FIELDS = 'id name status verifierKey inPolicy lastCosignedSize';
const LATEST = `{ latestCheckpoint { treeSize note witnessing { policyVersion required validCosignatures reached cosignedNote
  cosignatures { witnessName } behind { name } } } }`;

/**
 * Witnesses: townships and the district cosign the ledger's checkpoints (C2SP tlog-witness /
 * tlog-cosignature) with keys only they hold, so that not even the server's operator can rewrite the
 * ledger unseen. Everything here goes through the real app over HTTP; the witnesses are the witness CLI
 * (its functions, with its files in temporary directories), pulling over the app's HTTP endpoints or
 * answering add-checkpoint on a port of their own.
 */
describe('witnesses cosign the ledger (e2e)', () => {
  let t: TestApp;
  let admin: Caller;
  let district: Caller;
  let longju: Caller;
  let luotian: Caller;
  let auditor: Caller;
  let root: string;
  let ledgerKey: string;
  let origin: string;
  const dirs: Record<string, string> = {};
  const ids: Record<string, string> = {};

  /** The witness CLI's transport, over real HTTP requests to the app. */
  const http = (): RegistryTransport => ({
    checkpoint: async (o, old) => {
      const r = await t.http.get(`/ledger/witness/add-checkpoint?origin=${encodeURIComponent(o)}&old=${old}`);
      return { status: r.status, body: r.text };
    },
    cosignature: async (note) => {
      const r = await t.http
        .post('/ledger/witness/cosignatures')
        .set('content-type', 'text/plain; charset=utf-8')
        .send(note);
      return { status: r.status, body: r.text };
    },
    refusal: async (note) => {
      const r = await t.http
        .post('/ledger/witness/refusals')
        .set('content-type', 'text/plain; charset=utf-8')
        .send(note);
      return { status: r.status, body: r.text };
    },
  });
  const cli = async (argv: string[]): Promise<{ code: number; out: string }> => {
    let out = '';
    const code = await runWitnessCli(argv, {
      stdout: (s) => (out += s),
      stderr: (s) => (out += s),
      transport: () => http(),
    });
    return { code, out };
  };
  const latest = async (): Promise<{ treeSize: number; note: string; witnessing: Witnessing }> =>
    (
      await auditor.gql<{ latestCheckpoint: { treeSize: number; note: string; witnessing: Witnessing } }>(
        LATEST,
      )
    ).data!.latestCheckpoint;
  const newCheckpoint = async (code: string): Promise<number> => {
    const made = await admin.gql(
      'mutation($c: String!) { createRegion(code: $c, name: "见证测试村", parentCode: "500101155") { code } }',
      { c: code },
    );
    expect(made.errors).toBeUndefined();
    const res = await district.gql<{ createCheckpoint: { treeSize: number } }>(
      'mutation { createCheckpoint { treeSize } }',
    );
    return res.data!.createCheckpoint.treeSize;
  };
  const flags = async (kind: string): Promise<FlagRecord[]> => {
    const res = await district.gql<{ redFlags: { flags: Array<{ records: FlagRecord[] }> } }>(
      `query($k: [RedFlagKind!]) { redFlags(kinds: $k) { flags { records { code name } } } }`,
      { k: [kind] },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.redFlags.flags[0].records;
  };
  const exportBundle = async (regionCode: string): Promise<unknown> => {
    const res = await auditor.gql<{ exportEvidence: unknown }>(
      'query($id: String!) { exportEvidence(entityType: "Region", entityId: $id) }',
      { id: regionCode },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.exportEvidence;
  };
  const policyText = async (): Promise<string> =>
    (await auditor.gql<{ witnessPolicy: { text: string } }>('{ witnessPolicy { text } }')).data!.witnessPolicy
      .text;

  beforeAll(async () => {
    t = await TestApp.start();
    [admin, district, longju, luotian, auditor] = await Promise.all(
      ['admin', 'district', 'longju', 'luotian', 'auditor'].map((u) => t.as(u)),
    );
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'witness-e2e-'));
    const key = (
      await auditor.gql<{ ledgerPublicKey: { verifierKey: string; origin: string } }>(
        '{ ledgerPublicKey { verifierKey origin } }',
      )
    ).data!.ledgerPublicKey;
    [ledgerKey, origin] = [key.verifierKey, key.origin];
  });
  afterAll(async () => {
    fs.rmSync(root, { recursive: true, force: true });
    await t.close();
  });

  it('the demo has a district and two township witnesses that have cosigned: a newcomer sees a cosigned checkpoint', async () => {
    const w = (await auditor.gql<{ witnesses: WitnessRow[] }>(`{ witnesses { ${WITNESS_FIELDS} } }`)).data!
      .witnesses;
    expect(w.map((x) => [x.name, x.status, x.inPolicy]).sort()).toEqual([
      ['longju.wanzhou.asset-registry.example/witness', 'ACTIVE', true],
      ['luotian.wanzhou.asset-registry.example/witness', 'ACTIVE', true],
      ['wanzhou.asset-registry.example/witness/district', 'ACTIVE', true],
    ]);
    const cp = await latest();
    expect(cp.witnessing).toMatchObject({
      policyVersion: 1,
      required: 2,
      validCosignatures: 3,
      reached: true,
      behind: [],
    });
    // The cosigned note verifies offline against the published policy, with the log key it pins.
    const policy = await policyText();
    const bundleLike = parseWitnessPolicy(policy);
    expect(bundleLike.logKeys).toEqual([ledgerKey]);
    expect(cp.witnessing.cosignedNote.startsWith(cp.note)).toBe(true);
    // The demo keys are kept as the CLI keeps them: a key file only its directory holds.
    const history = await auditor.gql<{ history: Array<{ action: string }> }>(
      'query($id: String!) { history(entityType: "Witness", entityId: $id) { action } }',
      { id: w.find((x) => x.name.endsWith('/witness/district'))!.id },
    );
    expect(history.data!.history.map((h) => h.action)).toEqual(['WITNESS_REGISTERED', 'WITNESS_APPROVED']);
  });

  it('a witness key is made with the CLI, registered by its holder, approved by an ADMIN, all on the ledger; the denials', async () => {
    for (const name of ['a', 'b']) {
      dirs[name] = path.join(root, name);
      const init = await cli(['init', '--dir', dirs[name], '--name', `${name}.township.example/witness`]);
      expect(init.code).toBe(0);
      expect((await cli(['add-log', '--dir', dirs[name], '--key', ledgerKey])).code).toBe(0);
    }
    expect((await cli(['init', '--dir', dirs.a, '--name', 'again'])).code).toBe(2); // a witness keeps its key
    const keyOf = (d: string) => openWitness(d).cosigner.verifier.verifierKey;
    expect(fs.statSync(path.join(dirs.a, 'witness.key')).mode & 0o777).toBe(0o600);

    const REGISTER = `mutation($k: String!) { registerWitness(input: { verifierKey: $k }) { ${WITNESS_FIELDS} regionCode } }`;
    expect(errorCode(await (await t.as('wutong')).gql(REGISTER, { k: keyOf(dirs.a) }))).toBe('FORBIDDEN');
    expect(errorCode(await auditor.gql(REGISTER, { k: keyOf(dirs.a) }))).toBe('FORBIDDEN');
    expect(errorCode(await longju.gql(REGISTER, { k: 'not a key' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await longju.gql(REGISTER, { k: ledgerKey }))).toBe('BAD_USER_INPUT'); // the log cannot witness itself

    const a = await longju.gql<{ registerWitness: WitnessRow & { regionCode: string } }>(REGISTER, {
      k: keyOf(dirs.a),
    });
    expect(a.data!.registerWitness).toMatchObject({
      status: 'PENDING',
      regionCode: '500101151',
      name: 'a.township.example/witness',
    });
    expect(errorReason(await longju.gql(REGISTER, { k: keyOf(dirs.a) }))).toBe('WITNESS_DUPLICATE');
    const b = await luotian.gql<{ registerWitness: WitnessRow }>(REGISTER, { k: keyOf(dirs.b) });
    [ids.a, ids.b] = [a.data!.registerWitness.id, b.data!.registerWitness.id];

    const APPROVE = `mutation($id: ID!) { approveWitness(id: $id) { status } }`;
    expect(errorCode(await district.gql(APPROVE, { id: ids.a }))).toBe('FORBIDDEN');
    expect(errorCode(await admin.gql(APPROVE, { id: '00000000-0000-4000-8000-000000000000' }))).toBe(
      'NOT_FOUND',
    );
    expect(
      (await admin.gql<{ approveWitness: { status: string } }>(APPROVE, { id: ids.a })).data!.approveWitness
        .status,
    ).toBe('ACTIVE');
    expect(errorReason(await admin.gql(APPROVE, { id: ids.a }))).toBe('WITNESS_WRONG_STATUS');
    await admin.gql(APPROVE, { id: ids.b });

    const history = await auditor.gql<{ history: Array<{ action: string; actor: { username: string } }> }>(
      'query($id: String!) { history(entityType: "Witness", entityId: $id) { action actor { username } } }',
      { id: ids.a },
    );
    expect(history.data!.history.map((h) => [h.action, h.actor.username])).toEqual([
      ['WITNESS_REGISTERED', 'longju'],
      ['WITNESS_APPROVED', 'admin'],
    ]);
  });

  it('the district sets a k-of-n policy; a pending or unknown witness cannot be in it', async () => {
    const demo = (await auditor.gql<{ witnesses: WitnessRow[] }>(`{ witnesses { ${WITNESS_FIELDS} } }`)).data!
      .witnesses;
    ids.district = demo.find((w) => w.name.endsWith('/witness/district'))!.id;
    const SET = `mutation($q: Int!, $w: [ID!]!) { setWitnessPolicy(input: { quorum: $q, witnessIds: $w }) { version quorum text witnesses { name } } }`;
    expect(errorCode(await longju.gql(SET, { q: 2, w: [ids.a, ids.b] }))).toBe('FORBIDDEN');
    expect(errorReason(await district.gql(SET, { q: 3, w: [ids.a, ids.b] }))).toBe('WITNESS_POLICY_INVALID');
    const set = await district.gql<{ setWitnessPolicy: { version: number; quorum: number; text: string } }>(
      SET,
      {
        q: 2,
        w: [ids.district, ids.a, ids.b],
      },
    );
    expect(set.errors).toBeUndefined();
    expect(set.data!.setWitnessPolicy).toMatchObject({ version: 2, quorum: 2 });
    expect(set.data!.setWitnessPolicy.text).toContain(
      'group quorum-group 2 wanzhou.asset-registry.example/witness/district a.township.example/witness b.township.example/witness',
    );
  });

  it('quorum not reached, then reached: latestCheckpoint says which witnesses are behind; the offline verifier with the policy', async () => {
    const size = await newCheckpoint('500101155401');
    let cp = await latest();
    expect(cp.treeSize).toBe(size);
    expect(cp.witnessing).toMatchObject({
      policyVersion: 2,
      required: 2,
      validCosignatures: 0,
      reached: false,
    });
    expect(cp.witnessing.behind.map((w) => w.name).sort()).toEqual([
      'a.township.example/witness',
      'b.township.example/witness',
      'wanzhou.asset-registry.example/witness/district',
    ]);
    const policy = await policyText();
    const policyFile = path.join(root, 'policy.txt');
    fs.writeFileSync(policyFile, policy);

    // Not cosigned yet: the bundle verifies with the log key alone, and fails against the policy.
    const early = await exportBundle('500101155401');
    expect(verifyBundle(early, { trustedVerifierKeys: [ledgerKey] }).ok).toBe(true);
    const noQuorum = verifyBundle(early, { witnessPolicy: policy });
    expect(noQuorum.ok).toBe(false);
    expect(noQuorum.problems).toContainEqual({
      path: 'checkpoint',
      message: expect.stringMatching(
        /cosigned by 0 witnesses of the policy \(none\), fewer than its quorum of 2/,
      ),
    });

    // One witness cosigns (the CLI, over HTTP): 1 of 2.
    const one = await cli(['cosign', '--dir', dirs.a, '--server', 'http://registry.test']);
    expect(one.out).toContain(`${origin}: COSIGNED — cosigned size ${size}`);
    expect(one.code).toBe(0);
    cp = await latest();
    expect(cp.witnessing).toMatchObject({ validCosignatures: 1, reached: false });
    expect(verifyBundle(await exportBundle('500101155401'), { witnessPolicy: policy }).ok).toBe(false);

    // The second: the quorum. The bundle now carries the cosigned checkpoint and verifies with the policy.
    expect((await cli(['cosign', '--dir', dirs.b, '--server', 'http://registry.test'])).code).toBe(0);
    cp = await latest();
    expect(cp.witnessing).toMatchObject({ validCosignatures: 2, reached: true });
    expect(cp.witnessing.behind.map((w) => w.name)).toEqual([
      'wanzhou.asset-registry.example/witness/district',
    ]);
    const bundle = await exportBundle('500101155401');
    const ok = verifyBundle(bundle, { witnessPolicy: policy });
    expect(ok.problems).toEqual([]);
    expect(ok.witnesses).toMatchObject({ satisfied: true, required: 2 });
    const file = path.join(root, 'bundle.json');
    fs.writeFileSync(file, JSON.stringify(bundle));
    let out = '';
    const io = {
      readFile: (p: string) => fs.promises.readFile(p),
      stdout: (s: string) => (out += s),
      stderr: (s: string) => (out += s),
    };
    expect(await runVerifyCli([file, '--witness-policy', policyFile], io)).toBe(0);
    expect(out).toMatch(
      /cosigned by:\s+a\.township\.example\/witness .*b\.township\.example\/witness .*quorum reached \(2 needed\)/,
    );

    // A witness asked again with nothing new re-cosigns the same checkpoint; an old size it did not cosign is refused.
    expect((await cli(['cosign', '--dir', dirs.a, '--server', 'http://registry.test'])).code).toBe(0);
    const stale = await t.http.get(`/ledger/witness/add-checkpoint?old=${size + 1000}`);
    expect(stale.status).toBe(400);
    const garbage = await t.http
      .post('/ledger/witness/cosignatures')
      .set('content-type', 'text/plain')
      .send('nonsense');
    expect(garbage.status).toBe(400);
  });

  it('a witness that answers add-checkpoint itself (push): the server sends it the checkpoint', async () => {
    dirs.c = path.join(root, 'c');
    await cli(['init', '--dir', dirs.c, '--name', 'c.district.example/witness']);
    await cli(['add-log', '--dir', dirs.c, '--key', ledgerKey]);
    const server = serveWitness(openWitness(dirs.c));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const reg = await district.gql<{ registerWitness: { id: string } }>(
        'mutation($k: String!, $u: String!) { registerWitness(input: { verifierKey: $k, url: $u }) { id } }',
        { k: openWitness(dirs.c).cosigner.verifier.verifierKey, u: url },
      );
      ids.c = reg.data!.registerWitness.id;
      await admin.gql('mutation($id: ID!) { approveWitness(id: $id) { status } }', { id: ids.c });
      const pushed = await district.gql<{
        requestCosignatures: Array<{ witnessName: string; status: number; message: string }>;
      }>('mutation { requestCosignatures { witnessName status outcome detail message } }');
      expect(pushed.data!.requestCosignatures).toEqual([
        {
          witnessName: 'c.district.example/witness',
          status: 200,
          outcome: 'COSIGNED',
          detail: 'c.district.example/witness',
          message: 'cosigned by c.district.example/witness',
        },
      ]);
      const cp = await latest();
      expect(cp.witnessing.cosignatures.map((c) => c.witnessName)).toContain('c.district.example/witness');
      expect(openWitness(dirs.c).store.load(origin)?.size).toBe(cp.treeSize);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('supervision sees a silent witness and a checkpoint without quorum', async () => {
    expect(await flags('WITNESS_SILENT')).toEqual([]);
    const size = await newCheckpoint('500101155402'); // nobody has cosigned it
    // Time passes (the district witness last cosigned 10 days ago, the checkpoint was signed 2 days ago):
    // simulated on the rows' times.
    await t.tamper(
      `UPDATE witness_cosignature SET signed_at = signed_at - interval '10 days' WHERE witness_id = $1`,
      [ids.district],
    );
    await t.tamper(
      `UPDATE ledger_checkpoint SET created_at = created_at - interval '2 days' WHERE tree_size = $1`,
      [size],
    );
    try {
      const silent = await t.inLanguage('zh-CN', () => flags('WITNESS_SILENT'));
      expect(silent.map((f) => f.code)).toEqual(['wanzhou.asset-registry.example/witness/district']);
      expect(silent[0].name).toContain('最后联署规模');
      expect((await flags('WITNESS_SILENT'))[0].name).toMatch(/has cosigned no new checkpoint since/);
      const noQuorum = await t.inLanguage('zh-CN', () => flags('CHECKPOINT_NO_QUORUM'));
      expect(noQuorum).toEqual([
        {
          code: `checkpoint ${size}`,
          name: expect.stringContaining(`规模 ${size} 的检查点签署后未获 2 个见证人联署`),
        },
      ]);
      // A township sees none of them: they are the district's to judge.
      const township = await longju.gql<{ redFlags: { total: number } }>(
        '{ redFlags(kinds: [WITNESS_SILENT, CHECKPOINT_NO_QUORUM]) { total } }',
      );
      expect(township.data!.redFlags.total).toBe(0);
    } finally {
      await t.tamper(
        `UPDATE witness_cosignature SET signed_at = signed_at + interval '10 days' WHERE witness_id = $1`,
        [ids.district],
      );
      await t.tamper(
        `UPDATE ledger_checkpoint SET created_at = created_at + interval '2 days' WHERE tree_size = $1`,
        [size],
      );
    }
    // Cosigned now: no checkpoint without quorum any more.
    await cli(['cosign', '--dir', dirs.a, '--server', 'http://registry.test']);
    await cli(['cosign', '--dir', dirs.b, '--server', 'http://registry.test']);
    expect(await flags('CHECKPOINT_NO_QUORUM')).toEqual([]);
  });

  it('a rewrite of the ledger, re-hashed and re-signed with the server key, is refused by every witness and fails offline', async () => {
    const before = await latest();
    expect(before.witnessing.reached).toBe(true);
    const n = before.treeSize;
    // The operator rewrites history from an entry on (here: a record's only entry, so nothing else
    // names it), with the server's own key: new bytes, leaf hash, entry signature, every subtree above it,
    // and checkpoints signed afresh. The server's own checks cannot tell.
    const [target] = await t.sql<{ idx: string; canonical: Buffer }>(
      `SELECT e.idx, e.canonical FROM ledger_entry e
        WHERE e.idx > 0 AND (SELECT count(*) FROM ledger_entry o WHERE o.entity_type = e.entity_type AND o.entity_id = e.entity_id) = 1
        ORDER BY e.idx LIMIT 1`,
    );
    const k = Number(target.idx);
    const doc = JSON.parse(target.canonical.toString()) as Record<string, unknown>;
    doc.details = { rewritten: true };
    const canonical = Buffer.from(
      JSON.stringify(
        Object.fromEntries(
          Object.keys(doc)
            .sort()
            .map((key) => [key, doc[key]]),
        ),
      ),
    );
    const leaf = leafHash(canonical);
    const signer = parseSignerKey(
      fs.readFileSync(path.join(t.env.runDir, 'ledger-signing.key'), 'utf8').trim(),
    );
    const signature = Buffer.from(signEntry(signer, origin, k, leaf), 'base64');
    await t.tamper('UPDATE ledger_entry SET canonical = $1, leaf_hash = $2, signature = $3 WHERE idx = $4', [
      canonical,
      leaf,
      signature,
      k,
    ]);
    const leaves = await t.sql<{ leaf_hash: Buffer }>('SELECT leaf_hash FROM ledger_entry ORDER BY idx');
    const range = new CompactRange();
    const nodes: Array<[number, number, Buffer]> = [];
    for (const l of leaves) range.push(l.leaf_hash, (level, index, hash) => nodes.push([level, index, hash]));
    await t.tamper('DELETE FROM ledger_node');
    await t.tamper(
      `INSERT INTO ledger_node (ledger_id, level, idx, hash) SELECT '500101', l, i, h FROM unnest($1::smallint[], $2::bigint[], $3::bytea[]) AS t(l, i, h)`,
      [nodes.map((x) => x[0]), nodes.map((x) => String(x[1])), nodes.map((x) => x[2])],
    );
    await t.tamper('DELETE FROM witness_cosignature');
    await t.tamper('DELETE FROM ledger_checkpoint');
    const resigned = await district.gql<{ createCheckpoint: { treeSize: number } }>(
      'mutation { createCheckpoint { treeSize } }',
    );
    expect(resigned.errors).toBeUndefined();
    expect(resigned.data!.createCheckpoint.treeSize).toBe(n);
    expect(
      (await auditor.gql<{ verifyLedger: { ok: boolean } }>('{ verifyLedger { ok } }')).data!.verifyLedger.ok,
    ).toBe(true);

    // Every witness refuses the rewritten checkpoint: the pulling ones, and the one the server pushes to.
    for (const w of ['a', 'b']) {
      const res = await cli(['cosign', '--dir', dirs[w], '--server', 'http://registry.test']);
      expect(res.code).toBe(1);
      expect(res.out).toMatch(/REFUSED — refused \(409\): the log forked: size \d+ was cosigned with root/);
    }
    const server = serveWitness(openWitness(dirs.c));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const [{ url: registered }] = await t.sql<{ url: string }>('SELECT url FROM witness WHERE id = $1', [
      ids.c,
    ]);
    try {
      // The witness moved to another port (its address is not part of what it signs).
      await t.sql('UPDATE witness SET url = $1 WHERE id = $2', [
        `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        ids.c,
      ]);
      // Asked in Chinese: the outcome and the witness's own words, quoted as it said them.
      const pushed = await t.inLanguage('zh-CN', () =>
        district.gql<{
          requestCosignatures: Array<{ status: number; outcome: string; detail: string; message: string }>;
        }>('mutation { requestCosignatures { status outcome detail message } }'),
      );
      // It cosigned an earlier size: the proof from there does not lead to the rewritten root.
      const [answer] = pushed.data!.requestCosignatures;
      expect(answer).toMatchObject({
        status: 422,
        outcome: 'REFUSED',
        detail: expect.stringMatching(/^not consistent with the checkpoint cosigned before/),
      });
      expect(answer.message).toBe(`拒绝联署（状态 422），见证人原文：“${answer.detail}”`);
    } finally {
      await new Promise((r) => server.close(r));
    }
    const refused = await flags('WITNESS_REFUSED');
    expect(refused.map((f) => f.code).sort()).toEqual([
      'a.township.example/witness',
      'b.township.example/witness',
      'c.district.example/witness',
    ]);
    expect(refused.find((f) => f.code === 'a.township.example/witness')!.name).toMatch(
      /^Witness a\.township\.example\/witness refused the checkpoint at size \d+ \(status 409\): the witness said “the log forked/,
    );
    // In Chinese, the witness's own words are quoted and labelled as such.
    const refusedZh = await t.inLanguage('zh-CN', () => flags('WITNESS_REFUSED'));
    expect(refusedZh.find((f) => f.code === 'a.township.example/witness')!.name).toMatch(
      /^见证人 a\.township\.example\/witness 拒绝联署规模 \d+ 的检查点（状态 409），见证人原文：“the log forked: [^”]+”$/,
    );
    expect((await latest()).witnessing).toMatchObject({ validCosignatures: 0, reached: false });

    // A bundle exported after the rewrite verifies with the log key alone, and fails against the policy.
    const region =
      JSON.parse(canonical.toString()).entityType === 'Region' ? String(doc.entityId) : '500101155401';
    const bundle = await exportBundle(region);
    expect(verifyBundle(bundle, { trustedVerifierKeys: [ledgerKey] }).ok).toBe(true);
    const result = verifyBundle(bundle, { witnessPolicy: await policyText() });
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.message).join('\n')).toMatch(/fewer than its quorum of 2/);
    await t.sql('UPDATE witness SET url = $1 WHERE id = $2', [registered, ids.c]); // as it was registered
  });
});
