import { randomUUID } from 'node:crypto';
import {
  daysAgo,
  makeAsset,
  makeOwnedOperatingAsset,
  makeProject,
  noticeScan,
  AssetRef,
} from './support/factories';
import { Caller, errorCode, errorFields, errorReason, TestApp } from './support/test-app';

const RECORD = `mutation($input: RecordIncomeInput!) { recordIncome(input: $input) {
  id amount kind periodFrom periodTo receivedOn reversesId shares { ownerType ownerRef ownerName villageCode sharePercent amount }
} }`;
const REVERSE =
  'mutation($id: ID!, $reason: String!) { reverseIncome(id: $id, reason: $reason) { id amount reversesId shares { amount } } }';

type Income = {
  id: string;
  amount: string;
  shares: Array<{ ownerRef: string; ownerName: string | null; amount: string; sharePercent: string }>;
};

describe('income of operating assets (e2e)', () => {
  let t: TestApp;
  let clerk: Caller;
  let officer: Caller;
  let asset: AssetRef;

  const income = (over: Record<string, unknown> = {}) => ({
    assetId: asset.id,
    amount: '12000.00',
    periodFrom: '2025-01-01',
    periodTo: '2025-12-31',
    kind: 'RENT',
    receivedOn: '2025-12-20',
    idempotencyKey: `k-${randomUUID()}`,
    supplement: false,
    ...over,
  });

  beforeAll(async () => {
    t = await TestApp.start();
    clerk = await t.as('wutong');
    officer = await t.as('longju');
    asset = await makeOwnedOperatingAsset(clerk, officer, '500101151201');
  });
  afterAll(() => t.close());

  it('the owning village records income; it belongs to the village collective; one ledger entry', async () => {
    const res = await clerk.gql<{ recordIncome: Income }>(RECORD, { input: income() });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordIncome.shares).toEqual([
      {
        ownerType: 'VILLAGE_COLLECTIVE',
        ownerRef: '500101151201',
        ownerName: '村集体经济组织',
        villageCode: '500101151201',
        sharePercent: '100.00',
        amount: '12000.00',
      },
    ]);
    const [{ n }] = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM ledger_entry WHERE entity_id = $1 AND action = 'INCOME_RECORDED'`,
      [res.data!.recordIncome.id],
    );
    expect(n).toBe('1');
  });

  it('a joint asset splits its income between owners to the fen (largest remainder)', async () => {
    const project = await makeProject(officer, { regionCode: '500101151' });
    const joint = await makeAsset(officer, project.id, { locationCode: '500101151' });
    const p = await officer.gql<{ proposeOwnership: { id: string } }>(
      'mutation($input: ProposeOwnershipInput!) { proposeOwnership(input: $input) { id } }',
      {
        input: {
          assetId: joint.id,
          owners: [
            {
              ownerType: 'VILLAGE_COLLECTIVE',
              ownerRef: '500101151201',
              name: '梧桐村',
              sharePercent: '33.34',
            },
            {
              ownerType: 'VILLAGE_COLLECTIVE',
              ownerRef: '500101151202',
              name: '玉合村',
              sharePercent: '33.33',
            },
            {
              ownerType: 'VILLAGE_COLLECTIVE',
              ownerRef: '500101151203',
              name: '凤鸣村',
              sharePercent: '33.33',
            },
          ],
          managementEntity: '龙驹镇',
          publicityStart: daysAgo(20),
          noticeEvidenceFileIds: [await noticeScan(officer)],
        },
      },
    );
    await officer.gql(
      'mutation($id: ID!) { confirmOwnership(proposalId: $id, certificateNo: "JOINT-1") { id } }',
      { id: p.data!.proposeOwnership.id },
    );
    const receivedBy = async (code: string): Promise<bigint> => {
      const b = await officer.gql<{ villageIncomeBalances: Array<{ received: string }> }>(
        'query($r: String) { villageIncomeBalances(regionCode: $r) { received } }',
        { r: code },
      );
      return BigInt(b.data!.villageIncomeBalances[0].received.replace('.', ''));
    };
    const before203 = await receivedBy('500101151203');
    const res = await officer.gql<{ recordIncome: Income }>(RECORD, {
      input: income({ assetId: joint.id, amount: '1000.01', kind: 'SALES' }),
    });
    expect(res.data!.recordIncome.shares.map((s) => [s.ownerRef, s.amount])).toEqual([
      ['500101151201', '333.41'],
      ['500101151202', '333.30'],
      ['500101151203', '333.30'],
    ]);
    // The asset sits at the township: its officer records the income; a co-owning village's clerk reads
    // the asset and is refused (it is kept where it is), and another township does not see it at all.
    expect(
      errorReason(
        await (await t.as('yuhe')).gql(RECORD, { input: income({ assetId: joint.id, kind: 'OTHER' }) }),
      ),
    ).toBe('OUT_OF_SCOPE');
    expect(
      errorCode(
        await (await t.as('luotian')).gql(RECORD, { input: income({ assetId: joint.id, kind: 'OTHER' }) }),
      ),
    ).toBe('NOT_FOUND');
    // Each village's share is that village's income to distribute.
    expect((await receivedBy('500101151203')) - before203).toBe(33330n);
  });

  it('repeating an idempotency key returns the first record; with another amount it is refused; nothing written', async () => {
    const key = `k-${randomUUID()}`;
    const first = await clerk.gql<{ recordIncome: Income }>(RECORD, {
      input: income({ idempotencyKey: key, kind: 'DIVIDEND' }),
    });
    const [{ n: before }] = await t.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_entry');
    const again = await clerk.gql<{ recordIncome: Income }>(RECORD, {
      input: income({ idempotencyKey: key, kind: 'DIVIDEND' }),
    });
    expect(again.data!.recordIncome.id).toBe(first.data!.recordIncome.id);
    expect(again.data!.recordIncome.amount).toBe('12000.00');
    const other = await clerk.gql<{ recordIncome: Income }>(RECORD, {
      input: income({ idempotencyKey: key, kind: 'DIVIDEND', amount: '99.00' }),
    });
    expect(errorCode(other)).toBe('CONFLICT');
    expect(errorReason(other)).toBe('IDEMPOTENCY_KEY_REUSED');
    const [{ n: after }] = await t.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_entry');
    expect(after).toBe(before);
  });

  it('20 concurrent requests with one idempotency key give one record and one ledger entry', async () => {
    const key = `race-${randomUUID()}`;
    const input = income({
      idempotencyKey: key,
      kind: 'SUBSIDY',
      periodFrom: '2026-01-01',
      periodTo: '2026-03-31',
      receivedOn: daysAgo(1),
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => clerk.gql<{ recordIncome: Income }>(RECORD, { input })),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(new Set(results.map((r) => r.data!.recordIncome.id)).size).toBe(1);
    const rows = await t.sql<{ id: string }>('SELECT id FROM income_record WHERE idempotency_key = $1', [
      key,
    ]);
    expect(rows).toHaveLength(1);
    const [{ n }] = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM ledger_entry WHERE entity_id = $1`,
      [rows[0].id],
    );
    expect(n).toBe('1');
  });

  it('overlapping periods of the same asset and kind are a CONFLICT, unless marked as a supplement', async () => {
    const a = await makeOwnedOperatingAsset(clerk, officer, '500101151201');
    expect(
      (
        await clerk.gql(RECORD, {
          input: income({ assetId: a.id, periodFrom: '2024-01-01', periodTo: '2024-06-30' }),
        })
      ).errors,
    ).toBeUndefined();
    const overlap = await clerk.gql(RECORD, {
      input: income({ assetId: a.id, periodFrom: '2024-06-01', periodTo: '2024-12-31' }),
    });
    expect(errorCode(overlap)).toBe('CONFLICT');
    expect(errorReason(overlap)).toBe('INCOME_PERIOD_OVERLAP');
    expect(overlap.errors![0].message).toBe(
      `RENT income of ${a.code} for 2024-01-01…2024-06-30 is already recorded: mark this one as a supplement if it is one`,
    );
    // In Chinese with the asset, the kind by its label and the period already recorded.
    const overlapZh = await t.inLanguage('zh-CN', () =>
      clerk.gql(RECORD, {
        input: income({ assetId: a.id, periodFrom: '2024-06-01', periodTo: '2024-12-31' }),
      }),
    );
    expect(overlapZh.errors![0].message).toBe(
      `资产 ${a.code} 在 2024-01-01 至 2024-06-30 期间的租金收益已登记；如确为补充收益，请勾选“补充收益”`,
    );
    expect(
      (
        await clerk.gql(RECORD, {
          input: income({
            assetId: a.id,
            periodFrom: '2024-06-01',
            periodTo: '2024-12-31',
            supplement: true,
          }),
        })
      ).errors,
    ).toBeUndefined();
    // Another kind for the same period is fine; the period after is fine.
    expect(
      (
        await clerk.gql(RECORD, {
          input: income({ assetId: a.id, kind: 'SALES', periodFrom: '2024-01-01', periodTo: '2024-06-30' }),
        })
      ).errors,
    ).toBeUndefined();
    expect(
      (
        await clerk.gql(RECORD, {
          input: income({ assetId: a.id, periodFrom: '2024-07-01', periodTo: '2024-12-31' }),
        })
      ).errors,
    ).toBeUndefined();
  });

  it('refuses non-operating assets, other villages, bad amounts and dates', async () => {
    const project = await makeProject(officer, { regionCode: '500101151' });
    const road = await makeAsset(clerk, project.id, {
      class: 'PUBLIC_WELFARE',
      categoryCode: 'ROADS_BRIDGES',
      operator: null,
      operatingMode: null,
      contractStart: null,
      contractEnd: null,
      contractTerms: null,
      contractAnnualAmount: null,
    });
    const notOperating = await clerk.gql(RECORD, { input: income({ assetId: road.id }) });
    expect(errorCode(notOperating)).toBe('BAD_USER_INPUT');
    expect(errorReason(notOperating)).toBe('INCOME_NOT_OPERATING');
    expect(errorCode(await (await t.as('yuhe')).gql(RECORD, { input: income({ kind: 'OTHER' }) }))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await (await t.as('district')).gql(RECORD, { input: income({ kind: 'OTHER' }) }))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await (await t.as('auditor')).gql(RECORD, { input: income({ kind: 'OTHER' }) }))).toBe(
      'FORBIDDEN',
    );
    for (const [over, field] of [
      [{ amount: '0.00' }, 'input.amount'],
      [{ amount: '-5.00' }, 'input.amount'],
      [{ periodFrom: '2025-12-01', periodTo: '2025-01-01', kind: 'OTHER' }, 'input.periodTo'],
      [{ receivedOn: '2099-01-01', kind: 'OTHER' }, 'input.receivedOn'],
      [{ idempotencyKey: 'short' }, 'input.idempotencyKey'],
    ] as const) {
      const res = await clerk.gql(RECORD, { input: income(over) });
      expect({ over, code: errorCode(res), fields: errorFields(res) }).toEqual({
        over,
        code: 'BAD_USER_INPUT',
        fields: [field],
      });
    }
    expect(errorCode(await clerk.gql(RECORD, { input: income({ assetId: randomUUID() }) }))).toBe(
      'NOT_FOUND',
    );
  });

  it('reverseIncome adds a compensating record; nothing is edited; it cannot be reversed twice', async () => {
    const a = await makeOwnedOperatingAsset(clerk, officer, '500101151201');
    const original = await clerk.gql<{ recordIncome: Income }>(RECORD, {
      input: income({ assetId: a.id, amount: '800.00' }),
    });
    const id = original.data!.recordIncome.id;
    const [before] = await t.sql<Record<string, unknown>>('SELECT * FROM income_record WHERE id = $1', [id]);
    const noReason = await clerk.gql(REVERSE, { id, reason: '' });
    expect(errorFields(noReason)).toEqual(['reason']);
    const reversed = await clerk.gql<{
      reverseIncome: { id: string; amount: string; reversesId: string; shares: Array<{ amount: string }> };
    }>(REVERSE, { id, reason: '金额录入错误' });
    expect(reversed.data!.reverseIncome).toMatchObject({
      amount: '-800.00',
      reversesId: id,
      shares: [{ amount: '-800.00' }],
    });
    const [after] = await t.sql<Record<string, unknown>>('SELECT * FROM income_record WHERE id = $1', [id]);
    expect(after).toEqual(before);
    expect(errorReason(await clerk.gql(REVERSE, { id, reason: 'again' }))).toBe('INCOME_ALREADY_REVERSED');
    expect(errorReason(await clerk.gql(REVERSE, { id: reversed.data!.reverseIncome.id, reason: 'x' }))).toBe(
      'INCOME_ALREADY_REVERSED',
    );
    // The period is free again for a corrected record.
    expect(
      (await clerk.gql(RECORD, { input: income({ assetId: a.id, amount: '8000.00' }) })).errors,
    ).toBeUndefined();
    const history = await t.gql<{
      incomeRecords: { edges: Array<{ node: { amount: string; reversedById: string | null } }> };
    }>(
      'query($id: ID!) { incomeRecords(filter: { assetId: $id }) { edges { node { amount reversedById } } } }',
      { id: a.id },
      await t.token('auditor'),
    );
    expect(history.data!.incomeRecords.edges.map((e) => e.node.amount).sort()).toEqual([
      '-800.00',
      '800.00',
      '8000.00',
    ]);
  });

  it('lists income by the date received, oldest first or newest first (direction: DESC), page by page', async () => {
    const a = await makeOwnedOperatingAsset(clerk, officer, '500101151201');
    for (const [receivedOn, amount] of [
      ['2024-03-31', '100.00'],
      ['2024-06-30', '200.00'],
      ['2024-09-30', '300.00'],
    ])
      expect(
        (
          await clerk.gql(RECORD, {
            input: income({
              assetId: a.id,
              amount,
              receivedOn,
              periodFrom: receivedOn,
              periodTo: receivedOn,
            }),
          })
        ).errors,
      ).toBeUndefined();
    type Page = {
      incomeRecords: {
        pageInfo: { endCursor: string; hasNextPage: boolean };
        edges: Array<{ node: { receivedOn: string } }>;
      };
    };
    const LIST = `query($id: ID!, $direction: OrderDirection, $after: String) {
      incomeRecords(filter: { assetId: $id }, first: 2, after: $after, direction: $direction) {
        pageInfo { endCursor hasNextPage } edges { node { receivedOn } } } }`;
    const dates = (p: Page) => p.incomeRecords.edges.map((e) => e.node.receivedOn);
    const oldest = await clerk.gql<Page>(LIST, { id: a.id });
    expect(dates(oldest.data!)).toEqual(['2024-03-31', '2024-06-30']);
    const newest = await clerk.gql<Page>(LIST, { id: a.id, direction: 'DESC' });
    expect(dates(newest.data!)).toEqual(['2024-09-30', '2024-06-30']);
    expect(newest.data!.incomeRecords.pageInfo.hasNextPage).toBe(true);
    const next = await clerk.gql<Page>(LIST, {
      id: a.id,
      direction: 'DESC',
      after: newest.data!.incomeRecords.pageInfo.endCursor,
    });
    expect(dates(next.data!)).toEqual(['2024-03-31']);
    expect(errorCode(await clerk.gql(LIST, { id: a.id, direction: 'SIDEWAYS' }))).toBe('BAD_USER_INPUT');
  });

  it("a page of the village's records names each record's asset by its code and name", async () => {
    const page = await clerk.gql<{
      incomeRecords: { edges: Array<{ node: { assetId: string; assetCode: string; assetName: string } }> };
    }>('{ incomeRecords(first: 50, direction: DESC) { edges { node { assetId assetCode assetName } } } }');
    expect(page.errors).toBeUndefined();
    const nodes = page.data!.incomeRecords.edges.map((e) => e.node);
    const ids = [...new Set(nodes.map((n) => n.assetId))];
    // The records of this file's tests are of several assets (the page must name each of its own).
    expect(ids.length).toBeGreaterThan(1);
    const assets = new Map(
      (
        await t.sql<{ id: string; code: string; name: string }>(
          'SELECT id, code, name FROM asset WHERE id = ANY($1::uuid[])',
          [ids],
        )
      ).map((r) => [r.id, r]),
    );
    for (const n of nodes) {
      expect({ code: n.assetCode, name: n.assetName }).toEqual({
        code: assets.get(n.assetId)!.code,
        name: assets.get(n.assetId)!.name,
      });
    }
  });

  it('each share names its owner as confirmed when the income was recorded; a later confirmation names only later incomes', async () => {
    const district = await t.as('district');
    const project = await makeProject(officer, { regionCode: '500101151' });
    const shared = await makeAsset(officer, project.id, { locationCode: '500101151' });
    const confirmOwners = async (departmentName: string, certificateNo: string) => {
      const proposal = await officer.gql<{ proposeOwnership: { id: string } }>(
        'mutation($input: ProposeOwnershipInput!) { proposeOwnership(input: $input) { id } }',
        {
          input: {
            assetId: shared.id,
            owners: [
              { ownerType: 'TOWNSHIP', ownerRef: '500101151', name: '龙驹镇人民政府', sharePercent: '60' },
              {
                ownerType: 'DISTRICT_DEPARTMENT',
                ownerRef: 'WZ-SLJ',
                name: departmentName,
                sharePercent: '40',
              },
            ],
            managementEntity: '龙驹镇',
            publicityStart: daysAgo(20),
            noticeEvidenceFileIds: [await noticeScan(officer)],
          },
        },
      );
      expect(proposal.errors).toBeUndefined();
      const confirmed = await district.gql(
        'mutation($id: ID!, $no: String!) { confirmOwnership(proposalId: $id, certificateNo: $no) { id } }',
        { id: proposal.data!.proposeOwnership.id, no: certificateNo },
      );
      expect(confirmed.errors).toBeUndefined();
    };
    const named = (r: { shares: Income['shares'] }) =>
      r.shares.map((s) => [s.ownerRef, s.ownerName, s.amount]);
    /** Records `amount` for a quarter of 2024 (each its own period: no overlap) and names its shares. */
    const recordNamed = async (amount: string, quarter: [from: string, to: string]) => {
      const res = await officer.gql<{ recordIncome: Income }>(RECORD, {
        input: income({
          assetId: shared.id,
          amount,
          kind: 'SALES',
          periodFrom: quarter[0],
          periodTo: quarter[1],
        }),
      });
      expect(res.errors).toBeUndefined();
      return named(res.data!.recordIncome);
    };

    // Before any confirmation: the township where the asset sits, by its region's name.
    expect(await recordNamed('100.00', ['2024-01-01', '2024-03-31'])).toEqual([
      ['500101151', '龙驹镇', '100.00'],
    ]);

    await confirmOwners('万州区水利局', `NAMES-1-${shared.code}`);
    expect(await recordNamed('1000.00', ['2024-04-01', '2024-06-30'])).toEqual([
      ['500101151', '龙驹镇人民政府', '600.00'],
      ['WZ-SLJ', '万州区水利局', '400.00'],
    ]);

    // The department is renamed by a new confirmation: the later income carries the new name, the earlier
    // ones keep the names they were split by.
    await confirmOwners('万州区水利和水务局', `NAMES-2-${shared.code}`);
    expect(await recordNamed('10.00', ['2024-07-01', '2024-09-30'])).toEqual([
      ['500101151', '龙驹镇人民政府', '6.00'],
      ['WZ-SLJ', '万州区水利和水务局', '4.00'],
    ]);
    const read = await (
      await t.as('auditor')
    ).gql<{ incomeRecords: { edges: Array<{ node: Income }> } }>(
      `query($a: ID!) { incomeRecords(first: 10, filter: { assetId: $a }) { edges { node {
         id amount shares { ownerRef ownerName amount sharePercent } } } } }`,
      { a: shared.id },
    );
    expect(read.errors).toBeUndefined();
    expect(new Map(read.data!.incomeRecords.edges.map((e) => [e.node.amount, named(e.node)]))).toEqual(
      new Map([
        ['100.00', [['500101151', '龙驹镇', '100.00']]],
        [
          '1000.00',
          [
            ['500101151', '龙驹镇人民政府', '600.00'],
            ['WZ-SLJ', '万州区水利局', '400.00'],
          ],
        ],
        [
          '10.00',
          [
            ['500101151', '龙驹镇人民政府', '6.00'],
            ['WZ-SLJ', '万州区水利和水务局', '4.00'],
          ],
        ],
      ]),
    );
  });
});
