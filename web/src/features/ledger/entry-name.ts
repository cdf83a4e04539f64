/**
 * What a ledger entry's record is called, read from the entry's own state (its `after`, or `before` where
 * the entry has no state after): an asset's code and name, a user's account, a file's name … so that the
 * 审计账本's list says 资产 WZ-151201-0001 梧桐村蔬菜大棚, not only the record's id. Null for a record
 * whose state names nothing of its own (an income, a repair, an ownership: they belong to an asset), and
 * for a policy, whose id is already its version.
 * A household is named by its registry number, never by its head's name (personal data).
 */
type State = Record<string, unknown>;

const text = (state: State, key: string): string | null => {
  const value = state[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

const joined = (...parts: Array<string | null>): string | null =>
  parts.some((p) => p !== null) ? parts.filter((p) => p !== null).join(' ') : null;

const NAMES: Readonly<Partial<Record<string, (state: State) => string | null>>> = {
  Asset: (s) => joined(text(s, 'code'), text(s, 'name')),
  Project: (s) => joined(text(s, 'code'), text(s, 'name')),
  Region: (s) => text(s, 'name'),
  AssetCategory: (s) => text(s, 'name'),
  User: (s) => {
    const username = text(s, 'username');
    const display = text(s, 'displayName');
    return username && display ? `${username}（${display}）` : (username ?? display);
  },
  EvidenceFile: (s) => text(s, 'originalName'),
  DistributionPlan: (s) => text(s, 'title'),
  Contract: (s) => text(s, 'code'),
  Operator: (s) => text(s, 'name'),
  Household: (s) => text(s, 'registryNo'),
  Witness: (s) => text(s, 'name'),
  InventoryItem: (s) => joined(text(s, 'assetCode'), text(s, 'assetName')),
};

const isState = (value: unknown): value is State =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function entryName(entityType: string, after: unknown, before: unknown): string | null {
  const name = NAMES[entityType];
  const state = isState(after) ? after : isState(before) ? before : null;
  return name && state ? name(state) : null;
}
