import { randomUUID } from 'node:crypto';
import {
  AssetRef,
  daysAgo,
  makeAsset,
  makeOwnedOperatingAsset,
  makeProject,
  noticeScan,
} from './support/factories';
import { Caller, errorCode, errorFields, GqlResponse, TestApp } from './support/test-app';

const WUTONG = '500101151201'; // 梧桐村, 龙驹镇
const YUHE = '500101151202'; // 玉合村, 龙驹镇
const DAPING = '500101153201'; // 大坪村, 罗田镇
const LONGJU = '500101151';
const LUOTIAN = '500101153';

const LIST = `query($f: OwnershipProposalFilter, $first: Int, $after: String) {
  ownershipProposals(filter: $f, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id assetId status publicityEnd asset { id code locationCode } } }
  }
}`;
const ONE = 'query($id: ID!) { ownershipProposal(id: $id) { id } }';
const PROPOSE = 'mutation($input: ProposeOwnershipInput!) { proposeOwnership(input: $input) { id } }';
const CONFIRM =
  'mutation($id: ID!, $no: String!) { confirmOwnership(proposalId: $id, certificateNo: $no) { id status } }';

interface Node {
  id: string;
  assetId: string;
  status: string;
  publicityEnd: string;
  asset: { id: string; code: string; locationCode: string };
}
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
  edges: Array<{ cursor: string; node: Node }>;
}

/**
 * ownershipProposals: the proposals (确权申请) of a region, scoped by where their asset is, as
 * ownershipProposal(id) reads each of them; filtered by status, asset and publicityEnded (the one
 * definition of the PUBLICITY_ENDED red flag and of the 待办), the oldest end of publicity first, paged.
 */
describe('ownershipProposals (e2e)', () => {
  let t: TestApp;
  let wutong: Caller;
  let yuhe: Caller;
  let daping: Caller;
  let longju: Caller;
  let luotian: Caller;
  let district: Caller;
  let auditor: Caller;
  // 梧桐村: publicity ended 5 and 2 days ago, and today (confirmable from today), one still running, one
  // confirmed; 玉合村: one ended.
  const p = { ended5: '', ended2: '', endsToday: '', running: '', confirmed: '', yuheEnded: '' };
  let wutongAsset: AssetRef; // the asset of ended5

  const list = (caller: Caller, f?: object, first?: number, after?: string) =>
    caller.gql<{ ownershipProposals: Page }>(LIST, { f, first, after });
  const page = async (caller: Caller, f?: object, first?: number, after?: string): Promise<Page> => {
    const res = await list(caller, f, first, after);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.ownershipProposals;
  };
  const ids = async (caller: Caller, f?: object): Promise<string[]> => {
    const all = await page(caller, f, 200);
    expect(all.pageInfo.hasNextPage).toBe(false);
    expect(all.totalCount).toBe(all.edges.length);
    return all.edges.map((e) => e.node.id);
  };

  const propose = async (clerk: Caller, asset: AssetRef, village: string, start: string): Promise<string> => {
    const res = await clerk.gql<{ proposeOwnership: { id: string } }>(PROPOSE, {
      input: {
        assetId: asset.id,
        owners: [{ ownerType: 'VILLAGE_COLLECTIVE', ownerRef: village, name: '村集体', sharePercent: '100' }],
        managementEntity: '村股份经济合作联合社',
        publicityStart: start,
        ...(start < daysAgo(0) ? { noticeEvidenceFileIds: [await noticeScan(clerk)] } : {}),
      },
    });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.proposeOwnership.id;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    [wutong, yuhe, daping, longju, luotian, district, auditor] = await Promise.all(
      ['wutong', 'yuhe', 'daping', 'longju', 'luotian', 'district', 'auditor'].map((u) => t.as(u)),
    );
    const project = await makeProject(longju, { regionCode: LONGJU });
    const inWutong = () => makeAsset(wutong, project.id, { locationCode: WUTONG });
    wutongAsset = await inWutong();
    p.ended5 = await propose(wutong, wutongAsset, WUTONG, daysAgo(15));
    p.ended2 = await propose(wutong, await inWutong(), WUTONG, daysAgo(12));
    p.endsToday = await propose(wutong, await inWutong(), WUTONG, daysAgo(10));
    p.running = await propose(wutong, await inWutong(), WUTONG, daysAgo(0));
    p.confirmed = await propose(wutong, await inWutong(), WUTONG, daysAgo(20));
    const confirmed = await longju.gql(CONFIRM, { id: p.confirmed, no: `CERT-${randomUUID()}` });
    if (confirmed.errors) throw new Error(JSON.stringify(confirmed.errors));
    const yuheAsset = await makeAsset(yuhe, project.id, { locationCode: YUHE });
    p.yuheEnded = await propose(yuhe, yuheAsset, YUHE, daysAgo(14));
  });
  afterAll(() => t.close());

  it("lists the caller's region by default, each proposal with its asset, and nothing ownershipProposal(id) refuses", async () => {
    const all = await page(wutong, undefined, 200);
    const mine = all.edges.map((e) => e.node);
    expect(mine.map((n) => n.id)).toEqual(
      expect.arrayContaining([p.ended5, p.ended2, p.running, p.confirmed]),
    );
    expect(mine.map((n) => n.id)).not.toContain(p.yuheEnded);
    for (const n of mine) {
      expect(n.asset.locationCode).toBe(WUTONG);
      expect(n.asset.id).toBe(n.assetId);
    }
    expect(mine.find((n) => n.id === p.ended5)!.asset.code).toBe(wutongAsset.code);
    // The count is the database's: every proposal of an asset located in 梧桐村.
    const [{ n }] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM ownership_proposal p JOIN asset a ON a.id = p.asset_id WHERE a.location_code = $1`,
      [WUTONG],
    );
    expect(all.totalCount).toBe(n);
    // Each one listed is one the caller reads by id; another village's is neither listed nor read.
    for (const id of mine.map((x) => x.id)) expect((await wutong.gql(ONE, { id })).errors).toBeUndefined();
    expect(errorCode(await wutong.gql(ONE, { id: p.yuheEnded }))).toBe('NOT_FOUND');

    // 玉合村, same township: its own only. 大坪村 and 罗田镇, another township: none of these.
    const yuheIds = await ids(yuhe);
    expect(yuheIds).toContain(p.yuheEnded);
    expect(yuheIds).not.toEqual(expect.arrayContaining([p.ended5]));
    for (const caller of [daping, luotian]) {
      const theirs = await ids(caller);
      for (const id of Object.values(p)) expect(theirs).not.toContain(id);
    }
    // The township reads its villages'; the district and the auditor read all.
    for (const caller of [longju, district, auditor])
      expect(await ids(caller)).toEqual(expect.arrayContaining(Object.values(p)));
  });

  it('lists the oldest end of publicity first', async () => {
    const nodes = (await page(auditor, undefined, 200)).edges.map((e) => e.node);
    expect(nodes.length).toBeGreaterThan(4);
    const ends = nodes.map((n) => n.publicityEnd);
    expect(ends).toEqual([...ends].sort());
    const order = [p.ended5, p.ended2, p.endsToday, p.running];
    expect(nodes.map((n) => n.id).filter((id) => order.includes(id))).toEqual(order);
  });

  it('publicityEnded: true is the to-do and the PUBLICITY_ENDED red flag (no grace days): same proposals, same order', async () => {
    const ended = await page(longju, { publicityEnded: true }, 200);
    const endedIds = ended.edges.map((e) => e.node.id);
    expect(endedIds).toEqual(expect.arrayContaining([p.ended5, p.ended2, p.endsToday, p.yuheEnded]));
    expect(endedIds).not.toContain(p.running);
    expect(endedIds).not.toContain(p.confirmed);
    const today = daysAgo(0);
    for (const { node } of ended.edges) {
      expect(node.status).toBe('PUBLICITY');
      expect(node.publicityEnd <= today).toBe(true);
    }
    const flags = await longju.gql<{
      redFlags: { flags: Array<{ count: number; records: Array<{ entityId: string }> }> };
    }>(
      '{ redFlags(kinds: [PUBLICITY_ENDED], thresholds: { publicityGraceDays: 0 }) { flags { count records { entityId } } } }',
    );
    const flag = flags.data!.redFlags.flags[0];
    expect(ended.totalCount).toBe(flag.count);
    expect(endedIds).toEqual(flag.records.map((r) => r.entityId));
    const tasks = await longju.gql<{
      myTasks: { groups: Array<{ kind: string; count: number; items: Array<{ entityId: string }> }> };
    }>('{ myTasks(first: 50) { groups { kind count items { entityId } } } }');
    const todo = tasks.data!.myTasks.groups.find((g) => g.kind === 'OWNERSHIP_PUBLICITY_ENDED')!;
    expect(todo.count).toBe(ended.totalCount);
    expect(todo.items.map((i) => i.entityId)).toEqual(endedIds.slice(0, 50));

    // false: the others (running, decided); together they are all.
    const others = await ids(wutong, { publicityEnded: false });
    expect(others).toEqual(expect.arrayContaining([p.running, p.confirmed]));
    expect(others).not.toEqual(expect.arrayContaining([p.ended5]));
    expect(others).not.toContain(p.ended2);
    const every = await page(wutong, undefined, 200);
    const endedHere = await page(wutong, { publicityEnded: true }, 200);
    expect(endedHere.totalCount + others.length).toBe(every.totalCount);
  });

  it('filters by status and by asset, combined with the other filters', async () => {
    const confirmed = await ids(wutong, { status: ['CONFIRMED'] });
    expect(confirmed).toContain(p.confirmed);
    expect(confirmed).not.toContain(p.ended5);
    const decided = await page(wutong, { status: ['CONFIRMED', 'REJECTED'] }, 200);
    for (const { node } of decided.edges) expect(['CONFIRMED', 'REJECTED']).toContain(node.status);
    // Decided proposals never await confirmation.
    expect((await page(wutong, { status: ['CONFIRMED'], publicityEnded: true })).totalCount).toBe(0);
    expect(await ids(wutong, { assetId: wutongAsset.id })).toEqual([p.ended5]);
    expect(await ids(wutong, { assetId: wutongAsset.id, status: ['CONFIRMED'] })).toEqual([]);
    // The township, filtered on one of its villages.
    const yuheOnly = await ids(longju, { regionCode: YUHE, publicityEnded: true });
    expect(yuheOnly).toContain(p.yuheEnded);
    expect(yuheOnly).not.toContain(p.ended5);
    // Another village's asset, asked by id: nothing (its proposals are NOT_FOUND by id too).
    expect(await ids(yuhe, { assetId: wutongAsset.id })).toEqual([]);
  });

  it('pages with cursors: every page carries the total, the pages together are the list in order', async () => {
    const whole = await page(longju, { publicityEnded: true }, 200);
    expect(whole.totalCount).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const one = await page(longju, { publicityEnded: true }, 2, after);
      pages++;
      expect(one.totalCount).toBe(whole.totalCount);
      expect(one.pageInfo.hasPreviousPage).toBe(Boolean(after));
      expect(one.edges.length).toBeLessThanOrEqual(2);
      if (one.edges.length > 0) {
        expect(one.pageInfo.startCursor).toBe(one.edges[0].cursor);
        expect(one.pageInfo.endCursor).toBe(one.edges[one.edges.length - 1].cursor);
      }
      seen.push(...one.edges.map((e) => e.node.id));
      if (!one.pageInfo.hasNextPage) break;
      after = one.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(whole.totalCount / 2));
    expect(seen).toEqual(whole.edges.map((e) => e.node.id));
    // The default page is 50.
    const first = await page(auditor);
    expect(first.edges.length).toBe(Math.min(50, first.totalCount));
  });

  it('refuses a page above the maximum, a foreign cursor and a region pattern with stable codes', async () => {
    const big = await list(longju, undefined, 100_000);
    expect(errorCode(big)).toBe('BAD_USER_INPUT');
    expect(errorFields(big)).toEqual(['first']);
    const badCursor = await list(longju, undefined, 10, 'not-a-cursor');
    expect(errorCode(badCursor)).toBe('BAD_USER_INPUT');
    expect(errorFields(badCursor)).toEqual(['after']);
    const pattern = await list(longju, { regionCode: '500101151%' });
    expect(errorCode(pattern)).toBe('BAD_USER_INPUT');
    expect(errorFields(pattern)).toEqual([expect.stringMatching(/regionCode$/)]);
  });

  it('refuses another village, another township and a region outside the district as the other lists do', async () => {
    const other = (caller: Caller, region: string) =>
      caller.gql(`query($r: String) { disposalRequests(filter: { regionCode: $r }) { totalCount } }`, {
        r: region,
      });
    const cases: Array<[string, Caller, string]> = [
      ['a village clerk, another village of its township', wutong, YUHE],
      ['a village clerk, a village of another township', wutong, DAPING],
      ['a village clerk, another township', daping, LONGJU],
      ['a township officer, another township', longju, LUOTIAN],
      ['a township officer, a village of another township', longju, DAPING],
      ['the auditor, a region outside the district', auditor, '500102'],
      ['the district, a village of another district', district, '500102001001'],
    ];
    for (const [what, caller, region] of cases) {
      const res: GqlResponse<{ ownershipProposals: Page }> = await list(caller, { regionCode: region });
      expect({ what, code: errorCode(res), data: res.data?.ownershipProposals ?? null }).toEqual({
        what,
        code: 'FORBIDDEN',
        data: null,
      });
      expect(errorFields(res)).toEqual(['filter.regionCode']);
      // The same answer as the disposal requests' list.
      expect(errorCode(await other(caller, region))).toBe(errorCode(res));
    }
    // Its own region, or a village below, is fine.
    expect((await list(longju, { regionCode: WUTONG })).errors).toBeUndefined();
    expect((await list(auditor, { regionCode: LUOTIAN })).errors).toBeUndefined();
  });

  it("lists one asset's proposals to a co-owning village elsewhere, as it reads each of them", async () => {
    const shared = await makeOwnedOperatingAsset(wutong, longju, WUTONG, {}, [
      [WUTONG, '60'],
      [DAPING, '40'],
    ]);
    const next = await propose(wutong, shared, WUTONG, daysAgo(0));
    const seen = await ids(daping, { assetId: shared.id });
    expect(seen).toHaveLength(2);
    expect(seen).toContain(next);
    for (const id of seen) expect((await daping.gql(ONE, { id })).errors).toBeUndefined();
    // Not in its region's list: the asset is kept in 梧桐村.
    expect(await ids(daping)).not.toContain(next);
    // 玉合村 owns none of it: nothing.
    expect(await ids(yuhe, { assetId: shared.id })).toEqual([]);
  });
});
