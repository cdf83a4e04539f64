import { registerLabelledEnum } from '@/common/i18n/enum-labels';

/** 资产类别: decides owner, upkeep and income. */
export enum AssetClass {
  OPERATING = 'OPERATING',
  PUBLIC_WELFARE = 'PUBLIC_WELFARE',
  HOUSEHOLD = 'HOUSEHOLD',
}

/** 资产形态. */
export enum AssetForm {
  FIXED = 'FIXED',
  BIOLOGICAL = 'BIOLOGICAL',
  EQUITY = 'EQUITY',
  DEBT_CLAIM = 'DEBT_CLAIM',
  INTANGIBLE = 'INTANGIBLE',
}

export enum AssetStatus {
  UNDER_CONSTRUCTION = 'UNDER_CONSTRUCTION',
  IN_USE = 'IN_USE',
  IDLE = 'IDLE',
  SUSPENDED = 'SUSPENDED',
  DISPOSED = 'DISPOSED',
}

/** 经营方式. */
export enum OperatingMode {
  SELF_RUN = 'SELF_RUN',
  ENTRUSTED = 'ENTRUSTED',
  LEASED = 'LEASED',
  JOINT = 'JOINT',
}

export const ASSET_CLASS_NAMES: Record<AssetClass, string> = {
  [AssetClass.OPERATING]: '经营性资产',
  [AssetClass.PUBLIC_WELFARE]: '公益性资产',
  [AssetClass.HOUSEHOLD]: '到户类资产',
};

export const ASSET_FORM_NAMES: Record<AssetForm, string> = {
  [AssetForm.FIXED]: '固定资产',
  [AssetForm.BIOLOGICAL]: '生物资产',
  [AssetForm.EQUITY]: '股权',
  [AssetForm.DEBT_CLAIM]: '债权',
  [AssetForm.INTANGIBLE]: '无形资产',
};

export const ASSET_STATUS_NAMES: Record<AssetStatus, string> = {
  [AssetStatus.UNDER_CONSTRUCTION]: '在建',
  [AssetStatus.IN_USE]: '在用',
  [AssetStatus.IDLE]: '闲置',
  [AssetStatus.SUSPENDED]: '停用',
  [AssetStatus.DISPOSED]: '已处置',
};

export const OPERATING_MODE_NAMES: Record<OperatingMode, string> = {
  [OperatingMode.SELF_RUN]: '自主经营',
  [OperatingMode.ENTRUSTED]: '委托经营',
  [OperatingMode.LEASED]: '租赁经营',
  [OperatingMode.JOINT]: '合作经营',
};

const sqlList = (values: string[]): string => values.map((v) => `'${v}'`).join(', ');
export const ASSET_CLASS_SQL = sqlList(Object.values(AssetClass));
export const ASSET_FORM_SQL = sqlList(Object.values(AssetForm));
export const ASSET_STATUS_SQL = sqlList(Object.values(AssetStatus));
export const OPERATING_MODE_SQL = sqlList(Object.values(OperatingMode));

registerLabelledEnum(AssetClass, {
  name: 'AssetClass',
  description: '资产类别：经营性 / 公益性 / 到户类',
  labels: ASSET_CLASS_NAMES,
});
registerLabelledEnum(AssetForm, { name: 'AssetForm', description: '资产形态', labels: ASSET_FORM_NAMES });
registerLabelledEnum(AssetStatus, {
  name: 'AssetStatus',
  description: '资产状态',
  labels: ASSET_STATUS_NAMES,
});
registerLabelledEnum(OperatingMode, {
  name: 'OperatingMode',
  description: '经营方式',
  labels: OPERATING_MODE_NAMES,
});
