import { registerLabelledEnum } from '@/common/i18n/enum-labels';

/** Where the money of a project (and of each asset it formed) came from. */
export enum FundSource {
  CENTRAL_FISCAL = 'CENTRAL_FISCAL',
  MUNICIPAL_FISCAL = 'MUNICIPAL_FISCAL',
  DISTRICT_FISCAL = 'DISTRICT_FISCAL',
  LINKAGE_FUND = 'LINKAGE_FUND',
  INTEGRATED_AGRI_FUND = 'INTEGRATED_AGRI_FUND',
  BOND = 'BOND',
  EAST_WEST_COOPERATION = 'EAST_WEST_COOPERATION',
  PAIRED_ASSISTANCE = 'PAIRED_ASSISTANCE',
  DESIGNATED_ASSISTANCE = 'DESIGNATED_ASSISTANCE',
  SOCIAL_DONATION = 'SOCIAL_DONATION',
  REINVESTED_INCOME = 'REINVESTED_INCOME',
  OTHER = 'OTHER',
}

/** Chinese names, as used in the Excel ledger (台账). */
export const FUND_SOURCE_NAMES: Record<FundSource, string> = {
  [FundSource.CENTRAL_FISCAL]: '中央财政资金',
  [FundSource.MUNICIPAL_FISCAL]: '市级财政资金',
  [FundSource.DISTRICT_FISCAL]: '区级财政资金',
  [FundSource.LINKAGE_FUND]: '衔接资金',
  [FundSource.INTEGRATED_AGRI_FUND]: '统筹整合涉农资金',
  [FundSource.BOND]: '债券资金',
  [FundSource.EAST_WEST_COOPERATION]: '东西部协作资金',
  [FundSource.PAIRED_ASSISTANCE]: '对口帮扶资金',
  [FundSource.DESIGNATED_ASSISTANCE]: '定点帮扶资金',
  [FundSource.SOCIAL_DONATION]: '社会捐赠资金',
  [FundSource.REINVESTED_INCOME]: '收益再投入',
  [FundSource.OTHER]: '其他资金',
};

export const FUND_SOURCE_SQL_LIST = Object.values(FundSource)
  .map((s) => `'${s}'`)
  .join(', ');

registerLabelledEnum(FundSource, { name: 'FundSource', description: '资金来源', labels: FUND_SOURCE_NAMES });
