import { registerEnumType } from '@nestjs/graphql';

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

registerEnumType(InventoryStatus, {
  name: 'InventoryStatus',
  description: 'OPEN while items are confirmed and townships sign off; CLOSED by the district.',
});
registerEnumType(InventoryFinding, {
  name: 'InventoryFinding',
  description:
    'PRESENT (账实相符), MISSING (盘亏), DAMAGED (损毁), STATUS_DIFFERS (状态不符: give the observed status).',
});

export const INVENTORY_FINDING_NAMES: Record<InventoryFinding, string> = {
  [InventoryFinding.PRESENT]: '账实相符',
  [InventoryFinding.MISSING]: '盘亏(未找到)',
  [InventoryFinding.DAMAGED]: '损毁',
  [InventoryFinding.STATUS_DIFFERS]: '状态不符',
};

const sqlList = (values: string[]): string => values.map((v) => `'${v}'`).join(', ');
export const INVENTORY_STATUS_SQL = sqlList(Object.values(InventoryStatus));
export const INVENTORY_FINDING_SQL = sqlList(Object.values(InventoryFinding));
