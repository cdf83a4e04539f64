import { TestApp } from './support/test-app';

/** Parses the Prometheus text format strictly enough to catch a malformed line. */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match =
      /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})?) (-?[0-9.e+]+|\+Inf|NaN)$/.exec(
        line,
      );
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    samples.set(match[1], Number(match[2]));
  }
  return samples;
}

describe('/metrics (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ env: { TRUST_PROXY: 'true' } });
  });
  afterAll(() => t.close());

  it('serves request rate, errors by code, latencies, ledger size, checkpoint age and pool usage', async () => {
    const district = await t.token('district');
    await t.gql('{ me { id } }'); // UNAUTHENTICATED
    await t.gql('{ nope }', {}, district); // BAD_USER_INPUT
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: me { id }`).join(' ');
    await t.gql(`{ ${aliases} }`, {}, district); // QUERY_TOO_COMPLEX, refused before Apollo
    // A change first, so that the checkpoint is a new one (the same tree size returns the existing one).
    const created = await t.gql(
      'mutation { createRegion(code: "500101151293", name: "指标村", parentCode: "500101151") { code } }',
      {},
      await t.token('admin'),
    );
    expect(created.errors).toBeUndefined();
    const checkpoint = await t.gql('mutation { createCheckpoint { treeSize } }', {}, district);
    expect(checkpoint.errors).toBeUndefined();
    await t.http.get('/health');

    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = res.text;
    for (const type of [
      '# TYPE asset_registry_http_requests_total counter',
      '# TYPE asset_registry_http_request_duration_seconds histogram',
      '# TYPE asset_registry_graphql_errors_total counter',
      '# TYPE asset_registry_ledger_entries gauge',
      '# TYPE asset_registry_ledger_last_checkpoint_age_seconds gauge',
      '# TYPE asset_registry_db_pool_connections gauge',
    ])
      expect(text).toContain(type);
    const samples = parse(text);
    const get = (key: string) => samples.get(key);

    expect(
      get('asset_registry_http_requests_total{method="GET",route="/health",status="200"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      get('asset_registry_http_requests_total{method="POST",route="/graphql",status="200"}'),
    ).toBeGreaterThanOrEqual(2);
    expect(get('asset_registry_graphql_errors_total{code="UNAUTHENTICATED"}')).toBeGreaterThanOrEqual(1);
    expect(get('asset_registry_graphql_errors_total{code="BAD_USER_INPUT"}')).toBeGreaterThanOrEqual(1);
    expect(get('asset_registry_graphql_errors_total{code="QUERY_TOO_COMPLEX"}')).toBe(1);
    expect(
      get('asset_registry_http_requests_total{method="POST",route="/graphql",status="400"}'),
    ).toBeGreaterThanOrEqual(1);

    // The histogram: cumulative buckets, +Inf = count.
    const buckets = [...samples.entries()]
      .filter(([k]) =>
        k.startsWith('asset_registry_http_request_duration_seconds_bucket{method="POST",route="/graphql"'),
      )
      .map(([, v]) => v);
    expect(buckets.length).toBe(13);
    expect([...buckets].sort((a, b) => a - b)).toEqual(buckets);
    expect(buckets[12]).toBe(
      get('asset_registry_http_request_duration_seconds_count{method="POST",route="/graphql"}'),
    );

    const [{ n }] = await t.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_entry');
    expect(get('asset_registry_ledger_entries')).toBe(Number(n));
    expect(get('asset_registry_ledger_checkpoint_tree_size')).toBe(Number(n));
    expect(get('asset_registry_ledger_last_checkpoint_age_seconds')).toBeLessThan(120);
    expect(get('asset_registry_db_pool_connections{state="max"}')).toBe(5);
    expect(get('asset_registry_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
  });

  it('answers only on this machine without METRICS_TOKEN', async () => {
    const remote = await t.http.get('/metrics').set('x-forwarded-for', '203.0.113.9');
    expect(remote.status).toBe(403);
    expect(remote.body.error).toMatchObject({ code: 'FORBIDDEN', reason: 'METRICS_FORBIDDEN' });
    expect(remote.text).not.toContain('asset_registry_');
  });

  it('with METRICS_TOKEN, answers whoever sends the token, and nobody else (not even this machine)', async () => {
    const guarded = await t.sibling({ METRICS_TOKEN: 'scrape-token-0123456789' });
    try {
      const none = await guarded.http.get('/metrics');
      const wrong = await guarded.http.get('/metrics').set('authorization', 'Bearer scrape-token-0123456788');
      const right = await guarded.http
        .get('/metrics')
        .set('x-forwarded-for', '203.0.113.9')
        .set('authorization', 'Bearer scrape-token-0123456789');
      expect([none.status, wrong.status, right.status]).toEqual([403, 403, 200]);
      expect(right.text).toContain('asset_registry_ledger_entries');
    } finally {
      await guarded.close();
    }
  });
});
