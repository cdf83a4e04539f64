/**
 * The Chinese name of an input field, by the last name of its path (`input.managementEntity` → 管护主体),
 * as the console's forms label it. A field of an item of a list the console numbers is named by the item
 * ({@link LIST_ITEMS}). A field not listed is shown by its path.
 */
export const FIELD_NAMES: Record<string, string> = {
  acceptanceDate: '验收日期',
  address: '地址',
  allocationId: '分配项',
  allocations: '分配明细',
  amount: '金额',
  appraisalFileIds: '评估报告',
  appraisedValue: '评估价值',
  // disposal: the request's evidence and its completion, as the console's forms label them
  resolutionFileIds: '民主决议',
  otherFileIds: '其他材料',
  completedOn: '处置完成日期',
  proceeds: '处置收入',
  reasonCode: '处置原因',
  asOf: '查询日期',
  assetCode: '资产编号',
  assetId: '资产',
  beneficiaries: '受益农户',
  beneficiaryHouseholds: '受益户数',
  beneficiaryMonitoredHouseholds: '其中监测户数',
  beneficiaryMonitoredPeople: '其中监测人口数',
  beneficiaryPeople: '受益人数',
  beneficiaryPoorHouseholds: '其中脱贫户数',
  beneficiaryPoorPeople: '其中脱贫人口数',
  categoryCode: '资产类别',
  certificateNo: '权属证书编号',
  channel: '分配用途',
  class: '资产类别',
  code: '编号',
  comment: '意见',
  content: '异议内容',
  completionDate: '建成日期',
  constructionContent: '建设内容',
  constructionScale: '建设规模',
  contractAnnualAmount: '年租金/分红',
  contractEnd: '合同终止日期',
  contractStart: '合同起始日期',
  contractTerms: '合同条款',
  currentPassword: '当前密码',
  date: '日期',
  decision: '审核意见',
  decisionEvidence: '决议材料',
  description: '说明',
  displayName: '姓名',
  effectiveDate: '生效日期',
  endedOn: '结束日期',
  equityAgreementNo: '股权协议编号',
  equityMaturityDate: '股权到期日',
  evidence: '证明材料',
  evidenceFileIds: '证明材料',
  expectedVersion: '版本号',
  file: '文件',
  fileId: '文件',
  fileIds: '文件',
  filter: '筛选条件',
  first: '每页条数',
  form: '资产形态',
  formedValue: '原值',
  fundSource: '资金来源',
  fundSources: '资金来源',
  handoverDate: '移交日期',
  headName: '户主姓名',
  householdHeadName: '户主姓名',
  householdId: '农户',
  householdRegistryNo: '农户户籍编号',
  id: '编号',
  idNumber: '身份证号',
  idempotencyKey: '幂等键',
  implementingUnit: '实施单位',
  investedAmount: '投资额',
  inventoryId: '资产清查',
  investee: '被投资企业',
  kind: '类型',
  level: '层级',
  locationCode: '所在村/镇',
  managementEntity: '管护主体',
  managementResponsible: '管护责任人',
  method: '处置方式',
  monitoringCategory: '监测类别',
  name: '名称',
  newPassword: '新密码',
  note: '备注',
  noticeEvidenceFileIds: '已张贴的公示照片',
  objectionId: '异议',
  objector: '异议人',
  operatingMode: '经营方式',
  operator: '经营主体',
  ownerName: '权属人名称',
  ownerType: '权属人类型',
  owners: '所有权人',
  paidOn: '支付日期',
  parentCode: '上级区域',
  password: '密码',
  payouts: '支付记录',
  periodFrom: '所属期间起',
  periodTo: '所属期间止',
  phone: '联系电话',
  planDate: '方案日期',
  planId: '分配方案',
  projectId: '所属项目',
  proposalId: '确权申请',
  publicityBackdateMaxDays: '公示最多可提前的天数',
  publicityDays: '公示天数',
  publicityStart: '公示起始日期',
  quantity: '数量',
  reason: '原因',
  reasonText: '原因说明',
  receivedFrom: '收款起始日期',
  receivedOn: '到账日期',
  receivedTo: '收款截止日期',
  regionCode: '区域',
  registryNo: '户籍编号',
  remarks: '备注',
  resolution: '处理结果',
  role: '角色',
  sharePercent: '份额比例',
  source: '资金来源',
  status: '状态',
  statusSince: '状态起始日期',
  text: '搜索内容',
  title: '标题',
  type: '类型',
  unit: '单位',
  username: '用户名',
  year: '年度',
  yearFrom: '起始年度',
  yearTo: '截止年度',
  // upkeep: the duty, inspections, repairs and the policy, as the console's forms label them
  body: '管护主体',
  person: '管护责任人',
  department: '行业主管部门',
  fundingSource: '管护经费来源',
  inspectedOn: '巡查日期',
  inspector: '巡查人',
  condition: '资产状况',
  notes: '情况说明',
  photoFileIds: '现场照片',
  repairedOn: '维修日期',
  cost: '维修费用',
  inspectionId: '对应的巡查记录',
  paidBy: '支付方',
  payerNote: '付款方说明',
  operatingInspectionDays: '经营性资产巡查周期（天）',
  publicWelfareInspectionDays: '公益性资产巡查周期（天）',
  householdInspectionDays: '到户类资产巡查周期（天）',
  repairDays: '损坏维修期限（天）',
  // operators and contracts
  uscc: '统一社会信用代码',
  contactPerson: '联系人',
  contactPhone: '联系电话',
  startDate: '合同起始日期',
  endDate: '合同终止日期',
  schedule: '支付周期',
  guaranteedMinimum: '保底收益',
  equityPrincipal: '入股本金',
  effectiveFrom: '生效日期',
  terminatedOn: '终止日期',
  returnedOn: '返还日期',
  contractId: '合同',
  operatorId: '经营主体',
  assetIds: '资产',
};

/**
 * Lists whose items the console's forms number, and their fields as the form labels them: the owners of
 * 申请确权 (所有权人 1 编码, 所有权人 2 份额（%）).
 */
const LIST_ITEMS: Record<string, { item: string; fields: Record<string, string> }> = {
  owners: {
    item: '所有权人',
    fields: { ownerType: '类型', ownerRef: '编码', name: '名称', sharePercent: '份额（%）' },
  },
};

/** `owners[1].ownerRef` → 所有权人 2 编码; `owners[1]` → 所有权人 2 (the console counts from 1). */
function listItemName(path: string): string | undefined {
  const m = /(?:^|\.)(\w+)\[(\d+)\](?:\.(\w+))?$/.exec(path);
  const list = m ? LIST_ITEMS[m[1]] : undefined;
  if (!m || !list) return undefined;
  const item = `${list.item} ${Number(m[2]) + 1}`;
  if (m[3] === undefined) return item;
  const field = list.fields[m[3]];
  return field === undefined ? undefined : `${item} ${field}`;
}

/** The Chinese name of the field at `path`, or undefined when it has none. */
export function fieldName(path: string): string | undefined {
  const item = listItemName(path);
  if (item !== undefined) return item;
  const leaf = path
    .replace(/\[\d+\]/g, '')
    .split('.')
    .filter((s) => s !== '')
    .pop();
  return leaf === undefined ? undefined : FIELD_NAMES[leaf];
}
