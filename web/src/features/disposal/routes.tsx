import { AuditOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';

export const disposalRoutes: ConsoleRoute[] = [
  {
    path: '/disposals',
    roles: ['DISTRICT_SUPERVISOR'],
    menu: { label: '处置审批', icon: <AuditOutlined />, order: 30 },
    page: () => import('./DisposalApprovalsPage'),
  },
  {
    path: '/disposals/:id',
    roles: ['TOWNSHIP_OFFICER', 'DISTRICT_SUPERVISOR', 'AUDITOR'],
    page: () => import('./DisposalReviewPage'),
  },
];
