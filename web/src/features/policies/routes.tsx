import { SettingOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';

export const policyRoutes: ConsoleRoute[] = [
  {
    path: '/policies',
    roles: ['DISTRICT_SUPERVISOR', 'ADMIN'],
    menu: { label: '政策设置', icon: <SettingOutlined />, order: 60 },
    page: () => import('./PoliciesPage'),
  },
];
