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
    expect(zh.errors![0].message).toBe('找不到该资产，或它不在您的管辖范围内');
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

  it('answers REST errors in Chinese too, English with the header', async () => {
    const missing = '/files/00000000-0000-4000-8000-000000000002';
    const zh = await get(missing, 'wutong');
    expect(zh.status).toBe(404);
    expect(zh.body.error).toMatchObject({ code: 'NOT_FOUND', reason: 'FILE_NOT_FOUND' });
    expect(zh.body.error.message).toBe('找不到该文件，或它不在您的管辖范围内');
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
    const asset = await makeOwnedOperatingAsset(clerk, officer, '500101151201', { name: '梧桐村蔬菜大棚' });
    const res = await get(`/print/assets/${asset.id}`, 'wutong');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.text;
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('<h1>资产卡片</h1>');
    expect(html).toContain(asset.code);
    expect(html).toContain('梧桐村蔬菜大棚');
    expect(html).toContain('经营性资产');
    expect(html).toContain('村集体经济组织'); // the confirmed owner
    expect(html).toContain('100%');
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
    const cn = (iso: string) => iso.split('-').map(Number);
    const [y1, m1, d1] = cn(p.publicityStart);
    const [y2, m2, d2] = cn(p.publicityEnd);
    expect(html).toContain(`公示期为 ${y1}年${m1}月${d1}日 至 ${y2}年${m2}月${d2}日`);

    const outside = await get(`/print/ownership-proposals/${p.id}`, 'yuhe');
    expect(outside.status).toBe(404);
    expect(outside.body.error).toMatchObject({ code: 'NOT_FOUND', reason: 'OWNERSHIP_PROPOSAL_NOT_FOUND' });
    expect((await get(`/print/ownership-proposals/${p.id}`)).status).toBe(401);
  });
});
