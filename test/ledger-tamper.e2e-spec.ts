import { createHash } from 'node:crypto';
import { LedgerVerificationService } from '@/ledger/ledger-verification.service';
import { TestApp } from './support/test-app';

interface Verification {
  ok: boolean;
  treeSize: number;
  firstBadIndex: number | null;
  problems: Array<{ index: number | null; kind: string; message: string }>;
}

interface Difference {
  entityType: string;
  entityId: string;
  kind: string;
  fields: string[];
}

const VERIFY = '{ verifyLedger { ok treeSize firstBadIndex problems { index kind message } } }';
const RECONCILE = '{ reconcile { ok differences { entityType entityId kind fields } } }';

/**
 * Someone with superuser access disables the triggers and edits the ledger or the business tables
 * behind the app's back. `verifyLedger` must name the first bad index; `reconcile` every edited row.
 * Each case is undone afterwards (the ledger is then ok again, which also proves the check is precise).
 */
describe('tampering is detected (e2e)', () => {
  let t: TestApp;
  let auditor: string;
  let size: number;

  const verify = async (): Promise<Verification> =>
    (await t.gql<{ verifyLedger: Verification }>(VERIFY, {}, auditor)).data!.verifyLedger;
  const reconcile = async (): Promise<{ ok: boolean; differences: Difference[] }> =>
    (await t.gql<{ reconcile: { ok: boolean; differences: Difference[] } }>(RECONCILE, {}, auditor)).data!
      .reconcile;

  async function row(index: number) {
    const [r] = await t.sql<Record<string, unknown>>('SELECT * FROM ledger_entry WHERE idx = $1', [index]);
    return r;
  }
  async function restore(r: Record<string, unknown>) {
    await t.tamper('DELETE FROM ledger_entry WHERE idx = $1', [r.idx]);
    const cols = Object.keys(r);
    await t.tamper(
      `INSERT INTO ledger_entry (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
      cols.map((c) => r[c]),
    );
  }

  beforeAll(async () => {
    t = await TestApp.start();
    auditor = await t.token('auditor');
    const admin = await t.token('admin');
    for (let i = 1; i <= 3; i++) {
      await t.gql(
        'mutation($c: String!) { createRegion(code: $c, name: "篡改测试村", parentCode: "500101156") { code } }',
        { c: `50010115630${i}` },
        admin,
      );
    }
    await t.gql('mutation { createCheckpoint { treeSize } }', {}, admin);
    size = (await verify()).treeSize;
    expect((await verify()).ok).toBe(true);
  });
  afterAll(() => t.close({ checkLedger: false })); // the business rows stay tampered

  it('one changed byte in an entry', async () => {
    const target = 20;
    const original = await row(target);
    const bytes = Buffer.from(original.canonical as Buffer);
    bytes[bytes.indexOf('"name":"') + 8] ^= 0x01;
    await t.tamper('UPDATE ledger_entry SET canonical = $1 WHERE idx = $2', [bytes, target]);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstBadIndex).toBe(target);
    expect(result.problems.map((p) => p.kind)).toContain('LEAF_HASH');

    // Also recomputing the leaf hash does not help: the signature and the checkpoint still catch it.
    const leaf = createHash('sha256')
      .update(Buffer.from([0]))
      .update(bytes)
      .digest();
    await t.tamper('UPDATE ledger_entry SET leaf_hash = $1 WHERE idx = $2', [leaf, target]);
    const again = await verify();
    expect(again.firstBadIndex).toBe(target);
    expect(again.problems.map((p) => p.kind)).toEqual(
      expect.arrayContaining(['SIGNATURE', 'CHECKPOINT_ROOT']),
    );
    await restore(original);
    expect((await verify()).ok).toBe(true);
  });

  it('a deleted entry', async () => {
    const target = 30;
    const original = await row(target);
    await t.tamper('DELETE FROM ledger_entry WHERE idx = $1', [target]);
    const result = await verify();
    expect(result.firstBadIndex).toBe(target);
    expect(result.problems[0].kind).toBe('GAP');
    await restore(original);
    expect((await verify()).ok).toBe(true);
  });

  it('two swapped entries', async () => {
    const [i, j] = [12, 40];
    const a = await row(i);
    const b = await row(j);
    await restore({ ...b, idx: a.idx });
    await restore({ ...a, idx: b.idx });
    const result = await verify();
    expect(result.firstBadIndex).toBe(i);
    expect(result.problems.filter((p) => p.index === i).map((p) => p.kind)).toContain('POSITION');
    await restore(a);
    await restore(b);
    expect((await verify()).ok).toBe(true);
  });

  it('a forged entry appended at the end', async () => {
    const last = await row(size - 1);
    const doc = JSON.parse((last.canonical as Buffer).toString());
    doc.index = size;
    doc.entityId = '500101156399';
    doc.after = { ...doc.after, code: '500101156399', name: '伪造村' };
    const canonical = Buffer.from(JSON.stringify(sortKeys(doc)));
    const leaf = createHash('sha256')
      .update(Buffer.from([0]))
      .update(canonical)
      .digest();
    await t.tamper(
      'INSERT INTO ledger_entry SELECT ledger_id, $1, $2, $3, signature, action, entity_type, $4, region_code, actor_id, request_id, recorded_at FROM ledger_entry WHERE idx = $5',
      [size, leaf, canonical, '500101156399', size - 1],
    );
    await t.tamper('INSERT INTO ledger_node (ledger_id, level, idx, hash) VALUES ($1, 0, $2, $3)', [
      '500101',
      size,
      leaf,
    ]);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstBadIndex).toBe(size);
    expect(result.problems.map((p) => p.kind)).toContain('SIGNATURE');
    await t.tamper('DELETE FROM ledger_entry WHERE idx = $1', [size]);
    await t.tamper('DELETE FROM ledger_node WHERE level = 0 AND idx = $1', [size]);
    expect((await verify()).ok).toBe(true);
  });

  it('the tail cut off behind the latest checkpoint', async () => {
    const tail = [await row(size - 2), await row(size - 1)];
    await t.tamper('DELETE FROM ledger_entry WHERE idx >= $1', [size - 2]);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.treeSize).toBe(size - 2);
    expect(result.firstBadIndex).toBe(size - 2);
    expect(result.problems.map((p) => p.kind)).toContain('TRUNCATED');
    for (const r of tail) await restore(r);
    expect((await verify()).ok).toBe(true);
  });

  it('a changed stored subtree hash (which proofs are built from)', async () => {
    const [node] = await t.sql<{ level: number; idx: string; hash: Buffer }>(
      'SELECT level, idx, hash FROM ledger_node WHERE level = 3 ORDER BY idx LIMIT 1 OFFSET 1',
    );
    const bad = Buffer.from(node.hash);
    bad[0] ^= 0xff;
    await t.tamper('UPDATE ledger_node SET hash = $1 WHERE level = $2 AND idx = $3', [
      bad,
      node.level,
      node.idx,
    ]);
    const result = await verify();
    expect(result.firstBadIndex).toBe(Number(node.idx) * 8);
    expect(result.problems.map((p) => p.kind)).toContain('NODE_HASH');
    await t.tamper('UPDATE ledger_node SET hash = $1 WHERE level = $2 AND idx = $3', [
      node.hash,
      node.level,
      node.idx,
    ]);
    expect((await verify()).ok).toBe(true);
  });

  it('a query column changed (the entry hidden from its region, or moved to another record)', async () => {
    const target = 25;
    const original = await row(target);
    await t.tamper('UPDATE ledger_entry SET region_code = $1 WHERE idx = $2', ['500101999', target]);
    const result = await verify();
    expect(result.firstBadIndex).toBe(target);
    expect(result.problems.map((p) => p.kind)).toEqual(['COLUMN']);
    expect(result.problems[0].message).toContain('column region_code');
    await restore(original);
    expect((await verify()).ok).toBe(true);
  });

  it('a stored subtree deleted', async () => {
    const [node] = await t.sql<{ level: number; idx: string; hash: Buffer }>(
      'SELECT level, idx, hash FROM ledger_node WHERE level = 1 ORDER BY idx LIMIT 1 OFFSET 3',
    );
    await t.tamper('DELETE FROM ledger_node WHERE level = $1 AND idx = $2', [node.level, node.idx]);
    const result = await verify();
    expect(result.problems.map((p) => p.kind)).toContain('NODE_MISSING');
    expect(result.firstBadIndex).toBe(Number(node.idx) * 2 + 1);
    await t.tamper('INSERT INTO ledger_node (ledger_id, level, idx, hash) VALUES ($1, $2, $3, $4)', [
      '500101',
      node.level,
      node.idx,
      node.hash,
    ]);
    expect((await verify()).ok).toBe(true);
  });

  it("a checkpoint's columns or its note changed, or its link removed", async () => {
    const [cp] = await t.sql<{
      tree_size: string;
      root_hash: Buffer;
      note: string;
      seq: string;
      link: Buffer;
    }>('SELECT tree_size, root_hash, note, seq, link FROM ledger_checkpoint ORDER BY tree_size DESC LIMIT 1');
    const bad = Buffer.from(cp.root_hash);
    bad[0] ^= 1;
    await t.tamper('UPDATE ledger_checkpoint SET root_hash = $1 WHERE tree_size = $2', [bad, cp.tree_size]);
    expect((await verify()).problems.map((p) => p.kind)).toContain('CHECKPOINT_COLUMNS');
    await t.tamper('UPDATE ledger_checkpoint SET root_hash = $1, note = $2 WHERE tree_size = $3', [
      cp.root_hash,
      cp.note.replace(/\n(\d+)\n/, (_m, n: string) => `\n${Number(n) + 1}\n`),
      cp.tree_size,
    ]);
    expect((await verify()).problems.map((p) => p.kind)).toContain('CHECKPOINT_SIGNATURE');
    await t.tamper('UPDATE ledger_checkpoint SET note = $1, seq = NULL, link = NULL WHERE tree_size = $2', [
      cp.note,
      cp.tree_size,
    ]);
    expect((await verify()).problems.map((p) => p.kind)).toContain('CHECKPOINT_UNLINKED');
    await t.tamper('UPDATE ledger_checkpoint SET seq = $1, link = $2 WHERE tree_size = $3', [
      cp.seq,
      cp.link,
      cp.tree_size,
    ]);
    expect((await verify()).ok).toBe(true);
  });

  it('reconcile names rows edited, inserted and deleted behind the ledger', async () => {
    expect((await reconcile()).ok).toBe(true);
    await t.tamper(`UPDATE app_user SET role = 'ADMIN', region_code = '500101' WHERE username = 'wutong'`);
    await t.tamper(
      `INSERT INTO region (code, name, level, parent_code) VALUES ('500101156388', '暗增村', 'VILLAGE', '500101156')`,
    );
    await t.tamper(`DELETE FROM region WHERE code = '500101156303'`);
    const result = await reconcile();
    expect(result.ok).toBe(false);
    const [wutong] = await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE username = 'wutong'`);
    expect(result.differences).toEqual(
      expect.arrayContaining([
        { entityType: 'User', entityId: wutong.id, kind: 'EDITED', fields: ['regionCode', 'role'] },
        { entityType: 'Region', entityId: '500101156388', kind: 'INSERTED', fields: [] },
        { entityType: 'Region', entityId: '500101156303', kind: 'DELETED', fields: [] },
      ]),
    );
    expect(result.differences).toHaveLength(3);
    // The ledger itself was not touched: it still verifies.
    expect((await verify()).ok).toBe(true);
  });

  it('reconcile reads rows and ledger ids a page at a time; an id its table cannot hold counts as gone', async () => {
    const earlier = (await reconcile()).differences;
    // Pages of 2: every subject's rows and the ledger's entity ids take many pages.
    t.app.get(LedgerVerificationService).reconcilePage = 2;
    try {
      expect((await reconcile()).differences).toEqual(earlier);
      const users = await t.sql<Record<string, unknown>>(
        `SELECT * FROM app_user WHERE username <> 'wutong' ORDER BY username LIMIT 2`,
      );
      const [gone, renamed] = users;
      await t.tamper('DELETE FROM app_user WHERE id = $1', [gone.id]);
      // The latest entry of another user now names an entity id that is not a UUID (the key's type).
      const [latest] = await t.sql<{ idx: string }>(
        `SELECT idx FROM ledger_entry WHERE entity_type = 'User' AND entity_id = $1 ORDER BY idx DESC LIMIT 1`,
        [renamed.id],
      );
      const saved = await row(Number(latest.idx));
      await t.tamper(`UPDATE ledger_entry SET entity_id = 'not-a-uuid' WHERE idx = $1`, [latest.idx]);
      try {
        const result = await reconcile();
        expect(result.ok).toBe(false);
        expect(result.differences).toEqual(
          expect.arrayContaining([
            ...earlier,
            { entityType: 'User', entityId: gone.id, kind: 'DELETED', fields: [] },
            { entityType: 'User', entityId: 'not-a-uuid', kind: 'DELETED', fields: [] },
          ]),
        );
        // The renamed entry's user is now compared with its entry before (or none): named once too.
        const others = result.differences.filter((d) => d.entityId === renamed.id);
        expect(others).toHaveLength(1);
        expect(result.differences).toHaveLength(earlier.length + 3);
      } finally {
        await restore(saved);
        const cols = Object.keys(gone);
        await t.tamper(
          `INSERT INTO app_user (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
          cols.map((c) => gone[c]),
        );
      }
      expect((await reconcile()).differences).toEqual(earlier);
    } finally {
      t.app.get(LedgerVerificationService).reconcilePage = 1000;
    }
  });
});

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
