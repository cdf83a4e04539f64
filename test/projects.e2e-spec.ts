import { makeProject } from './support/factories';
import { Caller, errorCode, errorFields, errorReason, TestApp } from './support/test-app';

const REGISTER =
  'mutation($input: RegisterProjectInput!) { registerProject(input: $input) { id code totalInvestment fundSources { source amount } version region { name } } }';
const UPDATE =
  'mutation($id: ID!, $v: Int!, $c: ProjectChangesInput!) { updateProject(id: $id, expectedVersion: $v, changes: $c) { id name version totalInvestment fundSources { source amount } } }';

describe('projects (e2e)', () => {
  let t: TestApp;
  let clerk: Caller;
  let officer: Caller;
  beforeAll(async () => {
    t = await TestApp.start();
    clerk = await t.as('wutong');
    officer = await t.as('longju');
  });
  afterAll(() => t.close());

  const input = (over: Record<string, unknown> = {}) => ({
    code: `WZ-2021-${Math.random().toString(36).slice(2, 8)}`,
    name: '梧桐村蔬菜大棚建设项目',
    year: 2021,
    type: 'INDUSTRY',
    implementingUnit: '龙驹镇人民政府',
    regionCode: '500101151201',
    completionDate: '2021-10-01',
    acceptanceDate: '2021-11-01',
    fundSources: [
      { source: 'LINKAGE_FUND', amount: '300000.00' },
      { source: 'EAST_WEST_COOPERATION', amount: '125000.50' },
    ],
    ...over,
  });

  it('registers a project; total investment is the exact sum of its fund sources', async () => {
    const res = await clerk.gql<{
      registerProject: {
        totalInvestment: string;
        fundSources: unknown[];
        version: number;
        region: { name: string };
      };
    }>(REGISTER, { input: input() });
    expect(res.errors).toBeUndefined();
    expect(res.data!.registerProject.totalInvestment).toBe('425000.50');
    expect(res.data!.registerProject.fundSources).toEqual([
      { source: 'LINKAGE_FUND', amount: '300000.00' },
      { source: 'EAST_WEST_COOPERATION', amount: '125000.50' },
    ]);
    expect(res.data!.registerProject.region.name).toBe('梧桐村');
    const [row] = await t.sql<{ amount: string }>(
      `SELECT sum(amount)::text AS amount FROM project_fund_source f JOIN project p ON p.id = f.project_id WHERE p.code = $1`,
      [
        (
          await clerk.gql<{ projects: { edges: Array<{ node: { code: string } }> } }>(
            '{ projects(first: 1) { edges { node { code } } } }',
          )
        ).data!.projects.edges[0].node.code,
      ],
    );
    expect(row.amount).toBe('42500050'); // fen, in a bigint column
  });

  it.each([
    ['a future completion date', { completionDate: '2099-01-01' }, 'input.completionDate'],
    ['acceptance before completion', { acceptanceDate: '2021-09-01' }, 'input.acceptanceDate'],
    [
      'a source listed twice',
      {
        fundSources: [
          { source: 'BOND', amount: '1.00' },
          { source: 'BOND', amount: '2.00' },
        ],
      },
      'input.fundSources[1].source',
    ],
    [
      'a negative amount',
      { fundSources: [{ source: 'BOND', amount: '-5.00' }] },
      'input.fundSources.0.amount',
    ],
    ['no fund source', { fundSources: [] }, 'input.fundSources'],
    ['a year in the future', { year: 2099 }, 'input.year'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_label, over, field) => {
    const res = await clerk.gql(REGISTER, { input: input(over) });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(errorFields(res)).toContain(field.replace('.0.', '[0].'));
  });

  it('a registration repeated with its idempotency key returns the first project and writes nothing more', async () => {
    const key = `projects-e2e-${Math.random().toString(36).slice(2, 10)}`;
    const first = input({ idempotencyKey: key });
    const a = await clerk.gql<{ registerProject: { id: string; code: string } }>(REGISTER, { input: first });
    expect(a.errors).toBeUndefined();
    const entries = async () =>
      (
        await t.sql<{ n: string }>(`SELECT count(*)::text AS n FROM ledger_entry WHERE entity_id = $1`, [
          a.data!.registerProject.id,
        ])
      )[0].n;
    expect(await entries()).toBe('1');
    // The answer was lost: the same request again, with the same key.
    const b = await clerk.gql<{ registerProject: { id: string; code: string } }>(REGISTER, { input: first });
    expect(b.errors).toBeUndefined();
    expect(b.data!.registerProject).toEqual(a.data!.registerProject);
    const [{ n }] = await t.sql<{ n: string }>(`SELECT count(*)::text AS n FROM project WHERE code = $1`, [
      first.code,
    ]);
    expect(n).toBe('1');
    expect(await entries()).toBe('1');
    // The same key for another project is refused and writes nothing.
    const other = input({ idempotencyKey: key });
    const c = await clerk.gql(REGISTER, { input: other });
    expect(errorCode(c)).toBe('CONFLICT');
    expect(errorReason(c)).toBe('IDEMPOTENCY_KEY_REUSED');
    const [{ m }] = await t.sql<{ m: string }>(`SELECT count(*)::text AS m FROM project WHERE code = $1`, [
      other.code,
    ]);
    expect(m).toBe('0');
  });

  it('money in the wrong shape is refused by the scalar', async () => {
    const res = await clerk.gql(REGISTER, {
      input: input({ fundSources: [{ source: 'BOND', amount: '12.345' }] }),
    });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    const float = await clerk.gql(REGISTER, {
      input: input({ fundSources: [{ source: 'BOND', amount: 12.5 }] }),
    });
    expect(errorCode(float)).toBe('BAD_USER_INPUT');
  });

  it('a malformed Money or LocalDate written inline in the query text is BAD_USER_INPUT, not an internal error', async () => {
    const before = await t.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_entry');
    const inline = (amount: string, completionDate = '"2021-10-01"') =>
      `mutation { registerProject(input: { code: "WZ-INLINE-1", name: "内联项目", year: 2021, type: INDUSTRY,
        implementingUnit: "龙驹镇人民政府", regionCode: "500101151201", completionDate: ${completionDate},
        fundSources: [{ source: BOND, amount: ${amount} }] }) { id } }`;
    const cases: [string, RegExp][] = [
      [inline('"12.345"'), /Money/],
      [inline('12'), /Money must be a string/],
      [inline('"100.00"', '"2026-13-01"'), /LocalDate must be a real date/],
      [inline('"100.00"', '20211001'), /LocalDate must be a string/],
    ];
    for (const [query, message] of cases) {
      const res = await clerk.gql(query);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(message);
    }
    // The same values as variables are refused the same way.
    const variable = await clerk.gql(REGISTER, { input: input({ completionDate: '2026-13-01' }) });
    expect(errorCode(variable)).toBe('BAD_USER_INPUT');
    expect(variable.errors![0].message).toMatch(/LocalDate must be a real date/);
    const after = await t.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_entry');
    expect(after[0].n).toBe(before[0].n);
    expect(await t.sql("SELECT 1 FROM project WHERE code = 'WZ-INLINE-1'")).toHaveLength(0);
  });

  it('a duplicate code is a CONFLICT; a region outside the caller is FORBIDDEN; an unknown region BAD_USER_INPUT', async () => {
    const p = await makeProject(clerk);
    const dup = await clerk.gql(REGISTER, { input: input({ code: p.code }) });
    expect(errorCode(dup)).toBe('CONFLICT');
    const outside = await clerk.gql(REGISTER, { input: input({ regionCode: '500101151202' }) });
    expect(errorCode(outside)).toBe('FORBIDDEN');
    const unknown = await clerk.gql(REGISTER, { input: input({ regionCode: '500101151299' }) });
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    expect(errorReason(unknown)).toBe('REFERENCE_NOT_FOUND');
    const auditor = await t.gql(REGISTER, { input: input() }, await t.token('auditor'));
    expect(errorCode(auditor)).toBe('FORBIDDEN');
  });

  it('updates with the expected version; a stale version is a CONFLICT; the ledger keeps before and after', async () => {
    const p = await makeProject(clerk);
    const res = await clerk.gql<{ updateProject: { version: number; totalInvestment: string } }>(UPDATE, {
      id: p.id,
      v: p.version,
      c: { name: '改名后的项目', fundSources: [{ source: 'CENTRAL_FISCAL', amount: '500000.00' }] },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateProject).toMatchObject({ version: p.version + 1, totalInvestment: '500000.00' });
    const stale = await clerk.gql(UPDATE, { id: p.id, v: p.version, c: { name: '再改' } });
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(errorReason(stale)).toBe('STALE_VERSION');
    const history = await t.gql<{
      history: Array<{
        action: string;
        before: { name: string } | null;
        after: { name: string; fundSources: unknown[] };
      }>;
    }>(
      'query($id: String!) { history(entityType: "Project", entityId: $id) { action before after } }',
      { id: p.id },
      await t.token('auditor'),
    );
    expect(history.data!.history.map((h) => h.action)).toEqual(['PROJECT_REGISTERED', 'PROJECT_UPDATED']);
    expect(history.data!.history[1].before!.name).toBe('测试项目');
    expect(history.data!.history[1].after.fundSources).toEqual([
      { source: 'CENTRAL_FISCAL', amount: '50000000' },
    ]);
  });

  it('projects: scoped (a township sees its villages and above), filtered and paged', async () => {
    const own = await makeProject(officer, {
      regionCode: '500101151',
      year: 2019,
      type: 'INFRASTRUCTURE',
      completionDate: '2019-12-01',
      acceptanceDate: '2020-01-10',
    });
    const other = await makeProject(await t.as('daping'), { regionCode: '500101153201' });
    const q =
      'query($f: ProjectFilter) { projects(filter: $f, first: 200) { totalCount edges { node { code year } } } }';
    const seenByClerk = await clerk.gql<{ projects: { edges: Array<{ node: { code: string } }> } }>(q);
    const codes = seenByClerk.data!.projects.edges.map((e) => e.node.code);
    expect(codes).toContain(own.code); // a township project built assets in the clerk's village
    expect(codes).not.toContain(other.code);
    const byYear = await officer.gql<{ projects: { edges: Array<{ node: { year: number } }> } }>(q, {
      f: { yearFrom: 2019, yearTo: 2019 },
    });
    expect(byYear.data!.projects.edges.every((e) => e.node.year === 2019)).toBe(true);
    const byType = await officer.gql<{ projects: { totalCount: number } }>(q, {
      f: { type: 'INFRASTRUCTURE', text: own.code },
    });
    expect(byType.data!.projects.totalCount).toBe(1);
    const denied = await clerk.gql('query($id: ID!) { project(id: $id) { id } }', { id: other.id });
    expect(errorCode(denied)).toBe('NOT_FOUND');
    const missing = await clerk.gql('query($id: ID!) { project(id: $id) { id } }', {
      id: '00000000-0000-4000-8000-000000000000',
    });
    expect(errorCode(missing)).toBe('NOT_FOUND');
  });
});
