import { randomUUID } from 'node:crypto';
import * as net from 'node:net';
import { PoolClient } from 'pg';
import { daysAgo, makeHousehold, makeOwnedOperatingAsset, AssetRef } from './support/factories';
import { Caller, errorCode, errorReason, GqlResponse, TestApp } from './support/test-app';
import { roleUrl } from './support/test-env';

const RECORD = `mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { id amount kind } }`;
const REVERSE = `mutation($id: ID!, $reason: String!, $key: String) {
  reverseIncome(id: $id, reason: $reason, idempotencyKey: $key) { id amount reversesId } }`;
const DRAFT = `mutation($input: DraftPlanInput!) { draftDistributionPlan(input: $input) {
  id status allocations { id channel amount } } }`;
const SUBMIT =
  'mutation($id: ID!, $e: DecisionEvidenceInput!) { submitDistributionPlan(id: $id, decisionEvidence: $e) { id status } }';
const FILE = 'mutation($id: ID!) { fileDistributionPlan(id: $id) { id status } }';
const PAYOUT =
  'mutation($input: RecordPayoutInput!) { recordPayout(input: $input) { id status allocations { id amount paid } } }';
const REGISTER_HOUSEHOLD =
  'mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id registryNo } }';
const EXPORT =
  'mutation($key: String) { exportIncomeReport(kind: VILLAGE_BALANCES, idempotencyKey: $key) { fileId rowCount } }';

type Income = { id: string; amount: string; kind: string };
type Plan = { id: string; status: string; allocations: Array<{ id: string; amount: string; paid?: string }> };

const REUSED = 'IDEMPOTENCY_KEY_REUSED';

/**
 * One idempotency mechanism for every write that creates something or moves money (keys per user, the
 * request's hash beside the key), and outages: a lost database is SERVICE_UNAVAILABLE, a connection lost
 * during COMMIT says the outcome is unknown, and the retry with the same key gives exactly one record.
 */
describe('idempotency and outages (e2e)', () => {
  const village = '500101151260';
  let t: TestApp;
  let clerk: Caller;
  let officer: Caller;
  let asset: AssetRef;
  let otherAsset: AssetRef;
  let plan: Plan;

  const income = (over: Record<string, unknown> = {}) => ({
    assetId: asset.id,
    amount: '1000.00',
    periodFrom: '2024-01-01',
    periodTo: '2024-01-31',
    kind: 'RENT',
    receivedOn: '2024-02-05',
    idempotencyKey: `k-${randomUUID()}`,
    supplement: true,
    ...over,
  });
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await t.sql<{ n: string }>(`SELECT count(*)::text AS n FROM (${sql}) x`, params))[0].n);
  const writes = async () => ({
    income: await count('SELECT 1 FROM income_record'),
    payouts: await count('SELECT 1 FROM distribution_payout'),
    plans: await count('SELECT 1 FROM distribution_plan'),
    households: await count('SELECT 1 FROM household'),
    files: await count('SELECT 1 FROM evidence_file'),
    ledger: await count('SELECT 1 FROM ledger_entry'),
    keys: await count('SELECT 1 FROM idempotency_key'),
  });

  beforeAll(async () => {
    t = await TestApp.start();
    const admin = await t.as('admin');
    await admin.gql(
      `mutation { createRegion(code: "${village}", name: "幂等测试村", parentCode: "500101151") { code } }`,
    );
    const created = await admin.gql(
      `mutation { createUser(input: { username: "mideng", displayName: "幂等测试村 会计", role: VILLAGE_CLERK, regionCode: "${village}", password: "test-clerk-password" }) { id } }`,
    );
    expect(created.errors).toBeUndefined();
    clerk = await t.as('mideng', 'test-clerk-password');
    officer = await t.as('longju');
    asset = await makeOwnedOperatingAsset(clerk, officer, village);
    otherAsset = await makeOwnedOperatingAsset(clerk, officer, village);
    // A filed plan to pay out of: income, households, a decision file, draft → submit → file.
    const received = await clerk.gql(RECORD, {
      input: income({
        amount: '20000.00',
        periodTo: '2024-12-31',
        receivedOn: daysAgo(200),
        supplement: false,
      }),
    });
    expect(received.errors).toBeUndefined();
    const households = [await makeHousehold(clerk, village), await makeHousehold(clerk, village)];
    const upload = await t.http
      .post('/files')
      .set('authorization', `Bearer ${clerk.token}`)
      .attach('file', Buffer.from('%PDF-1.4\n% 村民代表会议决议\n%%EOF\n'), 'decision.pdf');
    expect(upload.status).toBe(201);
    const drafted = await clerk.gql<{ draftDistributionPlan: Plan }>(DRAFT, {
      input: {
        villageCode: village,
        amount: '5000.00',
        allocations: [
          {
            channel: 'PUBLIC_WELFARE_JOB_WAGES',
            amount: '3000.00',
            beneficiaries: [
              { householdId: households[0].id, amount: '1800.00' },
              { householdId: households[1].id, amount: '1200.00' },
            ],
          },
          { channel: 'SMALL_PUBLIC_WORKS', amount: '1500.00', note: '村道维修' },
          { channel: 'RESERVE_FUND', amount: '500.00' },
        ],
      },
    });
    expect(drafted.errors).toBeUndefined();
    const submitted = await clerk.gql(SUBMIT, {
      id: drafted.data!.draftDistributionPlan.id,
      e: {
        partyBranchProposalOn: daysAgo(30),
        twoCommitteesDiscussionOn: daysAgo(27),
        partyMembersReviewOn: daysAgo(25),
        representativesDecisionOn: daysAgo(20),
        decisionPublishedOn: daysAgo(18),
        fileIds: [upload.body.id as string],
      },
    });
    expect(submitted.errors).toBeUndefined();
    const filed = await officer.gql(FILE, { id: drafted.data!.draftDistributionPlan.id });
    expect(filed.errors).toBeUndefined();
    plan = drafted.data!.draftDistributionPlan;
  }, 90_000);
  afterAll(() => t.close());

  describe('the same key with another request is refused; the same request returns the first result', () => {
    it.each([
      ['another amount', { amount: '1000.01' }],
      ['another kind', { kind: 'DIVIDEND' }],
      ['another asset', { asset: 'other' }],
      ['another period', { periodTo: '2024-01-30' }],
    ])('recordIncome with %s: CONFLICT IDEMPOTENCY_KEY_REUSED, nothing written', async (_what, change) => {
      const key = `seq-${randomUUID()}`;
      const first = await clerk.gql<{ recordIncome: Income }>(RECORD, {
        input: income({ idempotencyKey: key }),
      });
      expect(first.errors).toBeUndefined();
      const before = await writes();
      const { asset: which, ...rest } = change as Record<string, unknown>;
      const again = await clerk.gql<{ recordIncome: Income }>(RECORD, {
        input: income({ idempotencyKey: key, ...rest, ...(which ? { assetId: otherAsset.id } : {}) }),
      });
      expect(errorCode(again)).toBe('CONFLICT');
      expect(errorReason(again)).toBe(REUSED);
      expect(again.errors![0].message).toMatch(/^The idempotency key \S+ was used for a different request/);
      const zh = await t.inLanguage('zh-CN', () =>
        clerk.gql<{ recordIncome: Income }>(RECORD, {
          input: income({ idempotencyKey: key, ...rest, ...(which ? { assetId: otherAsset.id } : {}) }),
        }),
      );
      expect(zh.errors![0].message).toBe(
        `幂等键 ${key} 已用于内容不同的请求（金额、类型、资产等不一致），本次请求未执行；新的请求请换一个新的幂等键`,
      );
      expect(again.data).toBeNull();
      expect(await writes()).toEqual(before);
      // The same request again: the first record, nothing written.
      const same = await clerk.gql<{ recordIncome: Income }>(RECORD, {
        input: income({ idempotencyKey: key }),
      });
      expect(same.errors).toBeUndefined();
      expect(same.data!.recordIncome.id).toBe(first.data!.recordIncome.id);
      expect(await writes()).toEqual(before);
    });

    it('a key used for one operation cannot be used for another', async () => {
      const key = `op-${randomUUID()}`;
      const first = await clerk.gql<{ recordIncome: Income }>(RECORD, {
        input: income({ idempotencyKey: key }),
      });
      expect(first.errors).toBeUndefined();
      const before = await writes();
      const reversal = await clerk.gql(REVERSE, { id: first.data!.recordIncome.id, reason: '录错了', key });
      expect(errorReason(reversal)).toBe(REUSED);
      expect(await writes()).toEqual(before);
    });

    it('reverseIncome: a repeat returns the same reversal; another reason under the key is refused', async () => {
      const original = await clerk.gql<{ recordIncome: Income }>(RECORD, { input: income() });
      const key = `rev-${randomUUID()}`;
      const first = await clerk.gql<{ reverseIncome: Income }>(REVERSE, {
        id: original.data!.recordIncome.id,
        reason: '金额录错',
        key,
      });
      expect(first.errors).toBeUndefined();
      const before = await writes();
      const again = await clerk.gql<{ reverseIncome: Income }>(REVERSE, {
        id: original.data!.recordIncome.id,
        reason: '金额录错',
        key,
      });
      expect(again.errors).toBeUndefined();
      expect(again.data!.reverseIncome.id).toBe(first.data!.reverseIncome.id);
      const other = await clerk.gql(REVERSE, { id: original.data!.recordIncome.id, reason: '别的理由', key });
      expect(errorReason(other)).toBe(REUSED);
      expect(await writes()).toEqual(before);
    });

    it('registerHousehold and draftDistributionPlan: same request → same record; another → refused', async () => {
      const key = `hh-${randomUUID()}`;
      const input = {
        registryNo: `${village}-I${Date.now()}`,
        headName: '幂等户主',
        villageCode: village,
        membersCount: 2,
        status: 'POVERTY_ALLEVIATED',
        startedOn: '2020-06-01',
        idempotencyKey: key,
      };
      const first = await clerk.gql<{ registerHousehold: { id: string } }>(REGISTER_HOUSEHOLD, { input });
      expect(first.errors).toBeUndefined();
      const before = await writes();
      const same = await clerk.gql<{ registerHousehold: { id: string } }>(REGISTER_HOUSEHOLD, { input });
      expect(same.data!.registerHousehold.id).toBe(first.data!.registerHousehold.id);
      const other = await clerk.gql(REGISTER_HOUSEHOLD, { input: { ...input, membersCount: 3 } });
      expect(errorReason(other)).toBe(REUSED);
      expect(await writes()).toEqual(before);

      const planKey = `plan-${randomUUID()}`;
      const draft = {
        villageCode: village,
        amount: '100.00',
        allocations: [{ channel: 'RESERVE_FUND', amount: '100.00' }],
        idempotencyKey: planKey,
      };
      const p1 = await clerk.gql<{ draftDistributionPlan: Plan }>(DRAFT, { input: draft });
      expect(p1.errors).toBeUndefined();
      const p2 = await clerk.gql<{ draftDistributionPlan: Plan }>(DRAFT, { input: draft });
      expect(p2.data!.draftDistributionPlan.id).toBe(p1.data!.draftDistributionPlan.id);
      const p3 = await clerk.gql(DRAFT, { input: { ...draft, amount: '100.01' } });
      expect(errorReason(p3)).toBe(REUSED);
      expect(await count('SELECT 1 FROM distribution_plan WHERE village_code = $1', [village])).toBe(2);
    });

    it('exports: a repeat returns the first file and stores nothing again', async () => {
      const key = `exp-${randomUUID()}`;
      const first = await officer.gql<{ exportIncomeReport: { fileId: string } }>(EXPORT, { key });
      expect(first.errors).toBeUndefined();
      const before = await writes();
      const again = await officer.gql<{ exportIncomeReport: { fileId: string } }>(EXPORT, { key });
      expect(again.data!.exportIncomeReport.fileId).toBe(first.data!.exportIncomeReport.fileId);
      expect(await writes()).toEqual(before);
    });

    it('keys are per user: the same key of two users gives each their own record', async () => {
      const key = `shared-${randomUUID()}`;
      const mine = await clerk.gql<{ recordIncome: Income }>(RECORD, {
        input: income({ idempotencyKey: key, periodFrom: '2024-03-01', periodTo: '2024-03-31' }),
      });
      const theirs = await officer.gql<{ recordIncome: Income }>(RECORD, {
        input: income({
          idempotencyKey: key,
          amount: '7.00',
          periodFrom: '2024-04-01',
          periodTo: '2024-04-30',
        }),
      });
      expect(mine.errors).toBeUndefined();
      expect(theirs.errors).toBeUndefined();
      expect(theirs.data!.recordIncome.id).not.toBe(mine.data!.recordIncome.id);
      expect(theirs.data!.recordIncome.amount).toBe('7.00');
      expect(await count('SELECT 1 FROM idempotency_key WHERE key = $1', [key])).toBe(2);
    });
  });

  describe('races', () => {
    it('20 concurrent recordPayout with one key pay once', async () => {
      const allocation = plan.allocations.find((a) => a.amount === '1500.00')!;
      const key = `pay-${randomUUID()}`;
      const input = {
        planId: plan.id,
        allocationId: allocation.id,
        amount: '100.00',
        paidOn: daysAgo(1),
        idempotencyKey: key,
      };
      const before = await count('SELECT 1 FROM distribution_payout WHERE allocation_id = $1', [
        allocation.id,
      ]);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => clerk.gql<{ recordPayout: Plan }>(PAYOUT, { input })),
      );
      for (const r of results) expect(r.errors).toBeUndefined();
      for (const r of results) {
        expect(r.data!.recordPayout.allocations.find((a) => a.id === allocation.id)!.paid).toBe('100.00');
      }
      expect(await count('SELECT 1 FROM distribution_payout WHERE allocation_id = $1', [allocation.id])).toBe(
        before + 1,
      );
      expect(
        await count(
          `SELECT 1 FROM ledger_entry WHERE action = 'PAYOUT_RECORDED' AND entity_id IN (
          SELECT id::text FROM distribution_payout WHERE allocation_id = $1)`,
          [allocation.id],
        ),
      ).toBe(before + 1);
      // The same key with another amount is refused, and pays nothing.
      const other = await clerk.gql(PAYOUT, { input: { ...input, amount: '100.01' } });
      expect(errorReason(other)).toBe(REUSED);
      expect(await count('SELECT 1 FROM distribution_payout WHERE allocation_id = $1', [allocation.id])).toBe(
        before + 1,
      );
    });

    it('10 + 10 concurrent recordIncome with one key and two amounts: one record, ten CONFLICTs', async () => {
      const key = `race-${randomUUID()}`;
      const a = income({
        idempotencyKey: key,
        amount: '300.00',
        periodFrom: '2024-05-01',
        periodTo: '2024-05-31',
      });
      const b = { ...a, amount: '400.00' };
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          clerk.gql<{ recordIncome: Income }>(RECORD, { input: i % 2 ? b : a }),
        ),
      );
      const ok = results.filter((r) => !r.errors);
      const refused = results.filter((r) => r.errors);
      expect(ok).toHaveLength(10);
      expect(refused).toHaveLength(10);
      for (const r of refused) {
        expect(errorCode(r)).toBe('CONFLICT');
        expect(errorReason(r)).toBe(REUSED);
      }
      expect(new Set(ok.map((r) => r.data!.recordIncome.id)).size).toBe(1);
      expect(new Set(ok.map((r) => r.data!.recordIncome.amount)).size).toBe(1);
      const rows = await t.sql<{ id: string }>('SELECT id FROM income_record WHERE idempotency_key = $1', [
        key,
      ]);
      expect(rows.map((r) => r.id)).toEqual([ok[0].data!.recordIncome.id]);
      expect(await count('SELECT 1 FROM ledger_entry WHERE entity_id = $1', [rows[0].id])).toBe(1);
    });
  });

  describe('outages', () => {
    /** Waits until a backend of the app (not the test's own) waits on a lock, and returns it. */
    const blockedBackend = async (): Promise<{ pid: number; query: string }> => {
      for (let i = 0; i < 200; i++) {
        const rows = await t.sql<{ pid: number; query: string }>(
          `SELECT pid, query FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND usename = $1`,
          [t.env.roles.app.name],
        );
        if (rows.length > 0) return rows[0];
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('no app backend ever waited on the lock');
    };
    const terminate = (pid: number) => t.sql('SELECT pg_terminate_backend($1)', [pid]);
    const expectRetryable = (res: GqlResponse<unknown>) => {
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
      expect(res.errors![0].message).toMatch(/try again|Retry/);
    };
    let holder: PoolClient;
    beforeEach(async () => {
      holder = await t.pool.connect();
    });
    afterEach(async () => {
      await holder.query('ROLLBACK').catch(() => undefined);
      holder.release();
    });

    it('a connection killed in the middle of recordIncome: SERVICE_UNAVAILABLE; the retry records once', async () => {
      const key = `kill-${randomUUID()}`;
      const input = income({ idempotencyKey: key, periodFrom: '2024-06-01', periodTo: '2024-06-30' });
      // Hold the asset's row lock, so the mutation stops inside its transaction; kill its connection there.
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM asset WHERE id = $1 FOR UPDATE', [asset.id]);
      const pending = clerk.gql<{ recordIncome: Income }>(RECORD, { input });
      const backend = await blockedBackend();
      await terminate(backend.pid);
      const res = await pending;
      expectRetryable(res);
      expect(errorReason(res)).toBe('DATABASE_UNAVAILABLE');
      expect(res.errors![0].extensions.outcome).toBeUndefined();
      expect(res.errors![0].extensions.code).not.toBe('INTERNAL_SERVER_ERROR');
      await holder.query('ROLLBACK');
      expect(await count('SELECT 1 FROM income_record WHERE idempotency_key = $1', [key])).toBe(0);
      // The client retries with the same key: one record, and a second retry returns it.
      const retry = await clerk.gql<{ recordIncome: Income }>(RECORD, { input });
      expect(retry.errors).toBeUndefined();
      const again = await clerk.gql<{ recordIncome: Income }>(RECORD, { input });
      expect(again.data!.recordIncome.id).toBe(retry.data!.recordIncome.id);
      expect(await count('SELECT 1 FROM income_record WHERE idempotency_key = $1', [key])).toBe(1);
    });

    it('a connection killed during COMMIT: the outcome is UNKNOWN; the retry with the key pays exactly once', async () => {
      // A deferred trigger makes COMMIT itself wait for a lock the test holds.
      await t.sql(`CREATE FUNCTION test_hold_commit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_advisory_xact_lock(4242, 4242); RETURN NULL; END $$`);
      await t.sql(`CREATE CONSTRAINT TRIGGER test_hold_commit AFTER INSERT ON idempotency_key
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_hold_commit()`);
      try {
        const allocation = plan.allocations.find((a) => a.amount === '500.00')!;
        const key = `commit-${randomUUID()}`;
        const input = {
          planId: plan.id,
          allocationId: allocation.id,
          amount: '50.00',
          paidOn: daysAgo(1),
          idempotencyKey: key,
        };
        await holder.query('SELECT pg_advisory_lock(4242, 4242)');
        const pending = clerk.gql<{ recordPayout: Plan }>(PAYOUT, { input });
        const backend = await blockedBackend();
        expect(backend.query.trim().toUpperCase()).toBe('COMMIT');
        await terminate(backend.pid);
        const res = await pending;
        expectRetryable(res);
        expect(errorReason(res)).toBe('COMMIT_OUTCOME_UNKNOWN');
        expect(res.errors![0].extensions.outcome).toBe('UNKNOWN');
        expect(res.errors![0].message).toMatch(/same idempotency key/);
        await holder.query('SELECT pg_advisory_unlock(4242, 4242)');
        await t.sql('DROP TRIGGER test_hold_commit ON idempotency_key');
        const retry = await clerk.gql<{ recordPayout: Plan }>(PAYOUT, { input });
        expect(retry.errors).toBeUndefined();
        const again = await clerk.gql<{ recordPayout: Plan }>(PAYOUT, { input });
        expect(again.errors).toBeUndefined();
        expect(
          await count('SELECT 1 FROM distribution_payout WHERE allocation_id = $1 AND amount = 5000', [
            allocation.id,
          ]),
        ).toBe(1);
      } finally {
        await t.sql('DROP TRIGGER IF EXISTS test_hold_commit ON idempotency_key');
        await t.sql('DROP FUNCTION IF EXISTS test_hold_commit()');
      }
    });

    it('the database refusing connections: SERVICE_UNAVAILABLE (GraphQL and REST 503 + Retry-After), then it recovers', async () => {
      const token = clerk.token;
      await t.sql(`ALTER DATABASE "${t.databaseName}" CONNECTION LIMIT 0`);
      try {
        await t.sql(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND usename = $1`,
          [t.env.roles.app.name],
        );
        const read = await t.gql('{ me { id } }', {}, token);
        expectRetryable(read);
        const write = await t.gql(RECORD, { input: income() }, token);
        expectRetryable(write);
        const rest = await t.http.get(`/files/${randomUUID()}`).set('authorization', `Bearer ${token}`);
        expect(rest.status).toBe(503);
        expect(rest.headers['retry-after']).toBe('5');
        expect(rest.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
      } finally {
        await t.sql(`ALTER DATABASE "${t.databaseName}" CONNECTION LIMIT -1`);
      }
      const back = await t.gql<{ me: { id: string } }>('{ me { id } }', {}, token);
      expect(back.errors).toBeUndefined();
    });

    it('the database unreachable (the port closed): SERVICE_UNAVAILABLE with Retry-After, never INTERNAL_SERVER_ERROR', async () => {
      // A second app instance reaches the database through a TCP relay that the test then shuts.
      const target = new URL(roleUrl(t.env, t.databaseName, 'app'));
      const sockets = new Set<net.Socket>();
      const relay = net.createServer((client) => {
        const server = net.connect(Number(target.port || 5432), target.hostname);
        sockets.add(client).add(server);
        client.pipe(server).pipe(client);
        const close = () => {
          client.destroy();
          server.destroy();
        };
        client.on('error', close).on('close', close);
        server.on('error', close).on('close', close);
      });
      await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
      const port = (relay.address() as net.AddressInfo).port;
      const via = new URL(target.toString());
      via.hostname = '127.0.0.1';
      via.port = String(port);
      const second = await t.sibling({ DATABASE_URL: via.toString() });
      try {
        const token = await second.token('mideng', 'test-clerk-password');
        expect((await second.gql('{ me { id } }', {}, token)).errors).toBeUndefined();
        await new Promise<void>((resolve) => {
          relay.close(() => resolve());
          for (const s of sockets) s.destroy();
        });
        for (const query of ['{ me { id } }', '{ incomeRecords(first: 1) { totalCount } }']) {
          const res = await second.gql(query, {}, token);
          expectRetryable(res);
        }
        const write = await second.gql(RECORD, { input: income() }, token);
        expectRetryable(write);
        const res = await second.http
          .post('/graphql')
          .set('content-type', 'application/json')
          .set('authorization', `Bearer ${token}`)
          .send({ query: '{ me { id } }' });
        expect(res.headers['retry-after']).toBe('5');
      } finally {
        relay.close();
        await second.close({ checkLedger: false }).catch(() => undefined);
      }
    });
  });
});
