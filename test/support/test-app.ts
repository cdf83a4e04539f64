import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';
import request from 'supertest';
import { DataSource, EntityManager } from 'typeorm';
import { DATA_SOURCE } from '@/database';
import { adminQuery, bootApp, withDatabase } from './db';
import { appEnv, readTestEnvironment, roleUrl, TestEnvironment } from './test-env';

export interface GqlError {
  message: string;
  path?: string[];
  extensions: {
    code: string;
    reason?: string;
    fields?: { field: string; message: string }[];
    [k: string]: unknown;
  };
}

export interface GqlResponse<T> {
  status: number;
  data: T | null;
  errors?: GqlError[];
}

/**
 * The real app on its own database, cloned from the run's template, spoken to over HTTP (supertest
 * against Fastify's server). One per test file (or more, e.g. two instances on one database).
 */
export class TestApp {
  private tokens = new Map<string, string>();

  private constructor(
    readonly env: TestEnvironment,
    readonly app: NestFastifyApplication,
    readonly databaseName: string,
    readonly databaseUrl: string,
    readonly pool: Pool,
    private readonly ownsDatabase: boolean,
  ) {}

  /** Clones the template into a fresh database and boots the app on it. */
  static async start(options: { env?: Record<string, string>; database?: string } = {}): Promise<TestApp> {
    const env = readTestEnvironment();
    let databaseName = options.database;
    const owns = databaseName === undefined;
    if (!databaseName) {
      databaseName = `${env.databasePrefix}_${randomBytes(5).toString('hex')}`;
      await cloneTemplate(env, databaseName);
    }
    // The app connects as the run's app role; the test's own pool as the superuser (inspection and
    // tamper tests, which act as an administrator would).
    const url = withDatabase(env.serverUrl, databaseName);
    const app = await bootApp(appEnv(env, roleUrl(env, databaseName, 'app'), options.env));
    const pool = new Pool({ connectionString: url, max: 3 });
    pool.on('error', () => undefined); // idle clients are cut when the database is dropped
    return new TestApp(env, app, databaseName, url, pool, owns);
  }

  /** A second app instance on the same database (another process, as far as the database can tell). */
  async sibling(env: Record<string, string> = {}): Promise<TestApp> {
    return TestApp.start({ database: this.databaseName, env });
  }

  get http(): ReturnType<typeof request> {
    return request(this.app.getHttpServer());
  }

  /**
   * The Accept-Language of {@link gql}: the tests were written against the English messages (the
   * answers are Chinese by default; test/i18n.e2e-spec.ts checks that, without this header).
   */
  language: string | undefined = 'en';

  /** Runs `work` with another Accept-Language (`zh-CN`, or undefined for none), then goes back. */
  async inLanguage<T>(language: string | undefined, work: () => Promise<T>): Promise<T> {
    const before = this.language;
    this.language = language;
    try {
      return await work();
    } finally {
      this.language = before;
    }
  }

  async gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<GqlResponse<T>> {
    let req = this.http.post('/graphql').set('content-type', 'application/json');
    if (this.language) req = req.set('accept-language', this.language);
    if (token) req = req.set('authorization', `Bearer ${token}`);
    const res = await req.send({ query, variables });
    return { status: res.status, data: res.body.data ?? null, errors: res.body.errors };
  }

  /** Signs in (cached per username) and returns the access token. */
  async token(username: string, password = this.env.demoPassword): Promise<string> {
    const cached = this.tokens.get(`${username}\u0000${password}`);
    if (cached) return cached;
    const res = await this.gql<{ login: { accessToken: string } }>(
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
      { u: username, p: password },
    );
    if (!res.data) throw new Error(`login ${username} failed: ${JSON.stringify(res.errors)}`);
    this.tokens.set(`${username}\u0000${password}`, res.data.login.accessToken);
    return res.data.login.accessToken;
  }

  forgetTokens(): void {
    this.tokens.clear();
  }

  /** A GraphQL caller bound to a user. */
  async as(username: string, password?: string): Promise<Caller> {
    const token = await this.token(username, password);
    return {
      token,
      gql: <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) =>
        this.gql<T>(query, variables, token),
      upload: async (bytes: Buffer, name: string) => {
        const res = await this.http
          .post('/files')
          .set('authorization', `Bearer ${token}`)
          .attach('file', bytes, name);
        if (res.status !== 201) throw new Error(`upload ${name}: ${res.status} ${JSON.stringify(res.body)}`);
        return (res.body as { id: string }).id;
      },
      download: async (path: string) => {
        const res = await this.http
          .get(path)
          .set('authorization', `Bearer ${token}`)
          .buffer(true)
          .parse((r, cb) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => cb(null, Buffer.concat(chunks)));
          });
        if (res.status !== 200) throw new Error(`download ${path}: ${res.status}`);
        return res.body as Buffer;
      },
    };
  }

  /** verifyLedger and reconcile are both ok (as an auditor sees them). */
  async assertLedgerSound(): Promise<void> {
    const res = await this.gql<{
      verifyLedger: { ok: boolean; problems: unknown[] };
      reconcile: { ok: boolean; differences: unknown[] };
    }>(
      '{ verifyLedger { ok problems { index kind message } } reconcile { ok differences { entityType entityId kind fields } } }',
      {},
      await this.token('auditor'),
    );
    if (!res.data) throw new Error(`ledger check failed: ${JSON.stringify(res.errors)}`);
    const { verifyLedger, reconcile } = res.data;
    if (!verifyLedger.ok || !reconcile.ok) {
      throw new Error(
        `the ledger is not sound after this file: ${JSON.stringify({ problems: verifyLedger.problems, differences: reconcile.differences }).slice(0, 2000)}`,
      );
    }
  }

  /**
   * The money adds up, to the fen, after everything the file did: for every village, received =
   * distributed (committed plans) + undistributed with nothing negative; every committed plan's
   * allocations add up to it and every allocation's beneficiaries to it; no allocation is overpaid;
   * every income is split exactly between its owners; no household is paid above its share; every
   * committed plan takes exactly its amount from income records, none more than its village's share.
   */
  async assertBooksBalance(): Promise<void> {
    const problems = await this.sql<{ problem: string }>(`
      SELECT 'income ' || r.id || ' shares add up to ' || coalesce(sum(s.amount), 0) || ' not ' || r.amount AS problem
        FROM income_record r LEFT JOIN income_share s ON s.income_id = r.id
       GROUP BY r.id, r.amount HAVING coalesce(sum(s.amount), 0) <> r.amount
      UNION ALL
      SELECT 'village ' || v.village_code || ': planned ' || v.planned || ' > received ' || v.received
        FROM (SELECT r.code AS village_code,
                     (SELECT coalesce(sum(amount), 0) FROM income_share WHERE village_code = r.code) AS received,
                     (SELECT coalesce(sum(amount), 0) FROM distribution_plan
                       WHERE village_code = r.code AND status IN ('SUBMITTED', 'FILED', 'COMPLETED')) AS planned
                FROM region r WHERE r.level = 'VILLAGE') v
       WHERE v.planned > v.received
      UNION ALL
      SELECT 'plan ' || p.id || ' allocations add up to ' || coalesce(sum(a.amount), 0) || ' not ' || p.amount
        FROM distribution_plan p LEFT JOIN distribution_allocation a ON a.plan_id = p.id
       WHERE p.status <> 'DRAFT' GROUP BY p.id, p.amount HAVING coalesce(sum(a.amount), 0) <> p.amount
      UNION ALL
      SELECT 'allocation ' || a.id || ' beneficiaries add up to ' || sum(b.amount) || ' not ' || a.amount
        FROM distribution_allocation a JOIN distribution_plan p ON p.id = a.plan_id
        JOIN distribution_beneficiary b ON b.allocation_id = a.id
       WHERE p.status <> 'DRAFT' GROUP BY a.id, a.amount HAVING sum(b.amount) <> a.amount
      UNION ALL
      SELECT 'allocation ' || a.id || ' paid ' || sum(x.amount) || ' of ' || a.amount
        FROM distribution_allocation a JOIN distribution_payout x ON x.allocation_id = a.id
       GROUP BY a.id, a.amount HAVING sum(x.amount) > a.amount
      UNION ALL
      SELECT 'household ' || x.household_id || ' paid ' || sum(x.amount) || ' of a share of ' || coalesce(b.amount, 0)
        FROM distribution_payout x
        LEFT JOIN distribution_beneficiary b ON b.allocation_id = x.allocation_id AND b.household_id = x.household_id
       WHERE x.household_id IS NOT NULL
       GROUP BY x.allocation_id, x.household_id, b.amount HAVING sum(x.amount) > coalesce(b.amount, 0)
      UNION ALL
      SELECT 'allocation ' || a.id || ' with beneficiaries paid to no household'
        FROM distribution_allocation a JOIN distribution_payout x ON x.allocation_id = a.id
       WHERE x.household_id IS NULL AND EXISTS (SELECT 1 FROM distribution_beneficiary b WHERE b.allocation_id = a.id)
      UNION ALL
      SELECT 'plan ' || p.id || ' (' || p.status || ') takes ' || coalesce(sum(l.amount), 0) || ' of income, not ' ||
             CASE WHEN p.status = 'DRAFT' THEN 0 ELSE p.amount END
        FROM distribution_plan p LEFT JOIN distribution_plan_income l ON l.plan_id = p.id
       GROUP BY p.id, p.status, p.amount
      HAVING coalesce(sum(l.amount), 0) <> CASE WHEN p.status = 'DRAFT' THEN 0 ELSE p.amount END
      UNION ALL
      SELECT 'income ' || l.income_id || ' gives ' || sum(l.amount) || ' to plans of ' || p.village_code || ', more than its share'
        FROM distribution_plan_income l JOIN distribution_plan p ON p.id = l.plan_id
       GROUP BY l.income_id, p.village_code
      HAVING sum(l.amount) > (SELECT coalesce(sum(s.amount), 0) FROM income_share s
                               WHERE s.village_code = p.village_code
                                 AND (s.income_id = l.income_id
                                      OR s.income_id IN (SELECT r.id FROM income_record r WHERE r.reverses_id = l.income_id)))
    `);
    if (problems.length > 0)
      throw new Error(`the books do not balance: ${problems.map((p) => p.problem).join('; ')}`);
    // And the balances the API reports satisfy received = distributed + undistributed for every village.
    const res = await this.gql<{
      villageIncomeBalances: Array<{
        villageCode: string;
        received: string;
        planned: string;
        undistributed: string;
        paid: string;
      }>;
    }>(
      '{ villageIncomeBalances { villageCode received planned paid undistributed } }',
      {},
      await this.token('auditor'),
    );
    if (!res.data) throw new Error(`villageIncomeBalances failed: ${JSON.stringify(res.errors)}`);
    const fen = (s: string): bigint => BigInt(s.replace('.', ''));
    for (const b of res.data.villageIncomeBalances) {
      if (
        fen(b.received) !== fen(b.planned) + fen(b.undistributed) ||
        fen(b.undistributed) < 0n ||
        fen(b.paid) > fen(b.planned)
      ) {
        throw new Error(`village ${b.villageCode} does not balance: ${JSON.stringify(b)}`);
      }
    }
  }

  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const result = await this.pool.query(text, params);
    return result.rows as T[];
  }

  /** Runs SQL as a superuser with the ledger's triggers disabled (tamper tests). */
  async tamper(text: string, params: unknown[] = []): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL session_replication_role = replica`);
      await client.query(text, params);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Runs `work` in a transaction of its own on one connection of the app's data source and rolls it back:
   * the database is left as the ledger knows it.
   */
  async rolledBack<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.app.get<DataSource>(DATA_SOURCE).createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      return await work(runner.manager);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  /**
   * Checks that the ledger verifies and reconciles after everything the file did (unless told not to),
   * then closes the app and drops the database.
   */
  async close(options: { checkLedger?: boolean } = {}): Promise<void> {
    if (options.checkLedger ?? this.ownsDatabase) {
      await this.assertLedgerSound();
      await this.assertBooksBalance();
    }
    await this.app.close();
    await this.pool.end();
    if (this.ownsDatabase) {
      await adminQuery(this.env.serverUrl, `DROP DATABASE IF EXISTS ${this.databaseName} WITH (FORCE)`);
    }
  }
}

export interface Caller {
  token: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GqlResponse<T>>;
  /** Uploads a file (POST /files) as this user; its id. */
  upload(bytes: Buffer, name: string): Promise<string>;
  /** The bytes of a download (a file, a report) as this user; anything but 200 throws. */
  download(path: string): Promise<Buffer>;
}

async function cloneTemplate(env: TestEnvironment, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(
        env.serverUrl,
        `CREATE DATABASE ${name} TEMPLATE ${env.templateDatabase} OWNER "${env.roles.owner.name}"`,
      );
      return;
    } catch (error) {
      // Another clone of the same template in progress: retry briefly.
      if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 100 + attempt * 50));
    }
  }
}

/** The first error's code, e.g. expectCode(res) === 'FORBIDDEN'. */
export function errorCode(res: GqlResponse<unknown>): string | undefined {
  return res.errors?.[0]?.extensions.code;
}

export function errorReason(res: GqlResponse<unknown>): string | undefined {
  return res.errors?.[0]?.extensions.reason;
}

export function errorFields(res: GqlResponse<unknown>): string[] {
  return (res.errors?.[0]?.extensions.fields ?? []).map((f) => f.field);
}
