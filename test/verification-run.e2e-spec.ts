import { TestApp } from './support/test-app';

/**
 * verifyLedger as a background run with its progress: started once (a second start joins it), followed
 * until it ends with the same findings as verifyLedger, listed for whoever comes back; denied to roles
 * that may not verify the ledger.
 */
const START = 'mutation { startLedgerVerification { id state } }';
const RUN = `query($id: ID!) { ledgerVerificationRun(id: $id) {
  id state treeSize checkedEntries message startedAt finishedAt
  result { ok treeSize checkedEntries checkedCheckpoints firstBadIndex problems { index kind } } } }`;

interface Run {
  id: string;
  state: string;
  treeSize: number | null;
  checkedEntries: number;
  message: string | null;
  finishedAt: string | null;
  result: { ok: boolean; treeSize: number; checkedEntries: number; problems: unknown[] } | null;
}

describe('ledger verification runs (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  const follow = async (id: string, user = 'auditor'): Promise<Run[]> => {
    const seen: Run[] = [];
    for (let i = 0; i < 600; i++) {
      const res = await t.gql<{ ledgerVerificationRun: Run }>(RUN, { id }, await t.token(user));
      expect(res.errors).toBeUndefined();
      seen.push(res.data!.ledgerVerificationRun);
      if (res.data!.ledgerVerificationRun.state !== 'RUNNING') return seen;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the run did not end');
  };

  it('runs verifyLedger in the background and keeps its findings; a start while one is going joins it', async () => {
    const token = await t.token('auditor');
    const started = await t.gql<{ startLedgerVerification: Run }>(START, {}, token);
    expect(started.errors).toBeUndefined();
    const id = started.data!.startLedgerVerification.id;

    const seen = await follow(id);
    const done = seen[seen.length - 1];
    expect(done.state).toBe('SUCCEEDED');
    expect(done.finishedAt).not.toBeNull();
    expect(done.result).toMatchObject({ ok: true, problems: [] });
    expect(done.checkedEntries).toBe(done.result!.treeSize);
    expect(done.treeSize).toBe(done.result!.treeSize);
    // Progress never goes backwards.
    const counts = seen.map((r) => r.checkedEntries);
    expect([...counts].sort((x, y) => x - y)).toEqual(counts);

    const direct = await t.gql<{ verifyLedger: { ok: boolean; treeSize: number } }>(
      '{ verifyLedger { ok treeSize } }',
      {},
      token,
    );
    expect(direct.data!.verifyLedger.ok).toBe(true);
    expect(direct.data!.verifyLedger.treeSize).toBeGreaterThanOrEqual(done.result!.treeSize);

    // Listed for whoever comes back, newest first; a finished run makes the next start a new one.
    const list = await t.gql<{ ledgerVerificationRuns: Run[] }>(
      '{ ledgerVerificationRuns(first: 5) { id state } }',
      {},
      token,
    );
    expect(list.data!.ledgerVerificationRuns[0]).toMatchObject({ id, state: 'SUCCEEDED' });
    const again = await t.gql<{ startLedgerVerification: Run }>(START, {}, token);
    expect(again.data!.startLedgerVerification.id).not.toBe(id);
    await follow(again.data!.startLedgerVerification.id);

    // A run going (written a moment ago, as a run's progress is) is joined, not started twice.
    const [going] = await t.sql<{ id: string }>(
      `INSERT INTO ledger_verification_run (state, started_by) SELECT 'RUNNING', id FROM app_user
        WHERE username = 'auditor' RETURNING id`,
    );
    const joined = await t.gql<{ startLedgerVerification: Run }>(START, {}, await t.token('district'));
    expect(joined.data!.startLedgerVerification).toMatchObject({ id: going.id, state: 'RUNNING' });
    await t.sql(`UPDATE ledger_verification_run SET state = 'FAILED' WHERE id = $1`, [going.id]);
  });

  it('says that a run left RUNNING by a process that stopped did not finish', async () => {
    const [row] = await t.sql<{ id: string }>(
      `INSERT INTO ledger_verification_run (state, started_by, updated_at)
       SELECT 'RUNNING', id, now() - interval '10 minutes' FROM app_user WHERE username = 'auditor' RETURNING id`,
    );
    const [run] = await follow(row.id);
    expect(run.state).toBe('FAILED');
    expect(run.message).toBe(
      'The server stopped during the verification: it did not finish. Start it again.',
    );
    const zh = await t.inLanguage('zh-CN', () => follow(row.id));
    expect(zh[0].message).toBe('服务在校验过程中停止，校验未完成；请重新发起。');
  });

  it('is denied to the roles that may not verify the ledger, and answers NOT_FOUND for no such run', async () => {
    for (const user of ['wutong', 'longju']) {
      const res = await t.gql(START, {}, await t.token(user));
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
    const missing = await t.gql(
      RUN,
      { id: '00000000-0000-4000-8000-000000000042' },
      await t.token('auditor'),
    );
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await t.gql(START, {})).errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
