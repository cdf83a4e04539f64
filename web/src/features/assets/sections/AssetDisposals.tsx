import { Table } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import { QueryError } from '@web/shared/components/QueryError';
import { formatDate } from '@web/shared/format/dates';
import { formatMoney } from '@web/shared/format/money';
import { disposalMethodLabels, disposalReasonLabels, disposalStatusLabels } from '@web/shared/labels/enums';

const AssetDisposalsQuery = graphql(`
  query AssetDisposals($assetId: ID!) {
    disposalRequests(filter: { assetId: $assetId }) {
      edges {
        node {
          id
          status
          method
          reasonCode
          appraisedValue
          proceeds
          createdAt
          dueOn
          overdue
        }
      }
    }
  }
`);

export function AssetDisposals({ assetId }: { assetId: string }) {
  const [{ data, error }] = useQuery({ query: AssetDisposalsQuery, variables: { assetId } });
  if (error) return <QueryError error={error} />;
  return (
    <Table
      rowKey="id"
      size="small"
      scroll={{ x: 640 }}
      pagination={false}
      locale={{ emptyText: '暂无处置申请' }}
      dataSource={data?.disposalRequests.edges.map((e) => e.node) ?? []}
      columns={[
        { title: '申请日期', key: 'createdAt', render: (_, d) => formatDate(d.createdAt) },
        { title: '处置方式', key: 'method', render: (_, d) => disposalMethodLabels[d.method] },
        { title: '处置原因', key: 'reason', render: (_, d) => disposalReasonLabels[d.reasonCode] },
        {
          title: '状态',
          key: 'status',
          render: (_, d) => `${disposalStatusLabels[d.status]}${d.overdue ? '（已超期）' : ''}`,
        },
        {
          title: '评估价值',
          key: 'appraised',
          align: 'right',
          render: (_, d) => <span className="money">{formatMoney(d.appraisedValue)}</span>,
        },
        {
          title: '处置收入',
          key: 'proceeds',
          align: 'right',
          render: (_, d) => <span className="money">{formatMoney(d.proceeds)}</span>,
        },
      ]}
    />
  );
}
