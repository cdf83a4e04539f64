import { randomUUID } from 'node:crypto';
import { daysAgo, makeOwnedOperatingAsset } from './support/factories';
import { Caller, errorCode, GqlResponse, TestApp } from './support/test-app';

const REGISTER_OPERATOR =
  'mutation($input: RegisterOperatorInput!) { registerOperator(input: $input) { id } }';
const SIGN = 'mutation($input: SignContractInput!) { signContract(input: $input) { id code } }';
const CONTRACTS = `query($f: ContractFilter, $first: Int, $after: String) {
  contracts(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id regionCode payments { overdue overdueDays } } } } }`;
const RED_FLAGS = `query($r: String) { redFlags(regionCode: $r, kinds: [CONTRACT_PAYMENT_OVERDUE]) {
  flags { count records { entityId } } } }`;

interface Listed {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{
    node: { id: string; regionCode: string; payments: { overdue: boolean; overdueDays: number | null } };
  }>;
}

const key = (): string => `k-${randomUUID()}`;
let n = 0;
const contractCode = (): string => `HT-OD-${Date.now().toString(36)}-${n++}`;

describe('contracts: the overdue filter (e2e)', () => {
  let t: TestApp;
  let clerk: Caller; // 梧桐村
  let officer: Caller; // 龙驹镇
  let otherClerk: Caller; // 大坪村, 罗田镇
  let otherOfficer: Caller; // 罗田镇
  let district: Caller;
  /** Rent of 2023 onwards never paid: overdue since 2023-12-31. */
  let overdue: string;
  /** Its first rent falls due at the end of its first year: nothing due yet. */
  let current: string;
  /** Its first month's rent fell due about ten days ago: late, but within the 30 grace days. */
  let withinGrace: string;
  /** 罗田镇's overdue contract. */
  let elsewhere: string;

  const sign = async (
    caller: Caller,
    officerOf: Caller,
    village: string,
    over: Record<string, unknown>,
  ): Promise<string> => {
    const asset = await makeOwnedOperatingAsset(caller, officerOf, village);
    const operator = await caller.gql<{ registerOperator: { id: string } }>(REGISTER_OPERATOR, {
      input: {
        kind: 'INDIVIDUAL',
        name: `承租人${n}`,
        idNumber: '11010519491231002X',
        contactPhone: '13812345678',
        idempotencyKey: key(),
      },
    });
    if (!operator.data) throw new Error(JSON.stringify(operator.errors));
    const res = await caller.gql<{ signContract: { id: string } }>(SIGN, {
      input: {
        code: contractCode(),
        kind: 'LEASE',
        operatorId: operator.data.registerOperator.id,
        ownerName: '村股份经济合作联合社',
        assetIds: [asset.id],
        endDate: '2040-12-31',
        amount: '800.00',
        schedule: 'ANNUAL',
        idempotencyKey: key(),
        ...over,
      },
    });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.signContract.id;
  };

  /** Every contract the caller lists with the filter, page after page of `first`. */
  const all = async (caller: Caller, filter: Record<string, unknown>, first = 50) => {
    const nodes: Listed['edges'][number]['node'][] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (;;) {
      const res: GqlResponse<{ contracts: Listed }> = await caller.gql<{ contracts: Listed }>(CONTRACTS, {
        f: filter,
        first,
        after,
      });
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      totalCount = res.data.contracts.totalCount;
      nodes.push(...res.data.contracts.edges.map((e) => e.node));
      if (!res.data.contracts.pageInfo.hasNextPage) break;
      after = res.data.contracts.pageInfo.endCursor;
    }
    return { totalCount, ids: nodes.map((x) => x.id), nodes };
  };
  const flagged = async (caller: Caller, region: string) => {
    const res = await caller.gql<{
      redFlags: { flags: Array<{ count: number; records: Array<{ entityId: string }> }> };
    }>(RED_FLAGS, { r: region });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    const [flag] = res.data.redFlags.flags;
    return { count: flag.count, ids: flag.records.map((r) => r.entityId) };
  };
  const sorted = (ids: string[]) => [...ids].sort();

  beforeAll(async () => {
    t = await TestApp.start();
    clerk = await t.as('wutong');
    officer = await t.as('longju');
    otherClerk = await t.as('daping');
    otherOfficer = await t.as('luotian');
    district = await t.as('district');
    overdue = await sign(clerk, officer, '500101151201', { startDate: '2023-01-01' });
    current = await sign(clerk, officer, '500101151201', { startDate: daysAgo(10) });
    withinGrace = await sign(clerk, officer, '500101151201', {
      startDate: daysAgo(40),
      schedule: 'MONTHLY',
      amount: '100.00',
    });
    elsewhere = await sign(otherClerk, otherOfficer, '500101153201', { startDate: '2023-01-01' });
  });
  afterAll(() => t.close());

  it('overdue: true lists exactly the red flag’s contracts of the township, each one payments.overdue', async () => {
    const listed = await all(officer, { overdue: true });
    const flag = await flagged(officer, '500101151');
    expect(listed.totalCount).toBe(flag.count);
    expect(sorted(listed.ids)).toEqual(sorted(flag.ids));
    expect(listed.ids).toContain(overdue);
    expect(listed.ids).not.toContain(current);
    expect(listed.ids).not.toContain(withinGrace);
    expect(listed.ids).not.toContain(elsewhere);
    expect(listed.nodes.every((c) => c.payments.overdue)).toBe(true);
  });

  it('overdue: false lists the others; with the absent filter they make up the whole list', async () => {
    const late = await all(officer, { overdue: true });
    const others = await all(officer, { overdue: false });
    const everything = await all(officer, {});
    expect(others.ids).toEqual(expect.arrayContaining([current, withinGrace]));
    expect(others.ids).not.toContain(overdue);
    expect(others.nodes.every((c) => !c.payments.overdue)).toBe(true);
    // Late by days within the grace: overdueDays counts them, overdue does not.
    const grace = others.nodes.find((c) => c.id === withinGrace)!;
    expect(grace.payments.overdueDays).toBeGreaterThan(0);
    expect(late.totalCount + others.totalCount).toBe(everything.totalCount);
    expect(sorted([...late.ids, ...others.ids])).toEqual(sorted(everything.ids));
    // Without the filter, the overdue contract is listed as before, marked.
    expect(everything.nodes.find((c) => c.id === overdue)?.payments.overdue).toBe(true);
  });

  it('pages of the overdue list join up without gaps or repeats', async () => {
    const whole = await all(officer, { overdue: false });
    const paged = await all(officer, { overdue: false }, 1);
    expect(paged.ids).toEqual(whole.ids);
    expect(new Set(paged.ids).size).toBe(paged.ids.length);
    expect(paged.totalCount).toBe(whole.totalCount);
  });

  it('within a village and for a village clerk: the same contracts as the village’s red flag', async () => {
    const village = await flagged(officer, '500101151201');
    const filtered = await all(officer, { overdue: true, regionCode: '500101151201' });
    expect(sorted(filtered.ids)).toEqual(sorted(village.ids));
    const own = await all(clerk, { overdue: true });
    expect(sorted(own.ids)).toEqual(sorted((await flagged(clerk, '500101151201')).ids));
    expect(own.ids).toContain(overdue);
  });

  it('another township’s overdue contract is not listed; its region is refused; the district sees both', async () => {
    expect((await all(officer, { overdue: true })).ids).not.toContain(elsewhere);
    const refused = await officer.gql(CONTRACTS, { f: { overdue: true, regionCode: '500101153' } });
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.data).toBeNull();
    const theirs = await all(otherOfficer, { overdue: true });
    expect(theirs.ids).toContain(elsewhere);
    expect(theirs.ids).not.toContain(overdue);
    const whole = await all(district, { overdue: true });
    expect(whole.ids).toEqual(expect.arrayContaining([overdue, elsewhere]));
    expect(whole.totalCount).toBe((await flagged(district, '500101')).count);
  });
});
