import { AlertOutlined, BarChartOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';

const SUPERVISORS = ['TOWNSHIP_OFFICER', 'DISTRICT_SUPERVISOR', 'AUDITOR'] as const;

export const supervisionRoutes: ConsoleRoute[] = [
  {
    path: '/supervision',
    roles: [...SUPERVISORS],
    menu: { label: '监管看板', icon: <BarChartOutlined />, order: 40 },
    page: () => import('./SupervisionDashboardPage'),
  },
  // A village's clerk reads the village's own red flags (the home page lists the first few).
  {
    path: '/red-flags',
    roles: ['VILLAGE_CLERK', ...SUPERVISORS],
    menu: { label: '风险预警', icon: <AlertOutlined />, order: 41 },
    page: () => import('./RedFlagsPage'),
  },
];
