import jwt from 'jsonwebtoken';
import { errorCode, errorFields, errorReason, TestApp } from './support/test-app';

const LOGIN =
  'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken expiresAt user { username role regionCode } } }';
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id username role regionCode status } }`;
const ME = '{ me { id username role regionCode } }';

describe('sign-in, tokens and lockout (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.token('admin');
  });
  afterAll(() => t.close());

  async function newUser(username: string, password = 'a-good-password-1'): Promise<string> {
    const res = await t.gql<{ createUser: { id: string } }>(
      CREATE_USER,
      {
        input: {
          username,
          displayName: username,
          role: 'VILLAGE_CLERK',
          regionCode: '500101151201',
          password,
        },
      },
      admin,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.createUser.id;
  }

  it('signs in with the right password and returns a working token', async () => {
    const res = await t.gql<{
      login: { accessToken: string; expiresAt: string; user: { username: string } };
    }>(LOGIN, {
      u: 'auditor',
      p: t.env.demoPassword,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.login.user).toEqual({ username: 'auditor', role: 'AUDITOR', regionCode: '500101' });
    expect(new Date(res.data!.login.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = await t.gql<{ me: { username: string } }>(ME, {}, res.data!.login.accessToken);
    expect(me.data!.me.username).toBe('auditor');
  });

  it('usernames are case-insensitive', async () => {
    const res = await t.gql(LOGIN, { u: 'AUDITOR', p: t.env.demoPassword });
    expect(res.errors).toBeUndefined();
  });

  it('refuses a wrong password and an unknown user alike (UNAUTHENTICATED)', async () => {
    const wrong = await t.gql(LOGIN, { u: 'district', p: 'not-the-password' });
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    expect(errorReason(wrong)).toBe('INVALID_CREDENTIALS');
    const unknown = await t.gql(LOGIN, { u: 'nobody-here', p: 'whatever-password' });
    expect(errorCode(unknown)).toBe('UNAUTHENTICATED');
    expect(unknown.errors![0].message).toBe(wrong.errors![0].message);
  });

  it('locks an account for the address after 5 failures for 15 minutes, even for the right password', async () => {
    const id = await newUser('lockme');
    for (let i = 1; i <= 4; i++) {
      const res = await t.gql(LOGIN, { u: 'lockme', p: `wrong-${i}-password` });
      expect(errorReason(res)).toBe('INVALID_CREDENTIALS');
    }
    const fifth = await t.gql(LOGIN, { u: 'lockme', p: 'wrong-5-password' });
    expect(errorCode(fifth)).toBe('UNAUTHENTICATED');
    expect(errorReason(fifth)).toBe('ACCOUNT_LOCKED');
    const right = await t.gql(LOGIN, { u: 'lockme', p: 'a-good-password-1' });
    expect(errorReason(right)).toBe('ACCOUNT_LOCKED');
    const [row] = await t.sql<{ locked_until: Date }>(
      `SELECT locked_until FROM login_throttle WHERE key LIKE 'pair:lockme|%'`,
    );
    const minutes = (row.locked_until.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    // Locked out from this address only: not a change of the user (see login-throttle.e2e-spec.ts).
    const entries = await t.sql<{ action: string }>(
      `SELECT action FROM ledger_entry WHERE entity_type = 'User' AND entity_id = $1 ORDER BY idx`,
      [id],
    );
    expect(entries.map((e) => e.action)).toEqual(['USER_CREATED']);

    // An administrator can lift the lock; then the right password works again.
    const unlock = await t.gql(
      'mutation($id: ID!) { unlockUser(userId: $id) { lockedUntil } }',
      { id },
      admin,
    );
    expect(unlock.errors).toBeUndefined();
    expect((await t.gql(LOGIN, { u: 'lockme', p: 'a-good-password-1' })).errors).toBeUndefined();
  });

  it('counts failures only until a success', async () => {
    await newUser('resetcount');
    for (let i = 0; i < 4; i++) await t.gql(LOGIN, { u: 'resetcount', p: 'wrong-password-x' });
    expect((await t.gql(LOGIN, { u: 'resetcount', p: 'a-good-password-1' })).errors).toBeUndefined();
    for (let i = 0; i < 4; i++) {
      expect(errorReason(await t.gql(LOGIN, { u: 'resetcount', p: 'wrong-password-y' }))).toBe(
        'INVALID_CREDENTIALS',
      );
    }
  });

  it('a disabled user cannot sign in and their existing tokens stop working', async () => {
    const id = await newUser('tobedisabled');
    const token = await t.token('tobedisabled', 'a-good-password-1');
    expect((await t.gql(ME, {}, token)).errors).toBeUndefined();
    const res = await t.gql('mutation($id: ID!) { disableUser(userId: $id) { status } }', { id }, admin);
    expect(res.data).toEqual({ disableUser: { status: 'DISABLED' } });
    const after = await t.gql(ME, {}, token);
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
    const login = await t.gql(LOGIN, { u: 'tobedisabled', p: 'a-good-password-1' });
    expect(errorCode(login)).toBe('UNAUTHENTICATED');
    expect(errorReason(login)).toBe('ACCOUNT_DISABLED');
    const again = await t.gql('mutation($id: ID!) { disableUser(userId: $id) { status } }', { id }, admin);
    expect(errorCode(again)).toBe('CONFLICT');
  });

  it('rejects expired, forged and malformed tokens with UNAUTHENTICATED', async () => {
    const [user] = await t.sql<{ id: string; token_version: number }>(
      `SELECT id, token_version FROM app_user WHERE username = 'auditor'`,
    );
    const claims = { sub: user.id, ver: user.token_version };
    const secret = 'test-only-secret-0123456789abcdef0123456789';
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, secret, {
      issuer: 'asset-registry',
      audience: 'asset-registry-api',
    });
    const forged = jwt.sign(claims, 'another-secret-another-secret-another', {
      issuer: 'asset-registry',
      audience: 'asset-registry-api',
      expiresIn: 600,
    });
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    const cases: Array<[string, string]> = [
      [expired, 'TOKEN_EXPIRED'],
      [forged, 'TOKEN_INVALID'],
      [none, 'TOKEN_INVALID'],
      ['garbage', 'TOKEN_INVALID'],
    ];
    for (const [token, reason] of cases) {
      const res = await t.gql(ME, {}, token);
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
      expect(errorReason(res)).toBe(reason);
      expect(res.data).toBeNull();
    }
    const noBearer = await t.http.post('/graphql').set('authorization', 'Basic abc').send({ query: ME });
    expect(noBearer.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('denies everything but login and health without a token', async () => {
    expect(errorCode(await t.gql(ME))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql('{ regions { code } }'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql('{ latestCheckpoint { treeSize } }'))).toBe('UNAUTHENTICATED');
    const health = await t.http.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.database.status).toBe('up');
  });

  it('changePassword: checks the current password, ends older tokens, returns a new one', async () => {
    await newUser('changer', 'first-password-1');
    const old = await t.token('changer', 'first-password-1');
    const CHANGE =
      'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { accessToken } }';
    const wrong = await t.gql(CHANGE, { c: 'not-my-password', n: 'second-password-2' }, old);
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(errorFields(wrong)).toEqual(['currentPassword']);
    const short = await t.gql(CHANGE, { c: 'first-password-1', n: 'short' }, old);
    expect(errorCode(short)).toBe('BAD_USER_INPUT');
    expect(errorFields(short)).toEqual(['newPassword']);
    const ok = await t.gql<{ changePassword: { accessToken: string } }>(
      CHANGE,
      { c: 'first-password-1', n: 'second-password-2' },
      old,
    );
    expect(ok.errors).toBeUndefined();
    expect(errorCode(await t.gql(ME, {}, old))).toBe('UNAUTHENTICATED');
    expect((await t.gql(ME, {}, ok.data!.changePassword.accessToken)).errors).toBeUndefined();
    expect(errorCode(await t.gql(LOGIN, { u: 'changer', p: 'first-password-1' }))).toBe('UNAUTHENTICATED');
  });
});
