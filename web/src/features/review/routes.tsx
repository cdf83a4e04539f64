import { CheckSquareOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';

export const reviewRoutes: ConsoleRoute[] = [
  {
    path: '/review',
    roles: ['TOWNSHIP_OFFICER', 'DISTRICT_SUPERVISOR'],
    menu: { label: '审核待办', icon: <CheckSquareOutlined />, order: 20 },
    page: () => import('./ReviewQueuePage'),
  },
];
