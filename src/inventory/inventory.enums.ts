import { registerLabelledEnum } from '@/common/i18n/enum-labels';

/** An annual inventory (年度清查) is OPEN while the checklist is worked through, then CLOSED by the district. */
export enum InventoryStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

/** What the person on the spot found for one asset of the checklist. */
export enum InventoryFinding {
  /** 账实相符: the asset is there, as recorded. */
  PRESENT = 'PRESENT',
  /** 盘亏/丢失: the asset cannot be found. */
  MISSING = 'MISSING',
  /** 损毁: the asset is there but damaged. */
  DAMAGED = 'DAMAGED',
  /** 状态不符: the asset is there but its status differs from the register (e.g. IDLE, not IN_USE). */
  STATUS_DIFFERS = 'STATUS_DIFFERS',
}

export const INVENTORY_FINDING_NAMES: Record<InventoryFinding, string> = {
  [InventoryFinding.PRESENT]: '账实相符',
  [InventoryFinding.MISSING]: '盘亏(未找到)',
  [InventoryFinding.DAMAGED]: '损毁',
  [InventoryFinding.STATUS_DIFFERS]: '状态不符',
};

export const INVENTORY_STATUS_NAMES: Record<InventoryStatus, string> = {
  [InventoryStatus.OPEN]: '清查中',
  [InventoryStatus.CLOSED]: '已结束',
};

registerLabelledEnum(InventoryStatus, {
  name: 'InventoryStatus',
  description: '清查状态：清查中（逐项确认、乡镇签认）/ 已结束（区级关闭）',
  labels: INVENTORY_STATUS_NAMES,
});
registerLabelledEnum(InventoryFinding, {
  name: 'InventoryFinding',
  description: '清查结果（状态不符时须填写实际状态）',
  labels: INVENTORY_FINDING_NAMES,
});

const sqlList = (values: string[]): string => values.map((v) => `'${v}'`).join(', ');
export const INVENTORY_STATUS_SQL = sqlList(Object.values(InventoryStatus));
export const INVENTORY_FINDING_SQL = sqlList(Object.values(InventoryFinding));
