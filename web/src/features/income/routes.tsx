import { AccountBookOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';

export const incomeRoutes: ConsoleRoute[] = [
  {
    path: '/income',
    roles: ['VILLAGE_CLERK', 'TOWNSHIP_OFFICER', 'DISTRICT_SUPERVISOR', 'AUDITOR'],
    menu: { label: '收益', icon: <AccountBookOutlined />, order: 20 },
    page: () => import('./IncomePage'),
  },
  {
    path: '/income/:id',
    roles: ['VILLAGE_CLERK', 'TOWNSHIP_OFFICER', 'DISTRICT_SUPERVISOR', 'AUDITOR'],
    page: () => import('./IncomeRecordPage'),
  },
];
