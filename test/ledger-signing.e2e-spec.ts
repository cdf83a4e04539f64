import { createHash } from 'node:crypto';
import { errorCode, errorReason, TestApp } from './support/test-app';

interface Verification {
  ok: boolean;
  treeSize: number;
  firstBadIndex: number | null;
  problems: Array<{ index: number | null; kind: string; message: string }>;
}

interface FlagRecord {
  entityId: string;
  code: string;
  name: string;
  regionCode: string;
}

const VERIFY = '{ verifyLedger { ok treeSize firstBadIndex problems { index kind message } } }';
const CHECKPOINT = 'mutation { createCheckpoint { treeSize } }';
const FLAGS =
  'query($r: String) { redFlags(regionCode: $r, kinds: [LEDGER_INTEGRITY]) { flags { kind count records { entityId code name regionCode } } } }';

const leafHashOf = (bytes: Buffer): Buffer =>
  createHash('sha256')
    .update(Buffer.from([0]))
    .update(bytes)
    .digest();

/**
 * Nothing is signed that was not checked. Someone with superuser access to the database (but not the
 * signing key) forges or damages what the next checkpoint would cover; createCheckpoint, exportEvidence
 * and the automatic checkpoint must refuse to sign it and raise a red flag. And a deleted checkpoint row
 * is noticed.
 */
describe('checkpoints are signed only after checking (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let auditor: string;
  let district: string;
  let villages = 0;

  const verify = async (): Promise<Verification> =>
    (await t.gql<{ verifyLedger: Verification }>(VERIFY, {}, auditor)).data!.verifyLedger;
  const checkpointCount = async (): Promise<number> =>
    Number((await t.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_checkpoint'))[0].n);
  const size = async (): Promise<number> =>
    Number((await t.sql<{ n: string }>('SELECT coalesce(max(idx) + 1, 0) AS n FROM ledger_entry'))[0].n);
  const newVillage = async (): Promise<string> => {
    villages += 1;
    const code = `5001011544${String(villages).padStart(2, '0')}`;
    const res = await t.gql(
      'mutation($c: String!) { createRegion(code: $c, name: "签署测试村", parentCode: "500101154") { code } }',
      { c: code },
      admin,
    );
    expect(res.errors).toBeUndefined();
    return code;
  };
  const ledgerFlags = async (token: string, region?: string): Promise<FlagRecord[]> => {
    const res = await t.gql<{ redFlags: { flags: Array<{ records: FlagRecord[] }> } }>(
      FLAGS,
      region ? { r: region } : {},
      token,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.redFlags.flags[0].records;
  };

  /** A well-formed entry at `index` copied from the last one, for a village that does not exist. */
  async function forgeTail(index: number): Promise<void> {
    const [last] = await t.sql<{ canonical: Buffer }>('SELECT canonical FROM ledger_entry WHERE idx = $1', [
      index - 1,
    ]);
    const doc = JSON.parse(last.canonical.toString()) as Record<string, unknown>;
    doc.index = index;
    doc.entityId = '500101154499';
    doc.after = { ...(doc.after as object), code: '500101154499', name: '伪造村' };
    const canonical = Buffer.from(JSON.stringify(sortKeys(doc)));
    const leaf = leafHashOf(canonical);
    await t.tamper(
      `INSERT INTO ledger_entry SELECT ledger_id, $1, $2, $3, signature, action, entity_type, $4, region_code,
              actor_id, request_id, recorded_at FROM ledger_entry WHERE idx = $5`,
      [index, leaf, canonical, '500101154499', index - 1],
    );
    // The subtrees it completes, as the app would write them: the forgery is complete and consistent.
    const nodes = await t.sql<{ level: number; idx: string; hash: Buffer }>(
      'SELECT level, idx, hash FROM ledger_node',
    );
    const stored = new Map(nodes.map((n) => [`${n.level}/${n.idx}`, n.hash]));
    let hash = leaf;
    let i = index;
    await t.tamper('INSERT INTO ledger_node (ledger_id, level, idx, hash) VALUES ($1, 0, $2, $3)', [
      '500101',
      index,
      leaf,
    ]);
    for (let level = 1; i % 2 === 1; level++) {
      const left = stored.get(`${level - 1}/${i - 1}`)!;
      hash = createHash('sha256')
        .update(Buffer.from([1]))
        .update(left)
        .update(hash)
        .digest();
      i = Math.floor(i / 2);
      await t.tamper('INSERT INTO ledger_node (ledger_id, level, idx, hash) VALUES ($1, $2, $3, $4)', [
        '500101',
        level,
        i,
        hash,
      ]);
    }
  }
  async function removeTail(from: number): Promise<void> {
    await t.tamper('DELETE FROM ledger_entry WHERE idx >= $1', [from]);
    await t.tamper('DELETE FROM ledger_node WHERE ((idx + 1) << level) - 1 >= $1', [from]);
  }

  beforeAll(async () => {
    t = await TestApp.start({ env: { CHECKPOINT_EVERY_ENTRIES: '100000' } });
    admin = await t.token('admin');
    auditor = await t.token('auditor');
    district = await t.token('district');
    await newVillage();
    expect((await t.gql(CHECKPOINT, {}, admin)).errors).toBeUndefined();
    expect((await verify()).ok).toBe(true);
    expect(await ledgerFlags(district)).toEqual([]);
  });
  afterAll(() => t.close());

  it('a forged entry after the latest checkpoint: createCheckpoint refuses to sign it and raises a red flag', async () => {
    const n = await size();
    const before = await checkpointCount();
    await forgeTail(n);
    const res = await t.gql(CHECKPOINT, {}, admin);
    expect(errorCode(res)).toBe('CONFLICT');
    expect(errorReason(res)).toBe('LEDGER_INTEGRITY');
    expect(res.errors![0].message).toMatch(new RegExp(`entry ${n}: signature does not verify`));
    expect(await checkpointCount()).toBe(before);

    // exportEvidence needs a checkpoint covering the forged entry: refused too.
    const evidence = await t.gql(
      '{ exportEvidence(entityType: "Region", entityId: "500101154499") }',
      {},
      auditor,
    );
    expect(errorReason(evidence)).toBe('LEDGER_INTEGRITY');
    expect(await checkpointCount()).toBe(before);

    // The district and the auditors see it; a township does not (it is not theirs to judge).
    const flags = await ledgerFlags(district);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ code: 'SIGNATURE', regionCode: '500101' });
    expect(flags[0].name).toContain(`entry ${n}: signature does not verify`);
    // Said in Chinese from the alarm's kind and index (the stored alarm is English and never changes).
    const [zh] = await t.inLanguage('zh-CN', () => ledgerFlags(district));
    expect(zh.name).toBe(
      `账本校验未通过，拒绝签署规模 ${n + 1} 的检查点（最新检查点规模 ${n}）：条目签名无效（条目序号 ${n}）`,
    );
    expect(await ledgerFlags(auditor)).toHaveLength(1);
    expect(await ledgerFlags(await t.token('longju'))).toEqual([]);

    await removeTail(n);
    expect((await t.gql(CHECKPOINT, {}, admin)).errors).toBeUndefined(); // nothing new: the latest
    await newVillage();
    const signed = await t.gql<{ createCheckpoint: { treeSize: number } }>(CHECKPOINT, {}, admin);
    expect(signed.data!.createCheckpoint.treeSize).toBe(n + 1);
  });

  it('an edited subtree after the latest checkpoint, or on its right edge: refused', async () => {
    await newVillage();
    const n = await size();
    const [leafNode] = await t.sql<{ hash: Buffer }>(
      'SELECT hash FROM ledger_node WHERE level = 0 AND idx = $1',
      [n - 1],
    );
    const bad = Buffer.from(leafNode.hash);
    bad[0] ^= 0xff;
    await t.tamper('UPDATE ledger_node SET hash = $1 WHERE level = 0 AND idx = $2', [bad, n - 1]);
    const res = await t.gql(CHECKPOINT, {}, admin);
    expect(errorReason(res)).toBe('LEDGER_INTEGRITY');
    expect(res.errors![0].message).toContain('stored subtree 0/');
    await t.tamper('UPDATE ledger_node SET hash = $1 WHERE level = 0 AND idx = $2', [leafNode.hash, n - 1]);
    expect((await t.gql(CHECKPOINT, {}, admin)).errors).toBeUndefined();

    // The right edge of the latest checkpoint (the stored subtrees the next root is built on).
    await newVillage();
    // The largest perfect subtree of the latest checkpoint's size: always one of its right-edge pieces.
    const [latest] = await t.sql<{ tree_size: string }>(
      'SELECT max(tree_size) AS tree_size FROM ledger_checkpoint',
    );
    const level = Math.floor(Math.log2(Number(latest.tree_size)));
    const [edge] = await t.sql<{ level: number; idx: string; hash: Buffer }>(
      'SELECT level, idx, hash FROM ledger_node WHERE level = $1 AND idx = 0',
      [level],
    );
    const worse = Buffer.from(edge.hash);
    worse[5] ^= 0x01;
    await t.tamper('UPDATE ledger_node SET hash = $1 WHERE level = $2 AND idx = $3', [
      worse,
      edge.level,
      edge.idx,
    ]);
    const refused = await t.gql(CHECKPOINT, {}, admin);
    expect(errorReason(refused)).toBe('LEDGER_INTEGRITY');
    await t.tamper('UPDATE ledger_node SET hash = $1 WHERE level = $2 AND idx = $3', [
      edge.hash,
      edge.level,
      edge.idx,
    ]);
    expect((await t.gql(CHECKPOINT, {}, admin)).errors).toBeUndefined();
    expect((await verify()).ok).toBe(true);
  });

  it('the tail cut off behind the latest checkpoint: refused, not answered with the old checkpoint', async () => {
    await newVillage();
    expect((await t.gql(CHECKPOINT, {}, admin)).errors).toBeUndefined();
    const n = await size();
    const [tail] = await t.sql<Record<string, unknown>>('SELECT * FROM ledger_entry WHERE idx = $1', [n - 1]);
    await t.tamper('DELETE FROM ledger_entry WHERE idx = $1', [n - 1]);
    const res = await t.gql(CHECKPOINT, {}, admin);
    expect(errorReason(res)).toBe('LEDGER_INTEGRITY');
    expect(res.errors![0].message).toContain('its tail was cut off');
    const cols = Object.keys(tail);
    await t.tamper(
      `INSERT INTO ledger_entry (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
      cols.map((c) => tail[c]),
    );
    expect((await verify()).ok).toBe(true);
  });

  it('a cut tail is noticed on the checkpoint timer, without anyone asking', async () => {
    await newVillage();
    expect((await t.gql(CHECKPOINT, {}, admin)).errors).toBeUndefined();
    const n = await size();
    const [tail] = await t.sql<Record<string, unknown>>('SELECT * FROM ledger_entry WHERE idx = $1', [n - 1]);
    await t.tamper('DELETE FROM ledger_entry WHERE idx = $1', [n - 1]);
    const timed = await t.sibling({ CHECKPOINT_EVERY_SECONDS: '1' });
    try {
      const expected = `the ledger holds ${n - 1} entries but its latest checkpoint was signed at size ${n}`;
      let found: FlagRecord | undefined;
      for (let i = 0; i < 50 && !found; i++) {
        await new Promise((r) => setTimeout(r, 100));
        found = (await ledgerFlags(district)).find(
          (f) => f.code === 'TRUNCATED' && f.name.includes(expected),
        );
      }
      expect(found?.name).toContain(expected);
    } finally {
      await timed.close({ checkLedger: false });
      const cols = Object.keys(tail);
      await t.tamper(
        `INSERT INTO ledger_entry (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
        cols.map((c) => tail[c]),
      );
    }
    expect((await verify()).ok).toBe(true);
  });

  it('a deleted checkpoint row is noticed by verifyLedger and by the next checkpoint', async () => {
    for (let i = 0; i < 3; i++) {
      await newVillage();
      expect((await t.gql(CHECKPOINT, {}, admin)).errors).toBeUndefined();
    }
    const rows = await t.sql<Record<string, unknown>>('SELECT * FROM ledger_checkpoint ORDER BY tree_size');
    const middle = rows[rows.length - 2];
    await t.tamper('DELETE FROM ledger_checkpoint WHERE tree_size = $1', [middle.tree_size]);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.kind)).toContain('CHECKPOINT_MISSING');

    await newVillage();
    const res = await t.gql(CHECKPOINT, {}, admin);
    expect(errorReason(res)).toBe('LEDGER_INTEGRITY');
    expect(res.errors![0].message).toMatch(/missing/);

    // Renumbering the rows around the gap does not help: the links are signed.
    const last = rows[rows.length - 1];
    await t.tamper('UPDATE ledger_checkpoint SET seq = seq - 1 WHERE tree_size = $1', [last.tree_size]);
    const renumbered = await verify();
    expect(renumbered.problems.map((p) => p.kind)).toContain('CHECKPOINT_LINK');
    await t.tamper('UPDATE ledger_checkpoint SET seq = seq + 1 WHERE tree_size = $1', [last.tree_size]);

    const cols = Object.keys(middle);
    await t.tamper(
      `INSERT INTO ledger_checkpoint (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
      cols.map((c) => middle[c]),
    );
    expect((await verify()).ok).toBe(true);
    expect((await t.gql(CHECKPOINT, {}, admin)).errors).toBeUndefined();
  });

  it('the automatic checkpoint refuses a forged tail too, and says so', async () => {
    const auto = await t.sibling({ CHECKPOINT_EVERY_ENTRIES: '1' });
    try {
      const n = await size();
      const flagsBefore = (await ledgerFlags(district)).length;
      await forgeTail(n);
      // The next change appends after the forged entry; the checkpoint after its commit is refused.
      const res = await auto.gql(
        'mutation { createRegion(code: "500101154498", name: "自动检查村", parentCode: "500101154") { code } }',
        {},
        await auto.token('admin'),
      );
      expect(res.errors).toBeUndefined();
      // The checkpoint runs in the background after the commit: wait for its alarm.
      let flags = await ledgerFlags(district);
      for (let i = 0; i < 50 && flags.length === flagsBefore; i++) {
        await new Promise((r) => setTimeout(r, 100));
        flags = await ledgerFlags(district);
      }
      expect(flags.length).toBe(flagsBefore + 1);
      expect(flags[0].name).toContain(`entry ${n}: signature does not verify`);
      const [{ signed }] = await t.sql<{ signed: string }>(
        'SELECT count(*) AS signed FROM ledger_checkpoint WHERE tree_size > $1',
        [n],
      );
      expect(Number(signed)).toBe(0);
      const result = await verify();
      expect(result.firstBadIndex).toBe(n);
      // Undo: remove the forged entry and what came after it (the region too), so the file ends sound.
      await removeTail(n);
      await t.tamper(`DELETE FROM region WHERE code = '500101154498'`);
      expect((await verify()).ok).toBe(true);
    } finally {
      await auto.close({ checkLedger: false });
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
