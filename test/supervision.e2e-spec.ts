import ExcelJS from 'exceljs';
import { Caller, errorCode, TestApp } from './support/test-app';

type Flag = {
  kind: string;
  threshold: number;
  count: number;
  byRegion: Array<{ regionCode: string; count: number }>;
  records: Array<{ entityId: string; regionCode: string; days: number | null }>;
};
type Row = {
  regionCode: string;
  assetCount: number;
  formedValue: string;
  incomeReceived: string;
  incomeDistributed: string;
  incomeUndistributed: string;
  assetsByClass: Array<{ class: string; count: number }>;
  openItems: {
    ownershipInPublicity: number;
    disposalsOpen: number;
    plansAwaitingFiling: number;
    redFlags: number;
  };
};

const FLAGS = `query($r: String, $k: [RedFlagKind!], $t: RedFlagThresholds) { redFlags(regionCode: $r, kinds: $k, thresholds: $t) {
  regionCode total flags { kind threshold count byRegion { regionCode regionName count } records { entityType entityId code regionCode since days amount } }
} }`;
const DASHBOARD = `query($r: String) { supervisionDashboard(regionCode: $r) {
  regionCode rows { regionCode regionName assetCount formedValue incomeReceived incomeDistributed incomePaid incomeUndistributed
    assetsByClass { class count formedValue } openItems { ownershipInPublicity disposalsOpen plansAwaitingFiling redFlags } }
  total { regionCode assetCount formedValue incomeReceived incomeDistributed incomeUndistributed
    assetsByClass { class count formedValue } openItems { ownershipInPublicity disposalsOpen plansAwaitingFiling redFlags } }
} }`;

/**
 * Red flags and the dashboard on the demo district. The demo is deterministic; counts that depend on
 * today's date (income ages) are checked against an independent computation from the raw tables.
 */
describe('three-level supervision on the demo data (e2e)', () => {
  let t: TestApp;
  let district: Caller;

  beforeAll(async () => {
    t = await TestApp.start();
    district = await t.as('district');
  });
  afterAll(() => t.close());

  const byKind = (flags: Flag[]) => Object.fromEntries(flags.map((f) => [f.kind, f]));

  it('red flags for the district, with counts per township', async () => {
    const res = await district.gql<{ redFlags: { total: number; flags: Flag[] } }>(FLAGS);
    expect(res.errors).toBeUndefined();
    const f = byKind(res.data!.redFlags.flags);
    const counts = (k: string) => Object.fromEntries(f[k].byRegion.map((b) => [b.regionCode, b.count]));
    // Structural facts of the demo (independent of the date):
    expect(counts('OWNERSHIP_UNCONFIRMED')).toEqual({ '500101151': 16, '500101153': 13, '500101157': 5 }); // 10 never proposed + 24 in or past publicity
    expect(counts('PUBLICITY_ENDED')).toEqual({ '500101151': 5, '500101153': 2, '500101157': 1 });
    expect(counts('ASSET_IDLE')).toEqual({ '500101151': 6, '500101153': 4, '500101157': 1 });
    expect(counts('DISPOSAL_OVERDUE')).toEqual({ '500101153': 1 }); // 大坪村's request, 30 days at the township (deadline 15)
    expect(f.EQUITY_MATURING.count).toBe(2);
    expect(f.ASSET_IDLE.threshold).toBe(180);
    // Cross-checks against the raw tables.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const [idle] = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM asset WHERE status = 'IDLE' AND status_since < $1::date - 180`,
      [today],
    );
    expect(f.ASSET_IDLE.count).toBe(Number(idle.n));
    const [ended] = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM ownership_proposal WHERE status = 'PUBLICITY' AND publicity_end <= $1`,
      [today],
    );
    expect(f.PUBLICITY_ENDED.count).toBe(Number(ended.n));
    // Income undistributed for more than 180 days: FIFO recomputed here from the tables.
    expect(new Set(f.INCOME_UNDISTRIBUTED.records.map((r) => r.entityId))).toEqual(
      await agedUndistributed(t, 180, today),
    );
    expect(f.INCOME_UNDISTRIBUTED.count).toBeGreaterThan(0);
    // 凤鸣村 (500101151203) never distributes: its aged income is all flagged.
    expect(f.INCOME_UNDISTRIBUTED.records.some((r) => r.regionCode === '500101151203')).toBe(true);
    expect(res.data!.redFlags.total).toBe(res.data!.redFlags.flags.reduce((s, x) => s + x.count, 0));
    for (const flag of res.data!.redFlags.flags)
      expect(flag.byRegion.reduce((s, b) => s + b.count, 0)).toBe(flag.count);
  });

  it('thresholds are arguments; kinds filter; a township sees its villages; a clerk only its village; outside is FORBIDDEN', async () => {
    const strict = await district.gql<{ redFlags: { flags: Flag[] } }>(FLAGS, {
      k: ['ASSET_IDLE'],
      t: { idleDays: 30 },
    });
    expect(strict.data!.redFlags.flags.map((x) => x.kind)).toEqual(['ASSET_IDLE']);
    const [idle30] = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM asset WHERE status = 'IDLE' AND status_since < (now() AT TIME ZONE 'Asia/Shanghai')::date - 30`,
    );
    expect(strict.data!.redFlags.flags[0].count).toBe(Number(idle30.n));
    // A threshold out of range is named in Chinese by the red flag it moves, not by its path.
    t.language = 'zh-CN';
    try {
      const outOfRange = await district.gql(FLAGS, { t: { idleDays: 0, paymentGraceDays: 400 } });
      expect(errorCode(outOfRange)).toBe('BAD_USER_INPUT');
      expect(outOfRange.errors![0].message).toContain('「资产闲置超过（天）」不能小于 1');
      expect(outOfRange.errors![0].message).toContain('「租金或分红逾期超过（天）」不能大于 365');
      expect(outOfRange.errors![0].message).not.toContain('thresholds.');
    } finally {
      t.language = 'en';
    }
    const township = await (await t.as('longju')).gql<{ redFlags: { flags: Flag[] } }>(FLAGS);
    for (const flag of township.data!.redFlags.flags) {
      for (const b of flag.byRegion)
        expect(b.regionCode.startsWith('500101151') && b.regionCode.length).toBe(12);
    }
    const clerk = await (await t.as('wutong')).gql<{ redFlags: { flags: Flag[] } }>(FLAGS);
    for (const flag of clerk.data!.redFlags.flags)
      for (const r of flag.records) expect(r.regionCode).toBe('500101151201');
    expect(errorCode(await (await t.as('wutong')).gql(FLAGS, { r: '500101153' }))).toBe('FORBIDDEN');
    expect(errorCode(await (await t.as('longju')).gql(DASHBOARD, { r: '500101153' }))).toBe('FORBIDDEN');
  });

  it('the dashboard: per township, assets by class, income and open items, adding up to the district', async () => {
    const res = await (
      await t.as('auditor')
    ).gql<{ supervisionDashboard: { rows: Row[]; total: Row } }>(DASHBOARD);
    expect(res.errors).toBeUndefined();
    const { rows, total } = res.data!.supervisionDashboard;
    expect(rows).toHaveLength(52);
    const active = rows.filter((r) => r.assetCount > 0);
    expect(active.map((r) => [r.regionCode, r.assetCount])).toEqual([
      ['500101151', 100], // one of its 101 assets was disposed
      ['500101153', 66],
      ['500101157', 33],
    ]);
    expect(total.assetCount).toBe(199);
    const fen = (s: string) => BigInt(s.replace('.', ''));
    for (const key of [
      'formedValue',
      'incomeReceived',
      'incomeDistributed',
      'incomeUndistributed',
    ] as const) {
      expect(rows.reduce((s, r) => s + fen(r[key]), 0n)).toBe(fen(total[key]));
    }
    for (const r of [...rows, total])
      expect(fen(r.incomeReceived)).toBe(fen(r.incomeDistributed) + fen(r.incomeUndistributed));
    expect(active.find((r) => r.regionCode === '500101157')!.incomeReceived).toBe('0.00'); // 白土镇 has no one to record income
    expect(total.openItems).toMatchObject({
      ownershipInPublicity: 24,
      disposalsOpen: 2,
      plansAwaitingFiling: 1,
    });
    const [{ n }] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM asset WHERE status <> 'DISPOSED'`);
    expect(total.assetCount).toBe(Number(n));
    const flags = await district.gql<{ redFlags: { total: number } }>(FLAGS);
    expect(total.openItems.redFlags).toBe(flags.data!.redFlags.total);
    // A township's dashboard has a row per village.
    const longju = await (await t.as('longju')).gql<{ supervisionDashboard: { rows: Row[] } }>(DASHBOARD);
    expect(longju.data!.supervisionDashboard.rows.map((r) => r.regionCode)).toEqual([
      '500101151201',
      '500101151202',
      '500101151203',
    ]);
  });

  it('both export as .xlsx', async () => {
    for (const kind of ['RED_FLAGS', 'DASHBOARD']) {
      const res = await district.gql<{ exportSupervisionReport: { downloadPath: string; rowCount: number } }>(
        'mutation($k: SupervisionReportKind!) { exportSupervisionReport(kind: $k) { downloadPath rowCount } }',
        { k: kind },
      );
      expect(res.errors).toBeUndefined();
      const file = await district.download(res.data!.exportSupervisionReport.downloadPath);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
      const last = wb.worksheets[wb.worksheets.length - 1];
      expect(last.rowCount).toBeGreaterThanOrEqual(res.data!.exportSupervisionReport.rowCount);
    }
  });

  it('names every red flag of the export by its kind as the console does, 公示起始日期提前 included', async () => {
    const flags = await district.gql<{ redFlags: { flags: Array<{ kind: string; count: number }> } }>(
      '{ redFlags { flags { kind count } } }',
    );
    const counts = new Map(flags.data!.redFlags.flags.map((f) => [f.kind, f.count]));
    expect(counts.get('PUBLICITY_BACKDATED')).toBeGreaterThan(0);
    const res = await district.gql<{ exportSupervisionReport: { downloadPath: string } }>(
      'mutation { exportSupervisionReport(kind: RED_FLAGS) { downloadPath } }',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await district.download(res.data!.exportSupervisionReport.downloadPath)) as unknown as Parameters<
        ExcelJS.Xlsx['load']
      >[0],
    );
    const details = wb.getWorksheet('明细')!;
    const named = new Map<string, number>();
    details.eachRow((row, n) => {
      const kind = row.getCell(1).text;
      if (n > 1 && row.getCell(2).text !== '') named.set(kind, (named.get(kind) ?? 0) + 1);
    });
    expect(named.get('')).toBeUndefined();
    expect(named.get('公示起始日期提前')).toBe(counts.get('PUBLICITY_BACKDATED'));
    expect(named.get('收益长期未分配')).toBe(counts.get('INCOME_UNDISTRIBUTED'));
  });
});

/** Assets whose oldest undistributed income is older than `days`: FIFO per village, from the raw tables. */
async function agedUndistributed(t: TestApp, days: number, today: string): Promise<Set<string>> {
  const lots = await t.sql<{
    income_id: string;
    asset_id: string;
    received_on: string;
    village_code: string;
    amount: string;
  }>(
    `SELECT o.id AS income_id, o.asset_id, o.received_on, s.village_code,
            (s.amount + coalesce((SELECT rs.amount FROM income_record r JOIN income_share rs ON rs.income_id = r.id AND rs.position = s.position WHERE r.reverses_id = o.id), 0))::text AS amount
       FROM income_record o JOIN income_share s ON s.income_id = o.id
      WHERE o.reverses_id IS NULL AND s.village_code IS NOT NULL
      ORDER BY s.village_code, o.received_on, o.id`,
  );
  const planned = new Map(
    (
      await t.sql<{ village_code: string; amount: string }>(
        `SELECT village_code, sum(amount)::text AS amount FROM distribution_plan WHERE status IN ('SUBMITTED','FILED','COMPLETED') GROUP BY 1`,
      )
    ).map((r) => [r.village_code, BigInt(r.amount)]),
  );
  const cutoff = new Date(`${today}T00:00:00Z`).getTime() - days * 86_400_000;
  const flagged = new Set<string>();
  const left = new Map(planned);
  for (const lot of lots) {
    const amount = BigInt(lot.amount);
    const use = (left.get(lot.village_code) ?? 0n) < amount ? (left.get(lot.village_code) ?? 0n) : amount;
    left.set(lot.village_code, (left.get(lot.village_code) ?? 0n) - use);
    if (amount > use && new Date(`${lot.received_on}T00:00:00Z`).getTime() < cutoff)
      flagged.add(lot.asset_id);
  }
  return flagged;
}
