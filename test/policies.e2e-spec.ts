import { Caller, errorCode, TestApp } from './support/test-app';

const SET_DISPOSAL = `mutation($input: DisposalPolicyInput!) { setDisposalPolicy(input: $input) {
  version districtFromFormedValue districtFromAppraisedValue districtMethods townshipReviewDays districtReviewDays note } }`;
const SET_DISTRIBUTION = `mutation($input: DistributionPolicyInput!) { setDistributionPolicy(input: $input) {
  version banEqualSplit minDecisionFiles forbiddenChannels channelLimits { channel minPercent maxPercent } note } }`;

const disposalInput = {
  districtFromFormedValue: '80000.00',
  districtFromAppraisedValue: null,
  districtMethods: ['AUCTION'],
  townshipReviewDays: 12,
  districtReviewDays: 25,
  note: '区级审批起点调整为 8 万元',
};
const distributionInput = {
  channelLimits: [{ channel: 'RESERVE_FUND', maxPercent: '30' }],
  forbiddenChannels: [],
  banEqualSplit: true,
  minDecisionFiles: 1,
  note: '公积公益金不超过 30%',
};

describe('policies: who sets a new version (e2e)', () => {
  let t: TestApp;
  let district: Caller;

  beforeAll(async () => {
    t = await TestApp.start();
    district = await t.as('district');
  });
  afterAll(() => t.close());

  it('a district supervisor sets a new version of each policy; it is in force, recorded on the ledger', async () => {
    const before = await district.gql<{
      disposalPolicy: { version: number };
      distributionPolicy: { version: number };
    }>('{ disposalPolicy { version } distributionPolicy { version } }');
    const disposal = await district.gql<{ setDisposalPolicy: { version: number } }>(SET_DISPOSAL, {
      input: disposalInput,
    });
    expect(disposal.errors).toBeUndefined();
    expect(disposal.data!.setDisposalPolicy).toEqual({
      ...disposalInput,
      version: before.data!.disposalPolicy.version + 1,
    });
    const distribution = await district.gql<{ setDistributionPolicy: { version: number } }>(
      SET_DISTRIBUTION,
      {
        input: distributionInput,
      },
    );
    expect(distribution.errors).toBeUndefined();
    expect(distribution.data!.setDistributionPolicy).toEqual({
      ...distributionInput,
      channelLimits: [{ channel: 'RESERVE_FUND', minPercent: null, maxPercent: '30.00' }],
      version: before.data!.distributionPolicy.version + 1,
    });
    const now = await (
      await t.as('longju')
    ).gql<{ disposalPolicy: { version: number; note: string }; distributionPolicy: { version: number } }>(
      '{ disposalPolicy { version note } distributionPolicy { version } }',
    );
    expect(now.data!.disposalPolicy).toEqual({
      version: before.data!.disposalPolicy.version + 1,
      note: disposalInput.note,
    });
    expect(now.data!.distributionPolicy.version).toBe(before.data!.distributionPolicy.version + 1);
    const entries = await t.sql<{ action: string }>(
      `SELECT action FROM ledger_entry
        WHERE action IN ('DISPOSAL_POLICY_SET', 'DISTRIBUTION_POLICY_SET') ORDER BY idx DESC LIMIT 2`,
    );
    expect(entries.map((e) => e.action).sort()).toEqual(['DISPOSAL_POLICY_SET', 'DISTRIBUTION_POLICY_SET']);
  });

  it('a limit given as null is no limit, as an absent one is (the console sends null for an empty box)', async () => {
    const res = await district.gql<{
      setDistributionPolicy: { channelLimits: Array<{ channel: string; minPercent: string | null }> };
    }>(SET_DISTRIBUTION, {
      input: {
        ...distributionInput,
        channelLimits: [
          { channel: 'RESERVE_FUND', minPercent: null, maxPercent: '30' },
          { channel: 'ASSET_UPKEEP', minPercent: '5', maxPercent: null },
        ],
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.setDistributionPolicy.channelLimits).toEqual([
      { channel: 'RESERVE_FUND', minPercent: null, maxPercent: '30.00' },
      { channel: 'ASSET_UPKEEP', minPercent: '5.00', maxPercent: null },
    ]);
    const wrong = await district.gql(SET_DISTRIBUTION, {
      input: { ...distributionInput, channelLimits: [{ channel: 'RESERVE_FUND', minPercent: '120' }] },
    });
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
  });

  it('in Chinese, a refused policy names each field as 政策设置 labels it, and writes nothing', async () => {
    const versions = async () =>
      (
        await district.gql<{
          disposalPolicies: Array<{ version: number }>;
          distributionPolicies: Array<{ version: number }>;
        }>('{ disposalPolicies { version } distributionPolicies { version } }')
      ).data!;
    const ledgerSize = async () =>
      Number((await t.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_entry'))[0].n);
    const before = await versions();
    const entries = await ledgerSize();
    t.language = 'zh-CN';
    try {
      const limits = await district.gql(SET_DISTRIBUTION, {
        input: {
          ...distributionInput,
          channelLimits: [
            { channel: 'ASSET_UPKEEP', minPercent: '5' },
            { channel: 'RESERVE_FUND', minPercent: '40', maxPercent: '30' },
          ],
        },
      });
      expect(errorCode(limits)).toBe('BAD_USER_INPUT');
      expect(limits.errors![0].message).toBe('填写的内容有误：「比例限制 2 不低于（%）」高于最高比例');
      expect(limits.errors![0].extensions.fields).toEqual([
        {
          field: 'input.channelLimits[1].minPercent',
          label: '比例限制 2 不低于（%）',
          message: '高于最高比例',
        },
      ]);

      const days = await district.gql(SET_DISPOSAL, {
        input: { ...disposalInput, townshipReviewDays: 0, districtReviewDays: 400 },
      });
      expect(errorCode(days)).toBe('BAD_USER_INPUT');
      const message = days.errors![0].message;
      expect(message).toContain('「乡镇审核期限（天）」不能小于 1');
      expect(message).toContain('「区级审批期限（天）」不能大于 365');
      expect(message).not.toMatch(/input\.|[A-Za-z]{4,}/);
    } finally {
      t.language = 'en';
    }
    expect(await versions()).toEqual(before);
    expect(await ledgerSize()).toBe(entries);
  });

  it('nobody below the district, nor the auditor, sets a policy; a refusal writes nothing', async () => {
    const versions = async () =>
      (
        await district.gql<{
          disposalPolicies: Array<{ version: number }>;
          distributionPolicies: Array<{ version: number }>;
        }>('{ disposalPolicies { version } distributionPolicies { version } }')
      ).data!;
    const before = await versions();
    for (const user of ['longju', 'wutong', 'auditor']) {
      const caller = await t.as(user);
      expect({ user, code: errorCode(await caller.gql(SET_DISPOSAL, { input: disposalInput })) }).toEqual({
        user,
        code: 'FORBIDDEN',
      });
      expect({
        user,
        code: errorCode(await caller.gql(SET_DISTRIBUTION, { input: distributionInput })),
      }).toEqual({
        user,
        code: 'FORBIDDEN',
      });
    }
    expect(await versions()).toEqual(before);
  });
});
