import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { AssetClass, AssetOrderField, AssetStatus, OrderDirection } from '@web/gql/enums';
import type { AssetListQuery } from '@web/gql/graphql';
import { CoOwnedTag, coOwnerWord, inUserRegion } from '@web/shared/assets/AssetLink';
import { useSession } from '@web/shared/auth/session';
import { PageContainer } from '@web/shared/components/PageContainer';
import { PhoneFacts, useNarrow } from '@web/shared/components/PhoneFacts';
import { QueryError } from '@web/shared/components/QueryError';
import { formatDateShort } from '@web/shared/format/dates';
import { formatMoney } from '@web/shared/format/money';
import { assetClassLabels, assetStatusLabels, options } from '@web/shared/labels/enums';
import { useRegionNames } from '@web/shared/regions/useRegionNames';
import { AssetStatusTag } from './AssetStatusTag';
import { WRITERS } from './asset-roles';

const AssetListQueryDoc = graphql(`
  query AssetList($filter: AssetFilter, $first: Int, $after: String, $orderBy: AssetOrder) {
    assets(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          code
          name
          class
          status
          formedValue
          completionDate
          locationCode
          location {
            name
          }
          category {
            name
          }
        }
      }
    }
  }
`);

const FilterOptionsQuery = graphql(`
  query AssetFilterOptions {
    assetCategories {
      code
      name
    }
  }
`);

type Row = AssetListQuery['assets']['edges'][number]['node'];

interface Filters {
  text?: string;
  class?: AssetClass;
  status?: AssetStatus;
  categoryCode?: string;
  regionCode?: string;
  /** Also the assets the region's villages co-own elsewhere (a village's or a township's own register). */
  includeCoOwned?: boolean;
}

export const PAGE_SIZE = 20;

/** 资产台账: the register of the user's region, searched and filtered on the server, a page at a time. */
export default function AssetListPage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const regionName = useRegionNames();
  const narrow = useNarrow();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [order, setOrder] = useState<{ field: AssetOrderField; direction: OrderDirection }>({
    field: 'CODE',
    direction: 'ASC',
  });
  // Cursors of the pages seen so far: page n starts after cursors[n - 1] (page 1 after nothing).
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const page = cursors.length;

  const filter = useMemo(
    () => ({
      text: filters.text?.trim() || undefined,
      class: filters.class ? [filters.class] : undefined,
      status: filters.status ? [filters.status] : undefined,
      categoryCode: filters.categoryCode ? [filters.categoryCode] : undefined,
      regionCode: filters.regionCode || undefined,
      includeCoOwned: filters.includeCoOwned || undefined,
    }),
    [filters],
  );
  const [{ data, fetching, error }, refetch] = useQuery({
    query: AssetListQueryDoc,
    variables: { filter, first: PAGE_SIZE, after: cursors[cursors.length - 1], orderBy: order },
  });
  const [{ data: optionData }] = useQuery({ query: FilterOptionsQuery, requestPolicy: 'cache-first' });
  const [{ data: regionData }] = useQuery({
    query: VillagesQuery,
    variables: { parent: user?.regionCode ?? '' },
    pause: !user || user.role === 'VILLAGE_CLERK',
  });

  const total = data?.assets.totalCount ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const search = (values: Filters) => {
    setFilters(values);
    setCursors([null]);
  };

  const columns: TableProps<Row>['columns'] = [
    {
      title: '资产编号',
      dataIndex: 'code',
      key: 'CODE',
      sorter: true,
      sortOrder: order.field === 'CODE' ? (order.direction === 'ASC' ? 'ascend' : 'descend') : null,
      render: (_, r) => (
        <>
          <Link to={`/assets/${r.id}`}>{r.code}</Link>
          <PhoneFacts narrow={narrow}>
            <AssetStatusTag status={r.status} />
            <span>{assetClassLabels[r.class]}</span>
          </PhoneFacts>
        </>
      ),
    },
    { title: '资产名称', dataIndex: 'name', key: 'NAME' },
    { title: '资产类型', key: 'class', render: (_, r) => assetClassLabels[r.class] },
    { title: '资产分类', key: 'category', render: (_, r) => r.category.name },
    {
      title: '所在地',
      key: 'location',
      render: (_, r) =>
        inUserRegion(r.locationCode, user) ? (
          regionName(r.locationCode)
        ) : (
          <CoOwnedTag locationName={r.location.name} />
        ),
    },
    { title: '状态', key: 'status', render: (_, r) => <AssetStatusTag status={r.status} /> },
    {
      title: '原值',
      key: 'FORMED_VALUE',
      align: 'right',
      sorter: true,
      sortOrder: order.field === 'FORMED_VALUE' ? (order.direction === 'ASC' ? 'ascend' : 'descend') : null,
      render: (_, r) => <span className="money">{formatMoney(r.formedValue)}</span>,
    },
    {
      title: '建成日期',
      key: 'COMPLETION_DATE',
      sorter: true,
      sortOrder:
        order.field === 'COMPLETION_DATE' ? (order.direction === 'ASC' ? 'ascend' : 'descend') : null,
      render: (_, r) => formatDateShort(r.completionDate),
    },
  ];

  return (
    <PageContainer
      title="资产台账"
      extra={
        user && (WRITERS as readonly string[]).includes(user.role) ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/assets/new')}>
            登记资产
          </Button>
        ) : undefined
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<Filters>
          name="assetFilter"
          form={form}
          layout="inline"
          onFinish={search}
          className="filter-form"
        >
          <Form.Item name="text" label="搜索">
            <Input placeholder="资产名称或编号" allowClear style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="class" label="资产类型">
            <Select
              allowClear
              placeholder="全部"
              options={options(assetClassLabels)}
              style={{ width: 140 }}
            />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select
              allowClear
              placeholder="全部"
              options={options(assetStatusLabels)}
              style={{ width: 120 }}
            />
          </Form.Item>
          <Form.Item name="categoryCode" label="资产分类">
            <Select
              allowClear
              placeholder="全部"
              options={(optionData?.assetCategories ?? []).map((c) => ({ value: c.code, label: c.name }))}
              style={{ width: 160 }}
            />
          </Form.Item>
          {regionData?.regions.length ? (
            <Form.Item name="regionCode" label="所在区域">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder="全部"
                options={regionData.regions.map((r) => ({ value: r.code, label: r.name }))}
                style={{ width: 160 }}
              />
            </Form.Item>
          ) : null}
          {user?.role === 'VILLAGE_CLERK' || user?.role === 'TOWNSHIP_OFFICER' ? (
            <Form.Item name="includeCoOwned" valuePropName="checked">
              <Checkbox>{`含${coOwnerWord(user)}在${user.role === 'VILLAGE_CLERK' ? '他村' : '辖区外'}共有的资产`}</Checkbox>
            </Form.Item>
          ) : null}
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                查询
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  search({});
                }}
              >
                重置
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {error ? <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      <Card size="small">
        <Table<Row>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.assets.edges.map((e) => e.node) ?? []}
          loading={fetching}
          pagination={false}
          scroll={{ x: 960 }}
          onChange={(_, __, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const field = (s?.order ? s.columnKey : 'CODE') as AssetOrderField;
            setOrder({ field, direction: s?.order === 'descend' ? 'DESC' : 'ASC' });
            setCursors([null]);
          }}
        />
        <nav aria-label="翻页" className="pager">
          <Typography.Text>
            共 {total} 项，第 {page} / {pages} 页
          </Typography.Text>
          <Space>
            <Button disabled={page <= 1 || fetching} onClick={() => setCursors((c) => c.slice(0, -1))}>
              上一页
            </Button>
            <Button
              disabled={!data?.assets.pageInfo.hasNextPage || fetching}
              onClick={() => setCursors((c) => [...c, data?.assets.pageInfo.endCursor ?? null])}
            >
              下一页
            </Button>
          </Space>
        </nav>
      </Card>
    </PageContainer>
  );
}

const VillagesQuery = graphql(`
  query AssetRegionOptions($parent: String!) {
    regions(parentCode: $parent) {
      code
      name
    }
  }
`);
