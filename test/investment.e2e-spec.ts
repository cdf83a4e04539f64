import { AssetsService } from '@/assets/assets.service';
import { RequestContext } from '@/common/context';
import { DomainError } from '@/common/errors';
import { LockSpace, TransactionalConnection } from '@/database';
import { FundSource } from '@/projects/fund-source.enum';
import { assetInput, makeAsset, makeProject } from './support/factories';
import { Caller, errorCode, errorFields, errorReason, GqlResponse, TestApp } from './support/test-app';

const REGISTER = 'mutation($input: RegisterAssetInput!) { registerAsset(input: $input) { id code version } }';
const UPDATE_ASSET = `mutation($id: ID!, $v: Int!, $changes: AssetChangesInput!) {
  updateAsset(id: $id, expectedVersion: $v, changes: $changes) { id version investedAmount }
}`;
const UPDATE_PROJECT = `mutation($id: ID!, $v: Int!, $changes: ProjectChangesInput!) {
  updateProject(id: $id, expectedVersion: $v, changes: $changes) { id version totalInvestment }
}`;
const IMPORT = `mutation($fileId: ID!) { importAssets(fileId: $fileId, wait: true) {
  phase importedCount problems { sheet row column message } message
} }`;

const ASSET_HEADERS =
  '资产编号,资产名称,资产类别,资产形态,资产分类,所属项目,所在村/镇,数量,单位,投资额(元),原值(元),资金来源,建成日期,验收日期,移交日期,状态,状态起始日期,管护主体,管护责任人,经营主体,经营方式,合同起始日期,合同终止日期,合同条款,年租金/分红(元),被投资企业,股权协议编号,股权到期日,农户户籍编号,户主姓名';

const message = (res: GqlResponse<unknown>): string => res.errors?.[0]?.message ?? '';

/** Investment adds up: a project's assets never use more of a fund source than the project invested from it. */
describe('investment adds up, per fund source (e2e)', () => {
  let t: TestApp;
  let clerk: Caller;
  let officer: Caller;

  beforeAll(async () => {
    t = await TestApp.start();
    clerk = await t.as('wutong');
    officer = await t.as('longju');
  });
  afterAll(() => t.close());

  const project = (linkage: string, district = '100000.00') =>
    makeProject(officer, {
      regionCode: '500101151',
      fundSources: [
        { source: 'LINKAGE_FUND', amount: linkage },
        { source: 'DISTRICT_FISCAL', amount: district },
      ],
    });

  it('registerAsset beyond the project investment is refused with the amounts in yuan, and writes nothing', async () => {
    const p = await project('300000.00');
    await makeAsset(clerk, p.id); // 衔接资金 200000 + 区级财政资金 40000
    const input = assetInput(p.id);
    const res = await clerk.gql(REGISTER, { input });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(errorReason(res)).toBe('ASSET_INVESTMENT_EXCEEDS_PROJECT');
    expect(errorFields(res)).toEqual(['input.fundSources']);
    expect(message(res)).toContain(
      `exceeds the investment of project ${p.code}: LINKAGE_FUND: the project invested 300000.00 yuan, its assets 400000.00 yuan (100000.00 yuan over)`,
    );
    const zh = await t.inLanguage('zh-CN', () => clerk.gql(REGISTER, { input }));
    expect(zh.errors?.[0]?.extensions.fields).toEqual([
      {
        field: 'input.fundSources',
        label: '资金来源',
        message: `超出项目 ${p.code} 的投资：衔接资金：项目投资 300000.00 元，资产合计 400000.00 元（超出 100000.00 元）`,
      },
    ]);
    expect(await t.sql('SELECT 1 FROM asset WHERE code = $1', [input.code])).toEqual([]);

    // A fund source the project does not have at all is refused too.
    const donated = await clerk.gql(REGISTER, {
      input: assetInput(p.id, {
        investedAmount: '100.00',
        formedValue: '100.00',
        fundSources: [{ source: 'SOCIAL_DONATION', amount: '100.00' }],
      }),
    });
    expect(errorReason(donated)).toBe('ASSET_INVESTMENT_EXCEEDS_PROJECT');
    expect(message(donated)).toContain(
      'SOCIAL_DONATION: the project invested 0.00 yuan, its assets 100.00 yuan',
    );
  });

  it('updateAsset may use the project up to the fen, not one fen more', async () => {
    const p = await project('300000.00');
    const a = await makeAsset(clerk, p.id);
    const to = (linkage: string) => ({
      investedAmount: (Number(linkage) + 40000).toFixed(2),
      fundSources: [
        { source: 'LINKAGE_FUND', amount: linkage },
        { source: 'DISTRICT_FISCAL', amount: '40000.00' },
      ],
    });
    const full = await clerk.gql<{ updateAsset: { version: number } }>(UPDATE_ASSET, {
      id: a.id,
      v: a.version,
      changes: to('300000.00'),
    });
    expect(full.errors).toBeUndefined();
    const over = await clerk.gql(UPDATE_ASSET, {
      id: a.id,
      v: full.data!.updateAsset.version,
      changes: { ...to('300000.01'), formedValue: '300000.00' },
    });
    expect(errorReason(over)).toBe('ASSET_INVESTMENT_EXCEEDS_PROJECT');
    expect(errorFields(over)).toEqual(['changes.fundSources']);
    expect(message(over)).toContain(
      'LINKAGE_FUND: the project invested 300000.00 yuan, its assets 300000.01 yuan (0.01 yuan over)',
    );
  });

  it("a project's investment cannot go below what its assets use", async () => {
    const p = await project('300000.00');
    await makeAsset(clerk, p.id);
    const res = await officer.gql(UPDATE_PROJECT, {
      id: p.id,
      v: p.version,
      changes: {
        fundSources: [
          { source: 'LINKAGE_FUND', amount: '150000.00' },
          { source: 'DISTRICT_FISCAL', amount: '100000.00' },
        ],
      },
    });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(errorReason(res)).toBe('PROJECT_INVESTMENT_BELOW_ASSETS');
    expect(errorFields(res)).toEqual(['changes.fundSources']);
    expect(message(res)).toContain(
      "below what the project's assets use: LINKAGE_FUND: the project invested 150000.00 yuan, its assets 200000.00 yuan (50000.00 yuan over)",
    );
    const zh = await t.inLanguage('zh-CN', () =>
      officer.gql(UPDATE_PROJECT, {
        id: p.id,
        v: p.version,
        changes: {
          fundSources: [
            { source: 'LINKAGE_FUND', amount: '150000.00' },
            { source: 'DISTRICT_FISCAL', amount: '100000.00' },
          ],
        },
      }),
    );
    expect(zh.errors?.[0]?.extensions.fields?.[0]?.message).toBe(
      '低于项目资产已用的投资：衔接资金：项目投资 150000.00 元，资产合计 200000.00 元（超出 50000.00 元）',
    );
    // Down to exactly what is used is fine.
    const exact = await officer.gql(UPDATE_PROJECT, {
      id: p.id,
      v: p.version,
      changes: {
        fundSources: [
          { source: 'LINKAGE_FUND', amount: '200000.00' },
          { source: 'DISTRICT_FISCAL', amount: '40000.00' },
        ],
      },
    });
    expect(exact.errors).toBeUndefined();
  });

  it('concurrent registrations cannot both fit: the project is locked while one is checked', async () => {
    const p = await project('300000.00'); // room for one asset of 200000 衔接资金, not two
    const results = await Promise.all(
      Array.from({ length: 6 }, () => clerk.gql(REGISTER, { input: assetInput(p.id) })),
    );
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => errorReason(r) === 'ASSET_INVESTMENT_EXCEEDS_PROJECT').length).toBe(5);
    const [{ used }] = await t.sql<{ used: string }>(
      `SELECT coalesce(sum(f.amount), 0)::text AS used FROM asset_fund_source f JOIN asset a ON a.id = f.asset_id
        WHERE a.project_id = $1 AND f.source = 'LINKAGE_FUND'`,
      [p.id],
    );
    expect(used).toBe('20000000');
  });

  it('the Excel import checks its rows with the same rule, rows of the file together', async () => {
    const p = await project('300000.00');
    const line = (code: string): string =>
      `${code},村道硬化,公益性资产,固定资产,ROADS_BRIDGES,${p.code},500101151201,100,米,200000,198000,衔接资金:200000,2021-09-01,,,在用,,,,,,,,,,,,,,`;
    const codes = [`INV-${Date.now().toString(36)}-1`, `INV-${Date.now().toString(36)}-2`];
    const csv = `\ufeff${ASSET_HEADERS}\r\n${line(codes[0])}\r\n${line(codes[1])}\r\n`;
    const upload = await t.http
      .post('/files')
      .set('authorization', `Bearer ${clerk.token}`)
      .attach('file', Buffer.from(csv), 'roads.csv');
    expect(upload.status).toBe(201);
    const res = await clerk.gql<{
      importAssets: {
        phase: string;
        importedCount: number;
        problems: Array<{ row: number; column: string; message: string }>;
      };
    }>(IMPORT, { fileId: (upload.body as { id: string }).id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.importAssets).toMatchObject({ phase: 'FAILED', importedCount: 0 });
    expect(res.data!.importAssets.problems).toEqual([
      {
        sheet: expect.any(String),
        row: 3,
        column: '资金来源',
        message: `exceeds the investment of project ${p.code}: LINKAGE_FUND: the project invested 300000.00 yuan, its assets 400000.00 yuan (100000.00 yuan over)`,
      },
    ]);
    expect(await t.sql('SELECT 1 FROM asset WHERE code = ANY($1)', [codes])).toEqual([]);
  });

  it("an import's check under the locks: every project locked in one statement, the first one exceeded refused", async () => {
    const projects = [await project('300000.00'), await project('300000.00'), await project('300000.00')];
    // The third project's assets already use 200,000 of its 300,000 衔接资金.
    await makeAsset(clerk, projects[2].id);
    const linkage = (yuan: number) => [{ source: FundSource.LINKAGE_FUND, amount: BigInt(yuan * 100) }];
    const assets = t.app.get(AssetsService);
    const connection = t.app.get(TransactionalConnection);
    // From another session, in a statement of its own (a lock it gets is let go at the statement's end).
    const tryLock = async (projectId: string): Promise<boolean> =>
      (
        await t.sql<{ got: boolean }>('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS got', [
          LockSpace.PROJECT_INVESTMENT,
          projectId,
        ])
      )[0].got;

    // Fits: every project stays locked to the end of the transaction, against registrations elsewhere.
    const ctx = RequestContext.system('investment-batch');
    const held: boolean[] = [];
    await connection.withTransaction(ctx, async () => {
      await assets.assertInvestmentsFit(
        ctx,
        new Map([
          [projects[0].id, linkage(300000)],
          [projects[1].id, linkage(1)],
          [projects[2].id, linkage(100000)],
        ]),
        'fundSources',
      );
      const [{ n }] = await connection
        .getManager(ctx)
        .query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND pid = pg_backend_pid()`,
          [LockSpace.PROJECT_INVESTMENT],
        );
      expect(n).toBe(3);
      for (const p of projects) held.push(await tryLock(p.id));
    });
    expect(held).toEqual([false, false, false]);
    // Released at the end of it.
    for (const p of projects) expect(await tryLock(p.id)).toBe(true);

    // One fen too many for the third project (with its asset), and too much for the first: the first in
    // id order is refused, with the amounts in yuan.
    const adding = new Map([
      [projects[0].id, linkage(300001)],
      [projects[1].id, linkage(1)],
      [projects[2].id, [{ source: FundSource.LINKAGE_FUND, amount: 10_000_001n }]],
    ]);
    const first = [projects[0], projects[2]].sort((a, b) => (a.id < b.id ? -1 : 1))[0];
    const ctx2 = RequestContext.system('investment-batch-2');
    const refused = await connection
      .withTransaction(ctx2, () => assets.assertInvestmentsFit(ctx2, adding, 'fundSources'))
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).message).toContain(
      `exceeds the investment of project ${first.code}: LINKAGE_FUND: the project invested 300000.00 yuan`,
    );
    expect((refused as DomainError).message).toContain(
      first === projects[0]
        ? 'its assets 300001.00 yuan (1.00 yuan over)'
        : 'its assets 300000.01 yuan (0.01 yuan over)',
    );
  });

  it('a project tells what each fund source invested, what its assets in every village use and what remains', async () => {
    const p = await project('300000.00');
    await makeAsset(clerk, p.id); // 梧桐村: 衔接资金 200000 + 区级财政资金 40000
    const yuhe = await t.as('yuhe');
    await makeAsset(yuhe, p.id, {
      locationCode: '500101151202',
      investedAmount: '50000.00',
      formedValue: '50000.00',
      fundSources: [{ source: 'LINKAGE_FUND', amount: '50000.00' }],
    });
    const USE = `query($id: ID!, $text: String) {
      project(id: $id) { totalInvestment usedInvestment remainingInvestment investmentUse { source invested used remaining } }
      projects(filter: { text: $text }) { edges { node { code remainingInvestment investmentUse { source remaining } } } }
    }`;
    type Use = { source: string; invested: string; used: string; remaining: string };
    const read = async (caller: Caller) =>
      (
        await caller.gql<{
          project: {
            totalInvestment: string;
            usedInvestment: string;
            remainingInvestment: string;
            investmentUse: Use[];
          };
          projects: {
            edges: Array<{ node: { code: string; remainingInvestment: string; investmentUse: Use[] } }>;
          };
        }>(USE, { id: p.id, text: p.code })
      ).data!;

    // The clerk of 梧桐村 reads what 玉合村's asset uses too: it is what a new asset of the project may take.
    const seen = await read(clerk);
    expect(seen.project).toEqual({
      totalInvestment: '400000.00',
      usedInvestment: '290000.00',
      remainingInvestment: '110000.00',
      investmentUse: [
        { source: 'DISTRICT_FISCAL', invested: '100000.00', used: '40000.00', remaining: '60000.00' },
        { source: 'LINKAGE_FUND', invested: '300000.00', used: '250000.00', remaining: '50000.00' },
      ],
    });
    expect(seen.projects.edges).toEqual([
      {
        node: {
          code: p.code,
          remainingInvestment: '110000.00',
          investmentUse: [
            { source: 'DISTRICT_FISCAL', remaining: '60000.00' },
            { source: 'LINKAGE_FUND', remaining: '50000.00' },
          ],
        },
      },
    ]);

    // What remains is what registerAsset accepts: all of it, to the fen, then not one fen more.
    const rest = assetInput(p.id, {
      investedAmount: '50000.00',
      formedValue: '50000.00',
      fundSources: [{ source: 'LINKAGE_FUND', amount: '50000.00' }],
    });
    expect((await clerk.gql(REGISTER, { input: rest })).errors).toBeUndefined();
    expect((await read(officer)).project.investmentUse[1]).toEqual({
      source: 'LINKAGE_FUND',
      invested: '300000.00',
      used: '300000.00',
      remaining: '0.00',
    });
    const more = await clerk.gql(REGISTER, {
      input: {
        ...rest,
        code: `${String(rest.code)}-2`,
        investedAmount: '0.01',
        formedValue: '0.01',
        fundSources: [{ source: 'LINKAGE_FUND', amount: '0.01' }],
      },
    });
    expect(errorReason(more)).toBe('ASSET_INVESTMENT_EXCEEDS_PROJECT');

    // A village of another township reads neither the project nor what it holds.
    const outside = await (await t.as('daping')).gql(USE, { id: p.id, text: p.code });
    expect(errorCode(outside)).toBe('NOT_FOUND');
  });
});
