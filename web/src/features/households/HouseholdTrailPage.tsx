import { Breadcrumb, Card, Descriptions, Result } from 'antd';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import { errorReason } from '@web/shared/api/errors';
import { PageContainer } from '@web/shared/components/PageContainer';
import { QueryError } from '@web/shared/components/QueryError';
import { MoneyTrail } from '@web/shared/distribution/MoneyTrail';

const HouseholdTrailQuery = graphql(`
  query HouseholdTrail($id: ID!) {
    household(id: $id) {
      id
      registryNo
      headName
      membersCount
      village {
        code
        name
      }
    }
  }
`);

/**
 * 农户资金流向: what a household was paid, traced back stage by stage to the plans, the income, the
 * assets and the fund sources it came from (opened from the 农户 list).
 */
export default function HouseholdTrailPage() {
  const { id = '' } = useParams();
  const [{ data, error, fetching }, refetch] = useQuery({ query: HouseholdTrailQuery, variables: { id } });
  const h = data?.household;
  if (error && ['HOUSEHOLD_NOT_FOUND', 'NOT_FOUND', 'VALIDATION_FAILED'].includes(errorReason(error) ?? '')) {
    return (
      <PageContainer title="农户不存在">
        <Result
          status="404"
          title="找不到该农户"
          subTitle="该农户不存在，或不在您的管辖范围内。"
          extra={<Link to="/households">返回农户</Link>}
        />
      </PageContainer>
    );
  }
  return (
    <PageContainer title={h ? `${h.headName}户的资金流向` : '农户资金流向'}>
      <Breadcrumb
        aria-label="当前位置"
        style={{ marginBottom: 12 }}
        items={[{ title: <Link to="/households">农户</Link> }, { title: h?.registryNo ?? '资金流向' }]}
      />
      {error ? <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {fetching && !h ? <Card size="small" loading /> : null}
      {h ? (
        <>
          <Descriptions bordered size="small" column={{ xs: 1, sm: 2, xl: 4 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="户籍编号">{h.registryNo}</Descriptions.Item>
            <Descriptions.Item label="户主">{h.headName}</Descriptions.Item>
            <Descriptions.Item label="所在村">{h.village.name}</Descriptions.Item>
            <Descriptions.Item label="家庭人口">{h.membersCount} 人</Descriptions.Item>
          </Descriptions>
          <MoneyTrail key={h.id} of={{ householdId: h.id }} />
        </>
      ) : null}
    </PageContainer>
  );
}
