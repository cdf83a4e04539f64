import { SearchOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Typography,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { OrderDirection } from '@web/gql/enums';
import type { LedgerEntriesQuery } from '@web/gql/graphql';
import { QueryError } from '@web/shared/components/QueryError';
import { formatDateTime } from '@web/shared/format/dates';
import {
  entityTypeLabel,
  entityTypeLabels,
  ledgerActionLabel,
  ledgerActionLabels,
} from '@web/shared/labels/ledger';
import { EntityHistory, actorLabel } from '@web/shared/ledger/EntityHistory';
import { useRegionNames } from '@web/shared/regions/useRegionNames';
import { entryName } from './entry-name';
import { EvidenceDownload } from './EvidenceDownload';
import { LedgerEntryDrawer } from './LedgerEntryDrawer';

const LedgerEntriesQueryDoc = graphql(`
  query LedgerEntries($filter: LedgerEntryFilter, $first: Int, $after: String, $direction: OrderDirection) {
    ledgerEntries(filter: $filter, first: $first, after: $after, direction: $direction) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          index
          time
          action
          entityType
          entityId
          regionCode
          after
          before
          actor {
            username
            role
          }
        }
      }
    }
  }
`);

type Row = LedgerEntriesQuery['ledgerEntries']['edges'][number]['node'];
interface Filters {
  entityType?: string;
  entityId?: string;
  action?: string;
  direction?: OrderDirection;
}

const PAGE_SIZE = 20;

/** The entry the address names (`/ledger?entry=84`), or null. */
function entryOf(params: URLSearchParams): number | null {
  const text = params.get('entry');
  return text !== null && /^(0|[1-9][0-9]{0,14})$/.test(text) ? Number(text) : null;
}

/**
 * The ledger's entries, newest first unless 最早在前 is chosen, filtered on the server and paged; one
 * entry (its changes, hashes and the browser's own check) from a row, by 按序号查看 or by the address
 * `/ledger?entry=<index>`; a record's history on demand.
 */
export function EntriesSection() {
  const regionName = useRegionNames();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [record, setRecord] = useState<{ entityType: string; entityId: string } | null>(null);
  const [params, setParams] = useSearchParams();
  const entry = entryOf(params);
  const [wanted, setWanted] = useState<number | null>(null);
  const openEntry = (index: number | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (index === null) next.delete('entry');
        else next.set('entry', String(index));
        return next;
      },
      { replace: index === null },
    );
  const filter = {
    ...(filters.entityType ? { entityType: filters.entityType } : {}),
    ...(filters.entityId?.trim() ? { entityId: filters.entityId.trim() } : {}),
    ...(filters.action ? { action: filters.action } : {}),
  };
  const [{ data, error, fetching }, refetch] = useQuery({
    query: LedgerEntriesQueryDoc,
    variables: {
      filter,
      first: PAGE_SIZE,
      after: cursors[cursors.length - 1],
      direction: filters.direction ?? 'DESC',
    },
  });
  const total = data?.ledgerEntries.totalCount ?? 0;
  const page = cursors.length;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  const columns: TableProps<Row>['columns'] = [
    { title: '序号', dataIndex: 'index', width: 80 },
    { title: '时间', key: 'time', render: (_, r) => formatDateTime(r.time) },
    { title: '操作', key: 'action', className: 'nowrap', render: (_, r) => ledgerActionLabel(r.action) },
    {
      title: '对象',
      key: 'entity',
      // By its name where its state gives one (资产 WZ-151201-0001 梧桐村蔬菜大棚), its id below: what
      // 记录编号 above filters by.
      render: (_, r) => {
        const name = entryName(r.entityType, r.after, r.before);
        if (!name) return `${entityTypeLabel(r.entityType)} ${r.entityId}`;
        return (
          <>
            <div>
              {entityTypeLabel(r.entityType)} {name}
            </div>
            <Typography.Text type="secondary">{r.entityId}</Typography.Text>
          </>
        );
      },
    },
    { title: '区域', key: 'region', className: 'nowrap', render: (_, r) => regionName(r.regionCode) },
    { title: '操作人', key: 'actor', className: 'nowrap', render: (_, r) => actorLabel(r.actor) },
    {
      title: '',
      key: 'history',
      render: (_, r) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            aria-label={`查看第 ${r.index} 条`}
            onClick={() => openEntry(r.index)}
          >
            查看条目
          </Button>
          <Button
            type="link"
            size="small"
            aria-label={`查看 ${entityTypeLabel(r.entityType)} ${r.entityId} 的历史`}
            onClick={() => setRecord({ entityType: r.entityType, entityId: r.entityId })}
          >
            查看历史
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form
          name="ledgerEntryByIndex"
          layout="inline"
          className="filter-form"
          style={{ marginBottom: 12 }}
          onFinish={() => wanted !== null && openEntry(wanted)}
        >
          <Form.Item label="按序号查看" htmlFor="ledger-entry-index">
            <InputNumber
              id="ledger-entry-index"
              min={0}
              precision={0}
              placeholder="账本序号"
              style={{ width: 160 }}
              value={wanted}
              onChange={(v) => setWanted(typeof v === 'number' ? v : null)}
            />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" disabled={wanted === null}>
              查看
            </Button>
          </Form.Item>
        </Form>
        <Form<Filters>
          name="ledgerFilter"
          form={form}
          layout="inline"
          className="filter-form"
          onFinish={(v) => {
            setFilters(v);
            setCursors([null]);
          }}
        >
          <Form.Item name="entityType" label="记录类型">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 140 }}
              options={Object.entries(entityTypeLabels).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item name="entityId" label="记录编号">
            <Input allowClear style={{ width: 260 }} maxLength={100} />
          </Form.Item>
          <Form.Item name="action" label="操作">
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="全部"
              style={{ width: 180 }}
              options={Object.entries(ledgerActionLabels).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item name="direction" label="顺序" initialValue="DESC">
            <Select
              style={{ width: 120 }}
              options={[
                { value: 'DESC', label: '最新在前' },
                { value: 'ASC', label: '最早在前' },
              ]}
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
      <Card size="small">
        <Table<Row>
          rowKey="index"
          size="middle"
          columns={columns}
          dataSource={data?.ledgerEntries.edges.map((e) => e.node) ?? []}
          loading={fetching}
          pagination={false}
          scroll={{ x: 960 }}
        />
        <nav aria-label="翻页" className="pager">
          <Typography.Text>
            共 {total} 条，第 {page} / {pages} 页
          </Typography.Text>
          <Space>
            <Button disabled={page <= 1 || fetching} onClick={() => setCursors((c) => c.slice(0, -1))}>
              上一页
            </Button>
            <Button
              disabled={!data?.ledgerEntries.pageInfo.hasNextPage || fetching}
              onClick={() => setCursors((c) => [...c, data?.ledgerEntries.pageInfo.endCursor ?? null])}
            >
              下一页
            </Button>
          </Space>
        </nav>
      </Card>
      <Drawer
        open={record !== null}
        onClose={() => setRecord(null)}
        width={640}
        title={record ? `${entityTypeLabel(record.entityType)} ${record.entityId} 的历史` : ''}
        extra={record ? <EvidenceDownload {...record} /> : null}
        destroyOnClose
      >
        {record ? <EntityHistory entityType={record.entityType} entityId={record.entityId} /> : null}
      </Drawer>
      <LedgerEntryDrawer index={entry} onClose={() => openEntry(null)} />
    </>
  );
}
