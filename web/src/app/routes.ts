import { assetRoutes } from '@web/features/assets/routes';
import { auditRoutes } from '@web/features/audit/routes';
import { authRoutes } from '@web/features/auth/routes';
import { categoryRoutes } from '@web/features/categories/routes';
import { ledgerRoutes } from '@web/features/ledger/routes';
import { regionRoutes } from '@web/features/regions/routes';
import { taskRoutes } from '@web/features/tasks/routes';
import { userRoutes } from '@web/features/users/routes';
import type { ConsoleRoute } from './console-route';

/** Every page behind the sign-in, one list per feature folder (append a line for a new feature). */
export const consoleRoutes: ConsoleRoute[] = [
  ...taskRoutes,
  ...authRoutes,
  ...assetRoutes,
  ...auditRoutes,
  ...userRoutes,
  ...regionRoutes,
  ...categoryRoutes,
  ...ledgerRoutes,
];
