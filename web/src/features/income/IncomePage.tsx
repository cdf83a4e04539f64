import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { IncomeKind } from '@web/gql/enums';
import type { IncomeListQuery } from '@web/gql/graphql';
import { DateRange } from '@web/shared/components/DateRange';
import { AssetLink, inUserRegion } from '@web/shared/assets/AssetLink';
import { assetOptionLabel } from '@web/shared/assets/AssetSelect';
import { DISPOSAL_PAGE_READERS } from '@web/shared/auth/disposal-roles';
import { useSession } from '@web/shared/auth/session';
import { PageContainer } from '@web/shared/components/PageContainer';
import { PhoneFacts, useNarrow } from '@web/shared/components/PhoneFacts';
import { Pager, useCursorPages } from '@web/shared/components/Pager';
import { QueryError } from '@web/shared/components/QueryError';
import { formatDateShort, todayLocalDate } from '@web/shared/format/dates';
import { formatMoney } from '@web/shared/format/money';
import { incomeKindLabels, options } from '@web/shared/labels/enums';
import { WrapTabs } from '@web/shared/components/WrapTabs';
import { IncomeSummary } from './IncomeSummary';
import { RecordIncomeModal } from './RecordIncomeModal';
import { ReverseIncomeModal, type ReversibleIncome } from './ReverseIncomeModal';

const IncomeListQueryDoc = graphql(`
  query IncomeList($filter: IncomeFilter, $first: Int, $after: String) {
    incomeRecords(filter: $filter, first: $first, after: $after, direction: DESC) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          assetId
          assetCode
          assetName
          regionCode
          regionName
          disposalId
          kind
          amount
          receivedOn
          periodFrom
          periodTo
          supplement
          note
          reversedById
          reversesId
          shares {
            villageCode
            amount
          }
        }
      }
    }
  }
`);

const IncomeAssetQuery = graphql(`
  query IncomeAsset($id: ID!) {
    asset(id: $id) {
      id
      code
      name
    }
  }
`);

type Row = IncomeListQuery['incomeRecords']['edges'][number]['node'];

const assetLabel = (r: Row): string => assetOptionLabel({ code: r.assetCode, name: r.assetName });

interface Filters {
  kind?: IncomeKind;
  year?: number;
}

const PAGE_SIZE = 20;
const WRITERS = new Set(['VILLAGE_CLERK', 'TOWNSHIP_OFFICER']);

/**
 * A clerk's village's part of a record that several owners share (a co-owned asset's income), to show
 * beside the record's amount; undefined for a record the village owns alone, and for other roles.
 */
const villagePart = (r: Row, user: { role: string; regionCode: string } | null): string | undefined =>
  user?.role === 'VILLAGE_CLERK' && r.shares.length > 1
    ? r.shares.find((s) => s.villageCode === user.regionCode)?.amount
    : undefined;

/**
 * 收益: the income records of the user's region, newest first, with those of assets its villages co-own
 * elsewhere (marked 位于X村，本村共有, without a link or 冲销); a clerk or township officer records income
 * (登记收益) and reverses a wrong record with the reason (冲销). `?asset=<id>` narrows it to one asset
 * (the asset's page links here).
 */
export default function IncomePage() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const assetId = params.get('asset') ?? undefined;
  const tab = params.get('tab') === 'summary' ? 'summary' : 'records';
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const pages = useCursorPages();
  const [recording, setRecording] = useState(false);
  const [reversing, setReversing] = useState<ReversibleIncome>();
  const canWrite = Boolean(user && WRITERS.has(user.role));
  const mayOpenDisposals = Boolean(user && DISPOSAL_PAGE_READERS.includes(user.role));

  const filter = useMemo(() => ({ ...filters, assetId }), [filters, assetId]);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: IncomeListQueryDoc,
    variables: { filter, first: PAGE_SIZE, after: pages.after },
  });
  const [{ data: oneAsset, error: assetError }] = useQuery({
    query: IncomeAssetQuery,
    variables: { id: assetId ?? '' },
    pause: !assetId,
  });
  const chosenAsset = oneAsset?.asset
    ? { value: oneAsset.asset.id, label: assetOptionLabel(oneAsset.asset) }
    : undefined;

  const reload = () => refetch({ requestPolicy: 'network-only' });
  const thisYear = Number(todayLocalDate().slice(0, 4));
  const narrow = useNarrow();
  const columns: TableProps<Row>['columns'] = [
    {
      title: '到账日期',
      className: 'nowrap',
      key: 'receivedOn',
      render: (_, r) => (
        <>
          <Link
            to={`/income/${r.id}`}
            aria-label={`收益明细 ${formatDateShort(r.receivedOn)} ${formatMoney(r.amount)}`}
          >
            {formatDateShort(r.receivedOn)}
          </Link>
          <PhoneFacts narrow={narrow} oneLine>
            <span className="money">{formatMoney(r.amount)}</span>
            <span>{incomeKindLabels[r.kind]}</span>
          </PhoneFacts>
        </>
      ),
    },
    {
      title: '资产',
      key: 'asset',
      render: (_, r) => (
        <AssetLink
          id={r.assetId}
          label={assetLabel(r)}
          locationCode={r.regionCode}
          locationName={r.regionName}
        />
      ),
    },
    {
      title: '类型',
      key: 'kind',
      render: (_, r) => (
        <Space size={4} wrap>
          {incomeKindLabels[r.kind]}
          {r.supplement ? <Tag>补充</Tag> : null}
          {r.reversesId ? <Tag>冲销</Tag> : null}
          {r.reversedById ? <Tag>已冲销</Tag> : null}
        </Space>
      ),
    },
    {
      title: '所属期间',
      key: 'period',
      render: (_, r) => <DateRange from={r.periodFrom} to={r.periodTo} short />,
    },
    {
      title: '金额',
      key: 'amount',
      align: 'right',
      render: (_, r) => {
        const mine = villagePart(r, user);
        return (
          <>
            <span className="money">{formatMoney(r.amount)}</span>
            {mine === undefined ? null : (
              <Typography.Text type="secondary" className="money" style={{ display: 'block' }}>
                {`本村应分 ${formatMoney(mine)}`}
              </Typography.Text>
            )}
          </>
        );
      },
    },
    {
      title: '备注',
      key: 'note',
      render: (_, r) => (
        <Space size={4} wrap>
          {r.note ?? ''}
          {r.disposalId && mayOpenDisposals ? (
            <Link to={`/disposals/${r.disposalId}`}>查看处置申请</Link>
          ) : null}
        </Space>
      ),
    },
    ...(canWrite
      ? [
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, r: Row) =>
              r.reversedById || r.reversesId || !inUserRegion(r.regionCode, user) ? null : (
                <Button
                  size="small"
                  aria-label={`冲销 ${formatDateShort(r.receivedOn)} ${formatMoney(r.amount)}`}
                  onClick={() =>
                    setReversing({
                      id: r.id,
                      kind: r.kind,
                      amount: r.amount,
                      receivedOn: r.receivedOn,
                      assetLabel: assetLabel(r),
                    })
                  }
                >
                  冲销
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <PageContainer
      title="收益"
      extra={
        canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>
            登记收益
          </Button>
        ) : undefined
      }
    >
      <WrapTabs
        activeKey={tab}
        onChange={(key) =>
          setParams(key === 'summary' ? { tab: 'summary' } : assetId ? { asset: assetId } : {})
        }
        items={[
          {
            key: 'records',
            label: '明细',
            children: (
              <>
                {assetId && assetError ? (
                  // An asset the user may not read (another region's, or none): said as on the asset's own page.
                  <Alert
                    style={{ marginBottom: 16 }}
                    type="warning"
                    message="找不到该资产：该资产不存在，或不在您的管辖范围内"
                    action={
                      <Button size="small" onClick={() => setParams({})}>
                        显示全部
                      </Button>
                    }
                  />
                ) : assetId ? (
                  <Alert
                    style={{ marginBottom: 16 }}
                    type="info"
                    message={`只显示资产 ${chosenAsset?.label ?? ''} 的收益`}
                    action={
                      <Button size="small" onClick={() => setParams({})}>
                        显示全部
                      </Button>
                    }
                  />
                ) : null}
                <Card size="small" style={{ marginBottom: 16 }}>
                  <Form<Filters>
                    name="incomeFilter"
                    form={form}
                    layout="inline"
                    className="filter-form"
                    onFinish={(values) => {
                      setFilters({ kind: values.kind || undefined, year: values.year || undefined });
                      pages.reset();
                    }}
                  >
                    <Form.Item name="kind" label="收益类型">
                      <Select
                        allowClear
                        placeholder="全部"
                        options={options(incomeKindLabels)}
                        style={{ width: 140 }}
                      />
                    </Form.Item>
                    <Form.Item name="year" label="年度">
                      <Select
                        allowClear
                        placeholder="全部"
                        options={[0, 1, 2, 3, 4].map((n) => ({
                          value: thisYear - n,
                          label: `${thisYear - n} 年`,
                        }))}
                        style={{ width: 120 }}
                      />
                    </Form.Item>
                    <Form.Item>
                      <Space>
                        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                          查询
                        </Button>
                        <Button
                          onClick={() => {
                            form.resetFields();
                            setFilters({});
                            pages.reset();
                          }}
                        >
                          重置
                        </Button>
                      </Space>
                    </Form.Item>
                  </Form>
                </Card>
                {error ? <QueryError error={error} retry={reload} /> : null}
                <Card size="small">
                  <Table<Row>
                    rowKey="id"
                    size="middle"
                    columns={columns}
                    dataSource={data?.incomeRecords.edges.map((e) => e.node) ?? []}
                    loading={fetching}
                    pagination={false}
                    scroll={{ x: 900 }}
                    locale={{ emptyText: '暂无收益记录' }}
                  />
                  <Pager
                    total={data?.incomeRecords.totalCount ?? 0}
                    pageSize={PAGE_SIZE}
                    pages={pages}
                    pageInfo={data?.incomeRecords.pageInfo}
                    busy={fetching}
                  />
                </Card>
              </>
            ),
          },
          { key: 'summary', label: '汇总', children: <IncomeSummary /> },
        ]}
      />
      {recording ? (
        <RecordIncomeModal
          asset={chosenAsset}
          onClose={(recorded) => {
            setRecording(false);
            if (recorded) {
              pages.reset();
              reload();
            }
          }}
        />
      ) : null}
      {reversing ? (
        <ReverseIncomeModal
          income={reversing}
          onClose={(reversed) => {
            setReversing(undefined);
            if (reversed) reload();
          }}
        />
      ) : null}
    </PageContainer>
  );
}
