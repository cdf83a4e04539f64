/**
 * The baseline the app is measured against: a bare `node:http` + `pg` server (no framework, no ORM, no
 * GraphQL) doing the equivalent work in hand-written SQL. It verifies the same bearer token (HS256, the
 * same claims) and reads the same user row, so it pays for what the app must do on every request, and
 * nothing more. Started by the benches as a process of its own (DATABASE_URL, JWT_SECRET, PORT).
 *
 *   POST /list    {"region": "500101001", "first": 50}
 *                 the auditor list: totalCount, and the page by code with each asset's location,
 *                 project and current owners (scope: the user's region prefix), the two statements
 *                 at once; the region's rows are selected first and then sorted (OFFSET 0 keeps the
 *                 planner from walking the district's code index instead).
 *   POST /income  {"assetId", "amount" (fen), "periodFrom", "periodTo", "receivedOn", "kind", "idempotencyKey"}
 *                 recordIncome's domain statements in one transaction (asset row lock, idempotency,
 *                 owners, period overlap, record, shares, ledger lock, next index, entry with its
 *                 canonical JSON, SHA-256 leaf hash and Ed25519 signature), written to bench_raw_* tables
 *                 so that the app's ledger and books stay untouched.
 */
import { createHash, createHmac, generateKeyPairSync, sign, timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import { Pool, PoolClient } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const secret = Buffer.from(process.env.JWT_SECRET ?? '');
const { privateKey } = generateKeyPairSync('ed25519');

interface User {
  id: string;
  role: string;
  region_code: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** HS256 JWT check: signature, issuer, audience, expiry; then the user row (token version, status). */
async function authenticate(req: http.IncomingMessage, db: Pool | PoolClient): Promise<User> {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m) throw new HttpError(401, 'no token');
  const [h, p, s] = m[1].split('.');
  const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest();
  const given = Buffer.from(s ?? '', 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new HttpError(401, 'bad token');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as {
    sub: string;
    ver: number;
    exp: number;
    iss: string;
    aud: string;
  };
  if (
    claims.iss !== 'asset-registry' ||
    claims.aud !== 'asset-registry-api' ||
    claims.exp * 1000 < Date.now()
  )
    throw new HttpError(401, 'bad claims');
  const { rows } = await db.query<User & { token_version: number; status: string }>(
    'SELECT id, role, region_code, token_version, status FROM app_user WHERE id = $1',
    [claims.sub],
  );
  if (!rows[0] || rows[0].token_version !== claims.ver || rows[0].status !== 'ACTIVE')
    throw new HttpError(401, 'revoked');
  return rows[0];
}

const yuan = (fen: string): string => {
  const n = BigInt(fen);
  const abs = n < 0n ? -n : n;
  return `${n < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};

async function list(req: http.IncomingMessage, body: { region: string; first: number }): Promise<unknown> {
  const user = await authenticate(req, pool);
  if (!/^\d{6,12}$/.test(body.region)) throw new HttpError(400, 'region');
  const first = Math.min(Math.max(body.first, 1), 200);
  const scope = `${user.region_code}%`;
  const region = `${body.region}%`;
  const [count, page] = await Promise.all([
    // Named, so each connection plans them once (the app's page is a named prepared statement too).
    pool.query<{ n: string }>({
      name: 'list-count',
      text: 'SELECT count(*) AS n FROM asset a WHERE a.location_code LIKE $1 AND a.location_code LIKE $2',
      values: [scope, region],
    }),
    pool.query({
      name: 'list-page',
      text: `SELECT a.id, a.code, a.name, a.class, a.status, a.formed_value::text AS formed_value,
              r.code AS region_code, r.name AS region_name,
              p.id AS project_id, p.code AS project_code, p.name AS project_name, p.year AS project_year,
              coalesce((SELECT json_agg(json_build_object('ownerType', o.owner_type, 'ownerName', o.owner_name,
                                 'shareBp', o.share_bp) ORDER BY o.owner_type, o.owner_ref)
                          FROM asset_ownership o WHERE o.asset_id = a.id AND o.valid_to IS NULL), '[]') AS owners
         FROM (SELECT * FROM (SELECT * FROM asset a WHERE a.location_code LIKE $1 AND a.location_code LIKE $2
                                OFFSET 0) a
                ORDER BY a.code, a.id
                LIMIT $3) a
         JOIN LATERAL (SELECT r.* FROM region r WHERE r.code = a.location_code OFFSET 0) r ON true
         JOIN LATERAL (SELECT p.* FROM project p WHERE p.id = a.project_id OFFSET 0) p ON true
        ORDER BY a.code, a.id`,
      values: [scope, region, first + 1],
    }),
  ]);
  const rows = page.rows.slice(0, first) as Array<Record<string, unknown>>;
  return {
    totalCount: Number(count.rows[0].n),
    edges: rows.map((r) => ({
      cursor: Buffer.from(JSON.stringify([r.code, r.id])).toString('base64url'),
      node: {
        id: r.id,
        code: r.code,
        name: r.name,
        class: r.class,
        status: r.status,
        formedValue: yuan(r.formed_value as string),
        location: { code: r.region_code, name: r.region_name },
        project: { id: r.project_id, code: r.project_code, name: r.project_name, year: r.project_year },
        owners: (r.owners as Array<{ ownerType: string; ownerName: string; shareBp: number }>).map((o) => ({
          ownerType: o.ownerType,
          ownerName: o.ownerName,
          sharePercent: (o.shareBp / 100).toFixed(2),
        })),
      },
    })),
    pageInfo: { hasNextPage: page.rows.length > first },
  };
}

interface IncomeBody {
  assetId: string;
  amount: string;
  periodFrom: string;
  periodTo: string;
  receivedOn: string;
  kind: string;
  idempotencyKey: string;
}

async function income(req: http.IncomingMessage, b: IncomeBody): Promise<unknown> {
  const db = await pool.connect();
  try {
    const user = await authenticate(req, db);
    await db.query('BEGIN');
    const asset = (
      await db.query<{ id: string; location_code: string; class: string; code: string }>(
        'SELECT id, code, location_code, class FROM asset WHERE id = $1 FOR UPDATE',
        [b.assetId],
      )
    ).rows[0];
    if (!asset || !asset.location_code.startsWith(user.region_code)) throw new HttpError(404, 'asset');
    const replay = await db.query('SELECT id FROM bench_raw_income WHERE idempotency_key = $1', [
      b.idempotencyKey,
    ]);
    if (replay.rows[0]) {
      await db.query('COMMIT');
      return { id: (replay.rows[0] as { id: string }).id };
    }
    const owners = (
      await db.query<{ owner_type: string; owner_ref: string; share_bp: number }>(
        'SELECT owner_type, owner_ref, share_bp FROM asset_ownership WHERE asset_id = $1 AND valid_to IS NULL ORDER BY owner_type, owner_ref',
        [asset.id],
      )
    ).rows;
    if (asset.class !== 'OPERATING') throw new HttpError(400, 'not operating');
    const overlap = await db.query(
      `SELECT r.id FROM bench_raw_income r
        WHERE r.asset_id = $1 AND r.kind = $2 AND r.reverses_id IS NULL AND NOT r.supplement
          AND r.period_from <= $4 AND r.period_to >= $3
          AND NOT EXISTS (SELECT 1 FROM bench_raw_income x WHERE x.reverses_id = r.id) LIMIT 1`,
      [asset.id, b.kind, b.periodFrom, b.periodTo],
    );
    if (overlap.rows.length > 0) throw new HttpError(409, 'overlap');
    const [record] = (
      await db.query<Record<string, unknown>>(
        `INSERT INTO bench_raw_income (asset_id, region_code, amount, kind, period_from, period_to, received_on, idempotency_key, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [
          asset.id,
          asset.location_code,
          b.amount,
          b.kind,
          b.periodFrom,
          b.periodTo,
          b.receivedOn,
          b.idempotencyKey,
          user.id,
        ],
      )
    ).rows;
    const shares = owners.length
      ? owners
      : [{ owner_type: 'VILLAGE_COLLECTIVE', owner_ref: asset.location_code, share_bp: 10_000 }];
    const amount = BigInt(b.amount);
    let left = amount;
    const amounts = shares.map((s, i) => {
      const part = i === shares.length - 1 ? left : (amount * BigInt(s.share_bp)) / 10_000n;
      left -= part;
      return part;
    });
    await db.query(
      `INSERT INTO bench_raw_income_share (income_id, position, owner_type, owner_ref, village_code, share_bp, amount)
       SELECT $1, p, t, r, CASE WHEN t = 'VILLAGE_COLLECTIVE' THEN r END, s, a
         FROM unnest($2::smallint[], $3::text[], $4::text[], $5::int[], $6::bigint[]) AS u(p, t, r, s, a)`,
      [
        record.id,
        shares.map((_, i) => i),
        shares.map((s) => s.owner_type),
        shares.map((s) => s.owner_ref),
        shares.map((s) => s.share_bp),
        amounts.map(String),
      ],
    );
    await db.query('SELECT pg_advisory_xact_lock(7312999)');
    const [{ next }] = (
      await db.query<{ next: string }>('SELECT coalesce(max(idx) + 1, 0) AS next FROM bench_raw_ledger')
    ).rows;
    const canonical = Buffer.from(
      JSON.stringify({
        action: 'INCOME_RECORDED',
        actor: user.id,
        after: { ...record, shares: shares.map((s, i) => ({ ...s, amount: String(amounts[i]) })) },
        entityId: record.id,
        entityType: 'IncomeRecord',
        index: Number(next),
        regionCode: asset.location_code,
        time: new Date().toISOString(),
      }),
    );
    const leaf = createHash('sha256')
      .update(Buffer.from([0]))
      .update(canonical)
      .digest();
    const signature = sign(null, leaf, privateKey);
    await db.query(
      'INSERT INTO bench_raw_ledger (idx, leaf_hash, canonical, signature) VALUES ($1, $2, $3, $4)',
      [next, leaf, canonical, signature],
    );
    await db.query('COMMIT');
    return { id: record.id, amount: yuan(b.amount) };
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    db.release();
  }
}

async function setUp(): Promise<void> {
  await pool.query(`
    CREATE TABLE IF NOT EXISTS bench_raw_income (LIKE income_record INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
    CREATE TABLE IF NOT EXISTS bench_raw_income_share (LIKE income_share INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
    CREATE TABLE IF NOT EXISTS bench_raw_ledger (idx bigint PRIMARY KEY, leaf_hash bytea NOT NULL, canonical bytea NOT NULL,
                                                 signature bytea NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now());`);
}

const routes: Record<string, (req: http.IncomingMessage, body: never) => Promise<unknown>> = {
  '/list': list,
  '/income': income,
};

const server = http.createServer((req, res) => {
  if (req.url === '/health') {
    res.end('ok');
    return;
  }
  const route = routes[req.url ?? ''];
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const reply = (status: number, payload: unknown): void => {
      const text = JSON.stringify(payload);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    };
    if (!route) return reply(404, { error: 'no such route' });
    route(req, JSON.parse(Buffer.concat(chunks).toString() || '{}') as never).then(
      (data) => reply(200, { data }),
      (error: unknown) =>
        reply(error instanceof HttpError ? error.status : 500, { error: (error as Error).message }),
    );
  });
});

setUp().then(
  () => server.listen(Number(process.env.PORT ?? 3106), '127.0.0.1'),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
