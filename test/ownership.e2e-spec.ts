import { daysAgo, makeAsset, makeProject, noticeScan, ProjectRef } from './support/factories';
import { Caller, errorCode, errorFields, errorReason, TestApp } from './support/test-app';

const PROPOSE = `mutation($input: ProposeOwnershipInput!) { proposeOwnership(input: $input) {
  id status publicityStart publicityEnd owners { ownerType ownerRef name sharePercent } managementEntity
} }`;
const CONFIRM =
  'mutation($id: ID!, $no: String!, $from: LocalDate) { confirmOwnership(proposalId: $id, certificateNo: $no, effectiveDate: $from) { id status certificateNo decidedOn } }';
const REJECT =
  'mutation($id: ID!, $reason: String!) { rejectOwnership(proposalId: $id, reason: $reason) { id status rejectReason } }';
const OBJECT =
  'mutation($input: RecordObjectionInput!) { recordObjection(input: $input) { id objections { id status objector } } }';
const HISTORY = `query($id: ID!) { asset(id: $id) {
  managementEntity version
  owners { ownerType ownerRef sharePercent validFrom validTo certificateNo }
  ownershipHistory { ownerRef sharePercent validFrom validTo certificateNo recordedAt closedAt }
  ownershipProposals { status }
} }`;

type Proposal = {
  id: string;
  status: string;
  publicityStart: string;
  publicityEnd: string;
  owners: Array<{ sharePercent: string }>;
};

describe('ownership confirmation (e2e)', () => {
  let t: TestApp;
  let clerk: Caller;
  let officer: Caller;
  let project: ProjectRef;

  const village = (ref: string, share: string, name = '梧桐村股份经济合作联合社') => ({
    ownerType: 'VILLAGE_COLLECTIVE',
    ownerRef: ref,
    name,
    sharePercent: share,
  });
  // Scans of the notice posted on the board (a back-dated publicity needs one), uploaded by each proposer.
  const notices = { clerk: '', officer: '' };
  const propose = (assetId: string, over: Record<string, unknown> = {}, caller = clerk) =>
    caller.gql<{ proposeOwnership: Proposal }>(PROPOSE, {
      input: {
        assetId,
        owners: [village('500101151201', '100')],
        managementEntity: '梧桐村股份经济合作联合社',
        managementResponsible: '张会计',
        publicityStart: daysAgo(12),
        ...(String(over.publicityStart ?? daysAgo(12)) < daysAgo(0)
          ? { noticeEvidenceFileIds: [caller === officer ? notices.officer : notices.clerk] }
          : {}),
        ...over,
      },
    });

  beforeAll(async () => {
    t = await TestApp.start();
    clerk = await t.as('wutong');
    officer = await t.as('longju');
    project = await makeProject(clerk);
    notices.clerk = await noticeScan(clerk);
    notices.officer = await noticeScan(officer);
  });
  afterAll(() => t.close());

  it('proposal → publicity of 10 days → the township confirms with a certificate; history is kept', async () => {
    const asset = await makeAsset(clerk, project.id);
    const res = await propose(asset.id);
    expect(res.errors).toBeUndefined();
    const p = res.data!.proposeOwnership;
    expect(p.status).toBe('PUBLICITY');
    expect(p.publicityEnd).toBe(daysAgo(2)); // start + 10 days
    const confirmed = await officer.gql<{ confirmOwnership: { status: string; certificateNo: string } }>(
      CONFIRM,
      {
        id: p.id,
        no: `WZQQ-${asset.code}`,
      },
    );
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmOwnership).toMatchObject({
      status: 'CONFIRMED',
      certificateNo: `WZQQ-${asset.code}`,
    });
    const view = await clerk.gql<{
      asset: {
        owners: Array<{ ownerRef: string; sharePercent: string; validTo: null }>;
        managementEntity: string;
        version: number;
      };
    }>(HISTORY, { id: asset.id });
    expect(view.data!.asset.owners).toEqual([
      expect.objectContaining({
        ownerType: 'VILLAGE_COLLECTIVE',
        ownerRef: '500101151201',
        sharePercent: '100.00',
        validTo: null,
      }),
    ]);
    expect(view.data!.asset.managementEntity).toBe('梧桐村股份经济合作联合社');
    expect(view.data!.asset.version).toBe(2);
    const actions = await t.sql<{ action: string; entity_type: string }>(
      `SELECT action, entity_type FROM ledger_entry WHERE entity_id IN ($1, $2) ORDER BY idx`,
      [asset.id, p.id],
    );
    expect(actions).toEqual([
      { action: 'ASSET_REGISTERED', entity_type: 'Asset' },
      { action: 'OWNERSHIP_PROPOSED', entity_type: 'OwnershipProposal' },
      { action: 'OWNERSHIP_CONFIRMED', entity_type: 'OwnershipProposal' },
      { action: 'ASSET_OWNERSHIP_CHANGED', entity_type: 'AssetOwnership' },
      { action: 'ASSET_OWNERSHIP_CHANGED', entity_type: 'Asset' },
    ]);
  });

  it('confirming during the publicity is refused (CONFLICT), with the first possible day', async () => {
    const asset = await makeAsset(clerk, project.id);
    const p = (await propose(asset.id, { publicityStart: daysAgo(3) })).data!.proposeOwnership;
    const early = await officer.gql(CONFIRM, { id: p.id, no: `EARLY-${asset.code}` });
    expect(errorCode(early)).toBe('CONFLICT');
    expect(errorReason(early)).toBe('OWNERSHIP_PUBLICITY_NOT_OVER');
    expect(early.errors![0].message).toContain(p.publicityEnd);
    const [row] = await t.sql<{ status: string }>('SELECT status FROM ownership_proposal WHERE id = $1', [
      p.id,
    ]);
    expect(row.status).toBe('PUBLICITY');
  });

  it('shares must add up to exactly 100 (joint assets split between villages)', async () => {
    const asset = await makeAsset(clerk, project.id);
    const officerAsset = await makeAsset(officer, project.id, { locationCode: '500101151' });
    const short = await propose(asset.id, {
      owners: [village('500101151201', '60'), village('500101151202', '39.99', '玉合村')],
    });
    expect(errorCode(short)).toBe('BAD_USER_INPUT');
    expect(errorReason(short)).toBe('OWNERSHIP_SHARES_NOT_100');
    expect(errorFields(short)).toEqual(['input.owners']);
    expect(short.errors![0].message).toContain('99.99%');
    const over = await propose(asset.id, {
      owners: [village('500101151201', '60'), village('500101151202', '40.01', '玉合村')],
    });
    expect(errorReason(over)).toBe('OWNERSHIP_SHARES_NOT_100');
    const joint = await propose(
      officerAsset.id,
      {
        owners: [
          village('500101151201', '33.34'),
          village('500101151202', '33.33', '玉合村股份经济合作社'),
          village('500101151203', '33.33', '凤鸣村股份经济合作社'),
        ],
        managementEntity: '龙驹镇人民政府',
      },
      officer,
    );
    expect(joint.errors).toBeUndefined();
    expect(joint.data!.proposeOwnership.owners.map((o: { sharePercent: string }) => o.sharePercent)).toEqual([
      '33.34',
      '33.33',
      '33.33',
    ]);
    const dupOwner = await propose(asset.id, {
      owners: [village('500101151201', '50'), village('500101151201', '50')],
    });
    expect(errorFields(dupOwner)).toEqual(['input.owners[1].ownerRef']);
    const badRef = await propose(asset.id, { owners: [village('500101151299', '100')] });
    expect(errorFields(badRef)).toEqual(['input.owners[0].ownerRef']);
    const household = await propose(asset.id, {
      owners: [{ ownerType: 'HOUSEHOLD', ownerRef: 'H-1', name: '王大明', sharePercent: '100' }],
    });
    expect(errorFields(household)).toEqual(['input.owners[0].ownerType']);
    const zero = await propose(asset.id, {
      owners: [village('500101151201', '0'), village('500101151202', '100')],
    });
    expect(errorCode(zero)).toBe('BAD_USER_INPUT');
  });

  it('says what is wrong with the owners in Chinese, each owner numbered as the form does; English on request', async () => {
    const asset = await makeAsset(clerk, project.id);
    /** proposeOwnership as the console sends it (Chinese, no Accept-Language: en), or in `language`. */
    const proposeIn = async (owners: unknown[], language?: string) => {
      let req = t.http
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('authorization', `Bearer ${clerk.token}`);
      if (language) req = req.set('accept-language', language);
      const res = await req.send({
        query: PROPOSE,
        variables: {
          input: {
            assetId: asset.id,
            owners,
            managementEntity: '梧桐村股份经济合作联合社',
            publicityStart: daysAgo(0),
          },
        },
      });
      const [error] = (
        res.body as {
          errors: Array<{
            message: string;
            extensions: {
              code: string;
              reason: string;
              fields: Array<{ field: string; label?: string; message: string }>;
            };
          }>;
        }
      ).errors;
      return error;
    };
    /** English words left in a Chinese answer (codes in capitals aside). */
    const english = (text: string) =>
      (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => w !== w.toUpperCase());
    const owners = [
      { ownerType: 'HOUSEHOLD', ownerRef: 'H-1', name: '王大明', sharePercent: '10' },
      village('500101151299', '30', '没有这个村'),
      { ownerType: 'TOWNSHIP', ownerRef: '500101151201', name: '龙驹镇人民政府', sharePercent: '10' },
      village('500101151201', '0'),
      village('500101151201', '50'),
    ];
    const zh = await proposeIn(owners);
    expect(zh.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VALIDATION_FAILED' });
    expect(zh.message).toBe(
      '填写的内容有误：「所有权人 1 类型」只有到户类资产的所有权人才能是农户；' +
        '「所有权人 2 编码」村集体经济组织的编码须为本村的 12 位区划代码；' +
        '「所有权人 3 编码」乡镇的编码须为乡镇的 9 位区划代码；' +
        '「所有权人 4 份额（%）」须大于 0、不超过 100；' +
        '「所有权人 5 编码」同一所有权人重复列出',
    );
    expect(zh.extensions.fields).toEqual([
      {
        field: 'input.owners[0].ownerType',
        label: '所有权人 1 类型',
        message: '只有到户类资产的所有权人才能是农户',
      },
      {
        field: 'input.owners[1].ownerRef',
        label: '所有权人 2 编码',
        message: '村集体经济组织的编码须为本村的 12 位区划代码',
      },
      {
        field: 'input.owners[2].ownerRef',
        label: '所有权人 3 编码',
        message: '乡镇的编码须为乡镇的 9 位区划代码',
      },
      {
        field: 'input.owners[3].sharePercent',
        label: '所有权人 4 份额（%）',
        message: '须大于 0、不超过 100',
      },
      { field: 'input.owners[4].ownerRef', label: '所有权人 5 编码', message: '同一所有权人重复列出' },
    ]);
    expect(english(zh.message)).toEqual([]);

    // The same refusal in English, as raised, with the same fields and code.
    const en = await proposeIn(owners, 'en');
    expect(en.extensions.code).toBe('BAD_USER_INPUT');
    expect(en.message).toContain('input.owners[0].ownerType: only household assets are owned by households');
    expect(en.extensions.fields.map((f) => [f.field, f.message])).toEqual([
      ['input.owners[0].ownerType', 'only household assets are owned by households'],
      ['input.owners[1].ownerRef', 'a village collective is named by its 12-digit village code'],
      ['input.owners[2].ownerRef', 'a township is named by its 9-digit code'],
      ['input.owners[3].sharePercent', 'must be above 0 and at most 100'],
      ['input.owners[4].ownerRef', 'the same owner is listed twice'],
    ]);

    // Refused by the input's own rules (before the service): the fields are named the same way.
    const malformed = await proposeIn([{ ...village('', '33.333') }]);
    expect(malformed.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VALIDATION_FAILED' });
    expect(malformed.extensions.fields).toEqual(
      expect.arrayContaining([
        { field: 'input.owners[0].ownerRef', label: '所有权人 1 编码', message: '至少 1 个字符' },
        {
          field: 'input.owners[0].sharePercent',
          label: '所有权人 1 份额（%）',
          message: '须为百分数，最多两位小数，如 33.33',
        },
      ]),
    );
    expect(english(malformed.message)).toEqual([]);

    // Shares that do not add up to 100.
    const short = await proposeIn([
      village('500101151201', '60'),
      village('500101151202', '39.99', '玉合村'),
    ]);
    expect(short.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OWNERSHIP_SHARES_NOT_100' });
    expect(short.message).toBe('各所有权人份额合计必须为 100%：「所有权人」份额合计为 99.99%，须为 100%');
    expect(short.extensions.fields).toEqual([
      { field: 'input.owners', label: '所有权人', message: '份额合计为 99.99%，须为 100%' },
    ]);
  });

  it('a second confirmation closes the first and never overwrites it', async () => {
    const asset = await makeAsset(clerk, project.id);
    const first = (await propose(asset.id, { publicityStart: daysAgo(30) })).data!.proposeOwnership;
    expect(
      (await officer.gql(CONFIRM, { id: first.id, no: `C1-${asset.code}`, from: daysAgo(30) })).errors,
    ).toBeUndefined();
    const second = (
      await propose(asset.id, {
        owners: [
          village('500101151201', '70'),
          { ownerType: 'TOWNSHIP', ownerRef: '500101151', name: '龙驹镇', sharePercent: '30' },
        ],
        publicityStart: daysAgo(15),
      })
    ).data!.proposeOwnership;
    const district = await t.as('district');
    expect((await district.gql(CONFIRM, { id: second.id, no: `C2-${asset.code}` })).errors).toBeUndefined();
    const view = await clerk.gql<{
      asset: {
        owners: Array<{ ownerRef: string; sharePercent: string }>;
        ownershipHistory: Array<{
          ownerRef: string;
          sharePercent: string;
          validFrom: string;
          validTo: string | null;
          certificateNo: string;
          closedAt: string | null;
        }>;
        ownershipProposals: Array<{ status: string }>;
      };
    }>(HISTORY, { id: asset.id });
    const today = daysAgo(0);
    expect(view.data!.asset.ownershipHistory).toEqual([
      expect.objectContaining({
        ownerRef: '500101151201',
        sharePercent: '100.00',
        validFrom: daysAgo(30),
        validTo: today,
        certificateNo: `C1-${asset.code}`,
      }),
      expect.objectContaining({
        ownerRef: '500101151201',
        sharePercent: '70.00',
        validFrom: today,
        validTo: null,
        closedAt: null,
        certificateNo: `C2-${asset.code}`,
      }),
      expect.objectContaining({
        ownerRef: '500101151',
        sharePercent: '30.00',
        validFrom: today,
        validTo: null,
        closedAt: null,
      }),
    ]);
    expect(view.data!.asset.ownershipHistory[0].closedAt).not.toBeNull();
    expect(view.data!.asset.owners.map((o) => `${o.ownerRef}:${o.sharePercent}`)).toEqual([
      '500101151201:70.00',
      '500101151:30.00',
    ]);
    expect(view.data!.asset.ownershipProposals.map((p) => p.status)).toEqual(['CONFIRMED', 'CONFIRMED']);
    // The closed row is the same row (id) with valid_to set: four rows in all, none deleted.
    const [{ n }] = await t.sql<{ n: string }>(
      'SELECT count(*) AS n FROM asset_ownership WHERE asset_id = $1',
      [asset.id],
    );
    expect(n).toBe('3');
    const dupCertificate = await propose(asset.id, { publicityStart: daysAgo(11) });
    expect(
      errorCode(
        await officer.gql(CONFIRM, { id: dupCertificate.data!.proposeOwnership.id, no: `C2-${asset.code}` }),
      ),
    ).toBe('CONFLICT');
  });

  it('objections: recorded during publicity, block confirmation until resolved; refused after the window', async () => {
    const asset = await makeAsset(clerk, project.id);
    const current = (await propose(asset.id, { publicityStart: daysAgo(2) })).data!.proposeOwnership;
    const objected = await clerk.gql<{
      recordObjection: { objections: Array<{ id: string; status: string }> };
    }>(OBJECT, {
      input: { proposalId: current.id, objector: '村民 李某', content: '大棚用地有一部分是我家的承包地' },
    });
    expect(objected.errors).toBeUndefined();
    const objectionId = objected.data!.recordObjection.objections[0].id;
    const again = await propose(asset.id);
    expect(errorCode(again)).toBe('CONFLICT');
    expect(errorReason(again)).toBe('OWNERSHIP_OPEN_PROPOSAL_EXISTS');
    // A clerk cannot settle it; the township can.
    expect(
      errorCode(
        await clerk.gql('mutation($id: ID!) { resolveObjection(objectionId: $id, resolution: "x") { id } }', {
          id: objectionId,
        }),
      ),
    ).toBe('FORBIDDEN');
    const resolved = await officer.gql<{ resolveObjection: { objections: Array<{ status: string }> } }>(
      'mutation($id: ID!) { resolveObjection(objectionId: $id, resolution: "经核实，用地为村集体建设用地，异议不成立") { objections { status } } }',
      { id: objectionId },
    );
    expect(resolved.data!.resolveObjection.objections).toEqual([{ status: 'RESOLVED' }]);

    const other = await makeAsset(clerk, project.id);
    const ended = (await propose(other.id, { publicityStart: daysAgo(20) })).data!.proposeOwnership;
    const late = await clerk.gql(OBJECT, {
      input: { proposalId: ended.id, objector: '某人', content: '太晚了' },
    });
    expect(errorCode(late)).toBe('CONFLICT');
    expect(errorReason(late)).toBe('OWNERSHIP_NOT_IN_PUBLICITY');

    const blocked = await makeAsset(clerk, project.id);
    const p = (await propose(blocked.id, { publicityStart: daysAgo(9) })).data!.proposeOwnership;
    const o = await clerk.gql<{ recordObjection: { objections: Array<{ id: string }> } }>(OBJECT, {
      input: { proposalId: p.id, objector: '村民 赵某', content: '份额有误' },
    });
    expect(o.errors).toBeUndefined();
    // (the window is still open today; confirmation waits for it and for the objection)
    expect(errorReason(await officer.gql(CONFIRM, { id: p.id, no: `B-${blocked.code}` }))).toBe(
      'OWNERSHIP_PUBLICITY_NOT_OVER',
    );

    // Two days later (the app runs in this process: only Date is moved forward) the window has ended,
    // but the open objection still blocks the confirmation until the township settles it.
    jest.useFakeTimers({
      now: Date.now() + 2 * 86_400_000,
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
    try {
      t.forgetTokens();
      const later = await t.as('longju');
      const blockedByObjection = await later.gql(CONFIRM, { id: p.id, no: `B-${blocked.code}` });
      expect(errorCode(blockedByObjection)).toBe('CONFLICT');
      expect(errorReason(blockedByObjection)).toBe('OWNERSHIP_OPEN_OBJECTIONS');
      await later.gql(
        'mutation($id: ID!) { resolveObjection(objectionId: $id, resolution: "份额经村民代表会议复核无误") { id } }',
        {
          id: o.data!.recordObjection.objections[0].id,
        },
      );
      const confirmed = await later.gql<{ confirmOwnership: { status: string } }>(CONFIRM, {
        id: p.id,
        no: `B-${blocked.code}`,
      });
      expect(confirmed.data!.confirmOwnership.status).toBe('CONFIRMED');
    } finally {
      jest.useRealTimers();
      t.forgetTokens();
      officer = await t.as('longju');
      clerk = await t.as('wutong');
    }
  });

  it('an objection sent again with its idempotency key is recorded once; the same key for another objection is refused', async () => {
    const asset = await makeAsset(clerk, project.id);
    const p = (await propose(asset.id, { publicityStart: daysAgo(1) })).data!.proposeOwnership;
    const input = {
      proposalId: p.id,
      objector: '村民王五',
      content: '份额有误',
      idempotencyKey: `obj-${p.id}`,
    };
    const entries = async (): Promise<number> =>
      Number(
        (
          await t.sql<{ n: string }>(
            "SELECT count(*) AS n FROM ledger_entry WHERE entity_id = $1 AND action = 'OWNERSHIP_OBJECTION_RECORDED'",
            [p.id],
          )
        )[0].n,
      );
    const [first, again] = await Promise.all([clerk.gql(OBJECT, { input }), clerk.gql(OBJECT, { input })]);
    expect(first.errors).toBeUndefined();
    expect(again.errors).toBeUndefined();
    expect(first.data).toEqual(again.data);
    const rows = await t.sql('SELECT id FROM ownership_objection WHERE proposal_id = $1', [p.id]);
    expect(rows).toHaveLength(1);
    expect(await entries()).toBe(1);
    const other = await clerk.gql(OBJECT, { input: { ...input, content: '另一条异议' } });
    expect(errorCode(other)).toBe('CONFLICT');
    expect(await t.sql('SELECT id FROM ownership_objection WHERE proposal_id = $1', [p.id])).toHaveLength(1);
    expect(await entries()).toBe(1);
  });

  it('objections are recorded by writers where the asset is and settled by its township or the district only', async () => {
    const asset = await makeAsset(clerk, project.id);
    const p = (await propose(asset.id, { publicityStart: daysAgo(1) })).data!.proposeOwnership;
    const objection = (user: string) => ({
      input: { proposalId: p.id, objector: `村民（经 ${user} 登记）`, content: '份额有误' },
    });
    // Reading is not writing (the auditor), and another village or township does not see the proposal.
    for (const [user, code] of [
      ['auditor', 'FORBIDDEN'],
      ['yuhe', 'NOT_FOUND'],
      ['luotian', 'NOT_FOUND'],
    ] as const) {
      const res = await (await t.as(user)).gql(OBJECT, objection(user));
      expect({ user, code: errorCode(res) }).toEqual({ user, code });
    }
    const recorded = await officer.gql<{ recordObjection: { objections: Array<{ id: string }> } }>(
      OBJECT,
      objection('longju'),
    );
    expect(recorded.errors).toBeUndefined();
    const id = recorded.data!.recordObjection.objections[0].id;
    const RESOLVE =
      'mutation($id: ID!, $r: String!) { resolveObjection(objectionId: $id, resolution: $r) { objections { status resolution } } }';
    for (const [user, code] of [
      ['wutong', 'FORBIDDEN'],
      ['auditor', 'FORBIDDEN'],
      ['admin', 'FORBIDDEN'],
      ['luotian', 'NOT_FOUND'],
    ] as const) {
      const res = await (await t.as(user)).gql(RESOLVE, { id, r: `由 ${user} 处理` });
      expect({ user, code: errorCode(res) }).toEqual({ user, code });
    }
    const noResolution = await officer.gql(RESOLVE, { id, r: '' });
    expect(errorCode(noResolution)).toBe('BAD_USER_INPUT');
    expect(errorFields(noResolution)).toEqual(['resolution']);
    const settled = await (
      await t.as('district')
    ).gql<{ resolveObjection: { objections: Array<{ status: string; resolution: string }> } }>(RESOLVE, {
      id,
      r: '经区乡村振兴局核实，份额无误',
    });
    expect(settled.data!.resolveObjection.objections).toEqual([
      { status: 'RESOLVED', resolution: '经区乡村振兴局核实，份额无误' },
    ]);
    const again = await officer.gql(RESOLVE, { id, r: '再处理一次' });
    expect(errorReason(again)).toBe('OBJECTION_ALREADY_RESOLVED');
  });

  it('only the asset’s township or the district decides; a rejection needs a reason', async () => {
    const asset = await makeAsset(clerk, project.id);
    const p = (await propose(asset.id)).data!.proposeOwnership;
    for (const user of ['wutong', 'luotian', 'auditor', 'admin']) {
      const res = await (await t.as(user)).gql(CONFIRM, { id: p.id, no: `X-${asset.code}-${user}` });
      const expected = user === 'luotian' ? 'NOT_FOUND' : 'FORBIDDEN'; // another township: out of scope
      expect({ user, code: errorCode(res) }).toEqual({ user, code: expected });
    }
    const noReason = await officer.gql(REJECT, { id: p.id, reason: '' });
    expect(errorCode(noReason)).toBe('BAD_USER_INPUT');
    expect(errorFields(noReason)).toEqual(['reason']);
    const rejected = await officer.gql<{ rejectOwnership: { status: string; rejectReason: string } }>(
      REJECT,
      {
        id: p.id,
        reason: '管护主体不明确，请补充村民代表会议记录',
      },
    );
    expect(rejected.data!.rejectOwnership).toMatchObject({ status: 'REJECTED' });
    expect(errorCode(await officer.gql(CONFIRM, { id: p.id, no: `Y-${asset.code}` }))).toBe('CONFLICT');
    // After a rejection a new proposal may start.
    expect((await propose(asset.id)).errors).toBeUndefined();
    expect(
      errorCode(
        await (
          await t.as('daping')
        ).gql(PROPOSE, {
          input: {
            assetId: asset.id,
            owners: [village('500101151201', '100')],
            managementEntity: 'x',
            publicityStart: daysAgo(1),
          },
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(await officer.gql(CONFIRM, { id: '00000000-0000-4000-8000-000000000000', no: 'Z' })),
    ).toBe('NOT_FOUND');
  });

  it('owner type filters assets by their current owners', async () => {
    const res = await officer.gql<{
      assets: { edges: Array<{ node: { owners: Array<{ ownerType: string }> } }> };
    }>('{ assets(filter: { ownerType: TOWNSHIP }, first: 50) { edges { node { owners { ownerType } } } } }');
    expect(res.data!.assets.edges.length).toBeGreaterThan(0);
    for (const e of res.data!.assets.edges)
      expect(e.node.owners.map((o) => o.ownerType)).toContain('TOWNSHIP');
  });
});
