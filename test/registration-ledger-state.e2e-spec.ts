import { ASSET_SUBJECT } from '@/assets/assets.service';
import { idNumberCheckCharacter } from '@/households/id-number';
import { HOUSEHOLD_SUBJECT } from '@/households/households.service';
import { canonicalJson } from '@/ledger/canonical';
import { Json } from '@/ledger/ledger-subject';
import { assetInput, makeHousehold, makeProject, ProjectRef } from './support/factories';
import { entryDocuments, loadedState, transactionStatements } from './support/ledger-state';
import { Caller, TestApp } from './support/test-app';

const REGISTER = 'mutation($input: RegisterAssetInput!) { registerAsset(input: $input) { id code version } }';

interface Entry {
  after: Json;
  entityVersion: number;
  previousLeafHash: string | null;
  regionCode: string;
}

/**
 * Registering assets and households (registerAsset, registerHousehold, and the scale seed's bulk calls of
 * `AssetsService.insertMany` and `HouseholdsService.insertMany`) hands the ledger the state the INSERTs
 * returned instead of letting the ledger read each record and its rows back: the entry must hold exactly
 * what the subject's `load` reads. (The imports let the ledger read them at the append instead: they
 * append once every row is inserted, and would hold every state until then.)
 */
describe('registering: the ledger entry holds the state as stored (e2e)', () => {
  let t: TestApp;
  let officer: Caller;
  let project: ProjectRef;

  const entriesOf = (id: string, subject = ASSET_SUBJECT): Promise<Entry[]> =>
    entryDocuments<Entry>(t, subject, id);
  const loaded = (id: string, subject = ASSET_SUBJECT): Promise<Json> => loadedState(t, subject, id);

  beforeAll(async () => {
    t = await TestApp.start();
    officer = await t.as('longju');
    project = await makeProject(officer, { regionCode: '500101151' });
  });

  afterAll(async () => {
    await t.assertLedgerSound();
    await t.close();
  });

  it('the entry holds what the subject loads: every column, defaults, the fund sources in their order', async () => {
    const res = await officer.gql<{ registerAsset: { id: string; version: number } }>(REGISTER, {
      input: assetInput(project.id, {
        name: '  光伏电站  ',
        // Three, given out of the order the state lists them in.
        fundSources: [
          { source: 'SOCIAL_DONATION', amount: '10000.00' },
          { source: 'DISTRICT_FISCAL', amount: '30000.00' },
          { source: 'LINKAGE_FUND', amount: '200000.00' },
        ],
      }),
    });
    expect(res.errors).toBeUndefined();
    const { id } = res.data!.registerAsset;
    const entries = await entriesOf(id);
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    const state = await loaded(id);
    expect(state).not.toBeNull();
    expect(canonicalJson(entry.after)).toBe(canonicalJson(state));
    expect(entry).toMatchObject({ entityVersion: 1, previousLeafHash: null, regionCode: '500101151201' });
    const after = entry.after as {
      name: string;
      version: number;
      createdAt: string;
      fundSources: Array<{ source: string; amount: string }>;
    };
    expect(after.name).toBe('光伏电站');
    expect(after.version).toBe(1);
    expect(typeof after.createdAt).toBe('string');
    // In FundSource's order, as sortFundSources lists them.
    expect(after.fundSources.map((s) => s.source)).toEqual([
      'DISTRICT_FISCAL',
      'LINKAGE_FUND',
      'SOCIAL_DONATION',
    ]);
  });

  it("a household's entry holds what the subject loads: masks, digests, its first status", async () => {
    const first17 = '50010119800704123';
    const household = await makeHousehold(officer, '500101151201', {
      idNumber: first17 + idNumberCheckCharacter(first17),
      phone: '13800001234',
      address: '梧桐村3组12号',
      status: 'MONITORED',
      monitoringCategory: 'SUDDEN_HARDSHIP',
      startedOn: '2024-03-01',
    });
    const entries = await entriesOf(household.id, HOUSEHOLD_SUBJECT);
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    const state = await loaded(household.id, HOUSEHOLD_SUBJECT);
    expect(state).not.toBeNull();
    expect(canonicalJson(entry.after)).toBe(canonicalJson(state));
    expect(entry).toMatchObject({ entityVersion: 1, previousLeafHash: null, regionCode: '500101151201' });
    const after = entry.after as { idNumberMasked: string; phoneDigest: string; statuses: unknown[] };
    expect(after.idNumberMasked).not.toContain('19800704');
    expect(after.phoneDigest).toEqual(expect.any(String));
    expect(after.statuses).toHaveLength(1);
  });

  it('the ledger reads neither the asset nor its fund sources back', async () => {
    let id = '';
    const statements = await transactionStatements(async () => {
      const res = await officer.gql<{ registerAsset: { id: string } }>(REGISTER, {
        input: assetInput(project.id),
      });
      expect(res.errors).toBeUndefined();
      id = res.data!.registerAsset.id;
    });
    // The ledger's state read of assets (AssetsService.states): never for a registration.
    expect(statements.filter((s) => /FROM asset(_fund_source)? WHERE (id|asset_id) = ANY/.test(s))).toEqual(
      [],
    );
    // The entry was appended in that transaction, without looking for an earlier one.
    expect(statements.some((s) => s.includes('INSERT INTO ledger_entry'))).toBe(true);
    expect(statements.filter((s) => s.includes('ledger_entry e WHERE'))).toEqual([]);
    expect(await entriesOf(id)).toHaveLength(1);
  });

  it('the ledger reads neither the household nor its statuses back', async () => {
    let id = '';
    const statements = await transactionStatements(async () => {
      id = (await makeHousehold(officer, '500101151201')).id;
    });
    // The ledger's state read of households: every household and status row of the ids, by IN.
    expect(statements.filter((s) => /FROM "household(_status)?" .* IN \(/.test(s))).toEqual([]);
    expect(statements.some((s) => s.includes('INSERT INTO ledger_entry'))).toBe(true);
    expect(await entriesOf(id, HOUSEHOLD_SUBJECT)).toHaveLength(1);
  });
});
