import { entryChanges, FieldSpec, isLedgerObject, LedgerJson } from '@web/shared/ledger/entry-changes';
import { Caller, GqlResponse, TestApp } from './support/test-app';

interface EntriesPage {
  edges: Array<{ node: { entityType: string; canonical: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * 变更内容 (a record's history and the 审计账本's entry drawer) names each changed field in Chinese and
 * shows enum values by their labels. Every entry of the demo district's ledger (assets, projects,
 * ownership, contracts, income, plans, payouts, upkeep, disposals, households, users, policies,
 * witnesses …), with a 年度公示 link and an annual inventory made here, is read here as the console reads it (web/src/shared/ledger/entry-changes.ts): a field it
 * would show by its key, an item field of a list it knows nothing of, or an enum value it would show as
 * written, is listed.
 */
describe('变更内容 of every entry of the demo ledger (e2e)', () => {
  let t: TestApp;
  let auditor: Caller;

  beforeAll(async () => {
    t = await TestApp.start();
    auditor = await t.as('auditor');
    // What the demo does not hold: a 年度公示 link made and revoked, an annual inventory with an item confirmed.
    const ok = <T>(res: { data: T | null; errors?: unknown }): T => {
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      return res.data;
    };
    const officer = await t.as('longju');
    const year = new Date().getFullYear() - 1;
    const { createDisclosureLink: link } = ok(
      await officer.gql<{ createDisclosureLink: { id: string } }>(
        'mutation($v: String!, $y: Int!) { createDisclosureLink(villageCode: $v, year: $y) { id } }',
        { v: '500101151201', y: year },
      ),
    );
    ok(
      await officer.gql(
        'mutation($id: ID!) { revokeDisclosureLink(id: $id, reason: "链接发错了村") { id } }',
        {
          id: link.id,
        },
      ),
    );
    const district = await t.as('district');
    const { startInventory: inventory } = ok(
      await district.gql<{ startInventory: { id: string } }>(
        'mutation($y: Int!) { startInventory(regionCode: "500101151", year: $y) { id } }',
        { y: year },
      ),
    );
    const clerk = await t.as('wutong');
    const { inventoryItems } = ok(
      await clerk.gql<{ inventoryItems: { edges: Array<{ node: { id: string } }> } }>(
        'query($i: ID!) { inventoryItems(inventoryId: $i, first: 1) { edges { node { id } } } }',
        { i: inventory.id },
      ),
    );
    ok(
      await clerk.gql(
        'mutation($id: ID!) { confirmInventoryItem(itemId: $id, finding: DAMAGED, note: "棚膜破损") { id } }',
        { id: inventoryItems.edges[0].node.id },
      ),
    );
  });
  afterAll(() => t.close());

  it('names every field an entry changes in Chinese and labels every enum value', async () => {
    const unnamed = new Set<string>();
    const unlabelled = new Set<string>();
    const types = new Set<string>();
    const inspect = (where: string, spec: FieldSpec, value: LedgerJson | undefined) => {
      if (spec.label === spec.key) unnamed.add(`${where}.${spec.key}`);
      if (spec.kind === 'enum' && typeof value === 'string' && !spec.labels?.[value])
        unlabelled.add(`${where}.${spec.key} = ${value}`);
      const listed = spec.kind === 'enumList' && Array.isArray(value) ? value : [];
      const keyed = spec.kind === 'perEnum' && isLedgerObject(value) ? Object.keys(value) : [];
      for (const v of [...listed, ...keyed]) {
        if (typeof v !== 'string' || !spec.labels?.[v]) unlabelled.add(`${where}.${spec.key} = ${String(v)}`);
      }
      const inner =
        spec.kind === 'list' && Array.isArray(value) ? value : spec.kind === 'object' ? [value] : [];
      const items = spec.item ?? [];
      const known = new Set(items.map((s) => s.key));
      for (const item of inner) {
        if (!isLedgerObject(item)) continue;
        for (const key of Object.keys(item)) {
          if (!known.has(key)) unnamed.add(`${where}.${spec.key}[].${key}`);
        }
        for (const s of items) inspect(`${where}.${spec.key}[]`, s, item[s.key]);
      }
    };
    let after: string | null = null;
    let entries = 0;
    do {
      const res: GqlResponse<{ ledgerEntries: EntriesPage }> = await auditor.gql<{
        ledgerEntries: EntriesPage;
      }>(
        `query($after: String) { ledgerEntries(first: 200, after: $after) {
          edges { node { entityType canonical } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      const page: EntriesPage = res.data!.ledgerEntries;
      for (const { node } of page.edges) {
        entries++;
        types.add(node.entityType);
        const { before, after: state } = JSON.parse(node.canonical) as { before?: unknown; after?: unknown };
        for (const change of entryChanges(node.entityType, before ?? null, state ?? null)) {
          inspect(node.entityType, change.spec, change.before as LedgerJson | undefined);
          inspect(node.entityType, change.spec, change.after as LedgerJson | undefined);
        }
      }
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    // The demo's ledger holds entries of most kinds of record: the check covers them.
    expect(entries).toBeGreaterThan(1000);
    expect([...types].sort()).toEqual(
      expect.arrayContaining([
        'Asset',
        'AssetOwnership',
        'Contract',
        'DisposalPolicy',
        'DisposalRequest',
        'DistributionPayout',
        'DisclosureLink',
        'DistributionPlan',
        'Household',
        'IncomeRecord',
        'Inventory',
        'InventoryItem',
        'OwnershipProposal',
        'Project',
        'UpkeepInspection',
        'UpkeepRepair',
        'Witness',
        'WitnessPolicy',
      ]),
    );
    expect({ unnamed: [...unnamed].sort(), unlabelled: [...unlabelled].sort() }).toEqual({
      unnamed: [],
      unlabelled: [],
    });
  });
});
