import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Response } from 'supertest';
import { gbk } from '@/common/text/testing/gbk';
import { makeProject } from './support/factories';
import { errorCode, errorReason, TestApp } from './support/test-app';

/** The template's columns as docs/api.md documents them (the test does not import the code's list). */
const ASSET_HEADERS = [
  '序号',
  '资产编号',
  '资产名称',
  '资产类别',
  '资产形态',
  '资产分类',
  '所属项目',
  '所在村/镇',
  '乡镇名称',
  '村名称',
  '数量',
  '单位',
  '投资额(元)',
  '原值(元)',
  '资金来源',
  '建成日期',
  '验收日期',
  '移交日期',
  '状态',
  '状态起始日期',
  '管护主体',
  '管护责任人',
  '管护责任人电话',
  '经营主体',
  '经营方式',
  '合同起始日期',
  '合同终止日期',
  '合同条款',
  '年租金/分红(元)',
  '被投资企业',
  '股权协议编号',
  '股权到期日',
  '农户户籍编号',
  '户主姓名',
  '所有权人',
  '所有权层级',
  '权属证书编号',
  '确权日期',
  '行业主管部门',
  '建设内容',
  '建设规模',
  '受益户数',
  '受益人数',
  '其中脱贫户数',
  '其中脱贫人口数',
  '其中监测户数',
  '其中监测人口数',
  '本年收益(元)',
  '累计收益(元)',
  '已分配收益(元)',
  '当前状况',
  '处置方式',
  '处置日期',
  '处置批准',
  '处置收入(元)',
  '备注',
];
const PROJECT_HEADERS = [
  '项目编号',
  '项目名称',
  '项目年度',
  '项目类型',
  '实施单位',
  '所在区域',
  '建成日期',
  '验收日期',
  '资金来源',
];

const JOB_FIELDS = `id fileId fileName phase totalRows processedRows importedCount createdProjectCount problemCount
  problems { sheet row column message } message createdBy regionCode createdAt startedAt validatedAt finishedAt updatedAt`;
const IMPORT = `mutation($fileId: ID!, $wait: Boolean) { importAssets(fileId: $fileId, wait: $wait) { ${JOB_FIELDS} } }`;
const JOB = `query($id: ID!) { assetImport(id: $id) { ${JOB_FIELDS} } }`;
const EXPORT = `mutation($filter: AssetFilter) {
  exportAssets(filter: $filter) { fileId downloadPath fileName rowCount projectCount sha256 size }
}`;
const ASSET_FIELDS = `id code name class form categoryCode project { code } locationCode quantity unit investedAmount
  formedValue fundSources { source amount } completionDate acceptanceDate handoverDate status statusSince
  managementEntity managementResponsible operator operatingMode contractStart contractEnd contractTerms
  contractAnnualAmount investee equityAgreementNo equityMaturityDate householdRegistryNo householdHeadName
  createdAt updatedAt version`;
const ASSETS = `query($filter: AssetFilter) {
  assets(filter: $filter, first: 200, orderBy: { field: CODE }) { totalCount edges { node { ${ASSET_FIELDS} } } }
}`;
const PROJECTS = `query($text: String) {
  projects(filter: { text: $text }, first: 200) {
    edges { node { code name year type implementingUnit regionCode completionDate acceptanceDate fundSources { source amount } } }
  }
}`;

interface Problem {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

interface Job {
  id: string;
  fileId: string;
  fileName: string;
  phase: string;
  totalRows: number | null;
  processedRows: number;
  importedCount: number;
  createdProjectCount: number;
  problemCount: number;
  problems: Problem[];
  message: string | null;
  createdBy: string;
  regionCode: string;
  createdAt: string;
  startedAt: string | null;
  validatedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}

type Cell = string | number | Date | null;
type Row = Record<string, Cell>;

let counter = 0;
const unique = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`.toUpperCase();

function binaryParser(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const parts: Buffer[] = [];
  res.on('data', (chunk: Buffer) => parts.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(parts)));
}

async function download(t: TestApp, user: string, path: string): Promise<Response> {
  return t.http
    .get(path)
    .set('authorization', `Bearer ${await t.token(user)}`)
    .buffer(true)
    .parse(binaryParser);
}

async function upload(t: TestApp, user: string, bytes: Buffer, name: string): Promise<string> {
  const res = await t.http
    .post('/files')
    .set('authorization', `Bearer ${await t.token(user)}`)
    .attach('file', bytes, name);
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

/** ExcelJS types its argument with an older Buffer type than @types/node's. */
async function loadWorkbook(workbook: ExcelJS.Workbook, bytes: Buffer): Promise<void> {
  await workbook.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
}

/** Fills the downloaded template: each row is keyed by header; unknown headers are a test error. */
async function fillTemplate(template: Buffer, assets: Row[], projects: Row[] = []): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await loadWorkbook(workbook, template);
  for (const [name, rows] of [
    ['资产', assets],
    ['项目', projects],
  ] as const) {
    const sheet = workbook.getWorksheet(name)!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    for (const row of rows) {
      for (const key of Object.keys(row)) if (!headers.includes(key)) throw new Error(`no column ${key}`);
      sheet.addRow(headers.map((h) => row[h] ?? null));
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** A complete, valid asset row of 梧桐村 (numbers and date cells, as Excel users write them). */
function assetRow(code: string, project: string, overrides: Row = {}): Row {
  return {
    资产编号: code,
    资产名称: '蔬菜大棚',
    资产类别: '经营性资产',
    资产形态: '固定资产',
    资产分类: '农业基础设施',
    所属项目: project,
    '所在村/镇': '500101151201',
    数量: 12,
    单位: '个',
    '投资额(元)': 240000,
    '原值(元)': 236000.5,
    资金来源: '衔接资金:200000.00;区级财政资金:40000.00',
    建成日期: day('2021-10-01'),
    验收日期: '2021/11/01',
    移交日期: '2021-12-01',
    状态: '在用',
    管护主体: '梧桐村股份经济合作联合社',
    管护责任人: '张会计',
    经营主体: '万州区梧桐蔬菜专业合作社',
    经营方式: '租赁经营',
    合同起始日期: day('2022-01-01'),
    合同终止日期: day('2026-12-31'),
    合同条款: '年租金 24000 元，每年 12 月支付',
    '年租金/分红(元)': '24,000.00',
    ...overrides,
  };
}

async function count(t: TestApp, table: 'asset' | 'ledger_entry' | 'project'): Promise<number> {
  const [row] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(row.n);
}

async function importFile(t: TestApp, user: string, fileId: string, wait = true): Promise<Job> {
  const res = await t.gql<{ importAssets: Job }>(IMPORT, { fileId, wait }, await t.token(user));
  if (!res.data) throw new Error(`importAssets: ${JSON.stringify(res.errors)}`);
  return res.data.importAssets;
}

/** Polls assetImport until the job has finished; returns it and every state seen on the way. */
async function poll(
  t: TestApp,
  user: string,
  id: string,
  timeoutMs = 120_000,
): Promise<{ job: Job; seen: Job[] }> {
  const seen: Job[] = [];
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.gql<{ assetImport: Job }>(JOB, { id }, await t.token(user));
    if (!res.data) throw new Error(`assetImport: ${JSON.stringify(res.errors)}`);
    const job = res.data.assetImport;
    seen.push(job);
    if (job.phase === 'SUCCEEDED' || job.phase === 'FAILED') return { job, seen };
    if (Date.now() > until) throw new Error(`import ${id} still ${job.phase}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('asset ledger in and out of Excel (e2e)', () => {
  let t: TestApp;
  let template: Buffer;
  let project: string;

  beforeAll(async () => {
    t = await TestApp.start();
    project = (await makeProject(await t.as('wutong'))).code;
    const res = await download(t, 'wutong', '/templates/assets.xlsx');
    expect(res.status).toBe(200);
    template = res.body as Buffer;
  });
  afterAll(() => t.close());

  it('serves the template: 资产, 项目 and 说明 sheets with the documented headers, and a CSV with a BOM', async () => {
    const workbook = new ExcelJS.Workbook();
    await loadWorkbook(workbook, template);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['资产', '项目', '说明']);
    const headers = (name: string): string[] =>
      (workbook.getWorksheet(name)!.getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers('资产')).toEqual(ASSET_HEADERS);
    expect(headers('项目')).toEqual(PROJECT_HEADERS);
    expect(workbook.getWorksheet('资产')!.rowCount).toBe(1);
    const instructions: string[] = [];
    workbook.getWorksheet('说明')!.eachRow((row) => instructions.push((row.values as unknown[]).join(' ')));
    expect(instructions.join('\n')).toContain('农业基础设施');
    expect(instructions.join('\n')).toContain('500101151201');

    const csv = await download(t, 'wutong', '/templates/assets.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const body = csv.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString('utf8').slice(1).trim()).toBe(ASSET_HEADERS.join(','));

    const anonymous = await t.http.get('/templates/assets.xlsx');
    expect(anonymous.status).toBe(401);
  });

  it('reports every problem of a file with its row and column, and writes nothing', async () => {
    const good = unique('A');
    const file = await fillTemplate(template, [
      assetRow(good, project),
      assetRow(unique('A'), project, { 建成日期: '2021-13-01' }),
      assetRow(unique('A'), project, { 资金来源: '衔接资金:200000.00;区级财政资金:30000.00' }),
      assetRow(unique('A'), project, { 资产分类: '不存在的分类' }),
      assetRow(good, project),
      assetRow(unique('A'), project, { '所在村/镇': '500101151202' }),
      assetRow(unique('A'), project, { 资产类别: '到户类资产', 户主姓名: '王五' }),
      assetRow(unique('A'), project, { '投资额(元)': '12.345', '原值(元)': 12.345 }),
      assetRow(unique('A'), 'NO-SUCH-PROJECT'),
      assetRow(unique('A'), project, { 资产名称: '蔬菜\ufffd棚' }),
    ]);
    const fileId = await upload(t, 'wutong', file, 'bad.xlsx');
    const [assetsBefore, entriesBefore] = [await count(t, 'asset'), await count(t, 'ledger_entry')];

    const job = await importFile(t, 'wutong', fileId);
    expect(job.phase).toBe('FAILED');
    expect(job.importedCount).toBe(0);
    const at = (row: number, column: string): Problem[] =>
      job.problems.filter((p) => p.sheet === '资产' && p.row === row && p.column === column);
    expect(at(3, '建成日期')[0].message).toMatch(/not a date/);
    expect(at(4, '资金来源')[0].message).toMatch(
      /add up to 230000\.00 yuan, not the invested amount 240000\.00/,
    );
    expect(at(5, '资产分类')[0].message).toMatch(/no category/);
    expect(at(6, '资产编号')[0].message).toMatch(/also on row 2/);
    expect(at(7, '所在村/镇')[0].message).toMatch(/outside your region/);
    expect(at(8, '农户户籍编号')[0].message).toMatch(/household/);
    expect(at(9, '投资额(元)')[0].message).toMatch(/more than two decimals/);
    expect(at(9, '原值(元)')[0].message).toMatch(/more than two decimals/);
    expect(at(10, '所属项目')[0].message).toMatch(/no project NO-SUCH-PROJECT/);
    expect(at(11, '资产名称')[0].message).toMatch(/damaged in a conversion or a copy: type it again$/);
    // Rows 2 and 6 are fine but for the duplicate; no other row has a problem it should not have.
    expect(job.problems.filter((p) => p.row === 2)).toEqual([]);
    expect(job.problemCount).toBe(job.problems.length);
    expect(job.problemCount).toBe(10);
    expect(job.message).toMatch(/^10 problems found: nothing was imported/);

    expect(await count(t, 'asset')).toBe(assetsBefore);
    expect(await count(t, 'ledger_entry')).toBe(entriesBefore);
  });

  it('reports unknown and missing headers on row 1', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('资产');
    sheet.addRow(['资产编号', '资产名字', '资产类别']);
    sheet.addRow(['X-1', '大棚', '经营性资产']);
    const fileId = await upload(t, 'wutong', Buffer.from(await workbook.xlsx.writeBuffer()), 'headers.xlsx');
    const job = await importFile(t, 'wutong', fileId);
    expect(job.phase).toBe('FAILED');
    const row1 = job.problems.filter((p) => p.row === 1).map((p) => p.column);
    expect(row1).toEqual(
      expect.arrayContaining(['资产名字', '资产名称', '资产形态', '资产分类', '所属项目', '投资额(元)']),
    );
  });

  it('imports a good file in one transaction, one ledger entry per record, registering new projects', async () => {
    const newProject = unique('P');
    const codes = [unique('A'), unique('A'), unique('A')];
    const file = await fillTemplate(
      template,
      [
        assetRow(codes[0], project),
        assetRow(codes[1], newProject, {
          资产名称: '光伏电站股权',
          资产形态: '股权',
          资产分类: 'PV_STATION',
          数量: '1',
          单位: '份',
          '投资额(元)': '1,000,000.00',
          '原值(元)': 1000000,
          资金来源: '中央财政资金：600000；区级财政资金：400000',
          经营方式: null,
          被投资企业: '万州区光伏发电有限公司',
          股权协议编号: 'GQ-2021-001',
          股权到期日: '2031-12-31',
        }),
        assetRow(codes[2], newProject, {
          资产类别: 'HOUSEHOLD',
          资产名称: '能繁母牛',
          资产形态: '生物资产',
          资产分类: '畜禽',
          '所在村/镇': '梧桐村',
          数量: 2.5,
          单位: '头',
          '投资额(元)': 12345.67,
          '原值(元)': '12345.67',
          资金来源: 'LINKAGE_FUND:12345.67',
          经营主体: null,
          经营方式: null,
          合同起始日期: null,
          合同终止日期: null,
          合同条款: null,
          '年租金/分红(元)': null,
          农户户籍编号: 'HH-0001',
          户主姓名: '王五',
        }),
      ],
      [
        {
          项目编号: newProject,
          项目名称: '梧桐村产业项目',
          项目年度: 2021,
          项目类型: '产业发展',
          实施单位: '龙驹镇人民政府',
          所在区域: '500101151201',
          建成日期: day('2021-10-01'),
          验收日期: '2021-11-01',
          // What its assets use, per source: 1,000,000 of the equity and the cattle's 12,345.67 衔接资金.
          资金来源: '中央财政资金:600000.00;区级财政资金:400000.00;衔接资金:12345.67',
        },
        { 项目编号: project },
      ],
    );
    const fileId = await upload(t, 'wutong', file, 'good.xlsx');
    const [assetsBefore, entriesBefore] = [await count(t, 'asset'), await count(t, 'ledger_entry')];

    const job = await importFile(t, 'wutong', fileId);
    expect(job).toMatchObject({
      phase: 'SUCCEEDED',
      fileId,
      fileName: 'good.xlsx',
      totalRows: 5,
      processedRows: 5,
      importedCount: 3,
      createdProjectCount: 1,
      problemCount: 0,
      problems: [],
      regionCode: '500101151201',
    });
    for (const stamp of [job.startedAt, job.validatedAt, job.finishedAt]) expect(stamp).not.toBeNull();
    expect(Date.parse(job.validatedAt!)).toBeGreaterThanOrEqual(Date.parse(job.startedAt!));
    expect(Date.parse(job.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(job.validatedAt!));

    expect(await count(t, 'asset')).toBe(assetsBefore + 3);
    expect(await count(t, 'ledger_entry')).toBe(entriesBefore + 4);

    const listed = await t.gql<{ assets: { edges: Array<{ node: Record<string, unknown> }> } }>(
      ASSETS,
      { filter: { text: codes[0].slice(0, 2) } },
      await t.token('wutong'),
    );
    const byCode = new Map(listed.data!.assets.edges.map((e) => [e.node.code, e.node]));
    expect(byCode.get(codes[0])).toMatchObject({
      class: 'OPERATING',
      quantity: '12.000',
      investedAmount: '240000.00',
      formedValue: '236000.50',
      completionDate: '2021-10-01',
      acceptanceDate: '2021-11-01',
      contractAnnualAmount: '24000.00',
      operatingMode: 'LEASED',
      fundSources: [
        { source: 'DISTRICT_FISCAL', amount: '40000.00' },
        { source: 'LINKAGE_FUND', amount: '200000.00' },
      ],
    });
    expect(byCode.get(codes[1])).toMatchObject({
      form: 'EQUITY',
      categoryCode: 'PV_STATION',
      project: { code: newProject },
      investedAmount: '1000000.00',
      investee: '万州区光伏发电有限公司',
      equityMaturityDate: '2031-12-31',
    });
    expect(byCode.get(codes[2])).toMatchObject({
      class: 'HOUSEHOLD',
      form: 'BIOLOGICAL',
      categoryCode: 'LIVESTOCK',
      locationCode: '500101151201',
      quantity: '2.500',
      investedAmount: '12345.67',
      formedValue: '12345.67',
      householdHeadName: '王五',
    });

    const id = byCode.get(codes[1])!.id as string;
    const history = await t.gql<{
      history: Array<{ action: string; requestId: string; actor: { username: string } }>;
    }>(
      'query($id: String!) { history(entityType: "Asset", entityId: $id) { action requestId actor { username } } }',
      { id },
      await t.token('wutong'),
    );
    expect(history.data!.history).toEqual([
      { action: 'ASSET_REGISTERED', requestId: `asset-import:${job.id}`, actor: { username: 'wutong' } },
    ]);

    // The same file again: every code now exists.
    const again = await importFile(t, 'wutong', fileId);
    expect(again.phase).toBe('FAILED');
    expect(
      again.problems.filter((p) => p.column === '资产编号' && /already registered/.test(p.message)),
    ).toHaveLength(3);
    expect(again.problems.filter((p) => p.sheet === '项目')).toEqual([]);
  });

  it('reports a project of the 项目 sheet that differs from the registered one', async () => {
    const file = await fillTemplate(
      template,
      [assetRow(unique('A'), project)],
      [{ 项目编号: project, 项目名称: '另一个名称', 项目年度: 2021 }],
    );
    const job = await importFile(t, 'wutong', await upload(t, 'wutong', file, 'differs.xlsx'));
    expect(job.phase).toBe('FAILED');
    expect(job.problems).toEqual([
      {
        sheet: '项目',
        row: 2,
        column: '项目名称',
        message: expect.stringMatching(/differs from registered project/),
      },
    ]);
  });

  it('runs in the background with wait: false; assetImport shows its progress until SUCCEEDED', async () => {
    const file = await fillTemplate(template, [
      assetRow(unique('A'), project),
      assetRow(unique('A'), project),
    ]);
    const fileId = await upload(t, 'wutong', file, 'background.xlsx');
    const started = await importFile(t, 'wutong', fileId, false);
    expect(['PARSING', 'VALIDATING', 'IMPORTING', 'SUCCEEDED']).toContain(started.phase);
    expect(started.importedCount).toBe(0);
    const { job } = await poll(t, 'wutong', started.id);
    expect(job).toMatchObject({ phase: 'SUCCEEDED', importedCount: 2, totalRows: 2, processedRows: 2 });

    // A job whose process stopped (no report for ten minutes) is closed as FAILED when it is polled.
    await t.sql(
      `UPDATE asset_import SET phase = 'IMPORTING', updated_at = now() - interval '11 minutes' WHERE id = $1`,
      [started.id],
    );
    const stale = (await poll(t, 'wutong', started.id)).job;
    expect(stale).toMatchObject({ phase: 'FAILED', message: expect.stringMatching(/server stopped/) });

    // Readable in the importer's region (the township above it), not elsewhere.
    expect((await t.gql(JOB, { id: started.id }, await t.token('longju'))).data).not.toBeNull();
    expect(errorCode(await t.gql(JOB, { id: started.id }, await t.token('daping')))).toBe('NOT_FOUND');
  });

  it('imports a CSV file (UTF-8) whose amounts have thousands separators', async () => {
    const codes = [unique('C'), unique('C')];
    const line = (code: string): string =>
      `,${code},村道硬化,公益性资产,固定资产,ROADS_BRIDGES,${project},500101151201,,,"1,200.5",米,"120,000.00",118000,"衔接资金:100000;区级财政资金:20,000.00",2021-09-01,,,在用,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,`;
    const csv = `\ufeff${ASSET_HEADERS.join(',')}\r\n${line(codes[0])}\r\n${line(codes[1])}\r\n`;
    const job = await importFile(t, 'wutong', await upload(t, 'wutong', Buffer.from(csv), 'roads.csv'));
    expect(job).toMatchObject({ phase: 'SUCCEEDED', importedCount: 2 });
    const listed = await t.gql<{ assets: { edges: Array<{ node: Record<string, unknown> }> } }>(
      ASSETS,
      { filter: { text: codes[0] } },
      await t.token('wutong'),
    );
    expect(listed.data!.assets.edges[0].node).toMatchObject({
      class: 'PUBLIC_WELFARE',
      quantity: '1200.500',
      investedAmount: '120000.00',
      status: 'IN_USE',
    });
  });

  it('imports a CSV saved as GBK (Excel or WPS on a Chinese Windows, no BOM), every character as written', async () => {
    const codes = [unique('G'), unique('G')];
    const names = ['村道硬化（龙驹段）', '饮水工程“百安”蓄水池'];
    const line = (code: string, name: string): string =>
      `,${code},${name},公益性资产,固定资产,ROADS_BRIDGES,${project},500101151201,,,120,米,"120,000.00",120000,衔接资金:120000,2021-09-01,,,在用,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,`;
    const csv = gbk(
      `${ASSET_HEADERS.join(',')}\r\n${line(codes[0], names[0])}\r\n${line(codes[1], names[1])}\r\n`,
    );
    const fileId = await upload(t, 'wutong', csv, '台账.csv');
    const job = await importFile(t, 'wutong', fileId);
    expect(job).toMatchObject({ phase: 'SUCCEEDED', importedCount: 2 });
    for (const [i, code] of codes.entries()) {
      const listed = await t.gql<{ assets: { edges: Array<{ node: Record<string, unknown> }> } }>(
        ASSETS,
        { filter: { text: code } },
        await t.token('wutong'),
      );
      expect(listed.data!.assets.edges.map((e) => e.node)).toEqual([
        expect.objectContaining({ code, name: names[i], investedAmount: '120000.00' }),
      ]);
    }
  });

  it('refuses an auditor (FORBIDDEN), a file that is not a ledger, and a file out of scope', async () => {
    const file = await fillTemplate(template, [assetRow(unique('A'), project)]);
    const fileId = await upload(t, 'wutong', file, 'auditor.xlsx');
    const auditor = await t.gql(IMPORT, { fileId, wait: true }, await t.token('auditor'));
    expect(errorCode(auditor)).toBe('FORBIDDEN');

    const pdf = await upload(t, 'wutong', Buffer.from('%PDF-1.7\n%%EOF\n'), 'x.pdf');
    const notLedger = await t.gql(IMPORT, { fileId: pdf }, await t.token('wutong'));
    expect(errorCode(notLedger)).toBe('BAD_USER_INPUT');
    expect(errorReason(notLedger)).toBe('ASSET_IMPORT_FILE_INVALID');

    const otherVillage = await t.gql(IMPORT, { fileId }, await t.token('yuhe'));
    expect(errorCode(otherVillage)).toBe('NOT_FOUND');
  });

  it.each([
    ['its asset sheet', /^xl\/worksheets\/sheet1\.xml$/i],
    ['its shared strings', /^xl\/sharedStrings\.xml$/i],
  ])('fails an .xlsx cut short in %s with a clear message, and writes nothing', async (_what, partName) => {
    const whole = await fillTemplate(
      template,
      Array.from({ length: 40 }, () => assetRow(unique('A'), project)),
    );
    const zip = await JSZip.loadAsync(whole);
    const part = Object.keys(zip.files).find((name) => partName.test(name))!;
    const xml = await zip.file(part)!.async('string');
    // The XML stops in the middle: what comes before it reads, then the part ends without closing.
    zip.file(part, xml.slice(0, Math.floor(xml.length * 0.6)));
    const broken = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const assetsBefore = await count(t, 'asset');
    const job = await importFile(t, 'wutong', await upload(t, 'wutong', broken, 'broken.xlsx'));
    expect(job.phase).toBe('FAILED');
    expect(job.message).toBe('The file could not be read as an .xlsx workbook: nothing was imported.');
    expect(await count(t, 'asset')).toBe(assetsBefore);
  });

  it('reports (not partially imports) rows of a clerk for another village', async () => {
    const file = await fillTemplate(template, [
      assetRow(unique('A'), project),
      assetRow(unique('A'), project, { '所在村/镇': '500101153201' }),
      assetRow(unique('A'), project, { '所在村/镇': '玉合村' }),
    ]);
    const assetsBefore = await count(t, 'asset');
    const job = await importFile(t, 'wutong', await upload(t, 'wutong', file, 'other-village.xlsx'));
    expect(job.phase).toBe('FAILED');
    expect(job.problems.map((p) => [p.row, p.column])).toEqual([
      [3, '所在村/镇'],
      [4, '所在村/镇'],
    ]);
    expect(await count(t, 'asset')).toBe(assetsBefore);
  });

  it('export → import into another database gives the same assets and projects', async () => {
    const prefix = unique('EXP');
    const newProject = `${prefix}-P`;
    const file = await fillTemplate(
      template,
      [
        assetRow(`${prefix}-1`, newProject),
        assetRow(`${prefix}-2`, newProject, {
          资产形态: '股权',
          数量: 1,
          经营方式: null,
          被投资企业: '万州区光伏发电有限公司',
          股权协议编号: 'GQ-1',
          股权到期日: '2031-12-31',
          状态: '闲置',
          状态起始日期: '2023-05-01',
        }),
        assetRow(`${prefix}-3`, newProject, {
          资产类别: '到户类资产',
          资产形态: '生物资产',
          资产分类: 'LIVESTOCK',
          数量: 0.125,
          经营主体: null,
          经营方式: null,
          合同起始日期: null,
          合同终止日期: null,
          合同条款: 'a "quoted", multi-line\nterm',
          '年租金/分红(元)': null,
          农户户籍编号: 'HH-9',
          户主姓名: '赵六',
          建成日期: null,
          验收日期: null,
          移交日期: null,
          状态: '在建',
        }),
      ],
      [
        {
          项目编号: newProject,
          项目名称: '出口测试项目',
          项目年度: 2021,
          项目类型: 'INFRASTRUCTURE',
          实施单位: '龙驹镇人民政府',
          所在区域: '500101151',
          建成日期: '2021-10-01',
          资金来源: '衔接资金:600000.00;区级财政资金:120000.00',
        },
      ],
    );
    // A township officer registers the project of the township and the village's assets.
    const first = await importFile(t, 'longju', await upload(t, 'longju', file, 'export-source.xlsx'));
    expect(first.phase).toBe('SUCCEEDED');

    const exported = await t.gql<{
      exportAssets: {
        fileId: string;
        downloadPath: string;
        rowCount: number;
        projectCount: number;
        sha256: string;
      };
    }>(EXPORT, { filter: { text: prefix } }, await t.token('longju'));
    expect(exported.errors).toBeUndefined();
    const out = exported.data!.exportAssets;
    expect(out).toMatchObject({ rowCount: 3, projectCount: 1, downloadPath: `/files/${out.fileId}` });
    const downloaded = await download(t, 'longju', out.downloadPath);
    expect(downloaded.status).toBe(200);
    const bytes = downloaded.body as Buffer;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(out.sha256);
    const fileRow = await t.gql<{ history: Array<{ action: string }> }>(
      'query($id: String!) { history(entityType: "EvidenceFile", entityId: $id) { action } }',
      { id: out.fileId },
      await t.token('longju'),
    );
    expect(fileRow.data!.history).toEqual([{ action: 'FILE_UPLOADED' }]);
    // Exports read in the caller's region: the auditor sees the district, another village's clerk nothing.
    const rows = async (user: string): Promise<number> =>
      (
        await t.gql<{ exportAssets: { rowCount: number } }>(
          EXPORT,
          { filter: { text: prefix } },
          await t.token(user),
        )
      ).data!.exportAssets.rowCount;
    expect(await rows('auditor')).toBe(3);
    expect(await rows('daping')).toBe(0);

    const other = await TestApp.start();
    try {
      const before = await other.gql<{ assets: { totalCount: number } }>(
        ASSETS,
        { filter: { text: prefix } },
        await other.token('longju'),
      );
      expect(before.data!.assets.totalCount).toBe(0);
      const job = await importFile(other, 'longju', await upload(other, 'longju', bytes, 'exported.xlsx'));
      expect(job).toMatchObject({ phase: 'SUCCEEDED', importedCount: 3, createdProjectCount: 1 });

      const strip = (node: Record<string, unknown>): Record<string, unknown> => {
        const { id: _id, createdAt: _c, updatedAt: _u, version: _v, ...rest } = node;
        return rest;
      };
      const list = async (app: TestApp): Promise<Array<Record<string, unknown>>> => {
        const res = await app.gql<{ assets: { edges: Array<{ node: Record<string, unknown> }> } }>(
          ASSETS,
          { filter: { text: prefix } },
          await app.token('longju'),
        );
        return res.data!.assets.edges.map((e) => strip(e.node));
      };
      const original = await list(t);
      expect(original).toHaveLength(3);
      expect(await list(other)).toEqual(original);
      const projectsOf = async (app: TestApp): Promise<unknown> =>
        (await app.gql<{ projects: unknown }>(PROJECTS, { text: prefix }, await app.token('longju'))).data!
          .projects;
      expect(await projectsOf(other)).toEqual(await projectsOf(t));
    } finally {
      await other.close();
    }
  });

  it('imports 10,000 rows, reporting progress on the way; exports them again, each once, in order', async () => {
    const prefix = unique('BIG');
    // A project that invested enough for all of them (investment adds up, per fund source).
    const big = await makeProject(await t.as('longju'), {
      regionCode: '500101151',
      fundSources: [
        { source: 'LINKAGE_FUND', amount: '2000000000.00' },
        { source: 'DISTRICT_FISCAL', amount: '500000000.00' },
      ],
    });
    const workbook = new ExcelJS.Workbook();
    await loadWorkbook(workbook, template);
    const sheet = workbook.getWorksheet('资产')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    // A name of its own per row, in Chinese: the shared strings run to hundreds of KiB, unpacked in chunks
    // that end inside a character (each was once read as U+FFFD there, without a word). (No character
    // outside the BMP here: ExcelJS' own reader, which reads the export back below, cuts its text every
    // 16 Ki UTF-16 units and so splits those; the app's reader is unit-tested with them.)
    const nameOf = (i: number): string => `${['光伏电站', '蔬菜大棚', '产业路'][i % 3]}第${i}号（梧桐村）`;
    for (let i = 0; i < 10_000; i++) {
      const row = assetRow(`${prefix}-${String(i).padStart(5, '0')}`, big.code, {
        资产名称: nameOf(i),
        '投资额(元)': 240000 + (i % 100) / 100,
        资金来源: `衔接资金:200000.00;区级财政资金:${(40000 + (i % 100) / 100).toFixed(2)}`,
      });
      sheet.addRow(headers.map((h) => row[h] ?? null));
    }
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const fileId = await upload(t, 'wutong', bytes, 'big.xlsx');
    const entriesBefore = await count(t, 'ledger_entry');

    const startedAt = Date.now();
    const started = await importFile(t, 'wutong', fileId, false);
    const { job, seen } = await poll(t, 'wutong', started.id, 170_000);
    const wall = Date.now() - startedAt;
    expect(job).toMatchObject({
      phase: 'SUCCEEDED',
      importedCount: 10_000,
      totalRows: 10_000,
      processedRows: 10_000,
    });
    const ms = (a: string | null, b: string | null): number => Date.parse(b!) - Date.parse(a!);
    console.log(
      `10,000-row import (${(bytes.length / 1024).toFixed(0)} KiB .xlsx): ${wall} ms end to end; ` +
        `read + validation ${ms(job.startedAt, job.validatedAt)} ms, import (one transaction, 10,000 ledger entries) ${ms(job.validatedAt, job.finishedAt)} ms; ` +
        `phases seen while polling: ${[...new Set(seen.map((s) => s.phase))].join(' → ')}`,
    );
    // Progress was visible while it ran.
    expect(seen.some((s) => ['PARSING', 'VALIDATING', 'IMPORTING'].includes(s.phase))).toBe(true);
    expect(seen.some((s) => s.processedRows > 0 && s.phase !== 'SUCCEEDED') || seen.length <= 2).toBe(true);

    const listed = await t.gql<{ assets: { totalCount: number } }>(
      ASSETS,
      { filter: { text: prefix } },
      await t.token('wutong'),
    );
    expect(listed.data!.assets.totalCount).toBe(10_000);
    expect(await count(t, 'ledger_entry')).toBe(entriesBefore + 10_000);

    // Exported again: read and written a page of assets at a time, each row once, in code order.
    const exported = await t.gql<{
      exportAssets: { downloadPath: string; rowCount: number; projectCount: number };
    }>(EXPORT, { filter: { text: prefix } }, await t.token('wutong'));
    expect(exported.errors).toBeUndefined();
    expect(exported.data!.exportAssets).toMatchObject({ rowCount: 10_000, projectCount: 1 });
    const file = await download(t, 'wutong', exported.data!.exportAssets.downloadPath);
    const back = new ExcelJS.Workbook();
    await loadWorkbook(back, file.body as Buffer);
    const assets = back.getWorksheet('资产')!;
    const column = (header: string): number =>
      (assets.getRow(1).values as unknown[]).findIndex((v) => v === header);
    const [seq, code, name, invested] = ['序号', '资产编号', '资产名称', '投资额(元)'].map(column);
    const rows: unknown[][] = [];
    assets.eachRow((row, n) => {
      if (n > 1) rows.push([seq, code, name, invested].map((c) => row.getCell(c).value));
    });
    expect(rows).toEqual(
      Array.from({ length: 10_000 }, (_, i) => [
        i + 1,
        `${prefix}-${String(i).padStart(5, '0')}`,
        nameOf(i),
        240000 + (i % 100) / 100,
      ]),
    );
    expect(back.getWorksheet('项目')!.rowCount).toBe(2);
  }, 180_000);
});
