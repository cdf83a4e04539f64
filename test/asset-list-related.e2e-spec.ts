import { Client } from 'pg';
import { AssetRef, daysAgo, makeAsset, makeProject, noticeScan } from './support/factories';
import { Caller, errorCode, TestApp } from './support/test-app';

/**
 * A page of assets within a township or a village reads its assets' locations, projects and current
 * owners in the page's own statement and primes the DataLoaders of those fields with them: the answer
 * must be exactly what the loaders alone give (a district-wide page, which does not join, and the
 * single-asset query), item by item, for several owners per asset, across page boundaries.
 */
const NODE = `id code name class status formedValue locationCode
  location { code name level parentCode } project { id code name year regionCode }
  owners { ownerType ownerRef ownerName sharePercent managementEntity certificateNo validFrom validTo recordedAt }`;

const PAGE = `query($f: AssetFilter, $first: Int, $after: String) {
  assets(filter: $f, first: $first, after: $after) {
    totalCount edges { cursor node { ${NODE} } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

type Node = {
  id: string;
  code: string;
  locationCode: string;
  owners: Array<{ ownerRef: string; sharePercent: string }>;
};
type Page = {
  assets: {
    totalCount: number;
    edges: Array<{ cursor: string; node: Node }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

describe('asset list with its related rows (e2e)', () => {
  let t: TestApp;
  let auditor: Caller;
  let officer: Caller;
  let clerk: Caller;
  const assets: AssetRef[] = [];

  const propose = async (asset: AssetRef, owners: Array<[string, string]>): Promise<void> => {
    const proposal = await clerk.gql<{ proposeOwnership: { id: string } }>(
      'mutation($input: ProposeOwnershipInput!) { proposeOwnership(input: $input) { id } }',
      {
        input: {
          assetId: asset.id,
          owners: owners.map(([ref, share]) => ({
            ownerType: 'VILLAGE_COLLECTIVE',
            ownerRef: ref,
            name: `${ref}集体经济组织`,
            sharePercent: share,
          })),
          managementEntity: '梧桐村股份经济合作联合社',
          publicityStart: daysAgo(20),
          noticeEvidenceFileIds: [await noticeScan(clerk)],
        },
      },
    );
    if (!proposal.data) throw new Error(`propose: ${JSON.stringify(proposal.errors)}`);
    const confirmed = await officer.gql(
      'mutation($id: ID!, $no: String!) { confirmOwnership(proposalId: $id, certificateNo: $no) { id } }',
      { id: proposal.data.proposeOwnership.id, no: `CERT-${asset.code}` },
    );
    if (confirmed.errors) throw new Error(`confirm: ${JSON.stringify(confirmed.errors)}`);
  };

  beforeAll(async () => {
    t = await TestApp.start();
    auditor = await t.as('auditor');
    officer = await t.as('longju');
    clerk = await t.as('wutong');
    const projects = [
      await makeProject(officer, { regionCode: '500101151', year: 2019 }),
      await makeProject(officer, { regionCode: '500101151201', year: 2021 }),
    ];
    const locations = ['500101151201', '500101151202', '500101151', '500101151201'];
    for (let i = 0; i < 12; i++) {
      assets.push(
        await makeAsset(officer, projects[i % 2].id, {
          code: `RL-${String(i).padStart(3, '0')}`,
          locationCode: locations[i % 4],
        }),
      );
    }
    // Owners of assets in 梧桐村 (the clerk's village): one, three with tied shares, two; the others none.
    await propose(assets[0], [['500101151201', '100']]);
    await propose(assets[3], [
      ['500101151203', '33.33'],
      ['500101151201', '33.34'],
      ['500101151202', '33.33'],
    ]);
    await propose(assets[4], [
      ['500101151202', '40'],
      ['500101151201', '60'],
    ]);
  }, 120_000);

  afterAll(() => t?.close());

  const page = async (caller: Caller, filter: Record<string, unknown>, first: number, after?: string) => {
    const res = await caller.gql<Page>(PAGE, { f: filter, first, after });
    expect(res.errors).toBeUndefined();
    return res.data!.assets;
  };

  it('a township page answers as the loaders alone do: as a district-wide page and as each asset alone', async () => {
    const township = await page(auditor, { regionCode: '500101151', text: 'RL-' }, 12);
    const district = await page(auditor, { text: 'RL-' }, 12);
    expect(township.totalCount).toBe(12);
    expect(township.edges.map((e) => e.node.code)).toEqual(assets.map((a) => a.code));
    expect(township.edges.map((e) => e.node)).toEqual(district.edges.map((e) => e.node));
    for (const { node } of township.edges) {
      const one = await auditor.gql<{ asset: Node }>(`query($id: ID!) { asset(id: $id) { ${NODE} } }`, {
        id: node.id,
      });
      expect(one.data!.asset).toEqual(node);
    }
    const byCode = new Map(township.edges.map((e) => [e.node.code, e.node]));
    expect(byCode.get(assets[3].code)!.owners.map((o) => [o.ownerRef, o.sharePercent])).toEqual([
      ['500101151201', '33.34'],
      ['500101151202', '33.33'],
      ['500101151203', '33.33'],
    ]);
    expect(byCode.get(assets[4].code)!.owners.map((o) => o.sharePercent)).toEqual(['60.00', '40.00']);
    expect(byCode.get(assets[1].code)!.owners).toEqual([]);
  });

  it('two pages in one request (a township, a village, the district) answer as each page alone', async () => {
    const both = await auditor.gql<Record<'t' | 'v' | 'd', Page['assets']>>(
      `query($t: AssetFilter, $v: AssetFilter, $d: AssetFilter) {
        t: assets(filter: $t, first: 5) { totalCount edges { node { ${NODE} } } }
        v: assets(filter: $v, first: 12) { totalCount edges { node { ${NODE} } } }
        d: assets(filter: $d, first: 12) { totalCount edges { node { ${NODE} } } }
      }`,
      {
        t: { regionCode: '500101151', text: 'RL-' },
        v: { regionCode: '500101151201', text: 'RL-' },
        d: { text: 'RL-' },
      },
    );
    expect(both.errors).toBeUndefined();
    const alone = {
      t: await page(auditor, { regionCode: '500101151', text: 'RL-' }, 5),
      v: await page(auditor, { regionCode: '500101151201', text: 'RL-' }, 12),
      d: await page(auditor, { text: 'RL-' }, 12),
    };
    for (const k of ['t', 'v', 'd'] as const) {
      expect(both.data![k].totalCount).toBe(alone[k].totalCount);
      expect(both.data![k].edges.map((e) => e.node)).toEqual(alone[k].edges.map((e) => e.node));
    }
    expect(alone.v.edges.map((e) => e.node.locationCode)).toEqual(
      assets.filter((_a, i) => i % 4 === 0 || i % 4 === 3).map(() => '500101151201'),
    );
  });

  it('pages cut between assets with several owners give every asset once, with its own owners', async () => {
    const all = await page(auditor, { regionCode: '500101151', text: 'RL-' }, 12);
    const seen: Node[] = [];
    let after: string | undefined;
    for (let i = 0; i < 10; i++) {
      const p = await page(officer, { text: 'RL-' }, 2, after);
      expect(p.totalCount).toBe(12);
      seen.push(...p.edges.map((e) => e.node));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor!;
    }
    expect(seen).toEqual(all.edges.map((e) => e.node));
    // A village's page (the clerk's own scope) and a page past the end.
    const village = await page(clerk, { text: 'RL-' }, 3);
    expect(village.edges.map((e) => e.node)).toEqual(
      all.edges
        .map((e) => e.node)
        .filter((n) => n.locationCode === '500101151201')
        .slice(0, 3),
    );
    const past = await page(officer, { text: 'RL-' }, 5, all.edges[11].cursor);
    expect(past).toMatchObject({ totalCount: 12, edges: [], pageInfo: { hasNextPage: false } });
  });

  it('scope still holds: another township and a village outside the clerk are FORBIDDEN', async () => {
    const luotian = await t.as('luotian');
    const res = await luotian.gql(PAGE, { f: { regionCode: '500101151' }, first: 5 });
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.data?.assets ?? null).toBeNull();
    const other = await clerk.gql(PAGE, { f: { regionCode: '500101151202' }, first: 5 });
    expect(errorCode(other)).toBe('FORBIDDEN');
    const own = await page(luotian, { text: 'RL-' }, 5);
    expect(own).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('a township page reads only the asset columns its nodes ask for, and answers every field as a district page does', async () => {
    const SCALARS = `id code name class form categoryCode projectId locationCode quantity unit investedAmount
      formedValue completionDate acceptanceDate handoverDate status statusSince managementEntity
      managementResponsible operator operatingMode contractStart contractEnd contractTerms contractAnnualAmount
      investee equityAgreementNo equityMaturityDate householdRegistryNo householdHeadName constructionContent
      constructionScale beneficiaryHouseholds beneficiaryPeople beneficiaryPoorHouseholds beneficiaryPoorPeople
      beneficiaryMonitoredHouseholds beneficiaryMonitoredPeople remarks createdAt updatedAt version`;
    const list = (node: string) => `query($f: AssetFilter, $first: Int) { assets(filter: $f, first: $first) {
      totalCount edges { cursor node { ${node} } } } }`;
    // The page's statements, as sent (the SQL text of each).
    const sent = async (query: string, filter: Record<string, unknown>) => {
      const spy = jest.spyOn(Client.prototype, 'query');
      try {
        const res = await auditor.gql<Page>(query, { f: filter, first: 12 });
        expect(res.errors).toBeUndefined();
        const sql = spy.mock.calls.map(([q]) => (typeof q === 'string' ? q : (q as { text: string }).text));
        return { nodes: res.data!.assets.edges.map((e) => e.node), sql: sql.join('\n') };
      } finally {
        spy.mockRestore();
      }
    };
    const township = { regionCode: '500101151', text: 'RL-' };
    const district = { text: 'RL-' };
    // Every plain field, and the fields resolved from the asset's references.
    const everything = `${SCALARS} category { code } fundSources { source amount } ownershipHistory { ownerRef }
      ownershipProposals { id } ${NODE}`;
    const all = await sent(list(everything), township);
    expect(all.nodes).toHaveLength(12);
    expect(all.nodes).toEqual((await sent(list(everything), district)).nodes);
    // A few fields, through a fragment and an alias: only their columns (and the id and references).
    const fragment = `${list('...Few value: formedValue category { code }')}
      fragment Few on Asset { code createdAt investedAmount }`;
    const few = await sent(fragment, township);
    expect(few.nodes).toEqual(
      (await sent(list('code createdAt investedAmount value: formedValue category { code }'), district))
        .nodes,
    );
    expect(few.nodes[0]).toMatchObject({ code: assets[0].code, category: { code: expect.any(String) } });
    expect(few.sql).toContain('a."created_at"');
    expect(few.sql).toContain('a."category_code"');
    expect(few.sql).not.toContain('a."contract_terms"');
    expect(few.sql).not.toMatch(/SELECT a\.\*, \(a\.code\)::text/);
    // Neither the sort key's columns nor the code asked for, with the joins: the same order as all columns.
    for (const orderBy of [undefined, { field: 'COMPLETION_DATE', direction: 'DESC' }, { field: 'NAME' }]) {
      const ordered = (node: string, filter: Record<string, unknown>) =>
        auditor.gql<Page>(
          `query($f: AssetFilter, $o: AssetOrder) { assets(filter: $f, first: 12, orderBy: $o) {
            edges { cursor node { ${node} } } } }`,
          { f: filter, o: orderBy },
        );
      const bare = await ordered(
        'formedValue location { code } project { code } owners { ownerRef }',
        township,
      );
      const full = await ordered(`code ${NODE}`, district);
      expect(bare.errors).toBeUndefined();
      expect(bare.data!.assets.edges.map((e) => e.cursor)).toEqual(
        full.data!.assets.edges.map((e) => e.cursor),
      );
      expect(bare.data!.assets.edges.map((e) => e.node)).toEqual(
        full.data!.assets.edges.map((e) => {
          const n = e.node as unknown as Record<string, Record<string, unknown> | unknown[]>;
          return {
            formedValue: n.formedValue,
            location: { code: (n.location as Record<string, unknown>).code },
            project: { code: (n.project as Record<string, unknown>).code },
            owners: (n.owners as Array<Record<string, unknown>>).map((o) => ({ ownerRef: o.ownerRef })),
          };
        }),
      );
    }
    // A field another module resolves: the page reads every column again.
    const other = await sent(list('code incomeBalance { assetId }'), township);
    expect(other.nodes).toHaveLength(12);
    expect(other.sql).toMatch(/SELECT a\.\*, \(a\.code\)::text/);
  });

  it('a township page with location, project and owners runs no statement more than one with scalars only', async () => {
    const statements = async (query: string): Promise<number> => {
      const spy = jest.spyOn(Client.prototype, 'query');
      try {
        const res = await auditor.gql<Page>(query, {
          f: { regionCode: '500101151', text: 'RL-' },
          first: 10,
        });
        expect(res.errors).toBeUndefined();
        expect(res.data!.assets.edges).toHaveLength(10);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const scalars = PAGE.replace(/location \{[^}]*\} project \{[^}]*\}\s*owners \{[^}]*\}/, '');
    expect(scalars).not.toContain('owners');
    // Through a fragment, as the console asks, with an alias.
    const fragment = `query($f: AssetFilter, $first: Int) { assets(filter: $f, first: $first) {
      totalCount edges { node { ...Row } } } }
      fragment Row on Asset { code where: location { name } ... on Asset { project { code } owners { ownerRef } } }`;
    await statements(PAGE); // warm up (prepared statements)
    await statements(scalars);
    const withRelated = await statements(PAGE);
    const withFragment = await statements(fragment);
    const withScalars = await statements(scalars);
    expect(withRelated).toBe(withScalars);
    expect(withFragment).toBe(withScalars);
    // The token's user read and the page with its count.
    expect(withScalars).toBeLessThanOrEqual(2);
  });
});
