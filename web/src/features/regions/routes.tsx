import { ApartmentOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';

export const regionRoutes: ConsoleRoute[] = [
  {
    path: '/admin/regions',
    roles: ['ADMIN'],
    menu: { label: '区域管理', icon: <ApartmentOutlined />, order: 81 },
    page: () => import('./RegionsPage'),
  },
];
