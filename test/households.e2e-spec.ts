import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { AuthUser, Role } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { HouseholdsService } from '@/households/households.service';
import { idNumberCheckCharacter } from '@/households/id-number';
import { Caller, errorCode, errorFields, errorReason, TestApp } from './support/test-app';

const FIELDS = `id registryNo headName villageCode village { name } membersCount idNumber phone address version
  currentStatus { status monitoringCategory startedOn endedOn }
  statusHistory { status monitoringCategory startedOn endedOn endReason }`;
const REGISTER = `mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $c: HouseholdChangesInput!) {
  updateHousehold(id: $id, expectedVersion: $v, changes: $c) { ${FIELDS} } }`;
const CHANGE = `mutation($id: ID!, $s: HouseholdStatusKind!, $c: MonitoringCategory, $d: LocalDate!) {
  changeHouseholdStatus(householdId: $id, status: $s, monitoringCategory: $c, startedOn: $d) { ${FIELDS} } }`;
const END = `mutation($id: ID!, $d: LocalDate!, $r: String!) {
  endHouseholdStatus(householdId: $id, endedOn: $d, reason: $r) { ${FIELDS} } }`;
const ONE = `query($id: ID!) { household(id: $id) { ${FIELDS} } }`;
const LIST = `query($f: HouseholdFilter, $first: Int, $after: String) {
  households(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { registryNo villageCode idNumber } } } }`;
const JOB_FIELDS = `id phase totalRows processedRows importedCount problemCount problems { row column message } message`;
const IMPORT = `mutation($fileId: ID!) { importHouseholds(fileId: $fileId, wait: true) { ${JOB_FIELDS} } }`;

const WUTONG = '500101151201';
const YUHE = '500101151202';
const DAPING = '500101153201';

interface HouseholdOut {
  id: string;
  registryNo: string;
  headName: string;
  villageCode: string;
  village: { name: string };
  membersCount: number;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  version: number;
  currentStatus: {
    status: string;
    monitoringCategory: string | null;
    startedOn: string;
    endedOn: string | null;
  } | null;
  statusHistory: Array<{
    status: string;
    monitoringCategory: string | null;
    startedOn: string;
    endedOn: string | null;
    endReason: string | null;
  }>;
}

interface Job {
  id: string;
  phase: string;
  totalRows: number | null;
  importedCount: number;
  problemCount: number;
  problems: Array<{ row: number; column: string; message: string }>;
  message: string | null;
}

let counter = 0;
const registryNo = (): string => `T${Date.now().toString(36).toUpperCase()}-${(counter++).toString(36)}`;

/** A valid resident ID number (Wanzhou, the given date of birth and sequence). */
function idNumber(birth = '19800704', seq = counter++ % 1000): string {
  const first17 = `500101${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
}

/** The same number with its check character wrong. */
function badChecksum(id: string): string {
  const wrong = '10X98765432'.split('').find((c) => c !== id[17])!;
  return id.slice(0, 17) + wrong;
}

const input = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  registryNo: registryNo(),
  headName: '谭德明',
  villageCode: WUTONG,
  membersCount: 4,
  idNumber: idNumber(),
  phone: '13800001234',
  address: '梧桐村3组12号',
  status: 'POVERTY_ALLEVIATED',
  startedOn: '2019-12-20',
  ...over,
});

function binaryParser(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const parts: Buffer[] = [];
  res.on('data', (chunk: Buffer) => parts.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(parts)));
}

/** ExcelJS types its argument with an older Buffer type than @types/node's. */
async function loadWorkbook(workbook: ExcelJS.Workbook, bytes: Buffer): Promise<void> {
  await workbook.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
}

const HEADERS = [
  '户籍编号',
  '户主姓名',
  '所在村',
  '家庭人口',
  '身份证号',
  '联系电话',
  '户类型',
  '监测类别',
  '认定日期',
  '退出日期',
];
type Cell = string | number | Date | null;

/** An .xlsx whose 农户 sheet has the given rows (keyed by header; ID numbers written as text cells). */
async function workbook(rows: Array<Record<string, Cell>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('农户');
  sheet.addRow(HEADERS);
  for (const row of rows) {
    for (const key of Object.keys(row)) if (!HEADERS.includes(key)) throw new Error(`no column ${key}`);
    sheet.addRow(HEADERS.map((h) => row[h] ?? null));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('households (e2e)', () => {
  let t: TestApp;
  let clerk: Caller;
  let officer: Caller;
  let district: Caller;
  let auditor: Caller;

  beforeAll(async () => {
    t = await TestApp.start();
    clerk = await t.as('wutong');
    officer = await t.as('longju');
    district = await t.as('district');
    auditor = await t.as('auditor');
  });
  afterAll(() => t.close());

  async function register(caller: Caller, over: Record<string, unknown> = {}): Promise<HouseholdOut> {
    const res = await caller.gql<{ registerHousehold: HouseholdOut }>(REGISTER, { input: input(over) });
    if (!res.data) throw new Error(`registerHousehold: ${JSON.stringify(res.errors)}`);
    return res.data.registerHousehold;
  }

  async function upload(user: string, bytes: Buffer, name: string): Promise<string> {
    const res = await t.http
      .post('/files')
      .set('authorization', `Bearer ${await t.token(user)}`)
      .attach('file', bytes, name);
    if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { id: string }).id;
  }

  async function authUser(username: string): Promise<AuthUser> {
    const [u] = await t.sql<{ id: string; role: Role; region_code: string }>(
      'SELECT id, role, region_code FROM app_user WHERE username = $1',
      [username],
    );
    return { id: u.id, username, role: u.role, regionCode: u.region_code };
  }

  // -------------------------------------------------------------------------------------------------

  it('a village clerk registers a household with its status; the ledger records it', async () => {
    const h = await register(clerk, {
      status: 'MONITORED',
      monitoringCategory: 'UNSTABLE',
      startedOn: '2023-04-01',
    });
    expect(h).toMatchObject({
      headName: '谭德明',
      villageCode: WUTONG,
      village: { name: '梧桐村' },
      membersCount: 4,
      phone: '13800001234',
      version: 1,
      currentStatus: {
        status: 'MONITORED',
        monitoringCategory: 'UNSTABLE',
        startedOn: '2023-04-01',
        endedOn: null,
      },
    });
    expect(h.statusHistory).toHaveLength(1);
    const history = await auditor.gql<{ history: Array<{ action: string; after: Record<string, unknown> }> }>(
      'query($id: String!) { history(entityType: "Household", entityId: $id) { action after } }',
      { id: h.id },
    );
    expect(history.data!.history.map((e) => e.action)).toEqual(['HOUSEHOLD_REGISTERED']);
    expect(history.data!.history[0].after).toMatchObject({ registryNo: h.registryNo, villageCode: WUTONG });
  });

  it.each([
    ['a wrong ID check character', { idNumber: badChecksum(idNumber()) }, 'input.idNumber'],
    [
      'an ID number with a date of birth that is no date',
      { idNumber: '500101198002301234' },
      'input.idNumber',
    ],
    ['an ID number of 17 characters', { idNumber: '50010119800704215' }, 'input.idNumber'],
    ['no members', { membersCount: 0 }, 'input.membersCount'],
    ['31 members', { membersCount: 31 }, 'input.membersCount'],
    ['a blank head name', { headName: '   ' }, 'input.headName'],
    ['a registry number with spaces', { registryNo: 'H 001' }, 'input.registryNo'],
    ['a phone number with letters', { phone: '138-abc-0000' }, 'input.phone'],
    ['a monitored household without category', { status: 'MONITORED' }, 'input.monitoringCategory'],
    ['a category for a 脱贫户', { monitoringCategory: 'MARGINAL' }, 'input.monitoringCategory'],
    ['a start date in the future', { startedOn: '2099-01-01' }, 'input.startedOn'],
    ['an exit before the start', { endedOn: '2019-01-01' }, 'input.endedOn'],
    ['an exit in the future', { endedOn: '2099-01-01' }, 'input.endedOn'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_label, over, field) => {
    const res = await clerk.gql(REGISTER, { input: input(over) });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(errorFields(res)).toContain(field);
    // The message never repeats an ID number.
    expect(JSON.stringify(res.errors)).not.toMatch(/\d{17}[\dX]/);
  });

  it('scope: a clerk registers only in its village, a township officer in its villages, the auditor nowhere', async () => {
    expect(errorCode(await clerk.gql(REGISTER, { input: input({ villageCode: YUHE }) }))).toBe('FORBIDDEN');
    expect(errorCode(await officer.gql(REGISTER, { input: input({ villageCode: DAPING }) }))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await auditor.gql(REGISTER, { input: input() }))).toBe('FORBIDDEN');
    expect((await register(officer, { villageCode: YUHE })).villageCode).toBe(YUHE);
    expect((await register(district, { villageCode: DAPING })).villageCode).toBe(DAPING);
    expect((await register(await t.as('admin'), { villageCode: DAPING })).villageCode).toBe(DAPING);
    const unknown = await clerk.gql(REGISTER, { input: input({ villageCode: '500101151299' }) });
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    expect(errorReason(unknown)).toBe('REFERENCE_NOT_FOUND');
    expect(errorFields(unknown)).toEqual(['input.villageCode']);
    const township = await officer.gql(REGISTER, { input: input({ villageCode: '500101151' }) });
    expect(errorCode(township)).toBe('BAD_USER_INPUT');
    expect(errorFields(township)).toEqual(['input.villageCode']);
  });

  it('a registry number registered already is a CONFLICT', async () => {
    const h = await register(clerk);
    const dup = await officer.gql(REGISTER, {
      input: input({ registryNo: h.registryNo, villageCode: YUHE }),
    });
    expect(errorCode(dup)).toBe('CONFLICT');
    expect(errorReason(dup)).toBe('HOUSEHOLD_DUPLICATE_REGISTRY_NO');
    expect(errorFields(dup)).toEqual(['input.registryNo']);
  });

  it('updates with the expected version; a stale version is a CONFLICT; scope is checked on the row and the target', async () => {
    const h = await register(clerk);
    const res = await clerk.gql<{ updateHousehold: HouseholdOut }>(UPDATE, {
      id: h.id,
      v: h.version,
      c: { headName: '谭德明 ', membersCount: 5, phone: null, address: '梧桐村4组1号', villageCode: null },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateHousehold).toMatchObject({
      headName: '谭德明',
      membersCount: 5,
      phone: null,
      villageCode: WUTONG,
      version: 2,
    });
    const stale = await clerk.gql(UPDATE, { id: h.id, v: h.version, c: { membersCount: 6 } });
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(errorReason(stale)).toBe('STALE_VERSION');
    expect(
      errorCode(await (await t.as('yuhe')).gql(UPDATE, { id: h.id, v: 2, c: { membersCount: 6 } })),
    ).toBe('NOT_FOUND');
    expect(errorCode(await auditor.gql(UPDATE, { id: h.id, v: 2, c: { membersCount: 6 } }))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await clerk.gql(UPDATE, { id: h.id, v: 2, c: { villageCode: YUHE } }))).toBe(
      'FORBIDDEN',
    );
    const bad = await clerk.gql(UPDATE, {
      id: h.id,
      v: 2,
      c: { idNumber: badChecksum(idNumber()), membersCount: 40 },
    });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(errorFields(bad).sort()).toEqual(['changes.idNumber', 'changes.membersCount']);
    const moved = await officer.gql<{ updateHousehold: HouseholdOut }>(UPDATE, {
      id: h.id,
      v: 2,
      c: { villageCode: YUHE },
    });
    expect(moved.data!.updateHousehold).toMatchObject({ villageCode: YUHE, version: 3 });
    const missing = await clerk.gql(ONE, { id: '00000000-0000-4000-8000-000000000000' });
    expect(errorCode(missing)).toBe('NOT_FOUND');
  });

  it('status changes close the current status the day before and keep the history; leaving ends it', async () => {
    const h = await register(clerk, { startedOn: '2019-06-01' });
    const changed = await clerk.gql<{ changeHouseholdStatus: HouseholdOut }>(CHANGE, {
      id: h.id,
      s: 'MONITORED',
      c: 'MARGINAL',
      d: '2024-05-10',
    });
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.changeHouseholdStatus.statusHistory).toEqual([
      {
        status: 'POVERTY_ALLEVIATED',
        monitoringCategory: null,
        startedOn: '2019-06-01',
        endedOn: '2024-05-09',
        endReason: null,
      },
      {
        status: 'MONITORED',
        monitoringCategory: 'MARGINAL',
        startedOn: '2024-05-10',
        endedOn: null,
        endReason: null,
      },
    ]);
    expect(changed.data!.changeHouseholdStatus.version).toBe(2);

    const same = await clerk.gql(CHANGE, { id: h.id, s: 'MONITORED', c: 'MARGINAL', d: '2024-08-01' });
    expect(errorFields(same)).toEqual(['status']);
    const early = await clerk.gql(CHANGE, { id: h.id, s: 'MONITORED', c: 'UNSTABLE', d: '2024-05-10' });
    expect(errorFields(early)).toEqual(['startedOn']);
    const noCategory = await clerk.gql(CHANGE, { id: h.id, s: 'MONITORED', d: '2024-08-01' });
    expect(errorFields(noCategory)).toEqual(['monitoringCategory']);
    const future = await clerk.gql(CHANGE, { id: h.id, s: 'POVERTY_ALLEVIATED', d: '2099-01-01' });
    expect(errorFields(future)).toEqual(['startedOn']);
    expect(errorCode(await auditor.gql(CHANGE, { id: h.id, s: 'POVERTY_ALLEVIATED', d: '2024-08-01' }))).toBe(
      'FORBIDDEN',
    );

    const beforeStart = await clerk.gql(END, { id: h.id, d: '2024-05-01', r: '风险消除' });
    expect(errorFields(beforeStart)).toEqual(['endedOn']);
    const ended = await clerk.gql<{ endHouseholdStatus: HouseholdOut }>(END, {
      id: h.id,
      d: '2025-03-10',
      r: '风险消除',
    });
    expect(ended.errors).toBeUndefined();
    expect(ended.data!.endHouseholdStatus.currentStatus).toBeNull();
    expect(ended.data!.endHouseholdStatus.statusHistory[1]).toMatchObject({
      endedOn: '2025-03-10',
      endReason: '风险消除',
    });
    const again = await clerk.gql(END, { id: h.id, d: '2025-04-10', r: '风险消除' });
    expect(errorCode(again)).toBe('CONFLICT');
    expect(errorReason(again)).toBe('HOUSEHOLD_NO_OPEN_STATUS');

    const tooEarly = await clerk.gql(CHANGE, {
      id: h.id,
      s: 'MONITORED',
      c: 'SUDDEN_HARDSHIP',
      d: '2025-03-10',
    });
    expect(errorFields(tooEarly)).toEqual(['startedOn']);
    const back = await clerk.gql<{ changeHouseholdStatus: HouseholdOut }>(CHANGE, {
      id: h.id,
      s: 'MONITORED',
      c: 'SUDDEN_HARDSHIP',
      d: '2025-06-01',
    });
    expect(back.data!.changeHouseholdStatus.statusHistory.map((s) => [s.startedOn, s.endedOn])).toEqual([
      ['2019-06-01', '2024-05-09'],
      ['2024-05-10', '2025-03-10'],
      ['2025-06-01', null],
    ]);

    const [{ open }] = await t.sql<{ open: string }>(
      'SELECT count(*) AS open FROM household_status WHERE household_id = $1 AND ended_on IS NULL',
      [h.id],
    );
    expect(Number(open)).toBe(1);
    const history = await auditor.gql<{
      history: Array<{ action: string; before: { statuses: unknown[] } | null }>;
    }>('query($id: String!) { history(entityType: "Household", entityId: $id) { action before } }', {
      id: h.id,
    });
    expect(history.data!.history.map((e) => e.action)).toEqual([
      'HOUSEHOLD_REGISTERED',
      'HOUSEHOLD_STATUS_CHANGED',
      'HOUSEHOLD_STATUS_ENDED',
      'HOUSEHOLD_STATUS_CHANGED',
    ]);
    expect(history.data!.history[1].before!.statuses).toHaveLength(1);
  });

  it('eligibility around an exit: eligible to the end of the month it left in, not from the next month', async () => {
    const h = await register(clerk, {
      status: 'MONITORED',
      monitoringCategory: 'UNSTABLE',
      startedOn: '2024-01-15',
    });
    await clerk.gql(END, { id: h.id, d: '2026-03-10', r: '风险消除' });
    const cases: Array<[string, boolean]> = [
      ['2024-01-14', false],
      ['2024-01-15', true],
      ['2026-03-10', true],
      ['2026-03-11', true],
      ['2026-03-31', true],
      ['2026-04-01', false],
      ['2026-06-30', false],
    ];
    const q = `query($id: ID!, ${cases.map((_c, i) => `$d${i}: LocalDate!`).join(', ')}) { household(id: $id) {
      ${cases.map((_c, i) => `e${i}: eligibleOn(date: $d${i})`).join(' ')} } }`;
    const vars = Object.fromEntries(cases.map(([d], i) => [`d${i}`, d]));
    const res = await auditor.gql<{ household: Record<string, boolean> }>(q, { id: h.id, ...vars });
    expect(cases.map((_c, i) => res.data!.household[`e${i}`])).toEqual(cases.map(([, e]) => e));

    // The list filter applies the same rule in SQL.
    for (const [date, eligible] of cases) {
      const list = await clerk.gql<{ households: { totalCount: number } }>(LIST, {
        f: { eligibleOn: date, text: h.registryNo },
      });
      expect([date, list.data!.households.totalCount]).toEqual([date, eligible ? 1 : 0]);
    }

    // The service API the income distribution calls.
    const service = t.app.get(HouseholdsService);
    const ctx = new RequestContext('test-eligibility', await authUser('wutong'));
    const other = await register(clerk, { startedOn: '2020-01-01' });
    const outside = await register(district, { villageCode: DAPING });
    const ids = [h.id, other.id, outside.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid'];
    const march = await service.eligibility(ctx, ids, '2026-03-31');
    expect([...march.keys()].sort()).toEqual([h.id, other.id].sort());
    expect(march.get(h.id)).toEqual({ villageCode: WUTONG, eligible: true, status: 'MONITORED' });
    expect(march.get(other.id)).toEqual({
      villageCode: WUTONG,
      eligible: true,
      status: 'POVERTY_ALLEVIATED',
    });
    const april = await service.eligibility(ctx, ids, '2026-04-01');
    expect(april.get(h.id)).toEqual({ villageCode: WUTONG, eligible: false, status: null });

    const village = await service.villageHouseholds(ctx, WUTONG, '2026-04-01');
    const [{ n }] = await t.sql<{ n: string }>(
      'SELECT count(*) AS n FROM household WHERE village_code = $1',
      [WUTONG],
    );
    expect(village).toHaveLength(Number(n));
    expect(village.find((v) => v.id === h.id)).toEqual({ id: h.id, membersCount: 4, eligible: false });
    expect(village.find((v) => v.id === other.id)).toEqual({ id: other.id, membersCount: 4, eligible: true });
    await expect(service.villageHouseholds(ctx, YUHE, '2026-04-01')).rejects.toMatchObject({
      code: 'OUT_OF_SCOPE',
    });
  });

  it('ID numbers: in full for the clerk and the township officer of the village, masked for the others and on the ledger', async () => {
    const id = idNumber('19620315', 122);
    const masked = `5001**********${id.slice(-4)}`;
    const h = await register(clerk, { idNumber: id });
    expect(h.idNumber).toBe(id);
    const seen = async (username: string): Promise<string | null> => {
      const res = await (await t.as(username)).gql<{ household: { idNumber: string } }>(ONE, { id: h.id });
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      return res.data.household.idNumber;
    };
    expect(await seen('wutong')).toBe(id);
    expect(await seen('longju')).toBe(id);
    expect(await seen('district')).toBe(masked);
    expect(await seen('auditor')).toBe(masked);
    expect(await seen('admin')).toBe(masked);
    expect(errorCode(await (await t.as('yuhe')).gql(ONE, { id: h.id }))).toBe('NOT_FOUND');
    expect(errorCode(await (await t.as('luotian')).gql(ONE, { id: h.id }))).toBe('NOT_FOUND');

    // Lists mask the same way, and only those who see the numbers may search by them.
    const byClerk = await clerk.gql<{ households: { edges: Array<{ node: { idNumber: string } }> } }>(LIST, {
      f: { text: id.slice(6, 14) },
    });
    expect(byClerk.data!.households.edges.map((e) => e.node.idNumber)).toContain(id);
    const byDistrict = await district.gql<{ households: { totalCount: number } }>(LIST, {
      f: { text: id.slice(6, 14) },
    });
    expect(byDistrict.data!.households.totalCount).toBe(0);
    const listed = await district.gql<{ households: { edges: Array<{ node: { idNumber: string } }> } }>(
      LIST,
      { f: { text: h.registryNo } },
    );
    expect(listed.data!.households.edges[0].node.idNumber).toBe(masked);

    // An update of the number: the ledger holds the masks and digests, never the number.
    const other = idNumber('19750101', 431);
    await clerk.gql(UPDATE, { id: h.id, v: 1, c: { idNumber: other } });
    const entries = await t.sql<{ canonical: string }>(
      `SELECT convert_from(canonical, 'UTF8') AS canonical FROM ledger_entry WHERE entity_type = 'Household' AND entity_id = $1 ORDER BY idx`,
      [h.id],
    );
    expect(entries).toHaveLength(2);
    for (const e of entries) {
      expect(e.canonical).not.toContain(id);
      expect(e.canonical).not.toContain(other);
      expect(e.canonical).not.toContain(id.slice(4, 14));
    }
    const docs = entries.map(
      (e) =>
        JSON.parse(e.canonical) as { before: Record<string, string> | null; after: Record<string, string> },
    );
    expect(docs[0].after.idNumberMasked).toBe(masked);
    expect(docs[1].before!.idNumberMasked).toBe(masked);
    expect(docs[1].after.idNumberMasked).toBe(`5001**********${other.slice(-4)}`);
    expect(docs[1].after.idNumberDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(docs[1].after.idNumberDigest).not.toBe(docs[1].before!.idNumberDigest);
    // Nor is the unsalted SHA-256 of the number there (it could be reversed by trying every date of birth).
    const { createHash } = await import('node:crypto');
    expect(entries[1].canonical).not.toContain(createHash('sha256').update(other).digest('hex'));
  });

  it('reconcile notices an ID number edited behind the ledger', async () => {
    const h = await register(clerk);
    const [{ id_number: original }] = await t.sql<{ id_number: string }>(
      'SELECT id_number FROM household WHERE id = $1',
      [h.id],
    );
    await t.tamper('UPDATE household SET id_number = $2 WHERE id = $1', [h.id, idNumber('19900101', 7)]);
    const res = await auditor.gql<{
      reconcile: {
        ok: boolean;
        differences: Array<{ entityType: string; entityId: string; fields: string[] }>;
      };
    }>('{ reconcile { ok differences { entityType entityId kind fields } } }');
    expect(res.data!.reconcile.ok).toBe(false);
    const diff = res.data!.reconcile.differences.find((d) => d.entityId === h.id);
    expect(diff).toMatchObject({ entityType: 'Household' });
    expect(JSON.stringify(diff)).toContain('idNumberDigest');
    await t.tamper('UPDATE household SET id_number = $2 WHERE id = $1', [h.id, original]);
    await t.assertLedgerSound();
  });

  it('households: scoped, filtered by status and category, paged; page size limited', async () => {
    const ids: string[] = [];
    for (const category of ['UNSTABLE', 'MARGINAL', 'SUDDEN_HARDSHIP']) {
      ids.push(
        (
          await register(officer, {
            villageCode: YUHE,
            status: 'MONITORED',
            monitoringCategory: category,
            startedOn: '2022-02-02',
          })
        ).registryNo,
      );
    }
    const seenBy = async (caller: Caller, f: Record<string, unknown> = {}) =>
      (
        await caller.gql<{
          households: {
            totalCount: number;
            edges: Array<{ node: { villageCode: string; registryNo: string } }>;
          };
        }>(LIST, { f, first: 200 })
      ).data!.households;
    for (const n of (await seenBy(clerk)).edges) expect(n.node.villageCode).toBe(WUTONG);
    for (const n of (await seenBy(officer)).edges)
      expect(n.node.villageCode.startsWith('500101151')).toBe(true);
    const all = await seenBy(auditor);
    expect(all.totalCount).toBeGreaterThan((await seenBy(officer)).totalCount);
    const marginal = await seenBy(officer, {
      villageCode: YUHE,
      status: 'MONITORED',
      monitoringCategory: 'MARGINAL',
    });
    expect(marginal.edges.map((e) => e.node.registryNo)).toContain(ids[1]);
    expect(marginal.edges.map((e) => e.node.registryNo)).not.toContain(ids[0]);
    expect((await seenBy(officer, { eligibleOn: null, status: null, text: ids[0] })).totalCount).toBe(1);
    const alleviated = await seenBy(officer, { status: 'POVERTY_ALLEVIATED', text: ids[0] });
    expect(alleviated.totalCount).toBe(0);

    // Pages follow each other without gaps or repeats, in registry number order.
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await officer.gql<{
        households: {
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: Array<{ node: { registryNo: string } }>;
        };
      }>(LIST, { f: { villageCode: YUHE }, first: 7, after });
      seen.push(...page.data!.households.edges.map((e) => e.node.registryNo));
      if (!page.data!.households.pageInfo.hasNextPage) break;
      after = page.data!.households.pageInfo.endCursor;
    }
    const [{ n }] = await t.sql<{ n: string }>(
      'SELECT count(*) AS n FROM household WHERE village_code = $1',
      [YUHE],
    );
    expect(seen).toHaveLength(Number(n));
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen);

    const tooMany = await officer.gql(LIST, { first: 100_000 });
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    expect(errorFields(tooMany)).toEqual(['first']);
  });

  it('the import template: xlsx with the 农户 and 说明 sheets, csv with the header', async () => {
    const xlsx = await t.http
      .get('/templates/households.xlsx')
      .set('authorization', `Bearer ${clerk.token}`)
      .buffer(true)
      .parse(binaryParser);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await loadWorkbook(book, xlsx.body as Buffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['农户', '说明']);
    expect((book.getWorksheet('农户')!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    const help = JSON.stringify(book.getWorksheet('说明')!.getSheetValues());
    expect(help).toContain(WUTONG);
    expect(help).not.toContain(YUHE);
    const csv = await t.http.get('/templates/households.csv').set('authorization', `Bearer ${clerk.token}`);
    expect(csv.status).toBe(200);
    expect(csv.text.replace(/^\ufeff/, '').trim()).toBe(HEADERS.join(','));
    expect((await t.http.get('/templates/households.xlsx')).status).toBe(401);
  });

  it('an import with bad rows reports every problem by row and column, and writes nothing', async () => {
    const existing = await register(clerk);
    const dup = registryNo();
    const good = (over: Record<string, Cell> = {}): Record<string, Cell> => ({
      户籍编号: registryNo(),
      户主姓名: '冉光荣',
      所在村: WUTONG,
      家庭人口: 3,
      身份证号: idNumber(),
      联系电话: '13900002222',
      户类型: '脱贫户',
      认定日期: new Date('2020-06-30T00:00:00Z'),
      ...over,
    });
    const rows = [
      good({ 户籍编号: dup }), // row 2: fine by itself
      good({ 身份证号: badChecksum(idNumber()) }), // row 3
      good({ 所在村: '500101151299' }), // row 4: no such village
      good({ 所在村: YUHE }), // row 5: outside the clerk's village
      good({ 户籍编号: dup }), // row 6: also on row 2
      good({ 户籍编号: existing.registryNo }), // row 7: registered already
      good({ 户类型: '监测户' }), // row 8: no category
      good({ 认定日期: '2099-01-01' }), // row 9: in the future
      good({ 退出日期: '2019-01-01' }), // row 10: exit before start
      good({ 家庭人口: 0 }), // row 11
      good({ 家庭人口: 31 }), // row 12
      good({ 身份证号: Number('500101198007042155') }), // row 13: a number cell (digits lost)
      good({ 户类型: '贫困户' }), // row 14: not a type
      good({ 户主姓名: null }), // row 15: required
      good({ 所在村: '玉合村' }), // row 16: a name outside the clerk's scope
    ];
    const householdEntries = async (): Promise<number> =>
      Number(
        (
          await t.sql<{ n: string }>(`SELECT count(*) AS n FROM ledger_entry WHERE entity_type = 'Household'`)
        )[0].n,
      );
    const before = await householdEntries();
    const fileId = await upload('wutong', await workbook(rows), 'households.xlsx');
    const res = await clerk.gql<{ importHouseholds: Job }>(IMPORT, { fileId });
    expect(res.errors).toBeUndefined();
    const job = res.data!.importHouseholds;
    expect(job).toMatchObject({ phase: 'FAILED', totalRows: rows.length, importedCount: 0 });
    const at = (row: number) => job.problems.filter((p) => p.row === row).map((p) => p.column);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(['身份证号']);
    expect(at(4)).toEqual(['所在村']);
    expect(at(5)).toEqual(['所在村']);
    expect(at(6)).toEqual(['户籍编号']);
    expect(at(7)).toEqual(['户籍编号']);
    expect(at(8)).toEqual(['监测类别']);
    expect(at(9)).toEqual(['认定日期']);
    expect(at(10)).toEqual(['退出日期']);
    expect(at(11)).toEqual(['家庭人口']);
    expect(at(12)).toEqual(['家庭人口']);
    expect(at(13)).toEqual(['身份证号']);
    expect(at(14)).toEqual(['户类型']);
    expect(at(15)).toEqual(['户主姓名']);
    expect(at(16)).toEqual(['所在村']);
    expect(job.problemCount).toBe(job.problems.length);
    expect(job.problems.find((p) => p.row === 6)!.message).toContain('row 2');
    expect(job.problems.find((p) => p.row === 7)!.message).toContain('already registered');
    expect(job.problems.find((p) => p.row === 13)!.message).toContain('text');
    expect(job.message).toContain('nothing was imported');

    const numbers = rows.map((r) => r['户籍编号']);
    const [{ n }] = await t.sql<{ n: string }>(
      'SELECT count(*) AS n FROM household WHERE registry_no = ANY($1) AND id <> $2',
      [numbers, existing.id],
    );
    expect(Number(n)).toBe(0);
    expect(await householdEntries()).toBe(before);

    const polled = await clerk.gql<{ householdImport: Job }>(
      `query($id: ID!) { householdImport(id: $id) { ${JOB_FIELDS} } }`,
      { id: job.id },
    );
    expect(polled.data!.householdImport.problemCount).toBe(job.problemCount);

    // An unfinished job that still reports is left alone; one whose process stopped (no report for ten
    // minutes) is closed as FAILED when it is polled.
    const pollPhase = async () =>
      (
        await clerk.gql<{ householdImport: Job }>(
          `query($id: ID!) { householdImport(id: $id) { ${JOB_FIELDS} } }`,
          { id: job.id },
        )
      ).data!.householdImport;
    await t.sql(
      `UPDATE household_import SET phase = 'IMPORTING', message = NULL, updated_at = now() WHERE id = $1`,
      [job.id],
    );
    expect(await pollPhase()).toMatchObject({ phase: 'IMPORTING' });
    await t.sql(`UPDATE household_import SET updated_at = now() - interval '11 minutes' WHERE id = $1`, [
      job.id,
    ]);
    expect(await pollPhase()).toMatchObject({
      phase: 'FAILED',
      message: expect.stringMatching(/server stopped/),
    });
    expect(
      errorCode(
        await (
          await t.as('daping')
        ).gql(`query($id: ID!) { householdImport(id: $id) { id } }`, { id: job.id }),
      ),
    ).toBe('NOT_FOUND');
  });

  it('a good import registers every household in one go, one ledger entry each; the auditor may not import', async () => {
    const rows: Array<Record<string, Cell>> = [
      {
        户籍编号: registryNo(),
        户主姓名: '牟世贵',
        所在村: WUTONG,
        家庭人口: 5,
        身份证号: idNumber('19580808', 11),
        户类型: '脱贫户',
        认定日期: new Date('2019-11-30T00:00:00Z'),
      },
      {
        户籍编号: registryNo(),
        户主姓名: '熊玉珍',
        所在村: '玉合村',
        家庭人口: 2,
        户类型: '监测户',
        监测类别: '边缘易致贫户',
        认定日期: '2022/03/15',
      },
      {
        户籍编号: registryNo(),
        户主姓名: '向开学',
        所在村: DAPING,
        家庭人口: 1,
        联系电话: '023-58001234',
        户类型: '监测户',
        监测类别: '突发严重困难户',
        认定日期: '2021-07-01',
        退出日期: '2025-12-31',
      },
    ];
    const fileId = await upload('district', await workbook(rows), 'households.xlsx');
    const job = (await district.gql<{ importHouseholds: Job }>(IMPORT, { fileId })).data!.importHouseholds;
    expect(job).toMatchObject({ phase: 'SUCCEEDED', totalRows: 3, importedCount: 3, problemCount: 0 });
    const registered = await t.sql<{ registry_no: string; village_code: string }>(
      'SELECT registry_no, village_code FROM household WHERE registry_no = ANY($1)',
      [rows.map((r) => r['户籍编号'])],
    );
    const byNo = new Map(registered.map((r) => [r.registry_no, r.village_code]));
    expect(rows.map((r) => byNo.get(String(r['户籍编号'])))).toEqual([WUTONG, YUHE, DAPING]);
    const statuses = await t.sql<{
      registry_no: string;
      status: string;
      monitoring_category: string | null;
      started_on: string;
      ended_on: string | null;
    }>(
      `SELECT h.registry_no, s.status, s.monitoring_category, to_char(s.started_on, 'YYYY-MM-DD') AS started_on, to_char(s.ended_on, 'YYYY-MM-DD') AS ended_on
         FROM household h JOIN household_status s ON s.household_id = h.id WHERE h.registry_no = ANY($1) ORDER BY h.registry_no`,
      [rows.map((r) => r['户籍编号'])],
    );
    expect(statuses.map((s) => [s.status, s.monitoring_category, s.started_on, s.ended_on])).toEqual([
      ['POVERTY_ALLEVIATED', null, '2019-11-30', null],
      ['MONITORED', 'MARGINAL', '2022-03-15', null],
      ['MONITORED', 'SUDDEN_HARDSHIP', '2021-07-01', '2025-12-31'],
    ]);
    const [{ n }] = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM ledger_entry WHERE action = 'HOUSEHOLD_REGISTERED' AND request_id = $1`,
      [`household-import:${job.id}`],
    );
    expect(Number(n)).toBe(3);

    // The same file again: every row is registered already.
    const again = (await district.gql<{ importHouseholds: Job }>(IMPORT, { fileId })).data!.importHouseholds;
    expect(again).toMatchObject({ phase: 'FAILED', problemCount: 3 });

    // CSV works too (UTF-8 with a BOM).
    const no = registryNo();
    const csv = `\ufeff${HEADERS.join(',')}\r\n${no},程远志,${WUTONG},3,${idNumber('19700202', 5)},,脱贫户,,2020-01-05,\r\n`;
    const csvJob = (
      await clerk.gql<{ importHouseholds: Job }>(IMPORT, {
        fileId: await upload('wutong', Buffer.from(csv, 'utf8'), 'households.csv'),
      })
    ).data!.importHouseholds;
    expect(csvJob).toMatchObject({ phase: 'SUCCEEDED', importedCount: 1 });

    const denied = await auditor.gql(IMPORT, { fileId });
    expect(errorCode(denied)).toBe('FORBIDDEN');
    const pdf = await upload('wutong', Buffer.from('%PDF-1.4\n%%EOF\n'), 'x.pdf');
    const wrongType = await clerk.gql(IMPORT, { fileId: pdf });
    expect(errorCode(wrongType)).toBe('BAD_USER_INPUT');
    expect(errorFields(wrongType)).toEqual(['fileId']);
  });

  it('demo data: every household asset names a registered household; about 20 per staffed village, both statuses', async () => {
    const missing = await t.sql<{ registry_no: string }>(
      `SELECT DISTINCT household_registry_no AS registry_no FROM asset WHERE household_registry_no IS NOT NULL
       EXCEPT SELECT registry_no FROM household`,
    );
    expect(missing).toEqual([]);
    const perVillage = await t.sql<{ village_code: string; n: string }>(
      `SELECT village_code, count(*) AS n FROM household WHERE registry_no ~ '^[0-9]{12}-H[0-9]{3}$' GROUP BY 1 ORDER BY 1`,
    );
    const counts = Object.fromEntries(perVillage.map((r) => [r.village_code, Number(r.n)]));
    for (const v of ['500101151201', '500101151202', '500101151203', '500101153201', '500101153202']) {
      expect(counts[v]).toBeGreaterThanOrEqual(20);
    }
    const kinds = await t.sql<{ status: string; category: string | null; open: boolean; n: string }>(
      `SELECT s.status, s.monitoring_category AS category, s.ended_on IS NULL AS open, count(*) AS n
         FROM household_status s JOIN household h ON h.id = s.household_id
        WHERE h.registry_no ~ '^[0-9]{12}-H[0-9]{3}$' GROUP BY 1, 2, 3`,
    );
    const count = (status: string, category: string | null, open: boolean) =>
      Number(kinds.find((k) => k.status === status && k.category === category && k.open === open)?.n ?? 0);
    expect(count('POVERTY_ALLEVIATED', null, true)).toBeGreaterThan(50);
    for (const c of ['UNSTABLE', 'MARGINAL', 'SUDDEN_HARDSHIP'])
      expect(count('MONITORED', c, true)).toBeGreaterThan(0);
    const [{ left }] = await t.sql<{ left: string }>(
      `SELECT count(*) AS left FROM household h WHERE registry_no ~ '^[0-9]{12}-H[0-9]{3}$'
          AND NOT EXISTS (SELECT 1 FROM household_status s WHERE s.household_id = h.id AND s.ended_on IS NULL)`,
    );
    expect(Number(left)).toBeGreaterThanOrEqual(10);
    const [{ n }] = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM ledger_entry WHERE action = 'HOUSEHOLD_REGISTERED' AND request_id = 'seed:demo:v1'`,
    );
    expect(Number(n)).toBeGreaterThan(100);
  });
});
