import type { ComponentType, ReactNode } from 'react';
import type { Role } from '@web/gql/enums';

/**
 * A page of the console, declared by its feature folder (features/<feature>/routes.tsx) and collected in
 * app/routes.ts. The page itself is loaded only when it is opened (one chunk per page).
 */
export interface ConsoleRoute {
  /** Absolute path, e.g. '/assets/:id'. */
  path: string;
  /** Who may open it; absent = every signed-in user. */
  roles?: Role[];
  /** An entry in the side menu, for the roles above. */
  menu?: { label: string; icon: ReactNode; order: number };
  page: () => Promise<{ default: ComponentType }>;
}
