import { App, Button, Card, Form, Input } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import { errorMessage, errorReason } from '@web/shared/api/errors';
import { useSession } from '@web/shared/auth/session';
import { PASSWORD_MIN, newPasswordRules } from '@web/shared/auth/password-rules';
import { PageContainer } from '@web/shared/components/PageContainer';

const ChangePasswordMutation = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      accessToken
      expiresAt
    }
  }
`);

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ChangePasswordPage() {
  const { signIn } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const [{ fetching }, change] = useMutation(ChangePasswordMutation);

  const submit = async (values: PasswordForm) => {
    const result = await change({ currentPassword: values.currentPassword, newPassword: values.newPassword });
    if (result.data) {
      // Older tokens stop working: keep the new one.
      signIn(result.data.changePassword);
      form.resetFields();
      void message.success('密码已修改');
    } else if (errorReason(result.error) === 'WRONG_CURRENT_PASSWORD') {
      form.setFields([{ name: 'currentPassword', errors: ['当前密码不正确'] }]);
    } else {
      void message.error(errorMessage(result.error));
    }
  };

  return (
    <PageContainer title="修改密码">
      <Card style={{ maxWidth: 480 }}>
        <Form<PasswordForm>
          name="changePassword"
          form={form}
          layout="vertical"
          onFinish={submit}
          disabled={fetching}
        >
          <Form.Item
            label="当前密码"
            name="currentPassword"
            rules={[{ required: true, message: '请输入当前密码' }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            extra={`至少 ${PASSWORD_MIN} 个字符`}
            rules={newPasswordRules}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, value: string) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={fetching}>
            修改密码
          </Button>
        </Form>
      </Card>
    </PageContainer>
  );
}
