import { ShopOutlined, SolutionOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';

const READERS = ['VILLAGE_CLERK', 'TOWNSHIP_OFFICER', 'DISTRICT_SUPERVISOR', 'AUDITOR'] as const;

export const contractRoutes: ConsoleRoute[] = [
  {
    path: '/contracts',
    roles: [...READERS],
    menu: { label: '经营合同', icon: <SolutionOutlined />, order: 22 },
    page: () => import('./ContractsPage'),
  },
  {
    path: '/contracts/:id',
    roles: [...READERS],
    page: () => import('./ContractPage'),
  },
  {
    path: '/operators',
    roles: [...READERS],
    menu: { label: '经营主体', icon: <ShopOutlined />, order: 23 },
    page: () => import('./OperatorsPage'),
  },
];
