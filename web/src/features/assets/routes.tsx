import { DatabaseOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';

const READERS = ['VILLAGE_CLERK', 'TOWNSHIP_OFFICER', 'DISTRICT_SUPERVISOR', 'AUDITOR'] as const;

export const assetRoutes: ConsoleRoute[] = [
  {
    path: '/assets',
    roles: [...READERS],
    menu: { label: '资产台账', icon: <DatabaseOutlined />, order: 10 },
    page: () => import('./AssetListPage'),
  },
  { path: '/assets/:id', roles: [...READERS], page: () => import('./AssetPage') },
];
