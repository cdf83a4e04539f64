import { NotificationOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';
import { DISCLOSURE_READERS } from './disclosure-roles';

export const disclosureRoutes: ConsoleRoute[] = [
  {
    path: '/disclosures',
    roles: [...DISCLOSURE_READERS],
    menu: { label: '年度公示', icon: <NotificationOutlined />, order: 24 },
    page: () => import('./DisclosurePage'),
  },
];
