import { assetInput, makeAsset, makeProject } from './support/factories';
import { Caller, errorCode, errorFields, TestApp } from './support/test-app';

const REGISTER =
  'mutation($input: RegisterAssetInput!) { registerAsset(input: $input) { id code status statusSince version } }';
const UPDATE = `mutation($id: ID!, $v: Int!, $changes: AssetChangesInput!) {
  updateAsset(id: $id, expectedVersion: $v, changes: $changes) { id status statusSince version }
}`;
const IDLE_FLAGS = `query($r: String) { redFlags(regionCode: $r, kinds: [ASSET_IDLE]) {
  flags { kind threshold records { entityId since days } }
} }`;

type AssetRow = { id: string; code: string; status: string; statusSince: string; version: number };
type IdleFlags = {
  redFlags: { flags: Array<{ threshold: number; records: Array<{ entityId: string; since: string }> }> };
};

const today = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const tomorrow = (): string => new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);

/** 状态起始日期: the API takes the status start date like the Excel import, and the red flags count from it. */
describe('asset status start dates (e2e)', () => {
  let t: TestApp;
  let clerk: Caller;
  let officer: Caller;
  let projectId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    clerk = await t.as('wutong');
    officer = await t.as('longju');
    projectId = (await makeProject(officer, { regionCode: '500101151' })).id;
  });
  afterAll(() => t.close());

  const idleSince = async (assetId: string): Promise<string | undefined> => {
    const res = await officer.gql<IdleFlags>(IDLE_FLAGS, { r: '500101151201' });
    expect(res.errors).toBeUndefined();
    return res.data!.redFlags.flags[0].records.find((r) => r.entityId === assetId)?.since;
  };

  it('an asset registered today as IDLE since 2023 is idle since 2023 (and a red flag)', async () => {
    const res = await clerk.gql<{ registerAsset: AssetRow }>(REGISTER, {
      input: assetInput(projectId, { status: 'IDLE', statusSince: '2023-03-01' }),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.registerAsset).toMatchObject({ status: 'IDLE', statusSince: '2023-03-01' });
    expect(await idleSince(res.data!.registerAsset.id)).toBe('2023-03-01');
  });

  it('without a date a new status starts today; an unchanged status keeps its date', async () => {
    const asset = await makeAsset(clerk, projectId);
    const fresh = await clerk.gql<{ asset: AssetRow }>('query($id: ID!) { asset(id: $id) { statusSince } }', {
      id: asset.id,
    });
    expect(fresh.data!.asset.statusSince).toBe(today());
    const idle = await clerk.gql<{ updateAsset: AssetRow }>(UPDATE, {
      id: asset.id,
      v: asset.version,
      changes: { status: 'IDLE', statusSince: '2024-05-01' },
    });
    expect(idle.errors).toBeUndefined();
    expect(idle.data!.updateAsset).toMatchObject({ status: 'IDLE', statusSince: '2024-05-01' });
    expect(await idleSince(asset.id)).toBe('2024-05-01');
    const renamed = await clerk.gql<{ updateAsset: AssetRow }>(UPDATE, {
      id: asset.id,
      v: idle.data!.updateAsset.version,
      changes: { name: '闲置大棚' },
    });
    expect(renamed.data!.updateAsset.statusSince).toBe('2024-05-01');
    const back = await clerk.gql<{ updateAsset: AssetRow }>(UPDATE, {
      id: asset.id,
      v: renamed.data!.updateAsset.version,
      changes: { status: 'IN_USE' },
    });
    expect(back.data!.updateAsset).toMatchObject({ status: 'IN_USE', statusSince: today() });
    expect(await idleSince(asset.id)).toBeUndefined();
  });

  it('a status start date in the future is refused, naming the field, and writes nothing', async () => {
    const input = assetInput(projectId, { status: 'IDLE', statusSince: tomorrow() });
    const res = await clerk.gql(REGISTER, { input });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(errorFields(res)).toEqual(['input.statusSince']);
    expect(await t.sql('SELECT 1 FROM asset WHERE code = $1', [input.code])).toEqual([]);

    const asset = await makeAsset(clerk, projectId);
    const upd = await clerk.gql(UPDATE, {
      id: asset.id,
      v: asset.version,
      changes: { status: 'IDLE', statusSince: tomorrow() },
    });
    expect(errorFields(upd)).toEqual(['changes.statusSince']);
  });
});
