import { TestApp } from './support/test-app';

/** No control, zero-width or bidirectional characters, no path characters, nothing hidden. */
const SAFE_NAME =
  // eslint-disable-next-line no-control-regex
  /^[^\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\\/:*?"<>|.][^\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\\/:*?"<>|]*\.(xlsx|csv)$/;

/** Every export and template is named by the one helper (files/file-rules.ts exportFileName). */
describe('export file names (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  const disposition = (header: string) => {
    const star = /filename\*=UTF-8''([^;]+)/.exec(header)?.[1];
    const plain = /filename="([^"]*)"/.exec(header)?.[1];
    return { name: star === undefined ? undefined : decodeURIComponent(star), plain };
  };

  it('exports are stored and downloaded under safe names', async () => {
    const district = await t.as('district');
    const clerk = await t.as('wutong');
    const made: Array<{ fileName: string; downloadPath: string; token: string }> = [];
    const income = await district.gql<{ exportIncomeReport: { fileName: string; downloadPath: string } }>(
      'mutation { exportIncomeReport(kind: INCOME_SUMMARY, groupBy: [REGION, YEAR]) { fileName downloadPath } }',
    );
    expect(income.errors).toBeUndefined();
    made.push({ ...income.data!.exportIncomeReport, token: district.token });
    const flags = await district.gql<{ exportSupervisionReport: { fileName: string; downloadPath: string } }>(
      'mutation { exportSupervisionReport(kind: RED_FLAGS, regionCode: "500101151") { fileName downloadPath } }',
    );
    expect(flags.errors).toBeUndefined();
    made.push({ ...flags.data!.exportSupervisionReport, token: district.token });
    const assets = await clerk.gql<{ exportAssets: { fileName: string; downloadPath: string } }>(
      'mutation { exportAssets { fileName downloadPath } }',
    );
    expect(assets.errors).toBeUndefined();
    made.push({ ...assets.data!.exportAssets, token: clerk.token });

    expect(made.map((m) => m.fileName)).toEqual([
      '收益汇总-500101.xlsx',
      '问题清单-500101151.xlsx',
      expect.stringMatching(/^资产台账-500101151201-\d{8}-\d{6}\.xlsx$/),
    ]);
    for (const m of made) {
      expect(m.fileName).toMatch(SAFE_NAME);
      const res = await t.http.get(m.downloadPath).set('authorization', `Bearer ${m.token}`);
      expect(res.status).toBe(200);
      const { name, plain } = disposition(String(res.headers['content-disposition']));
      expect(name).toBe(m.fileName);
      expect(plain).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('templates are served under safe names', async () => {
    const token = await t.token('wutong');
    for (const path of ['/templates/assets.xlsx', '/templates/assets.csv', '/templates/households.xlsx']) {
      const res = await t.http.get(path).set('authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      expect(disposition(String(res.headers['content-disposition'])).name).toMatch(SAFE_NAME);
    }
  });
});
