import { TagsOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';

export const categoryRoutes: ConsoleRoute[] = [
  {
    path: '/admin/categories',
    roles: ['ADMIN'],
    menu: { label: '资产分类', icon: <TagsOutlined />, order: 82 },
    page: () => import('./CategoriesPage'),
  },
];
