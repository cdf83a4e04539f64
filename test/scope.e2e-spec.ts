import { errorCode, TestApp } from './support/test-app';

const REGION = 'query($code: String!) { region(code: $code) { code } }';
const REGIONS = '{ regions { code } }';

/**
 * Region scope, per role: a village clerk sees one village (and the names of the township and
 * district above it), a township officer its township and villages, the district roles everything.
 */
describe('region scope per role (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  const cases: Array<[string, string[], string[]]> = [
    // user, regions it may read, regions it may not
    ['wutong', ['500101151201', '500101151', '500101'], ['500101151202', '500101153201', '500101153']],
    ['longju', ['500101151', '500101151201', '500101151202', '500101'], ['500101153', '500101153201']],
    ['daping', ['500101153201'], ['500101151201', '500101153202']],
    ['district', ['500101', '500101153201', '500101151202'], []],
    ['auditor', ['500101', '500101153201', '500101151202'], []],
    ['admin', ['500101', '500101157201'], []],
  ];

  it.each(cases)('%s reads its scope and is FORBIDDEN outside it', async (user, allowed, denied) => {
    const token = await t.token(user);
    for (const code of allowed) {
      const res = await t.gql(REGION, { code }, token);
      expect({ code, errors: res.errors }).toEqual({ code, errors: undefined });
    }
    for (const code of denied) {
      const res = await t.gql(REGION, { code }, token);
      expect({ code, error: errorCode(res) }).toEqual({ code, error: 'FORBIDDEN' });
    }
  });

  it('lists only regions in scope (plus the ancestors of the own region)', async () => {
    const clerk = await t.gql<{ regions: Array<{ code: string }> }>(REGIONS, {}, await t.token('wutong'));
    expect(clerk.data!.regions.map((r) => r.code)).toEqual(['500101', '500101151', '500101151201']);
    const officer = await t.gql<{ regions: Array<{ code: string }> }>(REGIONS, {}, await t.token('longju'));
    expect(officer.data!.regions.map((r) => r.code)).toEqual([
      '500101',
      '500101151',
      '500101151201',
      '500101151202',
      '500101151203',
    ]);
    const supervisor = await t.gql<{ regions: Array<{ code: string }> }>(
      REGIONS,
      {},
      await t.token('district'),
    );
    expect(supervisor.data!.regions.length).toBe(1 + 52 + 7); // 6 demo villages and 双河村, retired (merged into 三坪村)
  });

  it("children of a township are filtered to the caller's scope", async () => {
    const res = await t.gql<{ region: { children: Array<{ code: string }> } }>(
      '{ region(code: "500101151") { children { code } } }',
      {},
      await t.token('wutong'),
    );
    expect(res.data!.region.children).toEqual([{ code: '500101151201' }]);
  });

  it('user administration is ADMIN only', async () => {
    for (const user of ['district', 'auditor', 'longju', 'wutong']) {
      const res = await t.gql('{ users { totalCount } }', {}, await t.token(user));
      expect(errorCode(res)).toBe('FORBIDDEN');
    }
  });

  it('the ledger: district roles read everything, others only their region', async () => {
    const q = '{ ledgerEntries(first: 200) { totalCount edges { node { regionCode entityType } } } }';
    const all = await t.gql<{ ledgerEntries: { totalCount: number } }>(q, {}, await t.token('auditor'));
    const own = await t.gql<{
      ledgerEntries: { totalCount: number; edges: Array<{ node: { regionCode: string } }> };
    }>(q, {}, await t.token('longju'));
    expect(own.data!.ledgerEntries.totalCount).toBeGreaterThan(0);
    expect(own.data!.ledgerEntries.totalCount).toBeLessThan(all.data!.ledgerEntries.totalCount);
    for (const edge of own.data!.ledgerEntries.edges)
      expect(edge.node.regionCode.startsWith('500101151')).toBe(true);
    const [outside] = await t.sql<{ idx: string }>(
      `SELECT idx FROM ledger_entry WHERE region_code = '500101153201' ORDER BY idx LIMIT 1`,
    );
    const denied = await t.gql(
      'query($i: Int!) { ledgerEntry(index: $i) { index } }',
      { i: Number(outside.idx) },
      await t.token('longju'),
    );
    expect(errorCode(denied)).toBe('FORBIDDEN');
    const verify = await t.gql('{ verifyLedger { ok } }', {}, await t.token('longju'));
    expect(errorCode(verify)).toBe('FORBIDDEN');
  });
});
