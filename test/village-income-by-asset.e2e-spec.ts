import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { daysAgo, makeOwnedOperatingAsset, VillageShare } from './support/factories';
import { Caller, errorCode, errorFields, errorReason, TestApp } from './support/test-app';

const BY_ASSET = `query($v: String!) { villageIncomeByAsset(villageCode: $v) {
  assetId assetCode assetName locationCode locationName left oldestReceivedOn } }`;
const DRAFT = 'mutation($input: DraftPlanInput!) { draftDistributionPlan(input: $input) { id } }';
const SUBMIT =
  'mutation($id: ID!, $e: DecisionEvidenceInput!) { submitDistributionPlan(id: $id, decisionEvidence: $e) { id status income { assetId locationCode locationName amount } } }';

interface Line {
  assetId: string;
  assetCode: string;
  assetName: string;
  locationCode: string;
  locationName: string;
  left: string;
  oldestReceivedOn: string;
}

/**
 * What a plan's 指定资产的收益 offers: a village's share of each asset's income still to distribute, also
 * from an asset it co-owns in another village (which its own asset list does not hold), never the other
 * owner's share. Two villages made for this file under 龙驹镇.
 */
describe('villageIncomeByAsset (e2e)', () => {
  const east = '500101151254';
  const west = '500101151255';
  let t: TestApp;
  let eastClerk: Caller;
  let westClerk: Caller;
  let officer: Caller;
  let shared: { id: string; code: string; name: string };
  let own: { id: string; code: string; name: string };

  const byAsset = async (caller: Caller, village: string): Promise<Line[]> => {
    const res = await caller.gql<{ villageIncomeByAsset: Line[] }>(BY_ASSET, { v: village });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.villageIncomeByAsset;
  };
  const recordIncome = async (assetId: string, amount: string, days: number): Promise<void> => {
    const res = await eastClerk.gql(
      'mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { id } }',
      {
        input: {
          assetId,
          amount,
          kind: 'RENT',
          periodFrom: daysAgo(days + 19),
          periodTo: daysAgo(days + 1),
          receivedOn: daysAgo(days),
          idempotencyKey: `by-asset-${randomUUID()}`,
          supplement: false,
        },
      },
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  };
  const assetBalance = async (caller: Caller, id: string) => {
    const fields = 'distributable planned undistributed';
    const res = await caller.gql<{ asset: object }>(
      `query($id: ID!) { asset(id: $id) { incomeBalance { ${fields} }
        incomeBalanceByVillage { villageCode villageName ${fields} } } }`,
      { id },
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.asset;
  };
  const owned = (owners: VillageShare[]) => makeOwnedOperatingAsset(eastClerk, officer, east, {}, owners);

  beforeAll(async () => {
    t = await TestApp.start();
    const admin = await t.as('admin');
    for (const [code, name, user] of [
      [east, '东坡测试村', 'dongpo'],
      [west, '西坡测试村', 'xipo'],
    ]) {
      await admin.gql(
        `mutation { createRegion(code: "${code}", name: "${name}", parentCode: "500101151") { code } }`,
      );
      const created = await admin.gql(
        `mutation { createUser(input: { username: "${user}", displayName: "${name} 会计", role: VILLAGE_CLERK, regionCode: "${code}", password: "test-clerk-password" }) { id } }`,
      );
      expect(created.errors).toBeUndefined();
    }
    eastClerk = await t.as('dongpo', 'test-clerk-password');
    westClerk = await t.as('xipo', 'test-clerk-password');
    officer = await t.as('longju');
    // In 东坡: a greenhouse 东坡 owns 60% and 西坡 40%, and one 东坡 owns alone.
    shared = await owned([
      [east, '60'],
      [west, '40'],
    ]);
    own = await owned([[east, '100']]);
    await recordIncome(shared.id, '1000.00', 50);
    await recordIncome(own.id, '200.00', 40);
    await recordIncome(shared.id, '500.01', 30);
  }, 90_000);
  afterAll(() => t?.close());

  it('lists each village’s own share, also of an asset it co-owns in another village, oldest first', async () => {
    expect(await byAsset(eastClerk, east)).toEqual([
      // 60% of 1000.00 and of 500.01 (300.006, to the fen by largest remainder: 300.01).
      {
        assetId: shared.id,
        assetCode: shared.code,
        assetName: shared.name,
        locationCode: east,
        locationName: '东坡测试村',
        left: '900.01',
        oldestReceivedOn: daysAgo(50),
      },
      {
        assetId: own.id,
        assetCode: own.code,
        assetName: own.name,
        locationCode: east,
        locationName: '东坡测试村',
        left: '200.00',
        oldestReceivedOn: daysAgo(40),
      },
    ]);
    const westLines = await byAsset(westClerk, west);
    expect(westLines).toEqual([
      {
        assetId: shared.id,
        assetCode: shared.code,
        assetName: shared.name,
        locationCode: east,
        locationName: '东坡测试村',
        left: '600.00',
        oldestReceivedOn: daysAgo(50),
      },
    ]);
    // 西坡's own asset list does not hold the greenhouse (it is in 东坡), and its balance counts both villages' shares.
    const seen = await westClerk.gql<{ assets: { totalCount: number } }>(
      'query($r: String) { assets(filter: { regionCode: $r, class: [OPERATING] }) { totalCount } }',
      { r: west },
    );
    expect(seen.data!.assets.totalCount).toBe(0);
    expect(await assetBalance(eastClerk, shared.id)).toEqual({
      incomeBalance: { distributable: '1500.01', planned: '0.00', undistributed: '1500.01' },
      // The asset's page tells the owners' parts apart: 西坡's 600.00 is not 东坡's to plan.
      incomeBalanceByVillage: [
        {
          villageCode: east,
          villageName: '东坡测试村',
          distributable: '900.01',
          planned: '0.00',
          undistributed: '900.01',
        },
        {
          villageCode: west,
          villageName: '西坡测试村',
          distributable: '600.00',
          planned: '0.00',
          undistributed: '600.00',
        },
      ],
    });
    // The township and the district read every village of theirs; an auditor too.
    expect(await byAsset(officer, west)).toEqual(westLines);
    expect(await byAsset(await t.as('district'), west)).toEqual(westLines);
    expect(await byAsset(await t.as('auditor'), west)).toEqual(westLines);
  });

  it('what it lists for an asset is what a plan may take from it, a fen more is refused; a plan takes it off the list', async () => {
    const fileId = await westClerk.upload(Buffer.from('%PDF-1.4\n% 决议\n%%EOF\n'), 'decision.pdf');
    const evidence = {
      partyBranchProposalOn: daysAgo(30),
      twoCommitteesDiscussionOn: daysAgo(27),
      partyMembersReviewOn: daysAgo(25),
      representativesDecisionOn: daysAgo(20),
      decisionPublishedOn: daysAgo(18),
      fileIds: [fileId],
    };
    const plan = async (amount: string) => {
      const res = await westClerk.gql<{ draftDistributionPlan: { id: string } }>(DRAFT, {
        input: {
          villageCode: west,
          amount,
          allocations: [{ channel: 'SMALL_PUBLIC_WORKS', amount }],
          income: [{ assetId: shared.id, amount }],
        },
      });
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      return westClerk.gql<{ submitDistributionPlan: { status: string; income: object[] } }>(SUBMIT, {
        id: res.data.draftDistributionPlan.id,
        e: evidence,
      });
    };
    const more = await plan('600.01');
    expect(errorReason(more)).toBe('PLAN_RULES_VIOLATED');
    expect(errorFields(more)).toContain('income[0].amount');
    const exact = await plan('600.00');
    expect(exact.errors).toBeUndefined();
    expect(exact.data!.submitDistributionPlan.status).toBe('SUBMITTED');
    // The plan's income names where the asset is: in 东坡, not in 西坡.
    // (40 % of each of the greenhouse's two records.)
    expect(exact.data!.submitDistributionPlan.income).toEqual([
      { assetId: shared.id, locationCode: east, locationName: '东坡测试村', amount: '400.00' },
      { assetId: shared.id, locationCode: east, locationName: '东坡测试村', amount: '200.00' },
    ]);
    expect(await byAsset(westClerk, west)).toEqual([]);
    // 东坡's share is untouched, and 东坡 may plan all of it.
    expect((await byAsset(eastClerk, east)).map((l) => l.left)).toEqual(['900.01', '200.00']);
    const eastFile = await eastClerk.upload(Buffer.from('%PDF-1.4\n% 决议\n%%EOF\n'), 'decision.pdf');
    const eastPlan = await eastClerk.gql<{ draftDistributionPlan: { id: string } }>(DRAFT, {
      input: {
        villageCode: east,
        amount: '900.01',
        allocations: [{ channel: 'SMALL_PUBLIC_WORKS', amount: '900.01' }],
        income: [{ assetId: shared.id, amount: '900.01' }],
      },
    });
    const submitted = await eastClerk.gql<{ submitDistributionPlan: { status: string } }>(SUBMIT, {
      id: eastPlan.data!.draftDistributionPlan.id,
      e: { ...evidence, fileIds: [eastFile] },
    });
    expect(submitted.errors).toBeUndefined();
    expect((await byAsset(eastClerk, east)).map((l) => [l.assetId, l.left])).toEqual([[own.id, '200.00']]);
    // Each village's plan takes from its own part of the asset's balance.
    expect(await assetBalance(officer, shared.id)).toEqual({
      incomeBalance: { distributable: '1500.01', planned: '1500.01', undistributed: '0.00' },
      incomeBalanceByVillage: [
        {
          villageCode: east,
          villageName: '东坡测试村',
          distributable: '900.01',
          planned: '900.01',
          undistributed: '0.00',
        },
        {
          villageCode: west,
          villageName: '西坡测试村',
          distributable: '600.00',
          planned: '600.00',
          undistributed: '0.00',
        },
      ],
    });
    expect(await assetBalance(eastClerk, own.id)).toEqual({
      incomeBalance: { distributable: '200.00', planned: '0.00', undistributed: '200.00' },
      incomeBalanceByVillage: [
        {
          villageCode: east,
          villageName: '东坡测试村',
          distributable: '200.00',
          planned: '0.00',
          undistributed: '200.00',
        },
      ],
    });
  });

  it('another village, another township, or a code that is not a village: refused, with its code', async () => {
    expect(errorCode(await eastClerk.gql(BY_ASSET, { v: west }))).toBe('FORBIDDEN');
    expect(errorCode(await (await t.as('luotian')).gql(BY_ASSET, { v: east }))).toBe('FORBIDDEN');
    for (const v of ['500101151', '5001011512x4', "500101151254' OR 1=1"]) {
      const res = await officer.gql(BY_ASSET, { v });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(errorFields(res)).toEqual(['villageCode']);
    }
    expect(errorCode(await t.gql(BY_ASSET, { v: east }))).toBe('UNAUTHENTICATED');
  });

  describe('the income records a co-owning village has a share of', () => {
    const LIST = `query($f: IncomeFilter) { incomeRecords(filter: $f, first: 100) {
      totalCount edges { node { id assetId regionCode regionName } } } }`;
    const ONE = `query($id: ID!) { incomeRecord(id: $id) {
      id regionCode regionName assetCode shares { villageCode amount } } }`;
    const RECORD = 'mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { id amount } }';
    const REVERSE =
      'mutation($id: ID!, $reason: String!, $key: String) { reverseIncome(id: $id, reason: $reason, idempotencyKey: $key) { id amount reversesId } }';
    const ids = async (caller: Caller, filter?: object): Promise<string[]> => {
      const res = await caller.gql<{
        incomeRecords: { totalCount: number; edges: Array<{ node: { id: string } }> };
      }>(LIST, { f: filter ?? null });
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      expect(res.data.incomeRecords.totalCount).toBe(res.data.incomeRecords.edges.length);
      return res.data.incomeRecords.edges.map((e) => e.node.id).sort();
    };
    let sharedIds: string[];
    let ownIds: string[];

    beforeAll(async () => {
      sharedIds = await ids(eastClerk, { assetId: shared.id });
      ownIds = await ids(eastClerk, { assetId: own.id });
      expect([sharedIds.length, ownIds.length]).toEqual([2, 1]);
    });

    it('西坡’s 资产收益结余 report lists the greenhouse with each village’s part; 东坡’s lists its own two', async () => {
      const sheets = async (caller: Caller): Promise<Record<string, unknown[][]>> => {
        const res = await caller.gql<{ exportIncomeReport: { downloadPath: string } }>(
          'mutation { exportIncomeReport(kind: ASSET_BALANCES) { downloadPath } }',
        );
        if (!res.data) throw new Error(JSON.stringify(res.errors));
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(
          (await caller.download(res.data.exportIncomeReport.downloadPath)) as unknown as Parameters<
            ExcelJS.Xlsx['load']
          >[0],
        );
        const out: Record<string, unknown[][]> = {};
        for (const ws of wb.worksheets) {
          const rows: unknown[][] = [];
          ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
          // The table from its header row on (not the title above it nor the footer below); money cells as
          // yuan with two decimals.
          out[ws.name] = rows
            .slice(rows.findIndex((r) => r[0] === '资产编号'))
            .filter((r) => r.length > 1)
            .map((r) => r.map((v) => (typeof v === 'number' ? v.toFixed(2) : v)));
        }
        return out;
      };
      const westReport = await sheets(westClerk);
      expect(westReport['资产收益结余'].map((r) => r.slice(0, 9))).toEqual([
        [
          '资产编号',
          '资产名称',
          '所在村/镇',
          '所在地代码',
          '收益(元)',
          '村集体应分(元)',
          '已分配(元)',
          '已支付(元)',
          '未分配(元)',
        ],
        [shared.code, shared.name, '东坡测试村', east, '1500.01', '1500.01', '1500.01', '0.00', '0.00'],
      ]);
      expect(westReport['各所有权村的收益结余'].map((r) => r.slice(0, 8))).toEqual([
        ['资产编号', '资产名称', '所有权村', '村代码', '应分(元)', '已分配(元)', '已支付(元)', '未分配(元)'],
        [shared.code, shared.name, '东坡测试村', east, '900.01', '900.01', '0.00', '0.00'],
        [shared.code, shared.name, '西坡测试村', west, '600.00', '600.00', '0.00', '0.00'],
      ]);
      const eastSheets = await sheets(eastClerk);
      expect(eastSheets['资产收益结余'].slice(1).map((r) => [r[0], r[2], r[8]])).toEqual(
        [
          [shared.code, '东坡测试村', '0.00'],
          [own.code, '东坡测试村', '200.00'],
        ].sort((a, b) => a[0].localeCompare(b[0])),
      );
      expect(eastSheets['各所有权村的收益结余']).toHaveLength(4);
    });

    it('收益汇总 per asset counts both villages’ plans on the greenhouse, as its income balance does', async () => {
      type Sums = { distributable: string; planned: string; paid: string; undistributed: string };
      for (const caller of [eastClerk, officer]) {
        const groups = (
          await caller.gql<{ incomeSummary: Array<Sums & { assetId: string }> }>(
            `query($f: IncomeFilter) { incomeSummary(groupBy: [ASSET], filter: $f) { assetId distributable planned paid undistributed } }`,
            { f: caller === officer ? { regionCode: east } : undefined },
          )
        ).data!.incomeSummary;
        expect(groups.map((g) => g.assetId).sort()).toEqual([shared.id, own.id].sort());
        for (const g of groups) {
          const balance = (
            await caller.gql<{ asset: { incomeBalance: Sums } }>(
              'query($id: ID!) { asset(id: $id) { incomeBalance { distributable planned paid undistributed } } }',
              { id: g.assetId },
            )
          ).data!.asset.incomeBalance;
          expect({ assetId: g.assetId, ...balance }).toEqual(g);
        }
        // 西坡's plan took 600.00 of the greenhouse's income, 东坡's 900.01.
        expect(groups.find((g) => g.assetId === shared.id)!.planned).toBe('1500.01');
      }
    });

    it('西坡 lists and reads the greenhouse’s income (located in 东坡), not 东坡’s other income', async () => {
      expect(await ids(westClerk)).toEqual(sharedIds);
      expect(await ids(westClerk, { regionCode: west })).toEqual(sharedIds);
      expect(await ids(westClerk, { assetId: own.id })).toEqual([]);
      const one = await westClerk.gql<{
        incomeRecord: { regionCode: string; regionName: string; shares: Array<{ villageCode: string }> };
      }>(ONE, { id: sharedIds[0] });
      expect(one.errors).toBeUndefined();
      expect(one.data!.incomeRecord.regionCode).toBe(east);
      expect(one.data!.incomeRecord.regionName).toBe('东坡测试村');
      expect(one.data!.incomeRecord.shares.map((s) => s.villageCode)).toEqual([east, west]);
      // 东坡's own asset's record is not 西坡's to read: as if it did not exist.
      expect(errorReason(await westClerk.gql(ONE, { id: ownIds[0] }))).toBe('INCOME_NOT_FOUND');
      // 东坡 still lists its own income and the greenhouse's; the township every one of them.
      expect(await ids(eastClerk)).toEqual([...sharedIds, ...ownIds].sort());
      expect(await ids(officer, { regionCode: west })).toEqual(sharedIds);
    });

    it('a village with no share, and another township, neither list nor read it', async () => {
      const wutong = await t.as('wutong');
      const luotian = await t.as('luotian');
      for (const caller of [wutong, luotian]) {
        expect(await ids(caller)).toEqual(expect.not.arrayContaining([...sharedIds, ...ownIds]));
        expect(errorReason(await caller.gql(ONE, { id: sharedIds[0] }))).toBe('INCOME_NOT_FOUND');
      }
      // A region filter outside the caller's scope is refused, not widened to the shares.
      expect(errorCode(await westClerk.gql(LIST, { f: { regionCode: east } }))).toBe('FORBIDDEN');
      expect(errorCode(await wutong.gql(LIST, { f: { regionCode: west } }))).toBe('FORBIDDEN');
    });

    it('西坡 reads the history of the greenhouse’s income it has a share of; a village without one, or another township, reads none', async () => {
      const HISTORY = `query($id: String!) { history(entityType: "IncomeRecord", entityId: $id) {
        action actor { username } } }`;
      const history = async (caller: Caller, id: string) => {
        const res = await caller.gql<{
          history: Array<{ action: string; actor: { username: string | null } }>;
        }>(HISTORY, { id });
        if (!res.data) throw new Error(JSON.stringify(res.errors));
        return res.data.history;
      };
      const own = await history(eastClerk, sharedIds[0]);
      expect(own.map((e) => e.action)).toEqual(['INCOME_RECORDED']);
      // 西坡 reads incomeRecord(id) by its share: it reads the record's history the same way.
      expect(await history(westClerk, sharedIds[0])).toEqual(own);
      // Not by a share of another record, nor with no share at all.
      expect(await history(westClerk, ownIds[0])).toEqual([]);
      for (const caller of [await t.as('wutong'), await t.as('luotian')]) {
        expect(await history(caller, sharedIds[0])).toEqual([]);
      }
    });

    it('西坡 sees 东坡’s new record at once; it neither records nor reverses the greenhouse’s income', async () => {
      const input = {
        assetId: shared.id,
        amount: '100.00',
        kind: 'DIVIDEND',
        periodFrom: daysAgo(9),
        periodTo: daysAgo(2),
        receivedOn: daysAgo(1),
        idempotencyKey: `co-owner-${randomUUID()}`,
        supplement: false,
      };
      // The asset's income is recorded once, where it is: 西坡 reads the asset and may not record it.
      const byWest = await westClerk.gql(RECORD, { input });
      expect([errorCode(byWest), errorReason(byWest)]).toEqual(['FORBIDDEN', 'OUT_OF_SCOPE']);
      const first = await eastClerk.gql<{ recordIncome: { id: string } }>(RECORD, { input });
      expect(first.errors).toBeUndefined();
      const recorded = first.data!.recordIncome.id;
      expect(await ids(westClerk, { assetId: shared.id })).toEqual([...sharedIds, recorded].sort());
      // 西坡 reads the record by its share; reversing it is 东坡's (or the township's) to do.
      const reverse = { id: recorded, reason: '金额录错', key: `co-owner-reverse-${randomUUID()}` };
      const byWestReversal = await westClerk.gql(REVERSE, reverse);
      expect(errorCode(byWestReversal)).toBe('FORBIDDEN');
      expect(errorReason(byWestReversal)).toBe('FORBIDDEN');
      expect(await ids(eastClerk, { assetId: shared.id })).toHaveLength(3);
      // A village with no share: no such record.
      const wutong = await t.as('wutong');
      expect(errorReason(await wutong.gql(REVERSE, { ...reverse, key: randomUUID() }))).toBe(
        'INCOME_NOT_FOUND',
      );
      const reversed = await eastClerk.gql<{ reverseIncome: { amount: string; reversesId: string } }>(
        REVERSE,
        reverse,
      );
      expect(reversed.data?.reverseIncome).toEqual({
        id: expect.any(String),
        amount: '-100.00',
        reversesId: recorded,
      });
      expect(await ids(westClerk, { assetId: shared.id })).toHaveLength(4);
    });
  });
});
