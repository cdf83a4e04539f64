import { AuditOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';
import { DISPOSAL_PAGE_READERS } from '@web/shared/auth/disposal-roles';

export const disposalRoutes: ConsoleRoute[] = [
  {
    path: '/disposals',
    roles: ['DISTRICT_SUPERVISOR'],
    menu: { label: '处置审批', icon: <AuditOutlined />, order: 30 },
    page: () => import('./DisposalApprovalsPage'),
  },
  // The owner applies (see requester-rules.ts); the requester changes a returned request.
  {
    path: '/assets/:id/disposal/new',
    roles: ['VILLAGE_CLERK', 'TOWNSHIP_OFFICER', 'DISTRICT_SUPERVISOR'],
    page: () => import('./RequestDisposalPage'),
  },
  {
    path: '/assets/:id/disposal/:requestId/edit',
    roles: ['VILLAGE_CLERK', 'TOWNSHIP_OFFICER', 'DISTRICT_SUPERVISOR'],
    page: () => import('./RequestDisposalPage'),
  },
  {
    path: '/disposals/:id',
    roles: [...DISPOSAL_PAGE_READERS],
    page: () => import('./DisposalReviewPage'),
  },
];
