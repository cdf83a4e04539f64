import { TeamOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';

export const userRoutes: ConsoleRoute[] = [
  {
    path: '/admin/users',
    roles: ['ADMIN'],
    menu: { label: '用户管理', icon: <TeamOutlined />, order: 80 },
    page: () => import('./UsersPage'),
  },
];
