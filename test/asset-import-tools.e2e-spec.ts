import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minimalWorkbook } from './support/zip';
import { TestApp } from './support/test-app';

/**
 * Asset ledgers saved by other spreadsheet tools import like the ones Excel and the app write. The
 * fixtures are generated once by test/fixtures/spreadsheets/make-fixtures.sh (which documents how); each
 * holds two assets of 梧桐村 and, on its 项目 sheet, the new project they belong to.
 */
const FIXTURES = join(__dirname, 'fixtures', 'spreadsheets');

const IMPORT = `mutation($fileId: ID!) {
  importAssets(fileId: $fileId, wait: true) {
    phase importedCount createdProjectCount problemCount problems { sheet row column message } message
  }
}`;
const ASSETS = `query($text: String) {
  assets(filter: { text: $text }, first: 10, orderBy: { field: CODE }) {
    edges { node { code name class project { code name } locationCode quantity investedAmount formedValue
      completionDate acceptanceDate handoverDate contractEnd contractAnnualAmount householdHeadName } }
  }
}`;

interface Job {
  phase: string;
  importedCount: number;
  createdProjectCount: number;
  problemCount: number;
  problems: Array<{ sheet: string; row: number; column: string; message: string }>;
  message: string | null;
}

async function upload(t: TestApp, bytes: Buffer, name: string) {
  return t.http
    .post('/files')
    .set('authorization', `Bearer ${await t.token('wutong')}`)
    .attach('file', bytes, name);
}

describe('asset ledgers saved by other spreadsheet tools (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it.each([
    ['openpyxl (absolute relationship targets, no shared strings)', 'openpyxl-assets.xlsx', 'OPX'],
    ['Gnumeric (ssconvert)', 'gnumeric-assets.xlsx', 'GNM'],
    ['LibreOffice Calc', 'libreoffice-assets.xlsx', 'LO'],
  ])('imports a ledger written by %s with its 项目 sheet', async (_tool, file, prefix) => {
    const uploaded = await upload(t, readFileSync(join(FIXTURES, file)), file);
    expect(uploaded.status).toBe(201);
    const res = await t.gql<{ importAssets: Job }>(
      IMPORT,
      { fileId: (uploaded.body as { id: string }).id },
      await t.token('wutong'),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.importAssets).toMatchObject({
      phase: 'SUCCEEDED',
      importedCount: 2,
      createdProjectCount: 1,
      problemCount: 0,
      problems: [],
    });

    const listed = await t.gql<{ assets: { edges: Array<{ node: Record<string, unknown> }> } }>(
      ASSETS,
      { text: `${prefix}-A-` },
      await t.token('wutong'),
    );
    expect(listed.data!.assets.edges.map((e) => e.node)).toEqual([
      {
        code: `${prefix}-A-001`,
        name: '蔬菜大棚',
        class: 'OPERATING',
        project: { code: `${prefix}-P-2021`, name: '梧桐村产业项目' },
        locationCode: '500101151201',
        quantity: '12.000',
        investedAmount: '240000.00',
        formedValue: '236000.50',
        completionDate: '2021-10-01',
        acceptanceDate: '2021-11-01',
        handoverDate: '2021-12-01',
        contractEnd: '2026-12-31',
        contractAnnualAmount: '24000.00',
        householdHeadName: null,
      },
      {
        code: `${prefix}-A-002`,
        name: '能繁母牛',
        class: 'HOUSEHOLD',
        project: { code: `${prefix}-P-2021`, name: '梧桐村产业项目' },
        locationCode: '500101151201',
        quantity: '2.500',
        investedAmount: '12345.67',
        formedValue: '12345.67',
        completionDate: '2021-10-01',
        acceptanceDate: null,
        handoverDate: null,
        contractEnd: null,
        contractAnnualAmount: null,
        householdHeadName: '王五',
      },
    ]);
  });

  it('refuses at upload an .xlsx whose sheet points at a part that is not in the file, storing nothing', async () => {
    const [before] = await t.sql<{ n: string }>('SELECT count(*) AS n FROM evidence_file');
    const broken = minimalWorkbook(
      [
        { name: '资产', rows: [['资产编号']] },
        { name: '项目', rows: [['项目编号']] },
      ],
      (n) => `/xl/worksheets/sheet${n}.xml`,
      'xl/worksheets/sheet2.xml',
    );
    const res = await upload(t, broken, '台账.xlsx');
    expect(res.status).toBe(400);
    expect((res.body as { error: { code: string; reason: string } }).error).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'FILE_NOT_A_WORKBOOK',
    });
    const [after] = await t.sql<{ n: string }>('SELECT count(*) AS n FROM evidence_file');
    expect(after.n).toBe(before.n);
  });
});
