import { errorCode, errorFields, errorReason, TestApp } from './support/test-app';

const CREATE =
  'mutation($code: String!, $name: String!, $parent: String!) { createRegion(code: $code, name: $name, parentCode: $parent) { code name level parentCode } }';
const REGION = `query($code: String!) {
  region(code: $code) { code name level parent { code } children { code } ancestors { code level } }
}`;

describe('regions (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.token('admin');
  });
  afterAll(() => t.close());

  it('has Wanzhou District and its 52 townships from the statistical codes', async () => {
    const res = await t.gql<{ regions: Array<{ code: string; name: string }> }>(
      '{ regions(level: TOWNSHIP) { code name } }',
      {},
      admin,
    );
    expect(res.data!.regions).toHaveLength(52);
    expect(res.data!.regions[0]).toEqual({ code: '500101001', name: '高笋塘街道' });
    const district = await t.gql<{ region: { name: string; level: string } }>(
      REGION,
      { code: '500101' },
      admin,
    );
    expect(district.data!.region).toMatchObject({ name: '万州区', level: 'DISTRICT' });
  });

  it('ADMIN adds a village under a township; parent, children and ancestors follow the codes', async () => {
    const res = await t.gql(CREATE, { code: '500101154201', name: '测试村', parent: '500101154' }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      createRegion: { code: '500101154201', name: '测试村', level: 'VILLAGE', parentCode: '500101154' },
    });
    const village = await t.gql<{ region: Record<string, unknown> }>(REGION, { code: '500101154201' }, admin);
    expect(village.data!.region).toEqual({
      code: '500101154201',
      name: '测试村',
      level: 'VILLAGE',
      parent: { code: '500101154' },
      children: [],
      ancestors: [
        { code: '500101', level: 'DISTRICT' },
        { code: '500101154', level: 'TOWNSHIP' },
      ],
    });
    const township = await t.gql<{ region: { children: Array<{ code: string }> } }>(
      REGION,
      { code: '500101154' },
      admin,
    );
    expect(township.data!.region.children).toEqual([{ code: '500101154201' }]);
    const listed = await t.gql<{ regions: Array<{ code: string }> }>(
      '{ regions(parentCode: "500101154") { code } }',
      {},
      admin,
    );
    expect(listed.data!.regions).toEqual([{ code: '500101154201' }]);
    const [entry] = await t.sql<{ action: string; region_code: string }>(
      `SELECT action, region_code FROM ledger_entry WHERE entity_type = 'Region' AND entity_id = '500101154201'`,
    );
    expect(entry).toEqual({ action: 'REGION_CREATED', region_code: '500101154201' });
  });

  it.each([
    [
      'a code of the wrong shape',
      '50010115420',
      '500101154',
      'BAD_USER_INPUT',
      'REGION_INVALID_CODE',
      'code',
    ],
    ['letters in the code', '50010115420x', '500101154', 'BAD_USER_INPUT', 'REGION_INVALID_CODE', 'code'],
    [
      'a code that does not extend its parent',
      '500101155201',
      '500101154',
      'BAD_USER_INPUT',
      'REGION_WRONG_PARENT',
      'parentCode',
    ],
    [
      'a village under the district',
      '500101154299',
      '500101',
      'BAD_USER_INPUT',
      'REGION_WRONG_PARENT',
      'parentCode',
    ],
    [
      'a parent that does not exist',
      '500101999201',
      '500101999',
      'BAD_USER_INPUT',
      'REGION_PARENT_NOT_FOUND',
      'parentCode',
    ],
    ['a duplicate code', '500101151201', '500101151', 'CONFLICT', 'REGION_DUPLICATE_CODE', 'code'],
  ])('refuses %s', async (_label, code, parent, gqlCode, reason, field) => {
    const before = await t.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_entry');
    const res = await t.gql(CREATE, { code, name: '某村', parent }, admin);
    expect(errorCode(res)).toBe(gqlCode);
    expect(errorReason(res)).toBe(reason);
    expect(errorFields(res)).toEqual([field]);
    const after = await t.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_entry');
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses an empty or too long name, naming the field', async () => {
    const empty = await t.gql(CREATE, { code: '500101154202', name: '', parent: '500101154' }, admin);
    expect(errorCode(empty)).toBe('BAD_USER_INPUT');
    expect(errorFields(empty)).toEqual(['name']);
    const long = await t.gql(
      CREATE,
      { code: '500101154202', name: '村'.repeat(101), parent: '500101154' },
      admin,
    );
    expect(errorFields(long)).toEqual(['name']);
  });

  it('only ADMIN creates regions', async () => {
    for (const user of ['district', 'longju', 'wutong', 'auditor']) {
      const res = await t.gql(
        CREATE,
        { code: '500101154203', name: '某村', parent: '500101154' },
        await t.token(user),
      );
      expect(errorCode(res)).toBe('FORBIDDEN');
    }
  });

  it('an unknown region is NOT_FOUND', async () => {
    const res = await t.gql(REGION, { code: '500101999999' }, admin);
    expect(errorCode(res)).toBe('NOT_FOUND');
  });
});
