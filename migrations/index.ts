import { Initial1795910400000, LEDGER_TABLES as INITIAL_LEDGER_TABLES } from './1795910400000-Initial';
import { EvidenceFiles1795910500000 } from './1795910500000-EvidenceFiles';
import { AssetRegister1795910600000 } from './1795910600000-AssetRegister';
import { AssetImport1795910700000 } from './1795910700000-AssetImport';
import { Households1795910800000 } from './1795910800000-Households';
import { IncomeDistribution1795910900000 } from './1795910900000-IncomeDistribution';
import { Disposal1795911000000 } from './1795911000000-Disposal';
import { Inventory1795911100000 } from './1795911100000-Inventory';
import { Disclosure1795911200000 } from './1795911200000-Disclosure';
import { LedgerCheckpointChain1795911310000 } from './1795911310000-LedgerCheckpointChain';
import { Witnesses1795911320000 } from './1795911320000-Witnesses';
import { LoginThrottle1795911340000 } from './1795911340000-LoginThrottle';
import { HouseholdPhoneDigest1795911350000 } from './1795911350000-HouseholdPhoneDigest';
import { OwnershipPublicityBackdating1795911360000 } from './1795911360000-OwnershipPublicityBackdating';
import { IdempotencyKeys1795911380000 } from './1795911380000-IdempotencyKeys';
import { PayoutsAndMoneyTrail1795911460000 } from './1795911460000-PayoutsAndMoneyTrail';
import { AssetLedgerColumns1795911470000 } from './1795911470000-AssetLedgerColumns';
import { UpkeepAndVillages1795911500000 } from './1795911500000-UpkeepAndVillages';
import { OperatorsAndContracts1795911520000 } from './1795911520000-OperatorsAndContracts';
import { LedgerVerificationRuns1795911540000 } from './1795911540000-LedgerVerificationRuns';
import { OwnershipNoticeOnLedger1795911560000 } from './1795911560000-OwnershipNoticeOnLedger';
import { DisposalProceedsIndex1795911580000 } from './1795911580000-DisposalProceedsIndex';
import { OwnershipOwnerIndex1795911600000 } from './1795911600000-OwnershipOwnerIndex';

/** Every migration, in order. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [
  Initial1795910400000,
  EvidenceFiles1795910500000,
  AssetRegister1795910600000,
  AssetImport1795910700000,
  Households1795910800000,
  IncomeDistribution1795910900000,
  Disposal1795911000000,
  Inventory1795911100000,
  Disclosure1795911200000,
  LedgerCheckpointChain1795911310000,
  Witnesses1795911320000,
  LoginThrottle1795911340000,
  HouseholdPhoneDigest1795911350000,
  OwnershipPublicityBackdating1795911360000,
  IdempotencyKeys1795911380000,
  PayoutsAndMoneyTrail1795911460000,
  AssetLedgerColumns1795911470000,
  UpkeepAndVillages1795911500000,
  OperatorsAndContracts1795911520000,
  LedgerVerificationRuns1795911540000,
  OwnershipNoticeOnLedger1795911560000,
  DisposalProceedsIndex1795911580000,
  OwnershipOwnerIndex1795911600000,
];

/** Insert-only tables: the ledger's, its alarms, and witnesses' cosignatures and refusals. */
export const LEDGER_TABLES = [
  ...INITIAL_LEDGER_TABLES,
  'ledger_alarm',
  'witness_cosignature',
  'witness_refusal',
];
