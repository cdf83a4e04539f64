import { DownOutlined, LockOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import { useFocusableScrollAreas } from '@web/shared/a11y/focusable-scroll-areas';
import { useSession } from '@web/shared/auth/session';
import { roleLabels } from '@web/shared/labels/enums';
import { APP_TITLE } from '@web/shared/components/PageContainer';
import { consoleRoutes } from './routes';
import { PageLoading } from './PageLoading';

const RegionNameQuery = graphql(`
  query LayoutRegion($code: String!) {
    region(code: $code) {
      code
      name
      ancestors {
        code
        name
      }
    }
  }
`);

/**
 * The frame of every signed-in page (Ant Design Pro's habit): the side menu of the user's role (a drawer
 * on a phone), a header with the user and their region, and the page.
 */
export function ConsoleLayout() {
  const { user, signOut } = useSession();
  const screens = Grid.useBreakpoint();
  const phone = !screens.lg;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  // A page's code is fetched the first time it is opened: on a phone's network that can take seconds,
  // during which the page before stays on screen. The bar says the tap was taken.
  const opening = useNavigation().state === 'loading';
  const [{ data: regionData }] = useQuery({
    query: RegionNameQuery,
    variables: { code: user?.regionCode ?? '' },
    pause: !user,
  });

  const items = useMemo(
    () =>
      consoleRoutes
        .filter((r) => r.menu && (!r.roles || (user && r.roles.includes(user.role))))
        .sort((a, b) => (a.menu?.order ?? 0) - (b.menu?.order ?? 0))
        .map((r) => ({ key: r.path, icon: r.menu?.icon, label: r.menu?.label })),
    [user],
  );
  const selected = items
    .map((i) => i.key)
    .filter((k) => k === location.pathname || (k !== '/' && location.pathname.startsWith(`${k}/`)));

  const region = regionData?.region;
  const regionName = region
    ? [...region.ancestors.slice(1).map((a) => a.name), region.name].join(' ') || region.name
    : '';

  const menu = (
    <Menu
      mode="inline"
      theme="dark"
      items={items}
      selectedKeys={selected}
      onClick={({ key }) => {
        setDrawerOpen(false);
        void navigate(key);
      }}
    />
  );

  // The whole document: modals and drawers (a plan's allocations on a phone) render outside the page.
  const body = useMemo(() => ({ current: document.body }), []);
  useFocusableScrollAreas(body);

  return (
    <Layout className="console-layout">
      {phone ? (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          width={240}
          title={APP_TITLE}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          <nav aria-label="主菜单">{menu}</nav>
        </Drawer>
      ) : (
        <Layout.Sider width={220} className="console-sider">
          <div className="console-brand">{APP_TITLE}</div>
          <nav aria-label="主菜单">{menu}</nav>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="console-header">
          <Space>
            {phone ? (
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label="打开菜单"
                onClick={() => setDrawerOpen(true)}
              />
            ) : null}
            {phone ? <span className="console-brand-short">资产管理</span> : null}
          </Space>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'password', icon: <LockOutlined />, label: '修改密码' },
                { type: 'divider' },
                { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
              ],
              onClick: ({ key }) => (key === 'logout' ? signOut() : void navigate('/account/password')),
            }}
          >
            <Button type="text" aria-label={`当前用户 ${user?.displayName ?? ''}`}>
              <Space size={4}>
                <span className="console-user">{user?.displayName}</span>
                {!phone && user ? (
                  <Typography.Text type="secondary">
                    {roleLabels[user.role]}
                    {regionName ? ` · ${regionName}` : ''}
                  </Typography.Text>
                ) : null}
                <DownOutlined />
              </Space>
            </Button>
          </Dropdown>
        </Layout.Header>
        {opening ? <div className="console-opening" role="progressbar" aria-label="正在打开页面" /> : null}
        {/* Layout.Content is the page's one <main>. */}
        <Layout.Content className="console-content" aria-busy={opening || undefined}>
          <div>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
