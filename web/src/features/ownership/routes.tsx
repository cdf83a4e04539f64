import type { ConsoleRoute } from '@web/app/console-route';

export const ownershipRoutes: ConsoleRoute[] = [
  {
    path: '/assets/:id/ownership/new',
    roles: ['VILLAGE_CLERK', 'TOWNSHIP_OFFICER'],
    page: () => import('./ProposeOwnershipPage'),
  },
];
