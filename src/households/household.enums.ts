import { registerEnumType } from '@nestjs/graphql';

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

registerEnumType(HouseholdStatusKind, {
  name: 'HouseholdStatusKind',
  description: 'POVERTY_ALLEVIATED (脱贫户) or MONITORED (监测户).',
});

registerEnumType(MonitoringCategory, {
  name: 'MonitoringCategory',
  description:
    'Category of a monitored household: UNSTABLE (脱贫不稳定户), MARGINAL (边缘易致贫户), SUDDEN_HARDSHIP (突发严重困难户).',
});

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

const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');
export const HOUSEHOLD_STATUS_SQL_LIST = sqlList(Object.values(HouseholdStatusKind));
export const MONITORING_CATEGORY_SQL_LIST = sqlList(Object.values(MonitoringCategory));
