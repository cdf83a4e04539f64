import { assetRoutes } from '@web/features/assets/routes';
import { auditRoutes } from '@web/features/audit/routes';
import { authRoutes } from '@web/features/auth/routes';
import { categoryRoutes } from '@web/features/categories/routes';
import { contractRoutes } from '@web/features/contracts/routes';
import { disclosureRoutes } from '@web/features/disclosure/routes';
import { disposalRoutes } from '@web/features/disposal/routes';
import { householdRoutes } from '@web/features/households/routes';
import { importRoutes } from '@web/features/imports/routes';
import { distributionRoutes } from '@web/features/distribution/routes';
import { incomeRoutes } from '@web/features/income/routes';
import { inventoryRoutes } from '@web/features/inventory/routes';
import { ledgerRoutes } from '@web/features/ledger/routes';
import { ownershipRoutes } from '@web/features/ownership/routes';
import { policyRoutes } from '@web/features/policies/routes';
import { projectRoutes } from '@web/features/projects/routes';
import { regionRoutes } from '@web/features/regions/routes';
import { reviewRoutes } from '@web/features/review/routes';
import { supervisionRoutes } from '@web/features/supervision/routes';
import { taskRoutes } from '@web/features/tasks/routes';
import { userRoutes } from '@web/features/users/routes';
import type { ConsoleRoute } from './console-route';

/** Every page behind the sign-in, one list per feature folder (append a line for a new feature). */
export const consoleRoutes: ConsoleRoute[] = [
  ...taskRoutes,
  ...authRoutes,
  ...assetRoutes,
  ...projectRoutes,
  ...incomeRoutes,
  ...ownershipRoutes,
  ...userRoutes,
  ...regionRoutes,
  ...categoryRoutes,
  ...reviewRoutes,
  ...disposalRoutes,
  ...supervisionRoutes,
  ...policyRoutes,
  ...inventoryRoutes,
  ...auditRoutes,
  ...ledgerRoutes,
  ...householdRoutes,
  ...importRoutes,
  ...distributionRoutes,
  ...contractRoutes,
  ...disclosureRoutes,
];
