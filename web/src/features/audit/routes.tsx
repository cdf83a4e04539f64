import { FileSearchOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';

export const auditRoutes: ConsoleRoute[] = [
  {
    path: '/audit/assets',
    roles: ['AUDITOR', 'DISTRICT_SUPERVISOR'],
    menu: { label: '资产查询', icon: <FileSearchOutlined />, order: 11 },
    page: () => import('./AssetSearchPage'),
  },
];
