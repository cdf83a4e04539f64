/**
 * The snapshot a disposal reviewer decides on (`DisposalRequest.snapshot`): the canonical JSON of the
 * request and its asset whose SHA-256 is `snapshotHash`. Pure functions: parse it, compare the asset with
 * an earlier state of it (from the ledger), turn fen into yuan. Rendering and labels live in the page.
 */

export type LedgerJson = null | boolean | number | string | LedgerJson[] | { [key: string]: LedgerJson };
export type LedgerObject = { [key: string]: LedgerJson };

export interface DisposalSnapshot {
  request: LedgerObject;
  asset: LedgerObject | null;
}

export function parseSnapshot(text: string): DisposalSnapshot {
  const value = JSON.parse(text) as { request?: unknown; asset?: unknown };
  if (!isObject(value.request)) throw new Error('a snapshot holds a request');
  return { request: value.request, asset: isObject(value.asset) ? value.asset : null };
}

/** How an asset field is shown; fields not listed here are bookkeeping (ids, who, when) and not compared. */
export type FieldKind =
  | 'text'
  | 'quantity'
  | 'money'
  | 'date'
  | 'assetClass'
  | 'assetForm'
  | 'assetStatus'
  | 'operatingMode'
  | 'region'
  | 'category'
  | 'fundSources';

export const ASSET_FIELDS: ReadonlyArray<{ key: string; label: string; kind: FieldKind }> = [
  { key: 'code', label: '资产编号', kind: 'text' },
  { key: 'name', label: '资产名称', kind: 'text' },
  { key: 'class', label: '资产类型', kind: 'assetClass' },
  { key: 'form', label: '资产形态', kind: 'assetForm' },
  { key: 'categoryCode', label: '资产分类', kind: 'category' },
  { key: 'locationCode', label: '所在地', kind: 'region' },
  { key: 'quantity', label: '数量', kind: 'quantity' },
  { key: 'unit', label: '计量单位', kind: 'text' },
  { key: 'investedAmount', label: '投资金额', kind: 'money' },
  { key: 'formedValue', label: '原值', kind: 'money' },
  { key: 'fundSources', label: '资金来源', kind: 'fundSources' },
  { key: 'completionDate', label: '建成日期', kind: 'date' },
  { key: 'acceptanceDate', label: '验收日期', kind: 'date' },
  { key: 'handoverDate', label: '移交日期', kind: 'date' },
  { key: 'status', label: '状态', kind: 'assetStatus' },
  { key: 'statusSince', label: '状态起始日期', kind: 'date' },
  { key: 'managementEntity', label: '管护主体', kind: 'text' },
  { key: 'managementResponsible', label: '管护责任人', kind: 'text' },
  { key: 'operator', label: '经营主体', kind: 'text' },
  { key: 'operatingMode', label: '经营方式', kind: 'operatingMode' },
  { key: 'contractStart', label: '合同开始日期', kind: 'date' },
  { key: 'contractEnd', label: '合同结束日期', kind: 'date' },
  { key: 'contractTerms', label: '合同约定', kind: 'text' },
  { key: 'contractAnnualAmount', label: '合同年收益', kind: 'money' },
  { key: 'investee', label: '入股企业', kind: 'text' },
  { key: 'equityAgreementNo', label: '股权协议编号', kind: 'text' },
  { key: 'equityMaturityDate', label: '股权到期日期', kind: 'date' },
  { key: 'householdRegistryNo', label: '受益户编号', kind: 'text' },
  { key: 'householdHeadName', label: '户主姓名', kind: 'text' },
];

export interface FieldChange {
  key: string;
  label: string;
  kind: FieldKind;
  before: LedgerJson | undefined;
  after: LedgerJson | undefined;
}

/** The listed fields whose value differs between two states of the asset (in the list's order). */
export function assetChanges(before: LedgerObject, after: LedgerObject): FieldChange[] {
  return ASSET_FIELDS.filter(
    (f) => JSON.stringify(before[f.key] ?? null) !== JSON.stringify(after[f.key] ?? null),
  ).map((f) => ({ ...f, before: before[f.key], after: after[f.key] }));
}

/**
 * The state of a record just before ledger entry `index` (another record's entry: the ledger's order is
 * total, unlike clocks): the `after` of its last entry with a smaller index; null if it had none yet.
 */
export function stateBefore(
  history: ReadonlyArray<{ index: number; after?: unknown }>,
  index: number,
): LedgerObject | null {
  let state: LedgerObject | null = null;
  for (const entry of history) {
    if (entry.index >= index) break;
    if (isObject(entry.after)) state = entry.after;
  }
  return state;
}

/** Fen as the ledger keeps it ("1234567") → yuan as the API's Money carries it ("12345.67"). */
export function fenToYuan(fen: string): string {
  const m = /^(-)?(\d+)$/.exec(fen);
  if (!m) throw new Error(`not an amount in fen: ${fen}`);
  const digits = m[2].padStart(3, '0');
  return `${m[1] ?? ''}${digits.slice(0, -2).replace(/^0+(?=\d)/, '')}.${digits.slice(-2)}`;
}

/** SHA-256 of a text as 64 lowercase hex characters (WebCrypto, in the browser). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function isObject(value: unknown): value is LedgerObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Yuan as the API's Money carries it ("12345.67") → fen, exactly. */
export function yuanToFen(yuan: string): bigint {
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!m) throw new Error(`not a money amount: ${yuan}`);
  const fen = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}
