import { registerLabelledEnum } from '@/common/i18n/enum-labels';

/** Which way a list runs on its ordering key: ASC first to last, DESC last to first. */
export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerLabelledEnum(OrderDirection, { name: 'OrderDirection', labels: { ASC: '升序', DESC: '降序' } });
