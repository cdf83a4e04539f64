import { TeamOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';
import { HOUSEHOLD_READERS } from './household-roles';

export const householdRoutes: ConsoleRoute[] = [
  {
    path: '/households',
    roles: [...HOUSEHOLD_READERS],
    menu: { label: '农户', icon: <TeamOutlined />, order: 15 },
    page: () => import('./HouseholdListPage'),
  },
  {
    path: '/households/:id/trail',
    roles: [...HOUSEHOLD_READERS],
    page: () => import('./HouseholdTrailPage'),
  },
];
