import { Descriptions } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import type { IncomeKind } from '@web/gql/enums';
import { ReasonModal } from '@web/shared/components/ReasonModal';
import { formatDate } from '@web/shared/format/dates';
import { formatMoney } from '@web/shared/format/money';
import { incomeKindLabels } from '@web/shared/labels/enums';

const ReverseIncome = graphql(`
  mutation ReverseIncome($id: ID!, $reason: String!, $idempotencyKey: String) {
    reverseIncome(id: $id, reason: $reason, idempotencyKey: $idempotencyKey) {
      id
      amount
      reversesId
    }
  }
`);

export interface ReversibleIncome {
  id: string;
  kind: IncomeKind;
  amount: string;
  receivedOn: string;
  assetLabel: string;
}

/**
 * 冲销: a compensating record with the reason; the original stays as it was. The dialog's one
 * idempotency key goes with every attempt, so a retry after a lost answer is given the reversal the
 * first attempt made instead of a refusal that the record is already reversed.
 */
export function ReverseIncomeModal({
  income,
  onClose,
}: {
  income: ReversibleIncome;
  onClose: (reversed: boolean) => void;
}) {
  const [, reverse] = useMutation(ReverseIncome);
  return (
    <ReasonModal
      title="冲销收益"
      okText="确认冲销"
      danger
      formName="reverseIncome"
      reason={{
        name: 'reason',
        label: '冲销原因',
        extra: '原记录不会被修改，系统另记一笔金额相反的冲销记录',
        requiredMessage: '请填写冲销原因',
        max: 500,
        maxMessage: '冲销原因最多 500 个字',
      }}
      successMessage={`已冲销 ${formatMoney(income.amount)}`}
      send={(reason, _values, idempotencyKey) => reverse({ id: income.id, reason, idempotencyKey })}
      onClose={onClose}
    >
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="资产">{income.assetLabel}</Descriptions.Item>
        <Descriptions.Item label="收益类型">{incomeKindLabels[income.kind]}</Descriptions.Item>
        <Descriptions.Item label="到账日期">{formatDate(income.receivedOn)}</Descriptions.Item>
        <Descriptions.Item label="金额">{formatMoney(income.amount)}</Descriptions.Item>
      </Descriptions>
    </ReasonModal>
  );
}
