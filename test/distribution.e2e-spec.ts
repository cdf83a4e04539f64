import { randomUUID } from 'node:crypto';
import { formatYuan, parseYuan } from '@/common/scalars';
import { daysAgo, makeHousehold, makeOwnedOperatingAsset } from './support/factories';
import { Caller, errorCode, errorFields, errorReason, TestApp } from './support/test-app';

const DRAFT =
  'mutation($input: DraftPlanInput!) { draftDistributionPlan(input: $input) { id status version allocations { id channel amount } } }';
const SUBMIT =
  'mutation($id: ID!, $e: DecisionEvidenceInput!) { submitDistributionPlan(id: $id, decisionEvidence: $e) { id status policyVersion version } }';
const FILE = 'mutation($id: ID!) { fileDistributionPlan(id: $id) { id status } }';
const RETURN =
  'mutation($id: ID!, $r: String!) { returnDistributionPlan(id: $id, reason: $r) { id status returnReason version } }';
const PAYOUT =
  'mutation($input: RecordPayoutInput!) { recordPayout(input: $input) { id status allocations { id amount paid } } }';
const BALANCES =
  'query($r: String) { villageIncomeBalances(regionCode: $r) { villageCode received planned paid undistributed oldestUndistributedOn oldestUndistributedDays } }';

type Plan = {
  id: string;
  status: string;
  version: number;
  allocations: Array<{ id: string; channel: string; amount: string; paid?: string }>;
};
type Balance = {
  villageCode: string;
  received: string;
  planned: string;
  paid: string;
  undistributed: string;
  oldestUndistributedOn: string | null;
};

/**
 * Distribution in a village made for this file (no demo income), under 龙驹镇 (officer longju), with a
 * clerk of its own.
 */
describe('income distribution plans (e2e)', () => {
  const village = '500101151250';
  let t: TestApp;
  let clerk: Caller;
  let officer: Caller;
  let households: Array<{ id: string }>;
  let fileId: string;

  const evidence = (over: Record<string, unknown> = {}) => ({
    partyBranchProposalOn: daysAgo(30),
    twoCommitteesDiscussionOn: daysAgo(27),
    partyMembersReviewOn: daysAgo(25),
    representativesDecisionOn: daysAgo(20),
    decisionPublishedOn: daysAgo(18),
    fileIds: [fileId],
    ...over,
  });
  const balance = async (): Promise<Balance> =>
    (await clerk.gql<{ villageIncomeBalances: Balance[] }>(BALANCES, { r: village })).data!
      .villageIncomeBalances[0];
  const draft = async (input: Record<string, unknown>): Promise<Plan> => {
    const res = await clerk.gql<{ draftDistributionPlan: Plan }>(DRAFT, {
      input: { villageCode: village, ...input },
    });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.draftDistributionPlan;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    const admin = await t.as('admin');
    await admin.gql(
      'mutation { createRegion(code: "500101151250", name: "分配测试村", parentCode: "500101151") { code } }',
    );
    const created = await admin.gql(
      'mutation { createUser(input: { username: "fenpei", displayName: "分配测试村 会计", role: VILLAGE_CLERK, regionCode: "500101151250", password: "test-clerk-password" }) { id } }',
    );
    expect(created.errors).toBeUndefined();
    clerk = await t.as('fenpei', 'test-clerk-password');
    officer = await t.as('longju');
    // This village's own households: 4 eligible, 1 that left monitoring long ago.
    households = [];
    for (let i = 0; i < 4; i++) households.push(await makeHousehold(clerk, village, { membersCount: i + 1 }));
    const left = await makeHousehold(clerk, village, { startedOn: '2019-01-01' });
    await clerk.gql(
      'mutation($id: ID!) { endHouseholdStatus(householdId: $id, endedOn: "2023-05-10", reason: "风险消除") { id } }',
      { id: left.id },
    );
    households.push(left);
    const upload = await t.http
      .post('/files')
      .set('authorization', `Bearer ${clerk.token}`)
      .attach('file', Buffer.from('%PDF-1.4\n% 村民代表会议决议\n%%EOF\n'), 'decision.pdf');
    expect(upload.status).toBe(201);
    fileId = upload.body.id;
    // Income to distribute: 20,000.00 received by the village's asset.
    const asset = await makeOwnedOperatingAsset(clerk, officer, village);
    const res = await clerk.gql(
      'mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { id } }',
      {
        input: {
          assetId: asset.id,
          amount: '20000.00',
          kind: 'RENT',
          periodFrom: '2025-01-01',
          periodTo: '2025-12-31',
          receivedOn: daysAgo(200),
          idempotencyKey: `dist-${randomUUID()}`,
          supplement: false,
        },
      },
    );
    expect(res.errors).toBeUndefined();
  }, 60_000);
  afterAll(() => t.close());

  it('draft → submit (checked) → filed by the township → paid out → COMPLETED, and the numbers add up', async () => {
    const start = await balance();
    const plan = await draft({
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
    });
    expect(plan.status).toBe('DRAFT');
    expect((await balance()).planned).toBe(start.planned); // a draft commits nothing
    const submitted = await clerk.gql<{ submitDistributionPlan: Plan & { policyVersion: number } }>(SUBMIT, {
      id: plan.id,
      e: evidence(),
    });
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.submitDistributionPlan).toMatchObject({ status: 'SUBMITTED', policyVersion: 1 });
    const afterSubmit = await balance();
    expect(BigInt(afterSubmit.planned.replace('.', '')) - BigInt(start.planned.replace('.', ''))).toBe(
      500000n,
    );
    expect(errorCode(await clerk.gql(FILE, { id: plan.id }))).toBe('FORBIDDEN');
    expect(errorCode(await (await t.as('luotian')).gql(FILE, { id: plan.id }))).toBe('NOT_FOUND');
    expect(
      (await officer.gql<{ fileDistributionPlan: Plan }>(FILE, { id: plan.id })).data!.fileDistributionPlan
        .status,
    ).toBe('FILED');
    const [wages, ...others] = plan.allocations;
    for (const [householdId, amount] of [
      [households[0].id, '1800.00'],
      [households[1].id, '1200.00'],
    ]) {
      const res = await clerk.gql<{ recordPayout: Plan }>(PAYOUT, {
        input: { planId: plan.id, allocationId: wages.id, householdId, amount, paidOn: daysAgo(1) },
      });
      expect(res.errors).toBeUndefined();
    }
    for (const a of others) {
      const res = await clerk.gql<{ recordPayout: Plan }>(PAYOUT, {
        input: { planId: plan.id, allocationId: a.id, amount: a.amount, paidOn: daysAgo(1) },
      });
      expect(res.errors).toBeUndefined();
    }
    const done = await clerk.gql<{ distributionPlan: Plan & { payouts: unknown[] } }>(
      'query($id: ID!) { distributionPlan(id: $id) { status payouts { amount } allocations { amount paid } } }',
      { id: plan.id },
    );
    expect(done.data!.distributionPlan.status).toBe('COMPLETED');
    for (const a of done.data!.distributionPlan.allocations) expect(a.paid).toBe(a.amount);
    const end = await balance();
    const fen = (s: string) => BigInt(s.replace('.', ''));
    expect(fen(end.received)).toBe(fen(end.planned) + fen(end.undistributed));
    expect(fen(end.paid) - fen(start.paid)).toBe(500000n);
    const receipts = await clerk.gql<{
      householdReceipts: Array<{ year: number; channel: string; amount: string }>;
    }>('query($id: ID!) { householdReceipts(householdId: $id) { year channel amount plans } }', {
      id: households[0].id,
    });
    expect(receipts.data!.householdReceipts).toEqual([
      {
        year: Number(daysAgo(1).slice(0, 4)),
        channel: 'PUBLIC_WELFARE_JOB_WAGES',
        amount: '1800.00',
        plans: 1,
      },
    ]);
  });

  it('submission refuses with every violated rule listed', async () => {
    await (
      await t.as('admin')
    ).gql(
      `mutation { setDistributionPolicy(input: {
        channelLimits: [{ channel: RESERVE_FUND, maxPercent: "30" }, { channel: PUBLIC_WELFARE_JOB_WAGES, minPercent: "20" }],
        forbiddenChannels: [COLLECTIVE_ECONOMY], banEqualSplit: true, minDecisionFiles: 1, note: "测试政策" }) { version } }`,
    );
    const all = households.slice(0, 4);
    const plan = await draft({
      amount: '999999.00',
      allocations: [
        { channel: 'RESERVE_FUND', amount: '400000.00' },
        { channel: 'COLLECTIVE_ECONOMY', amount: '1000.00' },
        {
          channel: 'AWARDS_SUBSIDIES',
          amount: '400.00',
          beneficiaries: all.map((h) => ({ householdId: h.id, amount: '100.00' })),
        },
        {
          channel: 'SUPPORT_NO_LABOUR_CAPACITY',
          amount: '300.00',
          beneficiaries: [
            { householdId: households[4].id, amount: '100.00' },
            { householdId: households[0].id, amount: '150.00' },
          ],
        },
      ],
    });
    const res = await clerk.gql(SUBMIT, {
      id: plan.id,
      e: evidence({ partyMembersReviewOn: daysAgo(29), decisionPublishedOn: daysAgo(-3), fileIds: [] }),
    });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(errorReason(res)).toBe('PLAN_RULES_VIOLATED');
    expect(errorFields(res).sort()).toEqual(
      [
        'allocations', // 401700.00 ≠ 999999.00
        'allocations[3].beneficiaries', // 250.00 ≠ 300.00
        'amount', // more than the undistributed income
        'allocations[3].beneficiaries[0].householdId', // left monitoring in 2023
        'allocations[1].channel', // forbidden
        'policy.RESERVE_FUND', // above 30%
        'policy.PUBLIC_WELFARE_JOB_WAGES', // below 20%
        'decisionEvidence.partyMembersReviewOn',
        'decisionEvidence.decisionPublishedOn',
        'decisionEvidence.fileIds',
      ].sort(),
    );
    const messagesOf = (r: typeof res): Map<string, string> =>
      new Map(
        (r.errors?.[0]?.extensions.fields ?? []).map((f: { field: string; message: string }) => [
          f.field,
          f.message,
        ]),
      );
    // In English (as asked), each finding is an English sentence, the channel by its value.
    const english = messagesOf(res);
    expect(english.get('policy.RESERVE_FUND')).toMatch(
      /^RESERVE_FUND is \d+\.\d{2}% of the plan; the policy allows at most 30\.00%$/,
    );
    for (const message of english.values()) expect(message).not.toMatch(/[\u4e00-\u9fff]/);
    // In Chinese, each finding is a Chinese sentence the console shows as it is, the channel by its
    // Chinese name, the steps of 四议两公开 by theirs.
    const zh = await t.inLanguage('zh-CN', () =>
      clerk.gql(SUBMIT, {
        id: plan.id,
        e: evidence({ partyMembersReviewOn: daysAgo(29), decisionPublishedOn: daysAgo(-3), fileIds: [] }),
      }),
    );
    const messages = messagesOf(zh);
    expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
    expect(messages.get('policy.RESERVE_FUND')).toMatch(
      /^“提取公积公益金”占方案的 \d+\.\d{2}%，政策规定最多 30\.00%$/,
    );
    expect(messages.get('allocations')).toBe('各项分配合计 401700.00 元，与方案金额 999999.00 元不一致');
    expect(messages.get('decisionEvidence.decisionPublishedOn')).toBe(`日期（${daysAgo(-3)}）晚于今天`);
    expect(zh.errors?.[0]?.message).toContain(`「决议公开」日期（${daysAgo(-3)}）晚于今天`);
    for (const message of messages.values()) expect(message).toMatch(/[\u4e00-\u9fff]/);
    for (const message of messages.values()) expect(message).not.toMatch(/[A-Za-z]{3,}/);
    const [row] = await t.sql<{ status: string }>('SELECT status FROM distribution_plan WHERE id = $1', [
      plan.id,
    ]);
    expect(row.status).toBe('DRAFT');
  });

  it('an equal cash split across all the village’s households (一分了之) is refused', async () => {
    const [{ n }] = await t.sql<{ n: string }>(
      'SELECT count(*) AS n FROM household WHERE village_code = $1',
      [village],
    );
    const all = await t.sql<{ id: string }>('SELECT id FROM household WHERE village_code = $1', [village]);
    const each = 100n;
    const plan = await draft({
      amount: `${(each * BigInt(n)).toString()}.00`,
      allocations: [
        {
          channel: 'PUBLIC_WELFARE_JOB_WAGES',
          amount: `${(each * BigInt(n)).toString()}.00`,
          beneficiaries: all.map((h) => ({ householdId: h.id, amount: '100.00' })),
        },
      ],
    });
    const res = await clerk.gql(SUBMIT, { id: plan.id, e: evidence() });
    expect(errorFields(res)).toContain('allocations[0]');
    expect(JSON.stringify(res.errors)).toContain('cash must not be split equally');
    const zh = await t.inLanguage('zh-CN', () => clerk.gql(SUBMIT, { id: plan.id, e: evidence() }));
    expect(JSON.stringify(zh.errors)).toContain('一分了之');
  });

  it('the township returns a plan with a mandatory reason; it goes back to draft and may be resubmitted', async () => {
    const plan = await draft({
      amount: '100.00',
      allocations: [{ channel: 'PUBLIC_WELFARE_JOB_WAGES', amount: '100.00' }],
    });
    expect((await clerk.gql(SUBMIT, { id: plan.id, e: evidence() })).errors).toBeUndefined();
    const noReason = await officer.gql(RETURN, { id: plan.id, r: '' });
    expect(errorFields(noReason)).toEqual(['reason']);
    const returned = await officer.gql<{ returnDistributionPlan: Plan & { returnReason: string } }>(RETURN, {
      id: plan.id,
      r: '请补充党员大会审议记录',
    });
    expect(returned.data!.returnDistributionPlan).toMatchObject({
      status: 'DRAFT',
      returnReason: '请补充党员大会审议记录',
    });
    const updated = await clerk.gql<{ updateDistributionPlan: Plan }>(
      'mutation($id: ID!, $v: Int!) { updateDistributionPlan(id: $id, expectedVersion: $v, changes: { title: "修改后的方案" }) { version status } }',
      { id: plan.id, v: returned.data!.returnDistributionPlan.version },
    );
    expect(updated.data!.updateDistributionPlan.status).toBe('DRAFT');
    const stale = await clerk.gql(
      'mutation($id: ID!) { updateDistributionPlan(id: $id, expectedVersion: 1, changes: { title: "x" }) { version } }',
      { id: plan.id },
    );
    expect(errorReason(stale)).toBe('STALE_VERSION');
    expect((await clerk.gql(SUBMIT, { id: plan.id, e: evidence() })).errors).toBeUndefined();
    expect(errorCode(await clerk.gql(SUBMIT, { id: plan.id, e: evidence() }))).toBe('CONFLICT');
  });

  it('payouts: only on filed plans; overpaying is refused; 20 concurrent payouts pay an allocation exactly once in full', async () => {
    const plan = await draft({
      amount: '1000.00',
      allocations: [{ channel: 'PUBLIC_WELFARE_JOB_WAGES', amount: '1000.00' }],
    });
    const allocationId = plan.allocations[0].id;
    const early = await clerk.gql(PAYOUT, {
      input: { planId: plan.id, allocationId, amount: '10.00', paidOn: daysAgo(0) },
    });
    expect(errorReason(early)).toBe('PLAN_WRONG_STATUS');
    expect((await clerk.gql(SUBMIT, { id: plan.id, e: evidence() })).errors).toBeUndefined();
    expect((await officer.gql(FILE, { id: plan.id })).errors).toBeUndefined();
    const over = await clerk.gql(PAYOUT, {
      input: { planId: plan.id, allocationId, amount: '1000.01', paidOn: daysAgo(0) },
    });
    expect(errorCode(over)).toBe('CONFLICT');
    expect(errorReason(over)).toBe('PAYOUT_EXCEEDS_ALLOCATION');
    // 20 × 100.00 would pay 2000.00 of a 1000.00 allocation: exactly 10 succeed.
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        clerk.gql(PAYOUT, { input: { planId: plan.id, allocationId, amount: '100.00', paidOn: daysAgo(0) } }),
      ),
    );
    expect(results.filter((r) => !r.errors).length).toBe(10);
    expect(
      results.filter(
        (r) => errorReason(r) === 'PAYOUT_EXCEEDS_ALLOCATION' || errorReason(r) === 'PLAN_WRONG_STATUS',
      ).length,
    ).toBe(10);
    const [{ paid }] = await t.sql<{ paid: string }>(
      'SELECT sum(amount)::text AS paid FROM distribution_payout WHERE allocation_id = $1',
      [allocationId],
    );
    expect(paid).toBe('100000');
    const [{ status }] = await t.sql<{ status: string }>(
      'SELECT status FROM distribution_plan WHERE id = $1',
      [plan.id],
    );
    expect(status).toBe('COMPLETED');
  });

  it('only the village (or its township) drafts; others are FORBIDDEN', async () => {
    const input = {
      villageCode: village,
      amount: '1.00',
      allocations: [{ channel: 'RESERVE_FUND', amount: '1.00' }],
    };
    for (const user of ['wutong', 'daping', 'district', 'auditor', 'luotian']) {
      expect({ user, code: errorCode(await (await t.as(user)).gql(DRAFT, { input })) }).toEqual({
        user,
        code: 'FORBIDDEN',
      });
    }
    expect(errorFields(await clerk.gql(DRAFT, { input: { ...input, villageCode: '500101151' } }))).toEqual([
      'input.villageCode',
    ]);
  });

  it('reversing income already planned is refused; balances report the oldest undistributed fen', async () => {
    const b = await balance();
    expect(b.oldestUndistributedOn).toBe(daysAgo(200));
    const [income] = await t.sql<{ id: string }>(
      `SELECT r.id FROM income_record r JOIN income_share s ON s.income_id = r.id WHERE s.village_code = $1 AND r.received_on = $2`,
      [village, daysAgo(200)],
    );
    const res = await clerk.gql('mutation($id: ID!) { reverseIncome(id: $id, reason: "录错了") { id } }', {
      id: income.id,
    });
    expect(errorReason(res)).toBe('INCOME_ALREADY_DISTRIBUTED');
  });

  it('the policy is versioned and on the ledger; only ADMIN sets it; a plan records the version it was checked against', async () => {
    const policies = await clerk.gql<{ distributionPolicies: Array<{ version: number }> }>(
      '{ distributionPolicies { version } }',
    );
    expect(policies.data!.distributionPolicies.map((p) => p.version)).toEqual([2, 1]);
    const entries = await t.sql<{ entity_id: string }>(
      `SELECT entity_id FROM ledger_entry WHERE action = 'DISTRIBUTION_POLICY_SET' ORDER BY idx`,
    );
    expect(entries.map((e) => e.entity_id)).toEqual(['1', '2']);
    expect(
      errorCode(
        await clerk.gql(
          'mutation { setDistributionPolicy(input: { channelLimits: [], forbiddenChannels: [], banEqualSplit: false, minDecisionFiles: 0 }) { version } }',
        ),
      ),
    ).toBe('FORBIDDEN');
    const bad = await (
      await t.as('admin')
    ).gql(
      'mutation { setDistributionPolicy(input: { channelLimits: [{ channel: RESERVE_FUND, minPercent: "60" }, { channel: ASSET_UPKEEP, minPercent: "50" }], forbiddenChannels: [], banEqualSplit: true, minDecisionFiles: 1 }) { version } }',
    );
    expect(errorFields(bad)).toEqual(['input.channelLimits']);
    const plans = await t.sql<{ policy_version: number }>(
      `SELECT DISTINCT policy_version FROM distribution_plan WHERE status <> 'DRAFT' AND village_code = $1 ORDER BY 1`,
      [village],
    );
    expect(plans.map((p) => p.policy_version)).toEqual([1, 2]);
  });

  it('incomeSummary by channel and by kind/year; asset income balance', async () => {
    const auditor = await t.as('auditor');
    const byChannel = await auditor.gql<{
      incomeSummary: Array<{ channel: string; planned: string; paid: string }>;
    }>(
      '{ incomeSummary(groupBy: [CHANNEL], filter: { regionCode: "500101151250" }) { channel count planned paid } }',
    );
    const channels = Object.fromEntries(byChannel.data!.incomeSummary.map((g) => [g.channel, g]));
    expect(channels.SMALL_PUBLIC_WORKS).toMatchObject({ planned: '1500.00', paid: '1500.00' });
    // 3000.00 (completed) + 100.00 (resubmitted, not yet filed) + 1000.00 (paid in full)
    expect(channels.PUBLIC_WELFARE_JOB_WAGES).toMatchObject({ planned: '4100.00', paid: '4000.00' });
    const byKind = await auditor.gql<{ incomeSummary: Array<{ kind: string; received: string }> }>(
      '{ incomeSummary(groupBy: [KIND, YEAR], filter: { regionCode: "500101151250" }) { kind year received count } }',
    );
    expect(byKind.data!.incomeSummary.find((g) => g.kind === 'RENT')!.received).toBe('20000.00');
    const mixed = await auditor.gql('{ incomeSummary(groupBy: [CHANNEL, ASSET]) { count } }');
    expect(errorFields(mixed)).toEqual(['groupBy']);
    const assets = await auditor.gql<{
      assets: {
        edges: Array<{
          node: { incomeBalance: { received: string; planned: string; undistributed: string } };
        }>;
      };
    }>(
      '{ assets(filter: { regionCode: "500101151250", class: [OPERATING] }, first: 200) { edges { node { incomeBalance { received planned undistributed } } } } }',
    );
    const withIncome = assets
      .data!.assets.edges.map((e) => e.node.incomeBalance)
      .filter((b) => b.received !== '0.00');
    expect(withIncome.some((b) => b.planned !== '0.00')).toBe(true);
  });

  it('incomeSummary per asset, region and year says what is distributable, planned, paid and undistributed, as each asset’s income balance does', async () => {
    type Sums = { distributable: string; planned: string; paid: string; undistributed: string };
    type Group = Sums & { assetId: string; received: string; regionCode: string; year: number };
    const auditor = await t.as('auditor');
    const sum = (groups: Sums[], key: keyof Sums) =>
      formatYuan(groups.reduce((a, g) => a + parseYuan(g[key]), 0n));
    for (const filter of [{ regionCode: village }, undefined]) {
      const byAsset = (
        await auditor.gql<{ incomeSummary: Group[] }>(
          'query($f: IncomeFilter) { incomeSummary(groupBy: [ASSET], filter: $f) { assetId received distributable planned paid undistributed } }',
          { f: filter },
        )
      ).data!.incomeSummary;
      expect(byAsset.length).toBeGreaterThan(0);
      const aliases = byAsset
        .map(
          (g, i) =>
            `a${i}: asset(id: "${g.assetId}") { incomeBalance { received distributable planned paid undistributed } }`,
        )
        .join(' ');
      const balances = (
        await auditor.gql<Record<string, { incomeBalance: Sums & { received: string } }>>(`{ ${aliases} }`)
      ).data!;
      byAsset.forEach((g, i) => {
        expect({ asset: g.assetId, ...balances[`a${i}`].incomeBalance }).toEqual({
          asset: g.assetId,
          received: g.received,
          distributable: g.distributable,
          planned: g.planned,
          paid: g.paid,
          undistributed: g.undistributed,
        });
      });
      if (filter) {
        // The plans above take from this village's income and paid some of it: the sums are not all zero.
        expect(byAsset.some((g) => g.planned !== '0.00' && g.paid !== '0.00')).toBe(true);
        expect(byAsset.some((g) => g.undistributed !== '0.00')).toBe(true);
      }
      // Grouped otherwise, the same totals.
      const byRegionYear = (
        await auditor.gql<{ incomeSummary: Group[] }>(
          'query($f: IncomeFilter) { incomeSummary(groupBy: [REGION, YEAR], filter: $f) { regionCode year distributable planned paid undistributed } }',
          { f: filter },
        )
      ).data!.incomeSummary;
      for (const key of ['distributable', 'planned', 'paid', 'undistributed'] as const) {
        expect([key, sum(byRegionYear, key)]).toEqual([key, sum(byAsset, key)]);
      }
    }
    const byChannel = (
      await auditor.gql<{ incomeSummary: Array<Record<string, unknown>> }>(
        '{ incomeSummary(groupBy: [CHANNEL]) { distributable undistributed received planned } }',
      )
    ).data!.incomeSummary;
    expect(byChannel[0]).toMatchObject({ distributable: null, undistributed: null, received: null });
  });
});
