import { randomUUID } from 'node:crypto';
import { INCOME_SUBJECT } from '@/income/income.service';
import { canonicalJson } from '@/ledger/canonical';
import { Json } from '@/ledger/ledger-subject';
import { daysAgo, makeAsset, makeProject, noticeScan, AssetRef } from './support/factories';
import { entryDocuments, loadedState, transactionStatements } from './support/ledger-state';
import { Caller, GqlResponse, TestApp } from './support/test-app';

const RECORD = `mutation($input: RecordIncomeInput!) { recordIncome(input: $input) {
  id amount note shares { ownerRef amount }
} }`;

type Recorded = {
  id: string;
  amount: string;
  note: string | null;
  shares: Array<{ ownerRef: string; amount: string }>;
};

interface Entry {
  after: Json;
  entityVersion: number;
  previousLeafHash: string | null;
  regionCode: string;
}

/**
 * recordIncome hands the ledger the state it has just inserted (the rows its INSERTs returned) instead
 * of letting the ledger read it again, and appends the record's first entry without looking for an
 * earlier one: the entry must hold exactly what the subject's `load` reads, and a repeat of the request
 * must still do nothing.
 */
describe('recordIncome: the ledger entry and the statements (e2e)', () => {
  let t: TestApp;
  let officer: Caller;
  let joint: AssetRef;

  const input = (over: Record<string, unknown> = {}) => ({
    assetId: joint.id,
    amount: '1000.01',
    periodFrom: '2025-01-01',
    periodTo: '2025-03-31',
    kind: 'SALES',
    receivedOn: '2025-04-02',
    idempotencyKey: `k-${randomUUID()}`,
    ...over,
  });

  const entryOf = (id: string): Promise<Entry[]> => entryDocuments<Entry>(t, INCOME_SUBJECT, id);
  const loaded = (id: string): Promise<Json> => loadedState(t, INCOME_SUBJECT, id);

  beforeAll(async () => {
    t = await TestApp.start();
    officer = await t.as('longju');
    const project = await makeProject(officer, { regionCode: '500101151' });
    joint = await makeAsset(officer, project.id, { locationCode: '500101151' });
    const owners = [
      ['500101151201', '梧桐村', '33.34'],
      ['500101151202', '玉合村', '33.33'],
      ['500101151203', '凤鸣村', '33.33'],
    ].map(([ownerRef, name, sharePercent]) => ({
      ownerType: 'VILLAGE_COLLECTIVE',
      ownerRef,
      name,
      sharePercent,
    }));
    const p = await officer.gql<{ proposeOwnership: { id: string } }>(
      'mutation($input: ProposeOwnershipInput!) { proposeOwnership(input: $input) { id } }',
      {
        input: {
          assetId: joint.id,
          owners,
          managementEntity: '龙驹镇',
          publicityStart: daysAgo(20),
          noticeEvidenceFileIds: [await noticeScan(officer)],
        },
      },
    );
    const c = await officer.gql(
      'mutation($id: ID!) { confirmOwnership(proposalId: $id, certificateNo: "STATE-1") { id } }',
      { id: p.data!.proposeOwnership.id },
    );
    expect(c.errors).toBeUndefined();
  });

  afterAll(async () => {
    await t.assertLedgerSound();
    await t.close();
  });

  it('the entry holds exactly what the subject loads: every column, the shares in order, the evidence', async () => {
    const res = await officer.gql<{ recordIncome: Recorded }>(RECORD, {
      input: input({ note: '  三季度销售  ', evidenceFileIds: [await noticeScan(officer)] }),
    });
    expect(res.errors).toBeUndefined();
    const recorded = res.data!.recordIncome;
    expect(recorded).toMatchObject({ amount: '1000.01', note: '三季度销售' });
    expect(recorded.shares.map((s) => s.amount)).toEqual(['333.41', '333.30', '333.30']);

    const entries = await entryOf(recorded.id);
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    const state = await loaded(recorded.id);
    expect(state).not.toBeNull();
    expect(canonicalJson(entry.after)).toBe(canonicalJson(state));
    expect(entry).toMatchObject({ entityVersion: 1, previousLeafHash: null, regionCode: '500101151' });
    const after = entry.after as { shares: Array<{ ownerRef: string }>; evidence: unknown[] };
    expect(after.shares.map((s) => s.ownerRef)).toEqual(['500101151201', '500101151202', '500101151203']);
    expect(after.evidence).toHaveLength(1);
  });

  it('a repeat with the same key returns the first record and writes nothing', async () => {
    const first = input({ periodFrom: '2025-04-01', periodTo: '2025-06-30' });
    const a = await officer.gql<{ recordIncome: Recorded }>(RECORD, { input: first });
    expect(a.errors).toBeUndefined();
    const count = async () =>
      (
        await t.sql<{ n: string }>(
          'SELECT (SELECT count(*) FROM income_record) + (SELECT count(*) FROM ledger_entry) AS n',
        )
      )[0].n;
    const before = await count();
    const b = await officer.gql<{ recordIncome: Recorded }>(RECORD, { input: first });
    expect(b.errors).toBeUndefined();
    expect(b.data!.recordIncome).toEqual(a.data!.recordIncome);
    expect(await count()).toBe(before);
    expect(await entryOf(a.data!.recordIncome.id)).toHaveLength(1);
  });

  it('reads neither the record nor its shares back, and no earlier entry of it', async () => {
    let res: GqlResponse<{ recordIncome: Recorded }> | undefined;
    const statements = await transactionStatements(async () => {
      res = await officer.gql<{ recordIncome: Recorded }>(
        'mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { id amount } }',
        { input: input({ periodFrom: '2025-07-01', periodTo: '2025-09-30' }) },
      );
    });
    expect(res!.errors).toBeUndefined();
    // Idempotency lock and lookup, asset lock, owners, overlap, record, shares, key; ledger lock, head, entry.
    expect(statements).toHaveLength(11);
    expect(
      statements.filter((s) =>
        /^SELECT .*FROM "?income_(record|share)"? "?\w+"? WHERE \(*"?\w+"?\."?(id|income_id)"?/.test(s),
      ),
    ).toEqual([]);
    expect(statements.filter((s) => s.includes('ledger_entry e WHERE'))).toEqual([]);
  });
});
