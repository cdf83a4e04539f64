/**
 * Chinese names of what the ledger records, for an asset's history and the ledger explorer. The action
 * list is the server's own enum (a type-only import: nothing of the server reaches the bundle), so an
 * action added there without a label here breaks `npm run typecheck`.
 */
import type { LedgerAction } from '../../../../src/ledger/ledger-actions';

export const ledgerActionLabels: Record<`${LedgerAction}`, string> = {
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
  OWNERSHIP_OBJECTION_RECORDED: '登记公示异议',
  OWNERSHIP_OBJECTION_RESOLVED: '处理公示异议',
  OWNERSHIP_CONFIRMED: '确认权属',
  OWNERSHIP_REJECTED: '确权未通过',
  OWNERSHIP_POLICY_SET: '设定确权公示政策',
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
};

/** The Chinese name of a ledger action; an action this console does not know is shown as 其他变更. */
export function ledgerActionLabel(action: string): string {
  return (ledgerActionLabels as Record<string, string>)[action] ?? '其他变更';
}
