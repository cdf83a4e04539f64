import { FundOutlined, MoneyCollectOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';
import { PLAN_READERS, PLAN_WRITERS } from './plan-roles';

export const distributionRoutes: ConsoleRoute[] = [
  {
    path: '/distribution',
    roles: [...PLAN_READERS],
    menu: { label: '收益分配', icon: <MoneyCollectOutlined />, order: 21 },
    page: () => import('./PlanListPage'),
  },
  {
    // Beside 项目: the trail starts where the money came in (fund source → project → asset → …).
    path: '/money-trail',
    roles: [...PLAN_READERS],
    menu: { label: '资金流向', icon: <FundOutlined />, order: 13 },
    page: () => import('./FundTrailPage'),
  },
  { path: '/distribution/new', roles: [...PLAN_WRITERS], page: () => import('./PlanWizardPage') },
  { path: '/distribution/:id', roles: [...PLAN_READERS], page: () => import('./PlanPage') },
];
