import { gbk } from '@/common/text/testing/gbk';
import { assetInput, makeProject } from './support/factories';
import { Caller, errorCode, errorReason, TestApp } from './support/test-app';

const IMPORT = `mutation($fileId: ID!, $key: String) { importVillages(fileId: $fileId, idempotencyKey: $key) { imported unchanged codes } }`;
const RENAME = `mutation($code: String!, $name: String!) { renameRegion(code: $code, name: $name) { code name } }`;
const RETIRE = `mutation($code: String!, $into: String, $on: LocalDate) { retireVillage(code: $code, mergedInto: $into, retiredOn: $on) { code name retiredOn mergedInto } }`;
const REGION = `query($code: String!) { region(code: $code) { code name level retiredOn mergedInto } }`;
const REGISTER = `mutation($input: RegisterAssetInput!) { registerAsset(input: $input) { id locationCode } }`;

const ASSET_HEADERS = [
  '资产编号',
  '资产名称',
  '资产类别',
  '资产形态',
  '资产分类',
  '所属项目',
  '所在村/镇',
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
];

describe('the district’s real villages: import, rename, retire (e2e)', () => {
  let t: TestApp;
  let admin: Caller;
  let clerk: Caller;
  let district: Caller;
  let officer: Caller;

  const upload = (caller: Caller, text: string, name = 'villages.csv') =>
    caller.upload(Buffer.from(text, 'utf8'), name);
  const actions = async (code: string) =>
    (
      await t.sql<{ action: string }>(
        `SELECT action FROM ledger_entry WHERE entity_type = 'Region' AND entity_id = $1 ORDER BY idx`,
        [code],
      )
    ).map((r) => r.action);

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.as('admin');
    clerk = await t.as('wutong');
    district = await t.as('district');
    officer = await t.as('longju');
  });
  afterAll(() => t.close());

  it('imports villages and communities from an NBS CSV (with a BOM), each with its ledger entry', async () => {
    const csv =
      '\ufeff统计用区划代码,城乡分类代码,名称\r\n' +
      '500101151000,121,龙驹镇\r\n' +
      '500101151201,220,梧桐村\r\n' +
      '500101151204,220,新华村\r\n' +
      '500101151205,111,龙驹社区\r\n' +
      '500101153204,220,新华村\r\n';
    const fileId = await upload(admin, csv);
    const res = await admin.gql<{ importVillages: { imported: number; unchanged: number; codes: string[] } }>(
      IMPORT,
      {
        fileId,
        key: `villages-${fileId}`,
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.importVillages).toEqual({
      imported: 3,
      unchanged: 2,
      codes: ['500101151204', '500101151205', '500101153204'],
    });
    const created = await admin.gql<{ region: { name: string; level: string } }>(REGION, {
      code: '500101151205',
    });
    expect(created.data!.region).toMatchObject({ name: '龙驹社区', level: 'VILLAGE' });
    expect(await actions('500101151204')).toEqual(['REGION_CREATED']);
    // The same key again: the first result, nothing written twice.
    const again = await admin.gql<{ importVillages: { imported: number } }>(IMPORT, {
      fileId,
      key: `villages-${fileId}`,
    });
    expect(again.data!.importVillages.imported).toBe(3);
    // Without a BOM, the same rows are all unchanged now.
    const plain = await upload(admin, '代码,名称\n500101151204,新华村\n500101151205,龙驹社区\n');
    const second = await admin.gql<{ importVillages: { imported: number; unchanged: number } }>(IMPORT, {
      fileId: plain,
    });
    expect(second.data!.importVillages).toMatchObject({ imported: 0, unchanged: 2 });
    // Saved as GBK by Excel on a Chinese Windows (no BOM): the same names.
    const gbkFile = await admin.upload(
      gbk('代码,名称\n500101151204,新华村\n500101151211,黄柏村\n'),
      '村.csv',
    );
    const third = await admin.gql<{ importVillages: { imported: number; unchanged: number } }>(IMPORT, {
      fileId: gbkFile,
    });
    expect(third.data!.importVillages).toMatchObject({ imported: 1, unchanged: 1 });
    const fromGbk = await admin.gql<{ region: { name: string } }>(REGION, { code: '500101151211' });
    expect(fromGbk.data!.region.name).toBe('黄柏村');
  });

  it('all or nothing: any bad row and nothing is written, every problem named by row (in English or Chinese)', async () => {
    const csv =
      '代码,名称\n' +
      '500101151206,石桥村\n' + // fine on its own
      '50010115120,短码村\n' + // 11 digits
      '500102001201,外区村\n' + // another district
      '500101999201,无镇村\n' + // township not registered
      '500101151206,石桥村\n' + // duplicate of row 2
      '500101151201,梧桐新村\n' + // registered under another name
      '500101151207,\n'; // no name
    const fileId = await upload(admin, csv);
    const res = await admin.gql(IMPORT, { fileId });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(errorReason(res)).toBe('REGION_IMPORT_INVALID');
    const problems = (
      res.errors![0].extensions as unknown as {
        details: { problems: Array<{ row: number; message: string }> };
      }
    ).details.problems;
    expect(problems.map((p) => p.row)).toEqual([3, 4, 5, 6, 7, 8]);
    // In English but for the names quoted from the file.
    expect(problems.some((p) => /[\u4e00-\u9fff]/.test(p.message.replace(/"[^"]*"/g, '')))).toBe(false);
    expect(res.errors![0].message).toMatch(
      /^The village list has 6 problems, nothing was imported: row 3, column "代码": /,
    );
    // The console's language: the summary and each row in Chinese.
    const zh = await t.inLanguage('zh-CN', () => admin.gql(IMPORT, { fileId }));
    const zhProblems = (
      zh.errors![0].extensions as unknown as {
        details: { problems: Array<{ row: number; column: string; message: string }> };
      }
    ).details.problems;
    expect(zhProblems.map((p) => p.row)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(zhProblems[3]).toEqual({ row: 6, column: '代码', message: '500101151206 与第 2 行重复' });
    expect(zhProblems[5]).toEqual({ row: 8, column: '名称', message: '名称不能为空' });
    expect(zhProblems.every((p) => /[\u4e00-\u9fff]/.test(p.message))).toBe(true);
    expect(zh.errors![0].message).toMatch(
      /^村（社区）名单有 6 处问题，未导入任何记录：第 3 行「代码」：“50010115120”不是 12 位（村、社区）或 9 位（乡镇）统计用区划代码；/,
    );
    expect(await t.sql('SELECT 1 FROM region WHERE code = $1', ['500101151206'])).toHaveLength(0);
    // A header that names no code column.
    const header = await admin.gql(IMPORT, { fileId: await upload(admin, 'a,b\n1,2\n') });
    expect(errorReason(header)).toBe('REGION_IMPORT_INVALID');
    // Not a CSV.
    const xlsx = await admin.upload(Buffer.from('%PDF-1.4\n%%EOF\n'), 'villages.pdf');
    expect(errorReason(await admin.gql(IMPORT, { fileId: xlsx }))).toBe('REGION_IMPORT_INVALID');
  });

  it('only ADMIN imports, renames and retires', async () => {
    const fileId = await upload(clerk, '代码,名称\n500101151208,测试村\n');
    for (const caller of [clerk, officer, district]) {
      expect(errorCode(await caller.gql(IMPORT, { fileId }))).toBe('FORBIDDEN');
      expect(errorCode(await caller.gql(RENAME, { code: '500101151203', name: '新凤鸣村' }))).toBe(
        'FORBIDDEN',
      );
      expect(errorCode(await caller.gql(RETIRE, { code: '500101151203' }))).toBe('FORBIDDEN');
    }
  });

  it('renames a village: the former name stays on the ledger', async () => {
    const res = await admin.gql<{ renameRegion: { name: string } }>(RENAME, {
      code: '500101151203',
      name: '凤鸣社区',
    });
    expect(res.data!.renameRegion.name).toBe('凤鸣社区');
    const entries = await t.sql<{ action: string; details: string }>(
      `SELECT action, convert_from(canonical, 'UTF8') AS details FROM ledger_entry WHERE entity_type = 'Region' AND entity_id = '500101151203' ORDER BY idx`,
    );
    expect(entries.map((e) => e.action)).toEqual(['REGION_CREATED', 'REGION_RENAMED']);
    expect(entries[1].details).toContain('凤鸣村');
    expect(errorCode(await admin.gql(RENAME, { code: '500101151203', name: '   ' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await admin.gql(RENAME, { code: '500101151299', name: '无此村' }))).toBe('NOT_FOUND');
  });

  it('retires a village merged into another: still readable with its assets, refuses new ones', async () => {
    const project = await makeProject(clerk);
    // 玉合村 has an asset while it exists.
    const assetId = (
      await officer.gql<{ registerAsset: { id: string } }>(REGISTER, {
        input: assetInput(project.id, { locationCode: '500101151202' }),
      })
    ).data!.registerAsset.id;

    // Rules: not into itself, not into a township, not in the future, not a township.
    expect(errorCode(await admin.gql(RETIRE, { code: '500101151202', into: '500101151202' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await admin.gql(RETIRE, { code: '500101151202', into: '500101151' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await admin.gql(RETIRE, { code: '500101151202', on: '2999-01-01' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await admin.gql(RETIRE, { code: '500101151' }))).toBe('BAD_USER_INPUT');

    const res = await admin.gql<{ retireVillage: Record<string, unknown> }>(RETIRE, {
      code: '500101151202',
      into: '500101151201',
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.retireVillage).toMatchObject({ code: '500101151202', mergedInto: '500101151201' });
    expect(await actions('500101151202')).toEqual(['REGION_CREATED', 'REGION_RETIRED']);
    const retiredOn = res.data!.retireVillage.retiredOn as string;
    const name = res.data!.retireVillage.name as string;
    // Twice is refused, in English on request and in Chinese for the console.
    const twice = await admin.gql(RETIRE, { code: '500101151202' });
    expect(errorReason(twice)).toBe('REGION_RETIRED');
    expect(twice.errors![0].message).toBe(`${name} (500101151202) was retired on ${retiredOn}`);
    const zhTwice = await t.inLanguage('zh-CN', () => admin.gql(RETIRE, { code: '500101151202' }));
    expect(errorReason(zhTwice)).toBe('REGION_RETIRED');
    expect(zhTwice.errors![0].message).toBe(`${name}（500101151202）已于 ${retiredOn} 撤销`);
    // Into a retired village is refused.
    expect(errorCode(await admin.gql(RETIRE, { code: '500101151203', into: '500101151202' }))).toBe(
      'BAD_USER_INPUT',
    );

    // Still readable, with its asset, by the township.
    const region = await officer.gql<{ region: { retiredOn: string } }>(REGION, { code: '500101151202' });
    expect(region.data!.region.retiredOn).toBeTruthy();
    const asset = await officer.gql<{ asset: { locationCode: string } }>(
      'query($id: ID!) { asset(id: $id) { locationCode } }',
      { id: assetId },
    );
    expect(asset.data!.asset.locationCode).toBe('500101151202');
    // No new asset there.
    const refused = await officer.gql(REGISTER, {
      input: assetInput(project.id, { locationCode: '500101151202' }),
    });
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(errorReason(refused)).toBe('REGION_RETIRED');
    expect(refused.errors![0].extensions.fields![0].message).toBe(
      `${name} (500101151202) was retired on ${retiredOn} (merged into 500101151201): it takes no new assets`,
    );
    const zhRefused = await t.inLanguage('zh-CN', () =>
      officer.gql(REGISTER, { input: assetInput(project.id, { locationCode: '500101151202' }) }),
    );
    expect(zhRefused.errors![0].extensions.fields![0].message).toBe(
      `${name}（500101151202）已于 ${retiredOn} 撤销，并入 500101151201，不能再登记新的资产`,
    );

    // The demo's merged village: 双河村 of 白土镇, merged into 三坪村.
    const demo = await district.gql<{ region: Record<string, unknown> }>(REGION, { code: '500101157202' });
    expect(demo.data!.region).toMatchObject({ name: '双河村', mergedInto: '500101157201' });
  });

  it('the asset import names the village by name within its township, by code, and refuses a retired one', async () => {
    const project = await makeProject(officer, { regionCode: '500101151' });
    const line = (code: string, location: string): string =>
      `${code},村道硬化,公益性资产,固定资产,ROADS_BRIDGES,${project.code},${location},100,米,10000,10000,衔接资金:10000,2021-09-01,,,在用,,,,,,,,,,,,,,`;
    const stamp = Date.now().toString(36);
    const code = (n: number) => `V${stamp}${n}`;
    const run = async (rows: string[]) => {
      const csv = `\ufeff${ASSET_HEADERS.join(',')}\r\n${rows.join('\r\n')}\r\n`;
      const fileId = await officer.upload(Buffer.from(csv), 'assets.csv');
      const res = await officer.gql<{
        importAssets: {
          phase: string;
          importedCount: number;
          problems: Array<{ row: number; column: string; message: string }>;
        };
      }>(
        'mutation($f: ID!) { importAssets(fileId: $f, wait: true) { phase importedCount problems { row column message } } }',
        { f: fileId },
      );
      expect(res.errors).toBeUndefined();
      return res.data!.importAssets;
    };
    const ok = await run([
      line(code(1), '龙驹镇/梧桐村'),
      line(code(2), '龙驹镇 凤鸣社区'),
      line(code(3), '500101151201'),
    ]);
    expect(ok).toMatchObject({ phase: 'SUCCEEDED', importedCount: 3 });
    const located = await t.sql<{ location_code: string }>(
      `SELECT location_code FROM asset WHERE code = ANY($1) ORDER BY code`,
      [[code(1), code(2), code(3)]],
    );
    expect(located.map((r) => r.location_code).sort()).toEqual([
      '500101151201',
      '500101151201',
      '500101151203',
    ]);
    // 玉合村 was retired (previous test): by name or by code, refused.
    const refused = await run([line(code(4), '龙驹镇玉合村'), line(code(5), '500101151202')]);
    expect(refused.phase).toBe('FAILED');
    expect(refused.problems.map((p) => p.row)).toEqual([2, 3]);
    expect(refused.problems[0].message).toMatch(/retired/);
  });
});
