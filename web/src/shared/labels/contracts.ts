/** Chinese labels of the operator and contract enums (see enums.ts for the convention). */
import type {
  ContractChange,
  ContractKind,
  ContractStatus,
  OperatorKind,
  PaymentSchedule,
} from '@web/gql/enums';

export const operatorKindLabels: Record<OperatorKind, string> = {
  ENTERPRISE: '企业',
  COOPERATIVE: '合作社',
  FAMILY_FARM: '家庭农场',
  INDIVIDUAL: '个人',
};

export const contractKindLabels: Record<ContractKind, string> = {
  LEASE: '租赁',
  CONTRACTING: '承包',
  EQUITY: '入股（股权）',
  ENTRUSTED: '委托经营',
};

export const paymentScheduleLabels: Record<PaymentSchedule, string> = {
  ANNUAL: '每年',
  SEMIANNUAL: '每半年',
  QUARTERLY: '每季度',
  MONTHLY: '每月',
  ONE_OFF: '一次性',
};

export const contractStatusLabels: Record<ContractStatus, string> = {
  ACTIVE: '履行中',
  TERMINATED: '已提前终止',
};

export const contractChangeLabels: Record<ContractChange, string> = {
  SIGNED: '签订',
  RENEWED: '续签',
  AMENDED: '变更',
  TERMINATED: '提前终止',
  PRINCIPAL_RETURNED: '返还股金本金',
};
