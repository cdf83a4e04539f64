import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { ContractListQuery } from '@web/gql/graphql';
import { DateRange } from '@web/shared/components/DateRange';
import { PageContainer } from '@web/shared/components/PageContainer';
import { PhoneFacts, useNarrow } from '@web/shared/components/PhoneFacts';
import { Pager, useCursorPages } from '@web/shared/components/Pager';
import { QueryError } from '@web/shared/components/QueryError';
import { ContractStatus } from '@web/shared/contracts/ContractStatus';
import { formatMoney, isPositiveMoney } from '@web/shared/format/money';
import { contractKindLabels } from '@web/shared/labels/contracts';
import { useSession } from '@web/shared/auth/session';
import { StatusTag } from '@web/shared/components/StatusTag';
import { useRegionNames } from '@web/shared/regions/useRegionNames';
import { SignContractModal } from './SignContractModal';

const ContractList = graphql(`
  query ContractList($first: Int, $after: String, $filter: ContractFilter) {
    contracts(first: $first, after: $after, filter: $filter) {
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
            overdueDays
            overdue
          }
        }
      }
    }
  }
`);

type Row = ContractListQuery['contracts']['edges'][number]['node'];
const PAGE_SIZE = 20;

/**
 * 经营合同: the contracts of the user's region, with what fell due, was received and is owed; a village
 * clerk registers one (登记合同). 仅看逾期 (`?overdue=1`) lists only the overdue ones — rent or dividend
 * unpaid past the grace days, as the red flag 合同租金或分红逾期未收 counts them — and `?region=` narrows
 * the list to a region within the user's (the red flags page links here with both).
 */
export default function ContractsPage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const regionName = useRegionNames();
  const [signing, setSigning] = useState(false);
  const narrow = useNarrow();
  const pages = useCursorPages();
  const [params, setParams] = useSearchParams();
  const overdueOnly = params.get('overdue') === '1';
  const region = params.get('region') ?? undefined;
  const setFilter = (next: { overdue?: boolean; region?: string | null }) => {
    const o = next.overdue ?? overdueOnly;
    const r = next.region === null ? undefined : (next.region ?? region);
    pages.reset();
    setParams({ ...(o ? { overdue: '1' } : {}), ...(r ? { region: r } : {}) });
  };
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ContractList,
    variables: {
      first: PAGE_SIZE,
      after: pages.after,
      filter:
        overdueOnly || region ? { ...(overdueOnly ? { overdue: true } : {}), regionCode: region } : undefined,
    },
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
      <Space wrap size={12} style={{ marginBottom: 12 }}>
        <Space size={6}>
          <Switch
            id="contracts-overdue"
            checked={overdueOnly}
            onChange={(checked) => setFilter({ overdue: checked })}
            aria-describedby="contracts-overdue-hint"
          />
          <label htmlFor="contracts-overdue">仅看逾期</label>
        </Space>
        <Typography.Text type="secondary" id="contracts-overdue-hint">
          逾期：租金或分红到期后超过宽限天数仍未收齐，与风险预警“合同租金或分红逾期未收”一致
        </Typography.Text>
        {region ? (
          <Tag
            closable
            onClose={() => setFilter({ region: null })}
            closeIcon={<span aria-label="清除区域">×</span>}
          >
            区域：{regionName(region)}
          </Tag>
        ) : null}
      </Space>
      <Card size="small">
        <Table<Row>
          rowKey="id"
          size="middle"
          loading={fetching}
          pagination={false}
          // Wider than its cells' least widths (1,041 px for the demo's contracts, free text at 10em): a table
          // of whole pixels, whose last column a phone scrolls fully into view; narrower than the content of
          // a 1366 px screen (1,072 px), which does not scroll it.
          scroll={{ x: 1060 }}
          // Its cells' widths, as without a fixed column (fixed, the 合同编号 ran over the next column).
          tableLayout="auto"
          locale={{ emptyText: overdueOnly ? '没有逾期的合同' : '暂无合同' }}
          dataSource={data?.contracts.edges.map((e) => e.node) ?? []}
          columns={[
            // Stays in view while the row scrolls sideways on a phone: whose 状态 and 欠收 these are.
            {
              title: '合同编号',
              className: 'nowrap',
              key: 'code',
              fixed: 'left',
              render: (_, r) => (
                <>
                  <Link to={`/contracts/${r.id}`}>{r.code}</Link>
                  <PhoneFacts narrow={narrow}>
                    <ContractStatus contract={r} />
                    {r.payments.overdue ? (
                      <StatusTag tone="danger">逾期 {r.payments.overdueDays} 天</StatusTag>
                    ) : null}
                    {isPositiveMoney(r.payments.outstanding) ? (
                      <span className="money">欠收 {formatMoney(r.payments.outstanding)}</span>
                    ) : null}
                  </PhoneFacts>
                </>
              ),
            },
            { title: '类型', className: 'nowrap', key: 'kind', render: (_, r) => contractKindLabels[r.kind] },
            {
              title: '经营主体',
              key: 'operator',
              render: (_, r) => <div className="cell-text">{r.operator.name}</div>,
            },
            {
              title: '资产',
              key: 'assets',
              render: (_, r) => (
                <div className="cell-text">{r.assets.map((a) => `${a.code} ${a.name}`).join('、')}</div>
              ),
            },
            {
              title: '期限',
              key: 'term',
              render: (_, r) => <DateRange from={r.startDate} to={r.terminatedOn ?? r.endDate} />,
            },
            {
              // Its tags (履行中, 欠收, 逾期 N 天) wrap one under another rather than widen the table.
              title: '状态',
              key: 'status',
              render: (_, r) => (
                <>
                  <ContractStatus contract={r} />
                  {r.payments.overdue ? (
                    <StatusTag tone="danger">逾期 {r.payments.overdueDays} 天</StatusTag>
                  ) : null}
                </>
              ),
            },
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
