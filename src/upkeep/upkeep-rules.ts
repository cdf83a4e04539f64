import { AuthUser, canWriteRegion, Role } from '@/common/auth';
import { ErrorCode, FieldProblem } from '@/common/errors';
import { addDays, Fen, isLocalDate } from '@/common/scalars';
import { RepairPayer, UpkeepCondition, UpkeepPolicyRules } from './upkeep.entity';

/**
 * The rules of upkeep (管护) that need no database: who records it, what an inspection and a repair must
 * carry, when an ASSET_UPKEEP allocation may pay a repair, when the next inspection is due, and which
 * body and person are responsible. Problems are returned as lists (English messages, in Chinese through
 * the i18n tables), refusals as null-or-reason, for the service to throw.
 */

/**
 * Why `user` may not record upkeep of an asset sitting in `locationCode` (null when they may): the
 * clerk of the asset's village; for an asset sitting at a township (no village), that township's
 * officer. Township and district read; they do not write the village's records.
 */
export function writerRefusal(user: AuthUser, locationCode: string): string | null {
  if (!canWriteRegion(user, locationCode)) return 'The asset is outside your region';
  if (locationCode.length === 12 && user.role === Role.VILLAGE_CLERK) return null;
  if (locationCode.length === 9 && user.role === Role.TOWNSHIP_OFFICER) return null;
  return locationCode.length === 12
    ? "Upkeep is recorded by the clerk of the asset's village"
    : "The upkeep of an asset at a township is recorded by that township's officer";
}

const PHONE = /^[0-9+][0-9 -]{5,28}[0-9]$/;

/** A responsible person's phone: digits (a leading + allowed), spaces and dashes; 7 to 30 characters. */
export function phoneProblems(phone: string | null | undefined, field: string): FieldProblem[] {
  if (phone === null || phone === undefined || phone.trim() === '') return [];
  const p = phone.trim();
  const digits = p.replace(/\D/g, '').length;
  return PHONE.test(p) && digits >= 7 && digits <= 20
    ? []
    : [{ field, message: 'is not a telephone number (7 to 20 digits, spaces or dashes allowed)' }];
}

export interface InspectionDraft {
  inspectedOn: string;
  inspector: string;
  condition: UpkeepCondition;
  notes?: string | null;
}

/**
 * An inspection: a real date, not in the future and not before the asset was completed; an inspector;
 * a note saying what is wrong when the asset is found damaged or lost.
 */
export function inspectionProblems(
  d: InspectionDraft,
  today: string,
  completionDate: string | null,
  prefix = 'input.',
): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!isLocalDate(d.inspectedOn)) out.push({ field: `${prefix}inspectedOn`, message: 'not a date' });
  else if (d.inspectedOn > today)
    out.push({
      field: `${prefix}inspectedOn`,
      message: `the inspection date must not be after today (${today})`,
    });
  else if (completionDate && d.inspectedOn < completionDate)
    out.push({
      field: `${prefix}inspectedOn`,
      message: `the inspection date must not be before the asset's completion date (${completionDate})`,
    });
  if (!d.inspector.trim()) out.push({ field: `${prefix}inspector`, message: 'the inspector is required' });
  if ((d.condition === UpkeepCondition.DAMAGED || d.condition === UpkeepCondition.LOST) && !d.notes?.trim()) {
    out.push({
      field: `${prefix}notes`,
      message: 'say what is wrong when the asset is found damaged or lost',
    });
  }
  return out;
}

export interface RepairDraft {
  repairedOn: string;
  description: string;
  cost: Fen;
  paidBy: RepairPayer;
  allocationId?: string | null;
  payerNote?: string | null;
}

/**
 * A repair: a real date not in the future (and not before the inspection it answers), what was done,
 * a cost above zero, and an allocation exactly when an ASSET_UPKEEP allocation paid; "other" payers
 * are named.
 */
export function repairProblems(
  d: RepairDraft,
  today: string,
  inspection: { inspectedOn: string; condition: UpkeepCondition } | null,
  prefix = 'input.',
): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!isLocalDate(d.repairedOn)) out.push({ field: `${prefix}repairedOn`, message: 'not a date' });
  else if (d.repairedOn > today)
    out.push({ field: `${prefix}repairedOn`, message: `the repair date must not be after today (${today})` });
  else if (inspection && d.repairedOn < inspection.inspectedOn)
    out.push({
      field: `${prefix}repairedOn`,
      message: `the repair date must not be before the inspection that found the damage (${inspection.inspectedOn})`,
    });
  if (!d.description.trim()) out.push({ field: `${prefix}description`, message: 'say what was repaired' });
  if (d.cost <= 0n) out.push({ field: `${prefix}cost`, message: 'the repair cost must be more than zero' });
  if (d.paidBy === RepairPayer.UPKEEP_ALLOCATION && !d.allocationId)
    out.push({
      field: `${prefix}allocationId`,
      message: 'a repair paid from the upkeep funds of a distribution plan needs the allocation that pays it',
    });
  if (d.paidBy !== RepairPayer.UPKEEP_ALLOCATION && d.allocationId)
    out.push({
      field: `${prefix}allocationId`,
      message: 'only a repair paid from the upkeep funds of a distribution plan has an allocation',
    });
  if (d.paidBy === RepairPayer.OTHER && !d.payerNote?.trim())
    out.push({ field: `${prefix}payerNote`, message: 'say who paid when the payer is OTHER' });
  if (
    inspection &&
    inspection.condition !== UpkeepCondition.DAMAGED &&
    inspection.condition !== UpkeepCondition.FAIR
  )
    out.push({
      field: `${prefix}inspectionId`,
      message: 'a repair answers only an inspection that found the asset DAMAGED or FAIR',
    });
  return out;
}

/** An allocation of a distribution plan, as a repair would draw on it. */
export interface AllocationForRepair {
  channel: string;
  villageCode: string;
  planStatus: string;
  amount: Fen;
  /** Already drawn: repairs paid from it and payouts recorded against it. */
  used: Fen;
}

/**
 * Why the allocation may not pay `cost` of a repair of an asset sitting in `locationCode` (null when it
 * may): it must be an ASSET_UPKEEP allocation, of a plan of the asset's own village that the township
 * has filed (or that is completed), with enough left.
 */
export function allocationRefusal(
  a: AllocationForRepair,
  locationCode: string,
  cost: Fen,
): { code: ErrorCode; message: string } | null {
  if (a.channel !== 'ASSET_UPKEEP') {
    return {
      code: ErrorCode.UPKEEP_ALLOCATION_INVALID,
      message: 'the allocation is not for asset upkeep (ASSET_UPKEEP)',
    };
  }
  if (a.villageCode !== locationCode) {
    return {
      code: ErrorCode.UPKEEP_ALLOCATION_INVALID,
      message:
        "the allocation belongs to another village's plan: only the upkeep funds of the asset's own village can pay",
    };
  }
  if (a.planStatus !== 'FILED' && a.planStatus !== 'COMPLETED') {
    return {
      code: ErrorCode.UPKEEP_ALLOCATION_INVALID,
      message: "the allocation's plan has not been filed by the township: it cannot pay yet",
    };
  }
  const left = a.amount - a.used;
  if (cost > left) {
    return {
      code: ErrorCode.UPKEEP_ALLOCATION_EXCEEDED,
      message: `the repair cost of ${yuan(cost)} yuan is more than the ${yuan(left < 0n ? 0n : left)} yuan left of the allocation`,
    };
  }
  return null;
}

function yuan(fen: Fen): string {
  return `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
}

/** The inspection period (days) of an asset class under the policy. */
export function inspectionDays(rules: UpkeepPolicyRules, assetClass: string): number {
  return rules.inspectionDays[assetClass] ?? 365;
}

/**
 * The day the next inspection is due: the last inspection plus the class's period; an asset never
 * inspected counts from the later of the cycle's start and its handover.
 */
export function inspectionDueOn(
  rules: UpkeepPolicyRules,
  assetClass: string,
  lastInspectedOn: string | null,
  handoverDate: string | null,
): string {
  const from =
    lastInspectedOn ?? (handoverDate && handoverDate > rules.cycleStart ? handoverDate : rules.cycleStart);
  return addDays(from, inspectionDays(rules, assetClass));
}

/** The day damage found on `inspectedOn` must be repaired by. */
export function repairDueOn(rules: UpkeepPolicyRules, inspectedOn: string): string {
  return addDays(inspectedOn, rules.repairDays);
}

/** Where the responsible body and person shown for an asset come from. */
export enum DutySource {
  UPKEEP_DUTY = 'UPKEEP_DUTY',
  ASSET_REGISTER = 'ASSET_REGISTER',
  NONE = 'NONE',
}

/**
 * The responsible body and person of an asset: the upkeep duty's when one is recorded (it supersedes
 * the register's text fields), else the asset's managementEntity / managementResponsible.
 */
export function effectiveResponsibility(
  duty: { body: string; person: string } | null,
  asset: { managementEntity: string | null; managementResponsible: string | null },
): { body: string | null; person: string | null; source: DutySource } {
  if (duty) return { body: duty.body, person: duty.person, source: DutySource.UPKEEP_DUTY };
  if (asset.managementEntity || asset.managementResponsible) {
    return {
      body: asset.managementEntity,
      person: asset.managementResponsible,
      source: DutySource.ASSET_REGISTER,
    };
  }
  return { body: null, person: null, source: DutySource.NONE };
}

/** Policy input: every period between 1 day and 10 years, repairs within a year. */
export function policyProblems(input: {
  operatingInspectionDays: number;
  publicWelfareInspectionDays: number;
  householdInspectionDays: number;
  repairDays: number;
}): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const key of [
    'operatingInspectionDays',
    'publicWelfareInspectionDays',
    'householdInspectionDays',
  ] as const) {
    const v = input[key];
    if (!Number.isInteger(v) || v < 1 || v > 3650)
      out.push({ field: `input.${key}`, message: 'the inspection interval must be between 1 and 3650 days' });
  }
  if (!Number.isInteger(input.repairDays) || input.repairDays < 1 || input.repairDays > 365)
    out.push({ field: 'input.repairDays', message: 'the repair deadline must be between 1 and 365 days' });
  return out;
}
