import { LedgerAlarm } from './ledger.entity';
import { LedgerVerificationRun } from './verification-run/verification-run.entity';
import { WITNESS_ENTITIES } from './witness/witness.entity';

/** Ledger entities beyond the four core tables (listed once in the app's entity list). */
export const LEDGER_EXTRA_ENTITIES = [LedgerAlarm, ...WITNESS_ENTITIES, LedgerVerificationRun];
