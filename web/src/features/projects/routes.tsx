import { BuildOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';
import { PROJECT_READERS, PROJECT_WRITERS } from '@web/shared/projects/project-roles';

export const projectRoutes: ConsoleRoute[] = [
  {
    path: '/projects',
    roles: [...PROJECT_READERS],
    menu: { label: '项目', icon: <BuildOutlined />, order: 12 },
    page: () => import('./ProjectListPage'),
  },
  { path: '/projects/new', roles: [...PROJECT_WRITERS], page: () => import('./ProjectFormPage') },
  { path: '/projects/:id', roles: [...PROJECT_READERS], page: () => import('./ProjectPage') },
  { path: '/projects/:id/edit', roles: [...PROJECT_WRITERS], page: () => import('./ProjectFormPage') },
];
