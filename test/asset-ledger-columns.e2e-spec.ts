import { todayInChina } from '@/common/scalars';
import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import type { Response } from 'supertest';
import { daysAgo, makeHousehold, makeOwnedOperatingAsset, makeProject } from './support/factories';
import { Caller, errorCode, errorFields, TestApp } from './support/test-app';

/**
 * The 台账 as counties keep it: the exported ledger read by an independent reader (the ZIP and the
 * sheet XML, no spreadsheet library), its export-only columns ignored on re-import, the new inputs'
 * rules, the upkeep phone masked by role, the 收益分配明细表 and the asset dossier.
 */
const VILLAGE = '500101151261';
const VILLAGE_NAME = '台账测试村';
const EXPORT = `mutation($filter: AssetFilter) { exportAssets(filter: $filter) { fileId downloadPath rowCount } }`;
const REPORT = `mutation($kind: IncomeReportKind!, $r: String) { exportIncomeReport(kind: $kind, regionCode: $r) { fileId downloadPath rowCount } }`;
const IMPORT = `mutation($fileId: ID!) { importAssets(fileId: $fileId, wait: true) { phase importedCount problems { row column message } } }`;

function binaryParser(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const parts: Buffer[] = [];
  res.on('data', (chunk: Buffer) => parts.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(parts)));
}

const decode = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

const columnIndex = (ref: string): number =>
  [...ref.replace(/\d+$/, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** A sheet of an .xlsx as rows of cell texts (numbers as their text), read with jszip and regular expressions. */
async function readSheet(bytes: Buffer, sheetName: string): Promise<string[][]> {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (name: string): Promise<string> => (await zip.file(name)?.async('string')) ?? '';
  const workbook = await text('xl/workbook.xml');
  const sheet = [...workbook.matchAll(/<sheet [^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"/g)].find(
    (m) => decode(m[1]) === sheetName,
  );
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const rels = await text('xl/_rels/workbook.xml.rels');
  const relation = [...rels.matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .find((tag) => tag.includes(`Id="${sheet[2]}"`))!;
  const target = /Target="([^"]*)"/.exec(relation)![1];
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const shared = [...(await text('xl/sharedStrings.xml')).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    decode([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
  );
  const rows: string[][] = [];
  for (const row of (await text(path)).matchAll(/<row [^>]*?r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: string[] = [];
    for (const c of row[2].matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const type = /t="([^"]*)"/.exec(c[2])?.[1];
      const body = c[3] ?? '';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value = '';
      if (type === 's' && v !== undefined) value = shared[Number(v)];
      else if (type === 'inlineStr')
        value = decode([...body.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''));
      else if (v !== undefined) value = decode(v);
      cells[columnIndex(c[1])] = value;
    }
    rows[Number(row[1]) - 1] = Array.from(cells, (x) => x ?? '');
  }
  return rows;
}

/** Rows of a sheet keyed by the header row. */
function keyed(rows: string[][]): Array<Record<string, string>> {
  const [header, ...data] = rows;
  return data.filter(Boolean).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** The Excel serial number of a date (what a date cell holds). */
const serial = (date: string): string =>
  String((Date.parse(`${date}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);

describe('the 台账 as counties keep it (e2e)', () => {
  let t: TestApp;
  let clerk: Caller;
  let officer: Caller;
  let district: Caller;
  let auditor: Caller;
  let assetId: string;
  let assetCode: string;
  let households: Array<{ id: string; registryNo: string }>;
  const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

  const download = async (caller: Caller, path: string): Promise<Response> =>
    t.http.get(path).set('authorization', `Bearer ${caller.token}`).buffer(true).parse(binaryParser);
  const exportLedger = async (caller: Caller): Promise<Array<Record<string, string>>> => {
    const res = await caller.gql<{ exportAssets: { downloadPath: string } }>(EXPORT, {
      filter: { regionCode: VILLAGE },
    });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    const file = await download(caller, res.data.exportAssets.downloadPath);
    expect(file.status).toBe(200);
    return keyed(await readSheet(file.body as Buffer, '资产'));
  };

  beforeAll(async () => {
    t = await TestApp.start();
    const admin = await t.as('admin');
    await admin.gql(
      `mutation { createRegion(code: "${VILLAGE}", name: "${VILLAGE_NAME}", parentCode: "500101151") { code } }`,
    );
    const created = await admin.gql(
      `mutation { createUser(input: { username: "taizhang", displayName: "台账测试村 会计", role: VILLAGE_CLERK, regionCode: "${VILLAGE}", password: "test-clerk-password" }) { id } }`,
    );
    expect(created.errors).toBeUndefined();
    clerk = await t.as('taizhang', 'test-clerk-password');
    officer = await t.as('longju');
    district = await t.as('district');
    auditor = await t.as('auditor');
    const upload = async (name: string): Promise<string> =>
      clerk.upload(Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`), name);

    const asset = await makeOwnedOperatingAsset(clerk, officer, VILLAGE, {
      name: '台账测试大棚',
      formedValue: '20000.00',
      investedAmount: '20000.00',
      fundSources: [{ source: 'LINKAGE_FUND', amount: '20000.00' }],
      contractAnnualAmount: '1200.00',
      constructionContent: '新建钢架大棚 12 个及配套滴灌',
      constructionScale: '12 个，4800 平方米',
      beneficiaryHouseholds: 40,
      beneficiaryPeople: 120,
      beneficiaryPoorHouseholds: 12,
      beneficiaryPoorPeople: 35,
      beneficiaryMonitoredHouseholds: 3,
      beneficiaryMonitoredPeople: 9,
      remarks: '2022 年起出租给合作社',
    });
    assetId = asset.id;
    assetCode = asset.code;
    const income = async (amount: string, receivedOn: string, period: [string, string]) => {
      const res = await clerk.gql(
        'mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { id } }',
        {
          input: {
            assetId,
            amount,
            kind: 'RENT',
            periodFrom: period[0],
            periodTo: period[1],
            receivedOn,
            idempotencyKey: `taizhang-${randomUUID()}`,
            supplement: false,
            evidenceFileIds: [await upload('收款收据.pdf')],
          },
        },
      );
      expect(res.errors).toBeUndefined();
    };
    await income('5000.00', '2024-12-20', ['2024-01-01', '2024-12-31']);
    await income('20000.00', daysAgo(3), ['2025-01-01', '2025-12-31']);

    households = [];
    for (let i = 0; i < 2; i++)
      households.push(await makeHousehold(clerk, VILLAGE, { headName: `户主${i + 1}` }));
    const draft = await clerk.gql<{
      draftDistributionPlan: { id: string; allocations: Array<{ id: string }> };
    }>(
      'mutation($input: DraftPlanInput!) { draftDistributionPlan(input: $input) { id allocations { id } } }',
      {
        input: {
          villageCode: VILLAGE,
          title: '2024 年大棚租金分配',
          amount: '600.00',
          allocations: [
            {
              channel: 'PUBLIC_WELFARE_JOB_WAGES',
              amount: '500.00',
              beneficiaries: [
                { householdId: households[0].id, amount: '300.00' },
                { householdId: households[1].id, amount: '200.00' },
              ],
            },
            { channel: 'SMALL_PUBLIC_WORKS', amount: '100.00' },
          ],
        },
      },
    );
    if (!draft.data) throw new Error(JSON.stringify(draft.errors));
    const plan = draft.data.draftDistributionPlan;
    const decision = await upload('决议.pdf');
    const submitted = await clerk.gql(
      'mutation($id: ID!, $e: DecisionEvidenceInput!) { submitDistributionPlan(id: $id, decisionEvidence: $e) { id } }',
      {
        id: plan.id,
        e: {
          partyBranchProposalOn: daysAgo(60),
          twoCommitteesDiscussionOn: daysAgo(58),
          partyMembersReviewOn: daysAgo(56),
          representativesDecisionOn: daysAgo(54),
          decisionPublishedOn: daysAgo(52),
          fileIds: [decision],
        },
      },
    );
    expect(submitted.errors).toBeUndefined();
    expect(
      (await officer.gql('mutation($id: ID!) { fileDistributionPlan(id: $id) { id } }', { id: plan.id }))
        .errors,
    ).toBeUndefined();
    for (const [householdId, amount, ref] of [
      [households[0].id, '300.00', 'YH-0001'],
      [households[1].id, '200.00', 'YH-0002'],
    ]) {
      const paid = await clerk.gql(
        'mutation($input: RecordPayoutInput!) { recordPayout(input: $input) { id } }',
        {
          input: {
            planId: plan.id,
            allocationId: plan.allocations[0].id,
            householdId,
            amount,
            paidOn: daysAgo(2),
            bankReference: ref,
          },
        },
      );
      expect(paid.errors).toBeUndefined();
    }

    // A disposal approved by the township and carried out.
    const requested = await clerk.gql<{ requestDisposal: { id: string; snapshotHash: string } }>(
      'mutation($input: RequestDisposalInput!) { requestDisposal(input: $input) { id snapshotHash } }',
      {
        input: {
          assetId,
          method: 'SCRAP',
          reasonCode: 'END_OF_LIFE',
          reasonText: '大棚钢架锈蚀严重，已达使用年限',
          appraisedValue: '3000.00',
          evidence: {
            appraisalFileIds: [await upload('评估报告.pdf')],
            resolutionFileIds: [await upload('处置决议.pdf')],
          },
        },
      },
    );
    if (!requested.data) throw new Error(JSON.stringify(requested.errors));
    const reviewed = await officer.gql(
      'mutation($id: ID!, $h: String!) { reviewDisposal(requestId: $id, decision: APPROVE, expectedSnapshotHash: $h) { id status } }',
      { id: requested.data.requestDisposal.id, h: requested.data.requestDisposal.snapshotHash },
    );
    expect(reviewed.errors).toBeUndefined();
    const completed = await clerk.gql(
      'mutation($id: ID!, $on: LocalDate!) { completeDisposal(requestId: $id, completedOn: $on, proceeds: "3200.00") { id } }',
      { id: requested.data.requestDisposal.id, on: today() },
    );
    expect(completed.errors).toBeUndefined();
  }, 120_000);
  afterAll(() => t.close());

  it('exports every county column with real values, read back with jszip and the sheet XML', async () => {
    const rows = await exportLedger(clerk);
    expect(rows).toHaveLength(1);
    const row = rows[0];
    const year = today().slice(0, 4);
    // Income this year: the rent received 3 days ago and the disposal's proceeds (unless the year just began).
    const thisYear = daysAgo(3).startsWith(year) ? '23200' : '3200';
    expect(row).toMatchObject({
      序号: '1',
      资产编号: assetCode,
      资产名称: '台账测试大棚',
      '所在村/镇': VILLAGE,
      乡镇名称: '龙驹镇',
      村名称: VILLAGE_NAME,
      所有权人: '村集体经济组织',
      所有权层级: '村',
      权属证书编号: `CERT-${assetCode}`,
      确权日期: expect.stringMatching(/^\d+$/),
      行业主管部门: '',
      建设内容: '新建钢架大棚 12 个及配套滴灌',
      建设规模: '12 个，4800 平方米',
      受益户数: '40',
      受益人数: '120',
      其中脱贫户数: '12',
      其中脱贫人口数: '35',
      其中监测户数: '3',
      其中监测人口数: '9',
      '本年收益(元)': thisYear,
      '累计收益(元)': '28200',
      '已分配收益(元)': '600',
      管护主体: '村股份经济合作联合社',
      // Confirming ownership set the management entity of the proposal (and no responsible person).
      管护责任人: '',
      管护责任人电话: '',
      当前状况: '',
      处置方式: '报废',
      处置日期: serial(today()),
      处置批准: expect.stringMatching(/^乡镇批准（\d{4}-\d{2}-\d{2}）$/),
      '处置收入(元)': '3200',
      备注: '2022 年起出租给合作社',
      状态: '已处置',
    });
    const [owner] = await t.sql<{ valid_from: string }>(
      `SELECT valid_from::text AS valid_from FROM asset_ownership WHERE asset_id = $1 AND valid_to IS NULL`,
      [assetId],
    );
    expect(row['确权日期']).toBe(serial(owner.valid_from));
  });

  it('says on the 说明 sheet that the derived columns are filled on export and ignored on import', async () => {
    const template = await download(clerk, '/templates/assets.xlsx');
    const notes = await readSheet(template.body as Buffer, '说明');
    const need = new Map(notes.filter((r) => r[0] === '资产').map((r) => [r[1], r[2]]));
    for (const header of [
      '序号',
      '乡镇名称',
      '村名称',
      '所有权人',
      '所有权层级',
      '权属证书编号',
      '确权日期',
      '行业主管部门',
      '本年收益(元)',
      '累计收益(元)',
      '已分配收益(元)',
      '管护责任人电话',
      '当前状况',
      '处置方式',
      '处置日期',
      '处置批准',
      '处置收入(元)',
    ]) {
      expect([header, need.get(header)]).toEqual([header, '导出时填写，导入时忽略']);
    }
    for (const header of [
      '建设内容',
      '建设规模',
      '受益户数',
      '受益人数',
      '其中脱贫户数',
      '其中脱贫人口数',
      '其中监测户数',
      '其中监测人口数',
      '备注',
    ]) {
      expect([header, need.get(header)]).toEqual([header, '选填']);
    }
  });

  it('imports an exported file again (its export-only columns ignored): a round trip keeps the new inputs', async () => {
    // Another asset of this village, exported, its code changed, imported as a new asset.
    const project = await makeProject(officer, { regionCode: VILLAGE.slice(0, 9) });
    const res = await clerk.gql<{ registerAsset: { id: string; code: string } }>(
      'mutation($input: RegisterAssetInput!) { registerAsset(input: $input) { id code } }',
      {
        input: {
          code: `RT-${Date.now().toString(36)}`.toUpperCase(),
          name: '村道',
          class: 'PUBLIC_WELFARE',
          form: 'FIXED',
          categoryCode: 'ROADS_BRIDGES',
          projectId: project.id,
          locationCode: VILLAGE,
          quantity: '3.2',
          unit: '公里',
          investedAmount: '100000.00',
          formedValue: '100000.00',
          fundSources: [{ source: 'LINKAGE_FUND', amount: '100000.00' }],
          completionDate: '2021-10-01',
          constructionContent: '硬化村道',
          constructionScale: '3.2 公里',
          beneficiaryHouseholds: 80,
          beneficiaryPeople: 260,
          beneficiaryPoorHouseholds: 20,
          remarks: '通组路',
        },
      },
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    const exported = await clerk.gql<{ exportAssets: { downloadPath: string } }>(EXPORT, {
      filter: { regionCode: VILLAGE, text: res.data.registerAsset.code },
    });
    const bytes = (await download(clerk, exported.data!.exportAssets.downloadPath)).body as Buffer;
    // Edit the file as a person would: a new code, the 序号 and names left as they are.
    const zip = await JSZip.loadAsync(bytes);
    const newCode = `${res.data.registerAsset.code}-B`;
    for (const name of Object.keys(zip.files)) {
      if (!/^xl\/(sharedStrings|worksheets\/sheet\d+)\.xml$/.test(name)) continue;
      const xml = await zip.file(name)!.async('string');
      zip.file(name, xml.split(`>${res.data.registerAsset.code}<`).join(`>${newCode}<`));
    }
    const edited = await zip.generateAsync({ type: 'nodebuffer' });
    const before = keyed(await readSheet(edited, '资产'));
    expect(before[0]).toMatchObject({
      序号: '1',
      资产编号: newCode,
      村名称: VILLAGE_NAME,
      '累计收益(元)': '0',
    });
    const fileId = await clerk.upload(edited, '台账-修改.xlsx');
    const job = await clerk.gql<{
      importAssets: { phase: string; importedCount: number; problems: unknown[] };
    }>(IMPORT, { fileId });
    expect(job.data!.importAssets).toMatchObject({ phase: 'SUCCEEDED', importedCount: 1, problems: [] });
    const imported = await clerk.gql<{ assets: { edges: Array<{ node: Record<string, unknown> }> } }>(
      `query($text: String) { assets(filter: { text: $text }) { edges { node { code constructionContent constructionScale beneficiaryHouseholds
        beneficiaryPeople beneficiaryPoorHouseholds beneficiaryPoorPeople beneficiaryMonitoredHouseholds beneficiaryMonitoredPeople remarks } } } }`,
      { text: newCode },
    );
    expect(imported.data!.assets.edges.map((e) => e.node)).toEqual([
      {
        code: newCode,
        constructionContent: '硬化村道',
        constructionScale: '3.2 公里',
        beneficiaryHouseholds: 80,
        beneficiaryPeople: 260,
        beneficiaryPoorHouseholds: 20,
        beneficiaryPoorPeople: null,
        beneficiaryMonitoredHouseholds: null,
        beneficiaryMonitoredPeople: null,
        remarks: '通组路',
      },
    ]);
  });

  it('refuses beneficiary counts that break a rule, each with its code, and writes nothing', async () => {
    const project = await makeProject(officer, { regionCode: VILLAGE.slice(0, 9) });
    const register = (over: Record<string, unknown>) =>
      clerk.gql('mutation($input: RegisterAssetInput!) { registerAsset(input: $input) { id } }', {
        input: {
          code: `BAD-${randomUUID().slice(0, 8)}`.toUpperCase(),
          name: '村道',
          class: 'PUBLIC_WELFARE',
          form: 'FIXED',
          categoryCode: 'ROADS_BRIDGES',
          projectId: project.id,
          locationCode: VILLAGE,
          quantity: '1',
          unit: '公里',
          investedAmount: '0.00',
          formedValue: '0.00',
          completionDate: '2021-10-01',
          ...over,
        },
      });
    const count = async () =>
      Number((await t.sql<{ n: string }>('SELECT count(*) AS n FROM asset')).at(0)!.n);
    const before = await count();
    const cases: Array<[Record<string, unknown>, string, string[]]> = [
      [{ beneficiaryPoorHouseholds: 2 }, 'BAD_USER_INPUT', ['input.beneficiaryHouseholds']],
      [{ beneficiaryMonitoredPeople: 2 }, 'BAD_USER_INPUT', ['input.beneficiaryPeople']],
      [
        { beneficiaryHouseholds: 5, beneficiaryPoorHouseholds: 4, beneficiaryMonitoredHouseholds: 2 },
        'BAD_USER_INPUT',
        ['input.beneficiaryHouseholds'],
      ],
      [{ beneficiaryPeople: 5, beneficiaryPoorPeople: 6 }, 'BAD_USER_INPUT', ['input.beneficiaryPeople']],
      [{ beneficiaryHouseholds: 5, beneficiaryPeople: 4 }, 'BAD_USER_INPUT', ['input.beneficiaryPeople']],
      [{ beneficiaryHouseholds: -1 }, 'BAD_USER_INPUT', ['input.beneficiaryHouseholds']],
      [{ constructionScale: 'x'.repeat(201) }, 'BAD_USER_INPUT', ['input.constructionScale']],
      [{ remarks: 'x'.repeat(501) }, 'BAD_USER_INPUT', ['input.remarks']],
    ];
    for (const [over, code, fields] of cases) {
      const res = await register(over);
      expect([over, errorCode(res)]).toEqual([over, code]);
      expect([over, errorFields(res)]).toEqual([over, fields]);
    }
    // In Chinese by default.
    t.language = undefined;
    const zh = await register({ beneficiaryHouseholds: 5, beneficiaryPeople: 4 });
    t.language = 'en';
    expect(zh.errors![0].extensions.fields?.[0].message).toBe('受益户数 5 户多于受益人数 4 人');
    expect(await count()).toBe(before);
  });

  it('shows the upkeep duty and the last inspection; the phone in full to the village clerk and township officer, masked to the district and auditors', async () => {
    const kept = await makeOwnedOperatingAsset(clerk, officer, VILLAGE);
    const duty = await clerk.gql(
      'mutation($input: SetUpkeepDutyInput!) { setUpkeepDuty(input: $input) { version } }',
      {
        input: {
          assetId: kept.id,
          body: '梧桐村管护站',
          person: '王五',
          phone: '13812345678',
          department: 'AGRICULTURE_RURAL',
          fundingSource: 'ASSET_INCOME',
        },
      },
    );
    expect(duty.errors).toBeUndefined();
    const inspected = await clerk.gql(
      'mutation($input: RecordInspectionInput!) { recordUpkeepInspection(input: $input) { id } }',
      { input: { assetId: kept.id, inspector: '张会计', condition: 'FAIR', inspectedOn: todayInChina() } },
    );
    expect(inspected.errors).toBeUndefined();

    const row = async (caller: Caller) =>
      (await exportLedger(caller)).find((r) => r['资产编号'] === kept.code)!;
    expect(await row(clerk)).toMatchObject({
      管护责任人电话: '13812345678',
      行业主管部门: '农业农村',
      当前状况: '一般',
      管护主体: '梧桐村管护站',
      管护责任人: '王五',
    });
    expect((await row(officer))['管护责任人电话']).toBe('13812345678');
    expect((await row(district))['管护责任人电话']).toBe('138****5678');
    expect((await row(auditor))['管护责任人电话']).toBe('138****5678');
  });

  it('writes the 收益分配明细表: one row per payment to a household, in Chinese, scoped by region', async () => {
    const res = await officer.gql<{ exportIncomeReport: { downloadPath: string; rowCount: number } }>(
      REPORT,
      {
        kind: 'HOUSEHOLD_PAYOUTS',
        r: VILLAGE,
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.exportIncomeReport.rowCount).toBe(2);
    const file = await download(officer, res.data!.exportIncomeReport.downloadPath);
    const zip = await JSZip.loadAsync(file.body as Buffer);
    const names = [
      ...(await zip.file('xl/workbook.xml')!.async('string')).matchAll(/<sheet [^>]*?name="([^"]*)"/g),
    ].map((m) => m[1]);
    const sheet = names.find((n) => n.includes('收益分配明细'))!;
    const rows = await readSheet(file.body as Buffer, sheet);
    const headerAt = rows.findIndex((r) => r?.includes('户主姓名'));
    const table = keyed(rows.slice(headerAt)).filter((r) => r['户籍编号'] !== '');
    expect(
      table.map((r) => [
        r['户籍编号'],
        r['户主姓名'],
        r['村名称'],
        r['支付凭证号'],
        r['分配方案'],
        r['分配用途'],
      ]),
    ).toEqual(
      [
        [households[0].registryNo, '户主1', VILLAGE_NAME, 'YH-0001', '2024 年大棚租金分配', '公益性岗位工资'],
        [households[1].registryNo, '户主2', VILLAGE_NAME, 'YH-0002', '2024 年大棚租金分配', '公益性岗位工资'],
      ].map((r) => r),
    );
    expect(table.map((r) => Number(r['支付金额(元)'].replace(/,/g, '')))).toEqual([300, 200]);
    expect(table[0]['收益来源资产']).toContain(assetCode);
    const all = rows.flat().join(' ');
    expect(all).not.toMatch(/PUBLIC_WELFARE_JOB_WAGES|SMALL_PUBLIC_WORKS/);
    // Another village's clerk: a region outside theirs is refused.
    const other = await (await t.as('yuhe')).gql(REPORT, { kind: 'HOUSEHOLD_PAYOUTS', r: VILLAGE });
    expect(errorCode(other)).toBe('FORBIDDEN');
  });

  it('gives auditors the asset dossier: card, ledger records and every evidence file; another village gets 404', async () => {
    const res = await download(auditor, `/assets/${assetId}/dossier`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    // The code's "-" kept, any "/" of a code replaced: the name is one file name.
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      `资产档案-${assetCode}-`,
    );
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const names = Object.keys(zip.files)
      .filter((n) => !zip.files[n].dir)
      .sort();
    expect(names).toContain('资产卡片.html');
    expect(names).toContain('账本记录.csv');
    expect(names).toContain('证明材料/清单.csv');
    const card = await zip.file('资产卡片.html')!.async('string');
    expect(card).toContain(assetCode);
    expect(card).toContain('新建钢架大棚 12 个及配套滴灌');
    expect(card).toContain('40 户（120 人）');
    expect(card).toContain('<th>资产分类</th><td>农业基础设施</td>');
    expect(card).not.toContain('FARM_INFRASTRUCTURE');
    const ledger = (await zip.file('账本记录.csv')!.async('string'))
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(ledger[0]).toBe(
      '序号,账本条目序号,操作,操作代码,记录类型,记录类型代码,记录编号,记录时间（北京时间）,叶哈希',
    );
    const entries = ledger.slice(1).map((l) => l.split(','));
    const actions = entries.map((e) => e[3]);
    for (const action of ['ASSET_REGISTERED', 'INCOME_RECORDED']) expect(actions).toContain(action);
    expect(actions.some((a) => a.startsWith('DISPOSAL'))).toBe(true);
    expect(actions.some((a) => a.startsWith('OWNERSHIP'))).toBe(true);
    // The action and the kind of record in Chinese, each beside its code.
    const named = new Map(entries.map((e) => [`${e[3]} ${e[5]}`, `${e[2]} ${e[4]}`]));
    expect(named.get('ASSET_REGISTERED Asset')).toBe('登记资产 资产');
    expect(named.get('OWNERSHIP_PROPOSED OwnershipProposal')).toBe('提出确权方案并公示 确权方案');
    expect(named.get('INCOME_RECORDED IncomeRecord')).toBe('登记收益 收益记录');
    expect(named.get('DISPOSAL_REQUESTED DisposalRequest')).toBe('申请处置 处置申请');
    expect(
      entries.filter((e) => !/^[\u4e00-\u9fff（）]+$/.test(e[2]) || !/^[\u4e00-\u9fff]+$/.test(e[4])),
    ).toEqual([]);
    const [first] = await t.sql<{ idx: string; leaf: string; at: string }>(
      `SELECT idx::text AS idx, encode(leaf_hash, 'hex') AS leaf,
              to_char(recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') AS at
         FROM ledger_entry WHERE entity_type = 'Asset' AND entity_id = $1 ORDER BY idx LIMIT 1`,
      [assetId],
    );
    const registered = entries.find((e) => e[1] === first.idx)!;
    expect(registered[8]).toBe(first.leaf);
    expect(registered[7]).toBe(first.at);
    // Evidence: the receipts, the appraisal and the resolution the entries cite.
    const evidence = names.filter((n) => n.startsWith('证明材料/') && n !== '证明材料/清单.csv');
    expect(evidence.length).toBeGreaterThanOrEqual(4);
    expect(evidence.some((n) => n.endsWith('评估报告.pdf'))).toBe(true);
    // Their list gives the upload time in Beijing time too, as the ledger list does.
    const list = (await zip.file('证明材料/清单.csv')!.async('string'))
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    const uploaded = list[0].indexOf('上传时间（北京时间）');
    expect(uploaded).toBeGreaterThan(0);
    const [file] = await t.sql<{ id: string; at: string }>(
      `SELECT id, to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') AS at
         FROM evidence_file WHERE id = $1`,
      [list[1][0]],
    );
    expect(list[1][uploaded]).toBe(file.at);
    for (const row of list.slice(1)) expect(row[uploaded]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const other = await download(await t.as('yuhe'), `/assets/${assetId}/dossier`);
    expect(other.status).toBe(404);
    const nobody = await t.http.get(`/assets/${assetId}/dossier`);
    expect(nobody.status).toBe(401);
  });
});
