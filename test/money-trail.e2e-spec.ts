import { randomUUID } from 'node:crypto';
import { daysAgo, makeHousehold, makeOwnedOperatingAsset } from './support/factories';
import { Caller, errorCode, errorFields, errorReason, TestApp } from './support/test-app';

const DRAFT =
  'mutation($input: DraftPlanInput!) { draftDistributionPlan(input: $input) { id allocations { id } } }';
const SUBMIT =
  'mutation($id: ID!, $e: DecisionEvidenceInput!) { submitDistributionPlan(id: $id, decisionEvidence: $e) { id status income { incomeId assetId assetCode assetName amount } } }';
const FILE = 'mutation($id: ID!) { fileDistributionPlan(id: $id) { id status } }';
const PAYOUT = 'mutation($input: RecordPayoutInput!) { recordPayout(input: $input) { id } }';
const TRAIL = `query($a: ID, $h: ID, $f: FundSource, $r: String) {
  moneyTrail(assetId: $a, householdId: $h, fundSource: $f, regionCode: $r) {
    investments { fundSource projectId assetId amount }
    incomes { incomeId assetId villageCode amount distributed undistributed }
    flows { incomeId planId amount }
    plans { planId amount fromTrailIncome allocations { allocationId amount paid } }
    payouts { payoutId planId householdId incomeId amount paidOn }
    households { householdId amount }
    totals { invested income distributed paid paidToHouseholds }
  } }`;

type Trail = {
  investments: Array<{ fundSource: string; assetId: string; amount: string }>;
  incomes: Array<{
    incomeId: string;
    assetId: string;
    amount: string;
    distributed: string;
    undistributed: string;
  }>;
  flows: Array<{ incomeId: string; planId: string; amount: string }>;
  plans: Array<{ planId: string; amount: string; fromTrailIncome: string }>;
  payouts: Array<{
    payoutId: string;
    planId: string;
    householdId: string | null;
    incomeId: string;
    amount: string;
  }>;
  households: Array<{ householdId: string; amount: string }>;
  totals: { invested: string; income: string; distributed: string; paid: string; paidToHouseholds: string };
};

const fen = (s: string): bigint => BigInt(s.replace('.', ''));
const sum = (xs: string[]): bigint => xs.reduce((a, b) => a + fen(b), 0n);

/** Every sum the trail states holds, to the fen. */
function assertAddsUp(trail: Trail): void {
  expect(sum(trail.investments.map((i) => i.amount))).toBe(fen(trail.totals.invested));
  expect(sum(trail.incomes.map((i) => i.amount))).toBe(fen(trail.totals.income));
  expect(sum(trail.flows.map((f) => f.amount))).toBe(fen(trail.totals.distributed));
  expect(sum(trail.payouts.map((p) => p.amount))).toBe(fen(trail.totals.paid));
  expect(sum(trail.households.map((h) => h.amount))).toBe(fen(trail.totals.paidToHouseholds));
  expect(sum(trail.payouts.filter((p) => p.householdId).map((p) => p.amount))).toBe(
    fen(trail.totals.paidToHouseholds),
  );
  for (const i of trail.incomes) {
    expect(fen(i.distributed) + fen(i.undistributed)).toBe(fen(i.amount));
    // What was paid from an income is never more than the plans took from it.
    const paid = sum(trail.payouts.filter((p) => p.incomeId === i.incomeId).map((p) => p.amount));
    const taken = sum(trail.flows.filter((f) => f.incomeId === i.incomeId).map((f) => f.amount));
    expect(paid <= taken).toBe(true);
  }
  for (const p of trail.plans)
    expect(sum(trail.flows.filter((f) => f.planId === p.planId).map((f) => f.amount))).toBe(
      fen(p.fromTrailIncome),
    );
  for (const h of trail.households)
    expect(sum(trail.payouts.filter((p) => p.householdId === h.householdId).map((p) => p.amount))).toBe(
      fen(h.amount),
    );
}

/**
 * The money trail (以资金为主线) in a village made for this file, under 龙驹镇: two assets, three income
 * records, plans that take income oldest first or by asset and record, payouts to households.
 */
describe('the money trail (e2e)', () => {
  const village = '500101151253';
  let t: TestApp;
  let clerk: Caller;
  let officer: Caller;
  let h: Array<{ id: string; registryNo: string }>;
  let fileId: string;
  let assetA: string;
  let assetB: string;
  /** How a plan's income line names each asset (code and name). */
  const named: Record<string, { assetCode: string; assetName: string }> = {};
  const income: Record<string, string> = {};
  const plans: Record<string, { id: string; allocations: Array<{ id: string }> }> = {};

  const evidence = () => ({
    partyBranchProposalOn: daysAgo(40),
    twoCommitteesDiscussionOn: daysAgo(38),
    partyMembersReviewOn: daysAgo(36),
    representativesDecisionOn: daysAgo(34),
    decisionPublishedOn: daysAgo(32),
    fileIds: [fileId],
  });
  const recordIncome = async (assetId: string, amount: string, days: number): Promise<string> => {
    const res = await clerk.gql<{ recordIncome: { id: string } }>(
      'mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { id } }',
      {
        input: {
          assetId,
          amount,
          kind: 'RENT',
          periodFrom: daysAgo(days + 40),
          periodTo: daysAgo(days + 1),
          receivedOn: daysAgo(days),
          idempotencyKey: `trail-${randomUUID()}`,
          supplement: false,
        },
      },
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.recordIncome.id;
  };
  const draft = async (input: Record<string, unknown>) => {
    const res = await clerk.gql<{
      draftDistributionPlan: { id: string; allocations: Array<{ id: string }> };
    }>(DRAFT, { input: { villageCode: village, ...input } });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.draftDistributionPlan;
  };
  const pay = async (
    plan: string,
    allocation: number,
    amount: string,
    days: number,
    householdId?: string,
  ) => {
    const res = await clerk.gql(PAYOUT, {
      input: {
        planId: plans[plan].id,
        allocationId: plans[plan].allocations[allocation].id,
        householdId,
        amount,
        paidOn: daysAgo(days),
      },
    });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  };
  const trail = async (vars: Record<string, unknown>, caller = clerk): Promise<Trail> => {
    const res = await caller.gql<{ moneyTrail: Trail }>(TRAIL, vars);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.moneyTrail;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    const admin = await t.as('admin');
    await admin.gql(
      `mutation { createRegion(code: "${village}", name: "资金测试村", parentCode: "500101151") { code } }`,
    );
    const created = await admin.gql(
      `mutation { createUser(input: { username: "zijin", displayName: "资金测试村 会计", role: VILLAGE_CLERK, regionCode: "${village}", password: "test-clerk-password" }) { id } }`,
    );
    expect(created.errors).toBeUndefined();
    clerk = await t.as('zijin', 'test-clerk-password');
    officer = await t.as('longju');
    h = [];
    for (let i = 0; i < 3; i++) h.push(await makeHousehold(clerk, village, { membersCount: i + 2 }));
    const upload = await t.http
      .post('/files')
      .set('authorization', `Bearer ${clerk.token}`)
      .attach('file', Buffer.from('%PDF-1.4\n% 决议\n%%EOF\n'), 'decision.pdf');
    fileId = upload.body.id;
    for (const ref of [
      await makeOwnedOperatingAsset(clerk, officer, village),
      await makeOwnedOperatingAsset(clerk, officer, village),
    ]) {
      named[ref.id] = { assetCode: ref.code, assetName: ref.name };
    }
    [assetA, assetB] = Object.keys(named);
    income.a1 = await recordIncome(assetA, '500.00', 100);
    income.b1 = await recordIncome(assetB, '1000.00', 80);
    income.a2 = await recordIncome(assetA, '300.00', 50);
  }, 90_000);
  afterAll(() => t.close());

  it('a plan takes the village’s income oldest first, or the records and assets it names; the links add up to it', async () => {
    plans.P1 = await draft({
      amount: '600.00',
      allocations: [
        {
          channel: 'PUBLIC_WELFARE_JOB_WAGES',
          amount: '400.00',
          beneficiaries: [
            { householdId: h[0].id, amount: '250.00' },
            { householdId: h[1].id, amount: '150.00' },
          ],
        },
        { channel: 'SMALL_PUBLIC_WORKS', amount: '200.00' },
      ],
    });
    const p1 = await clerk.gql<{ submitDistributionPlan: { income: unknown[] } }>(SUBMIT, {
      id: plans.P1.id,
      e: evidence(),
    });
    expect(p1.errors).toBeUndefined();
    expect(p1.data!.submitDistributionPlan.income).toEqual([
      { incomeId: income.a1, assetId: assetA, ...named[assetA], amount: '500.00' },
      { incomeId: income.b1, assetId: assetB, ...named[assetB], amount: '100.00' },
    ]);
    plans.P2 = await draft({
      amount: '500.00',
      allocations: [
        {
          channel: 'PUBLIC_WELFARE_JOB_WAGES',
          amount: '500.00',
          beneficiaries: [{ householdId: h[0].id, amount: '500.00' }],
        },
      ],
      income: [
        { assetId: assetA, amount: '300.00' },
        { incomeId: income.b1, amount: '200.00' },
      ],
    });
    const p2 = await clerk.gql<{ submitDistributionPlan: { income: unknown[] } }>(SUBMIT, {
      id: plans.P2.id,
      e: evidence(),
    });
    expect(p2.errors).toBeUndefined();
    expect(p2.data!.submitDistributionPlan.income).toEqual([
      { incomeId: income.b1, assetId: assetB, ...named[assetB], amount: '200.00' },
      { incomeId: income.a2, assetId: assetA, ...named[assetA], amount: '300.00' },
    ]);
    // Income already taken, and a request that does not add up to the plan: refused, nothing linked.
    const bad = await draft({
      amount: '50.00',
      allocations: [{ channel: 'SMALL_PUBLIC_WORKS', amount: '50.00' }],
      income: [{ incomeId: income.a1, amount: '1.00' }],
    });
    const refused = await clerk.gql(SUBMIT, { id: bad.id, e: evidence() });
    expect(errorReason(refused)).toBe('PLAN_RULES_VIOLATED');
    expect(errorFields(refused).sort()).toEqual(['income', 'income[0].amount']);
    const [{ n }] = await t.sql<{ n: string }>(
      'SELECT count(*) AS n FROM distribution_plan_income WHERE plan_id = $1',
      [bad.id],
    );
    expect(n).toBe('0');
    // A returned plan distributes nothing until it is submitted again.
    const small = await draft({
      amount: '10.00',
      allocations: [{ channel: 'SMALL_PUBLIC_WORKS', amount: '10.00' }],
    });
    expect((await clerk.gql(SUBMIT, { id: small.id, e: evidence() })).errors).toBeUndefined();
    const links = () =>
      t.sql<{ amount: string }>('SELECT amount::text FROM distribution_plan_income WHERE plan_id = $1', [
        small.id,
      ]);
    expect(await links()).toEqual([{ amount: '1000' }]);
    const returned = await officer.gql(
      'mutation($id: ID!) { returnDistributionPlan(id: $id, reason: "补充材料") { status } }',
      { id: small.id },
    );
    expect(returned.errors).toBeUndefined();
    expect(await links()).toEqual([]);
    // Income a plan distributes cannot be reversed.
    const reversal = await clerk.gql(
      'mutation($id: ID!) { reverseIncome(id: $id, reason: "录错了") { id } }',
      {
        id: income.a2,
      },
    );
    expect(errorReason(reversal)).toBe('INCOME_ALREADY_DISTRIBUTED');
  });

  it('moneyTrail(assetId): fund sources → project → asset → income → plans → payouts → households, adding up to the fen', async () => {
    for (const p of ['P1', 'P2'])
      expect((await officer.gql(FILE, { id: plans[p].id })).errors).toBeUndefined();
    await pay('P1', 0, '250.00', 10, h[0].id);
    await pay('P1', 1, '200.00', 9);
    await pay('P1', 0, '100.00', 8, h[1].id);
    await pay('P2', 0, '300.00', 5, h[0].id);
    // The plan names its beneficiaries and the households it paid (head and registry number).
    const named = await officer.gql<{
      distributionPlan: {
        allocations: Array<{
          beneficiaries: Array<{ householdId: string; headName: string; registryNo: string }>;
        }>;
        payouts: Array<{ householdId: string | null; headName: string | null; registryNo: string | null }>;
      };
    }>(
      `query($id: ID!) { distributionPlan(id: $id) {
        allocations { beneficiaries { householdId headName registryNo } }
        payouts { householdId headName registryNo } } }`,
      { id: plans.P1.id },
    );
    const byId = new Map(h.map((x) => [x.id, x.registryNo]));
    const beneficiaries = named.data!.distributionPlan.allocations.flatMap((a) => a.beneficiaries);
    expect(beneficiaries.map((b) => b.householdId).sort()).toEqual([h[0].id, h[1].id].sort());
    for (const b of beneficiaries)
      expect(b).toEqual({ ...b, headName: '测试户主', registryNo: byId.get(b.householdId) });
    const payouts = named.data!.distributionPlan.payouts;
    expect(payouts).toHaveLength(3);
    for (const x of payouts) {
      expect(x.registryNo).toBe(x.householdId ? byId.get(x.householdId) : null);
      expect(x.headName).toBe(x.householdId ? '测试户主' : null);
    }

    const a = await trail({ a: assetA });
    assertAddsUp(a);
    expect(a.investments.map((i) => [i.fundSource, i.amount]).sort()).toEqual([
      ['DISTRICT_FISCAL', '40000.00'],
      ['LINKAGE_FUND', '200000.00'],
    ]);
    expect(a.incomes.map((i) => [i.incomeId, i.amount, i.distributed])).toEqual([
      [income.a1, '500.00', '500.00'],
      [income.a2, '300.00', '300.00'],
    ]);
    expect(a.totals).toEqual({
      invested: '240000.00',
      income: '800.00',
      distributed: '800.00',
      // P1's payouts use a1 (500.00) first: 250 + 200 + 50; P2's use b1 (older) first: 100 of a2.
      paid: '600.00',
      paidToHouseholds: '400.00',
    });
    expect(a.households).toEqual(
      [
        { householdId: h[0].id, amount: '350.00' },
        { householdId: h[1].id, amount: '50.00' },
      ].sort((x, y) => x.householdId.localeCompare(y.householdId)),
    );
    const b = await trail({ a: assetB });
    assertAddsUp(b);
    expect(b.incomes).toEqual([
      {
        incomeId: income.b1,
        assetId: assetB,
        villageCode: village,
        amount: '1000.00',
        distributed: '300.00',
        undistributed: '700.00',
      },
    ]);
    expect(b.totals.paid).toBe('250.00');
    // The two assets' trails account for every fen paid in the village.
    const [{ paid }] = await t.sql<{ paid: string }>(
      `SELECT sum(x.amount)::text AS paid FROM distribution_payout x JOIN distribution_plan p ON p.id = x.plan_id WHERE p.village_code = $1`,
      [village],
    );
    expect(fen(a.totals.paid) + fen(b.totals.paid)).toBe(BigInt(paid));
    expect(BigInt(paid)).toBe(85000n);
  });

  it('moneyTrail(householdId) traces what a household was paid back to the income, assets and fund sources', async () => {
    const t0 = await trail({ h: h[0].id });
    assertAddsUp(t0);
    expect(t0.totals.paid).toBe('550.00');
    expect(t0.totals.paidToHouseholds).toBe('550.00');
    expect(t0.households).toEqual([{ householdId: h[0].id, amount: '550.00' }]);
    // The households along a trail are named (head and registry number), as a plan's payouts are.
    const named = await clerk.gql<{
      moneyTrail: { households: Array<{ householdId: string; headName: string; registryNo: string }> };
    }>('query($h: ID!) { moneyTrail(householdId: $h) { households { householdId headName registryNo } } }', {
      h: h[0].id,
    });
    expect(named.data!.moneyTrail.households).toEqual([
      { householdId: h[0].id, headName: '测试户主', registryNo: h[0].registryNo },
    ]);
    expect(t0.payouts.map((p) => [p.incomeId, p.amount]).sort()).toEqual(
      [
        [income.a1, '250.00'],
        [income.b1, '200.00'],
        [income.a2, '100.00'],
      ].sort(),
    );
    expect(new Set(t0.investments.map((i) => i.assetId))).toEqual(new Set([assetA, assetB]));
    const receipts = await clerk.gql<{ householdReceipts: Array<{ amount: string }> }>(
      'query($id: ID!) { householdReceipts(householdId: $id) { amount } }',
      { id: h[0].id },
    );
    expect(sum(receipts.data!.householdReceipts.map((r) => r.amount))).toBe(fen(t0.totals.paid));
    const none = await trail({ h: h[2].id });
    expect(none.totals).toEqual({
      invested: '0.00',
      income: '0.00',
      distributed: '0.00',
      paid: '0.00',
      paidToHouseholds: '0.00',
    });
  });

  it('moneyTrail(fundSource) covers the assets that fund source invested in, within a region', async () => {
    const f = await trail({ f: 'LINKAGE_FUND', r: village }, officer);
    assertAddsUp(f);
    expect(f.investments.map((i) => i.fundSource)).toEqual(['LINKAGE_FUND', 'LINKAGE_FUND']);
    expect(f.totals).toMatchObject({
      invested: '400000.00',
      income: '1800.00',
      distributed: '1100.00',
      paid: '850.00',
    });
  });

  it('region scope: out of scope is NOT_FOUND for a record and FORBIDDEN for a region; one subject only', async () => {
    const luotian = await t.as('luotian');
    expect(errorCode(await luotian.gql(TRAIL, { a: assetA }))).toBe('NOT_FOUND');
    expect(errorCode(await luotian.gql(TRAIL, { h: h[0].id }))).toBe('NOT_FOUND');
    expect(errorCode(await luotian.gql(TRAIL, { f: 'LINKAGE_FUND', r: village }))).toBe('FORBIDDEN');
    // luotian's own district-wide view of the fund source holds nothing of this village.
    const own = await trail({ f: 'LINKAGE_FUND' }, luotian);
    expect(own.incomes.some((i) => i.incomeId === income.a1)).toBe(false);
    expect(errorCode(await clerk.gql(TRAIL, { a: assetA, h: h[0].id }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await clerk.gql(TRAIL, {}))).toBe('BAD_USER_INPUT');
    const auditor = await trail({ a: assetA }, await t.as('auditor'));
    expect(auditor.totals.paid).toBe('600.00');
  });

  it('plans committed before plans named their income get their links once, at boot, on the ledger', async () => {
    // A database from before the links: P1 has none and the step has not run.
    await t.sql('DELETE FROM distribution_plan_income WHERE plan_id = $1', [plans.P1.id]);
    await t.sql(`DELETE FROM seed_run WHERE name = 'reference:plan-income-links:v1'`);
    const next = await t.sibling();
    await next.close();
    const links = await t.sql<{ income_id: string; amount: string }>(
      'SELECT income_id, amount::text FROM distribution_plan_income WHERE plan_id = $1 ORDER BY amount DESC',
      [plans.P1.id],
    );
    expect(links).toEqual([
      { income_id: income.a1, amount: '50000' },
      { income_id: income.b1, amount: '10000' },
    ]);
    const entries = await t.sql<{ canonical: Buffer }>(
      `SELECT canonical FROM ledger_entry WHERE action = 'PLAN_INCOME_LINKED' AND entity_id = $1`,
      [plans.P1.id],
    );
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0].canonical.toString('utf8')).after.income).toHaveLength(2);
    // Only once: P2 kept the links it asked for.
    const p2 = await t.sql<{ amount: string }>(
      'SELECT amount::text FROM distribution_plan_income WHERE plan_id = $1 ORDER BY amount',
      [plans.P2.id],
    );
    expect(p2.map((l) => l.amount)).toEqual(['20000', '30000']);
  });
});
