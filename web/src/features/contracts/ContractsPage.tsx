import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { ContractListQuery } from '@web/gql/graphql';
import { PageContainer } from '@web/shared/components/PageContainer';
import { Pager, useCursorPages } from '@web/shared/components/Pager';
import { QueryError } from '@web/shared/components/QueryError';
import { ContractStatus } from '@web/shared/contracts/ContractStatus';
import { formatDate } from '@web/shared/format/dates';
import { formatMoney } from '@web/shared/format/money';
import { contractKindLabels } from '@web/shared/labels/contracts';
import { useSession } from '@web/shared/auth/session';
import { SignContractModal } from './SignContractModal';

const ContractList = graphql(`
  query ContractList($first: Int, $after: String) {
    contracts(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          code
          kind
          status
          inForce
          startDate
          endDate
          terminatedOn
          operator {
            id
            name
          }
          assets {
            id
            code
            name
          }
          payments {
            dueToDate
            received
            outstanding
            overdueSince
          }
        }
      }
    }
  }
`);

type Row = ContractListQuery['contracts']['edges'][number]['node'];
const PAGE_SIZE = 20;

/** 经营合同: the contracts of the user's region, with what fell due, was received and is owed; a village clerk registers one (登记合同). */
export default function ContractsPage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const [signing, setSigning] = useState(false);
  const pages = useCursorPages();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ContractList,
    variables: { first: PAGE_SIZE, after: pages.after },
  });
  return (
    <PageContainer
      title="经营合同"
      extra={
        user?.role === 'VILLAGE_CLERK' ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setSigning(true)}>
            登记合同
          </Button>
        ) : undefined
      }
    >
      {error ? <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      <Card size="small">
        <Table<Row>
          rowKey="id"
          size="middle"
          loading={fetching}
          pagination={false}
          scroll={{ x: 1000 }}
          // Its cells' widths, as without a fixed column (fixed, the 合同编号 ran over the next column).
          tableLayout="auto"
          locale={{ emptyText: '暂无合同' }}
          dataSource={data?.contracts.edges.map((e) => e.node) ?? []}
          columns={[
            // Stays in view while the row scrolls sideways on a phone: whose 状态 and 欠收 these are.
            {
              title: '合同编号',
              className: 'nowrap',
              key: 'code',
              fixed: 'left',
              render: (_, r) => <Link to={`/contracts/${r.id}`}>{r.code}</Link>,
            },
            { title: '类型', className: 'nowrap', key: 'kind', render: (_, r) => contractKindLabels[r.kind] },
            { title: '经营主体', key: 'operator', render: (_, r) => r.operator.name },
            {
              title: '资产',
              key: 'assets',
              render: (_, r) => r.assets.map((a) => `${a.code} ${a.name}`).join('、'),
            },
            {
              title: '期限',
              key: 'term',
              render: (_, r) => `${formatDate(r.startDate)} 至 ${formatDate(r.terminatedOn ?? r.endDate)}`,
            },
            { title: '状态', key: 'status', render: (_, r) => <ContractStatus contract={r} /> },
            {
              title: '应收至今',
              className: 'nowrap',
              key: 'due',
              align: 'right',
              render: (_, r) => <span className="money">{formatMoney(r.payments.dueToDate)}</span>,
            },
            {
              title: '已收',
              className: 'nowrap',
              key: 'received',
              align: 'right',
              render: (_, r) => <span className="money">{formatMoney(r.payments.received)}</span>,
            },
            {
              title: '欠收',
              className: 'nowrap',
              key: 'outstanding',
              align: 'right',
              render: (_, r) => <span className="money">{formatMoney(r.payments.outstanding)}</span>,
            },
          ]}
        />
        <Pager
          total={data?.contracts.totalCount ?? 0}
          pageSize={PAGE_SIZE}
          pages={pages}
          pageInfo={data?.contracts.pageInfo}
          busy={fetching}
        />
      </Card>
      {signing ? (
        <SignContractModal
          onClose={(id) => {
            setSigning(false);
            if (id) void navigate(`/contracts/${id}`);
          }}
        />
      ) : null}
    </PageContainer>
  );
}
