import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Table } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { ProjectType } from '@web/gql/enums';
import type { ProjectListQuery } from '@web/gql/graphql';
import { useSession } from '@web/shared/auth/session';
import { KeyboardScroll } from '@web/shared/components/KeyboardScroll';
import { PageContainer } from '@web/shared/components/PageContainer';
import { PhoneFacts, useNarrow } from '@web/shared/components/PhoneFacts';
import { Pager, useCursorPages } from '@web/shared/components/Pager';
import { QueryError } from '@web/shared/components/QueryError';
import { formatMoney } from '@web/shared/format/money';
import { options, projectTypeLabels } from '@web/shared/labels/enums';
import { mayRegisterProject } from '@web/shared/projects/project-roles';

const ProjectListQueryDoc = graphql(`
  query ProjectList($filter: ProjectFilter, $first: Int, $after: String) {
    projects(filter: $filter, first: $first, after: $after) {
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
          year
          type
          implementingUnit
          region {
            name
          }
          totalInvestment
          usedInvestment
          remainingInvestment
        }
      }
    }
  }
`);

type Row = ProjectListQuery['projects']['edges'][number]['node'];

interface Filters {
  text?: string;
  type?: ProjectType;
  year?: string;
}

const PAGE_SIZE = 20;

/**
 * 项目: the projects of the user's region and of the regions above it (a township's project built the
 * village's assets), by code, searched on the server by code or name, a page at a time; for each, its
 * investment, what its assets use of it and what remains for new assets.
 */
export default function ProjectListPage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const pages = useCursorPages();
  const filter = useMemo(() => {
    const year = /^\d{4}$/.test(filters.year ?? '') ? Number(filters.year) : undefined;
    return {
      text: filters.text?.trim() || undefined,
      type: filters.type || undefined,
      yearFrom: year,
      yearTo: year,
    };
  }, [filters]);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ProjectListQueryDoc,
    variables: { filter, first: PAGE_SIZE, after: pages.after },
    requestPolicy: 'cache-and-network',
  });
  const search = (values: Filters) => {
    setFilters(values);
    pages.reset();
  };

  const narrow = useNarrow();
  const columns: TableProps<Row>['columns'] = [
    {
      title: '项目编号',
      key: 'code',
      className: 'nowrap',
      render: (_, r) => (
        <>
          <Link to={`/projects/${r.id}`}>{r.code}</Link>
          <PhoneFacts narrow={narrow} fitColumn>
            <span className="nowrap">{r.year} 年</span>
            <span className="nowrap">{projectTypeLabels[r.type]}</span>
            <span>
              剩余可用 <span className="money">{formatMoney(r.remainingInvestment)}</span>
            </span>
          </PhoneFacts>
        </>
      ),
    },
    {
      title: '项目名称',
      key: 'name',
      render: (_, r) => <div className="cell-text phone-fit">{r.name}</div>,
    },
    { title: '年度', key: 'year', className: 'nowrap', render: (_, r) => r.year },
    { title: '项目类型', key: 'type', className: 'nowrap', render: (_, r) => projectTypeLabels[r.type] },
    {
      title: '实施单位',
      key: 'unit',
      render: (_, r) => <div className="cell-text">{r.implementingUnit}</div>,
    },
    { title: '所在区域', key: 'region', className: 'nowrap', render: (_, r) => r.region.name },
    {
      title: '总投资',
      key: 'total',
      align: 'right',
      render: (_, r) => <span className="money">{formatMoney(r.totalInvestment)}</span>,
    },
    {
      title: '已用于资产',
      key: 'used',
      align: 'right',
      render: (_, r) => <span className="money">{formatMoney(r.usedInvestment)}</span>,
    },
    {
      title: '剩余可用',
      key: 'remaining',
      align: 'right',
      render: (_, r) => <span className="money">{formatMoney(r.remainingInvestment)}</span>,
    },
  ];

  return (
    <PageContainer
      title="项目"
      extra={
        mayRegisterProject(user) ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/projects/new')}>
            登记项目
          </Button>
        ) : undefined
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<Filters>
          name="projectFilter"
          form={form}
          layout="inline"
          onFinish={search}
          className="filter-form"
        >
          <Form.Item name="text" label="搜索">
            <Input placeholder="项目名称或编号" allowClear style={{ width: 200 }} maxLength={100} />
          </Form.Item>
          <Form.Item name="type" label="项目类型">
            <Select
              allowClear
              placeholder="全部"
              options={options(projectTypeLabels)}
              style={{ width: 140 }}
            />
          </Form.Item>
          <Form.Item
            name="year"
            label="项目年度"
            rules={[{ pattern: /^\d{4}$/, message: '请输入四位年份，如 2021' }]}
          >
            <Input allowClear inputMode="numeric" maxLength={4} placeholder="全部" style={{ width: 100 }} />
          </Form.Item>
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
        <KeyboardScroll label="项目列表">
          <Table<Row>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data?.projects.edges.map((e) => e.node) ?? []}
            loading={fetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '没有找到项目' }}
          />
        </KeyboardScroll>
        <Pager
          total={data?.projects.totalCount ?? 0}
          pageSize={PAGE_SIZE}
          pages={pages}
          pageInfo={data?.projects.pageInfo}
          busy={fetching}
        />
      </Card>
    </PageContainer>
  );
}
