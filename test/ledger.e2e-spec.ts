import { createHash } from 'node:crypto';
import { verifyBundle } from '@/ledger/bundle/evidence-bundle';
import { openCheckpoint } from '@/ledger/note/checkpoint';
import { parseVerifierKey } from '@/ledger/note/keys';
import { verifyConsistency, verifyInclusion } from '@/ledger/merkle/tree';
import { LedgerSubjectRegistry } from '@/ledger/ledger-subject.registry';
import { LEDGER_ENTITY_TYPE_LABELS } from '@/ledger/ledger-labels';
import { entityTypeLabels } from '../web/src/shared/labels/ledger';
import { errorCode, errorFields, TestApp } from './support/test-app';

const b64 = (s: string): Buffer => Buffer.from(s, 'base64');

describe('the audit ledger (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let auditor: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.token('admin');
    auditor = await t.token('auditor');
    for (let i = 1; i <= 5; i++) {
      const res = await t.gql(
        'mutation($c: String!) { createRegion(code: $c, name: "账本测试村", parentCode: "500101155") { code } }',
        { c: `5001011552${String(i).padStart(2, '0')}` },
        admin,
      );
      expect(res.errors).toBeUndefined();
    }
  });
  afterAll(() => t.close());

  it('numbers entries 0..n-1 and stores exactly the canonical bytes that were hashed', async () => {
    const rows = await t.sql<{ idx: string; leaf_hash: Buffer; canonical: Buffer }>(
      'SELECT idx, leaf_hash, canonical FROM ledger_entry ORDER BY idx',
    );
    rows.forEach((row, i) => {
      expect(Number(row.idx)).toBe(i);
      const leaf = createHash('sha256')
        .update(Buffer.from([0]))
        .update(row.canonical)
        .digest();
      expect(row.leaf_hash.equals(leaf)).toBe(true);
      expect(JSON.parse(row.canonical.toString()).index).toBe(i);
    });
    const res = await t.gql<{
      ledgerEntry: {
        index: number;
        leafHash: string;
        canonical: string;
        action: string;
        entityId: string;
        actor: { username: string; role: string };
        after: { name: string };
      };
    }>(
      'query($i: Int!) { ledgerEntry(index: $i) { index leafHash canonical action entityId actor { username role } after } }',
      { i: rows.length - 1 },
      auditor,
    );
    const entry = res.data!.ledgerEntry;
    expect(entry).toMatchObject({
      index: rows.length - 1,
      action: 'REGION_CREATED',
      entityId: '500101155205',
    });
    expect(entry.actor).toEqual({ username: 'admin', role: 'ADMIN' });
    expect(entry.after.name).toBe('账本测试村');
    const leaf = createHash('sha256')
      .update(Buffer.from([0]))
      .update(Buffer.from(entry.canonical, 'utf8'))
      .digest();
    expect(entry.leafHash).toBe(leaf.toString('base64'));
  });

  it('filters entries and pages through them with cursors', async () => {
    const q = `query($f: LedgerEntryFilter, $after: String) {
      ledgerEntries(filter: $f, first: 2, after: $after) { totalCount edges { node { index entityId } } pageInfo { hasNextPage endCursor } }
    }`;
    type R = {
      ledgerEntries: {
        totalCount: number;
        edges: Array<{ node: { index: number; entityId: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const ids: string[] = [];
    let after: string | undefined;
    for (;;) {
      const res = await t.gql<R>(
        q,
        { f: { regionCode: '500101155', action: 'REGION_CREATED' }, after },
        auditor,
      );
      expect(res.data!.ledgerEntries.totalCount).toBe(6); // the township itself and 5 villages
      ids.push(...res.data!.ledgerEntries.edges.map((e) => e.node.entityId));
      if (!res.data!.ledgerEntries.pageInfo.hasNextPage) break;
      after = res.data!.ledgerEntries.pageInfo.endCursor;
    }
    expect(ids).toEqual([
      '500101155',
      '500101155201',
      '500101155202',
      '500101155203',
      '500101155204',
      '500101155205',
    ]);
    const history = await t.gql<{ history: Array<{ action: string }> }>(
      '{ history(entityType: "Region", entityId: "500101155203") { action index } }',
      {},
      auditor,
    );
    expect(history.data!.history.map((h) => h.action)).toEqual(['REGION_CREATED']);
  });

  it("pages newest first with direction: DESC, within the caller's region", async () => {
    type R = {
      ledgerEntries: {
        edges: Array<{ node: { index: number; regionCode: string | null } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const q = `query($f: LedgerEntryFilter, $after: String, $d: OrderDirection) {
      ledgerEntries(filter: $f, first: 3, after: $after, direction: $d) {
        edges { node { index regionCode } } pageInfo { hasNextPage endCursor } } }`;
    const [{ size }] = await t.sql<{ size: string }>('SELECT count(*) AS size FROM ledger_entry');
    const newest = await t.gql<R>(q, { d: 'DESC' }, auditor);
    expect(newest.errors).toBeUndefined();
    const top = Number(size) - 1;
    expect(newest.data!.ledgerEntries.edges.map((e) => e.node.index)).toEqual([top, top - 1, top - 2]);
    const next = await t.gql<R>(
      q,
      { d: 'DESC', after: newest.data!.ledgerEntries.pageInfo.endCursor },
      auditor,
    );
    expect(next.data!.ledgerEntries.edges.map((e) => e.node.index)).toEqual([top - 3, top - 4, top - 5]);
    // The six villages' entries of this file, newest first.
    const villages = await t.gql<R>(
      q,
      { f: { regionCode: '500101155', action: 'REGION_CREATED' }, d: 'DESC' },
      auditor,
    );
    const indexes = villages.data!.ledgerEntries.edges.map((e) => e.node.index);
    expect(indexes).toEqual([...indexes].sort((a, b) => b - a));
    // A township officer's newest entries are those of the township, not the district's latest.
    const officer = await t.gql<R>(q, { d: 'DESC' }, await t.token('longju'));
    expect(officer.errors).toBeUndefined();
    expect(officer.data!.ledgerEntries.edges).toHaveLength(3);
    for (const e of officer.data!.ledgerEntries.edges) expect(e.node.regionCode).toMatch(/^500101151/);
    const bad = await t.gql(q, { d: 'SIDEWAYS' }, auditor);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('serves inclusion and consistency proofs that verify against signed checkpoints', async () => {
    const cp1 = await t.gql<{
      createCheckpoint: { treeSize: number; rootHash: string; note: string; origin: string };
    }>('mutation { createCheckpoint { treeSize rootHash note origin } }', {}, admin);
    expect(cp1.errors).toBeUndefined();
    const key = await t.gql<{ ledgerPublicKey: { verifierKey: string; origin: string } }>(
      '{ ledgerPublicKey { verifierKey origin } }',
      {},
      await t.token('wutong'),
    );
    const verifier = parseVerifierKey(key.data!.ledgerPublicKey.verifierKey);
    const opened = openCheckpoint(cp1.data!.createCheckpoint.note, [verifier]);
    expect(opened.checkpoint.size).toBe(cp1.data!.createCheckpoint.treeSize);
    expect(opened.checkpoint.origin).toBe('wanzhou.asset-registry.example/ledger/500101');
    expect(cp1.data!.createCheckpoint.note.split('\n')[0]).toBe(key.data!.ledgerPublicKey.origin);

    const size1 = cp1.data!.createCheckpoint.treeSize;
    await t.gql(
      'mutation { createRegion(code: "500101155206", name: "后来村", parentCode: "500101155") { code } }',
      {},
      admin,
    );
    const cp2 = await t.gql<{ createCheckpoint: { treeSize: number; rootHash: string } }>(
      'mutation { createCheckpoint { treeSize rootHash } }',
      {},
      admin,
    );
    const size2 = cp2.data!.createCheckpoint.treeSize;
    expect(size2).toBe(size1 + 1);

    const clerk = await t.token('wutong');
    // Any entry's proof: the auditor reads the whole district (a proof follows its entry's scope).
    for (const index of [0, 1, Math.floor(size1 / 2), size1 - 1]) {
      const proof = await t.gql<{ inclusionProof: { leafHash: string; rootHash: string; hashes: string[] } }>(
        'query($i: Int!, $n: Int!) { inclusionProof(index: $i, treeSize: $n) { leafHash rootHash hashes } }',
        { i: index, n: size1 },
        auditor,
      );
      const p = proof.data!.inclusionProof;
      expect(p.rootHash).toBe(cp1.data!.createCheckpoint.rootHash);
      expect(verifyInclusion(index, size1, b64(p.leafHash), p.hashes.map(b64), b64(p.rootHash))).toBe(true);
    }
    const consistency = await t.gql<{
      consistencyProof: { fromRoot: string; toRoot: string; hashes: string[] };
    }>(
      'query($a: Int!, $b: Int!) { consistencyProof(fromSize: $a, toSize: $b) { fromRoot toRoot hashes } }',
      { a: size1, b: size2 },
      clerk,
    );
    const c = consistency.data!.consistencyProof;
    expect(c.fromRoot).toBe(cp1.data!.createCheckpoint.rootHash);
    expect(c.toRoot).toBe(cp2.data!.createCheckpoint.rootHash);
    expect(verifyConsistency(size1, size2, c.hashes.map(b64), b64(c.fromRoot), b64(c.toRoot))).toBe(true);

    const checkpoints = await t.gql<{
      checkpoints: { totalCount: number; edges: Array<{ node: { treeSize: number } }> };
    }>('{ checkpoints { totalCount edges { node { treeSize } } } }', {}, clerk);
    expect(checkpoints.data!.checkpoints.edges.map((e) => e.node.treeSize).slice(0, 2)).toEqual([
      size2,
      size1,
    ]);
    const latest = await t.gql<{ latestCheckpoint: { treeSize: number } }>(
      '{ latestCheckpoint { treeSize } }',
      {},
      clerk,
    );
    expect(latest.data!.latestCheckpoint.treeSize).toBe(size2);
  });

  it('refuses out-of-range indices and sizes with BAD_USER_INPUT', async () => {
    const [{ n }] = await t.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_entry');
    const size = Number(n);
    const cases: Array<[string, Record<string, number>, string]> = [
      ['query($i: Int!) { ledgerEntry(index: $i) { index } }', { i: size }, 'index'],
      ['query($i: Int!) { ledgerEntry(index: $i) { index } }', { i: -1 }, 'index'],
      [
        'query($i: Int!, $n: Int!) { inclusionProof(index: $i, treeSize: $n) { rootHash } }',
        { i: 5, n: 5 },
        'index',
      ],
      [
        'query($i: Int!, $n: Int!) { inclusionProof(index: $i, treeSize: $n) { rootHash } }',
        { i: 0, n: size + 1 },
        'treeSize',
      ],
      [
        'query($a: Int!, $b: Int!) { consistencyProof(fromSize: $a, toSize: $b) { toRoot } }',
        { a: 5, b: 4 },
        'fromSize',
      ],
      [
        'query($a: Int!, $b: Int!) { consistencyProof(fromSize: $a, toSize: $b) { toRoot } }',
        { a: 1, b: size + 1 },
        'toSize',
      ],
      [
        'query($a: Int!, $b: Int!) { consistencyProof(fromSize: $a, toSize: $b) { toRoot } }',
        { a: 0, b: 3 },
        'fromSize',
      ],
    ];
    for (const [query, vars, field] of cases) {
      const res = await t.gql(query, vars, auditor);
      expect({ vars, code: errorCode(res), fields: errorFields(res) }).toEqual({
        vars,
        code: 'BAD_USER_INPUT',
        fields: [field],
      });
    }
  });

  it.each(['ledger', 'ledger_entry', 'ledger_node', 'ledger_checkpoint'])(
    'the database refuses UPDATE, DELETE and TRUNCATE on %s',
    async (table) => {
      const column = table === 'ledger' ? 'origin' : 'ledger_id';
      await expect(t.sql(`UPDATE ${table} SET ${column} = ${column}`)).rejects.toThrow(/append-only/);
      await expect(t.sql(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
      await expect(t.sql(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
    },
  );

  it('a role with only INSERT/SELECT on the ledger cannot rewrite it even without the triggers', async () => {
    const role = `ar_app_${t.databaseName.slice(-10)}`;
    await t.sql(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
    await t.sql(`CREATE ROLE ${role} LOGIN PASSWORD 'app-role-password'`);
    try {
      const { grantAppRole } = await import('@/database/data-source.factory');
      await grantAppRole((sql) => t.sql(sql), role);
      const { Client } = await import('pg');
      const url = new URL(t.databaseUrl);
      url.username = role;
      url.password = 'app-role-password';
      const client = new Client({ connectionString: url.toString() });
      await client.connect();
      try {
        await expect(client.query('SELECT count(*) FROM ledger_entry')).resolves.toBeDefined();
        await expect(client.query('UPDATE region SET name = name WHERE false')).resolves.toBeDefined();
        await expect(client.query('ALTER TABLE ledger_entry DISABLE TRIGGER ALL')).rejects.toThrow(/owner/);
        await expect(client.query('UPDATE ledger_entry SET action = action')).rejects.toThrow(
          /permission denied/,
        );
        await expect(client.query('DELETE FROM ledger_node')).rejects.toThrow(/permission denied/);
        await expect(client.query('TRUNCATE ledger_checkpoint')).rejects.toThrow(/permission denied/);
      } finally {
        await client.end();
      }
    } finally {
      await t.sql(`DROP OWNED BY ${role}`);
      await t.sql(`DROP ROLE ${role}`);
    }
  });

  it('exports an evidence bundle that verifies offline, and fails on any changed byte', async () => {
    const res = await t.gql<{ exportEvidence: Record<string, unknown> }>(
      '{ exportEvidence(entityType: "Region", entityId: "500101155203") }',
      {},
      auditor,
    );
    expect(res.errors).toBeUndefined();
    const bundle = res.data!.exportEvidence;
    const key = (
      await t.gql<{ ledgerPublicKey: { verifierKey: string } }>(
        '{ ledgerPublicKey { verifierKey } }',
        {},
        auditor,
      )
    ).data!.ledgerPublicKey.verifierKey;
    const good = verifyBundle(bundle, { trustedVerifierKeys: [key] });
    expect(good.problems).toEqual([]);
    expect(good.ok).toBe(true);
    expect(good.verifiedEntries).toBe(1);

    const text = JSON.stringify(bundle);
    const positions = [
      text.indexOf('账本'),
      text.indexOf('"leafHash"') + 14,
      text.indexOf('"checkpoint"') + 20,
      text.length - 30,
    ];
    for (const pos of positions) {
      const ch = text[pos];
      const changed = text.slice(0, pos) + (ch === 'A' ? 'B' : 'A') + text.slice(pos + 1);
      let parsed: unknown;
      try {
        parsed = JSON.parse(changed);
      } catch {
        continue; // not JSON any more: the CLI reports that too
      }
      const result = verifyBundle(parsed, { trustedVerifierKeys: [key] });
      expect({ pos, ok: result.ok }).toEqual({ pos, ok: false });
      expect(result.problems[0].path.length).toBeGreaterThan(0);
    }
    const outsider = await t.gql(
      '{ exportEvidence(entityType: "Region", entityId: "500101155203") }',
      {},
      await t.token('daping'),
    );
    expect(errorCode(outsider)).toBe('NOT_FOUND');
    const missing = await t.gql('{ exportEvidence(entityType: "Region", entityId: "nope") }', {}, auditor);
    expect(errorCode(missing)).toBe('NOT_FOUND');
  });

  it('verifyLedger and reconcile are ok', async () => {
    const res = await t.gql<{
      verifyLedger: { ok: boolean; problems: unknown[]; treeSize: number; checkedEntries: number };
      reconcile: { ok: boolean; differences: unknown[] };
    }>(
      '{ verifyLedger { ok treeSize checkedEntries problems { index kind message } } reconcile { ok differences { entityType entityId kind } } }',
      {},
      auditor,
    );
    expect(res.data!.verifyLedger.problems).toEqual([]);
    expect(res.data!.verifyLedger.ok).toBe(true);
    expect(res.data!.verifyLedger.checkedEntries).toBe(res.data!.verifyLedger.treeSize);
    expect(res.data!.reconcile).toEqual({ ok: true, differences: [] });
  });

  it('names every kind of record on the ledger in Chinese in the console and in the dossier (else 其他记录)', () => {
    const kinds = t.app
      .get(LedgerSubjectRegistry)
      .all()
      .map((subject) => subject.entityType);
    expect(kinds.length).toBeGreaterThan(20);
    expect(kinds.filter((kind) => !(kind in entityTypeLabels))).toEqual([]);
    expect(kinds.filter((kind) => !(kind in LEDGER_ENTITY_TYPE_LABELS))).toEqual([]);
  });
});
