import { randomUUID } from 'node:crypto';
import { daysAgo, makeHousehold, makeOwnedOperatingAsset } from './support/factories';
import { Caller, errorCode, errorFields, errorReason, TestApp } from './support/test-app';

const DRAFT =
  'mutation($input: DraftPlanInput!) { draftDistributionPlan(input: $input) { id allocations { id channel amount } } }';
const SUBMIT =
  'mutation($id: ID!, $e: DecisionEvidenceInput!) { submitDistributionPlan(id: $id, decisionEvidence: $e) { id status } }';
const FILE = 'mutation($id: ID!) { fileDistributionPlan(id: $id) { id status } }';
const PAYOUT =
  'mutation($input: RecordPayoutInput!) { recordPayout(input: $input) { id status payouts { householdId amount paidOn bankReference } } }';
const PUBLICITY =
  'mutation($input: RecordResultPublicityInput!) { recordResultPublicity(input: $input) { id status completedOn resultPublicity { publishedOn evidence { fileId } } } }';
const RECEIPTS =
  'query($id: ID!) { householdReceipts(householdId: $id) { year channel amount plans payments { paidOn planId planTitle amount bankReference } } }';
const FLAGS =
  'query($r: String, $t: RedFlagThresholds) { redFlags(regionCode: $r, kinds: [RESULT_PUBLICITY_MISSING], thresholds: $t) { flags { kind threshold count records { entityType entityId code name regionCode since days amount } } } }';

type Plan = { id: string; allocations: Array<{ id: string; channel: string; amount: string }> };
type Receipt = {
  year: number;
  channel: string;
  amount: string;
  plans: number;
  payments: Array<{
    paidOn: string;
    planId: string;
    planTitle: string;
    amount: string;
    bankReference: string | null;
  }>;
};
type Flag = {
  kind: string;
  threshold: number;
  count: number;
  records: Array<{ entityType: string; entityId: string; since: string; days: number; amount: string }>;
};

/**
 * Payouts to households, what households received, and the result publicity (结果公开) of completed
 * plans, in a village made for this file under 龙驹镇 (officer longju).
 */
describe('payouts to households and result publicity (e2e)', () => {
  const village = '500101151252';
  let t: TestApp;
  let clerk: Caller;
  let officer: Caller;
  let h: Array<{ id: string }>;
  let fileId: string;

  const evidence = () => ({
    partyBranchProposalOn: daysAgo(60),
    twoCommitteesDiscussionOn: daysAgo(58),
    partyMembersReviewOn: daysAgo(56),
    representativesDecisionOn: daysAgo(54),
    decisionPublishedOn: daysAgo(52),
    fileIds: [fileId],
  });
  /** A filed plan: 300.00 to h0 and 200.00 to h1 as wages, 100.00 to small public works. */
  const filedPlan = async (): Promise<Plan> => {
    const res = await clerk.gql<{ draftDistributionPlan: Plan }>(DRAFT, {
      input: {
        villageCode: village,
        amount: '600.00',
        allocations: [
          {
            channel: 'PUBLIC_WELFARE_JOB_WAGES',
            amount: '500.00',
            beneficiaries: [
              { householdId: h[0].id, amount: '300.00' },
              { householdId: h[1].id, amount: '200.00' },
            ],
          },
          { channel: 'SMALL_PUBLIC_WORKS', amount: '100.00' },
        ],
      },
    });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    const plan = res.data.draftDistributionPlan;
    const submitted = await clerk.gql(SUBMIT, { id: plan.id, e: evidence() });
    if (submitted.errors) throw new Error(JSON.stringify(submitted.errors));
    const filed = await officer.gql(FILE, { id: plan.id });
    if (filed.errors) throw new Error(JSON.stringify(filed.errors));
    return plan;
  };
  const pay = (plan: Plan, i: number, amount: string, extra: Record<string, unknown> = {}) =>
    clerk.gql<{ recordPayout: { status: string } }>(PAYOUT, {
      input: { planId: plan.id, allocationId: plan.allocations[i].id, amount, paidOn: daysAgo(2), ...extra },
    });
  /** Pays the plan in full on `paidOn`. */
  const payAll = async (plan: Plan, paidOn: string): Promise<void> => {
    for (const [i, householdId, amount] of [
      [0, h[0].id, '300.00'],
      [0, h[1].id, '200.00'],
      [1, undefined, '100.00'],
    ] as const) {
      const res = await pay(plan, i, amount, { householdId, paidOn });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    }
  };
  const payoutCount = async (planId: string): Promise<number> =>
    Number(
      (
        await t.sql<{ n: string }>('SELECT count(*) AS n FROM distribution_payout WHERE plan_id = $1', [
          planId,
        ])
      )[0].n,
    );
  const flags = async (caller: Caller, thresholds?: Record<string, number>): Promise<Flag> => {
    const res = await caller.gql<{ redFlags: { flags: Flag[] } }>(FLAGS, { r: village, t: thresholds });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.redFlags.flags[0];
  };

  beforeAll(async () => {
    t = await TestApp.start();
    const admin = await t.as('admin');
    await admin.gql(
      `mutation { createRegion(code: "${village}", name: "发放测试村", parentCode: "500101151") { code } }`,
    );
    const created = await admin.gql(
      `mutation { createUser(input: { username: "fafang", displayName: "发放测试村 会计", role: VILLAGE_CLERK, regionCode: "${village}", password: "test-clerk-password" }) { id } }`,
    );
    expect(created.errors).toBeUndefined();
    clerk = await t.as('fafang', 'test-clerk-password');
    officer = await t.as('longju');
    h = [];
    for (let i = 0; i < 3; i++) h.push(await makeHousehold(clerk, village, { membersCount: i + 2 }));
    const upload = await t.http
      .post('/files')
      .set('authorization', `Bearer ${clerk.token}`)
      .attach('file', Buffer.from('%PDF-1.4\n% 收益分配结果公示\n%%EOF\n'), 'notice.pdf');
    expect(upload.status).toBe(201);
    fileId = upload.body.id;
    const asset = await makeOwnedOperatingAsset(clerk, officer, village);
    const income = await clerk.gql(
      'mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { id } }',
      {
        input: {
          assetId: asset.id,
          amount: '20000.00',
          kind: 'RENT',
          periodFrom: '2025-01-01',
          periodTo: '2025-12-31',
          receivedOn: daysAgo(90),
          idempotencyKey: `payouts-${randomUUID()}`,
          supplement: false,
        },
      },
    );
    expect(income.errors).toBeUndefined();
  }, 60_000);
  afterAll(() => t.close());

  it('an allocation with beneficiaries is paid to a named beneficiary; anything else is refused and writes nothing', async () => {
    const plan = await filedPlan();
    const without = await pay(plan, 0, '100.00');
    expect(errorCode(without)).toBe('BAD_USER_INPUT');
    expect(errorReason(without)).toBe('PAYOUT_HOUSEHOLD_REQUIRED');
    expect(errorFields(without)).toEqual(['input.householdId']);
    const stranger = await pay(plan, 0, '100.00', { householdId: h[2].id });
    expect(errorCode(stranger)).toBe('BAD_USER_INPUT');
    expect(errorReason(stranger)).toBe('PAYOUT_NOT_BENEFICIARY');
    const unknown = await pay(plan, 0, '100.00', { householdId: randomUUID() });
    expect(errorReason(unknown)).toBe('PAYOUT_NOT_BENEFICIARY');
    // An allocation without beneficiaries names nobody.
    const named = await pay(plan, 1, '100.00', { householdId: h[0].id });
    expect(errorReason(named)).toBe('PAYOUT_NOT_BENEFICIARY');
    expect(await payoutCount(plan.id)).toBe(0);

    const ok = await pay(plan, 0, '120.00', {
      householdId: h[0].id,
      bankReference: '一卡通 6217000012345678',
    });
    expect(ok.errors).toBeUndefined();
    const [row] = await t.sql<{ household_id: string; bank_reference: string }>(
      'SELECT household_id, bank_reference FROM distribution_payout WHERE plan_id = $1',
      [plan.id],
    );
    expect(row).toEqual({ household_id: h[0].id, bank_reference: '一卡通 6217000012345678' });
    const [entry] = await t.sql<{ canonical: Buffer }>(
      `SELECT canonical FROM ledger_entry WHERE action = 'PAYOUT_RECORDED' ORDER BY idx DESC LIMIT 1`,
    );
    expect(JSON.parse(entry.canonical.toString('utf8')).after).toMatchObject({
      householdId: h[0].id,
      bankReference: '一卡通 6217000012345678',
      amount: '12000',
    });
  });

  it('a household is never paid more than its share; the message names the amounts (in English or Chinese); concurrent payouts too', async () => {
    const plan = await filedPlan();
    expect((await pay(plan, 0, '250.00', { householdId: h[0].id })).errors).toBeUndefined();
    const over = await pay(plan, 0, '50.01', { householdId: h[0].id });
    expect(errorCode(over)).toBe('CONFLICT');
    expect(errorReason(over)).toBe('PAYOUT_EXCEEDS_SHARE');
    expect(over.errors![0].message).toBe(
      "The household's share is 300.00 yuan, 250.00 yuan of it paid, 50.00 yuan left: 50.01 yuan is more than its share",
    );
    const zh = await t.inLanguage('zh-CN', () => pay(plan, 0, '50.01', { householdId: h[0].id }));
    expect(errorReason(zh)).toBe('PAYOUT_EXCEEDS_SHARE');
    expect(zh.errors![0].message).toBe(
      '该农户应得 300.00 元，已发放 250.00 元，尚可发放 50.00 元；本次 50.01 元超出应得金额',
    );
    expect(over.errors![0].extensions!.details).toMatchObject({
      share: '300.00',
      paid: '250.00',
      remaining: '50.00',
    });
    // The other household's share is not this one's to take, though the allocation has 250.00 left.
    expect(errorReason(await pay(plan, 0, '200.00', { householdId: h[0].id }))).toBe('PAYOUT_EXCEEDS_SHARE');
    // 10 × 50.00 at once for a 200.00 share: exactly 4 are paid.
    const results = await Promise.all(
      Array.from({ length: 10 }, () => pay(plan, 0, '50.00', { householdId: h[1].id })),
    );
    expect(results.filter((r) => !r.errors).length).toBe(4);
    expect(results.filter((r) => errorReason(r) === 'PAYOUT_EXCEEDS_SHARE').length).toBe(6);
    const paid = await t.sql<{ household_id: string; paid: string }>(
      `SELECT household_id, sum(amount)::text AS paid FROM distribution_payout WHERE plan_id = $1 GROUP BY 1`,
      [plan.id],
    );
    expect(Object.fromEntries(paid.map((p) => [p.household_id, p.paid]))).toEqual({
      [h[0].id]: '25000',
      [h[1].id]: '20000',
    });
    // The last 50.00 of h0 and the works complete the plan: every household got exactly its share.
    expect((await pay(plan, 0, '50.00', { householdId: h[0].id })).errors).toBeUndefined();
    const last = await pay(plan, 1, '100.00');
    expect(last.data!.recordPayout.status).toBe('COMPLETED');
  });

  it('householdReceipts counts only money actually paid, with the date and the plan', async () => {
    const household = await makeHousehold(clerk, village, { membersCount: 4 });
    const res = await clerk.gql<{ draftDistributionPlan: Plan }>(DRAFT, {
      input: {
        villageCode: village,
        title: '发放测试村收益分配方案（受益户）',
        amount: '900.00',
        allocations: [
          {
            channel: 'AWARDS_SUBSIDIES',
            amount: '900.00',
            beneficiaries: [
              { householdId: household.id, amount: '600.00' },
              { householdId: h[2].id, amount: '300.00' },
            ],
          },
        ],
      },
    });
    const plan = res.data!.draftDistributionPlan;
    expect((await clerk.gql(SUBMIT, { id: plan.id, e: evidence() })).errors).toBeUndefined();
    expect((await officer.gql(FILE, { id: plan.id })).errors).toBeUndefined();
    const receipts = async (): Promise<Receipt[]> =>
      (await clerk.gql<{ householdReceipts: Receipt[] }>(RECEIPTS, { id: household.id })).data!
        .householdReceipts;
    // Filed, named as beneficiary of 600.00, nothing paid yet: nothing received.
    expect(await receipts()).toEqual([]);
    expect(
      (
        await pay(plan, 0, '250.00', {
          householdId: household.id,
          paidOn: daysAgo(3),
          bankReference: 'ZF-001',
        })
      ).errors,
    ).toBeUndefined();
    expect(
      (await pay(plan, 0, '100.00', { householdId: household.id, paidOn: daysAgo(1) })).errors,
    ).toBeUndefined();
    expect(await receipts()).toEqual([
      {
        year: Number(daysAgo(1).slice(0, 4)),
        channel: 'AWARDS_SUBSIDIES',
        amount: '350.00',
        plans: 1,
        payments: [
          {
            paidOn: daysAgo(3),
            planId: plan.id,
            planTitle: '发放测试村收益分配方案（受益户）',
            amount: '250.00',
            bankReference: 'ZF-001',
          },
          {
            paidOn: daysAgo(1),
            planId: plan.id,
            planTitle: '发放测试村收益分配方案（受益户）',
            amount: '100.00',
            bankReference: null,
          },
        ],
      },
    ]);
    // Out of scope: another township's officer does not see the household.
    expect(errorCode(await (await t.as('luotian')).gql(RECEIPTS, { id: household.id }))).toBe('NOT_FOUND');
  });

  it('result publicity (结果公开): only for a completed plan, once, with evidence, not before the last payout; on the ledger', async () => {
    const plan = await filedPlan();
    const early = await clerk.gql(PUBLICITY, {
      input: { planId: plan.id, publishedOn: daysAgo(0), evidenceFileIds: [fileId] },
    });
    expect(errorReason(early)).toBe('PLAN_WRONG_STATUS');
    await payAll(plan, daysAgo(4));
    const noEvidence = await clerk.gql(PUBLICITY, {
      input: { planId: plan.id, publishedOn: daysAgo(0), evidenceFileIds: [] },
    });
    expect(errorFields(noEvidence)).toEqual(['input.evidenceFileIds']);
    const beforePaid = await clerk.gql(PUBLICITY, {
      input: { planId: plan.id, publishedOn: daysAgo(5), evidenceFileIds: [fileId] },
    });
    expect(errorCode(beforePaid)).toBe('BAD_USER_INPUT');
    expect(errorFields(beforePaid)).toEqual(['input.publishedOn']);
    const future = await clerk.gql(PUBLICITY, {
      input: { planId: plan.id, publishedOn: daysAgo(-1), evidenceFileIds: [fileId] },
    });
    expect(errorFields(future)).toEqual(['input.publishedOn']);
    expect(
      errorCode(
        await (
          await t.as('auditor')
        ).gql(PUBLICITY, {
          input: { planId: plan.id, publishedOn: daysAgo(2), evidenceFileIds: [fileId] },
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await (
          await t.as('luotian')
        ).gql(PUBLICITY, {
          input: { planId: plan.id, publishedOn: daysAgo(2), evidenceFileIds: [fileId] },
        }),
      ),
    ).toBe('NOT_FOUND');
    const [{ n: before }] = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM ledger_entry WHERE action = 'PLAN_RESULT_PUBLISHED' AND entity_id = $1`,
      [plan.id],
    );
    expect(before).toBe('0');
    const done = await clerk.gql<{
      recordResultPublicity: {
        completedOn: string;
        resultPublicity: { publishedOn: string; evidence: unknown[] };
      };
    }>(PUBLICITY, { input: { planId: plan.id, publishedOn: daysAgo(2), evidenceFileIds: [fileId] } });
    expect(done.errors).toBeUndefined();
    expect(done.data!.recordResultPublicity).toMatchObject({
      completedOn: daysAgo(4),
      resultPublicity: { publishedOn: daysAgo(2), evidence: [{ fileId }] },
    });
    const again = await clerk.gql(PUBLICITY, {
      input: { planId: plan.id, publishedOn: daysAgo(1), evidenceFileIds: [fileId] },
    });
    expect(errorCode(again)).toBe('CONFLICT');
    expect(errorReason(again)).toBe('PLAN_RESULT_ALREADY_PUBLISHED');
    const entries = await t.sql<{ canonical: Buffer }>(
      `SELECT canonical FROM ledger_entry WHERE action = 'PLAN_RESULT_PUBLISHED' AND entity_id = $1`,
      [plan.id],
    );
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0].canonical.toString('utf8')).after).toMatchObject({
      resultPublishedOn: daysAgo(2),
    });
  });

  it('a plan completed more than 15 days ago without result publicity is a red flag, until it is recorded', async () => {
    const old = await filedPlan();
    await payAll(old, daysAgo(20));
    const recent = await filedPlan();
    await payAll(recent, daysAgo(5));
    const flag = await flags(officer);
    expect(flag.threshold).toBe(15);
    const mine = flag.records.filter((r) => [old.id, recent.id].includes(r.entityId));
    expect(mine).toEqual([
      expect.objectContaining({
        entityType: 'DistributionPlan',
        entityId: old.id,
        since: daysAgo(20),
        days: 20,
        amount: '600.00',
      }),
    ]);
    // A stricter threshold for this query only: the recent plan too.
    const strict = await flags(officer, { resultPublicityDays: 3 });
    expect(strict.records.map((r) => r.entityId)).toEqual(expect.arrayContaining([old.id, recent.id]));
    // The district sees it too, the dashboard counts it; another township's officer may not look here.
    expect((await flags(await t.as('district'))).records.map((r) => r.entityId)).toContain(old.id);
    const dashboard = await officer.gql<{
      supervisionDashboard: { total: { openItems: { redFlags: number } } };
    }>(`{ supervisionDashboard(regionCode: "${village}") { total { openItems { redFlags } } } }`);
    expect(dashboard.data!.supervisionDashboard.total.openItems.redFlags).toBeGreaterThanOrEqual(flag.count);
    const outside = await (await t.as('luotian')).gql(FLAGS, { r: village });
    expect(errorCode(outside)).toBe('FORBIDDEN');
    // Recorded: no longer a flag.
    const recorded = await clerk.gql(PUBLICITY, {
      input: { planId: old.id, publishedOn: daysAgo(18), evidenceFileIds: [fileId] },
    });
    expect(recorded.errors).toBeUndefined();
    expect((await flags(officer)).records.map((r) => r.entityId)).not.toContain(old.id);
  });
});
