import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Caller, errorCode, errorFields, errorReason, GqlResponse, TestApp } from './support/test-app';

/** The year of today in China (UTC+8): an inventory may not be of a later year. */
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const LONGJU = '500101151'; // 龙驹镇: officer longju; villages 梧桐村 (wutong), 玉合村 (yuhe), 凤鸣村 (no clerk)
const WUTONG = '500101151201';
const YUHE = '500101151202';
const FENGMING = '500101151203';
const LUOTIAN = '500101153';
const BAITU = '500101157'; // 白土镇: no officer; its village 三坪村 has no clerk

const INVENTORY_FIELDS = `id year regionCode status version startedAt closedAt closingNote
  region { code name } startedBy { username role } closedBy { username }
  progress { total confirmed remaining present missing damaged statusDiffers }
  townships { townshipCode township { name } total confirmed remaining present missing damaged statusDiffers
    signOff { townshipCode signedBy { username } signedAt total present missing damaged statusDiffers note } }`;
const ITEM_FIELDS = `id inventoryId assetId assetCode assetName assetClass assetStatus locationCode townshipCode
  formedValue finding observedStatus note evidence { fileId sha256 } confirmed confirmedAt version
  confirmedBy { username role } asset { id code status } location { code name }`;

const START = `mutation($year: Int!, $region: String!) { startInventory(year: $year, regionCode: $region) { ${INVENTORY_FIELDS} } }`;
const GET = `query($id: ID!) { inventory(id: $id) { ${INVENTORY_FIELDS} } }`;
const ITEMS = `query($id: ID!, $filter: InventoryItemFilter, $first: Int, $after: String) {
  inventoryItems(inventoryId: $id, filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${ITEM_FIELDS} } } } }`;
const CONFIRM = `mutation($item: ID!, $finding: InventoryFinding!, $note: String, $observed: AssetStatus, $files: [ID!]) {
  confirmInventoryItem(itemId: $item, finding: $finding, note: $note, observedStatus: $observed, evidenceFileIds: $files) { ${ITEM_FIELDS} } }`;
const CONFIRM_MANY = `mutation($items: [ConfirmInventoryItemInput!]!) { confirmInventoryItems(items: $items) { id finding version } }`;
const SIGN_OFF = `mutation($id: ID!, $region: String!, $note: String) { signOffInventory(inventoryId: $id, regionCode: $region, note: $note) { ${INVENTORY_FIELDS} } }`;
const CLOSE = `mutation($id: ID!, $note: String) { closeInventory(inventoryId: $id, note: $note) { ${INVENTORY_FIELDS} } }`;
const DISCREPANCIES = `query($id: ID!) { inventoryDiscrepancies(inventoryId: $id) { ${ITEM_FIELDS} } }`;
const EXPORT = `mutation($id: ID!) { exportInventoryDiscrepancies(inventoryId: $id) { fileId downloadPath fileName rowCount sha256 size } }`;
const HISTORY = `query($type: String!, $id: String!) { history(entityType: $type, entityId: $id) { action regionCode before after details } }`;

interface Counts {
  total: number;
  confirmed: number;
  remaining: number;
  present: number;
  missing: number;
  damaged: number;
  statusDiffers: number;
}
interface SignOff extends Omit<Counts, 'confirmed' | 'remaining'> {
  townshipCode: string;
  signedBy: { username: string };
  signedAt: string;
  note: string | null;
}
interface Inventory {
  id: string;
  year: number;
  regionCode: string;
  status: string;
  version: number;
  closedAt: string | null;
  closingNote: string | null;
  region: { code: string; name: string };
  startedBy: { username: string; role: string };
  closedBy: { username: string } | null;
  progress: Counts;
  townships: Array<Counts & { townshipCode: string; township: { name: string }; signOff: SignOff | null }>;
}
interface Item {
  id: string;
  assetId: string;
  assetCode: string;
  assetName: string;
  assetStatus: string;
  locationCode: string;
  townshipCode: string;
  formedValue: string;
  finding: string | null;
  observedStatus: string | null;
  note: string | null;
  evidence: Array<{ fileId: string; sha256: string }>;
  confirmed: boolean;
  version: number;
  confirmedBy: { username: string; role: string } | null;
  asset: { id: string; code: string; status: string };
  location: { code: string; name: string };
}
interface ReportFile {
  fileId: string;
  downloadPath: string;
  fileName: string;
  rowCount: number;
  sha256: string;
  size: number;
}

const ok = <T>(res: GqlResponse<T>): T => {
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!;
};

describe('annual inventory (e2e)', () => {
  let t: TestApp;
  let district: Caller;
  let longju: Caller;
  let luotian: Caller;
  let wutong: Caller;
  let yuhe: Caller;
  let auditor: Caller;
  let admin: Caller;
  let inventory: Inventory;
  /** Every item of the 龙驹镇 inventory, as the district reads them. */
  let items: Item[];
  let evidenceFileId: string;
  let evidenceSha256: string;

  const itemsOf = (location: string): Item[] => items.filter((it) => it.locationCode === location);

  /** Every item of an inventory that `caller` may read, page by page. */
  async function allItems(caller: Caller, id: string, filter?: Record<string, unknown>): Promise<Item[]> {
    const out: Item[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        inventoryItems: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: Array<{ node: Item }>;
        };
      } = ok(await caller.gql(ITEMS, { id, filter, first: 40, after }));
      out.push(...page.inventoryItems.edges.map((e) => e.node));
      if (!page.inventoryItems.pageInfo.hasNextPage) {
        expect(out).toHaveLength(page.inventoryItems.totalCount);
        return out;
      }
      after = page.inventoryItems.pageInfo.endCursor;
    }
  }

  /** Confirms every item still open among `list` as PRESENT, in one call. */
  async function confirmRestPresent(caller: Caller, list: Item[]): Promise<void> {
    const open = list.filter((it) => !it.confirmed);
    if (open.length === 0) return;
    ok(await caller.gql(CONFIRM_MANY, { items: open.map((it) => ({ itemId: it.id, finding: 'PRESENT' })) }));
  }

  const download = (caller: Caller, path: string): Promise<Buffer> => caller.download(path);

  beforeAll(async () => {
    t = await TestApp.start();
    [district, longju, luotian, wutong, yuhe, auditor, admin] = await Promise.all(
      ['district', 'longju', 'luotian', 'wutong', 'yuhe', 'auditor', 'admin'].map((u) => t.as(u)),
    );
    const upload = await t.http
      .post('/files')
      .set('authorization', `Bearer ${wutong.token}`)
      .attach('file', Buffer.from('%PDF-1.4\n% 清查现场照片说明 梧桐村\n%%EOF\n'), 'inventory-photo.pdf');
    expect(upload.status).toBe(201);
    evidenceFileId = upload.body.id;
    evidenceSha256 = upload.body.sha256;
  });
  afterAll(() => t.close());

  it('only a district supervisor starts an inventory, of the district or a township, not of a future year', async () => {
    for (const caller of [longju, wutong, auditor, admin]) {
      const res = await caller.gql(START, { year: YEAR, region: LONGJU });
      expect(errorCode(res)).toBe('FORBIDDEN');
    }
    const future = await district.gql(START, { year: YEAR + 1, region: LONGJU });
    expect(errorCode(future)).toBe('BAD_USER_INPUT');
    expect(errorFields(future)).toEqual(['year']);
    for (const region of [WUTONG, '500101199', 'abc']) {
      const res = await district.gql(START, { year: YEAR, region });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(errorFields(res)).toEqual(['regionCode']);
    }
    // 高笋塘街道 has no asset in the demo: nothing to inventory.
    const empty = await district.gql(START, { year: YEAR, region: '500101001' });
    expect(errorCode(empty)).toBe('CONFLICT');
    expect(errorReason(empty)).toBe('INVENTORY_EMPTY');
    expect(await t.sql('SELECT 1 FROM inventory')).toHaveLength(0);
  });

  it('starting lists every non-disposed asset of the township with its snapshot, fast, and records each on the ledger', async () => {
    // Mark one more asset DISPOSED for the start (no trigger or ledger entry involved), then put it back.
    const [disposed] = await t.sql<{ id: string; status: string }>(
      `SELECT id, status FROM asset WHERE location_code LIKE $1 AND status <> 'DISPOSED' ORDER BY code LIMIT 1`,
      [`${LONGJU}%`],
    );
    await t.sql(`UPDATE asset SET status = 'DISPOSED' WHERE id = $1`, [disposed.id]);
    const [{ n: expected }] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM asset WHERE location_code LIKE $1 AND status <> 'DISPOSED'`,
      [`${LONGJU}%`],
    );
    expect(expected).toBeGreaterThan(50);
    const ledgerBefore = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM ledger_entry');
    const started = Date.now();
    const res = await district.gql<{ startInventory: Inventory }>(START, { year: YEAR, region: LONGJU });
    const elapsed = Date.now() - started;
    await t.sql(`UPDATE asset SET status = $2 WHERE id = $1`, [disposed.id, disposed.status]);
    inventory = ok(res).startInventory;
    process.stdout.write(`[inventory] startInventory over ${expected} assets: ${elapsed} ms\n`);
    expect(elapsed).toBeLessThan(5000);

    expect(inventory).toMatchObject({
      year: YEAR,
      regionCode: LONGJU,
      status: 'OPEN',
      version: 1,
      closedAt: null,
      closedBy: null,
      region: { code: LONGJU, name: '龙驹镇' },
      startedBy: { username: 'district', role: 'DISTRICT_SUPERVISOR' },
      progress: { total: expected, confirmed: 0, remaining: expected, present: 0, missing: 0 },
    });
    expect(inventory.townships).toEqual([
      expect.objectContaining({
        townshipCode: LONGJU,
        township: { name: '龙驹镇' },
        total: expected,
        signOff: null,
      }),
    ]);

    items = await allItems(district, inventory.id);
    expect(items).toHaveLength(expected);
    expect(items.map((it) => it.assetId)).not.toContain(disposed.id);
    const [asset] = await t.sql<{
      id: string;
      code: string;
      name: string;
      status: string;
      formed_value: string;
    }>('SELECT id, code, name, status, formed_value FROM asset WHERE id = $1', [items[0].assetId]);
    expect(items[0]).toMatchObject({
      assetCode: asset.code,
      assetName: asset.name,
      assetStatus: asset.status,
      formedValue: (Number(asset.formed_value) / 100).toFixed(2),
      finding: null,
      confirmed: false,
      confirmedBy: null,
      version: 1,
      asset: { id: asset.id, code: asset.code },
    });
    // Ordered by location, then asset code.
    const keys = items.map((it) => `${it.locationCode}/${it.assetCode}`);
    expect(keys).toEqual([...keys].sort());

    // On the ledger: the inventory and one entry per item, in the same transaction.
    const entries = await t.sql<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM ledger_entry WHERE idx >= $1 GROUP BY action ORDER BY action`,
      [ledgerBefore[0].n],
    );
    expect(entries).toEqual([
      { action: 'INVENTORY_ITEM_LISTED', n: expected },
      { action: 'INVENTORY_STARTED', n: 1 },
    ]);
    const history = ok(
      await auditor.gql<{
        history: Array<{ action: string; regionCode: string; after: { status: string } }>;
      }>(HISTORY, { type: 'InventoryItem', id: items[0].id }),
    ).history;
    expect(history).toEqual([
      expect.objectContaining({ action: 'INVENTORY_ITEM_LISTED', regionCode: items[0].locationCode }),
    ]);
  });

  it('a second inventory of the same region and year, or of an overlapping region, is refused', async () => {
    for (const region of [LONGJU, '500101']) {
      const res = await district.gql(START, { year: YEAR, region });
      expect(errorCode(res)).toBe('CONFLICT');
      expect(errorReason(res)).toBe('INVENTORY_ALREADY_OPEN');
    }
    // Another year, or a township that does not overlap, is fine.
    const luotianInventory = ok(
      await district.gql<{ startInventory: Inventory }>(START, { year: YEAR, region: LUOTIAN }),
    ).startInventory;
    expect(luotianInventory.regionCode).toBe(LUOTIAN);
    const list = ok(
      await district.gql<{ inventories: Array<{ id: string }> }>(
        'query($y: Int) { inventories(year: $y) { id regionCode } }',
        { y: YEAR },
      ),
    ).inventories;
    expect(list.map((i) => i.id).sort()).toEqual([inventory.id, luotianInventory.id].sort());
  });

  it('reads are scoped: a clerk sees its village, an officer its township, nobody another township', async () => {
    const mine = await allItems(wutong, inventory.id);
    expect(mine.map((it) => it.id).sort()).toEqual(
      itemsOf(WUTONG)
        .map((it) => it.id)
        .sort(),
    );
    const wutongView = ok(await wutong.gql<{ inventory: Inventory }>(GET, { id: inventory.id })).inventory;
    expect(wutongView.progress.total).toBe(itemsOf(WUTONG).length);
    expect(wutongView.townships).toHaveLength(1);
    expect(await allItems(longju, inventory.id)).toHaveLength(items.length);
    const filtered = await allItems(longju, inventory.id, { regionCode: YUHE, confirmed: false });
    expect(filtered).toHaveLength(itemsOf(YUHE).length);

    for (const query of [GET, ITEMS, DISCREPANCIES]) {
      expect(errorCode(await luotian.gql(query, { id: inventory.id }))).toBe('NOT_FOUND');
    }
    const visible = ok(
      await wutong.gql<{ inventories: Array<{ regionCode: string }> }>(
        'query { inventories { regionCode } }',
      ),
    ).inventories;
    expect(visible.map((i) => i.regionCode)).toEqual([LONGJU]);
    const unknown = await district.gql(GET, { id: '00000000-0000-4000-8000-000000000000' });
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    expect(errorFields(await district.gql(GET, { id: 'not-an-id' }))).toEqual(['id']);
  });

  it('locatedAt: the items located exactly at a region (the township itself, not its villages), within scope', async () => {
    const ids = (list: Item[]) => list.map((it) => it.id).sort();
    expect(ids(await allItems(longju, inventory.id, { locatedAt: LONGJU }))).toEqual(ids(itemsOf(LONGJU)));
    expect(ids(await allItems(longju, inventory.id, { locatedAt: WUTONG }))).toEqual(ids(itemsOf(WUTONG)));
    expect(itemsOf(WUTONG).length).toBeGreaterThan(0);
    // A clerk reads only its village: the township's own items are not its to see.
    expect(await allItems(wutong, inventory.id, { locatedAt: LONGJU })).toEqual([]);
    expect(errorFields(await longju.gql(ITEMS, { id: inventory.id, filter: { locatedAt: 'x' } }))).toEqual([
      'filter.locatedAt',
    ]);
  });

  it('only whoever is responsible where the asset sits confirms its item', async () => {
    const wutongItem = itemsOf(WUTONG)[0];
    const yuheItem = itemsOf(YUHE)[0];
    const fengmingItem = itemsOf(FENGMING)[0];
    const present = (item: Item) => ({ item: item.id, finding: 'PRESENT' });
    // Another village's item, another township's, and roles that never confirm.
    expect(errorCode(await wutong.gql(CONFIRM, present(yuheItem)))).toBe('NOT_FOUND');
    expect(errorCode(await yuhe.gql(CONFIRM, present(wutongItem)))).toBe('NOT_FOUND');
    expect(errorCode(await luotian.gql(CONFIRM, present(wutongItem)))).toBe('NOT_FOUND');
    expect(errorCode(await auditor.gql(CONFIRM, present(wutongItem)))).toBe('FORBIDDEN');
    expect(errorCode(await admin.gql(CONFIRM, present(wutongItem)))).toBe('FORBIDDEN');
    // 梧桐村 has its clerk: neither the township officer nor the district counts for it.
    for (const caller of [longju, district]) {
      const res = await caller.gql(CONFIRM, present(wutongItem));
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(errorReason(res)).toBe('INVENTORY_NOT_RESPONSIBLE');
    }
    // 凤鸣村 has no clerk: its township officer confirms, not the district.
    expect(errorReason(await district.gql(CONFIRM, present(fengmingItem)))).toBe('INVENTORY_NOT_RESPONSIBLE');
    // What each caller's checklist offers to confirm says the same (mayConfirm), for every item they read.
    const MAY = `query($id: ID!, $filter: InventoryItemFilter) {
      inventoryItems(inventoryId: $id, filter: $filter, first: 200) { edges { node { locationCode mayConfirm } } } }`;
    const offered = async (caller: Caller, region: string): Promise<Record<string, boolean[]>> => {
      const res = await caller.gql<{
        inventoryItems: { edges: Array<{ node: { locationCode: string; mayConfirm: boolean } }> };
      }>(MAY, { id: inventory.id, filter: { regionCode: region } });
      expect(res.errors).toBeUndefined();
      const out: Record<string, boolean[]> = {};
      for (const { node } of res.data!.inventoryItems.edges) {
        (out[node.locationCode] ??= []).push(node.mayConfirm);
      }
      return out;
    };
    const all = (flags: boolean[] | undefined, value: boolean) =>
      expect(flags?.length && flags.every((f) => f === value)).toBe(true);
    const officerView = await offered(longju, LONGJU);
    all(officerView[WUTONG], false);
    all(officerView[YUHE], false);
    all(officerView[FENGMING], true);
    all((await offered(wutong, WUTONG))[WUTONG], true);
    const districtView = await offered(district, LONGJU);
    for (const flags of Object.values(districtView)) all(flags, false);
    all((await offered(auditor, LONGJU))[FENGMING], false);
    const unknown = await wutong.gql(CONFIRM, {
      item: '00000000-0000-4000-8000-000000000000',
      finding: 'PRESENT',
    });
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    expect(await t.sql('SELECT 1 FROM inventory_item WHERE finding IS NOT NULL')).toHaveLength(0);
  });

  it('a finding is validated: a note unless PRESENT, an observed status only for STATUS_DIFFERS', async () => {
    const item = itemsOf(WUTONG)[0];
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ finding: 'MISSING' }, ['note']],
      [{ finding: 'DAMAGED', note: '   ' }, ['note']],
      [{ finding: 'STATUS_DIFFERS', note: '闲置' }, ['observedStatus']],
      [{ finding: 'STATUS_DIFFERS', note: '同账面', observed: item.assetStatus }, ['observedStatus']],
      [{ finding: 'PRESENT', observed: 'IDLE' }, ['observedStatus']],
      [{ finding: 'MISSING', note: 'x'.repeat(1001) }, ['note']],
      [{ finding: 'PRESENT', files: ['00000000-0000-4000-8000-000000000000'] }, ['evidenceFileIds']],
      [{ finding: 'PRESENT', files: ['nope'] }, ['evidenceFileIds']],
      [{ finding: 'GONE' }, []],
    ];
    for (const [vars, fields] of cases) {
      const res = await wutong.gql(CONFIRM, { item: item.id, ...vars });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      if (fields.length) expect(errorFields(res)).toEqual(fields);
    }
    expect(errorFields(await wutong.gql(CONFIRM, { item: 'nope', finding: 'PRESENT' }))).toEqual(['itemId']);
    const many = await wutong.gql(CONFIRM_MANY, {
      items: [
        { itemId: itemsOf(WUTONG)[1].id, finding: 'PRESENT' },
        { itemId: itemsOf(WUTONG)[2].id, finding: 'MISSING' },
      ],
    });
    expect(errorCode(many)).toBe('BAD_USER_INPUT');
    expect(errorFields(many)).toEqual(['items[1].note']);
    // In Chinese (the console's language), each refusal names its field as the 确认 form labels it.
    t.language = 'zh-CN';
    try {
      const same = await wutong.gql(CONFIRM, {
        item: item.id,
        finding: 'STATUS_DIFFERS',
        note: '同账面',
        observed: item.assetStatus,
      });
      expect(errorCode(same)).toBe('BAD_USER_INPUT');
      expect(same.errors![0].message).toMatch(
        /^填写的内容有误：「实际状态」台账上已是“[^”A-Z]+”：应为“账实相符”，不是“状态不符”$/,
      );
      const notDiffering = await wutong.gql(CONFIRM, { item: item.id, finding: 'PRESENT', observed: 'IDLE' });
      expect(notDiffering.errors![0].message).toBe(
        '填写的内容有误：「实际状态」只有清查结果为“状态不符”时才填写',
      );
      const badItem = await wutong.gql(CONFIRM, { item: 'nope', finding: 'PRESENT' });
      expect(badItem.errors![0].message).toMatch(/^填写的内容有误：「清查项」/);
      expect(badItem.errors![0].message).not.toContain('itemId');
      const twice = await wutong.gql(CONFIRM_MANY, {
        items: [
          { itemId: itemsOf(WUTONG)[1].id, finding: 'PRESENT' },
          { itemId: itemsOf(WUTONG)[1].id, finding: 'PRESENT' },
        ],
      });
      expect(twice.errors![0].message).toBe('填写的内容有误：「清查项」该项重复列出');
    } finally {
      t.language = 'en';
    }
    expect(await t.sql('SELECT 1 FROM inventory_item WHERE finding IS NOT NULL')).toHaveLength(0);
  });

  it('an inventory run from start to close with discrepancies', async () => {
    const [missing, damaged] = itemsOf(WUTONG);
    const differs = itemsOf(WUTONG)
      .slice(2)
      .find((it) => it.assetStatus === 'IN_USE')!;
    // 梧桐村: one missing (with a photo), one damaged, one whose status differs; the rest present.
    const m = ok(
      await wutong.gql<{ confirmInventoryItem: Item }>(CONFIRM, {
        item: missing.id,
        finding: 'MISSING',
        note: '大棚于汛期被冲毁，现场未见',
        files: [evidenceFileId],
      }),
    ).confirmInventoryItem;
    expect(m).toMatchObject({
      finding: 'MISSING',
      confirmed: true,
      version: 2,
      evidence: [{ fileId: evidenceFileId, sha256: evidenceSha256 }],
      confirmedBy: { username: 'wutong', role: 'VILLAGE_CLERK' },
    });
    ok(await wutong.gql(CONFIRM, { item: damaged.id, finding: 'DAMAGED', note: '棚膜破损' }));
    const d = ok(
      await wutong.gql<{ confirmInventoryItem: Item }>(CONFIRM, {
        item: damaged.id,
        finding: 'DAMAGED',
        note: '棚膜破损，钢架锈蚀约三成',
      }),
    ).confirmInventoryItem;
    expect(d).toMatchObject({ version: 3, note: '棚膜破损，钢架锈蚀约三成' });
    ok(
      await wutong.gql(CONFIRM, {
        item: differs.id,
        finding: 'STATUS_DIFFERS',
        note: '已停产闲置',
        observed: 'IDLE',
      }),
    );
    await confirmRestPresent(wutong, await allItems(wutong, inventory.id));

    // 玉合村: one missing; the rest present.
    const yuheMissing = itemsOf(YUHE)[0];
    ok(await yuhe.gql(CONFIRM, { item: yuheMissing.id, finding: 'MISSING', note: '设备已被挪用至邻村' }));
    await confirmRestPresent(yuhe, await allItems(yuhe, inventory.id));

    // The township cannot sign off while 凤鸣村 (no clerk) is not counted.
    const early = await longju.gql(SIGN_OFF, { id: inventory.id, region: LONGJU });
    expect(errorCode(early)).toBe('CONFLICT');
    expect(errorReason(early)).toBe('INVENTORY_ITEMS_PENDING');
    expect(early.errors![0].extensions.details).toEqual({
      townshipCode: LONGJU,
      remaining: itemsOf(FENGMING).length,
      total: items.length,
    });
    expect(early.errors![0].message).toContain(`${itemsOf(FENGMING).length} of ${items.length} items`);
    // Nor can the district close before the township signed off.
    const earlyClose = await district.gql(CLOSE, { id: inventory.id });
    expect(errorCode(earlyClose)).toBe('CONFLICT');
    expect(errorReason(earlyClose)).toBe('INVENTORY_SIGN_OFFS_PENDING');
    expect(earlyClose.errors![0].extensions.details).toEqual({ pendingTownships: [LONGJU] });

    // The township officer counts 凤鸣村, which has no clerk.
    const fengmingDamaged = itemsOf(FENGMING)[0];
    const f = ok(
      await longju.gql<{ confirmInventoryItem: Item }>(CONFIRM, {
        item: fengmingDamaged.id,
        finding: 'DAMAGED',
        note: '护栏被撞坏',
      }),
    ).confirmInventoryItem;
    expect(f.confirmedBy).toEqual({ username: 'longju', role: 'TOWNSHIP_OFFICER' });
    await confirmRestPresent(longju, await allItems(longju, inventory.id, { confirmed: false }));

    const progress = ok(await district.gql<{ inventory: Inventory }>(GET, { id: inventory.id })).inventory;
    const expectedCounts = {
      total: items.length,
      confirmed: items.length,
      remaining: 0,
      present: items.length - 5,
      missing: 2,
      damaged: 2,
      statusDiffers: 1,
    };
    expect(progress.progress).toEqual(expectedCounts);

    // Who signs off: the township's own officer only.
    expect(errorCode(await wutong.gql(SIGN_OFF, { id: inventory.id, region: LONGJU }))).toBe('FORBIDDEN');
    expect(errorCode(await luotian.gql(SIGN_OFF, { id: inventory.id, region: LONGJU }))).toBe('NOT_FOUND');
    expect(errorReason(await district.gql(SIGN_OFF, { id: inventory.id, region: LONGJU }))).toBe(
      'INVENTORY_NOT_RESPONSIBLE',
    );
    const elsewhere = await longju.gql(SIGN_OFF, { id: inventory.id, region: LUOTIAN });
    expect(errorCode(elsewhere)).toBe('BAD_USER_INPUT');
    expect(errorFields(elsewhere)).toEqual(['regionCode']);
    const signed = ok(
      await longju.gql<{ signOffInventory: Inventory }>(SIGN_OFF, {
        id: inventory.id,
        region: LONGJU,
        note: '已逐村核实',
      }),
    ).signOffInventory;
    expect(signed.version).toBe(2);
    expect(signed.townships[0].signOff).toMatchObject({
      townshipCode: LONGJU,
      signedBy: { username: 'longju' },
      total: items.length,
      present: items.length - 5,
      missing: 2,
      damaged: 2,
      statusDiffers: 1,
      note: '已逐村核实',
    });
    const again = await longju.gql(SIGN_OFF, { id: inventory.id, region: LONGJU });
    expect(errorCode(again)).toBe('CONFLICT');
    expect(errorReason(again)).toBe('INVENTORY_TOWNSHIP_SIGNED_OFF');
    // Findings are final once the township signed off.
    const late = await wutong.gql(CONFIRM, { item: missing.id, finding: 'PRESENT' });
    expect(errorCode(late)).toBe('CONFLICT');
    expect(errorReason(late)).toBe('INVENTORY_TOWNSHIP_SIGNED_OFF');

    // The discrepancy report: every finding that is not PRESENT, with the asset, note and who confirmed.
    const report = ok(
      await district.gql<{ inventoryDiscrepancies: Item[] }>(DISCREPANCIES, { id: inventory.id }),
    ).inventoryDiscrepancies;
    const expected = new Map([
      [missing.id, ['MISSING', 'wutong']],
      [damaged.id, ['DAMAGED', 'wutong']],
      [differs.id, ['STATUS_DIFFERS', 'wutong']],
      [yuheMissing.id, ['MISSING', 'yuhe']],
      [fengmingDamaged.id, ['DAMAGED', 'longju']],
    ]);
    // By location, then asset code (the order of `items`).
    expect(report.map((it) => [it.id, it.finding, it.confirmedBy!.username])).toEqual(
      items.filter((it) => expected.has(it.id)).map((it) => [it.id, ...expected.get(it.id)!]),
    );
    expect(report.find((it) => it.id === differs.id)).toMatchObject({
      assetStatus: 'IN_USE',
      observedStatus: 'IDLE',
      note: '已停产闲置',
      asset: { id: differs.assetId, status: 'IN_USE' },
      location: { code: WUTONG, name: '梧桐村' },
    });
    const wutongReport = ok(
      await wutong.gql<{ inventoryDiscrepancies: Item[] }>(DISCREPANCIES, { id: inventory.id }),
    ).inventoryDiscrepancies;
    expect(wutongReport.map((it) => it.id).sort()).toEqual([missing.id, damaged.id, differs.id].sort());
    const onlyMissing = await allItems(district, inventory.id, { finding: 'MISSING' });
    expect(onlyMissing.map((it) => it.id).sort()).toEqual([missing.id, yuheMissing.id].sort());

    // …and its export as .xlsx, stored as an evidence file on the ledger.
    const file = ok(
      await district.gql<{ exportInventoryDiscrepancies: ReportFile }>(EXPORT, { id: inventory.id }),
    ).exportInventoryDiscrepancies;
    expect(file).toMatchObject({ rowCount: 5, downloadPath: `/files/${file.fileId}` });
    expect(file.fileName).toBe(`资产清查差异表-${YEAR}-${LONGJU}.xlsx`);
    const bytes = await download(district, file.downloadPath);
    expect(bytes.length).toBe(file.size);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const [sheet, progressSheet] = workbook.worksheets;
    expect(sheet.name).toBe('清查差异');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['资产编号', '清查结果', '情况说明', '确认人']));
    const col = (name: string): number => header.indexOf(name) + 1;
    const rows = Array.from({ length: 5 }, (_, i) => sheet.getRow(i + 2));
    expect(rows.map((r) => r.getCell(col('资产编号')).value)).toEqual(report.map((it) => it.assetCode));
    const missingRow = rows.find((r) => r.getCell(col('资产编号')).value === missing.assetCode)!;
    expect(missingRow.getCell(col('清查结果')).value).toBe('盘亏(未找到)');
    expect(missingRow.getCell(col('情况说明')).value).toBe('大棚于汛期被冲毁，现场未见');
    expect(missingRow.getCell(col('佐证材料')).value).toBe(1);
    expect(String(missingRow.getCell(col('确认人')).value)).toContain('wutong');
    expect(progressSheet.name).toBe('清查进度');
    expect(progressSheet.getRow(2).getCell(1).value).toBe(LONGJU);
    expect(progressSheet.getRow(2).getCell(3).value).toBe(items.length);
    const clerkFile = ok(
      await wutong.gql<{ exportInventoryDiscrepancies: ReportFile }>(EXPORT, { id: inventory.id }),
    ).exportInventoryDiscrepancies;
    expect(clerkFile).toMatchObject({ rowCount: 3, fileName: `资产清查差异表-${YEAR}-${WUTONG}.xlsx` });
    expect(errorCode(await luotian.gql(EXPORT, { id: inventory.id }))).toBe('NOT_FOUND');

    // The district closes it.
    expect(errorCode(await longju.gql(CLOSE, { id: inventory.id }))).toBe('FORBIDDEN');
    const closed = ok(
      await district.gql<{ closeInventory: Inventory }>(CLOSE, {
        id: inventory.id,
        note: '盘亏资产责成镇村查明原因',
      }),
    ).closeInventory;
    expect(closed).toMatchObject({
      status: 'CLOSED',
      version: 3,
      closedBy: { username: 'district' },
      closingNote: '盘亏资产责成镇村查明原因',
      progress: expectedCounts,
    });
    expect(closed.closedAt).not.toBeNull();
    const closeAgain = await district.gql(CLOSE, { id: inventory.id });
    expect(errorCode(closeAgain)).toBe('CONFLICT');
    expect(errorReason(closeAgain)).toBe('INVENTORY_CLOSED');
    expect(errorReason(await wutong.gql(CONFIRM, { item: missing.id, finding: 'PRESENT' }))).toBe(
      'INVENTORY_CLOSED',
    );

    // The whole trail is on the ledger.
    const trail = ok(
      await auditor.gql<{
        history: Array<{ action: string; after: { status: string; signOffs: unknown[] } }>;
      }>(HISTORY, { type: 'Inventory', id: inventory.id }),
    ).history;
    expect(trail.map((e) => e.action)).toEqual([
      'INVENTORY_STARTED',
      'INVENTORY_SIGNED_OFF',
      'INVENTORY_CLOSED',
    ]);
    expect(trail[2].after).toMatchObject({
      status: 'CLOSED',
      signOffs: [expect.objectContaining({ townshipCode: LONGJU, missingCount: 2 })],
    });
    const itemTrail = ok(
      await auditor.gql<{
        history: Array<{ action: string; before: { note: string | null }; after: { note: string } }>;
      }>(HISTORY, { type: 'InventoryItem', id: damaged.id }),
    ).history;
    expect(itemTrail.map((e) => e.action)).toEqual([
      'INVENTORY_ITEM_LISTED',
      'INVENTORY_ITEM_CONFIRMED',
      'INVENTORY_ITEM_CORRECTED',
    ]);
    expect(itemTrail[2]).toMatchObject({
      before: { note: '棚膜破损' },
      after: { note: '棚膜破损，钢架锈蚀约三成' },
    });

    // Once closed, the township may be inventoried again the same year (one OPEN per region and year).
    const again2 = ok(
      await district.gql<{ startInventory: Inventory }>(START, { year: YEAR, region: LONGJU }),
    ).startInventory;
    expect(again2.progress.total).toBe(items.length + 1); // the asset that was DISPOSED for the first start
  });

  it('for a township without an officer and a village without a clerk, the district confirms and signs off', async () => {
    const baitu = ok(
      await district.gql<{ startInventory: Inventory }>(START, { year: YEAR - 1, region: BAITU }),
    ).startInventory;
    expect(baitu.progress.total).toBeGreaterThan(0);
    const list = await allItems(district, baitu.id);
    expect(errorCode(await wutong.gql(ITEMS, { id: baitu.id }))).toBe('NOT_FOUND');
    await confirmRestPresent(district, list);
    const signed = ok(
      await district.gql<{ signOffInventory: Inventory }>(SIGN_OFF, { id: baitu.id, region: BAITU }),
    ).signOffInventory;
    expect(signed.townships[0].signOff).toMatchObject({
      signedBy: { username: 'district' },
      present: list.length,
    });
    const closed = ok(
      await district.gql<{ closeInventory: Inventory }>(CLOSE, { id: baitu.id }),
    ).closeInventory;
    expect(closed).toMatchObject({
      status: 'CLOSED',
      progress: { total: list.length, present: list.length },
    });
    expect(
      ok(await district.gql<{ exportInventoryDiscrepancies: ReportFile }>(EXPORT, { id: baitu.id }))
        .exportInventoryDiscrepancies.rowCount,
    ).toBe(0);
  });
});
