import { App, Form, Input, Modal } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import { errorMessage } from '@web/shared/api/errors';
import { newPasswordRules } from '@web/shared/auth/password-rules';
import type { UserRow } from './UsersPage';

const ResetUserPassword = graphql(`
  mutation ResetUserPassword($userId: ID!, $newPassword: String!) {
    resetUserPassword(userId: $userId, newPassword: $newPassword) {
      id
    }
  }
`);

export function ResetPasswordModal({ user, onClose }: { user?: UserRow; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string }>();
  const [{ fetching }, reset] = useMutation(ResetUserPassword);

  const submit = async () => {
    if (!user) return;
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return; // the fields say what is wrong
    const { newPassword } = values;
    const result = await reset({ userId: user.id, newPassword });
    if (result.error) {
      void message.error(errorMessage(result.error));
      return;
    }
    void message.success(`已重置 ${user.username} 的密码`);
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      title={user ? `重置密码：${user.displayName}` : '重置密码'}
      open={Boolean(user)}
      okText="重置"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form name="resetPassword" form={form} layout="vertical" preserve={false}>
        <Form.Item label="新密码" name="newPassword" rules={newPasswordRules}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
