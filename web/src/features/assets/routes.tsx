import { DatabaseOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';
import { READERS, WRITERS } from './asset-roles';

export const assetRoutes: ConsoleRoute[] = [
  {
    path: '/assets',
    roles: [...READERS],
    menu: { label: '资产台账', icon: <DatabaseOutlined />, order: 10 },
    page: () => import('./AssetListPage'),
  },
  { path: '/assets/new', roles: [...WRITERS], page: () => import('./AssetFormPage') },
  { path: '/assets/:id', roles: [...READERS], page: () => import('./AssetPage') },
  { path: '/assets/:id/edit', roles: [...WRITERS], page: () => import('./AssetFormPage') },
];
