import jwt from 'jsonwebtoken';
import { errorReason, GqlResponse, TestApp } from './support/test-app';

const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }';
const SECRET = 'test-only-secret-0123456789abcdef0123456789';

/**
 * The lockout tells nobody which accounts exist and lets nobody lock someone else out cheaply:
 * failures count per account and address, per account (higher), and per address (any account).
 * The app trusts X-Forwarded-For here (TRUST_PROXY=true), as behind the district's reverse proxy.
 */
describe('sign-in lockout and throttling (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({
      env: {
        TRUST_PROXY: 'true',
        LOCKOUT_MAX_FAILURES: '5',
        LOCKOUT_ACCOUNT_MAX_FAILURES: '12',
        LOCKOUT_ADDRESS_MAX_FAILURES: '30',
      },
    });
  });
  afterAll(() => t.close());

  async function login(username: string, password: string, from: string): Promise<GqlResponse<unknown>> {
    const res = await t.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('x-forwarded-for', from)
      .send({ query: LOGIN, variables: { u: username, p: password } });
    return { status: res.status, data: res.body.data ?? null, errors: res.body.errors };
  }

  /** What an attacker sees of an answer: code, reason, message (the lock's time made generic) and keys. */
  const seen = (res: GqlResponse<unknown>) => {
    const e = res.errors![0];
    return {
      code: e.extensions.code,
      reason: e.extensions.reason,
      message: e.message.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/, '<time>'),
      keys: Object.keys(e.extensions).sort(),
      details: Object.keys((e.extensions.details as object | undefined) ?? {}),
    };
  };

  it('an unknown user is answered exactly like a real one, the lock included', async () => {
    const real: ReturnType<typeof seen>[] = [];
    const unknown: ReturnType<typeof seen>[] = [];
    for (let i = 0; i < 7; i++) {
      real.push(seen(await login('yuhe', `wrong-password-${i}`, '10.1.0.1')));
      unknown.push(seen(await login('no-such-clerk', `wrong-password-${i}`, '10.1.0.1')));
    }
    expect(unknown).toEqual(real);
    expect(real.map((r) => r.reason)).toEqual([
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'ACCOUNT_LOCKED',
      'ACCOUNT_LOCKED',
      'ACCOUNT_LOCKED',
    ]);
  });

  it('failures from one address lock that address out of the account, not the account owner', async () => {
    for (let i = 0; i < 5; i++) await login('wutong', `guess-${i}-password`, '10.66.6.6');
    expect(errorReason(await login('wutong', t.env.demoPassword, '10.66.6.6'))).toBe('ACCOUNT_LOCKED');
    // The clerk, at the village office, still signs in.
    const owner = await login('wutong', t.env.demoPassword, '10.7.0.7');
    expect(owner.errors).toBeUndefined();
    // and the owner's success does not lift the stranger's lock.
    expect(errorReason(await login('wutong', t.env.demoPassword, '10.66.6.6'))).toBe('ACCOUNT_LOCKED');
    // The administrator sees the lock from that address (not a lock for everyone) and lifts it.
    const USER =
      '{ users(filter: { search: "wutong" }) { edges { node { id lockedUntil signInLockedUntil } } } }';
    type Node = { id: string; lockedUntil: string | null; signInLockedUntil: string | null };
    const admin = await t.token('admin');
    const [before] = (await t.gql<{ users: { edges: Array<{ node: Node }> } }>(USER, {}, admin)).data!.users
      .edges;
    expect(before.node.lockedUntil).toBeNull();
    expect(Date.parse(before.node.signInLockedUntil!)).toBeGreaterThan(Date.now());
    const auditor = await t.gql(USER, {}, await t.token('auditor'));
    expect(auditor.errors![0].extensions.code).toBe('FORBIDDEN');
    await t.gql('mutation($id: ID!) { unlockUser(userId: $id) { id } }', { id: before.node.id }, admin);
    const [after] = (await t.gql<{ users: { edges: Array<{ node: Node }> } }>(USER, {}, admin)).data!.users
      .edges;
    expect(after.node.signInLockedUntil).toBeNull();
    expect((await login('wutong', t.env.demoPassword, '10.66.6.6')).errors).toBeUndefined();
  });

  it('one address trying many accounts is throttled for every account, real or not', async () => {
    const from = '10.9.9.9';
    const reasons: string[] = [];
    for (let i = 0; i < 30; i++) {
      reasons.push(errorReason(await login(`someone-${i % 10}`, 'password-guess', from))!);
    }
    expect(reasons.slice(0, 5)).toEqual(Array(5).fill('INVALID_CREDENTIALS'));
    const blocked = await login('daping', t.env.demoPassword, from);
    expect(blocked.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'LOGIN_THROTTLED' });
    expect(
      (blocked.errors![0].extensions.details as { retryAfterSeconds: number }).retryAfterSeconds,
    ).toBeGreaterThan(0);
    expect((await login('daping', t.env.demoPassword, '10.9.9.10')).errors).toBeUndefined();
  });

  it('failures from many addresses lock the account for everyone, on the ledger; an administrator lifts it', async () => {
    for (let i = 0; i < 12; i++) await login('luotian', `guess-${i}-password`, `10.20.${i}.1`);
    const owner = await login('luotian', t.env.demoPassword, '10.7.0.7');
    expect(errorReason(owner)).toBe('ACCOUNT_LOCKED');
    const [user] = await t.sql<{ id: string; locked_until: Date }>(
      `SELECT id, locked_until FROM app_user WHERE username = 'luotian'`,
    );
    expect(user.locked_until.getTime()).toBeGreaterThan(Date.now());
    const [entry] = await t.sql<{ action: string }>(
      `SELECT action FROM ledger_entry WHERE entity_type = 'User' AND entity_id = $1 ORDER BY idx DESC LIMIT 1`,
      [user.id],
    );
    expect(entry.action).toBe('USER_LOCKED');
    const unlock = await t.gql(
      'mutation($id: ID!) { unlockUser(userId: $id) { lockedUntil } }',
      { id: user.id },
      await t.token('admin'),
    );
    expect(unlock.errors).toBeUndefined();
    expect((await login('luotian', t.env.demoPassword, '10.7.0.7')).errors).toBeUndefined();
  });

  it('refuses tokens without an expiry, and tokens that live longer than the server issues', async () => {
    const [user] = await t.sql<{ id: string; token_version: number }>(
      `SELECT id, token_version FROM app_user WHERE username = 'auditor'`,
    );
    const claims = { sub: user.id, ver: user.token_version };
    const options = { issuer: 'asset-registry', audience: 'asset-registry-api' };
    const forever = jwt.sign(claims, SECRET, options);
    const tooLong = jwt.sign(claims, SECRET, { ...options, expiresIn: 365 * 24 * 3600 });
    const fine = jwt.sign(claims, SECRET, { ...options, expiresIn: 600 });
    for (const token of [forever, tooLong]) {
      const res = await t.gql('{ me { username } }', {}, token);
      expect(res.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_INVALID' });
    }
    expect((await t.gql<{ me: { username: string } }>('{ me { username } }', {}, fine)).data).toEqual({
      me: { username: 'auditor' },
    });
  });
});
