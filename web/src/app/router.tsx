import { createBrowserRouter, type RouteObject } from 'react-router';
import { ConsoleLayout } from './ConsoleLayout';
import { PageError } from './PageError';
import { PageLoading } from './PageLoading';
import { RequireSession } from './RequireSession';
import { RoleGate } from './RoleGate';
import { consoleRoutes } from './routes';

const pages: RouteObject[] = consoleRoutes.map((r) => ({
  path: r.path === '/' ? undefined : r.path.slice(1),
  index: r.path === '/' ? true : undefined,
  errorElement: <PageError />,
  lazy: async () => {
    const { default: Page } = await r.page();
    return {
      Component: () => (
        <RoleGate roles={r.roles}>
          <Page />
        </RoleGate>
      ),
    };
  },
}));

export const router = createBrowserRouter([
  {
    path: '/login',
    lazy: async () => ({ Component: (await import('@web/features/auth/LoginPage')).default }),
  },
  {
    path: '/',
    element: (
      <RequireSession>
        <ConsoleLayout />
      </RequireSession>
    ),
    hydrateFallbackElement: <PageLoading />,
    children: [
      ...pages,
      { path: '*', lazy: async () => ({ Component: (await import('./NotFoundPage')).default }) },
    ],
  },
]);
