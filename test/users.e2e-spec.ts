import { errorCode, errorFields, errorReason, TestApp } from './support/test-app';

const CREATE_USER =
  'mutation($input: CreateUserInput!) { createUser(input: $input) { id username role regionCode } }';

describe('user administration (e2e)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.token('admin');
  });
  afterAll(() => t.close());

  const input = (over: Record<string, unknown> = {}) => ({
    username: 'clerk2',
    displayName: '新会计',
    role: 'VILLAGE_CLERK',
    regionCode: '500101151202',
    password: 'long-enough-password',
    ...over,
  });

  it('creates a user bound to a region of the level its role needs, on the ledger', async () => {
    const res = await t.gql<{ createUser: { id: string; username: string } }>(
      CREATE_USER,
      { input: input({ username: 'Clerk2' }) },
      admin,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createUser).toMatchObject({
      username: 'clerk2',
      role: 'VILLAGE_CLERK',
      regionCode: '500101151202',
    });
    const entries = await t.gql<{ history: Array<{ action: string; after: Record<string, unknown> }> }>(
      'query($id: String!) { history(entityType: "User", entityId: $id) { action after } }',
      { id: res.data!.createUser.id },
      await t.token('auditor'),
    );
    expect(entries.data!.history).toHaveLength(1);
    expect(entries.data!.history[0].action).toBe('USER_CREATED');
    expect(entries.data!.history[0].after).toMatchObject({ username: 'clerk2', status: 'ACTIVE' });
    expect(JSON.stringify(entries.data!.history[0].after)).not.toMatch(/scrypt/);
  });

  it('refuses a duplicate username (CONFLICT), a role at the wrong level and bad fields (BAD_USER_INPUT)', async () => {
    const dup = await t.gql(CREATE_USER, { input: input({ username: 'wutong' }) }, admin);
    expect(errorCode(dup)).toBe('CONFLICT');
    const level = await t.gql(
      CREATE_USER,
      { input: input({ username: 'xx1', role: 'TOWNSHIP_OFFICER' }) },
      admin,
    );
    expect(errorCode(level)).toBe('BAD_USER_INPUT');
    expect(errorReason(level)).toBe('USER_ROLE_REGION_MISMATCH');
    expect(errorFields(level)).toEqual(['input.regionCode']);
    const bad = await t.gql(
      CREATE_USER,
      { input: input({ username: 'a b', password: 'short', displayName: '' }) },
      admin,
    );
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(errorFields(bad).sort()).toEqual(['input.displayName', 'input.password', 'input.username']);
    const unknownField = await t.gql(
      CREATE_USER,
      { input: { ...input({ username: 'xx2' }), isRoot: true } },
      admin,
    );
    expect(errorCode(unknownField)).toBe('BAD_USER_INPUT');
    const badRole = await t.gql(CREATE_USER, { input: input({ username: 'xx3', role: 'ROOT' }) }, admin);
    expect(errorCode(badRole)).toBe('BAD_USER_INPUT');
  });

  it('changes a role (and region), disables and enables, each on the ledger', async () => {
    const created = await t.gql<{ createUser: { id: string } }>(
      CREATE_USER,
      { input: input({ username: 'mover' }) },
      admin,
    );
    const id = created.data!.createUser.id;
    const promote = await t.gql(
      'mutation($id: ID!) { updateUserRole(userId: $id, role: TOWNSHIP_OFFICER, regionCode: "500101151") { role regionCode version } }',
      { id },
      admin,
    );
    expect(promote.data).toEqual({
      updateUserRole: { role: 'TOWNSHIP_OFFICER', regionCode: '500101151', version: 2 },
    });
    const wrong = await t.gql(
      'mutation($id: ID!) { updateUserRole(userId: $id, role: AUDITOR) { role } }',
      { id },
      admin,
    );
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    const actions = await t.sql<{ action: string }>(
      `SELECT action FROM ledger_entry WHERE entity_id = $1 ORDER BY idx`,
      [id],
    );
    expect(actions.map((a) => a.action)).toEqual(['USER_CREATED', 'USER_ROLE_CHANGED']);
    const before = await t.sql<{ canonical: Buffer }>(
      `SELECT canonical FROM ledger_entry WHERE entity_id = $1 AND action = 'USER_ROLE_CHANGED'`,
      [id],
    );
    const doc = JSON.parse(before[0].canonical.toString());
    expect(doc.before.role).toBe('VILLAGE_CLERK');
    expect(doc.after.role).toBe('TOWNSHIP_OFFICER');
  });

  it('an unknown user id is NOT_FOUND; a malformed one is BAD_USER_INPUT', async () => {
    const missing = await t.gql(
      'mutation { disableUser(userId: "7b0c6f64-2f0e-4f65-9d8a-0c0c0c0c0c0c") { id } }',
      {},
      admin,
    );
    expect(errorCode(missing)).toBe('NOT_FOUND');
    const malformed = await t.gql('mutation { disableUser(userId: "42") { id } }', {}, admin);
    expect(errorCode(malformed)).toBe('BAD_USER_INPUT');
    expect(errorFields(malformed)).toEqual(['userId']);
    const q = await t.gql('{ user(id: "7b0c6f64-2f0e-4f65-9d8a-0c0c0c0c0c0c") { id } }', {}, admin);
    expect(errorCode(q)).toBe('NOT_FOUND');
  });

  it('an admin cannot disable themselves', async () => {
    const [me] = await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE username = 'admin'`);
    const res = await t.gql('mutation($id: ID!) { disableUser(userId: $id) { id } }', { id: me.id }, admin);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });

  it('lists users with filters and cursor pages; a page too large is BAD_USER_INPUT', async () => {
    const q =
      'query($f: UserFilter, $first: Int, $after: String) { users(filter: $f, first: $first, after: $after) { totalCount edges { node { username } } pageInfo { hasNextPage endCursor } } }';
    const clerks = await t.gql<{
      users: { totalCount: number; edges: Array<{ node: { username: string } }> };
    }>(q, { f: { role: 'VILLAGE_CLERK', regionCode: '500101151' } }, admin);
    expect(clerks.data!.users.edges.map((e) => e.node.username)).toEqual(
      expect.arrayContaining(['wutong', 'yuhe']),
    );
    expect(clerks.data!.users.edges.map((e) => e.node.username)).not.toContain('daping');
    type Page = {
      users: {
        totalCount: number;
        edges: Array<{ node: { username: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await t.gql<Page>(q, { first: 3, after }, admin);
      seen.push(...page.data!.users.edges.map((e) => e.node.username));
      if (!page.data!.users.pageInfo.hasNextPage) break;
      after = page.data!.users.pageInfo.endCursor;
    }
    const all = await t.gql<Page>(q, { first: 200 }, admin);
    expect(seen).toEqual(all.data!.users.edges.map((e) => e.node.username));
    expect(seen.length).toBe(all.data!.users.totalCount);
    const tooMany = await t.gql(q, { first: 201 }, admin);
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    expect(errorFields(tooMany)).toEqual(['first']);
    const badCursor = await t.gql(q, { after: 'nonsense' }, admin);
    expect(errorCode(badCursor)).toBe('BAD_USER_INPUT');
  });
});
