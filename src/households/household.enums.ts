import { registerLabelledEnum } from '@/common/i18n/enum-labels';

/** 户类型: why a household is a beneficiary of project income. */
export enum HouseholdStatusKind {
  /** 脱贫户: a formerly poor household (建档立卡, lifted out of poverty). */
  POVERTY_ALLEVIATED = 'POVERTY_ALLEVIATED',
  /** 监测户: a household in the monitoring system against a return to poverty (防止返贫监测). */
  MONITORED = 'MONITORED',
}

/** 监测类别: required for a monitored household, and only for one. */
export enum MonitoringCategory {
  /** 脱贫不稳定户 */
  UNSTABLE = 'UNSTABLE',
  /** 边缘易致贫户 */
  MARGINAL = 'MARGINAL',
  /** 突发严重困难户 */
  SUDDEN_HARDSHIP = 'SUDDEN_HARDSHIP',
}

/** Chinese names, as in the import template (户类型 column). */
export const HOUSEHOLD_STATUS_NAMES: Record<HouseholdStatusKind, string> = {
  [HouseholdStatusKind.POVERTY_ALLEVIATED]: '脱贫户',
  [HouseholdStatusKind.MONITORED]: '监测户',
};

/** Chinese names, as in the import template (监测类别 column). */
export const MONITORING_CATEGORY_NAMES: Record<MonitoringCategory, string> = {
  [MonitoringCategory.UNSTABLE]: '脱贫不稳定户',
  [MonitoringCategory.MARGINAL]: '边缘易致贫户',
  [MonitoringCategory.SUDDEN_HARDSHIP]: '突发严重困难户',
};

registerLabelledEnum(HouseholdStatusKind, {
  name: 'HouseholdStatusKind',
  description: '户类型',
  labels: HOUSEHOLD_STATUS_NAMES,
});
registerLabelledEnum(MonitoringCategory, {
  name: 'MonitoringCategory',
  description: '监测类别（仅监测户）',
  labels: MONITORING_CATEGORY_NAMES,
});

const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');
export const HOUSEHOLD_STATUS_SQL_LIST = sqlList(Object.values(HouseholdStatusKind));
export const MONITORING_CATEGORY_SQL_LIST = sqlList(Object.values(MonitoringCategory));
