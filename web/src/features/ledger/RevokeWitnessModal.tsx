import { App, Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import { errorMessage } from '@web/shared/api/errors';

const RevokeWitness = graphql(`
  mutation RevokeWitness($id: ID!, $reason: String!) {
    revokeWitness(id: $id, reason: $reason) {
      id
      status
      revokeReason
    }
  }
`);

interface RevokeForm {
  reason: string;
}

/**
 * 撤销 a witness (ADMIN): the reason is required and kept on the ledger; its cosignatures stop counting,
 * and it cannot be approved again.
 */
export function RevokeWitnessModal({
  witness,
  onClose,
  onRevoked,
}: {
  witness?: { id: string; name: string; inPolicy: boolean };
  onClose: () => void;
  onRevoked: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RevokeForm>();
  const [{ fetching }, revoke] = useMutation(RevokeWitness);

  useEffect(() => {
    if (witness) form.resetFields();
  }, [witness, form]);

  const submit = async () => {
    if (!witness) return;
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return; // the field says what is wrong
    const result = await revoke({ id: witness.id, reason: values.reason.trim() });
    if (result.error) {
      void message.error(errorMessage(result.error));
      return;
    }
    void message.success(`已撤销见证人 ${witness.name}`);
    onRevoked();
    onClose();
  };

  return (
    <Modal
      title="撤销见证人"
      open={Boolean(witness)}
      okText="撤销"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={onClose}
      forceRender
    >
      <Typography.Paragraph style={{ wordBreak: 'break-all' }}>
        撤销 {witness?.name} 后，它的联署不再计入检查点的见证，也不能再批准启用。撤销原因记入账本。
      </Typography.Paragraph>
      {witness?.inPolicy ? (
        <Typography.Paragraph type="warning">
          它在现行见证策略中：撤销后策略中有效的见证人少一个，请检查法定联署数是否仍能达到。
        </Typography.Paragraph>
      ) : null}
      <Form<RevokeForm> name="revokeWitness" form={form} layout="vertical">
        <Form.Item
          label="撤销原因"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写撤销原因' },
            {
              validator: (_, v?: string) =>
                !v?.trim() || (v.trim().length >= 2 && v.trim().length <= 500)
                  ? Promise.resolve()
                  : Promise.reject(new Error('撤销原因须为 2 到 500 字')),
            },
          ]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
