import { Asset, AssetFundSource } from '@/assets/asset.entity';
import { AssetImport } from '@/assets/excel/asset-import.entity';
import { AssetCategory } from '@/categories/asset-category.entity';
import { EvidenceFile } from '@/files/evidence-file.entity';
import { Ledger, LedgerCheckpoint, LedgerEntry, LedgerNode } from '@/ledger/ledger.entity';
import { LEDGER_EXTRA_ENTITIES } from '@/ledger/ledger-entities';
import { Region } from '@/regions/region.entity';
import { SeedRun } from '@/seed/seed-run.entity';
import { User } from '@/users/user.entity';
import { LoginThrottle } from '@/auth/login-throttle.entity';
import { IdempotencyKey } from '@/database/idempotency/idempotency-key.entity';
import {
  AssetOwnership,
  OwnershipObjection,
  OwnershipPolicyVersion,
  OwnershipProposal,
  OwnershipProposalOwner,
} from '@/ownership/ownership.entity';
import { Project, ProjectFundSource } from '@/projects/project.entity';
import { Household, HouseholdStatus } from '@/households/household.entity';
import { HouseholdImport } from '@/households/excel/household-import.entity';
import { Inventory, InventoryItem, InventorySignOff } from '@/inventory/inventory.entity';
import { IncomeRecord, IncomeShare } from '@/income/income.entity';
import { DisposalPolicyVersion, DisposalRequest, DisposalReview } from '@/disposal/disposal.entity';
import { DisclosureLink } from '@/disclosure/disclosure-link.entity';
import { Contract, ContractAsset, ContractVersion, Operator } from '@/contracts/contract.entity';
import {
  DistributionAllocation,
  DistributionBeneficiary,
  DistributionPayout,
  DistributionPlan,
  DistributionPlanIncome,
  DistributionPolicyVersion,
} from '@/distribution/distribution.entity';
import { UpkeepDuty, UpkeepInspection, UpkeepPolicyVersion, UpkeepRepair } from '@/upkeep/upkeep.entity';

/**
 * Every TypeORM entity, in one list. It lives at the composition root because only the root knows every
 * feature: AppModule hands it to DatabaseModule, ormconfig.ts to the migration CLI.
 */
export const ENTITIES = [
  Region,
  User,
  LoginThrottle,
  IdempotencyKey,
  SeedRun,
  Ledger,
  LedgerEntry,
  LedgerNode,
  LedgerCheckpoint,
  EvidenceFile,
  AssetCategory,
  Project,
  ProjectFundSource,
  Asset,
  AssetFundSource,
  OwnershipProposal,
  OwnershipProposalOwner,
  OwnershipObjection,
  OwnershipPolicyVersion,
  AssetOwnership,
  AssetImport,
  Household,
  HouseholdStatus,
  HouseholdImport,
  Inventory,
  InventoryItem,
  InventorySignOff,
  IncomeRecord,
  IncomeShare,
  DistributionPolicyVersion,
  DistributionPlan,
  DistributionPlanIncome,
  DistributionAllocation,
  DistributionBeneficiary,
  DistributionPayout,
  DisposalPolicyVersion,
  DisposalRequest,
  DisposalReview,
  DisclosureLink,
  UpkeepPolicyVersion,
  UpkeepDuty,
  UpkeepInspection,
  UpkeepRepair,
  Operator,
  Contract,
  ContractAsset,
  ContractVersion,
  ...LEDGER_EXTRA_ENTITIES,
];
