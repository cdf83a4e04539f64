import { EditOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Descriptions, Result, Space, Table, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { ProjectDetailQuery, ProjectAssetsQuery } from '@web/gql/graphql';
import { errorReason } from '@web/shared/api/errors';
import { useSession } from '@web/shared/auth/session';
import { KeyboardScroll } from '@web/shared/components/KeyboardScroll';
import { PageContainer } from '@web/shared/components/PageContainer';
import { Pager, useCursorPages } from '@web/shared/components/Pager';
import { QueryError } from '@web/shared/components/QueryError';
import { formatDate } from '@web/shared/format/dates';
import { formatMoney } from '@web/shared/format/money';
import { assetStatusLabels, fundSourceLabels, projectTypeLabels } from '@web/shared/labels/enums';
import { mayChangeProject } from '@web/shared/projects/project-roles';

const ProjectDetail = graphql(`
  query ProjectDetail($id: ID!) {
    project(id: $id) {
      id
      code
      name
      year
      type
      implementingUnit
      regionCode
      region {
        name
      }
      completionDate
      acceptanceDate
      totalInvestment
      usedInvestment
      remainingInvestment
      investmentUse {
        source
        invested
        used
        remaining
      }
    }
  }
`);

const ProjectAssets = graphql(`
  query ProjectAssets($projectId: ID!, $first: Int, $after: String) {
    assets(filter: { projectId: $projectId }, first: $first, after: $after) {
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
          status
          investedAmount
          location {
            name
          }
        }
      }
    }
  }
`);

type Use = NonNullable<ProjectDetailQuery['project']>['investmentUse'][number];
type AssetRow = ProjectAssetsQuery['assets']['edges'][number]['node'];
const PAGE_SIZE = 20;

/**
 * A project's page: what it is, its fund sources with what its assets use of each and what remains (all
 * its assets, wherever they are: what a new asset may still take), and the assets of the user's region
 * that it built. 编辑 for those who may change it (a project of the user's region or below).
 */
export default function ProjectPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const navigate = useNavigate();
  const pages = useCursorPages();
  const [{ data, error }, refetch] = useQuery({
    query: ProjectDetail,
    variables: { id },
    requestPolicy: 'cache-and-network',
  });
  const [{ data: assetData, fetching: assetsFetching, error: assetsError }] = useQuery({
    query: ProjectAssets,
    variables: { projectId: id, first: PAGE_SIZE, after: pages.after },
    pause: !data?.project,
  });
  const project = data?.project;

  if (error && ['PROJECT_NOT_FOUND', 'NOT_FOUND', 'VALIDATION_FAILED'].includes(errorReason(error) ?? '')) {
    return (
      <PageContainer title="项目不存在">
        <Result
          status="404"
          title="找不到该项目"
          subTitle="该项目不存在，或不在您的管辖范围内。"
          extra={<Link to="/projects">返回项目列表</Link>}
        />
      </PageContainer>
    );
  }

  return (
    <PageContainer
      title={project ? project.name : '项目详情'}
      extra={
        project && mayChangeProject(user, project.regionCode) ? (
          <Button icon={<EditOutlined />} onClick={() => void navigate(`/projects/${project.id}/edit`)}>
            编辑
          </Button>
        ) : undefined
      }
    >
      <Breadcrumb
        aria-label="当前位置"
        style={{ marginBottom: 12 }}
        items={[{ title: <Link to="/projects">项目</Link> }, { title: project?.code ?? '' }]}
      />
      {error ? <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {project ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, xl: 3 }} title="基本信息">
            <Descriptions.Item label="项目编号">{project.code}</Descriptions.Item>
            <Descriptions.Item label="项目名称">{project.name}</Descriptions.Item>
            <Descriptions.Item label="项目年度">{project.year} 年</Descriptions.Item>
            <Descriptions.Item label="项目类型">{projectTypeLabels[project.type]}</Descriptions.Item>
            <Descriptions.Item label="实施单位">{project.implementingUnit}</Descriptions.Item>
            <Descriptions.Item label="所在区域">{project.region.name}</Descriptions.Item>
            <Descriptions.Item label="建成日期">{formatDate(project.completionDate)}</Descriptions.Item>
            <Descriptions.Item label="验收日期">{formatDate(project.acceptanceDate)}</Descriptions.Item>
          </Descriptions>
          <Card size="small" title="资金来源">
            <Typography.Paragraph type="secondary">
              已用：该项目全部资产（含其他村、乡镇的资产和已处置的资产）使用的金额；剩余：新登记的资产还可使用的金额。
            </Typography.Paragraph>
            <KeyboardScroll label="资金来源">
              <Table<Use>
                rowKey="source"
                size="small"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={project.investmentUse}
                columns={[
                  {
                    title: '资金来源',
                    key: 'source',
                    className: 'nowrap',
                    render: (_, u) => fundSourceLabels[u.source],
                  },
                  {
                    title: '项目投资',
                    key: 'invested',
                    align: 'right',
                    render: (_, u) => <span className="money">{formatMoney(u.invested)}</span>,
                  },
                  {
                    title: '已用于资产',
                    key: 'used',
                    align: 'right',
                    render: (_, u) => <span className="money">{formatMoney(u.used)}</span>,
                  },
                  {
                    title: '剩余可用',
                    key: 'remaining',
                    align: 'right',
                    render: (_, u) => <span className="money">{formatMoney(u.remaining)}</span>,
                  },
                ]}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      <span className="money">{formatMoney(project.totalInvestment)}</span>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      <span className="money">{formatMoney(project.usedInvestment)}</span>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">
                      <span className="money">{formatMoney(project.remainingInvestment)}</span>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
              />
            </KeyboardScroll>
          </Card>
          <Card size="small" title="辖区内该项目的资产">
            {assetsError ? <QueryError error={assetsError} /> : null}
            <KeyboardScroll label="辖区内该项目的资产">
              <Table<AssetRow>
                rowKey="id"
                size="small"
                pagination={false}
                loading={assetsFetching}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: '辖区内还没有该项目的资产' }}
                dataSource={assetData?.assets.edges.map((e) => e.node) ?? []}
                columns={[
                  {
                    title: '资产编号',
                    key: 'code',
                    className: 'nowrap',
                    render: (_, a) => <Link to={`/assets/${a.id}`}>{a.code}</Link>,
                  },
                  {
                    title: '资产名称',
                    key: 'name',
                    render: (_, a) => <div className="cell-text">{a.name}</div>,
                  },
                  {
                    title: '所在地',
                    key: 'location',
                    className: 'nowrap',
                    render: (_, a) => a.location.name,
                  },
                  {
                    title: '状态',
                    key: 'status',
                    className: 'nowrap',
                    render: (_, a) => assetStatusLabels[a.status],
                  },
                  {
                    title: '投资额',
                    key: 'invested',
                    align: 'right',
                    render: (_, a) => <span className="money">{formatMoney(a.investedAmount)}</span>,
                  },
                ]}
              />
            </KeyboardScroll>
            <Pager
              total={assetData?.assets.totalCount ?? 0}
              pageSize={PAGE_SIZE}
              pages={pages}
              pageInfo={assetData?.assets.pageInfo}
              busy={assetsFetching}
            />
          </Card>
        </Space>
      ) : null}
    </PageContainer>
  );
}
