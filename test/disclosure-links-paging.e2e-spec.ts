import { randomUUID } from 'node:crypto';
import { Caller, errorCode, GqlResponse, TestApp } from './support/test-app';

const CREATE = `mutation($v: String!, $y: Int!, $key: String) {
  createDisclosureLink(villageCode: $v, year: $y, idempotencyKey: $key) { id } }`;
const LINKS = `query($r: String, $y: Int, $first: Int, $after: String) {
  disclosureLinks(regionCode: $r, year: $y, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id villageCode year } } } }`;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: { id: string; villageCode: string; year: number } }>;
}

const WUTONG = '500101151201';
const YUHE = '500101151202';
const thisYear = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

describe('disclosureLinks: cursor pages (e2e)', () => {
  let t: TestApp;
  let officer: Caller; // 龙驹镇
  let clerk: Caller; // 梧桐村
  let otherOfficer: Caller; // 罗田镇
  const made: string[] = [];

  /** Every link the caller lists with the arguments, page after page of `first`, and each page's total. */
  const all = async (caller: Caller, vars: Record<string, unknown>, first: number) => {
    const ids: string[] = [];
    const totals = new Set<number>();
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: GqlResponse<{ disclosureLinks: Page }> = await caller.gql<{ disclosureLinks: Page }>(LINKS, {
        ...vars,
        first,
        after,
      });
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      const page = res.data.disclosureLinks;
      expect(page.edges.length).toBeLessThanOrEqual(first);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      totals.add(page.totalCount);
      ids.push(...page.edges.map((e) => e.node.id));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return { ids, totals: [...totals], pages };
  };

  beforeAll(async () => {
    t = await TestApp.start();
    officer = await t.as('longju');
    clerk = await t.as('wutong');
    otherOfficer = await t.as('luotian');
    for (const village of [WUTONG, YUHE]) {
      for (let back = 0; back < 4; back++) {
        const res = await officer.gql<{ createDisclosureLink: { id: string } }>(CREATE, {
          v: village,
          y: thisYear - back,
          key: `k-${randomUUID()}`,
        });
        if (!res.data) throw new Error(JSON.stringify(res.errors));
        made.push(res.data.createDisclosureLink.id);
      }
    }
  });
  afterAll(() => t.close());

  it('pages of 3 join up to the whole list, newest first, without gaps or repeats', async () => {
    const whole = await all(officer, {}, 50);
    expect(whole.pages).toBe(1);
    expect(whole.ids).toEqual(expect.arrayContaining(made));
    // Newest first: the last made is the first listed.
    expect(whole.ids.indexOf(made[made.length - 1])).toBe(0);
    const paged = await all(officer, {}, 3);
    expect(paged.ids).toEqual(whole.ids);
    expect(new Set(paged.ids).size).toBe(paged.ids.length);
    expect(paged.pages).toBe(Math.ceil(whole.ids.length / 3));
    expect(paged.totals).toEqual([whole.ids.length]);
  });

  it('filtered on a village and a year, the pages still join up; the total counts the filter', async () => {
    const village = await all(officer, { r: YUHE }, 2);
    expect(village.ids.sort()).toEqual(made.slice(4).sort());
    expect(village.totals).toEqual([4]);
    const year = await all(officer, { y: thisYear }, 1);
    expect(year.ids.sort()).toEqual([made[0], made[4]].sort());
    expect(year.totals).toEqual([2]);
  });

  it('scope: a clerk pages its own village only; another township sees none and is refused this one', async () => {
    const own = await all(clerk, {}, 2);
    expect(own.ids.sort()).toEqual(made.slice(0, 4).sort());
    const theirs = await all(otherOfficer, {}, 2);
    expect(theirs.ids.filter((id) => made.includes(id))).toEqual([]);
    const refused = await otherOfficer.gql(LINKS, { r: '500101151', first: 2 });
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.data).toBeNull();
  });

  it('a page larger than the maximum, or a cursor it did not make, is refused', async () => {
    expect(errorCode(await officer.gql(LINKS, { first: 1_000_000 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await officer.gql(LINKS, { first: 2, after: 'not-a-cursor' }))).toBe('BAD_USER_INPUT');
  });
});
