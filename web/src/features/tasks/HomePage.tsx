import { Card, Col, Row, Typography } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import { useSession } from '@web/shared/auth/session';
import { PageContainer } from '@web/shared/components/PageContainer';
import { QueryError } from '@web/shared/components/QueryError';
import { formatDate, todayLocalDate } from '@web/shared/format/dates';
import { roleLabels } from '@web/shared/labels/enums';
import { PageLoading } from '@web/app/PageLoading';
import { AssetClassChart } from './AssetClassChart';
import { TaskList } from './TaskList';

const MyTasksQuery = graphql(`
  query MyTasks {
    myTasks(first: 5) {
      asOf
      total
      groups {
        kind
        count
        items {
          entityType
          entityId
          assetId
          assetCode
          title
          regionCode
          date
          overdue
          backdated
          amount
          redFlagKind
        }
      }
    }
  }
`);

/** 首页: who you are, your to-do list (待办) and, for those who read the register, its make-up. */
export default function HomePage() {
  const { user } = useSession();
  const [{ data, error, fetching }, refetch] = useQuery({ query: MyTasksQuery });
  const readsRegister = user?.role !== 'ADMIN';
  return (
    <PageContainer title="首页">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={readsRegister ? 16 : 24}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Typography.Text strong>{user?.displayName}</Typography.Text>，您好！今天是{' '}
            {formatDate(todayLocalDate())}。{user ? `（${roleLabels[user.role]}）` : null}
            {data ? (
              <Typography.Paragraph style={{ margin: '8px 0 0' }}>
                您有 <Typography.Text strong>{data.myTasks.total}</Typography.Text> 项待办事项。
              </Typography.Paragraph>
            ) : null}
          </Card>
          {error ? (
            <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />
          ) : null}
          {fetching && !data ? <PageLoading /> : null}
          {data ? <TaskList groups={data.myTasks.groups} /> : null}
        </Col>
        {readsRegister ? (
          <Col xs={24} xl={8}>
            <AssetClassChart />
          </Col>
        ) : null}
      </Row>
    </PageContainer>
  );
}
