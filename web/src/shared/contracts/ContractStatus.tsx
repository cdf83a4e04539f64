import type { ContractStatus as ContractStatusValue } from '@web/gql/enums';
import { StatusTag } from '@web/shared/components/StatusTag';
import { contractStatusLabels } from '@web/shared/labels/contracts';

/** 履行中 / 已提前终止 / 已到期, and 欠收 when rent or dividend is owed. */
export function ContractStatus({
  contract,
}: {
  contract: { status: ContractStatusValue; inForce: boolean; payments: { overdueSince?: string | null } };
}) {
  if (contract.status === 'TERMINATED')
    return <StatusTag tone="neutral">{contractStatusLabels.TERMINATED}</StatusTag>;
  return (
    <>
      <StatusTag tone={contract.inForce ? 'success' : 'neutral'}>
        {contract.inForce ? contractStatusLabels.ACTIVE : '未在有效期'}
      </StatusTag>
      {contract.payments.overdueSince ? <StatusTag tone="danger">欠收</StatusTag> : null}
    </>
  );
}
