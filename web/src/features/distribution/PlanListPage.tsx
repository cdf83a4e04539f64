import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Select, Table } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { DistributionPlanStatus } from '@web/gql/enums';
import type { PlanListQuery } from '@web/gql/graphql';
import { useSession } from '@web/shared/auth/session';
import { PageContainer } from '@web/shared/components/PageContainer';
import { PhoneFacts, useNarrow } from '@web/shared/components/PhoneFacts';
import { Pager, useCursorPages } from '@web/shared/components/Pager';
import { QueryError } from '@web/shared/components/QueryError';
import { formatDate, formatDateShort } from '@web/shared/format/dates';
import { formatMoney } from '@web/shared/format/money';
import { options, planStatusLabels } from '@web/shared/labels/enums';
import { useRegionNames } from '@web/shared/regions/useRegionNames';
import { PlanStatusTag } from './PlanStatusTag';
import { PLAN_WRITERS } from './plan-roles';
import { EmptyText } from './ScrollRegion';

const PlanListDoc = graphql(`
  query PlanList($filter: PlanFilter, $first: Int, $after: String) {
    distributionPlans(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          villageCode
          title
          amount
          planDate
          status
          submittedAt
          filedAt
          completedOn
          resultPublicity {
            publishedOn
          }
        }
      }
    }
  }
`);

type Row = PlanListQuery['distributionPlans']['edges'][number]['node'];

const PAGE_SIZE = 20;

/** 收益分配: the distribution plans of the user's region, newest first, with paging and a status filter. */
export default function PlanListPage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const regionName = useRegionNames();
  const pages = useCursorPages();
  const [status, setStatus] = useState<DistributionPlanStatus[]>();
  const canWrite = Boolean(user && PLAN_WRITERS.includes(user.role));
  const [{ data, fetching, error }, refetch] = useQuery({
    query: PlanListDoc,
    variables: { filter: status ? { status } : undefined, first: PAGE_SIZE, after: pages.after },
    requestPolicy: 'cache-and-network',
  });

  const narrow = useNarrow();
  const columns: TableProps<Row>['columns'] = [
    {
      title: '方案',
      key: 'title',
      render: (_, r) => (
        <>
          <Link to={`/distribution/${r.id}`}>{r.title}</Link>
          <PhoneFacts narrow={narrow}>
            <PlanStatusTag status={r.status} />
            <span className="money">{formatMoney(r.amount)}</span>
            <span className="nowrap">{formatDateShort(r.planDate)}</span>
          </PhoneFacts>
        </>
      ),
    },
    { title: '村', key: 'village', render: (_, r) => regionName(r.villageCode) },
    {
      title: '金额',
      key: 'amount',
      align: 'right',
      render: (_, r) => <span className="money">{formatMoney(r.amount)}</span>,
    },
    { title: '方案日期', key: 'planDate', render: (_, r) => formatDateShort(r.planDate) },
    { title: '状态', key: 'status', render: (_, r) => <PlanStatusTag status={r.status} /> },
    {
      title: '进度',
      key: 'progress',
      render: (_, r) =>
        r.resultPublicity
          ? `结果已于 ${formatDate(r.resultPublicity.publishedOn)} 公开`
          : r.completedOn
            ? `${formatDate(r.completedOn)} 兑付完毕，结果待公开`
            : r.filedAt
              ? `${formatDate(r.filedAt)} 备案`
              : r.submittedAt
                ? `${formatDate(r.submittedAt)} 提交`
                : '未提交',
    },
  ];

  return (
    <PageContainer
      title="收益分配"
      extra={
        canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/distribution/new')}>
            新建分配方案
          </Button>
        ) : undefined
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline" className="filter-form" name="planFilter">
          <Form.Item label="状态" htmlFor="planStatusFilter">
            <Select<DistributionPlanStatus[]>
              id="planStatusFilter"
              mode="multiple"
              allowClear
              placeholder="全部"
              style={{ minWidth: 200 }}
              options={options(planStatusLabels)}
              value={status ?? []}
              onChange={(v) => {
                setStatus(v.length > 0 ? v : undefined);
                pages.reset();
              }}
            />
          </Form.Item>
        </Form>
      </Card>
      {error ? <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      <Card size="small">
        <Table<Row>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.distributionPlans.edges.map((e) => e.node) ?? []}
          loading={fetching}
          pagination={false}
          scroll={{ x: 800 }}
          locale={{ emptyText: <EmptyText>暂无分配方案</EmptyText> }}
        />
        <Pager
          total={data?.distributionPlans.totalCount ?? 0}
          pageSize={PAGE_SIZE}
          pages={pages}
          pageInfo={data?.distributionPlans.pageInfo}
          busy={fetching}
        />
      </Card>
    </PageContainer>
  );
}
