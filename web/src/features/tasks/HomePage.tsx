import { Card, Typography } from 'antd';
import { useSession } from '@web/shared/auth/session';
import { PageContainer } from '@web/shared/components/PageContainer';
import { roleLabels } from '@web/shared/labels/enums';

export default function HomePage() {
  const { user } = useSession();
  return (
    <PageContainer title="首页">
      <Card>
        <Typography.Paragraph>
          {user?.displayName}，您好。您的角色：{user ? roleLabels[user.role] : ''}。
        </Typography.Paragraph>
      </Card>
    </PageContainer>
  );
}
