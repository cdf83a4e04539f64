import { App, Descriptions, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import type { IncomeKind } from '@web/gql/enums';
import { errorMessage } from '@web/shared/api/errors';
import { formatDate } from '@web/shared/format/dates';
import { formatMoney } from '@web/shared/format/money';
import { incomeKindLabels } from '@web/shared/labels/enums';

const ReverseIncome = graphql(`
  mutation ReverseIncome($id: ID!, $reason: String!) {
    reverseIncome(id: $id, reason: $reason) {
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

/** 冲销: a compensating record with the reason; the original stays as it was. */
export function ReverseIncomeModal({
  income,
  onClose,
}: {
  income: ReversibleIncome;
  onClose: (reversed: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [{ fetching }, reverse] = useMutation(ReverseIncome);
  const [formError, setFormError] = useState<string>();

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    const result = await reverse({ id: income.id, reason: values.reason.trim() });
    if (result.data) {
      void message.success(`已冲销 ${formatMoney(income.amount)}`);
      onClose(true);
    } else setFormError(errorMessage(result.error));
  };

  return (
    <Modal
      title="冲销收益"
      open
      okText="确认冲销"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="资产">{income.assetLabel}</Descriptions.Item>
        <Descriptions.Item label="收益类型">{incomeKindLabels[income.kind]}</Descriptions.Item>
        <Descriptions.Item label="到账日期">{formatDate(income.receivedOn)}</Descriptions.Item>
        <Descriptions.Item label="金额">{formatMoney(income.amount)}</Descriptions.Item>
      </Descriptions>
      <Form name="reverseIncome" form={form} layout="vertical">
        <Form.Item
          label="冲销原因"
          name="reason"
          extra="原记录不会被修改，系统另记一笔金额相反的冲销记录"
          rules={[
            { required: true, whitespace: true, message: '请填写冲销原因' },
            { max: 500, message: '冲销原因最多 500 个字' },
          ]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        {formError ? (
          <div role="alert" className="form-error">
            {formError}
          </div>
        ) : null}
      </Form>
    </Modal>
  );
}
