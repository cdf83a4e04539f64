/** Chinese names for what the ledger explorer shows: kinds of records, verification problems, differences. */

export const entityTypeLabels: Record<string, string> = {
  Asset: '资产',
  AssetCategory: '资产分类',
  AssetOwnership: '资产权属',
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
  OwnershipProposal: '确权方案',
  Project: '项目',
  Region: '区域',
  User: '用户',
  Witness: '见证人',
  WitnessPolicy: '见证策略',
};

export function entityTypeLabel(type: string): string {
  return entityTypeLabels[type] ?? '其他记录';
}

/** verifyLedger's problem kinds (docs/ledger.md, "What each check catches"). */
export const problemKindLabels: Record<string, string> = {
  GAP: '条目缺失（序号不连续）',
  LEAF_HASH: '条目内容与叶哈希不符',
  POSITION: '条目位置被调换',
  COLUMN: '查询字段与条目内容不符',
  SIGNATURE: '条目签名无效',
  CANONICAL: '条目不是规范 JSON',
  CHECKPOINT_ROOT: '检查点的根与条目不符',
  NODE_HASH: '存储的子树哈希有误',
  NODE_MISSING: '缺少存储的子树',
  TRUNCATED: '账本比检查点短（尾部被截断）',
  CHECKPOINT_SIGNATURE: '检查点签名无效',
  CHECKPOINT_COLUMNS: '检查点字段与签名内容不符',
  CHECKPOINT_MISSING: '检查点缺失',
  CHECKPOINT_LINK: '检查点链接无效',
  CHECKPOINT_UNLINKED: '检查点链接被移除',
};

export const differenceKindLabels: Record<string, string> = {
  EDITED: '被绕过账本修改',
  INSERTED: '无账本记录的新增',
  DELETED: '被绕过账本删除',
};
