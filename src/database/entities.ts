import { Ledger, LedgerCheckpoint, LedgerEntry, LedgerNode } from '@/ledger/ledger.entity';
import { Region } from '@/regions/region.entity';
import { SeedRun } from '@/seed/seed-run.entity';
import { LoginFailure, User } from '@/users/user.entity';

/** Every TypeORM entity, in one list (the app, the migration CLI and the tests share it). */
export const ENTITIES = [
  Region,
  User,
  LoginFailure,
  SeedRun,
  Ledger,
  LedgerEntry,
  LedgerNode,
  LedgerCheckpoint,
];
