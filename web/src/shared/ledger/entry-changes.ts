/**
 * What one ledger entry changed, in words a clerk reads: the fields of the record's state that differ
 * between the entry's `before` and `after` (every field of `after` for a creation), each with its Chinese
 * label and its values formatted as the console shows them elsewhere (money in yuan from the ledger's fen,
 * enum values by their labels, dates as 2026年11月30日). Pure functions, shared by a record's 变更记录 and
 * the 审计账本's entry drawer.
 */
import { formatDate, formatDateTime } from '@web/shared/format/dates';
import { formatMoney, yuanOfFen } from '@web/shared/format/money';
import { formatQuantity } from '@web/shared/format/quantity';
import {
  contractChangeLabels,
  contractKindLabels,
  contractStatusLabels,
  operatorKindLabels,
  paymentScheduleLabels,
} from '@web/shared/labels/contracts';
import {
  assetClassLabels,
  assetFormLabels,
  assetStatusLabels,
  disposalMethodLabels,
  disposalReasonLabels,
  disposalStatusLabels,
  distributionChannelLabels,
  fundSourceLabels,
  householdStatusLabels,
  incomeKindLabels,
  industryDepartmentLabels,
  inventoryFindingLabels,
  inventoryStatusLabels,
  monitoringCategoryLabels,
  objectionStatusLabels,
  operatingModeLabels,
  ownerTypeLabels,
  ownershipProposalStatusLabels,
  planStatusLabels,
  projectTypeLabels,
  regionLevelLabels,
  repairPayerLabels,
  reviewDecisionLabels,
  reviewLevelLabels,
  roleLabels,
  upkeepConditionLabels,
  upkeepFundingSourceLabels,
  userStatusLabels,
  witnessStatusLabels,
} from '@web/shared/labels/enums';

export type LedgerJson = null | boolean | number | string | LedgerJson[] | { [key: string]: LedgerJson };
export type LedgerObject = { [key: string]: LedgerJson };

/** How a value is shown. */
export type FieldKind =
  | 'text'
  | 'number'
  | 'quantity'
  | 'money'
  | 'date'
  | 'dateTime'
  | 'boolean'
  | 'region'
  | 'category'
  | 'shareBp'
  | 'enum'
  | 'fundSources'
  | 'files'
  | 'list'
  | 'count'
  | 'beneficiaries'
  | 'object'
  | 'enumList'
  | 'perEnum';

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  /** For 'enum', 'enumList' and 'perEnum' (the keys): the Chinese label of each value. */
  labels?: Readonly<Record<string, string>>;
  /** For 'list' and 'object': the fields of each item (of the object). */
  item?: readonly FieldSpec[];
  /** For 'count': what is counted (个, 户); for 'perEnum': the unit of each value (天). */
  unit?: string;
  /** Bookkeeping (ids, versions, who and when): shown in the entry, left out of a record's history and of a list's items. */
  bookkeeping?: true;
}

const f = (
  key: string,
  label: string,
  kind: FieldKind = 'text',
  extra: Partial<FieldSpec> = {},
): FieldSpec => ({
  key,
  label,
  kind,
  ...extra,
});
const e = (key: string, label: string, labels: Readonly<Record<string, string>>): FieldSpec =>
  f(key, label, 'enum', { labels });
const book = (key: string, label: string, kind: FieldKind = 'text'): FieldSpec =>
  f(key, label, kind, { bookkeeping: true });
const list = (key: string, label: string, item: readonly FieldSpec[]): FieldSpec =>
  f(key, label, 'list', { item });
const object = (key: string, label: string, item: readonly FieldSpec[]): FieldSpec =>
  f(key, label, 'object', { item });

/** Fields many records share; a record's own list comes first. */
const COMMON: readonly FieldSpec[] = [
  f('name', '名称'),
  f('note', '备注'),
  f('notes', '备注'),
  f('remarks', '备注'),
  f('regionCode', '所属区域', 'region'),
  f('villageCode', '所在村', 'region'),
  f('locationCode', '所在地', 'region'),
  f('evidence', '证明材料', 'files'),
  f('rules', '政策规则'),
  book('id', '记录编号'),
  book('assetId', '资产编号'),
  book('createdBy', '登记人'),
  book('recordedBy', '登记人'),
  book('updatedBy', '修改人'),
  book('createdAt', '登记时间', 'dateTime'),
  book('updatedAt', '修改时间', 'dateTime'),
  book('version', '版本', 'number'),
  book('idempotencyKey', '防重复提交标识'),
];

const SHARE_ITEM = [
  e('ownerType', '所有权人类型', ownerTypeLabels),
  f('ownerName', '所有权人'),
  f('name', '所有权人'),
  f('ownerRef', '所有权人代码'),
  f('villageCode', '村', 'region'),
  f('shareBp', '份额', 'shareBp'),
  f('amount', '金额', 'money'),
];

const FIELDS: Readonly<Record<string, readonly FieldSpec[]>> = {
  Asset: [
    f('code', '资产编号'),
    f('name', '资产名称'),
    e('class', '资产类型', assetClassLabels),
    e('form', '资产形态', assetFormLabels),
    f('categoryCode', '资产分类', 'category'),
    f('locationCode', '所在地', 'region'),
    f('quantity', '数量', 'quantity'),
    f('unit', '计量单位'),
    f('investedAmount', '投资额', 'money'),
    f('formedValue', '原值', 'money'),
    f('fundSources', '资金来源', 'fundSources'),
    f('completionDate', '建成日期', 'date'),
    f('acceptanceDate', '验收日期', 'date'),
    f('handoverDate', '移交日期', 'date'),
    e('status', '状态', assetStatusLabels),
    f('statusSince', '状态起始日期', 'date'),
    f('managementEntity', '管护主体'),
    f('managementResponsible', '管护责任人'),
    f('operator', '经营主体'),
    e('operatingMode', '经营方式', operatingModeLabels),
    f('contractStart', '合同开始日期', 'date'),
    f('contractEnd', '合同结束日期', 'date'),
    f('contractTerms', '合同约定'),
    f('contractAnnualAmount', '合同年收益', 'money'),
    f('investee', '入股企业'),
    f('equityAgreementNo', '股权协议编号'),
    f('equityMaturityDate', '股权到期日期', 'date'),
    f('householdRegistryNo', '受益户编号'),
    f('householdHeadName', '户主姓名'),
    f('constructionContent', '建设内容'),
    f('constructionScale', '建设规模'),
    f('beneficiaryHouseholds', '受益户数', 'number'),
    f('beneficiaryPeople', '受益人数', 'number'),
    f('beneficiaryPoorHouseholds', '受益脱贫户数', 'number'),
    f('beneficiaryPoorPeople', '受益脱贫人数', 'number'),
    f('beneficiaryMonitoredHouseholds', '受益监测户数', 'number'),
    f('beneficiaryMonitoredPeople', '受益监测人数', 'number'),
    book('projectId', '所属项目'),
  ],
  Project: [
    f('code', '项目编号'),
    f('name', '项目名称'),
    f('year', '年度', 'number'),
    e('type', '项目类型', projectTypeLabels),
    f('implementingUnit', '实施单位'),
    f('regionCode', '所属区域', 'region'),
    f('completionDate', '建成日期', 'date'),
    f('acceptanceDate', '验收日期', 'date'),
    f('fundSources', '资金来源', 'fundSources'),
  ],
  Household: [
    f('registryNo', '户编号'),
    f('headName', '户主姓名'),
    f('villageCode', '所在村', 'region'),
    f('membersCount', '家庭人口', 'number'),
    f('idNumberMasked', '身份证号（部分隐藏）'),
    f('phoneMasked', '联系电话（部分隐藏）'),
    f('phone', '联系电话'),
    f('address', '住址'),
    list('statuses', '户类型', [
      book('id', '记录编号'),
      e('status', '户类型', householdStatusLabels),
      e('monitoringCategory', '监测类别', monitoringCategoryLabels),
      f('startedOn', '起始', 'date'),
      f('endedOn', '结束', 'date'),
      f('endReason', '退出原因'),
    ]),
    book('idNumberDigest', '身份证号摘要'),
    book('phoneDigest', '电话摘要'),
  ],
  IncomeRecord: [
    e('kind', '收益类型', incomeKindLabels),
    f('amount', '金额', 'money'),
    f('periodFrom', '所属期起', 'date'),
    f('periodTo', '所属期止', 'date'),
    f('receivedOn', '到账日期', 'date'),
    f('supplement', '补充收益', 'boolean'),
    list('shares', '各所有权人份额', SHARE_ITEM),
    book('reversesId', '冲销的收益记录'),
    book('contractId', '合同'),
  ],
  DistributionPayout: [
    f('amount', '金额', 'money'),
    f('paidOn', '发放日期', 'date'),
    f('bankReference', '银行流水号'),
    book('planId', '分配方案'),
    book('allocationId', '分配项'),
    book('householdId', '农户'),
  ],
  DisposalRequest: [
    e('method', '处置方式', disposalMethodLabels),
    e('reasonCode', '处置原因', disposalReasonLabels),
    f('reasonText', '申请理由'),
    f('appraisedValue', '评估价值', 'money'),
    e('status', '状态', disposalStatusLabels),
    e('decidingLevel', '审批层级', reviewLevelLabels),
    f('completedOn', '处置完成日期', 'date'),
    f('proceeds', '处置收入', 'money'),
    f('proceedsDestination', '收入去向'),
    list('reviews', '审核记录', [
      e('level', '层级', reviewLevelLabels),
      e('decision', '意见', reviewDecisionLabels),
      f('comment', '说明'),
      f('createdAt', '时间', 'dateTime'),
      book('step', '步骤', 'number'),
      book('reviewerId', '审核人'),
      book('snapshotHash', '审核时资产快照的摘要'),
    ]),
    book('policyVersion', '处置政策版本', 'number'),
    book('stepStartedAt', '本步骤开始时间', 'dateTime'),
    book('requestedBy', '申请人'),
    book('proceedsIncomeId', '处置收入的收益记录'),
  ],
  OwnershipProposal: [
    e('status', '状态', ownershipProposalStatusLabels),
    list('owners', '所有权人', SHARE_ITEM),
    f('managementEntity', '管护主体'),
    f('managementResponsible', '管护责任人'),
    f('publicityStart', '公示开始', 'date'),
    f('publicityEnd', '公示结束', 'date'),
    f('backdated', '公示起始日期提前', 'boolean'),
    f('noticeEvidence', '公示材料', 'files'),
    list('objections', '异议', [
      f('raisedOn', '提出日期', 'date'),
      f('objector', '异议人'),
      f('content', '内容'),
      e('status', '状态', objectionStatusLabels),
      f('resolution', '处理结果'),
    ]),
    f('decidedOn', '确认日期', 'date'),
    f('certificateNo', '确权证书编号'),
    f('rejectReason', '未通过原因'),
    book('proposedBy', '提出人'),
    book('decidedBy', '确认人'),
  ],
  AssetOwnership: [
    list('rows', '权属登记', [
      ...SHARE_ITEM,
      f('managementEntity', '管护主体'),
      f('certificateNo', '证书编号'),
      f('validFrom', '起', 'dateTime'),
      f('validTo', '止', 'dateTime'),
      f('closedAt', '登记关闭时间', 'dateTime'),
      book('id', '记录编号'),
      book('proposalId', '确权申请'),
      book('recordedAt', '登记时间', 'dateTime'),
    ]),
  ],
  Contract: [
    f('code', '合同编号'),
    e('kind', '合同类型', contractKindLabels),
    e('status', '状态', contractStatusLabels),
    f('ownerName', '发包方（资产所有权人）'),
    f('startDate', '起始日期', 'date'),
    f('endDate', '到期日期', 'date'),
    f('amount', '每期金额', 'money'),
    e('schedule', '支付周期', paymentScheduleLabels),
    f('guaranteedMinimum', '保底收益', 'money'),
    f('equityPrincipal', '入股本金', 'money'),
    f('equityMaturityDate', '入股到期日', 'date'),
    f('terminatedOn', '终止日期', 'date'),
    f('terminationReason', '终止原因'),
    f('principalReturnedOn', '本金返还日期', 'date'),
    f('principalReturnedAmount', '返还本金', 'money'),
    list('versions', '合同变更', [
      e('change', '变更', contractChangeLabels),
      f('effectiveFrom', '生效', 'date'),
      f('endDate', '到期', 'date'),
      f('amount', '每期金额', 'money'),
      e('schedule', '支付周期', paymentScheduleLabels),
      f('guaranteedMinimum', '保底收益', 'money'),
      f('equityPrincipal', '入股本金', 'money'),
      f('equityMaturityDate', '入股到期日', 'date'),
      f('principalReturned', '返还本金', 'money'),
      f('evidence', '证明材料', 'files'),
      f('note', '备注'),
      book('versionNo', '版本号', 'number'),
      book('recordedBy', '登记人'),
      book('createdAt', '登记时间', 'dateTime'),
    ]),
    book('operatorId', '经营主体'),
    book('assetIds', '涉及资产'),
  ],
  Operator: [
    e('kind', '主体类型', operatorKindLabels),
    f('name', '名称'),
    f('uscc', '统一社会信用代码'),
    f('idNumberMasked', '身份证号（部分隐藏）'),
    f('contactPerson', '联系人'),
    f('contactPhoneMasked', '联系电话（部分隐藏）'),
    book('idNumberDigest', '身份证号摘要'),
    book('contactPhoneDigest', '电话摘要'),
  ],
  UpkeepDuty: [
    f('body', '管护主体'),
    f('person', '管护责任人'),
    f('phoneMasked', '联系电话（部分隐藏）'),
    e('department', '行业主管部门', industryDepartmentLabels),
    e('fundingSource', '管护经费来源', upkeepFundingSourceLabels),
    book('phoneDigest', '电话摘要'),
  ],
  UpkeepInspection: [
    f('inspectedOn', '巡查日期', 'date'),
    f('inspector', '巡查人'),
    e('condition', '状况', upkeepConditionLabels),
    f('photos', '照片', 'files'),
  ],
  UpkeepRepair: [
    f('repairedOn', '维修日期', 'date'),
    f('description', '维修内容'),
    f('cost', '费用', 'money'),
    e('paidBy', '付款方', repairPayerLabels),
    f('payerNote', '付款说明'),
    book('inspectionId', '巡查记录'),
    book('allocationId', '分配项'),
  ],
  User: [
    f('username', '用户名'),
    f('displayName', '姓名'),
    e('role', '角色', roleLabels),
    f('regionCode', '所属区域', 'region'),
    e('status', '状态', userStatusLabels),
    f('lockedUntil', '锁定至', 'dateTime'),
    book('tokenVersion', '登录凭证版本', 'number'),
    book('passwordDigest', '密码摘要'),
  ],
  Region: [
    f('code', '区划代码'),
    f('name', '名称'),
    e('level', '层级', regionLevelLabels),
    f('parentCode', '上级区域', 'region'),
    f('retiredOn', '撤销日期', 'date'),
    f('mergedInto', '并入', 'region'),
  ],
  AssetCategory: [
    f('code', '类别代码'),
    f('name', '类别名称'),
    f('description', '说明'),
    f('sortOrder', '排序', 'number'),
    f('active', '启用', 'boolean'),
  ],
  EvidenceFile: [
    f('originalName', '文件名'),
    f('mediaType', '文件类型'),
    f('size', '大小（字节）', 'number'),
    f('sha256', 'SHA-256'),
    book('uploadedBy', '上传人'),
  ],
  Inventory: [
    f('year', '年度', 'number'),
    e('status', '状态', inventoryStatusLabels),
    f('closingNote', '结束说明'),
    book('startedBy', '启动人'),
    book('startedAt', '启动时间', 'dateTime'),
    book('closedBy', '结束人'),
    book('closedAt', '结束时间', 'dateTime'),
  ],
  InventoryItem: [
    f('assetCode', '资产编号'),
    f('assetName', '资产名称'),
    e('assetClass', '资产类型', assetClassLabels),
    e('assetStatus', '台账状态', assetStatusLabels),
    f('formedValue', '原值', 'money'),
    e('finding', '清查结果', inventoryFindingLabels),
    e('observedStatus', '实际状态', assetStatusLabels),
    book('inventoryId', '年度清查'),
    book('confirmedBy', '确认人'),
    book('confirmedAt', '确认时间', 'dateTime'),
  ],
  DistributionPlan: [
    f('title', '方案名称'),
    f('amount', '分配总额', 'money'),
    f('planDate', '方案日期', 'date'),
    e('status', '状态', planStatusLabels),
    f('returnReason', '退回原因'),
    f('resultPublishedOn', '结果公开日期', 'date'),
    f('resultEvidence', '结果公开材料', 'files'),
    list('income', '收益来源', [f('amount', '金额', 'money'), book('incomeId', '收益记录')]),
    book('decision', '民主决策记录'),
    book('incomeRequest', '收益来源申请'),
    book('policyVersion', '分配政策版本', 'number'),
    book('submittedBy', '提交人'),
    book('submittedAt', '提交时间', 'dateTime'),
    book('filedBy', '备案人'),
    book('filedAt', '备案时间', 'dateTime'),
    book('completedAt', '完成时间', 'dateTime'),
    book('resultRecordedBy', '结果登记人'),
    list('allocations', '分配项', [
      e('channel', '用途', distributionChannelLabels),
      f('amount', '金额', 'money'),
      f('note', '说明'),
      f('beneficiaries', '受益农户', 'beneficiaries'),
      book('id', '记录编号'),
    ]),
  ],
  DisclosureLink: [
    f('year', '公示年度', 'number'),
    f('villageCode', '村', 'region'),
    f('publicityStart', '公示开始', 'date'),
    f('publicityEnd', '公示结束', 'date'),
    f('expiresAt', '链接有效期至', 'dateTime'),
    f('checkpointSize', '检查点规模', 'number'),
    f('revokeReason', '撤销原因'),
    f('revokedAt', '撤销时间', 'dateTime'),
    book('checkpointRoot', '检查点根哈希'),
    book('tokenSha256', '链接令牌摘要'),
    book('revokedBy', '撤销人'),
  ],
  Witness: [
    e('status', '状态', witnessStatusLabels),
    f('verifierKey', '验证公钥'),
    f('url', '推送地址'),
    f('revokeReason', '撤销原因'),
    book('registeredBy', '登记人'),
    book('approvedBy', '批准人'),
    book('approvedAt', '批准时间', 'dateTime'),
    book('revokedBy', '撤销人'),
    book('revokedAt', '撤销时间', 'dateTime'),
  ],
  DisposalPolicy: [
    object('rules', '审批规则', [
      f('districtFromFormedValue', '原值达到即报区级审批', 'money'),
      f('districtFromAppraisedValue', '评估价值达到即报区级审批', 'money'),
      f('districtMethods', '一律报区级审批的处置方式', 'enumList', { labels: disposalMethodLabels }),
      f('townshipReviewDays', '乡镇审核期限（天）', 'number'),
      f('districtReviewDays', '区级审批期限（天）', 'number'),
    ]),
  ],
  DistributionPolicy: [
    object('rules', '分配规则', [
      list('channelLimits', '比例限制', [
        e('channel', '用途', distributionChannelLabels),
        f('minBp', '不低于', 'shareBp'),
        f('maxBp', '不超过', 'shareBp'),
      ]),
      f('forbiddenChannels', '禁止的分配用途', 'enumList', { labels: distributionChannelLabels }),
      f('banEqualSplit', '禁止平均分配（一分了之）', 'boolean'),
      f('minDecisionFiles', '至少附决议材料（份）', 'number'),
    ]),
  ],
  UpkeepPolicy: [
    object('rules', '管护规则', [
      f('inspectionDays', '巡查周期', 'perEnum', { labels: assetClassLabels, unit: '天' }),
      f('repairDays', '损坏维修期限（天）', 'number'),
      f('cycleStart', '巡查周期起算日', 'date'),
    ]),
  ],
  OwnershipPolicy: [
    object('rules', '确权规则', [f('publicityBackdateMaxDays', '公示最多可提前的天数', 'number')]),
  ],
  WitnessPolicy: [
    f('quorum', '至少联署的见证人数', 'number'),
    f('witnessIds', '见证人', 'count', { unit: '个' }),
  ],
};

/** The field list of a kind of record (its own fields, then the common ones it does not name itself). */
export function fieldsOf(entityType: string): readonly FieldSpec[] {
  const own = FIELDS[entityType] ?? [];
  const named = new Set(own.map((s) => s.key));
  return [...own, ...COMMON.filter((s) => !named.has(s.key))];
}

export interface FieldChange {
  key: string;
  label: string;
  spec: FieldSpec;
  before: LedgerJson | undefined;
  after: LedgerJson | undefined;
}

export function isLedgerObject(value: unknown): value is LedgerObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const same = (a: LedgerJson | undefined, b: LedgerJson | undefined): boolean =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const empty = (v: LedgerJson | undefined): boolean =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The fields an entry changed: for an update (a `before` state) those whose value differs; for a creation
 * (no `before`) every field of `after` that holds something. Known fields come in their list's order, with
 * their labels; a field the console has no label for keeps its name, after them. Bookkeeping fields (ids,
 * versions, who and when) come last.
 */
export function entryChanges(entityType: string, before: unknown, after: unknown): FieldChange[] {
  const b = isLedgerObject(before) ? before : null;
  const a = isLedgerObject(after) ? after : null;
  if (!b && !a) return [];
  const specs = fieldsOf(entityType);
  const known = new Set(specs.map((s) => s.key));
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  const extra = keys
    .filter((k) => !known.has(k))
    .sort()
    .map((k): FieldSpec => ({ key: k, label: k, kind: 'text' }));
  const changed = (s: FieldSpec) =>
    b ? !same(b[s.key], a?.[s.key]) : !empty(a?.[s.key]) && s.key in (a ?? {});
  const all = [...specs, ...extra].filter((s) => keys.includes(s.key) && changed(s));
  return [...all.filter((s) => !s.bookkeeping), ...all.filter((s) => s.bookkeeping)].map((s) => ({
    key: s.key,
    label: s.label,
    spec: s,
    before: b ? b[s.key] : undefined,
    after: a ? a[s.key] : undefined,
  }));
}

/** What the formatter looks names up with (the console's cached region and category names). */
export interface NameLookups {
  regionName?: (code: string) => string;
  categoryName?: (code: string) => string | undefined;
}

/** Fen as the ledger keeps it ("1234567") → ¥12,345.67. */
export function fenText(fen: string): string {
  if (!/^-?\d+$/.test(fen)) return fen;
  return formatMoney(yuanOfFen(BigInt(fen)));
}

/** Basis points (6000) → 60%; never through a float (6667 → 66.67%). */
function shareText(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = Math.abs(bp % 100);
  return `${whole}${rest ? `.${String(rest).padStart(2, '0').replace(/0$/, '')}` : ''}%`;
}

function itemText(item: LedgerJson, fields: readonly FieldSpec[], names: NameLookups): string {
  if (!isLedgerObject(item)) return formatValue(f('', '', 'text'), item, names);
  const byKey = new Map(fields.map((s) => [s.key, s]));
  const parts = fields
    .filter((s) => !s.bookkeeping && !empty(item[s.key]))
    .map((s) => `${s.label} ${formatValue(s, item[s.key], names)}`);
  const rest = Object.keys(item).filter((k) => !byKey.has(k) && !empty(item[k]));
  return parts.length > 0 ? parts.join('，') : rest.map((k) => `${k} ${JSON.stringify(item[k])}`).join('，');
}

/** A value of a field as the console shows it; "—" for none. */
export function formatValue(spec: FieldSpec, value: LedgerJson | undefined, names: NameLookups = {}): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (spec.kind) {
    case 'money':
      return typeof value === 'string' || typeof value === 'number'
        ? fenText(String(value))
        : JSON.stringify(value);
    case 'quantity':
      return typeof value === 'string' ? formatQuantity(value) : String(value);
    case 'date':
      return typeof value === 'string' ? formatDate(value) : String(value);
    case 'dateTime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? formatDateTime(value)
        : String(value);
    case 'boolean':
      return value === true ? '是' : value === false ? '否' : String(value);
    case 'region':
      return typeof value === 'string' ? (names.regionName?.(value) ?? value) : String(value);
    case 'category': {
      const name = typeof value === 'string' ? names.categoryName?.(value) : undefined;
      return name ? `${name}（${String(value)}）` : String(value);
    }
    case 'shareBp':
      return typeof value === 'number' ? shareText(value) : String(value);
    case 'enum':
      return typeof value === 'string' ? (spec.labels?.[value] ?? value) : String(value);
    case 'fundSources':
      return Array.isArray(value)
        ? value
            .map((s) =>
              isLedgerObject(s)
                ? `${typeof s.source === 'string' ? ((fundSourceLabels as Record<string, string>)[s.source] ?? s.source) : '—'} ${typeof s.amount === 'string' ? fenText(s.amount) : '—'}`
                : JSON.stringify(s),
            )
            .join('；') || '—'
        : JSON.stringify(value);
    case 'files':
      return Array.isArray(value) ? (value.length === 0 ? '—' : `${value.length} 个文件`) : String(value);
    case 'object':
      return isLedgerObject(value) ? itemText(value, spec.item ?? [], names) || '—' : JSON.stringify(value);
    case 'enumList':
      return Array.isArray(value)
        ? value
            .map((v) => (typeof v === 'string' ? (spec.labels?.[v] ?? v) : JSON.stringify(v)))
            .join('、') || '—'
        : JSON.stringify(value);
    case 'perEnum':
      return isLedgerObject(value)
        ? Object.entries(value)
            .map(
              ([k, v]) =>
                `${spec.labels?.[k] ?? k} ${typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v)}${spec.unit ? ` ${spec.unit}` : ''}`,
            )
            .join('，') || '—'
        : JSON.stringify(value);
    case 'count':
      return Array.isArray(value) ? `${value.length} ${spec.unit ?? '项'}` : String(value);
    case 'beneficiaries': {
      // A plan line's households: how many, and what they get together (fen added as BigInt).
      if (!Array.isArray(value)) return JSON.stringify(value);
      if (value.length === 0) return '—';
      let fen = 0n;
      for (const b of value) {
        if (isLedgerObject(b) && typeof b.amount === 'string' && /^-?\d+$/.test(b.amount))
          fen += BigInt(b.amount);
      }
      return `${value.length} 户，共 ${formatMoney(yuanOfFen(fen))}`;
    }
    case 'list':
      return Array.isArray(value)
        ? value.map((item) => itemText(item, spec.item ?? [], names)).join('；') || '—'
        : JSON.stringify(value);
    case 'number':
    case 'text':
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}
