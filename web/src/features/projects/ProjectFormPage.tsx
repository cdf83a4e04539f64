import { App, Breadcrumb, Result } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';
import { PageLoading } from '@web/app/PageLoading';
import { graphql } from '@web/gql';
import { errorReason } from '@web/shared/api/errors';
import { useSession } from '@web/shared/auth/session';
import { PageContainer } from '@web/shared/components/PageContainer';
import { QueryError } from '@web/shared/components/QueryError';
import { ProjectForm, type EditedProject } from '@web/shared/projects/ProjectForm';
import { mayChangeProject } from '@web/shared/projects/project-roles';

const ProjectForEdit = graphql(`
  query ProjectForEdit($id: ID!) {
    project(id: $id) {
      id
      version
      code
      name
      year
      type
      implementingUnit
      regionCode
      completionDate
      acceptanceDate
      fundSources {
        source
        amount
      }
      investmentUse {
        source
        used
      }
    }
  }
`);

/** 登记项目 (/projects/new) and 编辑项目 (/projects/:id/edit): the project form on a page of its own. */
export default function ProjectFormPage() {
  const { id } = useParams();
  const editing = Boolean(id);
  const { user } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [{ data, error }] = useQuery({
    query: ProjectForEdit,
    variables: { id: id ?? '' },
    pause: !editing,
    requestPolicy: 'network-only',
  });
  const project = useMemo<EditedProject | undefined>(() => {
    const p = data?.project;
    if (!p) return undefined;
    const { investmentUse, fundSources, ...rest } = p;
    return {
      ...rest,
      fundSources: fundSources.map((f) => ({ source: f.source, amount: f.amount })),
      used: new Map(investmentUse.map((u) => [u.source, u.used])),
    };
  }, [data]);

  if (editing && error) {
    return (
      <PageContainer title="编辑项目">
        {['PROJECT_NOT_FOUND', 'NOT_FOUND', 'VALIDATION_FAILED'].includes(errorReason(error) ?? '') ? (
          <Result status="404" title="找不到该项目" extra={<Link to="/projects">返回项目列表</Link>} />
        ) : (
          <QueryError error={error} />
        )}
      </PageContainer>
    );
  }
  if (editing && !project) return <PageLoading />;
  if (project && !mayChangeProject(user, project.regionCode)) {
    return (
      <PageContainer title="编辑项目">
        <Result
          status="403"
          title="不能修改该项目"
          subTitle="该项目属于上级区域，只能由其所在区域的人员修改。"
          extra={<Link to={`/projects/${project.id}`}>返回项目</Link>}
        />
      </PageContainer>
    );
  }

  const title = project ? `编辑项目 ${project.code}` : '登记项目';
  return (
    <PageContainer title={title}>
      <Breadcrumb
        aria-label="当前位置"
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to="/projects">项目</Link> },
          ...(project ? [{ title: <Link to={`/projects/${project.id}`}>{project.code}</Link> }] : []),
          { title: project ? '编辑' : '登记项目' },
        ]}
      />
      <ProjectForm
        project={project}
        onSaved={(saved) => {
          void message.success(project ? `已保存项目 ${saved.code}` : `已登记项目 ${saved.code}`);
          void navigate(`/projects/${saved.id}`);
        }}
        onCancel={() => void navigate(project ? `/projects/${project.id}` : '/projects')}
      />
    </PageContainer>
  );
}
