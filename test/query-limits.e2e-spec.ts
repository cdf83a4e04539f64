import { getIntrospectionQuery } from 'graphql';
import { LedgerResolver } from '@/ledger/ledger.resolver';
import { TestApp } from './support/test-app';

const aliases = (n: number, field = 'verifyLedger { ok treeSize }') =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/** POSTs a query and keeps the whole body (to tell "refused before execution": no `data` at all). */
async function post(t: TestApp, query: string, token?: string, variables: Record<string, unknown> = {}) {
  let req = t.http.post('/graphql').set('content-type', 'application/json');
  if (token) req = req.set('authorization', `Bearer ${token}`);
  const started = process.hrtime.bigint();
  const res = await req.send({ query, variables });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { status: res.status, body: res.body as Record<string, unknown>, headers: res.headers, ms };
}

const firstError = (body: Record<string, unknown>) =>
  (body.errors as Array<{ message: string; extensions: Record<string, unknown> }>)[0];

describe('GraphQL cost limits (e2e)', () => {
  let t: TestApp;
  let auditor: string;
  const runs = () => t.app.get(LedgerResolver).verifications.stats.runs;

  beforeAll(async () => {
    t = await TestApp.start();
    auditor = await t.token('auditor');
  });
  afterAll(() => t.close());

  it('answers in compact JSON (no indentation: fewer bytes and less work per response)', async () => {
    const res = await t.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${auditor}`)
      .send({ query: '{ me { username role } regions(level: TOWNSHIP) { code name } }' });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^\{"data":\{"me":\{"username":"auditor"/);
    expect(res.text).not.toContain('\n');
  });

  it('a 1,000-alias verifyLedger query is refused before anything executes', async () => {
    const before = runs();
    const res = await post(t, aliases(1000), auditor);
    expect(res.status).toBe(400);
    expect('data' in res.body).toBe(false);
    expect(firstError(res.body).extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      reason: 'QUERY_TOO_MANY_ALIASES',
      details: { maxAliases: 50 },
    });
    expect(runs()).toBe(before);
    // Reported, not asserted: timings are not test material on a shared machine.
    process.stdout.write(`[query-limits] 1,000-alias refusal answered in ${res.ms.toFixed(1)} ms\n`);
  });

  it('a document beyond the token limit is refused by the parser; a fragment bomb is never expanded', async () => {
    const huge = `{ ${'__typename '.repeat(12000)}}`;
    const large = await post(t, huge, auditor);
    expect('data' in large.body).toBe(false);
    expect(firstError(large.body).extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      reason: 'QUERY_TOO_LARGE',
    });

    // f0 has 2 fields, each fN spreads f(N-1) twice: 2^31 fields once expanded.
    const fragments = Array.from(
      { length: 30 },
      (_, i) => `fragment f${i + 1} on Query { ...f${i} ...f${i} }`,
    );
    const bomb = `{ ...f30 } fragment f0 on Query { me { id } } ${fragments.join(' ')}`;
    const res = await post(t, bomb, auditor);
    expect('data' in res.body).toBe(false);
    expect(firstError(res.body).extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      reason: 'QUERY_TOO_MANY_FIELDS',
    });
  });

  it('a query nested deeper than the limit is refused', async () => {
    const nest = (n: number): string => (n === 0 ? 'code' : `parent { ${nest(n - 1)} }`);
    const ok = await post(t, `{ region(code: "500101151201") { ${nest(10)} } }`, auditor);
    expect(ok.body.errors).toBeUndefined();
    const deep = await post(t, `{ region(code: "500101151201") { ${nest(20)} } }`, auditor);
    expect('data' in deep.body).toBe(false);
    expect(firstError(deep.body).extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      reason: 'QUERY_TOO_DEEP',
    });
  });

  it('whole-ledger checks are costly: five aliases of verifyLedger are over the limit of one query', async () => {
    const before = runs();
    const res = await post(t, aliases(5), auditor);
    expect(res.status).toBe(400);
    expect('data' in res.body).toBe(false);
    expect(firstError(res.body).extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      reason: 'QUERY_TOO_COSTLY',
      details: { cost: 12500, maxCost: 10000 },
    });
    expect(runs()).toBe(before);
    // Exports are priced too: a page of assets with its export costs more than reading the page.
    const exports = await post(
      t,
      `mutation { ${Array.from({ length: 21 }, (_, i) => `e${i}: exportAssets { fileId }`).join(' ')} }`,
      auditor,
    );
    expect(firstError(exports.body).extensions).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
  });

  it('concurrent verifications share one run; an unchanged ledger reuses the result; any change runs again', async () => {
    const start = runs();
    const concurrent = await Promise.all(
      [0, 1, 2, 3].map(() => post(t, '{ verifyLedger { ok treeSize } }', auditor)),
    );
    for (const r of concurrent) expect(r.body.data).toMatchObject({ verifyLedger: { ok: true } });
    expect(runs()).toBe(start + 1);
    await post(t, '{ verifyLedger { ok } }', auditor);
    expect(runs()).toBe(start + 1);

    const admin = await t.token('admin');
    const created = await post(
      t,
      'mutation { createRegion(code: "500101151298", name: "单飞村", parentCode: "500101151") { code } }',
      admin,
    );
    expect(created.body.errors).toBeUndefined();
    const after = await post(t, '{ verifyLedger { ok treeSize } }', auditor);
    expect(runs()).toBe(start + 2);
    const sizes = [concurrent[0], after].map(
      (r) => (r.body.data as { verifyLedger: { treeSize: number } }).verifyLedger.treeSize,
    );
    expect(sizes[1]).toBe(sizes[0] + 1);
  });

  it('each caller has a budget per minute: past it, RATE_LIMITED with Retry-After; others are still served', async () => {
    const small = await TestApp.start({ env: { GRAPHQL_BUDGET_PER_MINUTE: '6000' } });
    try {
      const token = await small.token('auditor');
      const codes: string[] = [];
      let limited: Awaited<ReturnType<typeof post>> | undefined;
      for (let i = 0; i < 3; i++) {
        const res = await post(small, '{ verifyLedger { ok } }', token);
        codes.push(res.body.errors ? String(firstError(res.body).extensions.code) : 'ok');
        if (res.body.errors) limited = res;
      }
      expect(codes).toEqual(['ok', 'ok', 'RATE_LIMITED']);
      expect(limited!.status).toBe(429);
      expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
      expect(firstError(limited!.body).extensions).toMatchObject({ reason: 'QUERY_BUDGET_EXHAUSTED' });
      const other = await post(small, '{ verifyLedger { ok } }', await small.token('district'));
      expect(other.body.data).toMatchObject({ verifyLedger: { ok: true } });
    } finally {
      await small.close({ checkLedger: false });
    }
  });

  it('introspection and "did you mean" suggestions are for signed-in callers (and anyone in development)', async () => {
    const anonymous = await post(t, '{ __schema { queryType { name } } }');
    expect('data' in anonymous.body).toBe(false);
    expect(firstError(anonymous.body).extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'INTROSPECTION_DISABLED',
    });
    const typo = await post(t, '{ verifyLedgr { ok } }');
    // Chinese by default, without the suggestion for an anonymous caller, in either language.
    expect(firstError(typo.body).message).toBe('类型 "Query" 没有字段 "verifyLedgr"');
    const signedInTypo = await post(t, '{ verifyLedgr { ok } }', auditor);
    expect(firstError(signedInTypo.body).message).toBe(
      '类型 "Query" 没有字段 "verifyLedgr"（您是不是想写 "verifyLedger"？）',
    );
    const typoEn = await t.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('accept-language', 'en')
      .send({ query: '{ verifyLedgr { ok } }' });
    expect(firstError(typoEn.body as Record<string, unknown>).message).toBe(
      'Cannot query field "verifyLedgr" on type "Query".',
    );
    // GraphiQL's own introspection query fits the limits.
    const full = await post(t, getIntrospectionQuery(), auditor);
    expect(full.body.errors).toBeUndefined();

    const dev = await TestApp.start({ env: { NODE_ENV: 'development' } });
    try {
      const open = await post(dev, '{ __schema { queryType { name } } }');
      expect(open.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      const hinted = await post(dev, '{ verifyLedgr { ok } }');
      expect(firstError(hinted.body).message).toMatch(/您是不是想写 "verifyLedger"？/);
    } finally {
      await dev.close({ checkLedger: false });
    }
  });

  it('/health answers while a flood of 1,000-alias queries is refused', async () => {
    const flood = Array.from({ length: 40 }, () => post(t, aliases(1000), auditor));
    const health: Array<{ status: number; ms: number }> = [];
    for (let i = 0; i < 5; i++) {
      const started = process.hrtime.bigint();
      const res = await t.http.get('/health');
      health.push({ status: res.status, ms: Number(process.hrtime.bigint() - started) / 1e6 });
    }
    const refused = await Promise.all(flood);
    expect(health.map((h) => h.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(refused.map((r) => firstError(r.body).extensions.reason))).toEqual(
      new Set(['QUERY_TOO_MANY_ALIASES']),
    );
    const worst = Math.max(...refused.map((r) => r.ms));
    process.stdout.write(
      `[query-limits] /health during a flood of 40 × 1,000 aliases: ${health.map((h) => h.ms.toFixed(1)).join(', ')} ms; slowest refusal ${worst.toFixed(1)} ms\n`,
    );
  });

  it('after tampering, a reused result is not handed out: the changed rows are verified again', async () => {
    const tampered = await TestApp.start();
    try {
      const token = await tampered.token('auditor');
      const first = await post(tampered, '{ verifyLedger { ok } }', token);
      expect(first.body.data).toEqual({ verifyLedger: { ok: true } });
      await tampered.tamper(
        `UPDATE ledger_entry SET canonical = convert_to(replace(convert_from(canonical, 'UTF8'), '万州', '萬州'), 'UTF8')
          WHERE idx = (SELECT min(idx) FROM ledger_entry WHERE convert_from(canonical, 'UTF8') LIKE '%万州%')`,
      );
      const second = await post(tampered, '{ verifyLedger { ok } }', token);
      expect(second.body.data).toEqual({ verifyLedger: { ok: false } });
    } finally {
      await tampered.close({ checkLedger: false });
    }
  });
});
