import { randomUUID } from 'node:crypto';
import { daysAgo, makeAsset, makeOwnedOperatingAsset, makeProject, AssetRef } from './support/factories';
import { Caller, errorCode, errorFields, errorReason, GqlResponse, TestApp } from './support/test-app';

const OPERATOR_FIELDS = 'id regionCode kind name uscc idNumber contactPerson contactPhone version';
const REGISTER_OPERATOR = `mutation($input: RegisterOperatorInput!) { registerOperator(input: $input) { ${OPERATOR_FIELDS} } }`;
const CONTRACT_FIELDS = `id code kind status inForce regionCode ownerName startDate endDate terminatedOn amount schedule
  guaranteedMinimum equityPrincipal equityMaturityDate principalReturnedOn principalReturnedAmount version
  operator { id name contactPhone } assets { id code }
  payments { asOf dueToDate received outstanding overdueSince overdueDays installments { periodFrom periodTo dueOn amount received due } }
  versions { versionNo change effectiveFrom endDate amount schedule principalReturned note }`;
const SIGN = `mutation($input: SignContractInput!) { signContract(input: $input) { ${CONTRACT_FIELDS} } }`;
const RENEW = `mutation($id: ID!, $v: Int, $input: RenewContractInput!) { renewContract(id: $id, expectedVersion: $v, input: $input) { ${CONTRACT_FIELDS} } }`;
const AMEND = `mutation($id: ID!, $v: Int, $input: AmendContractInput!) { amendContract(id: $id, expectedVersion: $v, input: $input) { ${CONTRACT_FIELDS} } }`;
const TERMINATE = `mutation($id: ID!, $input: TerminateContractInput!) { terminateContract(id: $id, input: $input) { ${CONTRACT_FIELDS} } }`;
const RETURN_PRINCIPAL = `mutation($id: ID!, $input: ReturnPrincipalInput!) { recordPrincipalReturn(id: $id, input: $input) { ${CONTRACT_FIELDS} } }`;
const CONTRACT = `query($id: ID!) { contract(id: $id) { ${CONTRACT_FIELDS} } }`;
const RECORD_INCOME =
  'mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { id amount contractId } }';
const REVERSE_INCOME =
  'mutation($id: ID!) { reverseIncome(id: $id, reason: "金额录错") { id amount contractId } }';
const RED_FLAGS =
  'query($r: String, $k: [RedFlagKind!], $t: RedFlagThresholds) { redFlags(regionCode: $r, kinds: $k, thresholds: $t) { flags { kind threshold count records { entityType entityId code name regionCode since days amount } } } }';

interface Operator {
  id: string;
  regionCode: string;
  uscc: string | null;
  idNumber: string | null;
  contactPerson: string | null;
  contactPhone: string | null;
}
interface Contract {
  id: string;
  code: string;
  status: string;
  inForce: boolean;
  endDate: string;
  version: number;
  operator: { id: string; name: string; contactPhone: string | null };
  assets: Array<{ id: string; code: string }>;
  payments: {
    dueToDate: string;
    received: string;
    outstanding: string;
    overdueSince: string | null;
    overdueDays: number | null;
    installments: Array<{ dueOn: string; amount: string; received: string; due: boolean }>;
  };
  versions: Array<{
    versionNo: number;
    change: string;
    effectiveFrom: string;
    endDate: string;
    amount: string;
  }>;
  principalReturnedOn: string | null;
}
interface Flag {
  kind: string;
  threshold: number;
  count: number;
  records: Array<{
    entityType: string;
    entityId: string;
    code: string;
    since: string | null;
    amount: string | null;
  }>;
}

const today = daysAgo(0);
const inDays = (days: number): string => daysAgo(-days);
const key = (): string => `k-${randomUUID()}`;
let n = 0;
const contractCode = (): string => `HT-${Date.now().toString(36)}-${n++}`;

/** Han characters: Chinese text. */
const HAN = /[\u4e00-\u9fff]/;

describe('operators and contracts (e2e)', () => {
  let t: TestApp;
  let clerk: Caller; // 梧桐村
  let otherClerk: Caller; // 玉合村, same township
  let officer: Caller; // 龙驹镇
  let otherOfficer: Caller; // 罗田镇
  let auditor: Caller;
  let asset: AssetRef;
  let asset2: AssetRef;
  let enterprise: Operator;

  const operatorInput = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
    kind: 'ENTERPRISE',
    name: '万州区梧桐农业开发有限公司',
    uscc: '91350100M000100Y43',
    contactPerson: '李经理',
    contactPhone: '13812345678',
    idempotencyKey: key(),
    ...over,
  });
  const leaseInput = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
    code: contractCode(),
    kind: 'LEASE',
    operatorId: enterprise.id,
    ownerName: '梧桐村股份经济合作联合社',
    assetIds: [asset.id],
    startDate: '2020-01-01',
    endDate: '2040-12-31',
    amount: '1000.00',
    schedule: 'ANNUAL',
    idempotencyKey: key(),
    ...over,
  });
  const sign = async (
    caller: Caller,
    over: Record<string, unknown> = {},
  ): Promise<GqlResponse<{ signContract: Contract }>> =>
    caller.gql<{ signContract: Contract }>(SIGN, { input: leaseInput(over) });
  const signed = async (over: Record<string, unknown> = {}): Promise<Contract> => {
    const res = await sign(clerk, over);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.signContract;
  };
  const count = async (table: string): Promise<number> =>
    Number((await t.sql<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const ledgerCount = async (id: string, action: string): Promise<number> =>
    Number(
      (
        await t.sql<{ n: string }>(
          'SELECT count(*) AS n FROM ledger_entry WHERE entity_id = $1 AND action = $2',
          [id, action],
        )
      )[0].n,
    );
  const flags = async (caller: Caller, kind: string, region = '500101151'): Promise<Flag> => {
    const res = await caller.gql<{ redFlags: { flags: Flag[] } }>(RED_FLAGS, { r: region, k: [kind] });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.redFlags.flags[0];
  };

  beforeAll(async () => {
    t = await TestApp.start();
    clerk = await t.as('wutong');
    otherClerk = await t.as('yuhe');
    officer = await t.as('longju');
    otherOfficer = await t.as('luotian');
    auditor = await t.as('auditor');
    asset = await makeOwnedOperatingAsset(clerk, officer, '500101151201');
    asset2 = await makeOwnedOperatingAsset(clerk, officer, '500101151201');
  });
  afterAll(() => t.close());

  describe('the operator register', () => {
    it('an enterprise with a valid unified social credit code; one ledger entry; a repeated key replays', async () => {
      const input = operatorInput();
      const res = await clerk.gql<{ registerOperator: Operator }>(REGISTER_OPERATOR, { input });
      expect(res.errors).toBeUndefined();
      enterprise = res.data!.registerOperator;
      expect(enterprise).toMatchObject({
        regionCode: '500101151201',
        uscc: '91350100M000100Y43',
        contactPerson: '李经理',
        contactPhone: '13812345678',
      });
      expect(await ledgerCount(enterprise.id, 'OPERATOR_REGISTERED')).toBe(1);
      const again = await clerk.gql<{ registerOperator: Operator }>(REGISTER_OPERATOR, { input });
      expect(again.data!.registerOperator.id).toBe(enterprise.id);
      expect(await ledgerCount(enterprise.id, 'OPERATOR_REGISTERED')).toBe(1);
    });

    it.each([
      ['a mistyped check character', { uscc: '91350100M000100Y44' }, 'input.uscc', '校验位'],
      ['a code with the letter O', { uscc: '91350100M0001O0Y43' }, 'input.uscc', '不含 I'],
      [
        'an enterprise without a code',
        { uscc: undefined, name: '无代码公司' },
        'input.uscc',
        '统一社会信用代码',
      ],
      ['a cooperative with a short code', { kind: 'COOPERATIVE', uscc: '9350010' }, 'input.uscc', '18 位'],
      [
        'an individual without an ID number',
        { kind: 'INDIVIDUAL', uscc: undefined },
        'input.idNumber',
        '身份证',
      ],
      [
        'an individual with a wrong ID check digit',
        { kind: 'INDIVIDUAL', uscc: undefined, idNumber: '110105194912310021' },
        'input.idNumber',
        '身份证',
      ],
      [
        'a malformed phone',
        { uscc: '91110000600037341L', contactPhone: '电话' },
        'input.contactPhone',
        '联系电话',
      ],
    ])('refuses %s, in English or Chinese, writing nothing', async (_what, over, field, words) => {
      const before = await count('operator');
      const res = await clerk.gql(REGISTER_OPERATOR, { input: operatorInput(over) });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(errorReason(res)).toBe('VALIDATION_FAILED');
      expect(errorFields(res)).toContain(field);
      expect(res.errors![0].message).not.toMatch(HAN);
      const zh = await t.inLanguage('zh-CN', () =>
        clerk.gql(REGISTER_OPERATOR, { input: operatorInput(over) }),
      );
      expect(errorReason(zh)).toBe('VALIDATION_FAILED');
      expect(zh.errors![0].message).toContain(words);
      expect(await count('operator')).toBe(before);
    });

    it('one code once per village', async () => {
      const res = await clerk.gql(REGISTER_OPERATOR, { input: operatorInput() });
      expect(errorCode(res)).toBe('CONFLICT');
      expect(errorReason(res)).toBe('OPERATOR_DUPLICATE_USCC');
      // Another village registers the same enterprise for its own contracts.
      const other = await otherClerk.gql<{ registerOperator: Operator }>(REGISTER_OPERATOR, {
        input: operatorInput(),
      });
      expect(other.errors).toBeUndefined();
    });

    it('every kind: cooperative, family farm (code optional), individual (ID number)', async () => {
      for (const over of [
        { kind: 'COOPERATIVE', name: '梧桐蔬菜专业合作社', uscc: '93500101MA60ABCD1C' },
        { kind: 'FAMILY_FARM', name: '张家家庭农场', uscc: undefined },
        { kind: 'INDIVIDUAL', name: '王能人', uscc: undefined, idNumber: '11010519491231002X' },
      ]) {
        const res = await clerk.gql(REGISTER_OPERATOR, { input: operatorInput(over) });
        expect(res.errors).toBeUndefined();
      }
    });

    it('personal data in full for the village and its township, masked for the district and auditors', async () => {
      const individual = await clerk.gql<{ registerOperator: Operator }>(REGISTER_OPERATOR, {
        input: operatorInput({
          kind: 'INDIVIDUAL',
          name: '赵能人',
          uscc: undefined,
          idNumber: '11010519491231002X',
        }),
      });
      const id = individual.data!.registerOperator.id;
      const read = async (caller: Caller): Promise<GqlResponse<{ operator: Operator }>> =>
        caller.gql<{ operator: Operator }>(`query($id: ID!) { operator(id: $id) { ${OPERATOR_FIELDS} } }`, {
          id,
        });
      expect((await read(officer)).data!.operator).toMatchObject({
        idNumber: '11010519491231002X',
        contactPhone: '13812345678',
        contactPerson: '李经理',
      });
      expect((await read(auditor)).data!.operator).toMatchObject({
        idNumber: '1101**********002X',
        contactPhone: '138****5678',
        contactPerson: '李**',
      });
      expect(errorCode(await read(otherClerk))).toBe('NOT_FOUND');
      expect(errorCode(await read(otherOfficer))).toBe('NOT_FOUND');
      // The ledger holds masks and digests, never the numbers.
      const [entry] = await t.sql<{ state: string }>(
        `SELECT convert_from(canonical, 'UTF8') AS state FROM ledger_entry WHERE entity_id = $1`,
        [id],
      );
      expect(entry.state).toContain('1101**********002X');
      expect(entry.state).not.toContain('11010519491231002X');
      expect(entry.state).not.toContain('13812345678');
    });

    it('only a village clerk registers: township, district and auditor are refused', async () => {
      for (const caller of [officer, auditor, await t.as('district')]) {
        const res = await caller.gql(REGISTER_OPERATOR, {
          input: operatorInput({ uscc: '91110108551385082Q' }),
        });
        expect(errorCode(res)).toBe('FORBIDDEN');
      }
    });
  });

  describe('contracts', () => {
    it('a lease of two assets; one version, one ledger entry; a repeated key replays', async () => {
      const input = leaseInput({ assetIds: [asset.id, asset2.id] });
      const res = await clerk.gql<{ signContract: Contract }>(SIGN, { input });
      expect(res.errors).toBeUndefined();
      const c = res.data!.signContract;
      expect(c).toMatchObject({ status: 'ACTIVE', inForce: true, endDate: '2040-12-31' });
      expect(c.assets.map((a) => a.id).sort()).toEqual([asset.id, asset2.id].sort());
      expect(c.versions).toEqual([
        expect.objectContaining({ versionNo: 1, change: 'SIGNED', effectiveFrom: '2020-01-01' }),
      ]);
      expect(await ledgerCount(c.id, 'CONTRACT_SIGNED')).toBe(1);
      const again = await clerk.gql<{ signContract: Contract }>(SIGN, { input });
      expect(again.data!.signContract.id).toBe(c.id);
      expect(await ledgerCount(c.id, 'CONTRACT_SIGNED')).toBe(1);
      // The legacy text fields of the asset are kept as they were.
      const a = await clerk.gql<{
        asset: { operator: string; contractEnd: string; contracts: Array<{ id: string }> };
      }>('query($id: ID!) { asset(id: $id) { operator contractEnd contracts { id } } }', { id: asset.id });
      expect(a.data!.asset.operator).toBe('万州区梧桐蔬菜专业合作社');
      expect(a.data!.asset.contracts.map((x) => x.id)).toContain(c.id);
    });

    it.each([
      ['a term that ends before it starts', { endDate: '2019-12-31' }, 'input.endDate'],
      ['a term that ends the day it starts', { endDate: '2020-01-01' }, 'input.endDate'],
      ['equity without principal or maturity', { kind: 'EQUITY' }, 'input.equityPrincipal'],
      [
        'equity maturing before it starts',
        { kind: 'EQUITY', equityPrincipal: '500000.00', equityMaturityDate: '2019-01-01' },
        'input.equityMaturityDate',
      ],
      ['a principal on a lease', { equityPrincipal: '500000.00' }, 'input.equityPrincipal'],
    ])('refuses %s, writing nothing', async (_what, over, field) => {
      const before = await count('contract');
      const res = await sign(clerk, over);
      expect(errorReason(res)).toBe('VALIDATION_FAILED');
      expect(errorFields(res)).toContain(field);
      // English on request, Chinese for the console.
      expect(res.errors![0].message).not.toMatch(HAN);
      const zh = await t.inLanguage('zh-CN', () => sign(clerk, over));
      expect(errorReason(zh)).toBe('VALIDATION_FAILED');
      expect(zh.errors![0].message).toMatch(HAN);
      expect(zh.errors![0].message).not.toMatch(/\b(?:must|needs|only)\b/);
      expect(await count('contract')).toBe(before);
    });

    it('refuses an asset outside the village, a public-welfare asset and an operator of another village', async () => {
      const before = await count('contract');
      const theirs = await makeOwnedOperatingAsset(otherClerk, officer, '500101151202');
      expect(errorReason(await sign(clerk, { assetIds: [asset.id, theirs.id] }))).toBe('ASSET_NOT_FOUND');
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
      const welfare = await sign(clerk, { assetIds: [road.id] });
      expect(errorFields(welfare)).toEqual(['input.assetIds[0]']);
      expect(welfare.errors![0].message).toContain(`asset ${road.code} is not an operating asset`);
      expect(welfare.errors![0].message).not.toMatch(HAN);
      const zhWelfare = await t.inLanguage('zh-CN', () => sign(clerk, { assetIds: [road.id] }));
      expect(zhWelfare.errors![0].message).toMatch(
        new RegExp(`^填写的内容有误：「[^」]+」资产 ${road.code} 不是经营性资产$`),
      );
      expect(zhWelfare.errors![0].extensions.fields![0].message).toBe(`资产 ${road.code} 不是经营性资产`);
      const theirOperator = await otherClerk.gql<{ registerOperator: Operator }>(REGISTER_OPERATOR, {
        input: operatorInput({ uscc: '91440300708461136T' }),
      });
      expect(errorReason(await sign(clerk, { operatorId: theirOperator.data!.registerOperator.id }))).toBe(
        'OPERATOR_NOT_FOUND',
      );
      expect(await count('contract')).toBe(before);
    });

    it('only the village clerk signs: the township officer and the auditor are refused', async () => {
      expect(errorCode(await sign(officer))).toBe('FORBIDDEN');
      expect(errorCode(await sign(auditor))).toBe('FORBIDDEN');
      const code = contractCode();
      await signed({ code });
      const dup = await sign(clerk, { code });
      expect(errorReason(dup)).toBe('CONTRACT_DUPLICATE_CODE');
    });

    it('renewal, amendment and early termination: a version and a ledger entry each, in order', async () => {
      const c = await signed({ startDate: '2022-01-01', endDate: '2026-12-31', amount: '1200.00' });
      // Renewal: the new end after the current one.
      const early = await clerk.gql(RENEW, { id: c.id, input: { endDate: '2026-06-30' } });
      expect(errorFields(early)).toEqual(['input.endDate']);
      const renewed = await clerk.gql<{ renewContract: Contract }>(RENEW, {
        id: c.id,
        v: c.version,
        input: { endDate: '2031-12-31', amount: '1500.00', note: '续签五年' },
      });
      expect(renewed.errors).toBeUndefined();
      expect(renewed.data!.renewContract.versions.map((v) => [v.change, v.effectiveFrom, v.amount])).toEqual([
        ['SIGNED', '2022-01-01', '1200.00'],
        ['RENEWED', '2027-01-01', '1500.00'],
      ]);
      // A stale version is refused.
      const stale = await clerk.gql(AMEND, {
        id: c.id,
        v: c.version,
        input: { effectiveFrom: '2028-01-01', amount: '1600.00', note: '补充协议' },
      });
      expect(errorReason(stale)).toBe('STALE_VERSION');
      // An amendment cannot take effect before the last change.
      const before = await clerk.gql(AMEND, {
        id: c.id,
        input: { effectiveFrom: '2023-01-01', amount: '1600.00', note: '补充协议' },
      });
      expect(errorFields(before)).toEqual(['input.effectiveFrom']);
      const amended = await clerk.gql<{ amendContract: Contract }>(AMEND, {
        id: c.id,
        input: { effectiveFrom: '2028-01-01', amount: '1600.00', note: '补充协议：租金调整' },
      });
      expect(amended.data!.amendContract.versions.map((v) => v.change)).toEqual([
        'SIGNED',
        'RENEWED',
        'AMENDED',
      ]);
      // Termination must be early; then the contract takes no more changes.
      const late = await clerk.gql(TERMINATE, {
        id: c.id,
        input: { terminatedOn: '2031-12-31', reason: '到期' },
      });
      expect(errorFields(late)).toEqual(['input.terminatedOn']);
      const ended = await clerk.gql<{ terminateContract: Contract }>(TERMINATE, {
        id: c.id,
        input: { terminatedOn: '2029-06-30', reason: '经营主体退出' },
      });
      expect(ended.data!.terminateContract).toMatchObject({
        status: 'TERMINATED',
        terminatedOn: '2029-06-30',
      });
      const again = await clerk.gql(RENEW, { id: c.id, input: { endDate: '2035-12-31' } });
      expect(errorReason(again)).toBe('CONTRACT_WRONG_STATUS');
      const actions = await t.sql<{ action: string }>(
        'SELECT action FROM ledger_entry WHERE entity_id = $1 ORDER BY idx',
        [c.id],
      );
      expect(actions.map((a) => a.action)).toEqual([
        'CONTRACT_SIGNED',
        'CONTRACT_RENEWED',
        'CONTRACT_AMENDED',
        'CONTRACT_TERMINATED',
      ]);
      // The versions are readable by the township and the auditor.
      const read = await auditor.gql<{ contract: Contract }>(CONTRACT, { id: c.id });
      expect(read.data!.contract.versions).toHaveLength(4);
    });

    it('scope: another village or township does not see it; the township and auditor read but do not write', async () => {
      const c = await signed();
      expect(errorReason(await otherClerk.gql(CONTRACT, { id: c.id }))).toBe('CONTRACT_NOT_FOUND');
      expect(errorReason(await otherOfficer.gql(CONTRACT, { id: c.id }))).toBe('CONTRACT_NOT_FOUND');
      expect((await officer.gql<{ contract: Contract }>(CONTRACT, { id: c.id })).data!.contract.id).toBe(
        c.id,
      );
      expect(
        errorCode(
          await officer.gql(TERMINATE, { id: c.id, input: { terminatedOn: '2025-01-01', reason: '测试' } }),
        ),
      ).toBe('FORBIDDEN');
      expect(errorCode(await auditor.gql(RENEW, { id: c.id, input: { endDate: '2045-12-31' } }))).toBe(
        'FORBIDDEN',
      );
      expect(errorReason(await otherClerk.gql(RENEW, { id: c.id, input: { endDate: '2045-12-31' } }))).toBe(
        'CONTRACT_NOT_FOUND',
      );
      const list = await otherOfficer.gql<{ contracts: { edges: Array<{ node: { id: string } }> } }>(
        '{ contracts(first: 100) { edges { node { id } } } }',
      );
      expect(list.data!.contracts.edges.map((x) => x.node.id)).not.toContain(c.id);
      const mine = await officer.gql<{ contracts: { edges: Array<{ node: { id: string } }> } }>(
        'query($a: ID) { contracts(first: 100, filter: { assetId: $a }) { edges { node { id } } } }',
        { a: asset.id },
      );
      expect(mine.data!.contracts.edges.map((x) => x.node.id)).toContain(c.id);
    });
  });

  describe('income under a contract: what is due and what was received', () => {
    let c: Contract;
    let own: AssetRef;
    const income = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
      assetId: own.id,
      contractId: c.id,
      amount: '1000.00',
      periodFrom: '2020-01-01',
      periodTo: '2020-12-31',
      kind: 'RENT',
      receivedOn: '2021-01-05',
      idempotencyKey: key(),
      supplement: false,
      ...over,
    });

    beforeAll(async () => {
      own = await makeOwnedOperatingAsset(clerk, officer, '500101151201');
      c = await signed({
        assetIds: [own.id],
        startDate: '2020-01-01',
        endDate: '2040-12-31',
        amount: '1000.00',
      });
    });

    it('links income to its contract; the oldest installment is paid, the rest is owed', async () => {
      const res = await clerk.gql<{ recordIncome: { id: string; contractId: string } }>(RECORD_INCOME, {
        input: income(),
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!.recordIncome.contractId).toBe(c.id);
      const year = Number(today.slice(0, 4));
      const lastDue = today >= `${year}-12-31` ? year : year - 1;
      const dueYears = lastDue - 2020 + 1;
      const read = (await officer.gql<{ contract: Contract }>(CONTRACT, { id: c.id })).data!.contract;
      expect(read.payments.dueToDate).toBe(`${dueYears * 1000}.00`);
      expect(read.payments.received).toBe('1000.00');
      expect(read.payments.outstanding).toBe(`${(dueYears - 1) * 1000}.00`);
      expect(read.payments.overdueSince).toBe('2021-12-31');
      expect(read.payments.installments[0]).toMatchObject({
        dueOn: '2020-12-31',
        received: '1000.00',
        due: true,
      });
      expect(read.payments.installments.filter((x) => x.due)).toHaveLength(dueYears);
      // A reversal keeps the contract: nothing received any more.
      const reversed = await clerk.gql<{ reverseIncome: { contractId: string } }>(REVERSE_INCOME, {
        id: res.data!.recordIncome.id,
      });
      expect(reversed.data!.reverseIncome.contractId).toBe(c.id);
      const after = (await officer.gql<{ contract: Contract }>(CONTRACT, { id: c.id })).data!.contract;
      expect(after.payments.received).toBe('0.00');
      expect(after.payments.overdueSince).toBe('2020-12-31');
      await clerk.gql(RECORD_INCOME, { input: income({ periodFrom: '2020-01-01', supplement: true }) });
    });

    it.each([
      [
        'a period before the contract',
        { periodFrom: '2019-01-01', periodTo: '2019-12-31', receivedOn: '2020-01-05' },
        'input.contractId',
      ],
      ['another asset', 'asset', 'input.contractId'],
      [
        'sales income',
        { kind: 'SALES', periodFrom: '2021-01-01', periodTo: '2021-12-31', receivedOn: '2022-01-05' },
        'input.kind',
      ],
    ])(
      'refuses income under a contract not in force or not its own: %s; nothing written',
      async (_what, over, field) => {
        const before = await count('income_record');
        const input =
          over === 'asset'
            ? income({ assetId: asset.id, periodFrom: '2021-01-01', periodTo: '2021-12-31' })
            : income(over as Record<string, unknown>);
        const res = await clerk.gql(RECORD_INCOME, { input });
        expect(errorCode(res)).toBe('BAD_USER_INPUT');
        expect(errorReason(res)).toBe('CONTRACT_NOT_IN_FORCE');
        expect(errorFields(res)).toContain(field);
        expect(await count('income_record')).toBe(before);
      },
    );

    it('income is what its contract pays: no dividend under a lease, no rent under an equity stake; nothing written', async () => {
      const before = await count('income_record');
      const dividend = await clerk.gql(RECORD_INCOME, {
        input: income({
          kind: 'DIVIDEND',
          periodFrom: '2022-01-01',
          periodTo: '2022-12-31',
          receivedOn: '2023-01-05',
        }),
      });
      expect(errorReason(dividend)).toBe('CONTRACT_NOT_IN_FORCE');
      expect(errorFields(dividend)).toEqual(['input.kind']);
      expect(dividend.errors![0].message).toContain(`contract ${c.code} (LEASE) pays RENT, not DIVIDEND`);
      const zh = await t.inLanguage('zh-CN', () =>
        clerk.gql(RECORD_INCOME, {
          input: income({
            kind: 'DIVIDEND',
            periodFrom: '2022-01-01',
            periodTo: '2022-12-31',
            receivedOn: '2023-01-05',
          }),
        }),
      );
      expect(zh.errors![0].extensions.fields).toEqual([
        {
          field: 'input.kind',
          label: '类型',
          message: `合同 ${c.code} 为租赁合同，其项下的收益为租金，不是分红`,
        },
      ]);
      const equity = await signed({
        kind: 'EQUITY',
        assetIds: [own.id],
        startDate: '2020-01-01',
        endDate: '2040-12-31',
        amount: '800.00',
        guaranteedMinimum: '800.00',
        equityPrincipal: '100000.00',
        equityMaturityDate: '2035-01-01',
      });
      const rent = await clerk.gql(RECORD_INCOME, {
        input: income({
          contractId: equity.id,
          periodFrom: '2022-01-01',
          periodTo: '2022-12-31',
          receivedOn: '2023-01-05',
        }),
      });
      expect(errorFields(rent)).toEqual(['input.kind']);
      expect(await count('income_record')).toBe(before);
      // The dividend the equity stake pays is recorded under it.
      const paid = await clerk.gql<{ recordIncome: { contractId: string } }>(RECORD_INCOME, {
        input: income({
          contractId: equity.id,
          kind: 'DIVIDEND',
          amount: '800.00',
          periodFrom: '2022-01-01',
          periodTo: '2022-12-31',
          receivedOn: '2023-01-05',
        }),
      });
      expect(paid.errors).toBeUndefined();
      expect(paid.data!.recordIncome.contractId).toBe(equity.id);
    });

    it('refuses income under a terminated contract after its last day, and a contract out of scope', async () => {
      const ended = await signed({ assetIds: [own.id], startDate: '2020-01-01', endDate: '2040-12-31' });
      await clerk.gql(TERMINATE, { id: ended.id, input: { terminatedOn: '2021-06-30', reason: '退出' } });
      const res = await clerk.gql(RECORD_INCOME, {
        input: income({
          contractId: ended.id,
          periodFrom: '2021-07-01',
          periodTo: '2021-12-31',
          receivedOn: '2022-01-05',
        }),
      });
      expect(errorReason(res)).toBe('CONTRACT_NOT_IN_FORCE');
      const theirAsset = await makeOwnedOperatingAsset(otherClerk, officer, '500101151202');
      const outside = await otherClerk.gql(RECORD_INCOME, {
        input: income({ assetId: theirAsset.id, periodFrom: '2021-01-01', periodTo: '2021-12-31' }),
      });
      expect(errorReason(outside)).toBe('CONTRACT_NOT_FOUND');
    });
  });

  describe('red flags', () => {
    it('CONTRACT_PAYMENT_OVERDUE: rent unpaid beyond the grace days', async () => {
      const own = await makeOwnedOperatingAsset(clerk, officer, '500101151201');
      const c = await signed({
        assetIds: [own.id],
        startDate: '2023-01-01',
        endDate: '2040-12-31',
        amount: '800.00',
      });
      const flag = await flags(officer, 'CONTRACT_PAYMENT_OVERDUE');
      const record = flag.records.find((r) => r.entityId === c.id);
      expect(record).toMatchObject({ entityType: 'Contract', code: c.code, since: '2023-12-31' });
      expect(flag.threshold).toBe(30);
      // The district sees it too; another township does not.
      expect(
        (await flags(await t.as('district'), 'CONTRACT_PAYMENT_OVERDUE', '500101')).records.map(
          (r) => r.entityId,
        ),
      ).toContain(c.id);
      expect(
        errorCode(await otherOfficer.gql(RED_FLAGS, { r: '500101151', k: ['CONTRACT_PAYMENT_OVERDUE'] })),
      ).toBe('FORBIDDEN');
    });

    it('CONTRACT_ENDING_NO_RENEWAL: ends within 90 days; a renewal clears it', async () => {
      const own = await makeOwnedOperatingAsset(clerk, officer, '500101151201');
      const c = await signed({
        assetIds: [own.id],
        startDate: daysAgo(300),
        endDate: inDays(30),
        amount: '0.00',
      });
      expect((await flags(officer, 'CONTRACT_ENDING_NO_RENEWAL')).records.map((r) => r.entityId)).toContain(
        c.id,
      );
      await clerk.gql(RENEW, { id: c.id, input: { endDate: inDays(3 * 365) } });
      expect(
        (await flags(officer, 'CONTRACT_ENDING_NO_RENEWAL')).records.map((r) => r.entityId),
      ).not.toContain(c.id);
    });

    it('OPERATING_ASSET_NO_CONTRACT: an operating asset with legacy text only; a contract in force clears it', async () => {
      const own = await makeOwnedOperatingAsset(clerk, officer, '500101151201');
      expect((await flags(officer, 'OPERATING_ASSET_NO_CONTRACT')).records.map((r) => r.entityId)).toContain(
        own.id,
      );
      await signed({ assetIds: [own.id], startDate: daysAgo(10), endDate: inDays(1000), amount: '0.00' });
      expect(
        (await flags(officer, 'OPERATING_ASSET_NO_CONTRACT')).records.map((r) => r.entityId),
      ).not.toContain(own.id);
      // A self-run asset needs no contract.
      const selfRun = await makeOwnedOperatingAsset(clerk, officer, '500101151201', {
        operatingMode: 'SELF_RUN',
      });
      expect(
        (await flags(officer, 'OPERATING_ASSET_NO_CONTRACT')).records.map((r) => r.entityId),
      ).not.toContain(selfRun.id);
    });

    it('EQUITY_PRINCIPAL_NOT_RETURNED: past maturity; recording the return (an event) clears it', async () => {
      const own = await makeOwnedOperatingAsset(clerk, officer, '500101151201');
      const c = await signed({
        kind: 'EQUITY',
        assetIds: [own.id],
        startDate: '2019-01-01',
        endDate: '2040-12-31',
        amount: '0.00',
        guaranteedMinimum: '30000.00',
        equityPrincipal: '500000.00',
        equityMaturityDate: '2024-01-01',
      });
      const flag = await flags(officer, 'EQUITY_PRINCIPAL_NOT_RETURNED');
      expect(flag.records.find((r) => r.entityId === c.id)).toMatchObject({
        since: '2024-01-01',
        amount: '500000.00',
      });
      const lease = await signed();
      expect(
        errorReason(
          await clerk.gql(RETURN_PRINCIPAL, {
            id: lease.id,
            input: { returnedOn: '2024-01-02', amount: '1.00' },
          }),
        ),
      ).toBe('VALIDATION_FAILED');
      const future = await clerk.gql(RETURN_PRINCIPAL, {
        id: c.id,
        input: { returnedOn: inDays(5), amount: '500000.00' },
      });
      expect(errorFields(future)).toEqual(['input.returnedOn']);
      const back = await clerk.gql<{ recordPrincipalReturn: Contract }>(RETURN_PRINCIPAL, {
        id: c.id,
        input: { returnedOn: '2024-01-02', amount: '500000.00' },
      });
      expect(back.data!.recordPrincipalReturn.principalReturnedOn).toBe('2024-01-02');
      expect(back.data!.recordPrincipalReturn.versions.at(-1)).toMatchObject({
        change: 'PRINCIPAL_RETURNED',
      });
      expect(await ledgerCount(c.id, 'CONTRACT_PRINCIPAL_RETURNED')).toBe(1);
      expect(
        (await flags(officer, 'EQUITY_PRINCIPAL_NOT_RETURNED')).records.map((r) => r.entityId),
      ).not.toContain(c.id);
      const twice = await clerk.gql(RETURN_PRINCIPAL, {
        id: c.id,
        input: { returnedOn: '2024-01-03', amount: '1.00' },
      });
      expect(errorReason(twice)).toBe('VALIDATION_FAILED');
    });
  });

  describe('demo data', () => {
    it('has operators of each kind, contracts of each kind, one behind with its rent, income under contracts', async () => {
      const district = await t.as('district');
      const ops = await district.gql<{
        operators: { edges: Array<{ node: { kind: string; name: string } }> };
      }>('{ operators(first: 200) { edges { node { kind name } } } }');
      const demoOperators = ops.data!.operators.edges.map((e) => e.node);
      expect(new Set(demoOperators.map((o) => o.kind))).toEqual(
        new Set(['ENTERPRISE', 'COOPERATIVE', 'FAMILY_FARM', 'INDIVIDUAL']),
      );
      const list = await district.gql<{
        contracts: {
          edges: Array<{
            node: {
              id: string;
              code: string;
              kind: string;
              payments: { outstanding: string; received: string };
            };
          }>;
        };
      }>('{ contracts(first: 200) { edges { node { id code kind payments { outstanding received } } } } }');
      const demo = list.data!.contracts.edges.map((e) => e.node).filter((c) => c.code.startsWith('HT-WZ-'));
      expect(new Set(demo.map((c) => c.kind))).toEqual(
        new Set(['LEASE', 'CONTRACTING', 'EQUITY', 'ENTRUSTED']),
      );
      const behind = demo.filter((c) => c.payments.outstanding !== '0.00');
      expect(behind.map((c) => c.kind)).toEqual(['CONTRACTING']);
      expect(demo.every((c) => c.payments.received !== '0.00')).toBe(true);
      const overdue = await flags(district, 'CONTRACT_PAYMENT_OVERDUE', '500101');
      expect(overdue.records.map((r) => r.entityId)).toContain(behind[0].id);
      const ending = await flags(district, 'CONTRACT_ENDING_NO_RENEWAL', '500101');
      expect(ending.records.map((r) => r.entityId)).toContain(demo.find((c) => c.kind === 'ENTRUSTED')!.id);
    });
  });
});
