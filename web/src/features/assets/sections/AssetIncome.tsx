import { Descriptions, Space, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import { DateRange } from '@web/shared/components/DateRange';
import { useSession } from '@web/shared/auth/session';
import { Pager, useCursorPages } from '@web/shared/components/Pager';
import { QueryError } from '@web/shared/components/QueryError';
import { formatDate } from '@web/shared/format/dates';
import { formatMoney } from '@web/shared/format/money';
import { incomeKindLabels } from '@web/shared/labels/enums';
import type { AssetDetail } from '../AssetPage';

const AssetIncomeQuery = graphql(`
  query AssetIncome($assetId: ID!, $first: Int!, $after: String) {
    incomeRecords(filter: { assetId: $assetId }, first: $first, after: $after, direction: DESC) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          amount
          receivedOn
          periodFrom
          periodTo
          note
          reversedById
          reversesId
        }
      }
    }
  }
`);

const PAGE_SIZE = 10;

/**
 * The asset's 收益结余 (with each owning village's part when several own it) and its income records,
 * newest first, paged on the server.
 */
export function AssetIncome({ asset }: { asset: AssetDetail }) {
  const { user } = useSession();
  const pages = useCursorPages();
  const [{ data, error, fetching }] = useQuery({
    query: AssetIncomeQuery,
    variables: { assetId: asset.id, first: PAGE_SIZE, after: pages.after },
  });
  const b = asset.incomeBalance;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions bordered size="small" column={{ xs: 1, sm: 2, xl: 4 }} title="收益结余">
        <Descriptions.Item label="已收">{formatMoney(b.received)}</Descriptions.Item>
        <Descriptions.Item label="已分配">{formatMoney(b.planned)}</Descriptions.Item>
        <Descriptions.Item label="已发放">{formatMoney(b.paid)}</Descriptions.Item>
        <Descriptions.Item label="未分配">{formatMoney(b.undistributed)}</Descriptions.Item>
      </Descriptions>
      {asset.incomeBalanceByVillage.length > 1 ? (
        <Table
          rowKey="villageCode"
          size="small"
          title={() => '各所有权村的收益结余'}
          scroll={{ x: 560 }}
          pagination={false}
          dataSource={asset.incomeBalanceByVillage}
          columns={[
            {
              title: '村',
              key: 'village',
              render: (_, v) => (
                <>
                  {v.villageName ?? v.villageCode}
                  {v.villageCode === user?.regionCode ? <Tag style={{ marginLeft: 8 }}>本村</Tag> : null}
                </>
              ),
            },
            ...(
              [
                ['应分配', 'distributable'],
                ['已分配', 'planned'],
                ['已发放', 'paid'],
                ['未分配', 'undistributed'],
              ] as const
            ).map(([title, key]) => ({
              title,
              key,
              align: 'right' as const,
              render: (_: unknown, v: AssetDetail['incomeBalanceByVillage'][number]) => (
                <span className="money">{formatMoney(v[key])}</span>
              ),
            })),
          ]}
        />
      ) : null}
      {error ? <QueryError error={error} /> : null}
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: 640 }}
        loading={fetching}
        pagination={false}
        dataSource={data?.incomeRecords.edges.map((e) => e.node) ?? []}
        locale={{ emptyText: '暂无收益记录' }}
        columns={[
          {
            title: '到账日期',
            key: 'receivedOn',
            className: 'nowrap',
            render: (_, r) => (
              <Link
                to={`/income/${r.id}`}
                aria-label={`收益明细 ${formatDate(r.receivedOn)} ${formatMoney(r.amount)}`}
              >
                {formatDate(r.receivedOn)}
              </Link>
            ),
          },
          {
            title: '类型',
            key: 'kind',
            render: (_, r) => (
              <>
                {incomeKindLabels[r.kind]}
                {r.reversesId ? <Tag style={{ marginLeft: 8 }}>冲销</Tag> : null}
                {r.reversedById ? <Tag style={{ marginLeft: 8 }}>已冲销</Tag> : null}
              </>
            ),
          },
          {
            title: '所属期间',
            key: 'period',
            render: (_, r) => <DateRange from={r.periodFrom} to={r.periodTo} />,
          },
          {
            title: '金额',
            key: 'amount',
            align: 'right',
            render: (_, r) => <span className="money">{formatMoney(r.amount)}</span>,
          },
          { title: '备注', key: 'note', render: (_, r) => r.note ?? '' },
        ]}
      />
      {(data?.incomeRecords.totalCount ?? 0) > PAGE_SIZE ? (
        <Pager
          total={data?.incomeRecords.totalCount ?? 0}
          pageSize={PAGE_SIZE}
          pages={pages}
          pageInfo={data?.incomeRecords.pageInfo}
          busy={fetching}
        />
      ) : null}
    </Space>
  );
}
