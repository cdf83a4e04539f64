import type { ConsoleRoute } from '@web/app/console-route';

/** The sign-in page itself is outside the layout (app/router.tsx); these pages are inside it. */
export const authRoutes: ConsoleRoute[] = [
  { path: '/account/password', page: () => import('./ChangePasswordPage') },
];
