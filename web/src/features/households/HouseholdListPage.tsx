import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Table } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { HouseholdStatusKind } from '@web/gql/enums';
import type { HouseholdListQuery } from '@web/gql/graphql';
import { useSession } from '@web/shared/auth/session';
import { PageContainer } from '@web/shared/components/PageContainer';
import { Pager, useCursorPages } from '@web/shared/components/Pager';
import { QueryError } from '@web/shared/components/QueryError';
import { StatusTag } from '@web/shared/components/StatusTag';
import { formatDateShort } from '@web/shared/format/dates';
import { householdStatusLabels, monitoringCategoryLabels, options } from '@web/shared/labels/enums';
import { HouseholdFormModal, type EditableHousehold } from './HouseholdFormModal';
import { HOUSEHOLD_WRITERS } from './household-roles';
import { HouseholdStatusDialog, HouseholdStatusTag } from './HouseholdStatusModals';

const HouseholdListQueryDoc = graphql(`
  query HouseholdList($filter: HouseholdFilter, $first: Int, $after: String) {
    households(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          registryNo
          headName
          villageCode
          village {
            code
            name
          }
          membersCount
          idNumber
          phone
          address
          version
          currentStatus {
            status
            monitoringCategory
            startedOn
          }
        }
      }
    }
  }
`);

type Row = HouseholdListQuery['households']['edges'][number]['node'];

interface Filters {
  text?: string;
  status?: HouseholdStatusKind;
}

const PAGE_SIZE = 20;

/**
 * 农户: the households of the user's region by registry number, searched by registry number or the
 * head's name (or the ID number, for those who may see it). ID numbers and phones are shown as the API
 * returns them: in full only to the village's clerk and township officer, masked to everyone else.
 * 户类型 on a row shows the household's status history to every reader; the writers change its status
 * (变更状态) or take it out of the monitoring system (退出监测) from there.
 */
export default function HouseholdListPage() {
  const { user } = useSession();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const pages = useCursorPages();
  const [editing, setEditing] = useState<EditableHousehold | 'new'>();
  const [statusOf, setStatusOf] = useState<{ id: string; registryNo: string; headName: string }>();
  const canWrite = Boolean(user && HOUSEHOLD_WRITERS.includes(user.role));

  const [{ data, fetching, error }, refetch] = useQuery({
    query: HouseholdListQueryDoc,
    variables: { filter: filters, first: PAGE_SIZE, after: pages.after },
  });
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const columns: TableProps<Row>['columns'] = [
    { title: '户籍编号', className: 'nowrap', key: 'registryNo', render: (_, r) => r.registryNo },
    { title: '户主', className: 'nowrap', key: 'headName', render: (_, r) => r.headName },
    { title: '所在村', className: 'nowrap', key: 'village', render: (_, r) => r.village.name },
    {
      title: '家庭人口',
      className: 'nowrap',
      key: 'members',
      align: 'right',
      render: (_, r) => `${r.membersCount} 人`,
    },
    { title: '身份证号', className: 'nowrap', key: 'idNumber', render: (_, r) => r.idNumber ?? '' },
    { title: '联系电话', className: 'nowrap', key: 'phone', render: (_, r) => r.phone ?? '' },
    {
      title: '户类型',
      key: 'status',
      render: (_, r) =>
        r.currentStatus ? (
          <Space size={4} wrap>
            <HouseholdStatusTag status={r.currentStatus.status} />
            {r.currentStatus.monitoringCategory
              ? monitoringCategoryLabels[r.currentStatus.monitoringCategory]
              : null}
          </Space>
        ) : (
          <StatusTag tone="neutral">已退出监测</StatusTag>
        ),
    },
    {
      title: '认定日期',
      className: 'nowrap',
      key: 'startedOn',
      render: (_, r) => formatDateShort(r.currentStatus?.startedOn),
    },
    {
      title: '资金流向',
      className: 'nowrap',
      key: 'trail',
      render: (_, r) => (
        <Link to={`/households/${r.id}/trail`} aria-label={`资金流向 ${r.registryNo} ${r.headName}`}>
          查看
        </Link>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, r: Row) => (
        <Space size={4} wrap>
          {canWrite ? (
            <Button
              size="small"
              aria-label={`编辑 ${r.registryNo} ${r.headName}`}
              onClick={() =>
                setEditing({
                  id: r.id,
                  version: r.version,
                  registryNo: r.registryNo,
                  headName: r.headName,
                  villageCode: r.villageCode,
                  membersCount: r.membersCount,
                  idNumber: r.idNumber ?? null,
                  phone: r.phone ?? null,
                  address: r.address ?? null,
                })
              }
            >
              编辑
            </Button>
          ) : null}
          <Button
            size="small"
            aria-label={`户类型 ${r.registryNo} ${r.headName}`}
            onClick={() => setStatusOf({ id: r.id, registryNo: r.registryNo, headName: r.headName })}
          >
            户类型
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title="农户"
      extra={
        canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            登记农户
          </Button>
        ) : undefined
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<Filters>
          name="householdFilter"
          form={form}
          layout="inline"
          className="filter-form"
          onFinish={(values) => {
            setFilters({ text: values.text?.trim() || undefined, status: values.status || undefined });
            pages.reset();
          }}
        >
          <Form.Item name="text" label="关键字">
            <Input allowClear placeholder="户籍编号或户主姓名" style={{ width: 200 }} maxLength={100} />
          </Form.Item>
          <Form.Item name="status" label="户类型">
            <Select
              allowClear
              placeholder="全部"
              options={options(householdStatusLabels)}
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
          dataSource={data?.households.edges.map((e) => e.node) ?? []}
          loading={fetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无农户' }}
        />
        <Pager
          total={data?.households.totalCount ?? 0}
          pageSize={PAGE_SIZE}
          pages={pages}
          pageInfo={data?.households.pageInfo}
          busy={fetching}
        />
      </Card>
      {statusOf ? (
        <HouseholdStatusDialog
          household={statusOf}
          canChange={canWrite}
          onChanged={reload}
          onClose={() => setStatusOf(undefined)}
        />
      ) : null}
      {editing ? (
        <HouseholdFormModal
          household={editing === 'new' ? undefined : editing}
          onClose={(saved) => {
            setEditing(undefined);
            if (saved) {
              if (editing === 'new') pages.reset();
              reload();
            }
          }}
        />
      ) : null}
    </PageContainer>
  );
}
