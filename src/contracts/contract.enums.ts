/** Operators (经营主体) and their contracts: the enums, their Chinese names and SQL lists. */

export enum OperatorKind {
  ENTERPRISE = 'ENTERPRISE',
  COOPERATIVE = 'COOPERATIVE',
  FAMILY_FARM = 'FAMILY_FARM',
  INDIVIDUAL = 'INDIVIDUAL',
}

export enum ContractKind {
  LEASE = 'LEASE',
  CONTRACTING = 'CONTRACTING',
  EQUITY = 'EQUITY',
  ENTRUSTED = 'ENTRUSTED',
}

/** How often the rent or dividend falls due. */
export enum PaymentSchedule {
  ANNUAL = 'ANNUAL',
  SEMIANNUAL = 'SEMIANNUAL',
  QUARTERLY = 'QUARTERLY',
  MONTHLY = 'MONTHLY',
  ONE_OFF = 'ONE_OFF',
}

export enum ContractStatus {
  ACTIVE = 'ACTIVE',
  TERMINATED = 'TERMINATED',
}

/** What a version of a contract records: each is one ledger entry. */
export enum ContractChange {
  SIGNED = 'SIGNED',
  RENEWED = 'RENEWED',
  AMENDED = 'AMENDED',
  TERMINATED = 'TERMINATED',
  PRINCIPAL_RETURNED = 'PRINCIPAL_RETURNED',
}

export const OPERATOR_KIND_NAMES: Record<OperatorKind, string> = {
  [OperatorKind.ENTERPRISE]: '企业',
  [OperatorKind.COOPERATIVE]: '合作社',
  [OperatorKind.FAMILY_FARM]: '家庭农场',
  [OperatorKind.INDIVIDUAL]: '个人',
};

export const CONTRACT_KIND_NAMES: Record<ContractKind, string> = {
  [ContractKind.LEASE]: '租赁',
  [ContractKind.CONTRACTING]: '承包',
  [ContractKind.EQUITY]: '入股（股权）',
  [ContractKind.ENTRUSTED]: '委托经营',
};

export const PAYMENT_SCHEDULE_NAMES: Record<PaymentSchedule, string> = {
  [PaymentSchedule.ANNUAL]: '每年',
  [PaymentSchedule.SEMIANNUAL]: '每半年',
  [PaymentSchedule.QUARTERLY]: '每季度',
  [PaymentSchedule.MONTHLY]: '每月',
  [PaymentSchedule.ONE_OFF]: '一次性',
};

export const CONTRACT_STATUS_NAMES: Record<ContractStatus, string> = {
  [ContractStatus.ACTIVE]: '履行中',
  [ContractStatus.TERMINATED]: '已提前终止',
};

export const CONTRACT_CHANGE_NAMES: Record<ContractChange, string> = {
  [ContractChange.SIGNED]: '签订',
  [ContractChange.RENEWED]: '续签',
  [ContractChange.AMENDED]: '变更',
  [ContractChange.TERMINATED]: '提前终止',
  [ContractChange.PRINCIPAL_RETURNED]: '返还股金本金',
};

/** Months per installment (null: one payment). */
export const SCHEDULE_MONTHS: Record<PaymentSchedule, number | null> = {
  [PaymentSchedule.ANNUAL]: 12,
  [PaymentSchedule.SEMIANNUAL]: 6,
  [PaymentSchedule.QUARTERLY]: 3,
  [PaymentSchedule.MONTHLY]: 1,
  [PaymentSchedule.ONE_OFF]: null,
};

export const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');
