import { SearchOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { AssetClass, AssetForm, AssetStatus, FundSource, OwnerType } from '@web/gql/enums';
import type { AuditAssetSearchQuery } from '@web/gql/graphql';
import { QueryError } from '@web/shared/components/QueryError';
import { RegionEvidenceDownload } from '@web/shared/files/RegionEvidenceDownload';
import { PageContainer } from '@web/shared/components/PageContainer';
import { ProjectSelect } from '@web/shared/projects/ProjectSelect';
import { formatDate } from '@web/shared/format/dates';
import { Money } from '@web/shared/components/Money';
import { formatMoney, isMoneyInput } from '@web/shared/format/money';
import {
  assetClassLabels,
  assetFormLabels,
  assetStatusLabels,
  fundSourceLabels,
  options,
  ownerTypeLabels,
} from '@web/shared/labels/enums';
import { useRegionNames } from '@web/shared/regions/useRegionNames';
import { DigitsInput } from '@web/shared/components/DigitsInput';

const AuditAssetSearchQueryDoc = graphql(`
  query AuditAssetSearch($filter: AssetFilter, $first: Int, $after: String) {
    assets(filter: $filter, first: $first, after: $after) {
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
          form
          status
          formedValue
          locationCode
          project {
            year
          }
        }
      }
    }
    assetCategories(includeInactive: true) {
      code
      name
    }
  }
`);

const AssetAsOfQuery = graphql(`
  query AssetAsOf($id: ID!, $asOf: DateTime) {
    asset(id: $id, asOf: $asOf) {
      id
      code
      name
      class
      form
      status
      formedValue
      investedAmount
      managementEntity
      operator
      category {
        name
      }
      location {
        name
      }
    }
  }
`);

type Row = AuditAssetSearchQuery['assets']['edges'][number]['node'];
interface Filters {
  text?: string;
  class?: AssetClass[];
  form?: AssetForm[];
  status?: AssetStatus[];
  categoryCode?: string[];
  regionCode?: string;
  fundSource?: FundSource;
  ownerType?: OwnerType;
  projectId?: string;
  valueFrom?: string;
  valueTo?: string;
  yearFrom?: number;
  yearTo?: number;
}

const PAGE_SIZE = 20;
const todayInChina = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

function toFilter(f: Filters) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

/** One asset as it stood at the end of a day (rebuilt from the ledger by the API). */
function AssetAsOf({ id }: { id: string }) {
  const [date, setDate] = useState(todayInChina());
  const [{ data, error, fetching }] = useQuery({
    query: AssetAsOfQuery,
    variables: { id, asOf: `${date}T23:59:59.999+08:00` },
  });
  const a = data?.asset;
  return (
    <>
      <Form layout="inline" name="asOf" style={{ marginBottom: 16 }}>
        <Form.Item label="截至日期" htmlFor="asOf-date">
          <Input
            id="asOf-date"
            type="date"
            value={date}
            max={todayInChina()}
            onChange={(e) => e.target.value && setDate(e.target.value)}
          />
        </Form.Item>
      </Form>
      {error ? <QueryError error={error} /> : null}
      {a ? (
        <Descriptions column={1} bordered size="small" aria-busy={fetching}>
          <Descriptions.Item label="状态时点">{formatDate(date)} 日终</Descriptions.Item>
          <Descriptions.Item label="资产名称">{a.name}</Descriptions.Item>
          <Descriptions.Item label="资产编号">{a.code}</Descriptions.Item>
          <Descriptions.Item label="资产类型">{assetClassLabels[a.class]}</Descriptions.Item>
          <Descriptions.Item label="资产形态">{assetFormLabels[a.form]}</Descriptions.Item>
          <Descriptions.Item label="资产分类">{a.category.name}</Descriptions.Item>
          <Descriptions.Item label="状态">{assetStatusLabels[a.status]}</Descriptions.Item>
          <Descriptions.Item label="原值">{formatMoney(a.formedValue)}</Descriptions.Item>
          <Descriptions.Item label="投入金额">{formatMoney(a.investedAmount)}</Descriptions.Item>
          <Descriptions.Item label="所在地">{a.location.name}</Descriptions.Item>
          <Descriptions.Item label="管护主体">{a.managementEntity ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="经营主体">{a.operator ?? '—'}</Descriptions.Item>
        </Descriptions>
      ) : null}
    </>
  );
}

/** 资产查询: the register with every filter the API has, and any asset as it stood on a past day. */
export default function AssetSearchPage() {
  const regionName = useRegionNames();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [asOf, setAsOf] = useState<Row | null>(null);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: AuditAssetSearchQueryDoc,
    variables: { filter: toFilter(filters), first: PAGE_SIZE, after: cursors[cursors.length - 1] },
  });
  const total = data?.assets.totalCount ?? 0;
  const page = cursors.length;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const money = {
    validator: (_: unknown, v?: string) =>
      !v || isMoneyInput(v) ? Promise.resolve() : Promise.reject(new Error('请输入金额，如 12345.67')),
  };
  const select = (map: Record<string, string>) => ({
    allowClear: true,
    placeholder: '全部',
    options: options(map),
  });

  return (
    <PageContainer title="资产查询">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<Filters>
          name="auditAssetFilter"
          form={form}
          layout="inline"
          className="filter-form"
          onFinish={(v) => {
            setFilters(v);
            setCursors([null]);
          }}
        >
          <Form.Item name="text" label="搜索">
            <Input placeholder="资产名称或编号" allowClear style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="class" label="资产类型">
            <Select mode="multiple" {...select(assetClassLabels)} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="form" label="资产形态">
            <Select mode="multiple" {...select(assetFormLabels)} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select mode="multiple" {...select(assetStatusLabels)} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="categoryCode" label="资产分类">
            <Select
              mode="multiple"
              allowClear
              placeholder="全部"
              optionFilterProp="label"
              options={(data?.assetCategories ?? []).map((c) => ({ value: c.code, label: c.name }))}
              style={{ width: 180 }}
            />
          </Form.Item>
          <Form.Item name="regionCode" label="所在区域（区划代码）">
            <Input allowClear maxLength={12} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="fundSource" label="资金来源">
            <Select {...select(fundSourceLabels)} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="ownerType" label="所有者类型">
            <Select {...select(ownerTypeLabels)} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="projectId" label="项目">
            <ProjectSelect allowClear placeholder="全部" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="valueFrom" label="原值不低于（元）" rules={[money]}>
            <DigitsInput allowClear style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="valueTo" label="原值不高于（元）" rules={[money]}>
            <DigitsInput allowClear style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="yearFrom" label="项目年度从">
            <InputNumber min={2000} max={2100} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="yearTo" label="项目年度至">
            <InputNumber min={2000} max={2100} style={{ width: 100 }} />
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
                  setCursors([null]);
                }}
              >
                重置
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {error ? <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      <Card
        size="small"
        extra={
          filters.regionCode && /^\d{6}(\d{3}){0,2}$/.test(filters.regionCode) ? (
            <RegionEvidenceDownload
              regionCode={filters.regionCode}
              label={regionName(filters.regionCode) || filters.regionCode}
            />
          ) : null
        }
      >
        <Table<Row>
          rowKey="id"
          size="middle"
          loading={fetching}
          pagination={false}
          scroll={{ x: 960 }}
          dataSource={data?.assets.edges.map((e) => e.node) ?? []}
          columns={[
            {
              title: '资产编号',
              key: 'code',
              render: (_, r) => <Link to={`/assets/${r.id}`}>{r.code}</Link>,
            },
            { title: '资产名称', dataIndex: 'name' },
            { title: '资产类型', key: 'class', render: (_, r) => assetClassLabels[r.class] },
            { title: '资产形态', key: 'form', render: (_, r) => assetFormLabels[r.form] },
            { title: '状态', key: 'status', render: (_, r) => assetStatusLabels[r.status] },
            { title: '所在地', key: 'location', render: (_, r) => regionName(r.locationCode) },
            { title: '项目年度', key: 'year', render: (_, r) => r.project.year },
            {
              title: '原值',
              key: 'value',
              align: 'right',
              render: (_, r) => <Money value={r.formedValue} />,
            },
            {
              title: '',
              key: 'asOf',
              render: (_, r) => (
                <Button
                  type="link"
                  size="small"
                  aria-label={`查看 ${r.code} 的历史状态`}
                  onClick={() => setAsOf(r)}
                >
                  历史状态
                </Button>
              ),
            },
          ]}
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
      <Drawer
        open={asOf !== null}
        onClose={() => setAsOf(null)}
        width={560}
        title={asOf ? `${asOf.name} 的历史状态` : ''}
        destroyOnClose
      >
        {asOf ? <AssetAsOf id={asOf.id} /> : null}
      </Drawer>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        历史状态由审计账本中的记录重建：选择日期即可查看资产在当日结束时的登记内容。
      </Typography.Paragraph>
    </PageContainer>
  );
}
