import { generateCosigner, parseCosignatureVerifierKey } from '@/ledger/note/cosignature';
import { parseSignerKey } from '@/ledger/note/keys';
import { signRefusal } from '@/ledger/note/witness-protocol';
import { errorCode, errorReason, TestApp } from './support/test-app';

const WUTONG = '500101151201';
const YUHE = '500101151202';
const LONGJU = '500101151';
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

const MY_TASKS = `query($first: Int, $region: String) {
  myTasks(first: $first, regionCode: $region) {
    asOf regionCode total
    groups { kind count items { entityType entityId assetId assetCode title regionCode date overdue amount redFlagKind } }
  }
}`;

interface TaskItem {
  entityType: string;
  entityId: string;
  assetId: string | null;
  assetCode: string | null;
  title: string;
  regionCode: string;
  date: string | null;
  overdue: boolean;
  amount: string | null;
  redFlagKind: string | null;
}
interface MyTasks {
  asOf: string;
  regionCode: string;
  total: number;
  groups: Array<{ kind: string; count: number; items: TaskItem[] }>;
}

describe('myTasks (the home page to-do list)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });

  afterAll(async () => {
    await app?.close();
  });

  async function tasksOf(username: string, variables: Record<string, unknown> = {}): Promise<MyTasks> {
    const res = await (await app.as(username)).gql<{ myTasks: MyTasks }>(MY_TASKS, variables);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.myTasks;
  }
  const group = (tasks: MyTasks, kind: string) => tasks.groups.find((g) => g.kind === kind);

  it('gives a village clerk the to-dos of its village only, counted as the features count them', async () => {
    const tasks = await tasksOf('wutong');
    expect(tasks.regionCode).toBe(WUTONG);
    expect(tasks.groups.map((g) => g.kind)).toEqual([
      'OWNERSHIP_PUBLICITY_ENDED',
      'INVENTORY_TO_CONFIRM',
      'RED_FLAG',
    ]);
    for (const g of tasks.groups)
      for (const item of g.items) expect(item.regionCode.startsWith(WUTONG)).toBe(true);
    expect(tasks.total).toBe(tasks.groups.reduce((s, g) => s + g.count, 0));

    const clerk = await app.as('wutong');
    const flags = await clerk.gql<{ redFlags: { flags: Array<{ kind: string; count: number }> } }>(
      '{ redFlags(thresholds: { publicityGraceDays: 0 }) { flags { kind count } } }',
    );
    const counts = new Map(flags.data!.redFlags.flags.map((f) => [f.kind, f.count]));
    expect(group(tasks, 'OWNERSHIP_PUBLICITY_ENDED')!.count).toBe(counts.get('PUBLICITY_ENDED'));
    const others = [...counts].filter(([k]) => k !== 'PUBLICITY_ENDED').reduce((s, [, c]) => s + c, 0);
    expect(group(tasks, 'RED_FLAG')!.count).toBe(others);
    // No inventory is open in the demo district.
    expect(group(tasks, 'INVENTORY_TO_CONFIRM')!.count).toBe(0);
  });

  it('lists proposals whose publicity ended with the asset they concern', async () => {
    const tasks = await tasksOf('longju', { first: 50 });
    const ended = group(tasks, 'OWNERSHIP_PUBLICITY_ENDED')!;
    expect(ended.count).toBeGreaterThan(0);
    const officer = await app.as('longju');
    for (const item of ended.items) {
      expect(item.entityType).toBe('OwnershipProposal');
      expect(item.date! <= tasks.asOf).toBe(true);
      const res = await officer.gql<{
        ownershipProposal: { assetId: string; status: string; publicityEnd: string };
      }>('query($id: ID!) { ownershipProposal(id: $id) { assetId status publicityEnd } }', {
        id: item.entityId,
      });
      expect(res.data!.ownershipProposal).toEqual({
        assetId: item.assetId,
        status: 'PUBLICITY',
        publicityEnd: item.date,
      });
    }
  });

  it('gives the township the plans to file and the disposals at its step; filing one takes it off the list', async () => {
    const officer = await app.as('longju');
    const before = await tasksOf('longju', { first: 50 });
    const plans = group(before, 'PLAN_TO_FILE')!;
    const submitted = await officer.gql<{ distributionPlans: { totalCount: number } }>(
      '{ distributionPlans(filter: { status: [SUBMITTED] }) { totalCount } }',
    );
    expect(plans.count).toBe(submitted.data!.distributionPlans.totalCount);
    expect(plans.count).toBeGreaterThan(0);
    for (const item of plans.items) expect(item.regionCode.startsWith(LONGJU)).toBe(true);

    const pending = await officer.gql<{ disposalRequests: { totalCount: number } }>(
      '{ disposalRequests(filter: { status: [PENDING_TOWNSHIP] }) { totalCount } }',
    );
    expect(group(before, 'DISPOSAL_TO_REVIEW')!.count).toBe(pending.data!.disposalRequests.totalCount);

    const filed = await officer.gql('mutation($id: ID!) { fileDistributionPlan(id: $id) { status } }', {
      id: plans.items[0].entityId,
    });
    expect(filed.data).toEqual({ fileDistributionPlan: { status: 'FILED' } });
    const after = await tasksOf('longju', { first: 50 });
    expect(group(after, 'PLAN_TO_FILE')!.count).toBe(plans.count - 1);
    expect(group(after, 'PLAN_TO_FILE')!.items.map((i) => i.entityId)).not.toContain(plans.items[0].entityId);
  });

  it('gives the district the disposals it decides, and no plans to file', async () => {
    const tasks = await tasksOf('district');
    expect(tasks.groups.map((g) => g.kind)).toEqual([
      'OWNERSHIP_PUBLICITY_ENDED',
      'DISPOSAL_TO_REVIEW',
      'RED_FLAG',
    ]);
    const district = await app.as('district');
    const pending = await district.gql<{ disposalRequests: { totalCount: number } }>(
      '{ disposalRequests(filter: { status: [PENDING_DISTRICT] }) { totalCount } }',
    );
    expect(group(tasks, 'DISPOSAL_TO_REVIEW')!.count).toBe(pending.data!.disposalRequests.totalCount);
    expect(group(tasks, 'DISPOSAL_TO_REVIEW')!.count).toBeGreaterThan(0);
    for (const item of group(tasks, 'DISPOSAL_TO_REVIEW')!.items) {
      expect(item.entityType).toBe('DisposalRequest');
      expect(item.assetCode).toBeTruthy();
    }
  });

  it('lists inventory items to confirm while an inventory is open, and drops a confirmed one', async () => {
    const district = await app.as('district');
    const started = await district.gql(
      'mutation($y: Int!, $r: String!) { startInventory(year: $y, regionCode: $r) { id } }',
      {
        y: YEAR,
        r: LONGJU,
      },
    );
    expect(started.errors).toBeUndefined();
    const before = group(await tasksOf('wutong', { first: 3 }), 'INVENTORY_TO_CONFIRM')!;
    const [{ count: villageAssets }] = await app.sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM asset WHERE location_code = $1 AND status <> 'DISPOSED'`,
      [WUTONG],
    );
    expect(before.count).toBe(villageAssets);
    expect(before.items).toHaveLength(3);
    for (const item of before.items) expect(item.entityType).toBe('InventoryItem');

    const clerk = await app.as('wutong');
    const confirmed = await clerk.gql(
      'mutation($id: ID!) { confirmInventoryItem(itemId: $id, finding: PRESENT) { confirmed } }',
      {
        id: before.items[0].entityId,
      },
    );
    expect(confirmed.data).toEqual({ confirmInventoryItem: { confirmed: true } });
    const after = group(await tasksOf('wutong', { first: 3 }), 'INVENTORY_TO_CONFIRM')!;
    expect(after.count).toBe(before.count - 1);
    // The township officer sees every unconfirmed item of the township, the clerk's among them.
    const township = group(await tasksOf('longju'), 'INVENTORY_TO_CONFIRM')!;
    expect(township.count).toBeGreaterThan(after.count);
  });

  it('gives an auditor the red flags only, an admin nothing', async () => {
    const auditor = await tasksOf('auditor');
    expect(auditor.groups.map((g) => g.kind)).toEqual(['RED_FLAG']);
    // Nothing lists the ended publicities apart for an auditor: its red flags are all of the region's.
    const { data } = await (
      await app.as('auditor')
    ).gql<{
      redFlags: { total: number; flags: Array<{ kind: string; count: number }> };
    }>('{ redFlags(thresholds: { publicityGraceDays: 0 }) { total flags { kind count } } }');
    const redFlags = data!.redFlags;
    expect(redFlags.flags.find((f) => f.kind === 'PUBLICITY_ENDED')!.count).toBeGreaterThan(0);
    expect(group(auditor, 'RED_FLAG')!.count).toBe(redFlags.total);
    const admin = await tasksOf('admin');
    expect(admin).toMatchObject({ total: 0, groups: [] });
  });

  it('narrows to a region within yours, and refuses one outside it', async () => {
    const narrowed = await tasksOf('longju', { region: YUHE });
    expect(narrowed.regionCode).toBe(YUHE);
    for (const g of narrowed.groups)
      for (const item of g.items) expect(item.regionCode.startsWith(YUHE)).toBe(true);

    const clerk = await app.as('wutong');
    const other = await clerk.gql(MY_TASKS, { region: YUHE });
    expect(errorCode(other)).toBe('FORBIDDEN');
    expect(errorReason(other)).toBe('OUT_OF_SCOPE');
    expect(other.data).toBeNull();
  });

  it('refuses without a sign-in, and refuses bad arguments', async () => {
    const anonymous = await app.gql(MY_TASKS);
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    const clerk = await app.as('wutong');
    for (const variables of [{ first: 0 }, { first: 51 }, { region: '5001' }, { region: 'x'.repeat(12) }]) {
      const res = await clerk.gql(MY_TASKS, variables);
      expect({ variables, code: errorCode(res) }).toEqual({ variables, code: 'BAD_USER_INPUT' });
    }
  });
  it("lists the ledger's and the witnesses' red flags first, with the reason a witness gave", async () => {
    const key = generateCosigner('tasks.example/witness');
    const reg = await (
      await app.as('longju')
    ).gql<{ registerWitness: { id: string } }>(
      'mutation($k: String!) { registerWitness(input: { verifierKey: $k }) { id } }',
      { k: key.verifierKey },
    );
    await (
      await app.as('admin')
    ).gql('mutation($id: ID!) { approveWitness(id: $id) { status } }', {
      id: reg.data!.registerWitness.id,
    });
    const cp = await (
      await app.as('district')
    ).gql<{ createCheckpoint: { treeSize: number; rootHash: string } }>(
      'mutation { createCheckpoint { treeSize rootHash } }',
    );
    const signer = parseSignerKey(key.signerKey);
    const note = signRefusal(signer, parseCosignatureVerifierKey(key.verifierKey).keyId, {
      origin: 'wanzhou.asset-registry.example/ledger/500101',
      size: cp.data!.createCheckpoint.treeSize,
      rootHash: Buffer.from(cp.data!.createCheckpoint.rootHash, 'base64'),
      oldSize: 1,
      status: 422,
      reason: '与此前联署的检查点不一致',
      time: Math.floor(Date.now() / 1000),
    });
    const posted = await app.http
      .post('/ledger/witness/refusals')
      .set('content-type', 'text/plain; charset=utf-8')
      .send(note);
    expect(posted.status).toBe(200);

    const before = group(await tasksOf('district', { first: 50 }), 'RED_FLAG')!;
    expect(before.count).toBeGreaterThan(1); // the demo's older flags are there too
    const top = group(await tasksOf('district', { first: 1 }), 'RED_FLAG')!;
    expect(top.items[0]).toMatchObject({
      redFlagKind: 'WITNESS_REFUSED',
      assetCode: 'tasks.example/witness',
    });
    expect(top.items[0].title).toContain('与此前联署的检查点不一致');
  });
});
