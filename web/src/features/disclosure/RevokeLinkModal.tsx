import { App, Descriptions, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import { errorMessage } from '@web/shared/api/errors';
import { formatDate, formatDateTime } from '@web/shared/format/dates';

const RevokeDisclosureLink = graphql(`
  mutation RevokeDisclosureLink($id: ID!, $reason: String!) {
    revokeDisclosureLink(id: $id, reason: $reason) {
      id
      revokedAt
      revokedByName
      revokeReason
    }
  }
`);

export interface RevocableLink {
  id: string;
  villageName: string;
  year: number;
  createdAt: string;
  publicityStart: string;
  publicityEnd: string;
}

/** 撤销: the link's page then says 已撤销 to whoever opens it; the reason goes on the ledger. */
export function RevokeLinkModal({
  link,
  onClose,
}: {
  link: RevocableLink;
  onClose: (revoked: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [{ fetching }, revoke] = useMutation(RevokeDisclosureLink);
  const [formError, setFormError] = useState<string>();

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    const result = await revoke({ id: link.id, reason: values.reason.trim() });
    if (result.data) {
      void message.success(`已撤销 ${link.villageName} ${link.year} 年度公示链接`);
      onClose(true);
    } else setFormError(errorMessage(result.error));
  };

  return (
    <Modal
      title="撤销公示链接"
      open
      okText="确认撤销"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="村">{link.villageName}</Descriptions.Item>
        <Descriptions.Item label="年度">{`${link.year} 年`}</Descriptions.Item>
        <Descriptions.Item label="发布时间">{formatDateTime(link.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="公示期">{`${formatDate(link.publicityStart)} 至 ${formatDate(
          link.publicityEnd,
        )}`}</Descriptions.Item>
      </Descriptions>
      <Form name="revokeDisclosureLink" form={form} layout="vertical">
        <Form.Item
          label="撤销原因"
          name="reason"
          extra="撤销后，村民打开该链接只会看到“公示链接已撤销”；撤销记入审计账本，不能恢复"
          rules={[
            { required: true, whitespace: true, message: '请填写撤销原因' },
            { max: 500, message: '撤销原因最多 500 个字' },
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
