import { Card, Descriptions, Space, Table, Tabs, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { DisposalStatus } from '@web/gql/enums';
import type { DisposalApprovalsQuery } from '@web/gql/graphql';
import { PageContainer } from '@web/shared/components/PageContainer';
import { PhoneFacts, useNarrow } from '@web/shared/components/PhoneFacts';
import { Pager, useCursorPages } from '@web/shared/components/Pager';
import { QueryError } from '@web/shared/components/QueryError';
import { StatusTag } from '@web/shared/components/StatusTag';
import { formatDateShort } from '@web/shared/format/dates';
import { formatMoney } from '@web/shared/format/money';
import { disposalMethodLabels, disposalStatusLabels } from '@web/shared/labels/enums';
import { useRegionNames } from '@web/shared/regions/useRegionNames';
import { fenToYuan, parseSnapshot, yuanToFen } from './snapshot';

const DisposalApprovalsDoc = graphql(`
  query DisposalApprovals($status: [DisposalStatus!], $first: Int!, $after: String) {
    disposalRequests(filter: { status: $status }, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          regionCode
          method
          appraisedValue
          status
          policyVersion
          dueOn
          overdue
          createdAt
          snapshot
        }
      }
    }
    disposalPolicies {
      version
      districtFromFormedValue
      districtFromAppraisedValue
      districtMethods
      townshipReviewDays
      districtReviewDays
    }
  }
`);

const PAGE_SIZE = 20;

type Row = DisposalApprovalsQuery['disposalRequests']['edges'][number]['node'];
type Policy = DisposalApprovalsQuery['disposalPolicies'][number];

const TABS: Array<{ key: string; label: string; status: DisposalStatus[] }> = [
  { key: 'pending', label: '待区级审批', status: ['PENDING_DISTRICT'] },
  { key: 'decided', label: '已审批', status: ['APPROVED', 'REJECTED', 'COMPLETED'] },
];

/** Why the district decides this request, by the policy version it was made under. */
function districtGrounds(row: Row, formedValueFen: string | null, policy: Policy | undefined): string[] {
  if (!policy) return [];
  const grounds: string[] = [];
  if (policy.districtMethods.includes(row.method))
    grounds.push(`处置方式为${disposalMethodLabels[row.method]}`);
  if (
    formedValueFen !== null &&
    policy.districtFromFormedValue !== null &&
    policy.districtFromFormedValue !== undefined
  ) {
    if (BigInt(formedValueFen) >= yuanToFen(policy.districtFromFormedValue)) {
      grounds.push(`原值达到${formatMoney(policy.districtFromFormedValue)}`);
    }
  }
  if (policy.districtFromAppraisedValue !== null && policy.districtFromAppraisedValue !== undefined) {
    if (yuanToFen(row.appraisedValue) >= yuanToFen(policy.districtFromAppraisedValue)) {
      grounds.push(`评估价值达到${formatMoney(policy.districtFromAppraisedValue)}`);
    }
  }
  return grounds;
}

/** A request's status, and 已超期 when its review is past its due day. */
function RequestStatus({ request }: { request: Pick<Row, 'status' | 'overdue'> }) {
  return (
    <Space size={4} wrap>
      <StatusTag tone={request.status === 'PENDING_DISTRICT' ? 'info' : 'neutral'}>
        {disposalStatusLabels[request.status]}
      </StatusTag>
      {request.overdue ? <StatusTag tone="warning">已超期</StatusTag> : null}
    </Space>
  );
}

/**
 * 处置审批: the disposals the policy leaves to the district, with why, and the ones it decided, paged on
 * the server (newest first).
 */
export default function DisposalApprovalsPage() {
  const regionName = useRegionNames();
  const narrow = useNarrow();
  const [tab, setTab] = useState('pending');
  const pages = useCursorPages();
  const status = TABS.find((t) => t.key === tab)?.status ?? TABS[0].status;
  const [{ data, error, fetching }, refetch] = useQuery({
    query: DisposalApprovalsDoc,
    variables: { status, first: PAGE_SIZE, after: pages.after },
    requestPolicy: 'cache-and-network',
  });
  const policies = data?.disposalPolicies ?? [];
  const current = policies[0];

  const columns: TableProps<Row>['columns'] = [
    {
      title: '资产',
      key: 'asset',
      render: (_, r) => {
        const asset = parseSnapshot(r.snapshot).asset;
        const text = asset ? `${String(asset.code)} ${String(asset.name)}` : '—';
        return (
          <>
            <Link to={`/disposals/${r.id}`}>{text}</Link>
            <PhoneFacts narrow={narrow}>
              <RequestStatus request={r} />
              <span>{disposalMethodLabels[r.method]}</span>
              {r.dueOn ? <span className="nowrap">期限 {formatDateShort(r.dueOn)}</span> : null}
            </PhoneFacts>
          </>
        );
      },
    },
    { title: '申请村', className: 'nowrap', key: 'region', render: (_, r) => regionName(r.regionCode) },
    {
      title: '处置方式',
      className: 'nowrap',
      key: 'method',
      render: (_, r) => disposalMethodLabels[r.method],
    },
    {
      title: '原值',
      className: 'nowrap',
      key: 'formed',
      align: 'right',
      render: (_, r) => {
        const v = parseSnapshot(r.snapshot).asset?.formedValue;
        return <span className="money">{typeof v === 'string' ? formatMoney(fenToYuan(v)) : '—'}</span>;
      },
    },
    {
      title: '评估价值',
      className: 'nowrap',
      key: 'appraised',
      align: 'right',
      render: (_, r) => <span className="money">{formatMoney(r.appraisedValue)}</span>,
    },
    {
      title: '区级审批依据',
      key: 'grounds',
      render: (_, r) => {
        const v = parseSnapshot(r.snapshot).asset?.formedValue;
        const grounds = districtGrounds(
          r,
          typeof v === 'string' ? v : null,
          policies.find((p) => p.version === r.policyVersion),
        );
        const text = grounds.join('；') || '—';
        // Decided by the policy in force when the request was submitted: say so when a later version is
        // current (its thresholds, shown above, may differ).
        if (!current || r.policyVersion === null || r.policyVersion === current.version) return text;
        return (
          <>
            <div>{text}</div>
            <Typography.Text type="secondary">按提交时的第 {r.policyVersion} 版处置政策</Typography.Text>
          </>
        );
      },
    },
    {
      title: '状态',
      className: 'nowrap',
      key: 'status',
      render: (_, r) => <RequestStatus request={r} />,
    },
    { title: '审批期限', className: 'nowrap', key: 'dueOn', render: (_, r) => formatDateShort(r.dueOn) },
  ];

  return (
    <PageContainer title="处置审批">
      {current ? (
        <Card size="small" title={`现行处置政策（第 ${current.version} 版）`} style={{ marginBottom: 16 }}>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
            <Descriptions.Item label="原值达到">
              {formatMoney(current.districtFromFormedValue)}
            </Descriptions.Item>
            <Descriptions.Item label="评估价值达到">
              {formatMoney(current.districtFromAppraisedValue)}
            </Descriptions.Item>
            <Descriptions.Item label="以下方式一律区级审批">
              {current.districtMethods.map((m) => disposalMethodLabels[m]).join('、') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label="审核期限">
              乡镇 {current.townshipReviewDays} 天，区级 {current.districtReviewDays} 天
            </Descriptions.Item>
          </Descriptions>
          <Typography.Text type="secondary">满足任一条件的处置申请，经乡镇审核后报区级审批。</Typography.Text>
        </Card>
      ) : null}
      {error ? <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            setTab(key);
            pages.reset();
          }}
          items={TABS.map((t) => ({ key: t.key, label: t.label }))}
        />
        <Table<Row>
          rowKey="id"
          size="middle"
          columns={columns}
          loading={fetching}
          dataSource={data?.disposalRequests.edges.map((e) => e.node) ?? []}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: tab === 'pending' ? '暂无待审批的处置申请' : '暂无记录' }}
        />
        <Pager
          total={data?.disposalRequests.totalCount ?? 0}
          pageSize={PAGE_SIZE}
          pages={pages}
          pageInfo={data?.disposalRequests.pageInfo}
          busy={fetching}
        />
      </Card>
    </PageContainer>
  );
}
