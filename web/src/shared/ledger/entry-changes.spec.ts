import { entryChanges, fenText, formatValue, type FieldChange } from './entry-changes';

const rows = (changes: FieldChange[], names = {}) =>
  changes.map((c) => [c.label, formatValue(c.spec, c.before, names), formatValue(c.spec, c.after, names)]);

describe('entryChanges', () => {
  const before = {
    id: 'a1',
    code: 'ZC-1',
    name: '光伏电站',
    status: 'IN_USE',
    formedValue: '12345678',
    locationCode: '500101151201',
    fundSources: [{ source: 'CENTRAL_FISCAL', amount: '10000000' }],
    updatedAt: '2026-11-29T06:00:00.000Z',
    version: 2,
  };

  it('lists only the fields an update changed, with Chinese labels, yuan and enum labels', () => {
    const after = {
      ...before,
      name: '村光伏电站',
      status: 'IDLE',
      formedValue: '12345600',
      updatedAt: '2026-11-30T06:00:00.000Z',
      version: 3,
    };
    expect(rows(entryChanges('Asset', before, after))).toEqual([
      ['资产名称', '光伏电站', '村光伏电站'],
      ['原值', '¥123,456.78', '¥123,456.00'],
      ['状态', '在用', '闲置'],
      // Bookkeeping last.
      ['修改时间', '2026-11-29 14:00', '2026-11-30 14:00'],
      ['版本', '2', '3'],
    ]);
    expect(entryChanges('Asset', before, { ...before })).toEqual([]);
  });

  it('lists every field that holds something for a creation, region names and fund sources in words', () => {
    const changes = entryChanges('Asset', null, before);
    expect(changes.map((c) => c.key)).toEqual([
      'code',
      'name',
      'locationCode',
      'formedValue',
      'fundSources',
      'status',
      'id',
      'updatedAt',
      'version',
    ]);
    expect(changes.every((c) => c.before === undefined)).toBe(true);
    const names = { regionName: (code: string) => (code === '500101151201' ? '梧桐村' : code) };
    expect(rows(changes, names)[2]).toEqual(['所在地', '—', '梧桐村']);
    expect(rows(changes, names)[4]).toEqual(['资金来源', '—', '中央财政资金 ¥100,000.00']);
  });

  it('keeps a field the console has no label for under its own name, and shows a value set to nothing', () => {
    const changes = entryChanges('Asset', { a: 1, remarks: '旧' }, { a: 1, remarks: null, newField: 'x' });
    expect(rows(changes)).toEqual([
      ['备注', '旧', '—'],
      ['newField', '—', 'x'],
    ]);
    expect(entryChanges('NoSuchRecord', null, { note: '说明' }).map((c) => c.label)).toEqual(['备注']);
    expect(entryChanges('Asset', null, null)).toEqual([]);
  });

  it('describes nested lists item by item (shares, reviews)', () => {
    const changes = entryChanges('IncomeRecord', null, {
      amount: '100000',
      kind: 'RENT',
      shares: [
        { ownerType: 'VILLAGE_COLLECTIVE', villageCode: 'v1', shareBp: 6667, amount: '66670' },
        { ownerType: 'VILLAGE_COLLECTIVE', villageCode: 'v2', shareBp: 3333, amount: '33330' },
      ],
    });
    expect(rows(changes, { regionName: (c: string) => (c === 'v1' ? '梧桐村' : '玉河村') })).toEqual([
      ['收益类型', '—', '租金'],
      ['金额', '—', '¥1,000.00'],
      [
        '各所有权人份额',
        '—',
        '所有权人类型 村集体经济组织，村 梧桐村，份额 66.67%，金额 ¥666.70；所有权人类型 村集体经济组织，村 玉河村，份额 33.33%，金额 ¥333.30',
      ],
    ]);
  });
});

describe('entryChanges of a plan, a contract and a witness policy', () => {
  it('gives a plan line its households as a count and a sum, and leaves an item’s ids out', () => {
    const changes = entryChanges('DistributionPlan', null, {
      allocations: [
        {
          id: 'al-1',
          channel: 'PUBLIC_WELFARE_JOB_WAGES',
          amount: '60000',
          note: '护路员',
          beneficiaries: [
            { householdId: 'h1', amount: '35000' },
            { householdId: 'h2', amount: '25001' },
          ],
        },
        { id: 'al-2', channel: 'RESERVE_FUND', amount: '40000', beneficiaries: [] },
      ],
    });
    expect(rows(changes)).toEqual([
      [
        '分配项',
        '—',
        '用途 公益性岗位工资，金额 ¥600.00，说明 护路员，受益农户 2 户，共 ¥600.01；用途 提取公积公益金，金额 ¥400.00',
      ],
    ]);
  });

  it('shows what a contract version fixes (保底收益, 入股本金) but not who recorded it', () => {
    const changes = entryChanges('Contract', null, {
      versions: [
        {
          change: 'SIGNED',
          effectiveFrom: '2026-01-01',
          amount: '100000',
          schedule: 'ANNUAL',
          guaranteedMinimum: '80000',
          equityPrincipal: '5000000',
          versionNo: 1,
          recordedBy: 'u1',
        },
      ],
    });
    expect(rows(changes)[0][2]).toBe(
      '变更 签订，生效 2026年1月1日，每期金额 ¥1,000.00，支付周期 每年，保底收益 ¥800.00，入股本金 ¥50,000.00',
    );
  });

  it('says a policy version’s rules in words: yuan, percentages, methods, channels and days', () => {
    const disposal = entryChanges('DisposalPolicy', null, {
      rules: {
        districtFromAppraisedValue: '5000000',
        districtFromFormedValue: '5000000',
        districtMethods: ['TRANSFER', 'AUCTION'],
        districtReviewDays: 20,
        townshipReviewDays: 15,
      },
    });
    expect(rows(disposal)).toEqual([
      [
        '审批规则',
        '—',
        '原值达到即报区级审批 ¥50,000.00，评估价值达到即报区级审批 ¥50,000.00，一律报区级审批的处置方式 转让、拍卖，乡镇审核期限（天） 15，区级审批期限（天） 20',
      ],
    ]);
    const distribution = entryChanges('DistributionPolicy', null, {
      rules: {
        channelLimits: [{ channel: 'ASSET_UPKEEP', minBp: null, maxBp: 2000 }],
        forbiddenChannels: [],
        banEqualSplit: true,
        minDecisionFiles: 1,
      },
    });
    expect(rows(distribution)[0][2]).toBe(
      '比例限制 用途 资产管护，不超过 20%，禁止平均分配（一分了之） 是，至少附决议材料（份） 1',
    );
    const upkeep = entryChanges('UpkeepPolicy', null, {
      rules: { inspectionDays: { OPERATING: 90, HOUSEHOLD: 365 }, repairDays: 30, cycleStart: '2026-01-01' },
    });
    expect(rows(upkeep)[0][2]).toBe(
      '巡查周期 经营性资产 90 天，到户类资产 365 天，损坏维修期限（天） 30，巡查周期起算日 2026年1月1日',
    );
  });

  it('counts a witness policy’s witnesses', () => {
    expect(rows(entryChanges('WitnessPolicy', null, { quorum: 2, witnessIds: ['a', 'b', 'c'] }))).toEqual([
      ['至少联署的见证人数', '—', '2'],
      ['见证人', '—', '3 个'],
    ]);
  });
});

describe('fenText', () => {
  it.each([
    ['0', '¥0.00'],
    ['5', '¥0.05'],
    ['-120050', '-¥1,200.50'],
    ['99999999999999999999', '¥999,999,999,999,999,999.99'],
  ])('%s fen → %s', (fen, shown) => expect(fenText(fen)).toBe(shown));
});
