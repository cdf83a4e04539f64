import { Badge, Button, Card, Space, Table } from 'antd';
import { WrapTabs } from '@web/shared/components/WrapTabs';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { ReviewQueueQuery } from '@web/gql/graphql';
import { useSession } from '@web/shared/auth/session';
import { PageContainer } from '@web/shared/components/PageContainer';
import { PhoneFacts, useNarrow } from '@web/shared/components/PhoneFacts';
import { Pager, useCursorPages } from '@web/shared/components/Pager';
import { QueryError } from '@web/shared/components/QueryError';
import { StatusTag } from '@web/shared/components/StatusTag';
import { formatDateShort } from '@web/shared/format/dates';
import { formatMoney } from '@web/shared/format/money';
import { disposalMethodLabels, disposalReasonLabels } from '@web/shared/labels/enums';
import { useRegionNames } from '@web/shared/regions/useRegionNames';
import { ConfirmOwnershipModal } from './ConfirmOwnershipModal';
import { PlanReviewModal } from './PlanReviewModal';

const ReviewQueueDoc = graphql(`
  query ReviewQueue(
    $first: Int!
    $proposalsAfter: String
    $plansAfter: String
    $disposalsAfter: String
    $township: Boolean!
  ) {
    ownershipProposals(
      filter: { status: [PUBLICITY], publicityEnded: true }
      first: $first
      after: $proposalsAfter
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          publicityEnd
          asset {
            id
            code
            name
            locationCode
          }
        }
      }
    }
    distributionPlans(filter: { status: [SUBMITTED] }, first: $first, after: $plansAfter)
      @include(if: $township) {
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
          submittedAt
        }
      }
    }
    disposalRequests(filter: { status: [PENDING_TOWNSHIP] }, first: $first, after: $disposalsAfter)
      @include(if: $township) {
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
          reasonCode
          appraisedValue
          dueOn
          overdue
          createdAt
          snapshot
        }
      }
    }
  }
`);

/** A proposal opened from a link (`?open=<id>`), wherever it is in the queue. */
const OpenProposalDoc = graphql(`
  query ReviewOpenProposal($id: ID!) {
    ownershipProposal(id: $id) {
      id
      status
      asset {
        id
        code
        name
        locationCode
      }
    }
  }
`);

type Data = ReviewQueueQuery;
type ProposalRow = Data['ownershipProposals']['edges'][number]['node'];
type PlanRow = NonNullable<Data['distributionPlans']>['edges'][number]['node'];
type DisposalRow = NonNullable<Data['disposalRequests']>['edges'][number]['node'];

/** The asset a disposal request is about, as its snapshot records it (code and name). */
function snapshotAsset(snapshot: string): string {
  try {
    const asset = (JSON.parse(snapshot) as { asset?: { code?: unknown; name?: unknown } }).asset;
    return asset ? `${String(asset.code ?? '')} ${String(asset.name ?? '')}`.trim() : '—';
  } catch {
    return '—';
  }
}

const PAGE_SIZE = 20;

/** What ConfirmOwnershipModal shows of a proposal before it loads the rest. */
interface ProposalItem {
  entityId: string;
  assetCode: string;
  title: string;
  regionCode: string;
}

const proposalItem = (p: Pick<ProposalRow, 'id' | 'asset'>): ProposalItem => ({
  entityId: p.id,
  assetCode: p.asset.code,
  title: p.asset.name,
  regionCode: p.asset.locationCode,
});

/**
 * 审核待办 (township): ownership proposals whose publicity has ended (confirm or not), the longest
 * waiting first, distribution plans submitted for filing (file or return with a reason), disposal
 * requests awaiting the township's review. All three are paged on the server: every one waiting can be
 * reached, however many. A district supervisor, who also confirms ownership, sees the ownership proposals
 * only (its disposals: 处置审批). `?open=<id>` (a to-do of the home page, an asset's 去确认权属) opens that
 * proposal or plan at once, whichever page it is on.
 */
export default function ReviewQueuePage() {
  const regionName = useRegionNames();
  const narrow = useNarrow();
  const { user } = useSession();
  const township = user?.role === 'TOWNSHIP_OFFICER';
  const [params, setParams] = useSearchParams();
  const tab = township ? (params.get('tab') ?? 'ownership') : 'ownership';
  const toOpen = params.get('open');
  const proposalPages = useCursorPages();
  const planPages = useCursorPages();
  const disposalPages = useCursorPages();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ReviewQueueDoc,
    variables: {
      first: PAGE_SIZE,
      proposalsAfter: proposalPages.after,
      plansAfter: planPages.after,
      disposalsAfter: disposalPages.after,
      township,
    },
    requestPolicy: 'cache-and-network',
  });
  const [proposal, setProposal] = useState<ProposalItem>();
  const [planId, setPlanId] = useState<string>();
  const reload = () => refetch({ requestPolicy: 'network-only' });
  // A proposal to open is read by its id: it need not be on the page shown.
  const openingProposal = Boolean(toOpen) && tab === 'ownership';
  const [opened] = useQuery({
    query: OpenProposalDoc,
    variables: { id: toOpen ?? '' },
    pause: !openingProposal,
    requestPolicy: 'network-only',
  });

  const ownership = data?.ownershipProposals;
  const proposals = ownership?.edges.map((e) => e.node) ?? [];
  const plans = data?.distributionPlans?.edges.map((e) => e.node) ?? [];
  const disposals = data?.disposalRequests?.edges.map((e) => e.node) ?? [];
  // A to-do of the home page opened here: its proposal or plan, once, then the address forgets it.
  useEffect(() => {
    if (!toOpen) return;
    if (openingProposal) {
      if (opened.fetching || (!opened.data && !opened.error)) return;
      const found = opened.data?.ownershipProposal;
      if (found?.status === 'PUBLICITY') setProposal(proposalItem(found));
    } else if (tab === 'plans') setPlanId(toOpen);
    setParams({ tab }, { replace: true });
  }, [toOpen, openingProposal, opened, tab, setParams]);
  // The last one of a later page decided: back to the page before, which still has some.
  const { previous: previousProposals } = proposalPages;
  const proposalsEmptied = !fetching && !!data && proposals.length === 0 && proposalPages.page > 1;
  useEffect(() => {
    if (proposalsEmptied) previousProposals();
  }, [proposalsEmptied, previousProposals]);
  const { previous: previousPlans } = planPages;
  const plansEmptied = !fetching && !!data && plans.length === 0 && planPages.page > 1;
  useEffect(() => {
    if (plansEmptied) previousPlans();
  }, [plansEmptied, previousPlans]);

  const tabLabel = (text: string, count: number | undefined) => (
    <Space size={6}>
      {text}
      <Badge count={count ?? 0} showZero color={count ? '#1668dc' : '#595959'} overflowCount={999} />
    </Space>
  );

  return (
    <PageContainer title="审核待办">
      {error ? <QueryError error={error} retry={reload} /> : null}
      <Card size="small">
        <WrapTabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          items={[
            {
              key: 'ownership',
              label: tabLabel('确权待确认', ownership?.totalCount),
              children: (
                <>
                  <Table<ProposalRow>
                    rowKey="id"
                    size="middle"
                    loading={fetching}
                    pagination={false}
                    scroll={{ x: 720 }}
                    locale={{ emptyText: '暂无公示期满待确认的确权' }}
                    dataSource={proposals}
                    columns={[
                      {
                        title: '资产',
                        key: 'asset',
                        render: (_, p) => (
                          <>
                            <Link to={`/assets/${p.asset.id}`}>{`${p.asset.code} ${p.asset.name}`}</Link>
                            <PhoneFacts narrow={narrow}>
                              <span>{regionName(p.asset.locationCode)}</span>
                              <span className="nowrap">公示截止 {formatDateShort(p.publicityEnd)}</span>
                            </PhoneFacts>
                          </>
                        ),
                      },
                      { title: '所在村', key: 'region', render: (_, p) => regionName(p.asset.locationCode) },
                      { title: '公示截止', key: 'date', render: (_, p) => formatDateShort(p.publicityEnd) },
                      {
                        title: '操作',
                        key: 'action',
                        fixed: 'right',
                        width: 112,
                        render: (_, p) => (
                          <Button size="small" type="primary" onClick={() => setProposal(proposalItem(p))}>
                            确认权属
                          </Button>
                        ),
                      },
                    ]}
                  />
                  <Pager
                    total={ownership?.totalCount ?? 0}
                    pageSize={PAGE_SIZE}
                    pages={proposalPages}
                    pageInfo={ownership?.pageInfo}
                    busy={fetching}
                  />
                </>
              ),
            },
            {
              key: 'plans',
              label: tabLabel('分配方案待备案', data?.distributionPlans?.totalCount),
              children: (
                <>
                  <Table<PlanRow>
                    rowKey="id"
                    size="middle"
                    loading={fetching}
                    pagination={false}
                    scroll={{ x: 760 }}
                    locale={{ emptyText: '暂无待备案的分配方案' }}
                    dataSource={plans}
                    columns={[
                      {
                        title: '方案',
                        key: 'title',
                        render: (_, p) => (
                          <>
                            {p.title}
                            <PhoneFacts narrow={narrow}>
                              <span>{regionName(p.villageCode)}</span>
                              <span className="money">{formatMoney(p.amount)}</span>
                              <span className="nowrap">提交 {formatDateShort(p.submittedAt)}</span>
                            </PhoneFacts>
                          </>
                        ),
                      },
                      { title: '村', key: 'village', render: (_, p) => regionName(p.villageCode) },
                      {
                        title: '分配金额',
                        key: 'amount',
                        align: 'right',
                        render: (_, p) => <span className="money">{formatMoney(p.amount)}</span>,
                      },
                      {
                        title: '提交日期',
                        key: 'submittedAt',
                        render: (_, p) => formatDateShort(p.submittedAt),
                      },
                      {
                        title: '操作',
                        key: 'action',
                        fixed: 'right',
                        width: 80,
                        render: (_, p) => (
                          <Button size="small" type="primary" onClick={() => setPlanId(p.id)}>
                            审查
                          </Button>
                        ),
                      },
                    ]}
                  />
                  <Pager
                    total={data?.distributionPlans?.totalCount ?? 0}
                    pageSize={PAGE_SIZE}
                    pages={planPages}
                    pageInfo={data?.distributionPlans?.pageInfo}
                    busy={fetching}
                  />
                </>
              ),
            },
            {
              key: 'disposals',
              label: tabLabel('处置待审核', data?.disposalRequests?.totalCount),
              children: (
                <>
                  <Table<DisposalRow>
                    rowKey="id"
                    size="middle"
                    loading={fetching}
                    pagination={false}
                    scroll={{ x: 1000 }}
                    locale={{ emptyText: '暂无待审核的处置申请' }}
                    dataSource={disposals}
                    columns={[
                      {
                        title: '资产',
                        key: 'asset',
                        render: (_, d) => (
                          <>
                            <Link to={`/disposals/${d.id}`}>{snapshotAsset(d.snapshot)}</Link>
                            <PhoneFacts narrow={narrow}>
                              <span>{regionName(d.regionCode)}</span>
                              <span>{disposalMethodLabels[d.method]}</span>
                              <span className="money">{formatMoney(d.appraisedValue)}</span>
                              <span className="nowrap">期限 {formatDateShort(d.dueOn)}</span>
                              {d.overdue ? <StatusTag tone="warning">已超期</StatusTag> : null}
                            </PhoneFacts>
                          </>
                        ),
                      },
                      { title: '申请村', key: 'region', render: (_, d) => regionName(d.regionCode) },
                      { title: '处置方式', key: 'method', render: (_, d) => disposalMethodLabels[d.method] },
                      {
                        title: '处置原因',
                        key: 'reason',
                        render: (_, d) => disposalReasonLabels[d.reasonCode],
                      },
                      {
                        title: '评估价值',
                        key: 'appraised',
                        align: 'right',
                        render: (_, d) => <span className="money">{formatMoney(d.appraisedValue)}</span>,
                      },
                      {
                        title: '审核期限',
                        key: 'dueOn',
                        render: (_, d) => (
                          <Space size={4}>
                            {formatDateShort(d.dueOn)}
                            {d.overdue ? <StatusTag tone="warning">已超期</StatusTag> : null}
                          </Space>
                        ),
                      },
                      {
                        title: '操作',
                        key: 'action',
                        fixed: 'right',
                        width: 72,
                        render: (_, d) => <Link to={`/disposals/${d.id}`}>审核</Link>,
                      },
                    ]}
                  />
                  <Pager
                    total={data?.disposalRequests?.totalCount ?? 0}
                    pageSize={PAGE_SIZE}
                    pages={disposalPages}
                    pageInfo={data?.disposalRequests?.pageInfo}
                    busy={fetching}
                  />
                </>
              ),
            },
          ].filter((t) => township || t.key === 'ownership')}
        />
      </Card>
      <ConfirmOwnershipModal
        item={proposal}
        onClose={(done) => {
          setProposal(undefined);
          if (done) reload();
        }}
      />
      <PlanReviewModal
        planId={planId}
        onClose={(done) => {
          setPlanId(undefined);
          if (done) reload();
        }}
      />
    </PageContainer>
  );
}
