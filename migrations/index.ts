import { Initial1795910400000, LEDGER_TABLES } from './1795910400000-Initial';

/** Every migration, in order. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [Initial1795910400000];

export { LEDGER_TABLES };
