/**
 * Chinese names of what the ledger records, for what the server writes for people: the dossier's
 * 账本记录.csv (beside the codes, which auditors filter on). The words are the console's
 * (web/src/shared/labels/ledger.ts; ledger-labels.spec.ts checks that both say the same).
 */
import { LedgerAction } from './ledger-actions';

/** Every action, by name: an action added to {@link LedgerAction} without one does not compile. */
export const LEDGER_ACTION_LABELS: Readonly<Record<LedgerAction, string>> = {
  REGION_CREATED: '新增区域',
  USER_CREATED: '新增用户',
  USER_ROLE_CHANGED: '调整角色',
  USER_DISABLED: '停用用户',
  USER_ENABLED: '启用用户',
  USER_PASSWORD_CHANGED: '修改密码',
  USER_PASSWORD_RESET: '重置密码',
  USER_LOCKED: '登录锁定',
  USER_UNLOCKED: '解除锁定',
  FILE_UPLOADED: '上传附件',
  CATEGORY_CREATED: '新增资产类别',
  CATEGORY_UPDATED: '修改资产类别',
  PROJECT_REGISTERED: '登记项目',
  PROJECT_UPDATED: '修改项目',
  ASSET_REGISTERED: '登记资产',
  ASSET_UPDATED: '修改资产',
  OWNERSHIP_PROPOSED: '提出确权方案并公示',
  OWNERSHIP_POLICY_SET: '设定确权公示政策',
  OWNERSHIP_OBJECTION_RECORDED: '登记公示异议',
  OWNERSHIP_OBJECTION_RESOLVED: '处理公示异议',
  OWNERSHIP_CONFIRMED: '确认权属',
  OWNERSHIP_REJECTED: '确权未通过',
  ASSET_OWNERSHIP_CHANGED: '权属变更',
  INCOME_RECORDED: '登记收益',
  INCOME_REVERSED: '冲销收益',
  DISTRIBUTION_POLICY_SET: '设定分配政策',
  PLAN_DRAFTED: '起草分配方案',
  PLAN_UPDATED: '修改分配方案',
  PLAN_SUBMITTED: '提交分配方案',
  PLAN_FILED: '分配方案备案',
  PLAN_RETURNED: '退回分配方案',
  PLAN_COMPLETED: '分配方案完成',
  PAYOUT_RECORDED: '登记发放',
  PLAN_RESULT_PUBLISHED: '登记分配结果公开',
  PLAN_INCOME_LINKED: '关联分配方案的收益来源',
  DISPOSAL_POLICY_SET: '设定处置政策',
  DISPOSAL_REQUESTED: '申请处置',
  DISPOSAL_UPDATED: '修改处置申请',
  DISPOSAL_RESUBMITTED: '重新提交处置申请',
  DISPOSAL_APPROVED: '批准处置',
  DISPOSAL_FORWARDED: '报区级审批',
  DISPOSAL_REJECTED: '不予批准处置',
  DISPOSAL_RETURNED: '退回处置申请',
  DISPOSAL_WITHDRAWN: '撤回处置申请',
  DISPOSAL_COMPLETED: '完成处置',
  ASSET_DISPOSED: '资产已处置',
  HOUSEHOLD_REGISTERED: '登记农户',
  HOUSEHOLD_UPDATED: '修改农户信息',
  HOUSEHOLD_STATUS_CHANGED: '变更农户类型',
  HOUSEHOLD_STATUS_ENDED: '退出监测',
  INVENTORY_STARTED: '启动年度清查',
  INVENTORY_ITEM_LISTED: '列入清查清单',
  INVENTORY_ITEM_CONFIRMED: '确认清查结果',
  INVENTORY_ITEM_CORRECTED: '更正清查结果',
  INVENTORY_SIGNED_OFF: '乡镇签字确认',
  INVENTORY_CLOSED: '结束年度清查',
  DISCLOSURE_LINK_CREATED: '发布公示',
  DISCLOSURE_LINK_REVOKED: '撤回公示',
  WITNESS_REGISTERED: '登记见证人',
  WITNESS_APPROVED: '批准见证人',
  WITNESS_REVOKED: '撤销见证人',
  WITNESS_POLICY_SET: '设定见证策略',
  UPKEEP_POLICY_SET: '设定管护政策',
  UPKEEP_DUTY_SET: '登记管护责任',
  UPKEEP_INSPECTED: '登记巡查',
  UPKEEP_REPAIRED: '登记维修',
  REGION_RENAMED: '村（社区）更名',
  REGION_RETIRED: '撤销村（社区）',
  OPERATOR_REGISTERED: '登记经营主体',
  CONTRACT_SIGNED: '登记合同',
  CONTRACT_RENEWED: '续签合同',
  CONTRACT_AMENDED: '变更合同',
  CONTRACT_TERMINATED: '提前终止合同',
  CONTRACT_PRINCIPAL_RETURNED: '返还股金本金',
};

/**
 * The kinds of records on the ledger (each feature's ledger subject, `entityType`); the spec checks that
 * every subject registered in src/ has one.
 */
export const LEDGER_ENTITY_TYPE_LABELS: Readonly<Record<string, string>> = {
  Asset: '资产',
  AssetCategory: '资产分类',
  AssetOwnership: '资产权属',
  Contract: '合同',
  DisclosureLink: '公示链接',
  DisposalPolicy: '处置政策',
  DisposalRequest: '处置申请',
  DistributionPayout: '收益发放',
  DistributionPlan: '分配方案',
  DistributionPolicy: '分配政策',
  EvidenceFile: '附件',
  Household: '农户',
  IncomeRecord: '收益记录',
  Inventory: '年度清查',
  InventoryItem: '清查资产',
  Operator: '经营主体',
  OwnershipPolicy: '确权政策',
  OwnershipProposal: '确权方案',
  Project: '项目',
  Region: '区域',
  UpkeepDuty: '管护责任',
  UpkeepInspection: '巡查记录',
  UpkeepPolicy: '管护政策',
  UpkeepRepair: '维修记录',
  User: '用户',
  Witness: '见证人',
  WitnessPolicy: '见证策略',
};

/** The Chinese name of a ledger action; an action not known here is 其他变更 (as in the console). */
export function ledgerActionLabel(action: string): string {
  return (LEDGER_ACTION_LABELS as Readonly<Record<string, string>>)[action] ?? '其他变更';
}

/** The Chinese name of a kind of record on the ledger; one not known here is 其他记录 (as in the console). */
export function ledgerEntityTypeLabel(entityType: string): string {
  return LEDGER_ENTITY_TYPE_LABELS[entityType] ?? '其他记录';
}
