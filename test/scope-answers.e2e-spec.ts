import { Caller, errorCode, errorFields, GqlResponse, TestApp } from './support/test-app';

/**
 * One answer for "outside your region" (docs/architecture.md, "Region scope"): a record asked for by id
 * outside the caller's scope is NOT_FOUND for a read and for a write alike; a list filtered on a region
 * outside the scope is FORBIDDEN; region filters are region codes, never LIKE patterns.
 */
describe('what an out-of-scope caller is told (e2e)', () => {
  let t: TestApp;
  let outsider: Caller; // the clerk of 大坪村 (500101153201), another township
  const VILLAGE = '500101151201'; // 梧桐村, where the records below live

  /** The id (and version) of one demo record of 梧桐村 from `sql`. */
  const one = async (sql: string): Promise<{ id: string; version: number }> => {
    const rows = await t.sql<{ id: string; version: number }>(sql, [VILLAGE]);
    if (rows.length === 0) throw new Error(`no demo record for: ${sql}`);
    return rows[0];
  };

  beforeAll(async () => {
    t = await TestApp.start();
    outsider = await t.as('daping');
  });
  afterAll(() => t.close());

  it('a read and a write of the same out-of-scope record are both NOT_FOUND', async () => {
    const asset = await one(`SELECT id, version FROM asset WHERE location_code = $1 ORDER BY code LIMIT 1`);
    const income = await one(
      `SELECT r.id, 1 AS version FROM income_record r WHERE r.region_code = $1 AND r.reverses_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM income_record x WHERE x.reverses_id = r.id) ORDER BY r.id LIMIT 1`,
    );
    const disposal = await one(`SELECT id, version FROM disposal_request WHERE region_code = $1 LIMIT 1`);
    const plan = await one(`SELECT id, version FROM distribution_plan WHERE village_code = $1 LIMIT 1`);
    const household = await one(`SELECT id, version FROM household WHERE village_code = $1 LIMIT 1`);
    const proposal = await one(
      `SELECT p.id, p.version FROM ownership_proposal p JOIN asset a ON a.id = p.asset_id WHERE a.location_code = $1 LIMIT 1`,
    );
    const project = await one(`SELECT id, version FROM project WHERE region_code = left($1, 9) LIMIT 1`);

    // [what, read, write]: the same record, read by id and changed by id.
    const pairs: Array<[string, () => Promise<GqlResponse<unknown>>, () => Promise<GqlResponse<unknown>>]> = [
      [
        'asset',
        () => outsider.gql('query($id: ID!) { asset(id: $id) { id } }', { id: asset.id }),
        () =>
          outsider.gql(
            'mutation($id: ID!, $v: Int!) { updateAsset(id: $id, expectedVersion: $v, changes: { name: "x" }) { id } }',
            {
              id: asset.id,
              v: asset.version,
            },
          ),
      ],
      [
        'income record',
        () => outsider.gql('query($id: ID!) { incomeRecord(id: $id) { id } }', { id: income.id }),
        () =>
          outsider.gql('mutation($id: ID!) { reverseIncome(id: $id, reason: "x") { id } }', {
            id: income.id,
          }),
      ],
      [
        'disposal request',
        () => outsider.gql('query($id: ID!) { disposalRequest(id: $id) { id } }', { id: disposal.id }),
        () =>
          outsider.gql('mutation($id: ID!) { withdrawDisposal(requestId: $id) { id } }', { id: disposal.id }),
      ],
      [
        'distribution plan',
        () => outsider.gql('query($id: ID!) { distributionPlan(id: $id) { id } }', { id: plan.id }),
        () =>
          outsider.gql(
            'mutation($id: ID!, $v: Int!) { updateDistributionPlan(id: $id, expectedVersion: $v, changes: { title: "x" }) { id } }',
            { id: plan.id, v: plan.version },
          ),
      ],
      [
        'household',
        () => outsider.gql('query($id: ID!) { household(id: $id) { id } }', { id: household.id }),
        () =>
          outsider.gql(
            'mutation($id: ID!, $v: Int!) { updateHousehold(id: $id, expectedVersion: $v, changes: { membersCount: 2 }) { id } }',
            { id: household.id, v: household.version },
          ),
      ],
      [
        'ownership proposal',
        () => outsider.gql('query($id: ID!) { ownershipProposal(id: $id) { id } }', { id: proposal.id }),
        () =>
          outsider.gql('mutation($id: ID!) { rejectOwnership(proposalId: $id, reason: "x") { id } }', {
            id: proposal.id,
          }),
      ],
      [
        'project',
        () => outsider.gql('query($id: ID!) { project(id: $id) { id } }', { id: project.id }),
        () =>
          outsider.gql(
            'mutation($id: ID!, $v: Int!) { updateProject(id: $id, expectedVersion: $v, changes: { name: "x" }) { id } }',
            { id: project.id, v: project.version },
          ),
      ],
    ];
    const answers: Array<[string, string | undefined, string | undefined]> = [];
    for (const [what, read, write] of pairs)
      answers.push([what, errorCode(await read()), errorCode(await write())]);
    expect(answers).toEqual(pairs.map(([what]) => [what, 'NOT_FOUND', 'NOT_FOUND']));
  });

  it('a write that names an out-of-scope record inside its input is NOT_FOUND too', async () => {
    const asset = await one(`SELECT id, version FROM asset WHERE location_code = $1 ORDER BY code LIMIT 1`);
    const income = await outsider.gql(
      'mutation($a: ID!) { recordIncome(input: { assetId: $a, kind: RENT, amount: "100.00", receivedOn: "2026-01-05", periodFrom: "2026-01-01", periodTo: "2026-01-31", idempotencyKey: "scope-answers-1" }) { id } }',
      { a: asset.id },
    );
    expect(errorCode(income)).toBe('NOT_FOUND');
    const proposal = await outsider.gql(
      `mutation($a: ID!) { proposeOwnership(input: { assetId: $a, owners: [{ ownerType: VILLAGE_COLLECTIVE, ownerRef: "${VILLAGE}", name: "x", sharePercent: "100" }], managementEntity: "x", publicityStart: "2026-01-01" }) { id } }`,
      { a: asset.id },
    );
    expect(errorCode(proposal)).toBe('NOT_FOUND');
  });

  const LISTS: Array<[string, string]> = [
    ['assets', 'query($r: String) { assets(filter: { regionCode: $r }) { totalCount } }'],
    [
      'assetSummary',
      'query($r: String) { assetSummary(filter: { regionCode: $r }, groupBy: [CLASS]) { count } }',
    ],
    ['projects', 'query($r: String) { projects(filter: { regionCode: $r }) { totalCount } }'],
    ['disposalRequests', 'query($r: String) { disposalRequests(filter: { regionCode: $r }) { totalCount } }'],
    [
      'ownershipProposals',
      'query($r: String) { ownershipProposals(filter: { regionCode: $r }) { totalCount } }',
    ],
    [
      'distributionPlans',
      'query($r: String) { distributionPlans(filter: { regionCode: $r }) { totalCount } }',
    ],
    ['households', 'query($r: String) { households(filter: { villageCode: $r }) { totalCount } }'],
    ['incomeRecords', 'query($r: String) { incomeRecords(filter: { regionCode: $r }) { totalCount } }'],
    [
      'incomeSummary',
      'query($r: String) { incomeSummary(filter: { regionCode: $r }, groupBy: [KIND]) { count } }',
    ],
    ['ledgerEntries', 'query($r: String) { ledgerEntries(filter: { regionCode: $r }) { totalCount } }'],
    ['villageIncomeBalances', 'query($r: String) { villageIncomeBalances(regionCode: $r) { villageCode } }'],
    ['redFlags', 'query($r: String) { redFlags(regionCode: $r) { total } }'],
    ['supervisionDashboard', 'query($r: String) { supervisionDashboard(regionCode: $r) { regionCode } }'],
    ['myTasks', 'query($r: String) { myTasks(regionCode: $r) { total } }'],
    ['inventories', 'query($r: String) { inventories(regionCode: $r) { id } }'],
    ['disclosureLinks', 'query($r: String) { disclosureLinks(regionCode: $r) { totalCount } }'],
  ];

  it.each(LISTS)(
    '%s filtered on a region outside the scope is FORBIDDEN, not an empty list',
    async (_, q) => {
      const res = await outsider.gql(q, { r: VILLAGE });
      expect(errorCode(res)).toBe('FORBIDDEN');
      // Its own village is fine.
      const own = await outsider.gql(q, { r: '500101153201' });
      expect(own.errors).toBeUndefined();
    },
  );

  it.each(LISTS)('%s refuses LIKE patterns as region filters with a validation code', async (_, q) => {
    for (const pattern of ['500101153201%', '5001011532_1', '%', '500101153%']) {
      const res = await outsider.gql(q, { r: pattern });
      expect({ pattern, code: errorCode(res) }).toEqual({ pattern, code: 'BAD_USER_INPUT' });
      // Named: the filter's region argument (once or more, by each of its checks).
      expect([...new Set(errorFields(res).map((f) => f.replace(/^.*\./, '')))]).toEqual([
        expect.stringMatching(/^(regionCode|villageCode)$/),
      ]);
    }
  });

  it('inclusionProof follows the same scope as ledgerEntry', async () => {
    const [{ idx, size }] = await t.sql<{ idx: string; size: string }>(
      `SELECT (SELECT idx FROM ledger_entry WHERE region_code = $1 ORDER BY idx LIMIT 1) AS idx,
              (SELECT max(idx) + 1 FROM ledger_entry) AS size`,
      [VILLAGE],
    );
    const [{ own }] = await t.sql<{ own: string }>(
      `SELECT idx AS own FROM ledger_entry WHERE region_code = '500101153201' ORDER BY idx LIMIT 1`,
    );
    const entry = (index: number) =>
      outsider.gql('query($i: Int!) { ledgerEntry(index: $i) { index } }', { i: index });
    const proof = (index: number) =>
      outsider.gql('query($i: Int!, $s: Int!) { inclusionProof(index: $i, treeSize: $s) { index } }', {
        i: index,
        s: Number(size),
      });
    expect([errorCode(await entry(Number(idx))), errorCode(await proof(Number(idx)))]).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
    ]);
    expect((await entry(Number(own))).errors).toBeUndefined();
    expect((await proof(Number(own))).errors).toBeUndefined();
    // A district role proves any entry.
    const auditor = await t.as('auditor');
    const all = await auditor.gql(
      'query($i: Int!, $s: Int!) { inclusionProof(index: $i, treeSize: $s) { index } }',
      {
        i: Number(idx),
        s: Number(size),
      },
    );
    expect(all.errors).toBeUndefined();
  });
});
