import { Caller, TestApp } from './support/test-app';

/**
 * An import can be left and come back to from any browser: assetImports and householdImports list the
 * newest jobs of the caller's region (anyone's in it), and nothing of another region.
 */
const HOUSEHOLD_JOBS = `query($first: Int) { householdImports(first: $first) { id fileName phase regionCode } }`;
const ASSET_JOBS = `query($first: Int) { assetImports(first: $first) { id fileName phase regionCode } }`;

interface Job {
  id: string;
  fileName: string;
  phase: string;
  regionCode: string;
}

describe('recent imports (e2e)', () => {
  let t: TestApp;
  let wutong: Caller;
  let yuhe: Caller;

  /** Starts a household import of a CSV with one bad row (it fails: that is enough to be listed). */
  const importHouseholds = async (caller: Caller, name: string): Promise<string> => {
    const template = await t.http
      .get('/templates/households.csv')
      .set('authorization', `Bearer ${caller.token}`);
    expect(template.status).toBe(200);
    const csv = Buffer.from(
      `${template.text.trimEnd()}\r\nH-1,王五,没有这个村,3,,,脱贫户,,2019-01-01,\r\n`,
      'utf8',
    );
    const fileId = await caller.upload(csv, name);
    const res = await caller.gql<{ importHouseholds: Job }>(
      'mutation($fileId: ID!) { importHouseholds(fileId: $fileId, wait: true) { id phase } }',
      { fileId },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.importHouseholds.id;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    wutong = await t.as('wutong');
    yuhe = await t.as('yuhe');
  });
  afterAll(() => t.close());

  it("lists the region's newest jobs first, for everyone who may follow them, and no other region's", async () => {
    const first = await importHouseholds(wutong, '梧桐村农户-1.csv');
    const second = await importHouseholds(wutong, '梧桐村农户-2.csv');
    const theirs = await importHouseholds(yuhe, '雨合村农户.csv');

    const mine = (await wutong.gql<{ householdImports: Job[] }>(HOUSEHOLD_JOBS)).data!.householdImports;
    const ids = mine.map((j) => j.id);
    expect(ids.indexOf(second)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(first));
    expect(ids).not.toContain(theirs);
    expect(mine.every((j) => j.regionCode.startsWith('500101151201'))).toBe(true);
    expect(mine.find((j) => j.id === second)).toMatchObject({
      fileName: '梧桐村农户-2.csv',
      phase: 'FAILED',
    });

    const township = (await (await t.as('longju')).gql<{ householdImports: Job[] }>(HOUSEHOLD_JOBS)).data!
      .householdImports;
    expect(township.map((j) => j.id)).toEqual(expect.arrayContaining([first, second, theirs]));

    const one = (await wutong.gql<{ householdImports: Job[] }>(HOUSEHOLD_JOBS, { first: 1 })).data!
      .householdImports;
    expect(one.map((j) => j.id)).toEqual([second]);
  });

  it('lists asset imports the same way, and refuses a page that is too long', async () => {
    const assets = await wutong.gql<{ assetImports: Job[] }>(ASSET_JOBS);
    expect(assets.errors).toBeUndefined();
    expect(assets.data!.assetImports.every((j) => j.regionCode.startsWith('500101151201'))).toBe(true);

    const tooMany = await wutong.gql(HOUSEHOLD_JOBS, { first: 51 });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const none = await t.gql(HOUSEHOLD_JOBS, {});
    expect(none.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
