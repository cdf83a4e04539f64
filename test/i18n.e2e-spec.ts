import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { assetInput, daysAgo, makeAsset, makeOwnedOperatingAsset, makeProject } from './support/factories';
import { Caller, TestApp } from './support/test-app';

/**
 * Answers in Chinese: error messages (fields named in Chinese, class-validator's too), enum labels in
 * reports, GraphQL enum descriptions and the printable documents; English through Accept-Language: en.
 * The requests here go out without the harness' default `accept-language: en` unless a test sets it.
 */
const NOT_FOUND_ASSET = 'query($id: ID!) { asset(id: $id) { id } }';
const REGISTER = 'mutation($input: RegisterAssetInput!) { registerAsset(input: $input) { id } }';

interface GqlBody {
  data?: unknown;
  errors?: Array<{
    message: string;
    extensions: {
      code: string;
      reason?: string;
      fields?: Array<{ field: string; label?: string; message: string }>;
    };
  }>;
}

/**
 * The English left in a message meant for a Chinese reader. What may stay as written is removed first:
 * anything quoted — "…" (a value, a type, a field or an argument as GraphQL quotes it), “…” and 「…」 (what
 * the user typed or named), `…` — and variable names ($amount). Every Latin word of two letters or more
 * that is left and is not all capitals (codes and formats such as BAD_USER_INPUT, UUID, RFC, YYYY-MM-DD
 * stay) counts, except the names of tools and formats a message may mention and the JSON literals true,
 * false and null (a value as the caller sent it). One such word is enough: a message with none has no run
 * of English words.
 */
const ALLOWED_WORDS = ['Excel', 'LibreOffice', 'xlsx', 'true', 'false', 'null'];
function englishWords(message: string): string[] {
  const left = message
    .replace(/"(?:[^"\\]|\\.)*"/g, ' ')
    .replace(/“[^”]*”|「[^」]*」|`[^`]*`/g, ' ')
    .replace(/\$\w+/g, ' ');
  return (left.match(/[A-Za-z]{2,}/g) ?? []).filter(
    (w) => w !== w.toUpperCase() && !ALLOWED_WORDS.includes(w),
  );
}

function binaryParser(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const parts: Buffer[] = [];
  res.on('data', (chunk: Buffer) => parts.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(parts)));
}

describe('answers in Chinese (e2e)', () => {
  let t: TestApp;
  let clerk: Caller;
  let officer: Caller;

  const post = async (query: string, variables: Record<string, unknown>, user: string, language?: string) => {
    let req = t.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${await t.token(user)}`);
    if (language) req = req.set('accept-language', language);
    const res = await req.send({ query, variables });
    return res.body as GqlBody;
  };
  const get = async (path: string, user?: string, language?: string) => {
    let req = t.http.get(path);
    if (user) req = req.set('authorization', `Bearer ${await t.token(user)}`);
    if (language) req = req.set('accept-language', language);
    return req;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    clerk = await t.as('wutong');
    officer = await t.as('longju');
  });
  afterAll(() => t.close());

  it('says NOT_FOUND in Chinese by default and in English with Accept-Language: en; the code stays', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const zh = await post(NOT_FOUND_ASSET, { id }, 'wutong');
    expect(zh.errors![0].message).toBe(`找不到资产 ${id}，或它不在您的管辖范围内`);
    expect(zh.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ASSET_NOT_FOUND' });
    const zhAsked = await post(NOT_FOUND_ASSET, { id }, 'wutong', 'zh-CN,zh;q=0.9,en;q=0.8');
    expect(zhAsked.errors![0].message).toBe(zh.errors![0].message);

    const en = await post(NOT_FOUND_ASSET, { id }, 'wutong', 'en-US,en;q=0.9');
    expect(en.errors![0].message).toMatch(/^Asset .* was not found$/);
    expect(en.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ASSET_NOT_FOUND' });
  });

  it('names the offending fields in Chinese, class-validator messages included', async () => {
    const project = await makeProject(clerk);
    const input = { ...assetInput(project.id), name: '大'.repeat(500), unit: '' };
    const zh = await post(REGISTER, { input }, 'wutong');
    const error = zh.errors![0];
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VALIDATION_FAILED' });
    expect(error.message).toMatch(/^填写的内容有误：/);
    expect(error.message).toMatch(/「名称」不能超过 \d+ 个字符/);
    expect(error.message).toMatch(/「单位」至少 1 个字符/);
    expect(error.extensions.fields).toEqual(
      expect.arrayContaining([
        { field: 'input.name', label: '名称', message: expect.stringMatching(/^不能超过 \d+ 个字符$/) },
        { field: 'input.unit', label: '单位', message: '至少 1 个字符' },
      ]),
    );

    const en = await post(REGISTER, { input }, 'wutong', 'en');
    expect(en.errors![0].message).toMatch(
      /input\.name: name must be shorter than or equal to \d+ characters/,
    );
    expect(en.errors![0].extensions.fields).toEqual(
      expect.arrayContaining([
        { field: 'input.unit', message: 'unit must be longer than or equal to 1 characters' },
      ]),
    );
  });

  it('names the region a filter asked for outside the caller’s own', async () => {
    const query = 'query($r: String!) { assets(filter: { regionCode: $r }) { totalCount } }';
    const zh = (await post(query, { r: '500101153' }, 'wutong')).errors![0];
    expect(zh.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' });
    expect(zh.extensions.fields).toEqual([
      { field: 'filter.regionCode', label: '区域', message: '500101153 不在您的管辖区域内' },
    ]);
    expect(zh.message).toContain('「区域」500101153 不在您的管辖区域内');
    const en = (await post(query, { r: '500101153' }, 'wutong', 'en')).errors![0];
    expect(en.extensions.fields).toEqual([
      { field: 'filter.regionCode', message: '500101153 is outside your region' },
    ]);
  });

  it('answers REST errors in Chinese too, English with the header', async () => {
    const missing = '/files/00000000-0000-4000-8000-000000000002';
    const zh = await get(missing, 'wutong');
    expect(zh.status).toBe(404);
    expect(zh.body.error).toMatchObject({ code: 'NOT_FOUND', reason: 'FILE_NOT_FOUND' });
    expect(zh.body.error.message).toBe(
      '找不到文件 00000000-0000-4000-8000-000000000002，或它不在您的管辖范围内',
    );
    const en = await get(missing, 'wutong', 'en');
    expect(en.body.error.message).toMatch(/not found/i);
  });

  it('describes GraphQL enum values in Chinese', async () => {
    const body = await post(
      `{ kind: __type(name: "IncomeKind") { description enumValues { name description } }
         channel: __type(name: "DistributionChannel") { enumValues { name description } } }`,
      {},
      'wutong',
    );
    const data = body.data as {
      kind: { description: string; enumValues: Array<{ name: string; description: string }> };
      channel: { enumValues: Array<{ name: string; description: string }> };
    };
    expect(data.kind.description).toBe('收益类型');
    expect(data.kind.enumValues).toContainEqual({ name: 'RENT', description: '租金' });
    expect(data.channel.enumValues).toContainEqual({ name: 'ASSET_UPKEEP', description: '资产管护' });
  });

  it('describes every value of every enum of the schema in Chinese', async () => {
    const body = await post(
      '{ __schema { types { name kind enumValues { name description } } } }',
      {},
      'wutong',
    );
    const types = (
      body.data as {
        __schema: {
          types: Array<{
            name: string;
            kind: string;
            enumValues: Array<{ name: string; description: string | null }> | null;
          }>;
        };
      }
    ).__schema.types.filter((t) => t.kind === 'ENUM' && !t.name.startsWith('__'));
    expect(types.length).toBeGreaterThan(30);
    const undescribed = types.flatMap((t) =>
      (t.enumValues ?? [])
        .filter((v) => !/[\u4e00-\u9fff]/.test(v.description ?? ''))
        .map((v) => `${t.name}.${v.name}`),
    );
    expect(undescribed).toEqual([]);
  });

  it('writes enum values in reports as their Chinese labels: 租金, not RENT', async () => {
    const asset = await makeOwnedOperatingAsset(clerk, officer, '500101151201');
    const recorded = await clerk.gql(
      'mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { id } }',
      {
        input: {
          assetId: asset.id,
          amount: '12000.00',
          kind: 'RENT',
          periodFrom: '2025-01-01',
          periodTo: '2025-12-31',
          receivedOn: daysAgo(1),
          idempotencyKey: `i18n-${asset.id}`,
        },
      },
    );
    expect(recorded.errors).toBeUndefined();
    const report = await clerk.gql<{ exportIncomeReport: { downloadPath: string } }>(
      'mutation { exportIncomeReport(kind: INCOME_SUMMARY, groupBy: [KIND]) { downloadPath } }',
    );
    expect(report.errors).toBeUndefined();
    const file = await t.http
      .get(report.data!.exportIncomeReport.downloadPath)
      .set('authorization', `Bearer ${await t.token('wutong')}`)
      .buffer(true)
      .parse(binaryParser);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const kindColumn = header.indexOf('收益类型') + 1;
    expect(kindColumn).toBeGreaterThan(0);
    const kinds: unknown[] = [];
    sheet.eachRow((row, n) => n > 1 && kinds.push(row.getCell(kindColumn).value));
    expect(kinds).toContain('租金');
    expect(kinds).not.toContain('RENT');
  });

  it('prints the 资产卡片 as an A4 page from the asset record, and only for callers who may read it', async () => {
    const asset = await makeOwnedOperatingAsset(clerk, officer, '500101151201', {
      name: '梧桐村蔬菜大棚',
      quantity: '2.5',
      unit: '亩',
    });
    const res = await get(`/print/assets/${asset.id}`, 'wutong');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.text;
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('<h1>资产卡片</h1>');
    expect(html).toContain(asset.code);
    expect(html).toContain('梧桐村蔬菜大棚');
    expect(html).toContain('经营性资产');
    // The category by its name, as the console shows it, not its code (FARM_INFRASTRUCTURE).
    expect(html).toContain('<th>资产分类</th><td>农业基础设施</td>');
    expect(html).not.toContain('FARM_INFRASTRUCTURE');
    expect(html).toContain('村集体经济组织'); // the confirmed owner
    expect(html).toContain('100%');
    // The quantity as people write it (stored as 2.500).
    expect(html).toMatch(/>2\.5 亩</);
    expect(html).not.toContain('2.500');
    // The township above may print it; another village's clerk may not (as the API: NOT_FOUND).
    expect((await get(`/print/assets/${asset.id}`, 'longju')).status).toBe(200);
    const outside = await get(`/print/assets/${asset.id}`, 'yuhe');
    expect(outside.status).toBe(404);
    expect(outside.body.error).toMatchObject({ code: 'NOT_FOUND', reason: 'ASSET_NOT_FOUND' });
    expect(outside.text).not.toContain('梧桐村蔬菜大棚');
    expect((await get(`/print/assets/${asset.id}`)).status).toBe(401);
    expect((await get('/print/assets/not-a-uuid', 'wutong')).status).toBe(400);
  });

  it('prints the 公示 notice of an ownership proposal with its owners and publicity dates', async () => {
    const project = await makeProject(clerk);
    const asset = await makeAsset(clerk, project.id, { name: '梧桐村光伏电站' });
    const proposed = await clerk.gql<{
      proposeOwnership: { id: string; publicityStart: string; publicityEnd: string };
    }>(
      `mutation($input: ProposeOwnershipInput!) { proposeOwnership(input: $input) { id publicityStart publicityEnd } }`,
      {
        input: {
          assetId: asset.id,
          owners: [
            {
              ownerType: 'VILLAGE_COLLECTIVE',
              ownerRef: '500101151201',
              name: '梧桐村股份经济合作联合社',
              sharePercent: '60',
            },
            { ownerType: 'TOWNSHIP', ownerRef: '500101151', name: '龙驹镇人民政府', sharePercent: '40' },
          ],
          managementEntity: '梧桐村股份经济合作联合社',
          managementResponsible: '张会计',
          publicityStart: daysAgo(0),
        },
      },
    );
    expect(proposed.errors).toBeUndefined();
    const p = proposed.data!.proposeOwnership;
    const res = await get(`/print/ownership-proposals/${p.id}`, 'wutong');
    expect(res.status).toBe(200);
    const html = res.text;
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('<h1>资产确权公示</h1>');
    expect(html).toContain(asset.code);
    expect(html).toContain('梧桐村光伏电站');
    expect(html).toContain('龙驹镇人民政府');
    expect(html).toContain('60%');
    expect(html).toContain('公示中');
    // Who printed it, as a signed paper names them.
    expect(html).toContain('打印人 梧桐村 张会计（wutong）');
    const cn = (iso: string) => iso.split('-').map(Number);
    const [y1, m1, d1] = cn(p.publicityStart);
    const [y2, m2, d2] = cn(p.publicityEnd);
    expect(html).toContain(`公示期为 ${y1}年${m1}月${d1}日 至 ${y2}年${m2}月${d2}日`);

    const outside = await get(`/print/ownership-proposals/${p.id}`, 'yuhe');
    expect(outside.status).toBe(404);
    expect(outside.body.error).toMatchObject({ code: 'NOT_FOUND', reason: 'OWNERSHIP_PROPOSAL_NOT_FOUND' });
    expect((await get(`/print/ownership-proposals/${p.id}`)).status).toBe(401);
  });
  describe('the problems of an import', () => {
    const english = englishWords;

    const uploadBytes = async (bytes: Buffer, name: string): Promise<string> => {
      const res = await t.http
        .post('/files')
        .set('authorization', `Bearer ${await t.token('wutong')}`)
        .attach('file', bytes, name);
      expect(res.status).toBe(201);
      return (res.body as { id: string }).id;
    };
    const fill = async (path: string, sheetName: string, rows: Array<Record<string, unknown>>) => {
      const template = await t.http
        .get(path)
        .set('authorization', `Bearer ${await t.token('wutong')}`)
        .buffer(true)
        .parse(binaryParser);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(template.body as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
      const sheet = workbook.getWorksheet(sheetName)!;
      const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      for (const row of rows) {
        for (const key of Object.keys(row)) if (!headers.includes(key)) throw new Error(`no column ${key}`);
        sheet.addRow(headers.map((h) => row[h] ?? null));
      }
      sheet.getRow(1).getCell(headers.length + 1).value = '备注栏';
      return Buffer.from(await workbook.xlsx.writeBuffer());
    };
    interface Job {
      id: string;
      phase: string;
      message: string;
      problems: Array<{ row: number; column: string; message: string }>;
    }

    it('lists the row problems of an asset import in Chinese, English with the header', async () => {
      const project = await makeProject(clerk);
      const row = (overrides: Record<string, unknown>) => ({
        资产编号: `I18N-${Math.random().toString(36).slice(2, 10)}`,
        资产名称: '蔬菜大棚',
        资产类别: '经营性资产',
        资产形态: '固定资产',
        所属项目: project.code,
        '所在村/镇': '500101151201',
        数量: 1,
        单位: '个',
        '投资额(元)': 1000,
        资金来源: '衔接资金:1000.00',
        建成日期: '2021-10-01',
        状态: '在用',
        ...overrides,
      });
      const file = await fill('/templates/assets.xlsx', '资产', [
        row({ 建成日期: '2021-13-01' }),
        row({ 资金来源: '衔接资金:900.00' }),
        row({ 资金来源: '衔接资金:500.00;外星资金:500.00' }),
        row({ 资产分类: '不存在的分类' }),
        row({ '所在村/镇': '500101151202' }),
        row({ '所在村/镇': '没有这个村' }),
        row({ 资产类别: '到户类资产' }),
        row({ '投资额(元)': '12.345', 资金来源: '衔接资金:12.345' }),
        row({ 所属项目: 'NO-SUCH-PROJECT' }),
        row({ 状态: '飞走了' }),
        row({ 资产编号: 'bad code with spaces' }),
        row({ 数量: -3 }),
        row({ 验收日期: '2021-09-01' }),
        row({ 经营方式: '租赁经营' }),
        row({ 建成日期: '2099-01-01' }),
      ]);
      const fileId = await uploadBytes(file, 'bad.xlsx');
      const started = await clerk.gql<{ importAssets: Job }>(
        'mutation($fileId: ID!) { importAssets(fileId: $fileId, wait: true) { id phase } }',
        { fileId },
      );
      expect(started.data?.importAssets.phase).toBe('FAILED');
      const query = `query($id: ID!) { assetImport(id: $id) { id phase message problems { row column message } } }`;
      const id = started.data!.importAssets.id;
      const zh = (await post(query, { id }, 'wutong')).data as { assetImport: Job };
      const en = (await post(query, { id }, 'wutong', 'en')).data as { assetImport: Job };

      expect(zh.assetImport.problems.length).toBeGreaterThanOrEqual(15);
      expect(zh.assetImport.problems).toHaveLength(en.assetImport.problems.length);
      const untranslated = zh.assetImport.problems
        .filter((p) => english(p.message).length > 0)
        .map((p) => `${p.row} ${p.column}: ${p.message}`);
      expect(untranslated).toEqual([]);
      expect(zh.assetImport.message).toMatch(/^发现 \d+ 个问题：没有导入任何数据$/);
      const at = (job: Job, row: number, column: string) =>
        job.problems.filter((p) => p.row === row && p.column === column).map((p) => p.message);
      expect(at(zh.assetImport, 2, '建成日期')).toEqual(['2021-13-01 不是日历上存在的日期']);
      expect(at(zh.assetImport, 3, '资金来源')).toEqual([
        '各资金来源合计 900.00 元，与投资额 1000.00 元不符',
      ]);
      expect(at(zh.assetImport, 6, '所在村/镇')[0]).toMatch(
        /^500101151202（.+）不在您的管辖区域（500101151201）内$/,
      );
      expect(at(zh.assetImport, 11, '状态')[0]).toMatch(/^“飞走了”不是以下之一：/);
      expect(at(zh.assetImport, 1, '备注栏')[0]).toMatch(/^未知的列“备注栏”：模板的列为 序号、资产编号、/);
      // English, as raised, on request.
      expect(at(en.assetImport, 2, '建成日期')).toEqual(['2021-13-01 is not a date of the calendar']);
      expect(en.assetImport.message).toMatch(/problems found: nothing was imported$/);
    });

    it('lists the row problems of a household import in Chinese', async () => {
      const row = (overrides: Record<string, unknown>) => ({
        户籍编号: `H18N-${Math.random().toString(36).slice(2, 10)}`,
        户主姓名: '王五',
        所在村: '500101151201',
        家庭人口: 3,
        户类型: '脱贫户',
        认定日期: '2019-01-01',
        ...overrides,
      });
      const file = await fill('/templates/households.xlsx', '农户', [
        row({ 身份证号: '500101199001011235' }),
        row({ 身份证号: '5001011990' }),
        row({ 联系电话: '12' }),
        row({ 所在村: '没有这个村' }),
        row({ 认定日期: '2099-01-01' }),
        row({ 家庭人口: 'many' }),
      ]);
      const fileId = await uploadBytes(file, 'households.xlsx');
      const started = await clerk.gql<{ importHouseholds: Job }>(
        'mutation($fileId: ID!) { importHouseholds(fileId: $fileId, wait: true) { id phase } }',
        { fileId },
      );
      expect(started.data?.importHouseholds.phase).toBe('FAILED');
      const query = `query($id: ID!) { householdImport(id: $id) { id phase message problems { row column message } } }`;
      const zh = (await post(query, { id: started.data!.importHouseholds.id }, 'wutong')).data as {
        householdImport: Job;
      };
      expect(zh.householdImport.problems.length).toBeGreaterThanOrEqual(6);
      const untranslated = zh.householdImport.problems
        .filter((p) => english(p.message).length > 0)
        .map((p) => `${p.row} ${p.column}: ${p.message}`);
      expect(untranslated).toEqual([]);
      expect(zh.householdImport.problems.find((p) => p.row === 3)?.message).toBe(
        '不是有效的居民身份证号码：应为 18 位（现为 10 位）',
      );
    });
  });

  describe('what GraphQL and the scalars refuse', () => {
    const MISSING = '00000000-0000-4000-8000-000000000001';
    /** registerProject with the given fund-source amount and completion date, written in the query text. */
    const project = (amount: string, completionDate = '"2021-10-01"', name = '"内联项目"') =>
      `registerProject(input: { code: "WZ-I18N-${Math.random().toString(36).slice(2, 8)}", name: ${name},
        year: 2021, type: INDUSTRY, implementingUnit: "龙驹镇人民政府", regionCode: "500101151201",
        completionDate: ${completionDate}, fundSources: [{ source: BOND, amount: ${amount} }] }) { id }`;
    const projectInput = (over: Record<string, unknown> = {}) => ({
      code: `WZ-I18N-${Math.random().toString(36).slice(2, 8)}`,
      name: '梧桐村蔬菜大棚建设项目',
      year: 2021,
      type: 'INDUSTRY',
      implementingUnit: '龙驹镇人民政府',
      regionCode: '500101151201',
      completionDate: '2021-10-01',
      fundSources: [{ source: 'BOND', amount: '300000.00' }],
      ...over,
    });
    const AMOUNT = `mutation($amount: Money!) { ${project('$amount')} }`;
    const DATE = `mutation($date: LocalDate!) { ${project('"100.00"', '$date')} }`;
    const AS_OF = `query($asOf: DateTime) { asset(id: "${MISSING}", asOf: $asOf) { id } }`;
    const INPUT = 'mutation($input: RegisterProjectInput!) { registerProject(input: $input) { id } }';
    const ASSET = 'query($id: ID!) { asset(id: $id) { id } }';
    const PAGE = 'query($first: Int) { assets(first: $first) { totalCount } }';
    const REPORT = 'mutation($kind: IncomeReportKind!) { exportIncomeReport(kind: $kind) { downloadPath } }';

    /** A broad sample of bad requests: [what it is, query, variables]. */
    const CASES: Array<[string, string, Record<string, unknown>]> = [
      ...['12.345', '-1', 'abc', '', '1,000.00'].map((amount): [string, string, Record<string, unknown>] => [
        `Money $amount ${JSON.stringify(amount)}`,
        AMOUNT,
        { amount },
      ]),
      ['Money $amount 1e3 as a number', AMOUNT, { amount: 1e3 }],
      ['Money $amount 12.5 as a number', AMOUNT, { amount: 12.5 }],
      ['Money inline "12.345"', `mutation { ${project('"12.345"')} }`, {}],
      ['Money inline 12', `mutation { ${project('12')} }`, {}],
      ['Money inline "abc"', `mutation { ${project('"abc"')} }`, {}],
      ['LocalDate $date "2026-13-01"', DATE, { date: '2026-13-01' }],
      ['LocalDate $date "2026/12/01"', DATE, { date: '2026/12/01' }],
      ['LocalDate $date 20261201', DATE, { date: 20261201 }],
      ['LocalDate inline "2026-13-01"', `mutation { ${project('"100.00"', '"2026-13-01"')} }`, {}],
      ['LocalDate inline 20211001', `mutation { ${project('"100.00"', '20211001')} }`, {}],
      ['DateTime $asOf "yesterday"', AS_OF, { asOf: 'yesterday' }],
      ['DateTime $asOf 1700000000', AS_OF, { asOf: 1700000000 }],
      ['DateTime inline "2026-11-29"', `{ asset(id: "${MISSING}", asOf: "2026-11-29") { id } }`, {}],
      ['DateTime inline 5', `{ asset(id: "${MISSING}", asOf: 5) { id } }`, {}],
      [
        'Money and LocalDate inside an input variable',
        INPUT,
        {
          input: projectInput({
            completionDate: '2026-02-30',
            fundSources: [{ source: 'BOND', amount: '12.345' }],
          }),
        },
      ],
      ['an unknown field of an input variable', INPUT, { input: projectInput({ colour: 'red' }) }],
      ['a missing field of an input variable', INPUT, { input: { ...projectInput(), code: undefined } }],
      ['an input variable that is not an object', INPUT, { input: 'project' }],
      ['ID $id true', ASSET, { id: true }],
      ['ID $id 1.5', ASSET, { id: 1.5 }],
      ['ID inline 1.5', '{ asset(id: 1.5) { id } }', {}],
      ['Int $first 3000000000 (out of range)', PAGE, { first: 3000000000 }],
      ['Int $first 1.5', PAGE, { first: 1.5 }],
      ['Int $first "ten"', PAGE, { first: 'ten' }],
      ['Int inline 3000000000 (out of range)', '{ assets(first: 3000000000) { totalCount } }', {}],
      ['Int $first 100000 (above the page size)', PAGE, { first: 100000 }],
      ['String inline 5', '{ assets(after: 5) { totalCount } }', {}],
      ['a variable of the wrong type', 'query($id: Int!) { asset(id: $id) { id } }', { id: 5 }],
      ['a missing required variable', ASSET, {}],
      ['a required variable sent as null', ASSET, { id: null }],
      ['an undeclared variable', '{ asset(id: $id) { id } }', {}],
      ['an unused variable', `query($x: Int) { asset(id: "${MISSING}") { id } }`, {}],
      ['an unknown enum value via a variable', REPORT, { kind: 'NOPE' }],
      ['an enum value via a variable close to a real one', REPORT, { kind: 'INCOME_SUMARY' }],
      ['an unknown enum value inline', 'mutation { exportIncomeReport(kind: NOPE) { downloadPath } }', {}],
      [
        'an enum value written inline as a string',
        'mutation { exportIncomeReport(kind: "INCOME_SUMMARY") { downloadPath } }',
        {},
      ],
      ['an unknown field', '{ nope { id } }', {}],
      ['a misspelt field', '{ verifyLedgr { ok } }', {}],
      ['an unknown argument', `{ asset(id: "${MISSING}", colour: "red") { id } }`, {}],
      ['a missing argument', '{ asset { id } }', {}],
      ['an object without a selection', `{ asset(id: "${MISSING}") }`, {}],
      ['a selection on a leaf', `{ asset(id: "${MISSING}") { id { x } } }`, {}],
      ['an unknown variable type', 'query($id: Nope!) { asset(id: $id) { id } }', { id: 'x' }],
      ['an unterminated query', `{ asset(id: "${MISSING}") { id }`, {}],
      [
        'an over-long string',
        `mutation { ${project('"100.00"', '"2021-10-01"', JSON.stringify('大'.repeat(500)))} }`,
        {},
      ],
    ];

    it('says every refusal in Chinese for zh-CN, English for en, with the same codes; nothing is written', async () => {
      const [before] = await t.sql<{ n: string }>('SELECT count(*)::text AS n FROM ledger_entry');
      const untranslated: string[] = [];
      const notEnglish: string[] = [];
      for (const [what, query, variables] of CASES) {
        const zh = await post(query, variables, 'wutong', 'zh-CN');
        const en = await post(query, variables, 'wutong', 'en');
        expect({ what, refused: (zh.errors ?? []).length > 0 }).toEqual({ what, refused: true });
        expect({ what, codes: zh.errors!.map((e) => [e.extensions.code, e.extensions.reason]) }).toEqual({
          what,
          codes: en.errors!.map((e) => [e.extensions.code, e.extensions.reason]),
        });
        for (const e of zh.errors!) {
          expect({ what, code: e.extensions.code }).toEqual({ what, code: 'BAD_USER_INPUT' });
          const words = englishWords(e.message);
          if (words.length > 0) untranslated.push(`${what}: ${e.message}  [${words.join(' ')}]`);
        }
        for (const e of en.errors!) {
          if (
            /[\u4e00-\u9fff]/.test(e.message.replace(/"(?:[^"\\]|\\.)*"/g, '')) ||
            englishWords(e.message).length === 0
          )
            notEnglish.push(`${what}: ${e.message}`);
        }
      }
      expect(untranslated).toEqual([]);
      expect(notEnglish).toEqual([]);
      const [after] = await t.sql<{ n: string }>('SELECT count(*)::text AS n FROM ledger_entry');
      expect(after.n).toBe(before.n);
    });

    /** Requests Apollo Server refuses before GraphQL reads them: [what it is, how it is sent]. */
    type Req = ReturnType<TestApp['http']['post']>;
    type HttpCase = [string, (r: Req, language: string) => Req];
    const json =
      (body: unknown, headers: Record<string, string> = {}) =>
      (r: Req, language: string) =>
        r
          .set({ 'content-type': 'application/json', 'accept-language': language, ...headers })
          .send(body as object);
    const ME = '{ me { id } }';
    const HTTP_CASES: HttpCase[] = [
      ['an empty JSON object', json({})],
      [
        'a body of plain text (blocked as CSRF)',
        (r, language) => r.set({ 'content-type': 'text/plain', 'accept-language': language }).send(ME),
      ],
      [
        'a form post (blocked as CSRF)',
        (r, language) =>
          r
            .set({ 'content-type': 'application/x-www-form-urlencoded', 'accept-language': language })
            .send(`query=${encodeURIComponent(ME)}`),
      ],
      ['no query', json({ variables: {} })],
      ['an empty query', json({ query: '' })],
      ['a query that is not a string', json({ query: 5 })],
      ['a query sent as a parsed document', json({ query: { kind: 'Document', definitions: [] } })],
      ['variables as a JSON string', json({ query: ME, variables: '{}' })],
      ['variables as a list', json({ query: ME, variables: [1] })],
      ['extensions as a JSON string', json({ query: ME, extensions: '{}' })],
      ['extensions as a number', json({ query: ME, extensions: 5 })],
      ['an operation name that is not a string', json({ query: ME, operationName: 5 })],
      ['a batch of operations', json([{ query: ME }])],
      ['an accept header without JSON', json({ query: ME }, { accept: 'text/html' })],
      [
        'a GET with variables that are not JSON',
        (_r, language) =>
          t.http
            .get(`/graphql?query=${encodeURIComponent(ME)}&variables=nope`)
            .set({ 'apollo-require-preflight': '1', 'accept-language': language }),
      ],
      [
        'a mutation sent by GET',
        (_r, language) =>
          t.http
            .get(`/graphql?query=${encodeURIComponent('mutation { __typename }')}`)
            .set({ 'apollo-require-preflight': '1', 'accept-language': language }),
      ],
    ];

    it('says in Chinese what Apollo refuses before GraphQL reads the request, with the request id', async () => {
      const [before] = await t.sql<{ n: string }>('SELECT count(*)::text AS n FROM ledger_entry');
      const token = await t.token('wutong');
      const answer = async (send: HttpCase[1], language: string) => {
        const res = await send(t.http.post('/graphql').set('authorization', `Bearer ${token}`), language);
        return {
          status: res.status,
          requestId: res.headers['x-request-id'] as string,
          errors: (res.body as GqlBody).errors ?? [],
        };
      };
      const untranslated: string[] = [];
      for (const [what, send] of HTTP_CASES) {
        const zh = await answer(send, 'zh-CN');
        const en = await answer(send, 'en');
        expect({ what, status: zh.status, refused: zh.errors.length }).toEqual({
          what,
          status: en.status,
          refused: 1,
        });
        expect({ what, status: zh.status >= 400 && zh.status < 500 }).toEqual({ what, status: true });
        const [z] = zh.errors;
        const [e] = en.errors;
        expect({ what, code: z.extensions.code, reason: z.extensions.reason }).toEqual({
          what,
          code: e.extensions.code,
          reason: e.extensions.reason,
        });
        expect({ what, code: z.extensions.code }).toEqual({ what, code: 'BAD_USER_INPUT' });
        // The id the answer's header names, as on every other refusal (a user can quote it).
        expect({ what, id: (z.extensions as { requestId?: string }).requestId }).toEqual({
          what,
          id: zh.requestId,
        });
        const words = englishWords(z.message);
        if (words.length > 0) untranslated.push(`${what}: ${z.message}  [${words.join(' ')}]`);
        expect({ what, english: englishWords(e.message).length > 0 }).toEqual({ what, english: true });
      }
      expect(untranslated).toEqual([]);
      const message = async (send: HttpCase[1]) => (await answer(send, 'zh-CN')).errors[0].message;
      expect(await message(HTTP_CASES[0][1])).toBe(
        '请求体为空、请求头 `content-type` 不是 `application/json`，或 JSON 对象中没有任何字段：请以 `application/json` 发送 `{"query": "…"}`',
      );
      expect(await message(HTTP_CASES[1][1])).toBe(
        '请求被拦截，以防跨站请求伪造（CSRF）：请求头 `content-type` 须为 `application/json`（不能是 `application/x-www-form-urlencoded`、`multipart/form-data` 或 `text/plain`），或带上非空的 `x-apollo-operation-name` 或 `apollo-require-preflight` 请求头',
      );
      // A refusal that went through GraphQL keeps its own id and words (it is localised once).
      const validation = await answer(
        (r, language) =>
          r
            .set('content-type', 'application/json')
            .set('accept-language', language)
            .send({ query: '{ nope }' }),
        'zh-CN',
      );
      expect(validation.errors.map((e) => e.message)).toEqual(['类型 "Query" 没有字段 "nope"']);
      const [after] = await t.sql<{ n: string }>('SELECT count(*)::text AS n FROM ledger_entry');
      expect(after.n).toBe(before.n);
    });

    it('names the variable, its value and what is allowed', async () => {
      const message = async (query: string, variables: Record<string, unknown>, language = 'zh-CN') =>
        (await post(query, variables, 'wutong', language)).errors!.map((e) => e.message);
      expect(await message(AMOUNT, { amount: '12.345' })).toEqual([
        '变量 $amount 的值 "12.345" 不是有效金额：金额以元为单位，最多两位小数，如 "12345.67"',
      ]);
      expect(await message(AMOUNT, { amount: 1e3 })).toEqual([
        '变量 $amount 的值 1000 不是有效金额：金额须写成字符串，金额以元为单位，最多两位小数，如 "12345.67"',
      ]);
      expect(await message(AMOUNT, { amount: '12.345' }, 'en')).toEqual([
        'Variable "$amount" got invalid value "12.345"; Expected type "Money". "12.345" is not an amount in yuan with at most two decimals (e.g. "12345.67")',
      ]);
      expect(await message(`mutation { ${project('"12.345"')} }`, {})).toEqual([
        '查询中的值 "12.345" 不是有效金额：金额以元为单位，最多两位小数，如 "12345.67"',
      ]);
      expect(await message(DATE, { date: '2026-13-01' })).toEqual([
        '变量 $date 的值 "2026-13-01" 不是有效日期：须为日历上存在的日期，写作 YYYY-MM-DD，如 "2026-12-01"',
      ]);
      expect(
        await message(INPUT, {
          input: projectInput({ fundSources: [{ source: 'BOND', amount: '12.345' }] }),
        }),
      ).toEqual([
        '变量 $input 中 "input.fundSources[0].amount"（金额）的值 "12.345" 不是有效金额：金额以元为单位，最多两位小数，如 "12345.67"',
      ]);
      expect(await message(ASSET, {})).toEqual(['缺少必填的变量 $id（类型 "ID!"）']);
      expect(await message(REPORT, { kind: 'INCOME_SUMARY' })).toEqual([
        '变量 $kind 的值 "INCOME_SUMARY" 不是 "IncomeReportKind" 的可选值（您是不是想写 "INCOME_SUMMARY"？）',
      ]);
      expect(await message('{ verifyLedgr { ok } }', {})).toEqual([
        '类型 "Query" 没有字段 "verifyLedgr"（您是不是想写 "verifyLedger"？）',
      ]);
    });
  });
});
