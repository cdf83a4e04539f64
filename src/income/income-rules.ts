import { AuthUser, Role } from '@/common/auth';
import { FieldProblem } from '@/common/errors';
import { allocateByWeights } from '@/common/money/allocate';
import { Fen, isLocalDate } from '@/common/scalars';
import { OwnerType } from '@/ownership/ownership.entity';
import { CODE_LENGTH, RegionLevel } from '@/regions/region-level.enum';

/**
 * The rules of income that need no database: the dates of a record, who reads and who records income
 * of an asset, how an amount is split between the asset's owners, and when a record may no longer be
 * reversed.
 */

/** An owner of an asset as income sees it (shares in basis points, 10000 = 100 %). */
export interface IncomeOwner {
  ownerType: OwnerType;
  ownerRef: string;
  shareBp: number;
}

/** One owner's part of an income record. */
export interface IncomeSharePart extends IncomeOwner {
  position: number;
  /** The owning village, when the owner is a village collective (whose income it is to distribute). */
  villageCode: string | null;
  amount: Fen;
}

/** Problems of the dates of an income record (fields named as the input: `input.periodTo`). */
export function incomeDateProblems(
  input: { periodFrom: string; periodTo: string; receivedOn: string },
  today: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['periodFrom', 'periodTo', 'receivedOn'] as const) {
    if (!isLocalDate(input[field])) problems.push({ field: `input.${field}`, message: 'not a date' });
  }
  if (input.periodTo < input.periodFrom) {
    problems.push({
      field: 'input.periodTo',
      message: `the period ends (${input.periodTo}) before it starts`,
    });
  }
  if (input.receivedOn > today) {
    problems.push({ field: 'input.receivedOn', message: `${input.receivedOn} is in the future` });
  }
  return problems;
}

/**
 * Why `user` may not record (or reverse) income of the asset (null when they may): the clerk of the
 * village where it is, or an officer of the township it is in (or at). A village that co-owns it
 * elsewhere reads its records (readRegionVia) and does not write them: an asset's income is recorded
 * once, where it is, and split between its owners.
 */
export function incomeWriterRefusal(
  user: AuthUser,
  asset: { code: string; locationCode: string },
): string | null {
  const ok =
    (user.role === Role.VILLAGE_CLERK && user.regionCode === asset.locationCode) ||
    (user.role === Role.TOWNSHIP_OFFICER &&
      user.regionCode.length === CODE_LENGTH[RegionLevel.TOWNSHIP] &&
      asset.locationCode.startsWith(user.regionCode));
  return ok
    ? null
    : `Income of ${asset.code} is recorded by the clerk of the village where it is or an officer of its township`;
}

/**
 * Whose income an amount of the asset at `locationCode` is: its confirmed owners, or, before any
 * ownership is confirmed, the village (or township) where it sits, in full.
 */
export function incomeOwners(locationCode: string, owners: readonly IncomeOwner[]): IncomeOwner[] {
  if (owners.length > 0)
    return owners.map((o) => ({ ownerType: o.ownerType, ownerRef: o.ownerRef, shareBp: o.shareBp }));
  return [
    {
      ownerType: locationCode.length === 12 ? OwnerType.VILLAGE_COLLECTIVE : OwnerType.TOWNSHIP,
      ownerRef: locationCode,
      shareBp: 10_000,
    },
  ];
}

/** Splits `amount` between the owners by share, to the fen (largest remainder). */
export function incomeShares(amount: Fen, owners: readonly IncomeOwner[]): IncomeSharePart[] {
  const amounts = allocateByWeights(
    amount,
    owners.map((o) => o.shareBp),
  );
  return owners.map((o, position) => ({
    ...o,
    position,
    villageCode: o.ownerType === OwnerType.VILLAGE_COLLECTIVE ? o.ownerRef : null,
    amount: amounts[position],
  }));
}

/**
 * The first village whose plans already spend the income a reversal would take back (null when the
 * reversal may go ahead): after it, the village's distributable income must still cover its plans.
 */
export function reversalBlockedBy(
  shares: ReadonlyArray<{ villageCode: string | null; amount: Fen }>,
  balances: ReadonlyMap<string, { distributable: Fen; planned: Fen }>,
): string | null {
  for (const share of shares) {
    if (!share.villageCode) continue;
    const b = balances.get(share.villageCode);
    if (b && b.distributable - share.amount < b.planned) return share.villageCode;
  }
  return null;
}
