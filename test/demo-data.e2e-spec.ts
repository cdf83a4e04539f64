import { TestApp } from './support/test-app';

/**
 * The demo that `npm start` loads (the test template is built with it): a realistic district.
 */
describe('demo data (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('has villages in several townships, about 30 projects and 200 assets of every class', async () => {
    const auditor = await t.as('auditor');
    const res = await auditor.gql<{
      projects: { totalCount: number };
      assets: { totalCount: number };
      byClass: Array<{ class: string; count: number }>;
      byRegion: Array<{ regionCode: string; count: number }>;
    }>(`{
      projects(first: 0) { totalCount }
      assets(first: 0) { totalCount }
      byClass: assetSummary(groupBy: [CLASS]) { class count }
      byRegion: assetSummary(groupBy: [REGION]) { regionCode count }
    }`);
    expect(res.data!.projects.totalCount).toBe(30);
    expect(res.data!.assets.totalCount).toBe(200);
    expect(res.data!.byClass.map((g) => g.class).sort()).toEqual([
      'HOUSEHOLD',
      'OPERATING',
      'PUBLIC_WELFARE',
    ]);
    for (const g of res.data!.byClass) expect(g.count).toBeGreaterThan(30);
    expect(res.data!.byRegion.map((g) => g.regionCode)).toEqual(['500101151', '500101153', '500101157']);
  });

  it('most assets have confirmed ownership; some are in publicity', async () => {
    const rows = await t.sql<{ status: string; n: string }>(
      `SELECT status, count(*) AS n FROM ownership_proposal GROUP BY status ORDER BY status`,
    );
    const counts = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    expect(counts.CONFIRMED).toBe(166);
    expect(counts.PUBLICITY).toBe(24);
    const [{ n }] = await t.sql<{ n: string }>(
      `SELECT count(DISTINCT asset_id) AS n FROM asset_ownership WHERE valid_to IS NULL`,
    );
    expect(Number(n)).toBe(166);
  });

  it('玉合村 co-owns an operating asset of 梧桐村 (40 %), reads it from its register and its income', async () => {
    const yuhe = await t.as('yuhe');
    const list = await yuhe.gql<{
      own: { totalCount: number };
      all: { totalCount: number; edges: Array<{ node: { id: string; locationCode: string } }> };
    }>(`{
      own: assets(first: 0) { totalCount }
      all: assets(first: 100, filter: { includeCoOwned: true }) { totalCount edges { node { id locationCode } } }
    }`);
    const elsewhere = list.data!.all.edges.filter((e) => e.node.locationCode !== '500101151202');
    expect(elsewhere.map((e) => e.node.locationCode)).toEqual(['500101151201']);
    expect(list.data!.all.totalCount).toBe(list.data!.own.totalCount + 1);
    const id = elsewhere[0].node.id;
    const asset = await yuhe.gql<{
      asset: { class: string; owners: Array<{ ownerRef: string; sharePercent: string }> };
      incomeRecords: { totalCount: number };
    }>(
      `query($id: ID!) {
        asset(id: $id) { class owners { ownerRef sharePercent } }
        incomeRecords(first: 0, filter: { assetId: $id }) { totalCount }
      }`,
      { id },
    );
    expect(asset.errors).toBeUndefined();
    expect(asset.data!.asset.class).toBe('OPERATING');
    expect(asset.data!.asset.owners.map((o) => [o.ownerRef, o.sharePercent]).sort()).toEqual([
      ['500101151201', '60.00'],
      ['500101151202', '40.00'],
    ]);
    expect(asset.data!.incomeRecords.totalCount).toBeGreaterThan(0);
  });

  it('every demo record went through the ledger, which verifies', async () => {
    const [{ n }] = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM ledger_entry WHERE action = 'ASSET_REGISTERED'`,
    );
    expect(Number(n)).toBe(200);
    await t.assertLedgerSound();
  });
});
