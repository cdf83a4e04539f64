import { TestApp } from './support/test-app';

describe('operations (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('GET /health answers 200 with the database state', async () => {
    const res = await t.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up' } });
    expect(typeof res.body.database.latencyMs).toBe('number');
  });

  it('every response carries a request id, the client one if it sent a sane one', async () => {
    const given = await t.http.get('/health').set('x-request-id', 'audit-2026-0001');
    expect(given.headers['x-request-id']).toBe('audit-2026-0001');
    const generated = await t.http.get('/health').set('x-request-id', 'bad id with spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const gql = await t.http.post('/graphql').set('x-request-id', 'req-42').send({ query: '{ me { id } }' });
    expect(gql.body.errors[0].extensions.requestId).toBe('req-42');
  });

  it('serves GraphiQL from the app itself, with no file from the internet', async () => {
    for (const path of ['/graphiql', '/graphql']) {
      const page = await t.http.get(path).set('accept', 'text/html');
      expect(page.status).toBe(200);
      expect(page.text).toContain('GraphiQL');
      const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(sources.length).toBeGreaterThanOrEqual(4);
      for (const src of sources) {
        expect(src.startsWith('/graphiql/assets/')).toBe(true);
        const asset = await t.http.get(src);
        expect({ src, status: asset.status }).toEqual({ src, status: 200 });
      }
    }
    expect((await t.http.get('/graphiql/assets/../../package.json')).status).toBe(404);
  });

  it('introspection is on for signed-in callers', async () => {
    const res = await t.gql<{ __schema: { queryType: { name: string } } }>(
      '{ __schema { queryType { name } } }',
      {},
      await t.token('wutong'),
    );
    expect(res.data!.__schema.queryType.name).toBe('Query');
  });

  it('an unexpected failure is INTERNAL_SERVER_ERROR with no internals, and writes nothing', async () => {
    const admin = await t.token('admin');
    const [{ n: before }] = await t.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_entry');
    // Break the database under the app: the region table loses a column the app reads.
    await t.sql('ALTER TABLE region RENAME COLUMN name TO name_gone');
    try {
      const res = await t.gql('{ region(code: "500101") { code name } }', {}, admin);
      expect(res.errors![0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(res.errors![0].message).toBe('Internal server error');
      expect(Object.keys(res.errors![0].extensions).sort()).toEqual(['code', 'reason', 'requestId']);
      expect(JSON.stringify(res.errors)).not.toMatch(/name_gone|stack|QueryFailed|relation/i);
      expect(typeof res.errors![0].extensions.requestId).toBe('string');
      const write = await t.gql(
        'mutation { createRegion(code: "500101152201", name: "某村", parentCode: "500101152") { code } }',
        {},
        admin,
      );
      expect(write.errors![0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await t.sql('ALTER TABLE region RENAME COLUMN name_gone TO name');
    }
    const [{ n: after }] = await t.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_entry');
    expect(after).toBe(before);
  });
});

describe('malformed arguments never reach the database (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it.each([
    ['{ asset(id: "not-a-uuid") { id } }', 'id'],
    ['{ project(id: "42") { id } }', 'id'],
    ['{ household(id: "x") { id } }', 'id'],
    ['{ disposalRequest(id: "x") { id } }', 'id'],
    ['{ region(code: "abc") { code } }', 'code'],
    [`{ region(code: "${'1'.repeat(5000)}") { code } }`, 'code'],
    ['{ householdReceipts(householdId: "1") { year } }', 'householdId'],
  ])('%s is BAD_USER_INPUT naming the argument', async (query, field) => {
    const res = await t.gql(query, {}, await t.token('auditor'));
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.fields).toEqual([expect.objectContaining({ field })]);
  });
});
