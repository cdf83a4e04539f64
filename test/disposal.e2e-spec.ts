import { createHash } from 'node:crypto';
import { makeAsset, makeOwnedOperatingAsset, makeProject } from './support/factories';
import { Caller, errorCode, errorFields, errorReason, TestApp } from './support/test-app';

const REQUEST = `mutation($input: RequestDisposalInput!) { requestDisposal(input: $input) {
  id status decidingLevel currentLevel dueOn overdue snapshotHash version
} }`;
const REVIEW = `mutation($id: ID!, $d: ReviewDecision!, $c: String, $h: String!) {
  reviewDisposal(requestId: $id, decision: $d, comment: $c, expectedSnapshotHash: $h) { id status currentLevel snapshotHash reviews { level decision } }
}`;
const GET =
  'query($id: ID!) { disposalRequest(id: $id) { id status snapshotHash currentLevel version reviews { step level decision comment } } }';
const COMPLETE = `mutation($id: ID!, $on: LocalDate!, $p: Money!) {
  completeDisposal(requestId: $id, completedOn: $on, proceeds: $p) { id status proceeds proceedsDestination proceedsIncomeId }
}`;

type Disposal = {
  id: string;
  status: string;
  decidingLevel: string;
  currentLevel: string | null;
  snapshotHash: string;
  version: number;
  reviews: Array<{ level: string; decision: string }>;
};

describe('disposal through three levels (e2e)', () => {
  let t: TestApp;
  let clerk: Caller;
  let officer: Caller;
  let district: Caller;
  let files: { appraisal: string; resolution: string };

  const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const request = async (assetId: string, over: Record<string, unknown> = {}, caller = clerk) =>
    caller.gql<{ requestDisposal: Disposal }>(REQUEST, {
      input: {
        assetId,
        method: 'SCRAP',
        reasonCode: 'END_OF_LIFE',
        reasonText: '大棚钢架锈蚀严重，已达使用年限',
        appraisedValue: '3000.00',
        evidence: { appraisalFileIds: [files.appraisal], resolutionFileIds: [files.resolution] },
        ...over,
      },
    });
  const current = async (id: string, caller: Caller = officer) =>
    (await caller.gql<{ disposalRequest: Disposal }>(GET, { id })).data!.disposalRequest;
  const review = async (caller: Caller, id: string, decision: string, comment?: string, hash?: string) =>
    caller.gql<{ reviewDisposal: Disposal }>(REVIEW, {
      id,
      d: decision,
      c: comment,
      h: hash ?? (await current(id, caller)).snapshotHash,
    });

  beforeAll(async () => {
    t = await TestApp.start();
    clerk = await t.as('wutong');
    officer = await t.as('longju');
    district = await t.as('district');
    const upload = async (name: string) =>
      (
        await t.http
          .post('/files')
          .set('authorization', `Bearer ${clerk.token}`)
          .attach('file', Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`), name)
      ).body.id as string;
    files = { appraisal: await upload('appraisal.pdf'), resolution: await upload('resolution.pdf') };
  });
  afterAll(() => t.close());

  it('below the threshold the township decides: request → township approves (final) → complete; proceeds become village income', async () => {
    const asset = await makeOwnedOperatingAsset(clerk, officer, '500101151201', {
      formedValue: '20000.00',
      investedAmount: '20000.00',
      fundSources: [{ source: 'LINKAGE_FUND', amount: '20000.00' }],
      contractAnnualAmount: '1200.00',
    });
    const res = await request(asset.id);
    expect(res.errors).toBeUndefined();
    const d = res.data!.requestDisposal;
    expect(d).toMatchObject({
      status: 'PENDING_TOWNSHIP',
      decidingLevel: 'TOWNSHIP',
      currentLevel: 'TOWNSHIP',
      overdue: false,
    });
    const approved = await review(officer, d.id, 'APPROVE');
    expect(approved.data!.reviewDisposal).toMatchObject({
      status: 'APPROVED',
      currentLevel: null,
      reviews: [{ level: 'TOWNSHIP', decision: 'APPROVE' }],
    });
    const before = await clerk.gql<{ villageIncomeBalances: Array<{ received: string }> }>(
      '{ villageIncomeBalances(regionCode: "500101151201") { received } }',
    );
    const done = await clerk.gql<{
      completeDisposal: {
        status: string;
        proceeds: string;
        proceedsDestination: string;
        proceedsIncomeId: string;
      };
    }>(COMPLETE, { id: d.id, on: today(), p: '3200.00' });
    expect(done.errors).toBeUndefined();
    expect(done.data!.completeDisposal).toMatchObject({
      status: 'COMPLETED',
      proceeds: '3200.00',
      proceedsDestination: 'OWNERS_INCOME',
    });
    // The income record names its asset and the disposal it came from (the console links to both).
    const proceeds = await clerk.gql<{ incomeRecord: Record<string, unknown> }>(
      'query($id: ID!) { incomeRecord(id: $id) { assetId assetCode assetName disposalId note amount } }',
      { id: done.data!.completeDisposal.proceedsIncomeId },
    );
    expect(proceeds.data!.incomeRecord).toEqual({
      assetId: asset.id,
      assetCode: asset.code,
      assetName: asset.name,
      disposalId: d.id,
      note: '资产处置收入',
      amount: '3200.00',
    });
    // One income record is the proceeds of one disposal at most: the database holds to it (the index
    // the income page's lookup uses).
    await expect(
      t.sql(
        `UPDATE disposal_request SET proceeds_income_id = $1
          WHERE id = (SELECT id FROM disposal_request WHERE id <> $2 LIMIT 1)`,
        [done.data!.completeDisposal.proceedsIncomeId, d.id],
      ),
    ).rejects.toThrow(/UQ_disposal_request_proceeds/);
    const after = await clerk.gql<{ villageIncomeBalances: Array<{ received: string }> }>(
      '{ villageIncomeBalances(regionCode: "500101151201") { received } }',
    );
    const fen = (s: string) => BigInt(s.replace('.', ''));
    expect(
      fen(after.data!.villageIncomeBalances[0].received) -
        fen(before.data!.villageIncomeBalances[0].received),
    ).toBe(320000n);
    const view = await clerk.gql<{ asset: { status: string; statusSince: string } }>(
      'query($id: ID!) { asset(id: $id) { status statusSince operator contractStart contractEnd } }',
      { id: asset.id },
    );
    // The lease (contract until 2026-12-31 in the factory) ends on the disposal date.
    expect(view.data!.asset).toEqual({
      status: 'DISPOSED',
      statusSince: today(),
      operator: '万州区梧桐蔬菜专业合作社',
      contractStart: '2022-01-01',
      contractEnd: today() < '2026-12-31' ? today() : '2026-12-31',
    });
    const actions = await t.sql<{ action: string }>(
      `SELECT action FROM ledger_entry WHERE entity_id IN ($1, $2) AND action LIKE '%DISPOS%' ORDER BY idx`,
      [d.id, asset.id],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'DISPOSAL_REQUESTED',
      'DISPOSAL_APPROVED',
      'DISPOSAL_COMPLETED',
      'ASSET_DISPOSED',
    ]);
    // Never deleted: the asset is still there, closed; it cannot be changed or disposed again.
    expect(errorCode(await request(asset.id))).toBe('CONFLICT');
  });

  it('from ¥50,000 formed value (or for TRANSFER/AUCTION) the township forwards and the district decides', async () => {
    const big = await makeOwnedOperatingAsset(clerk, officer, '500101151201', {
      formedValue: '80000.00',
      investedAmount: '80000.00',
      fundSources: [{ source: 'LINKAGE_FUND', amount: '80000.00' }],
      contractAnnualAmount: '4800.00',
    });
    const d = (await request(big.id, { method: 'AUCTION', appraisedValue: '60000.00' })).data!
      .requestDisposal;
    expect(d.decidingLevel).toBe('DISTRICT');
    // The district cannot take the township's step, nor the township the district's.
    expect(errorReason(await review(district, d.id, 'APPROVE'))).toBe('DISPOSAL_WRONG_LEVEL');
    const forwarded = await review(officer, d.id, 'APPROVE');
    expect(forwarded.data!.reviewDisposal).toMatchObject({
      status: 'PENDING_DISTRICT',
      currentLevel: 'DISTRICT',
    });
    expect(errorReason(await review(officer, d.id, 'APPROVE'))).toBe('DISPOSAL_WRONG_LEVEL');
    const approved = await review(district, d.id, 'APPROVE');
    expect(approved.data!.reviewDisposal.status).toBe('APPROVED');
    expect(approved.data!.reviewDisposal.reviews.map((r) => r.level)).toEqual(['TOWNSHIP', 'DISTRICT']);
    expect((await clerk.gql(COMPLETE, { id: d.id, on: today(), p: '61000.00' })).errors).toBeUndefined();
    // A small asset, but TRANSFER: the district decides.
    const small = await makeOwnedOperatingAsset(clerk, officer, '500101151201', {
      formedValue: '1000.00',
      investedAmount: '1000.00',
      fundSources: [{ source: 'LINKAGE_FUND', amount: '1000.00' }],
      contractAnnualAmount: null,
      contractStart: null,
      contractEnd: null,
      contractTerms: null,
    });
    expect(
      (await request(small.id, { method: 'TRANSFER', appraisedValue: '500.00' })).data!.requestDisposal
        .decidingLevel,
    ).toBe('DISTRICT');
  });

  it('refusals: a second request, self-review, missing comment, stale snapshot, review after withdrawal, wrong people', async () => {
    const asset = await makeOwnedOperatingAsset(clerk, officer, '500101151201');
    const d = (await request(asset.id)).data!.requestDisposal;
    const second = await request(asset.id);
    expect(errorCode(second)).toBe('CONFLICT');
    expect(errorReason(second)).toBe('DISPOSAL_OPEN_EXISTS');
    expect(second.errors![0].message).toBe(
      `Asset ${asset.code} already has an open disposal request (${d.status})`,
    );
    // In Chinese with the asset's code and the open request's status by its label.
    expect(d.status).toBe('PENDING_TOWNSHIP');
    const secondZh = await t.inLanguage('zh-CN', () => request(asset.id));
    expect(secondZh.errors![0].message).toBe(`资产 ${asset.code} 已有未办结的处置申请（待乡镇审核）`);
    // While open: no change of owner, no change that matters; harmless changes pass but change the snapshot.
    const propose = await clerk.gql(
      'mutation($a: ID!) { proposeOwnership(input: { assetId: $a, owners: [{ ownerType: VILLAGE_COLLECTIVE, ownerRef: "500101151201", name: "x", sharePercent: "100" }], managementEntity: "x", publicityStart: "2026-01-01" }) { id } }',
      { a: asset.id },
    );
    expect(errorReason(propose)).toBe('ASSET_LOCKED_BY_DISPOSAL');
    const upd = await clerk.gql(
      'mutation($id: ID!) { updateAsset(id: $id, expectedVersion: 2, changes: { formedValue: "1.00" }) { id } }',
      { id: asset.id },
    );
    expect(errorReason(upd)).toBe('ASSET_LOCKED_BY_DISPOSAL');
    const seen = (await current(d.id)).snapshotHash;
    const harmless = await clerk.gql(
      'mutation($id: ID!) { updateAsset(id: $id, expectedVersion: 2, changes: { managementResponsible: "新负责人" }) { version } }',
      { id: asset.id },
    );
    expect(harmless.errors).toBeUndefined();
    const stale = await review(officer, d.id, 'APPROVE', undefined, seen);
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(errorReason(stale)).toBe('DISPOSAL_STALE_SNAPSHOT');
    const noComment = await review(officer, d.id, 'REJECT');
    expect(errorCode(noComment)).toBe('BAD_USER_INPUT');
    expect(errorFields(noComment)).toEqual(['comment']);
    const outOfScope = ['yuhe', 'luotian', 'daping'];
    for (const user of ['yuhe', 'luotian', 'auditor', 'admin', 'daping']) {
      expect({
        user,
        code: errorCode(
          await review(
            await t.as(user),
            d.id,
            'APPROVE',
            undefined,
            (await current(d.id, district)).snapshotHash,
          ),
        ),
      }).toEqual({ user, code: outOfScope.includes(user) ? 'NOT_FOUND' : 'FORBIDDEN' });
    }
    // Withdrawn by the requester (not by anyone else); then no review is possible.
    expect(
      errorCode(
        await officer.gql('mutation($id: ID!) { withdrawDisposal(requestId: $id) { id } }', { id: d.id }),
      ),
    ).toBe('FORBIDDEN');
    const withdrawn = await clerk.gql<{ withdrawDisposal: Disposal }>(
      'mutation($id: ID!) { withdrawDisposal(requestId: $id) { id status } }',
      { id: d.id },
    );
    expect(withdrawn.data!.withdrawDisposal.status).toBe('WITHDRAWN');
    const after = await review(officer, d.id, 'APPROVE');
    expect(errorCode(after)).toBe('CONFLICT');
    expect(errorReason(after)).toBe('DISPOSAL_WRONG_STATUS');
    expect(after.errors![0].message).toBe('This request is WITHDRAWN: there is nothing to review');
    const afterZh = await t.inLanguage('zh-CN', () => review(officer, d.id, 'APPROVE'));
    expect(afterZh.errors![0].message).toBe('该处置申请当前为“已撤回”，没有待审核的内容');
    // Self-review: a township officer who requested (for a township-owned asset) cannot review it.
    const project = await makeProject(officer, { regionCode: '500101151' });
    const townshipAsset = await makeAsset(officer, project.id, { locationCode: '500101151' });
    const own = await request(townshipAsset.id, {}, officer);
    expect(own.errors).toBeUndefined();
    const self = await review(officer, own.data!.requestDisposal.id, 'APPROVE');
    expect(errorReason(self)).toBe('DISPOSAL_SELF_REVIEW');
    // Evidence is required; the requester must be the owner.
    const other = await makeOwnedOperatingAsset(clerk, officer, '500101151201');
    const noEvidence = await clerk.gql(REQUEST, {
      input: {
        assetId: other.id,
        method: 'SCRAP',
        reasonCode: 'UNSAFE',
        reasonText: 'x',
        appraisedValue: '0.00',
        evidence: { appraisalFileIds: [], resolutionFileIds: [] },
      },
    });
    expect(errorFields(noEvidence).sort()).toEqual([
      'input.evidence.appraisalFileIds',
      'input.evidence.resolutionFileIds',
    ]);
    expect(errorCode(await request(other.id, {}, await t.as('yuhe')))).toBe('NOT_FOUND');
  });

  it('snapshot is the exact canonical JSON whose SHA-256 is snapshotHash, request and asset as they are now', async () => {
    const asset = await makeOwnedOperatingAsset(clerk, officer, '500101151201', {
      formedValue: '8000.00',
      investedAmount: '8000.00',
      fundSources: [{ source: 'LINKAGE_FUND', amount: '8000.00' }],
      contractAnnualAmount: '600.00',
    });
    const d = (await request(asset.id)).data!.requestDisposal;
    const SNAP = 'query($id: ID!) { disposalRequest(id: $id) { snapshot snapshotHash } }';
    const read = async () =>
      (await officer.gql<{ disposalRequest: { snapshot: string; snapshotHash: string } }>(SNAP, { id: d.id }))
        .data!.disposalRequest;
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    const first = await read();
    expect(sha256(first.snapshot)).toBe(first.snapshotHash);
    expect(first.snapshotHash).toBe(d.snapshotHash);
    const parsed = JSON.parse(first.snapshot) as {
      request: { id: string; status: string; appraisedValue: string };
      asset: { id: string; managementResponsible: string | null; version: number };
    };
    expect(parsed.request).toMatchObject({ id: d.id, status: 'PENDING_TOWNSHIP', appraisedValue: '300000' });
    expect(parsed.asset.id).toBe(asset.id);
    // Canonical: keys sorted, no spaces.
    expect(first.snapshot.startsWith('{"asset":{')).toBe(true);
    await clerk.gql(
      'mutation($id: ID!, $v: Int!) { updateAsset(id: $id, expectedVersion: $v, changes: { managementResponsible: "李护" }) { version } }',
      { id: asset.id, v: parsed.asset.version },
    );
    const second = await read();
    expect(second.snapshotHash).not.toBe(first.snapshotHash);
    expect(sha256(second.snapshot)).toBe(second.snapshotHash);
    expect((JSON.parse(second.snapshot) as typeof parsed).asset.managementResponsible).toBe('李护');
    // Out of scope: NOT_FOUND, as for every other field.
    expect(errorCode(await (await t.as('yuhe')).gql(SNAP, { id: d.id }))).toBe('NOT_FOUND');
    await review(officer, d.id, 'REJECT', '测试结束');
  });

  it('RETURN sends it back to the requester, who changes and resubmits it; REJECT closes it', async () => {
    const asset = await makeOwnedOperatingAsset(clerk, officer, '500101151201');
    const d = (await request(asset.id)).data!.requestDisposal;
    const returned = await review(officer, d.id, 'RETURN', '请补充第三方评估报告');
    expect(returned.data!.reviewDisposal.status).toBe('RETURNED');
    const v = (await current(d.id)).version;
    const changed = await clerk.gql<{ updateDisposalRequest: Disposal }>(
      'mutation($id: ID!, $v: Int!) { updateDisposalRequest(id: $id, expectedVersion: $v, changes: { appraisedValue: "3500.00" }) { status version } }',
      { id: d.id, v },
    );
    expect(changed.errors).toBeUndefined();
    const resubmitted = await clerk.gql<{ resubmitDisposal: Disposal }>(
      'mutation($id: ID!) { resubmitDisposal(requestId: $id) { status currentLevel } }',
      { id: d.id },
    );
    expect(resubmitted.data!.resubmitDisposal).toMatchObject({
      status: 'PENDING_TOWNSHIP',
      currentLevel: 'TOWNSHIP',
    });
    const rejected = await review(officer, d.id, 'REJECT', '大棚仍可修复使用，不同意报废');
    expect(rejected.data!.reviewDisposal.status).toBe('REJECTED');
    expect(errorReason(await clerk.gql(COMPLETE, { id: d.id, on: today(), p: '0.00' }))).toBe(
      'DISPOSAL_WRONG_STATUS',
    );
    // Closed: the asset may be requested again.
    expect((await request(asset.id)).errors).toBeUndefined();
  });

  it('two reviewers racing on one step: exactly one decision is recorded', async () => {
    const asset = await makeOwnedOperatingAsset(clerk, officer, '500101151201');
    const d = (await request(asset.id)).data!.requestDisposal;
    const officer2 = await (async () => {
      const admin = await t.as('admin');
      await admin.gql(
        'mutation { createUser(input: { username: "longju2", displayName: "龙驹镇 二号", role: TOWNSHIP_OFFICER, regionCode: "500101151", password: "second-officer-pass" }) { id } }',
      );
      return t.as('longju2', 'second-officer-pass');
    })();
    const hash = (await current(d.id)).snapshotHash;
    const results = await Promise.all([
      review(officer, d.id, 'APPROVE', undefined, hash),
      review(officer2, d.id, 'REJECT', '不同意', hash),
      review(officer, d.id, 'RETURN', '退回', hash),
      review(officer2, d.id, 'APPROVE', undefined, hash),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) expect(errorCode(r)).toBe('CONFLICT');
    const reviews = await t.sql('SELECT * FROM disposal_review WHERE request_id = $1', [d.id]);
    expect(reviews).toHaveLength(1);
  });

  it('the policy is configuration: ADMIN changes the threshold; new requests follow it; deadlines flag overdue steps', async () => {
    const admin = await t.as('admin');
    const res = await admin.gql<{ setDisposalPolicy: { version: number } }>(
      'mutation { setDisposalPolicy(input: { districtFromFormedValue: "10000.00", districtMethods: [], townshipReviewDays: 1, districtReviewDays: 1, note: "从严" }) { version } }',
    );
    expect(res.data!.setDisposalPolicy.version).toBe(2);
    const asset = await makeOwnedOperatingAsset(clerk, officer, '500101151201', {
      formedValue: '20000.00',
      investedAmount: '20000.00',
      fundSources: [{ source: 'LINKAGE_FUND', amount: '20000.00' }],
      contractAnnualAmount: '1200.00',
    });
    const d = (await request(asset.id)).data!.requestDisposal;
    expect(d.decidingLevel).toBe('DISTRICT');
    expect(
      errorCode(
        await clerk.gql(
          'mutation { setDisposalPolicy(input: { districtMethods: [], townshipReviewDays: 1, districtReviewDays: 1 }) { version } }',
        ),
      ),
    ).toBe('FORBIDDEN');
    // Two days later the township step (1 day) is overdue.
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
      const later = await (
        await t.as('auditor')
      ).gql<{ disposalRequest: { overdue: boolean; dueOn: string } }>(
        'query($id: ID!) { disposalRequest(id: $id) { overdue dueOn } }',
        { id: d.id },
      );
      expect(later.data!.disposalRequest.overdue).toBe(true);
    } finally {
      jest.useRealTimers();
      t.forgetTokens();
      clerk = await t.as('wutong');
      officer = await t.as('longju');
      district = await t.as('district');
    }
  });
});
