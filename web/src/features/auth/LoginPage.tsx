import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import { errorMessage } from '@web/shared/api/errors';
import { useSession } from '@web/shared/auth/session';
import { APP_TITLE, usePageTitle } from '@web/shared/components/PageContainer';

const LoginMutation = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      accessToken
      expiresAt
    }
  }
`);

interface LoginForm {
  username: string;
  password: string;
}

export default function LoginPage() {
  usePageTitle('登录');
  const { signedIn, signIn } = useSession();
  const location = useLocation();
  const [{ fetching }, login] = useMutation(LoginMutation);
  const [failure, setFailure] = useState<string>();
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (signedIn) return <Navigate to={from} replace />;

  const submit = async (values: LoginForm) => {
    setFailure(undefined);
    const result = await login({ username: values.username.trim(), password: values.password });
    if (result.data) {
      signIn(result.data.login);
      // A full load: whatever an earlier session left in the GraphQL cache is gone.
      window.location.replace(from);
    } else {
      setFailure(errorMessage(result.error));
    }
  };

  return (
    <main className="login-screen">
      <Card className="login-card">
        <Typography.Title level={1} style={{ fontSize: 22, textAlign: 'center', marginTop: 0 }}>
          {APP_TITLE}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          万州区扶贫项目资产台账
        </Typography.Paragraph>
        {failure ? (
          <Alert type="error" showIcon message={failure} role="alert" style={{ marginBottom: 16 }} />
        ) : null}
        <Form<LoginForm>
          name="login"
          layout="vertical"
          onFinish={submit}
          requiredMark={false}
          disabled={fetching}
        >
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={fetching}>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}
