import { FileSearchOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';

export const inventoryRoutes: ConsoleRoute[] = [
  {
    path: '/inventory',
    // Auditors read it (progress, discrepancies, the 清查差异表) without its actions.
    roles: ['VILLAGE_CLERK', 'TOWNSHIP_OFFICER', 'DISTRICT_SUPERVISOR', 'AUDITOR'],
    menu: { label: '年度清查', icon: <FileSearchOutlined />, order: 25 },
    page: () => import('./InventoryPage'),
  },
];
