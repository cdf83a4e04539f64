import { daysAgo, makeAsset, makeProject } from './support/factories';
import { Caller, errorCode, errorReason, TestApp } from './support/test-app';

const UPKEEP = `query($id: ID!) { assetUpkeep(assetId: $id) {
  assetId responsibleBody responsiblePerson responsibilitySource currentCondition lastInspectedOn inspectionDueOn inspectionOverdue repairCostTotal
  duty { body person phone department fundingSource version }
  inspections { id inspectedOn condition inspector photos { fileId sha256 } notes }
  repairs { id cost paidBy allocationId planId inspectionId }
} }`;
const SET_DUTY = `mutation($input: SetUpkeepDutyInput!) { setUpkeepDuty(input: $input) { assetId body person phone department fundingSource version } }`;
const INSPECT = `mutation($input: RecordInspectionInput!) { recordUpkeepInspection(input: $input) { id inspectedOn condition } }`;
const REPAIR = `mutation($input: RecordRepairInput!) { recordUpkeepRepair(input: $input) { id cost paidBy allocationId planId } }`;
const ALLOCATIONS = `query($id: ID!) { upkeepAllocations(assetId: $id) { allocationId planId planTitle amount used remaining } }`;
const FLAGS = `query($r: String, $k: [RedFlagKind!]) { redFlags(regionCode: $r, kinds: $k) { flags { kind threshold count records { entityId code since days } } } }`;

type Flag = { kind: string; threshold: number; count: number; records: Array<{ entityId: string }> };

describe('upkeep (管护): duties, inspections, repairs and their red flags (e2e)', () => {
  let t: TestApp;
  let clerk: Caller;
  let otherClerk: Caller;
  let officer: Caller;
  let district: Caller;
  let auditor: Caller;
  let admin: Caller;
  let projectId: string;

  const today = () => daysAgo(0);
  const newAsset = async (over: Record<string, unknown> = {}) =>
    makeAsset(clerk, projectId, {
      managementEntity: '梧桐村股份经济合作联合社',
      managementResponsible: '张三',
      ...over,
    });
  const inspect = (input: Record<string, unknown>, caller: Caller = clerk) =>
    caller.gql<{ recordUpkeepInspection: { id: string } }>(INSPECT, {
      input: { inspector: '张会计', condition: 'GOOD', inspectedOn: today(), ...input },
    });
  const repair = (input: Record<string, unknown>, caller: Caller = clerk) =>
    caller.gql<{ recordUpkeepRepair: { id: string; planId: string | null } }>(REPAIR, {
      input: {
        repairedOn: today(),
        description: '更换棚膜',
        cost: '100.00',
        paidBy: 'VILLAGE_FUNDS',
        ...input,
      },
    });
  const flagged = async (kind: string, assetId: string, caller: Caller = officer) => {
    const res = await caller.gql<{ redFlags: { flags: Flag[] } }>(FLAGS, { k: [kind] });
    expect(res.errors).toBeUndefined();
    return res.data!.redFlags.flags[0].records.some((r) => r.entityId === assetId);
  };
  const actions = async (entityType: string, entityId: string) =>
    (
      await t.sql<{ action: string }>(
        'SELECT action FROM ledger_entry WHERE entity_type = $1 AND entity_id = $2 ORDER BY idx',
        [entityType, entityId],
      )
    ).map((r) => r.action);

  beforeAll(async () => {
    t = await TestApp.start();
    clerk = await t.as('wutong');
    otherClerk = await t.as('daping');
    officer = await t.as('longju');
    district = await t.as('district');
    auditor = await t.as('auditor');
    admin = await t.as('admin');
    projectId = (await makeProject(clerk)).id;
  });
  afterAll(() => t.close());

  it('the duty supersedes the register’s body and person; its phone is masked except for the clerk and the officer', async () => {
    const asset = await newAsset();
    const before = await clerk.gql<{ assetUpkeep: Record<string, unknown> }>(UPKEEP, { id: asset.id });
    expect(before.data!.assetUpkeep).toMatchObject({
      responsibleBody: '梧桐村股份经济合作联合社',
      responsiblePerson: '张三',
      responsibilitySource: 'ASSET_REGISTER',
      duty: null,
    });
    const input = {
      assetId: asset.id,
      body: '梧桐村村民委员会',
      person: '李四',
      phone: '13812345678',
      department: 'AGRICULTURE_RURAL',
      fundingSource: 'ASSET_INCOME',
    };
    // Rules: a phone that is not one; only the village's clerk writes.
    const bad = await clerk.gql(SET_DUTY, { input: { ...input, phone: 'abc' } });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(errorCode(await officer.gql(SET_DUTY, { input }))).toBe('FORBIDDEN');
    expect(errorCode(await district.gql(SET_DUTY, { input }))).toBe('FORBIDDEN');
    expect(errorCode(await otherClerk.gql(SET_DUTY, { input }))).toBe('NOT_FOUND');
    expect(errorCode(await auditor.gql(SET_DUTY, { input }))).toBe('FORBIDDEN');

    const set = await clerk.gql<{ setUpkeepDuty: Record<string, unknown> }>(SET_DUTY, { input });
    expect(set.errors).toBeUndefined();
    expect(set.data!.setUpkeepDuty).toMatchObject({ phone: '13812345678', version: 1 });
    const seen = async (caller: Caller) =>
      (
        await caller.gql<{
          assetUpkeep: { duty: { phone: string }; responsiblePerson: string; responsibilitySource: string };
        }>(UPKEEP, { id: asset.id })
      ).data!.assetUpkeep;
    expect((await seen(officer)).duty.phone).toBe('13812345678');
    expect((await seen(district)).duty.phone).toBe('138****5678');
    expect((await seen(auditor)).duty.phone).toBe('138****5678');
    expect(await seen(auditor)).toMatchObject({
      responsiblePerson: '李四',
      responsibilitySource: 'UPKEEP_DUTY',
    });
    // Out of scope: another village's clerk does not see it at all.
    expect(errorCode(await otherClerk.gql(UPKEEP, { id: asset.id }))).toBe('NOT_FOUND');

    // A second version, bound to the version read; the first stays on the ledger.
    const stale = await clerk.gql(SET_DUTY, { input: { ...input, person: '王五', expectedVersion: 7 } });
    expect(errorCode(stale)).toBe('CONFLICT');
    const again = await clerk.gql<{ setUpkeepDuty: { version: number } }>(SET_DUTY, {
      input: { ...input, person: '王五', expectedVersion: 1 },
    });
    expect(again.data!.setUpkeepDuty.version).toBe(2);
    expect(await actions('UpkeepDuty', asset.id)).toEqual(['UPKEEP_DUTY_SET', 'UPKEEP_DUTY_SET']);
    // The ledger never holds the number itself.
    const docs = await t.sql<{ text: string }>(
      `SELECT convert_from(canonical, 'UTF8') AS text FROM ledger_entry WHERE entity_type = 'UpkeepDuty' AND entity_id = $1`,
      [asset.id],
    );
    expect(docs).toHaveLength(2);
    for (const d of docs) expect(d.text).not.toContain('13812345678');
  });

  it('inspections: not in the future, not before completion, a note for damage; idempotent; on the ledger', async () => {
    const asset = await newAsset();
    const future = await inspect({ assetId: asset.id, inspectedOn: daysAgo(-3) });
    expect(errorCode(future)).toBe('BAD_USER_INPUT');
    expect(errorReason(future)).toBe('VALIDATION_FAILED');
    // English on request: no Chinese left.
    expect(future.errors![0].message).toBe(
      `input.inspectedOn: the inspection date must not be after today (${daysAgo(0)})`,
    );
    const early = await inspect({ assetId: asset.id, inspectedOn: '2020-01-01' });
    expect(errorCode(early)).toBe('BAD_USER_INPUT');
    const noNote = await inspect({ assetId: asset.id, condition: 'DAMAGED' });
    expect(errorCode(noNote)).toBe('BAD_USER_INPUT');
    // Each refusal names its field as the console's form labels it.
    // In Chinese (the console's language), each refusal names its field as the form labels it.
    t.language = undefined;
    try {
      const zhFuture = await inspect({ assetId: asset.id, inspectedOn: daysAgo(-3) });
      expect(zhFuture.errors![0].message).toContain('「巡查日期」');
      expect(zhFuture.errors![0].extensions.fields![0].message).toBe(`巡查日期不能晚于今天（${daysAgo(0)}）`);
      const zhNoNote = await inspect({ assetId: asset.id, condition: 'DAMAGED' });
      expect(zhNoNote.errors![0].message).toContain('「情况说明」');
      expect(zhNoNote.errors![0].message).not.toContain('input.');
    } finally {
      t.language = 'en';
    }
    expect(errorCode(await inspect({ assetId: asset.id }, officer))).toBe('FORBIDDEN');
    expect(errorCode(await inspect({ assetId: asset.id }, otherClerk))).toBe('NOT_FOUND');

    const photo = await clerk.upload(Buffer.from('%PDF-1.4\n% photo\n%%EOF\n'), 'photo.pdf');
    const key = `inspect-${asset.id}`;
    const first = await inspect({
      assetId: asset.id,
      condition: 'FAIR',
      notes: '轻微锈蚀',
      photoFileIds: [photo],
      idempotencyKey: key,
    });
    expect(first.errors).toBeUndefined();
    const repeat = await inspect({
      assetId: asset.id,
      condition: 'FAIR',
      notes: '轻微锈蚀',
      photoFileIds: [photo],
      idempotencyKey: key,
    });
    expect(repeat.data!.recordUpkeepInspection.id).toBe(first.data!.recordUpkeepInspection.id);
    const reused = await inspect({ assetId: asset.id, condition: 'GOOD', idempotencyKey: key });
    expect(errorReason(reused)).toBe('IDEMPOTENCY_KEY_REUSED');
    const view = (
      await officer.gql<{
        assetUpkeep: {
          inspections: Array<{ photos: unknown[] }>;
          currentCondition: string;
          inspectionOverdue: boolean;
        };
      }>(UPKEEP, { id: asset.id })
    ).data!.assetUpkeep;
    expect(view.inspections).toHaveLength(1);
    expect(view.inspections[0].photos).toHaveLength(1);
    expect(view).toMatchObject({ currentCondition: 'FAIR', inspectionOverdue: false });
    expect(await actions('UpkeepInspection', first.data!.recordUpkeepInspection.id)).toEqual([
      'UPKEEP_INSPECTED',
    ]);
  });

  it('repairs: paid from an ASSET_UPKEEP allocation of the village’s filed plan, never beyond it', async () => {
    const asset = await newAsset();
    const found = await inspect({
      assetId: asset.id,
      condition: 'DAMAGED',
      notes: '棚膜破损',
      inspectedOn: daysAgo(3),
    });
    const inspectionId = found.data!.recordUpkeepInspection.id;
    // The demo plan of 梧桐村 has an ASSET_UPKEEP allocation of ¥1,000, ¥860 of it spent on a repair.
    const allocations = (
      await clerk.gql<{
        upkeepAllocations: Array<{ allocationId: string; planId: string; remaining: string; used: string }>;
      }>(ALLOCATIONS, { id: asset.id })
    ).data!.upkeepAllocations;
    expect(allocations).toHaveLength(1);
    expect(allocations[0]).toMatchObject({ used: '860.00', remaining: '140.00' });
    const allocationId = allocations[0].allocationId;

    // Rules, each with its error.
    expect(errorCode(await repair({ assetId: asset.id, paidBy: 'UPKEEP_ALLOCATION' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await repair({ assetId: asset.id, allocationId }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await repair({ assetId: asset.id, paidBy: 'OTHER' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await repair({ assetId: asset.id, cost: '0.00' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await repair({ assetId: asset.id, repairedOn: daysAgo(-1) }))).toBe('BAD_USER_INPUT');
    const beforeFinding = await repair({ assetId: asset.id, inspectionId, repairedOn: daysAgo(5) });
    expect(errorCode(beforeFinding)).toBe('BAD_USER_INPUT');
    const otherAsset = await newAsset();
    const foreign = await repair({ assetId: otherAsset.id, inspectionId });
    expect(errorReason(foreign)).toBe('UPKEEP_INSPECTION_NOT_FOUND');
    // Another channel of the same plan; a plan of another village.
    const other = await t.sql<{ id: string }>(
      `SELECT a.id FROM distribution_allocation a WHERE a.plan_id = $1 AND a.channel <> 'ASSET_UPKEEP'`,
      [allocations[0].planId],
    );
    const wrongChannel = await repair({
      assetId: asset.id,
      paidBy: 'UPKEEP_ALLOCATION',
      allocationId: other[0].id,
    });
    expect(errorCode(wrongChannel)).toBe('BAD_USER_INPUT');
    expect(errorReason(wrongChannel)).toBe('UPKEEP_ALLOCATION_INVALID');
    const elsewhere = await t.sql<{ id: string }>(
      `SELECT a.id FROM distribution_allocation a JOIN distribution_plan p ON p.id = a.plan_id WHERE p.village_code <> '500101151201' LIMIT 1`,
    );
    const otherVillage = await repair({
      assetId: asset.id,
      paidBy: 'UPKEEP_ALLOCATION',
      allocationId: elsewhere[0].id,
    });
    expect(errorReason(otherVillage)).toBe('UPKEEP_ALLOCATION_INVALID');
    const tooMuch = await repair({
      assetId: asset.id,
      paidBy: 'UPKEEP_ALLOCATION',
      allocationId,
      cost: '140.01',
    });
    expect(errorCode(tooMuch)).toBe('CONFLICT');
    expect(errorReason(tooMuch)).toBe('UPKEEP_ALLOCATION_EXCEEDED');
    expect(
      errorCode(await repair({ assetId: asset.id, paidBy: 'UPKEEP_ALLOCATION', allocationId }, officer)),
    ).toBe('FORBIDDEN');

    const ok = await repair({
      assetId: asset.id,
      inspectionId,
      paidBy: 'UPKEEP_ALLOCATION',
      allocationId,
      cost: '120.00',
      idempotencyKey: `repair-${asset.id}`,
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.recordUpkeepRepair.planId).toBe(allocations[0].planId);
    const replay = await repair({
      assetId: asset.id,
      inspectionId,
      paidBy: 'UPKEEP_ALLOCATION',
      allocationId,
      cost: '120.00',
      idempotencyKey: `repair-${asset.id}`,
    });
    expect(replay.data!.recordUpkeepRepair.id).toBe(ok.data!.recordUpkeepRepair.id);
    // What is left is ¥20: the next ¥20.01 is refused.
    const left = await repair({
      assetId: asset.id,
      paidBy: 'UPKEEP_ALLOCATION',
      allocationId,
      cost: '20.01',
    });
    expect(errorReason(left)).toBe('UPKEEP_ALLOCATION_EXCEEDED');
    // A payout of the same allocation counts what the repairs drew: ¥20.01 is more than is left.
    const payout = (amount: string) =>
      clerk.gql('mutation($input: RecordPayoutInput!) { recordPayout(input: $input) { id } }', {
        input: {
          planId: allocations[0].planId,
          allocationId,
          amount,
          paidOn: today(),
          idempotencyKey: `upkeep-payout-${asset.id}-${amount}`,
        },
      });
    expect(errorReason(await payout('20.01'))).toBe('PAYOUT_EXCEEDS_ALLOCATION');
    expect((await payout('20.00')).errors).toBeUndefined();
    expect(
      errorReason(
        await repair({ assetId: asset.id, paidBy: 'UPKEEP_ALLOCATION', allocationId, cost: '0.01' }),
      ),
    ).toBe('UPKEEP_ALLOCATION_EXCEEDED');
    const view = (
      await district.gql<{ assetUpkeep: { repairs: unknown[]; repairCostTotal: string } }>(UPKEEP, {
        id: asset.id,
      })
    ).data!.assetUpkeep;
    expect(view).toMatchObject({ repairCostTotal: '120.00' });
    expect(view.repairs).toHaveLength(1);
    expect(await actions('UpkeepRepair', ok.data!.recordUpkeepRepair.id)).toEqual(['UPKEEP_REPAIRED']);
  });

  it('red flags: damage not repaired within the period, lost without disposal, inspection overdue — each appears and goes away', async () => {
    // Damage found 40 days ago (the policy allows 30): flagged until repaired.
    const damaged = await newAsset();
    await inspect({ assetId: damaged.id, condition: 'DAMAGED', notes: '立柱倾斜', inspectedOn: daysAgo(40) });
    expect(await flagged('UPKEEP_DAMAGE_UNREPAIRED', damaged.id)).toBe(true);
    expect(await flagged('UPKEEP_DAMAGE_UNREPAIRED', damaged.id, district)).toBe(true);
    await repair({ assetId: damaged.id, repairedOn: daysAgo(1), paidBy: 'SECTOR_FUNDS' });
    expect(await flagged('UPKEEP_DAMAGE_UNREPAIRED', damaged.id)).toBe(false);

    // Lost (灭失): flagged until a disposal is requested.
    const lost = await newAsset();
    await inspect({ assetId: lost.id, condition: 'LOST', notes: '山体滑坡，设施被掩埋' });
    expect(await flagged('UPKEEP_LOST_NO_DISPOSAL', lost.id)).toBe(true);
    const file = async (name: string) =>
      clerk.upload(Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`), `${name}.pdf`);
    const disposal = await clerk.gql(
      `mutation($input: RequestDisposalInput!) { requestDisposal(input: $input) { id } }`,
      {
        input: {
          assetId: lost.id,
          method: 'LOSS_WRITE_OFF',
          reasonCode: 'DISASTER',
          reasonText: '山体滑坡致设施灭失',
          appraisedValue: '0.00',
          evidence: {
            appraisalFileIds: [await file('appraisal')],
            resolutionFileIds: [await file('resolution')],
          },
        },
      },
    );
    expect(disposal.errors).toBeUndefined();
    expect(await flagged('UPKEEP_LOST_NO_DISPOSAL', lost.id)).toBe(false);

    // Overdue: last inspected 100 days ago (the policy asks every 90 days for operating assets).
    const late = await newAsset();
    await inspect({ assetId: late.id, inspectedOn: daysAgo(100) });
    expect(await flagged('UPKEEP_INSPECTION_OVERDUE', late.id)).toBe(true);
    expect(
      (await clerk.gql<{ assetUpkeep: { inspectionOverdue: boolean } }>(UPKEEP, { id: late.id })).data!
        .assetUpkeep.inspectionOverdue,
    ).toBe(true);
    // A longer period in a new policy version: no longer overdue; an inspection today clears it too.
    const policy = `mutation($input: UpkeepPolicyInput!) { setUpkeepPolicy(input: $input) { version operatingInspectionDays } }`;
    const input = {
      operatingInspectionDays: 180,
      publicWelfareInspectionDays: 90,
      householdInspectionDays: 365,
      repairDays: 30,
    };
    expect(errorCode(await clerk.gql(policy, { input }))).toBe('FORBIDDEN');
    const set = await district.gql<{ setUpkeepPolicy: { version: number } }>(policy, { input });
    expect(set.errors).toBeUndefined();
    expect(await flagged('UPKEEP_INSPECTION_OVERDUE', late.id)).toBe(false);
    await district.gql(policy, { input: { ...input, operatingInspectionDays: 90 } });
    expect(await flagged('UPKEEP_INSPECTION_OVERDUE', late.id)).toBe(true);
    await inspect({ assetId: late.id });
    expect(await flagged('UPKEEP_INSPECTION_OVERDUE', late.id)).toBe(false);
    expect(await actions('UpkeepPolicy', String(set.data!.setUpkeepPolicy.version))).toEqual([
      'UPKEEP_POLICY_SET',
    ]);

    // The demo: one asset of 梧桐村 last inspected 200 days ago; the village clerk reads only their village.
    const demo = await officer.gql<{ redFlags: { flags: Flag[] } }>(FLAGS, {
      k: ['UPKEEP_INSPECTION_OVERDUE'],
    });
    expect(demo.data!.redFlags.flags[0].count).toBeGreaterThanOrEqual(1);
    expect(
      errorCode(await otherClerk.gql(FLAGS, { r: '500101151201', k: ['UPKEEP_INSPECTION_OVERDUE'] })),
    ).toBe('FORBIDDEN');
  });

  it('a disposed asset takes no upkeep records', async () => {
    const rows = await t.sql<{ id: string }>(
      `SELECT id FROM asset WHERE status = 'DISPOSED' AND location_code = '500101151201' LIMIT 1`,
    );
    expect(rows).toHaveLength(1);
    expect(errorCode(await inspect({ assetId: rows[0].id }))).toBe('CONFLICT');
    void admin;
  });
});
