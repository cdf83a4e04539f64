import ExcelJS from 'exceljs';
import { Caller, errorCode, errorFields, TestApp } from './support/test-app';

const EXPORT =
  'mutation($kind: IncomeReportKind!, $r: String, $g: [IncomeGroupBy!], $h: ID) { exportIncomeReport(kind: $kind, regionCode: $r, groupBy: $g, householdId: $h) { fileId downloadPath fileName rowCount sha256 size } }';

type ReportFile = {
  fileId: string;
  downloadPath: string;
  fileName: string;
  rowCount: number;
  sha256: string;
  size: number;
};

describe('income reports as .xlsx (e2e)', () => {
  let t: TestApp;
  let officer: Caller;

  const download = async (caller: Caller, path: string): Promise<ExcelJS.Workbook> => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await caller.download(path)) as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    return wb;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    officer = await t.as('longju');
  });
  afterAll(() => t.close());

  it('village balances: the same numbers as the API, one row per village, stored on the ledger', async () => {
    const res = await officer.gql<{ exportIncomeReport: ReportFile }>(EXPORT, { kind: 'VILLAGE_BALANCES' });
    expect(res.errors).toBeUndefined();
    const file = res.data!.exportIncomeReport;
    expect(file.fileName).toBe('村级收益结余-500101151.xlsx');
    const api = await officer.gql<{
      villageIncomeBalances: Array<{ villageCode: string; received: string; undistributed: string }>;
    }>('{ villageIncomeBalances { villageCode received undistributed } }');
    expect(file.rowCount).toBe(api.data!.villageIncomeBalances.length);
    const ws = (await download(officer, file.downloadPath)).worksheets[0];
    expect(ws.getRow(1).values).toEqual(
      expect.arrayContaining(['村代码', '村名称', '收益(元)', '未分配(元)']),
    );
    for (const [i, b] of api.data!.villageIncomeBalances.entries()) {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(b.villageCode);
      expect(Number(row.getCell(3).value).toFixed(2)).toBe(b.received);
      expect(Number(row.getCell(6).value).toFixed(2)).toBe(b.undistributed);
    }
    // Below the table, in Chinese: what it is, when it was made (Beijing time) and by which system.
    const texts: string[] = [];
    ws.eachRow((row) =>
      texts.push((row.values as unknown[]).filter((v) => v !== undefined && v !== null).join('|')),
    );
    expect(texts[texts.length - 1]).toMatch(
      /^村级收益结余表 · 生成于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间） · 扶贫项目资产管理系统$/,
    );
    const [entry] = await t.sql<{ action: string }>(`SELECT action FROM ledger_entry WHERE entity_id = $1`, [
      file.fileId,
    ]);
    expect(entry.action).toBe('FILE_UPLOADED');
  });

  it('asset balances, income summary and household receipts export; household receipts need the household', async () => {
    // Each report is named <报表>-<the region it covers>.xlsx, whatever its grouping.
    for (const [kind, vars, fileName] of [
      ['ASSET_BALANCES', {}, '资产收益结余-500101151.xlsx'],
      ['INCOME_SUMMARY', { g: ['CHANNEL', 'YEAR'] }, '收益汇总-500101151.xlsx'],
      ['INCOME_SUMMARY', { g: ['KIND', 'YEAR'] }, '收益汇总-500101151.xlsx'],
      ['INCOME_SUMMARY', { g: ['REGION', 'YEAR'], r: '500101151201' }, '收益汇总-500101151201.xlsx'],
    ] as const) {
      const res = await officer.gql<{ exportIncomeReport: ReportFile }>(EXPORT, { kind, ...vars });
      expect({ kind, errors: res.errors }).toEqual({ kind, errors: undefined });
      expect({ kind, vars, fileName: res.data!.exportIncomeReport.fileName }).toEqual({
        kind,
        vars,
        fileName,
      });
      expect(res.data!.exportIncomeReport.rowCount).toBeGreaterThan(0);
      const wb = await download(officer, res.data!.exportIncomeReport.downloadPath);
      expect(wb.worksheets[0].rowCount).toBeGreaterThanOrEqual(res.data!.exportIncomeReport.rowCount + 1);
    }
    // The 收益汇总 sheet says what the screen's incomeSummary says, with what was distributed of it.
    const summary = (
      await officer.gql<{ incomeSummary: Array<Record<string, string | number>> }>(
        '{ incomeSummary(groupBy: [REGION, YEAR]) { regionCode regionName year count received distributable planned paid undistributed } }',
      )
    ).data!.incomeSummary;
    expect(summary.some((g) => g.planned !== '0.00' && g.paid !== '0.00')).toBe(true);
    const exported = await officer.gql<{ exportIncomeReport: ReportFile }>(EXPORT, {
      kind: 'INCOME_SUMMARY',
      g: ['REGION', 'YEAR'],
    });
    const sheetRows: unknown[][] = [];
    (await download(officer, exported.data!.exportIncomeReport.downloadPath)).worksheets[0].eachRow((row) =>
      sheetRows.push((row.values as unknown[]).slice(1)),
    );
    const table = sheetRows
      .slice(sheetRows.findIndex((r) => r[0] === '区域'))
      .filter((r) => r.length > 1)
      // Money cells (from the fourth column) as yuan with two decimals.
      .map((r) => r.map((v, i) => (i >= 3 && typeof v === 'number' ? v.toFixed(2) : v)));
    expect(table[0]).toEqual([
      '区域',
      '年度',
      '笔数',
      '收益(元)',
      '村集体应分(元)',
      '已分配(元)',
      '已支付(元)',
      '未分配(元)',
    ]);
    expect(table.slice(1)).toEqual(
      summary.map((g) => [
        `${g.regionCode} ${g.regionName}`,
        g.year,
        g.count,
        g.received,
        g.distributable,
        g.planned,
        g.paid,
        g.undistributed,
      ]),
    );
    const missing = await officer.gql(EXPORT, { kind: 'HOUSEHOLD_RECEIPTS' });
    expect(errorFields(missing)).toEqual(['householdId']);
    const [beneficiary] = await t.sql<{ household_id: string }>(
      `SELECT b.household_id FROM distribution_beneficiary b JOIN distribution_allocation a ON a.id = b.allocation_id
         JOIN distribution_plan p ON p.id = a.plan_id WHERE p.status IN ('FILED','COMPLETED') AND p.village_code LIKE '500101151%' LIMIT 1`,
    );
    const receipts = await officer.gql<{ exportIncomeReport: ReportFile }>(EXPORT, {
      kind: 'HOUSEHOLD_RECEIPTS',
      h: beneficiary.household_id,
    });
    expect(receipts.data!.exportIncomeReport.rowCount).toBeGreaterThan(0);
    // Another township's household is out of scope.
    expect(
      errorCode(
        await (
          await t.as('luotian')
        ).gql(EXPORT, { kind: 'HOUSEHOLD_RECEIPTS', h: beneficiary.household_id }),
      ),
    ).toBe('NOT_FOUND');
  });
});
