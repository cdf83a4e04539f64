import { TestApp } from './support/test-app';

/**
 * Two app instances (as two processes would) on one database, many concurrent mutations, some of which
 * fail: the ledger gets exactly one entry per successful mutation, numbered without gap or fork.
 */
describe('ledger appends across processes (e2e)', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await TestApp.start({ env: { DB_POOL_SIZE: '8', CHECKPOINT_EVERY_ENTRIES: '25' } });
    b = await a.sibling({ DB_POOL_SIZE: '8', CHECKPOINT_EVERY_ENTRIES: '25' });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('indices stay 0..n-1, entries equal successful mutations, the ledger verifies', async () => {
    const [{ n: before }] = await a.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_entry');
    const tokens = { a: await a.token('admin'), b: await b.token('admin') };
    const jobs: Array<Promise<boolean>> = [];
    const failures: string[] = [];
    for (let i = 0; i < 80; i++) {
      const app = i % 2 === 0 ? a : b;
      const token = i % 2 === 0 ? tokens.a : tokens.b;
      // Every 8th mutation collides with an earlier code: one of each pair must fail.
      const n = i % 8 === 7 ? i - 1 : i;
      const code = `500101147${String(200 + n).padStart(3, '0')}`;
      jobs.push(
        app
          .gql(
            'mutation($c: String!) { createRegion(code: $c, name: "并发村", parentCode: "500101147") { code } }',
            { c: code },
            token,
          )
          .then((res) => {
            if (res.errors) failures.push(`${code} ${res.errors[0].extensions.code}`);
            return !res.errors;
          }),
      );
      if (i % 10 === 0) {
        jobs.push(
          app
            .gql(
              'mutation($u: String!) { createUser(input: { username: $u, displayName: "并发", role: AUDITOR, regionCode: "500101", password: "concurrent-pass-1" }) { id } }',
              { u: `conc${i}` },
              token,
            )
            .then((res) => !res.errors),
        );
      }
    }
    const outcomes = await Promise.all(jobs);
    const successes = outcomes.filter(Boolean).length;
    // Each of the ten duplicated codes was refused once, as a CONFLICT.
    const duplicated = Array.from({ length: 10 }, (_, k) => `500101147${200 + 8 * k + 6} CONFLICT`);
    expect(failures.sort()).toEqual(duplicated);
    expect(successes).toBe(jobs.length - 10);

    const rows = await a.sql<{ idx: string }>('SELECT idx FROM ledger_entry ORDER BY idx');
    rows.forEach((r, i) => expect(Number(r.idx)).toBe(i));
    expect(rows.length - Number(before)).toBe(successes);

    const auditor = await b.token('auditor');
    const res = await b.gql<{
      verifyLedger: { ok: boolean; treeSize: number; problems: unknown[] };
      reconcile: { ok: boolean };
    }>('{ verifyLedger { ok treeSize problems { index kind message } } reconcile { ok } }', {}, auditor);
    expect(res.data!.verifyLedger.problems).toEqual([]);
    expect(res.data!.verifyLedger.treeSize).toBe(rows.length);
    expect(res.data!.reconcile.ok).toBe(true);
    // Both instances made automatic checkpoints (every 25 entries); all are consistent (verified above).
    const [{ n: checkpoints }] = await a.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_checkpoint');
    expect(Number(checkpoints)).toBeGreaterThanOrEqual(2);
  });
});
