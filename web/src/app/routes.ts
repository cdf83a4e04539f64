import { authRoutes } from '@web/features/auth/routes';
import { taskRoutes } from '@web/features/tasks/routes';
import type { ConsoleRoute } from './console-route';

/** Every page behind the sign-in, one list per feature folder (append a line for a new feature). */
export const consoleRoutes: ConsoleRoute[] = [...taskRoutes, ...authRoutes];
