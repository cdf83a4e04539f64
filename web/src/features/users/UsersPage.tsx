import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { Role, UserStatus } from '@web/gql/enums';
import type { UsersPageQuery } from '@web/gql/graphql';
import { errorMessage } from '@web/shared/api/errors';
import { useSession } from '@web/shared/auth/session';
import { PageContainer } from '@web/shared/components/PageContainer';
import { Pager, useCursorPages } from '@web/shared/components/Pager';
import { QueryError } from '@web/shared/components/QueryError';
import { formatDateTime } from '@web/shared/format/dates';
import { options, roleLabels, userStatusLabels } from '@web/shared/labels/enums';
import { useRegionNames } from '@web/shared/regions/useRegionNames';
import { CreateUserModal } from './CreateUserModal';
import { ResetPasswordModal } from './ResetPasswordModal';
import { RoleModal } from './RoleModal';
import { StatusTag } from '@web/shared/components/StatusTag';

const UsersPageQueryDoc = graphql(`
  query UsersPage($filter: UserFilter, $first: Int, $after: String) {
    users(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          username
          displayName
          role
          regionCode
          status
          signInLockedUntil
          version
        }
      }
    }
  }
`);

const DisableUser = graphql(`
  mutation DisableUser($id: ID!) {
    disableUser(userId: $id) {
      id
      status
    }
  }
`);
const EnableUser = graphql(`
  mutation EnableUser($id: ID!) {
    enableUser(userId: $id) {
      id
      status
    }
  }
`);
const UnlockUser = graphql(`
  mutation UnlockUser($id: ID!) {
    unlockUser(userId: $id) {
      id
      signInLockedUntil
    }
  }
`);

export type UserRow = UsersPageQuery['users']['edges'][number]['node'];

const PAGE_SIZE = 20;

interface Filters {
  search?: string;
  role?: Role;
  status?: UserStatus;
}

/** 用户管理 (ADMIN): create users, set role and region, disable, unlock, reset a password. */
export default function UsersPage() {
  const { message } = App.useApp();
  const { user: me } = useSession();
  const regionName = useRegionNames();
  const [filters, setFilters] = useState<Filters>({});
  const filter = useMemo(
    () => ({ search: filters.search?.trim() || undefined, role: filters.role, status: filters.status }),
    [filters],
  );
  // Paged by the server: a district has a clerk for each of its hundreds of villages.
  const pages = useCursorPages();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: UsersPageQueryDoc,
    variables: { filter, first: PAGE_SIZE, after: pages.after },
  });
  const [, disable] = useMutation(DisableUser);
  const [, enable] = useMutation(EnableUser);
  const [, unlock] = useMutation(UnlockUser);
  const [creating, setCreating] = useState(false);
  const [roleOf, setRoleOf] = useState<UserRow>();
  const [passwordOf, setPasswordOf] = useState<UserRow>();

  const run = async (result: Promise<{ error?: Parameters<typeof errorMessage>[0] }>, done: string) => {
    const { error: failure } = await result;
    if (failure) void message.error(errorMessage(failure));
    else {
      void message.success(done);
      refetch({ requestPolicy: 'network-only' });
    }
  };
  const locked = (u: UserRow) => Boolean(u.signInLockedUntil && Date.parse(u.signInLockedUntil) > Date.now());

  return (
    <PageContainer
      title="用户管理"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新建用户
        </Button>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<Filters>
          name="userFilter"
          layout="inline"
          onFinish={(values) => {
            setFilters(values);
            pages.reset();
          }}
          className="filter-form"
        >
          <Form.Item name="search" label="搜索">
            <Input placeholder="用户名或姓名" allowClear style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="role" label="角色">
            <Select allowClear placeholder="全部" options={options(roleLabels)} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select
              allowClear
              placeholder="全部"
              options={options(userStatusLabels)}
              style={{ width: 120 }}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {error ? <QueryError error={error} /> : null}
      <Card size="small">
        <Table<UserRow>
          rowKey="id"
          size="middle"
          loading={fetching}
          scroll={{ x: 1000 }}
          dataSource={data?.users.edges.map((e) => e.node) ?? []}
          pagination={false}
          columns={[
            { title: '用户名', dataIndex: 'username' },
            { title: '姓名', dataIndex: 'displayName' },
            { title: '角色', key: 'role', render: (_, u) => roleLabels[u.role] },
            { title: '所属区域', key: 'region', render: (_, u) => regionName(u.regionCode) },
            {
              title: '状态',
              key: 'status',
              render: (_, u) => (
                <Space size={4} wrap>
                  <StatusTag tone={u.status === 'ACTIVE' ? 'success' : 'neutral'}>
                    {userStatusLabels[u.status]}
                  </StatusTag>
                  {locked(u) ? (
                    <StatusTag tone="danger">锁定至 {formatDateTime(u.signInLockedUntil)}</StatusTag>
                  ) : null}
                </Space>
              ),
            },
            {
              title: '操作',
              key: 'actions',
              render: (_, u) => (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => setRoleOf(u)}>
                    调整角色
                  </Button>
                  <Button type="link" size="small" onClick={() => setPasswordOf(u)}>
                    重置密码
                  </Button>
                  {locked(u) ? (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => run(unlock({ id: u.id }), `已解除 ${u.username} 的锁定`)}
                    >
                      解锁
                    </Button>
                  ) : null}
                  {u.status === 'ACTIVE' ? (
                    u.id === me?.id ? null : (
                      <Popconfirm
                        title={`停用 ${u.displayName}？`}
                        description="停用后该用户立即无法登录。"
                        okText="停用"
                        cancelText="取消"
                        onConfirm={() => run(disable({ id: u.id }), `已停用 ${u.username}`)}
                      >
                        <Button type="link" size="small" danger>
                          停用
                        </Button>
                      </Popconfirm>
                    )
                  ) : (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => run(enable({ id: u.id }), `已启用 ${u.username}`)}
                    >
                      启用
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
        <Pager
          total={data?.users.totalCount ?? 0}
          pageSize={PAGE_SIZE}
          pages={pages}
          pageInfo={data?.users.pageInfo}
          busy={fetching}
        />
      </Card>
      <CreateUserModal
        open={creating}
        onClose={(created) => {
          setCreating(false);
          if (created) refetch({ requestPolicy: 'network-only' });
        }}
      />
      <RoleModal user={roleOf} onClose={() => setRoleOf(undefined)} />
      <ResetPasswordModal user={passwordOf} onClose={() => setPasswordOf(undefined)} />
    </PageContainer>
  );
}
