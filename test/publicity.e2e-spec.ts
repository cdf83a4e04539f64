import { daysAgo, makeAsset, makeProject, ProjectRef } from './support/factories';
import { entryDocuments } from './support/ledger-state';
import { Caller, errorCode, errorFields, errorReason, TestApp } from './support/test-app';

const PROPOSE = `mutation($input: ProposeOwnershipInput!) { proposeOwnership(input: $input) {
  id status publicityStart publicityEnd backdated noticeEvidence { fileId }
} }`;
const CONFIRM = `mutation($id: ID!, $no: String!) { confirmOwnership(proposalId: $id, certificateNo: $no) { id status } }`;
const FLAGS = `query($r: String) { redFlags(regionCode: $r, kinds: [PUBLICITY_BACKDATED]) {
  flags { kind threshold count records { entityType entityId since days } }
} }`;
const TASKS = `{ myTasks(first: 50) { groups { kind items { entityId backdated date } } } }`;

type Proposal = {
  id: string;
  status: string;
  publicityStart: string;
  publicityEnd: string;
  backdated: boolean;
  noticeEvidence: Array<{ fileId: string }>;
};

/** Publicity cannot be skipped: it counts from the day the proposal is recorded. */
describe('ownership publicity cannot be skipped (e2e)', () => {
  let t: TestApp;
  let clerk: Caller;
  let officer: Caller;
  let project: ProjectRef;
  let notice: string;

  const today = (): string => daysAgo(0);
  const propose = (assetId: string, over: Record<string, unknown> = {}) =>
    clerk.gql<{ proposeOwnership: Proposal }>(PROPOSE, {
      input: {
        assetId,
        owners: [
          {
            ownerType: 'VILLAGE_COLLECTIVE',
            ownerRef: '500101151201',
            name: '梧桐村股份经济合作联合社',
            sharePercent: '100',
          },
        ],
        managementEntity: '梧桐村股份经济合作联合社',
        publicityStart: today(),
        ...over,
      },
    });

  beforeAll(async () => {
    t = await TestApp.start();
    clerk = await t.as('wutong');
    officer = await t.as('longju');
    project = await makeProject(officer, { regionCode: '500101151' });
    notice = await clerk.upload(Buffer.from('%PDF-1.4\n% 确权公示张贴照片\n%%EOF\n'), '公示照片.pdf');
  });
  afterAll(() => t.close());

  it('the exploit: a start ten days ago without the posted notice is refused, and nothing is recorded', async () => {
    const asset = await makeAsset(clerk, project.id);
    const res = await propose(asset.id, { publicityStart: daysAgo(10) });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(errorReason(res)).toBe('OWNERSHIP_PUBLICITY_BACKDATED_WITHOUT_NOTICE');
    expect(errorFields(res)).toEqual(['input.publicityStart']);
    expect(res.errors![0].message).toContain('publicity counts from the day of registration');
    const zh = await t.inLanguage('zh-CN', () => propose(asset.id, { publicityStart: daysAgo(10) }));
    expect(zh.errors![0].message).toContain(
      `公示期自登记之日（${today()}）起算；公示起始日期提前到 ${daysAgo(10)}，须附已张贴公示的照片或扫描件`,
    );
    expect(await t.sql('SELECT 1 FROM ownership_proposal WHERE asset_id = $1', [asset.id])).toEqual([]);

    // Recorded today, it cannot be confirmed at once: the publicity has its full days.
    const now = (await propose(asset.id)).data!.proposeOwnership;
    expect(now).toMatchObject({ publicityStart: today(), backdated: false, noticeEvidence: [] });
    const confirm = await officer.gql(CONFIRM, { id: now.id, no: `GS-${asset.code}` });
    expect(errorCode(confirm)).toBe('CONFLICT');
    expect(errorReason(confirm)).toBe('OWNERSHIP_PUBLICITY_NOT_OVER');
    // Said with its dates: the last day of the publicity, and the first day it may be confirmed.
    const lastDay = new Date(Date.parse(`${now.publicityEnd}T00:00:00Z`) - 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect(confirm.errors![0].message).toBe(
      `Publicity runs until ${lastDay}: confirm on or after ${now.publicityEnd}`,
    );
    const confirmZh = await t.inLanguage('zh-CN', () =>
      officer.gql(CONFIRM, { id: now.id, no: `GS-${asset.code}` }),
    );
    expect(confirmZh.errors![0].message).toBe(
      `公示期至 ${lastDay} 结束，请于 ${now.publicityEnd} 或之后确权`,
    );
  });

  it('back-dated with the photo of the posted notice: accepted, marked, shown to the township and flagged', async () => {
    const asset = await makeAsset(clerk, project.id);
    const res = await propose(asset.id, { publicityStart: daysAgo(10), noticeEvidenceFileIds: [notice] });
    expect(res.errors).toBeUndefined();
    const p = res.data!.proposeOwnership;
    expect(p).toMatchObject({
      publicityStart: daysAgo(10),
      publicityEnd: today(),
      backdated: true,
      noticeEvidence: [{ fileId: notice }],
    });

    const flags = await officer.gql<{
      redFlags: {
        flags: Array<{
          kind: string;
          threshold: number;
          records: Array<{ entityType: string; entityId: string; since: string; days: number }>;
        }>;
      };
    }>(FLAGS, { r: '500101151' });
    expect(flags.errors).toBeUndefined();
    expect(flags.data!.redFlags.flags[0]).toMatchObject({ kind: 'PUBLICITY_BACKDATED', threshold: 30 });
    expect(flags.data!.redFlags.flags[0].records).toContainEqual({
      entityType: 'OwnershipProposal',
      entityId: p.id,
      since: daysAgo(10),
      days: 10,
    });

    // The township's to-do: the proposal to confirm says it was back-dated.
    const tasks = await officer.gql<{
      myTasks: { groups: Array<{ kind: string; items: Array<{ entityId: string; backdated: boolean }> }> };
    }>(TASKS);
    const toConfirm = tasks.data!.myTasks.groups.find((g) => g.kind === 'OWNERSHIP_PUBLICITY_ENDED')!;
    expect(toConfirm.items).toContainEqual(expect.objectContaining({ entityId: p.id, backdated: true }));

    expect((await officer.gql(CONFIRM, { id: p.id, no: `GS-${asset.code}` })).errors).toBeUndefined();
  });

  it("the notice's photo is on the ledger without a back-dated start too; proposals recorded before keep their state", async () => {
    const reconcile = async () =>
      (
        await t.gql<{
          reconcile: { ok: boolean; differences: Array<{ entityType: string; entityId: string }> };
        }>('{ reconcile { ok differences { entityType entityId } } }', {}, await t.token('auditor'))
      ).data!.reconcile;
    const sha = (
      await t.sql<{ sha256: string }>('SELECT sha256 FROM evidence_file WHERE id = $1', [notice])
    )[0].sha256;

    // Posted today, photographed: the proposal's entry cites the photo, so the dossier and reconcile hold it.
    const asset = await makeAsset(clerk, project.id);
    const res = await propose(asset.id, { noticeEvidenceFileIds: [notice] });
    expect(res.errors).toBeUndefined();
    const p = res.data!.proposeOwnership;
    expect(p).toMatchObject({ backdated: false, noticeEvidence: [{ fileId: notice }] });
    const [doc] = await entryDocuments<{
      after: { noticeEvidence?: Array<{ fileId: string; sha256: string }> };
    }>(t, 'OwnershipProposal', p.id);
    expect(doc.after.noticeEvidence).toEqual([{ fileId: notice, sha256: sha }]);
    expect(await reconcile()).toEqual({ ok: true, differences: [] });

    // A proposal recorded before (its entries name no notice, marked by the migration) keeps the state its
    // entries hashed; the same row counted as on the ledger would differ from them.
    const before = (await propose((await makeAsset(clerk, project.id)).id)).data!.proposeOwnership;
    await t.sql(
      `UPDATE ownership_proposal SET notice_evidence = $2::jsonb, notice_evidence_on_ledger = false WHERE id = $1`,
      [before.id, JSON.stringify([{ fileId: notice, sha256: sha }])],
    );
    expect(await reconcile()).toEqual({ ok: true, differences: [] });
    await t.sql('UPDATE ownership_proposal SET notice_evidence_on_ledger = true WHERE id = $1', [before.id]);
    expect((await reconcile()).differences).toEqual([
      { entityType: 'OwnershipProposal', entityId: before.id },
    ]);
    await t.sql('UPDATE ownership_proposal SET notice_evidence_on_ledger = false WHERE id = $1', [before.id]);
  });

  it('more than 30 days back is refused, with the evidence or without', async () => {
    const asset = await makeAsset(clerk, project.id);
    const far = await propose(asset.id, { publicityStart: daysAgo(31), noticeEvidenceFileIds: [notice] });
    expect(errorCode(far)).toBe('BAD_USER_INPUT');
    expect(errorReason(far)).toBe('OWNERSHIP_PUBLICITY_BACKDATED_TOO_FAR');
    expect(far.errors![0].message).toContain('at most 30 days earlier');
    const edge = await propose(asset.id, { publicityStart: daysAgo(30), noticeEvidenceFileIds: [notice] });
    expect(edge.errors).toBeUndefined();
  });

  it('the days back are the ownership policy, versioned: only an administrator sets them', async () => {
    const policy = await clerk.gql<{
      ownershipPolicy: { version: number; publicityBackdateMaxDays: number };
    }>('{ ownershipPolicy { version publicityBackdateMaxDays } }');
    expect(policy.data!.ownershipPolicy).toEqual({ version: 1, publicityBackdateMaxDays: 30 });
    const SET =
      'mutation($d: Int!) { setOwnershipPolicy(input: { publicityBackdateMaxDays: $d, note: "收紧" }) { version publicityBackdateMaxDays } }';
    expect(errorCode(await officer.gql(SET, { d: 5 }))).toBe('FORBIDDEN');
    const admin = await t.as('admin');
    const set = await admin.gql<{ setOwnershipPolicy: { version: number } }>(SET, { d: 5 });
    expect(set.data!.setOwnershipPolicy).toEqual({ version: 2, publicityBackdateMaxDays: 5 });
    const asset = await makeAsset(clerk, project.id);
    const res = await propose(asset.id, { publicityStart: daysAgo(10), noticeEvidenceFileIds: [notice] });
    expect(errorReason(res)).toBe('OWNERSHIP_PUBLICITY_BACKDATED_TOO_FAR');
    expect(res.errors![0].message).toContain('at most 5 days earlier');
    const zh = await t.inLanguage('zh-CN', () =>
      propose(asset.id, { publicityStart: daysAgo(10), noticeEvidenceFileIds: [notice] }),
    );
    expect(zh.errors![0].message).toContain('最多可提前 5 天');
  });
});
