/** Chinese names for what the ledger explorer shows: verification problems, differences. */

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
