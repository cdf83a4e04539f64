import { Client } from 'pg';
import { daysAgo, makeAsset, makeProject, noticeScan } from './support/factories';
import { Caller, errorCode, errorFields, TestApp } from './support/test-app';

type Page = {
  assets: {
    totalCount: number;
    edges: Array<{
      cursor: string;
      node: { code: string; formedValue: string; locationCode: string; completionDate: string | null };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

const LIST = `query($f: AssetFilter, $o: AssetOrder, $first: Int, $after: String) {
  assets(filter: $f, orderBy: $o, first: $first, after: $after) {
    totalCount edges { cursor node { code formedValue locationCode completionDate } } pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * Auditor queries over a data set made here (the file's own database): 60 assets in two villages and a
 * township, of every class, from projects of three years and several fund sources.
 */
describe('asset queries (e2e)', () => {
  let t: TestApp;
  let auditor: Caller;
  const made: Array<{ code: string; locationCode: string; formed: bigint; cls: string }> = [];

  beforeAll(async () => {
    t = await TestApp.start();
    auditor = await t.as('auditor');
    const officer = await t.as('longju');
    const projects = [
      await makeProject(officer, {
        regionCode: '500101151',
        year: 2018,
        completionDate: '2018-11-01',
        acceptanceDate: '2018-12-01',
      }),
      await makeProject(officer, {
        regionCode: '500101151',
        year: 2020,
        completionDate: '2020-11-01',
        acceptanceDate: '2020-12-01',
      }),
      await makeProject(officer, {
        regionCode: '500101151',
        year: 2022,
        completionDate: '2022-11-01',
        acceptanceDate: '2022-12-01',
      }),
    ];
    const locations = ['500101151201', '500101151202', '500101151'];
    for (let i = 0; i < 60; i++) {
      const cls = ['OPERATING', 'PUBLIC_WELFARE', 'HOUSEHOLD'][i % 3];
      const locationCode = locations[i % 3 === 2 ? i % 2 : i % 3];
      const formed = BigInt(10_000 + i * 1_000) * 100n;
      const invested = formed + 50_000n;
      const household = cls === 'HOUSEHOLD';
      const a = await makeAsset(officer, projects[i % 3].id, {
        code: `Q-${String(i).padStart(3, '0')}`,
        name: household ? `Q能繁母牛${i}` : cls === 'OPERATING' ? `Q光伏电站${i}` : `Q村道${i}`,
        class: cls,
        form: household ? 'BIOLOGICAL' : 'FIXED',
        categoryCode: household ? 'LIVESTOCK' : cls === 'OPERATING' ? 'PV_STATION' : 'ROADS_BRIDGES',
        locationCode,
        investedAmount: yuan(invested),
        formedValue: yuan(formed),
        fundSources: [
          { source: i % 2 ? 'LINKAGE_FUND' : 'CENTRAL_FISCAL', amount: yuan(invested - 10_000n) },
          { source: 'SOCIAL_DONATION', amount: '100.00' },
        ],
        completionDate: ['2018-11-01', '2020-11-01', '2022-11-01'][i % 3],
        acceptanceDate: ['2018-12-01', '2020-12-01', '2022-12-01'][i % 3],
        handoverDate: null,
        status: i % 10 === 0 ? 'IDLE' : 'IN_USE',
        ...(household
          ? {
              operator: null,
              operatingMode: null,
              contractStart: null,
              contractEnd: null,
              contractTerms: null,
              contractAnnualAmount: null,
              householdRegistryNo: `H-${i}`,
              householdHeadName: '某户',
            }
          : cls === 'PUBLIC_WELFARE'
            ? {
                operator: null,
                operatingMode: null,
                contractStart: null,
                contractEnd: null,
                contractTerms: null,
                contractAnnualAmount: null,
              }
            : {}),
      });
      made.push({ code: a.code, locationCode, formed, cls });
      if (i % 4 === 0 && !household) {
        const p = await officer.gql<{ proposeOwnership: { id: string } }>(
          'mutation($input: ProposeOwnershipInput!) { proposeOwnership(input: $input) { id } }',
          {
            input: {
              assetId: a.id,
              owners: [
                {
                  ownerType: 'VILLAGE_COLLECTIVE',
                  ownerRef: '500101151201',
                  name: '梧桐村',
                  sharePercent: '50',
                },
                { ownerType: 'TOWNSHIP', ownerRef: '500101151', name: '龙驹镇', sharePercent: '50' },
              ],
              managementEntity: '龙驹镇',
              publicityStart: daysAgo(15),
              noticeEvidenceFileIds: [await noticeScan(officer)],
            },
          },
        );
        await officer.gql(
          'mutation($id: ID!, $no: String!) { confirmOwnership(proposalId: $id, certificateNo: $no) { id } }',
          {
            id: p.data!.proposeOwnership.id,
            no: `Q-CERT-${i}`,
          },
        );
      }
    }
  }, 120_000);
  afterAll(() => t.close());

  const mine = { regionCode: '500101151', text: 'Q-' };

  it('pages through every match with cursors, in the requested order', async () => {
    for (const [order, key] of [
      [{ field: 'CODE', direction: 'ASC' }, (a: { code: string }) => a.code],
      [{ field: 'FORMED_VALUE', direction: 'DESC' }, (a: { formedValue: string }) => a.formedValue],
      // A sort key that is an expression (no completion date sorts first).
      [
        { field: 'COMPLETION_DATE', direction: 'ASC' },
        (a: { completionDate: string | null }) => a.completionDate,
      ],
    ] as const) {
      const seen: Array<{ code: string; formedValue: string; completionDate: string | null }> = [];
      let after: string | null = null;
      for (;;) {
        const res: { data: Page | null } = await auditor.gql<Page>(LIST, {
          f: mine,
          o: order,
          first: 7,
          after,
        });
        expect(res.data!.assets.totalCount).toBe(60);
        seen.push(...res.data!.assets.edges.map((e) => e.node));
        if (!res.data!.assets.pageInfo.hasNextPage) {
          // Past the last row: no row, and still the count of every match.
          const past: { data: Page | null } = await auditor.gql<Page>(LIST, {
            f: mine,
            o: order,
            first: 7,
            after: res.data!.assets.pageInfo.endCursor,
          });
          expect(past.data!.assets).toMatchObject({ totalCount: 60, edges: [] });
          break;
        }
        after = res.data!.assets.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(60);
      expect(new Set(seen.map((s) => s.code)).size).toBe(60);
      if (order.field === 'COMPLETION_DATE') {
        const dates = seen.map((s) => s.completionDate ?? '0001-01-01');
        expect(dates).toEqual([...dates].sort());
        continue;
      }
      const values = seen.map((s) => (order.field === 'CODE' ? s.code : s.formedValue));
      const sorted = [...values].sort((a, b) =>
        order.field === 'CODE'
          ? a.localeCompare(b)
          : Number(BigInt(b.replace('.', '')) - BigInt(a.replace('.', ''))),
      );
      expect(values).toEqual(sorted);
      void key;
    }
  });

  it('filters: region subtree, class, status, category, owner type, fund source, year, value and text', async () => {
    const count = async (f: Record<string, unknown>) =>
      (await auditor.gql<Page>(LIST, { f: { ...mine, ...f }, first: 0 })).data!.assets.totalCount;
    expect(await count({ regionCode: '500101151201' })).toBe(
      made.filter((m) => m.locationCode === '500101151201').length,
    );
    expect(await count({ class: ['HOUSEHOLD'] })).toBe(20);
    expect(await count({ class: ['HOUSEHOLD', 'OPERATING'] })).toBe(40);
    expect(await count({ status: ['IDLE'] })).toBe(6);
    expect(await count({ categoryCode: ['PV_STATION'] })).toBe(20);
    expect(await count({ ownerType: 'TOWNSHIP' })).toBe(
      made.filter((_, i) => i % 4 === 0 && i % 3 !== 2).length,
    );
    expect(await count({ fundSource: 'LINKAGE_FUND' })).toBe(30);
    expect(await count({ fundSource: 'SOCIAL_DONATION' })).toBe(60);
    expect(await count({ yearFrom: 2020, yearTo: 2020 })).toBe(20);
    expect(await count({ valueFrom: '30000.00', valueTo: '40000.00' })).toBe(11);
    expect(await count({ text: 'Q光伏' })).toBe(20);
  });

  it('assetSummary: counts and exact sums per group', async () => {
    const res = await auditor.gql<{
      assetSummary: Array<{
        class: string;
        year: number;
        count: number;
        investedAmount: string;
        formedValue: string;
      }>;
    }>(
      'query($f: AssetFilter) { assetSummary(groupBy: [CLASS, YEAR], filter: $f) { class year count investedAmount formedValue } }',
      { f: mine },
    );
    const groups = res.data!.assetSummary;
    expect(groups.reduce((s, g) => s + g.count, 0)).toBe(60);
    const op = made.filter((m) => m.cls === 'OPERATING');
    const opFormed = op.reduce((s, m) => s + m.formed, 0n);
    expect(
      groups
        .filter((g) => g.class === 'OPERATING')
        .reduce((s, g) => s + BigInt(g.formedValue.replace('.', '')), 0n),
    ).toBe(opFormed);
    const byRegion = await auditor.gql<{
      assetSummary: Array<{ regionCode: string; regionName: string; count: number }>;
    }>(
      '{ assetSummary(groupBy: [REGION], filter: { regionCode: "500101151", text: "Q-" }) { regionCode regionName count } }',
    );
    expect(byRegion.data!.assetSummary.map((g) => g.regionName)).toEqual(
      expect.arrayContaining(['梧桐村', '玉合村']),
    );
    const byFund = await auditor.gql<{
      assetSummary: Array<{ fundSource: string; count: number; investedAmount: string }>;
    }>(
      '{ assetSummary(groupBy: [FUND_SOURCE], filter: { regionCode: "500101151", text: "Q-" }) { fundSource count investedAmount } }',
    );
    expect(byFund.data!.assetSummary.find((g) => g.fundSource === 'SOCIAL_DONATION')).toEqual({
      fundSource: 'SOCIAL_DONATION',
      count: 60,
      investedAmount: '6000.00',
    });
  });

  it('results are scoped: a clerk sees only the village; another township sees none', async () => {
    const clerk = await t.as('wutong');
    const res = await clerk.gql<Page>(LIST, { f: mine, first: 200 });
    expect(res.data!.assets.edges.every((e) => e.node.locationCode === '500101151201')).toBe(true);
    expect(res.data!.assets.totalCount).toBe(made.filter((m) => m.locationCode === '500101151201').length);
    const other = await (await t.as('luotian')).gql<Page>(LIST, { f: mine, first: 200 });
    expect(errorCode(other)).toBe('FORBIDDEN'); // filtered on a region outside its scope
    const sum = await (
      await t.as('luotian')
    ).gql<{ assetSummary: unknown[] }>(
      '{ assetSummary(groupBy: [CLASS], filter: { text: "Q-" }) { count } }',
    );
    expect(sum.data!.assetSummary).toEqual([]);
  });

  it('a page size above the maximum is BAD_USER_INPUT', async () => {
    const res = await auditor.gql(LIST, { first: 201 });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(errorFields(res)).toEqual(['first']);
  });

  it('one page of assets with region, project, owners and fund sources costs the same number of SQL statements for 10 or 50', async () => {
    const query = `query($first: Int) { assets(filter: { regionCode: "500101151", text: "Q-" }, first: $first) { totalCount edges { node {
      code location { name parent { name } } project { code fundSources { source } } category { name }
      owners { ownerRef sharePercent } fundSources { source amount }
    } } } }`;
    const statements = async (first: number): Promise<number> => {
      const spy = jest.spyOn(Client.prototype, 'query');
      try {
        const res = await auditor.gql<Page>(query, { first });
        expect(res.errors).toBeUndefined();
        expect(res.data!.assets.edges).toHaveLength(first);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    await statements(5); // warm up (prepared statements, caches)
    const ten = await statements(10);
    const fifty = await statements(50);
    expect(fifty).toBe(ten);
    expect(fifty).toBeLessThanOrEqual(12);
    process.stdout.write(
      `[asset-queries] SQL statements for one page with relations: 10 rows → ${ten}, 50 rows → ${fifty}\n`,
    );
  });
});

function yuan(fen: bigint): string {
  return `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
}
