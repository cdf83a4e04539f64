import { assetInput, makeAsset, makeProject, ProjectRef } from './support/factories';
import { Caller, errorCode, errorFields, errorReason, TestApp } from './support/test-app';

const REGISTER = `mutation($input: RegisterAssetInput!) { registerAsset(input: $input) {
  id code version status statusSince investedAmount formedValue quantity
  fundSources { source amount } location { code name } project { code } category { name }
} }`;
const UPDATE =
  'mutation($id: ID!, $v: Int!, $c: AssetChangesInput!) { updateAsset(id: $id, expectedVersion: $v, changes: $c) { id version status name locationCode fundSources { source amount } } }';

describe('assets (e2e)', () => {
  let t: TestApp;
  let clerk: Caller;
  let project: ProjectRef;

  beforeAll(async () => {
    t = await TestApp.start();
    clerk = await t.as('wutong');
    project = await makeProject(clerk);
  });
  afterAll(() => t.close());

  it('a village clerk registers an asset in the village, with one ledger entry', async () => {
    const res = await clerk.gql<{ registerAsset: Record<string, unknown> & { id: string } }>(REGISTER, {
      input: assetInput(project.id, { quantity: '12.5' }),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.registerAsset).toMatchObject({
      version: 1,
      status: 'IN_USE',
      investedAmount: '240000.00',
      formedValue: '236000.00',
      quantity: '12.500',
      location: { code: '500101151201', name: '梧桐村' },
      project: { code: project.code },
      category: { name: '农业基础设施' },
    });
    const history = await t.gql<{
      history: Array<{ action: string; regionCode: string; after: { investedAmount: string } }>;
    }>(
      'query($id: String!) { history(entityType: "Asset", entityId: $id) { action regionCode after } }',
      { id: res.data!.registerAsset.id },
      await t.token('auditor'),
    );
    expect(history.data!.history).toHaveLength(1);
    expect(history.data!.history[0]).toMatchObject({
      action: 'ASSET_REGISTERED',
      regionCode: '500101151201',
    });
    expect(history.data!.history[0].after.investedAmount).toBe('24000000');
  });

  it('townships and the district register in their scope; a clerk not outside the village', async () => {
    const officer = await t.as('longju');
    expect(
      (await officer.gql(REGISTER, { input: assetInput(project.id, { locationCode: '500101151202' }) }))
        .errors,
    ).toBeUndefined();
    expect(
      (await officer.gql(REGISTER, { input: assetInput(project.id, { locationCode: '500101151' }) })).errors,
    ).toBeUndefined();
    const district = await t.as('district');
    expect(
      (await district.gql(REGISTER, { input: assetInput(project.id, { locationCode: '500101153201' }) }))
        .errors,
    ).toBeUndefined();
    expect(
      errorCode(
        await clerk.gql(REGISTER, { input: assetInput(project.id, { locationCode: '500101151202' }) }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await officer.gql(REGISTER, { input: assetInput(project.id, { locationCode: '500101153201' }) }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await t.gql(REGISTER, { input: assetInput(project.id) }, await t.token('auditor'))),
    ).toBe('FORBIDDEN');
    const atDistrict = await district.gql(REGISTER, {
      input: assetInput(project.id, { locationCode: '500101' }),
    });
    expect(errorCode(atDistrict)).toBe('BAD_USER_INPUT');
    expect(errorFields(atDistrict)).toEqual(['input.locationCode']);
  });

  const invalid: Array<[string, Record<string, unknown>, string[]]> = [
    [
      'a completion date in the future',
      { completionDate: '2099-05-01', acceptanceDate: null, handoverDate: null },
      ['input.completionDate'],
    ],
    ['a negative invested amount', { investedAmount: '-1.00' }, ['input.investedAmount']],
    [
      'fund sources that do not add up',
      { fundSources: [{ source: 'LINKAGE_FUND', amount: '200000.00' }] },
      ['input.fundSources'],
    ],
    ['an invested amount without fund sources', { fundSources: [] }, ['input.fundSources']],
    [
      'a HOUSEHOLD asset without a household owner',
      {
        class: 'HOUSEHOLD',
        operator: null,
        operatingMode: null,
        contractStart: null,
        contractEnd: null,
        contractTerms: null,
        contractAnnualAmount: null,
      },
      ['input.householdHeadName', 'input.householdRegistryNo'],
    ],
    [
      'an EQUITY stake without investee and agreement',
      { form: 'EQUITY', categoryCode: 'EQUITY' },
      ['input.equityAgreementNo', 'input.investee'],
    ],
    ['acceptance before completion', { acceptanceDate: '2021-09-01' }, ['input.acceptanceDate']],
    ['handover before acceptance', { handoverDate: '2021-10-15' }, ['input.handoverDate']],
    ['a contract ending before it starts', { contractEnd: '2021-06-01' }, ['input.contractEnd']],
    [
      'an operating mode without operator',
      {
        operator: null,
        contractStart: null,
        contractEnd: null,
        contractTerms: null,
        contractAnnualAmount: null,
      },
      ['input.operator'],
    ],
    ['registering as DISPOSED', { status: 'DISPOSED' }, ['input.status']],
    ['a quantity with four decimals', { quantity: '1.2345' }, ['input.quantity']],
    ['a name too long', { name: '大'.repeat(201) }, ['input.name']],
  ];
  it.each(invalid)(
    'refuses %s (BAD_USER_INPUT naming the fields), writing nothing',
    async (_label, over, fields) => {
      const [{ n: before }] = await t.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_entry');
      const res = await clerk.gql(REGISTER, { input: assetInput(project.id, over) });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(errorFields(res).sort()).toEqual(fields);
      const [{ n: after }] = await t.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_entry');
      expect(after).toBe(before);
    },
  );

  it('refuses unknown references as BAD_USER_INPUT naming the field', async () => {
    const category = await clerk.gql(REGISTER, { input: assetInput(project.id, { categoryCode: 'NOPE' }) });
    expect(errorFields(category)).toEqual(['input.categoryCode']);
    const proj = await clerk.gql(REGISTER, { input: assetInput('00000000-0000-4000-8000-000000000000') });
    expect(errorFields(proj)).toEqual(['input.projectId']);
    expect(errorReason(proj)).toBe('REFERENCE_NOT_FOUND');
  });

  it('a duplicate code is a CONFLICT', async () => {
    const a = await makeAsset(clerk, project.id);
    const res = await clerk.gql(REGISTER, { input: assetInput(project.id, { code: a.code }) });
    expect(errorCode(res)).toBe('CONFLICT');
    expect(errorReason(res)).toBe('ASSET_DUPLICATE_CODE');
  });

  it('registers a household asset and an equity stake when they are complete', async () => {
    const household = await clerk.gql(REGISTER, {
      input: assetInput(project.id, {
        class: 'HOUSEHOLD',
        form: 'BIOLOGICAL',
        categoryCode: 'LIVESTOCK',
        name: '能繁母牛',
        quantity: '2',
        unit: '头',
        investedAmount: '16000.00',
        formedValue: '16000.00',
        fundSources: [{ source: 'LINKAGE_FUND', amount: '16000.00' }],
        operator: null,
        operatingMode: null,
        contractStart: null,
        contractEnd: null,
        contractTerms: null,
        contractAnnualAmount: null,
        householdRegistryNo: '500101151201-H0012',
        householdHeadName: '王大明',
      }),
    });
    expect(household.errors).toBeUndefined();
    const equity = await clerk.gql(REGISTER, {
      input: assetInput(project.id, {
        form: 'EQUITY',
        categoryCode: 'EQUITY',
        name: '入股万州区某柑橘公司',
        quantity: '1',
        unit: '份',
        investee: '重庆某柑橘种植有限公司',
        equityAgreementNo: 'GQ-2021-007',
        equityMaturityDate: '2026-12-31',
      }),
    });
    expect(equity.errors).toBeUndefined();
  });

  it('updates with the expected version; a stale one is a CONFLICT; status changes restart statusSince', async () => {
    const a = await makeAsset(clerk, project.id);
    const res = await clerk.gql<{ updateAsset: { version: number; status: string } }>(UPDATE, {
      id: a.id,
      v: a.version,
      c: { status: 'IDLE', name: '闲置大棚' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateAsset).toMatchObject({ version: 2, status: 'IDLE' });
    const stale = await clerk.gql(UPDATE, { id: a.id, v: 1, c: { name: 'x' } });
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(errorReason(stale)).toBe('STALE_VERSION');
    expect(stale.errors![0].message).toBe(
      `Asset ${a.code} changed since you read it (now version 2, you had 1)`,
    );
    const staleZh = await t.inLanguage('zh-CN', () =>
      clerk.gql(UPDATE, { id: a.id, v: 1, c: { name: 'x' } }),
    );
    expect(staleZh.errors![0].message).toBe(
      `资产 ${a.code} 已被他人修改（现为第 2 版，您看到的是第 1 版），请刷新后重试`,
    );
    const sum = await clerk.gql(UPDATE, { id: a.id, v: 2, c: { investedAmount: '250000.00' } });
    expect(errorFields(sum)).toEqual(['changes.fundSources']);
    const both = await clerk.gql<{ updateAsset: { fundSources: unknown[] } }>(UPDATE, {
      id: a.id,
      v: 2,
      c: { investedAmount: '250000.00', fundSources: [{ source: 'SOCIAL_DONATION', amount: '250000.00' }] },
    });
    expect(both.data!.updateAsset.fundSources).toEqual([{ source: 'SOCIAL_DONATION', amount: '250000.00' }]);
    const disposed = await clerk.gql(UPDATE, { id: a.id, v: 3, c: { status: 'DISPOSED' } });
    expect(errorFields(disposed)).toEqual(['changes.status']);
  });

  it('moving an asset needs write scope on both places; others cannot update it', async () => {
    const a = await makeAsset(clerk, project.id);
    const move = await clerk.gql(UPDATE, { id: a.id, v: a.version, c: { locationCode: '500101151202' } });
    expect(errorCode(move)).toBe('FORBIDDEN');
    const officer = await t.as('longju');
    const moved = await officer.gql<{ updateAsset: { locationCode: string } }>(UPDATE, {
      id: a.id,
      v: a.version,
      c: { locationCode: '500101151202' },
    });
    expect(moved.data!.updateAsset.locationCode).toBe('500101151202');
    expect(errorCode(await clerk.gql(UPDATE, { id: a.id, v: 2, c: { name: 'x' } }))).toBe('NOT_FOUND');
    expect(
      errorCode(await (await t.as('daping')).gql('query($id: ID!) { asset(id: $id) { id } }', { id: a.id })),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(
        await clerk.gql('query($id: ID!) { asset(id: $id) { id } }', {
          id: '00000000-0000-4000-8000-000000000000',
        }),
      ),
    ).toBe('NOT_FOUND');
  });

  it('asset(id, asOf) returns the earlier state after an update', async () => {
    const a = await makeAsset(clerk, project.id, { name: '原名大棚' });
    await new Promise((r) => setTimeout(r, 20));
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await clerk.gql(UPDATE, {
      id: a.id,
      v: a.version,
      c: { name: '新名大棚', formedValue: '1000.00', fundSources: [{ source: 'BOND', amount: '240000.00' }] },
    });
    const q =
      'query($id: ID!, $asOf: DateTime) { asset(id: $id, asOf: $asOf) { name formedValue version fundSources { source amount } } }';
    const now = await clerk.gql<{ asset: { name: string; formedValue: string; version: number } }>(q, {
      id: a.id,
    });
    expect(now.data!.asset).toMatchObject({ name: '新名大棚', formedValue: '1000.00', version: 2 });
    const past = await clerk.gql<{
      asset: { name: string; formedValue: string; version: number; fundSources: unknown[] };
    }>(q, { id: a.id, asOf: between });
    expect(past.data!.asset).toEqual({
      name: '原名大棚',
      formedValue: '236000.00',
      version: 1,
      fundSources: [
        { source: 'DISTRICT_FISCAL', amount: '40000.00' },
        { source: 'LINKAGE_FUND', amount: '200000.00' },
      ],
    });
    const before = await clerk.gql(q, { id: a.id, asOf: '2020-01-01T00:00:00Z' });
    expect(errorCode(before)).toBe('NOT_FOUND');
    // A time with an explicit zone is the same instant in any zone.
    const shanghai = new Date(Date.parse(between) + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    const zoned = await clerk.gql<{ asset: { version: number } }>(q, { id: a.id, asOf: shanghai });
    expect(zoned.data!.asset.version).toBe(1);
    // Something that is not an instant is refused by the scalar, as a variable or inline.
    for (const bad of ['yesterday', '2026-02-30T00:00:00Z', '2026-11-29T08:30:00', '2026-11-29']) {
      const res = await clerk.gql(q, { id: a.id, asOf: bad });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(/DateTime must be an RFC 3339 date-time/);
    }
    const inline = await clerk.gql(`{ asset(id: "${a.id}", asOf: "yesterday") { name } }`);
    expect(errorCode(inline)).toBe('BAD_USER_INPUT');
    const number = await clerk.gql(`{ asset(id: "${a.id}", asOf: 1700000000) { name } }`);
    expect(errorCode(number)).toBe('BAD_USER_INPUT');
  });

  it('categories: ADMIN adds and retires one; a retired category cannot be chosen', async () => {
    const admin = await t.as('admin');
    const created = await admin.gql<{ createAssetCategory: { code: string; version: number } }>(
      'mutation { createAssetCategory(input: { code: "COLD_STORAGE", name: "冷库", sortOrder: 45 }) { code version } }',
    );
    expect(created.errors).toBeUndefined();
    expect(
      (await clerk.gql(REGISTER, { input: assetInput(project.id, { categoryCode: 'COLD_STORAGE' }) })).errors,
    ).toBeUndefined();
    const retired = await admin.gql(
      'mutation { updateAssetCategory(code: "COLD_STORAGE", expectedVersion: 1, changes: { active: false }) { active } }',
    );
    expect(retired.data).toEqual({ updateAssetCategory: { active: false } });
    const refused = await clerk.gql(REGISTER, {
      input: assetInput(project.id, { categoryCode: 'COLD_STORAGE' }),
    });
    expect(errorFields(refused)).toEqual(['input.categoryCode']);
    expect(
      errorCode(
        await admin.gql(
          'mutation { createAssetCategory(input: { code: "COLD_STORAGE", name: "x" }) { code } }',
        ),
      ),
    ).toBe('CONFLICT');
    expect(
      errorCode(
        await clerk.gql('mutation { createAssetCategory(input: { code: "XX", name: "x" }) { code } }'),
      ),
    ).toBe('FORBIDDEN');
    const list = await clerk.gql<{ assetCategories: Array<{ code: string }> }>(
      '{ assetCategories { code } }',
    );
    expect(list.data!.assetCategories.map((c) => c.code)).not.toContain('COLD_STORAGE');
    expect(list.data!.assetCategories.length).toBeGreaterThanOrEqual(10);
  });
});
