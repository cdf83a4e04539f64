import { AuthUser, canWriteRegion, Role } from '@/common/auth';
import { ErrorCode, FieldProblem } from '@/common/errors';
import { addDays, Fen, isLocalDate } from '@/common/scalars';
import { RepairPayer, UpkeepCondition, UpkeepPolicyRules } from './upkeep.entity';

/**
 * The rules of upkeep (管护) that need no database: who records it, what an inspection and a repair must
 * carry, when an ASSET_UPKEEP allocation may pay a repair, when the next inspection is due, and which
 * body and person are responsible. Problems are returned as lists (Chinese messages), refusals as
 * null-or-reason, for the service to throw.
 */

/**
 * Why `user` may not record upkeep of an asset sitting in `locationCode` (null when they may): the
 * clerk of the asset's village; for an asset sitting at a township (no village), that township's
 * officer. Township and district read; they do not write the village's records.
 */
export function writerRefusal(user: AuthUser, locationCode: string): string | null {
  if (!canWriteRegion(user, locationCode)) return '该资产不在您的管辖范围内';
  if (locationCode.length === 12 && user.role === Role.VILLAGE_CLERK) return null;
  if (locationCode.length === 9 && user.role === Role.TOWNSHIP_OFFICER) return null;
  return locationCode.length === 12
    ? '管护记录由资产所在村的村级管理员登记'
    : '乡镇所在资产的管护记录由该乡镇的干部登记';
}

const PHONE = /^[0-9+][0-9 -]{5,28}[0-9]$/;

/** A responsible person's phone: digits (a leading + allowed), spaces and dashes; 7 to 30 characters. */
export function phoneProblems(phone: string | null | undefined, field: string): FieldProblem[] {
  if (phone === null || phone === undefined || phone.trim() === '') return [];
  const p = phone.trim();
  const digits = p.replace(/\D/g, '').length;
  return PHONE.test(p) && digits >= 7 && digits <= 20
    ? []
    : [{ field, message: '电话号码格式不正确（7 至 20 位数字，可含空格或短横线）' }];
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
  if (!isLocalDate(d.inspectedOn)) out.push({ field: `${prefix}inspectedOn`, message: '不是有效的日期' });
  else if (d.inspectedOn > today)
    out.push({ field: `${prefix}inspectedOn`, message: `巡查日期不能晚于今天（${today}）` });
  else if (completionDate && d.inspectedOn < completionDate)
    out.push({
      field: `${prefix}inspectedOn`,
      message: `巡查日期不能早于资产建成日期（${completionDate}）`,
    });
  if (!d.inspector.trim()) out.push({ field: `${prefix}inspector`, message: '须填写巡查人' });
  if ((d.condition === UpkeepCondition.DAMAGED || d.condition === UpkeepCondition.LOST) && !d.notes?.trim()) {
    out.push({ field: `${prefix}notes`, message: '发现损坏或灭失时须说明情况' });
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
  if (!isLocalDate(d.repairedOn)) out.push({ field: `${prefix}repairedOn`, message: '不是有效的日期' });
  else if (d.repairedOn > today)
    out.push({ field: `${prefix}repairedOn`, message: `维修日期不能晚于今天（${today}）` });
  else if (inspection && d.repairedOn < inspection.inspectedOn)
    out.push({
      field: `${prefix}repairedOn`,
      message: `维修日期不能早于发现损坏的巡查日期（${inspection.inspectedOn}）`,
    });
  if (!d.description.trim()) out.push({ field: `${prefix}description`, message: '须说明维修内容' });
  if (d.cost <= 0n) out.push({ field: `${prefix}cost`, message: '维修费用须大于零' });
  if (d.paidBy === RepairPayer.UPKEEP_ALLOCATION && !d.allocationId)
    out.push({
      field: `${prefix}allocationId`,
      message: '由收益分配方案的资产管护资金支付时，须选择对应的分配项',
    });
  if (d.paidBy !== RepairPayer.UPKEEP_ALLOCATION && d.allocationId)
    out.push({
      field: `${prefix}allocationId`,
      message: '只有由资产管护资金支付的维修才能关联分配项',
    });
  if (d.paidBy === RepairPayer.OTHER && !d.payerNote?.trim())
    out.push({ field: `${prefix}payerNote`, message: '付款方为“其他”时须写明由谁支付' });
  if (
    inspection &&
    inspection.condition !== UpkeepCondition.DAMAGED &&
    inspection.condition !== UpkeepCondition.FAIR
  )
    out.push({
      field: `${prefix}inspectionId`,
      message: '只能关联发现“损坏”或“一般”状况的巡查记录',
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
    return { code: ErrorCode.UPKEEP_ALLOCATION_INVALID, message: '所选分配项不是“资产管护”用途' };
  }
  if (a.villageCode !== locationCode) {
    return {
      code: ErrorCode.UPKEEP_ALLOCATION_INVALID,
      message: '所选分配项属于其他村的分配方案，只能使用资产所在村的资产管护资金',
    };
  }
  if (a.planStatus !== 'FILED' && a.planStatus !== 'COMPLETED') {
    return {
      code: ErrorCode.UPKEEP_ALLOCATION_INVALID,
      message: '所选分配项所属的分配方案尚未经乡镇备案，不能支付',
    };
  }
  const left = a.amount - a.used;
  if (cost > left) {
    return {
      code: ErrorCode.UPKEEP_ALLOCATION_EXCEEDED,
      message: `维修费用 ${yuan(cost)} 元超过了该分配项的剩余金额 ${yuan(left < 0n ? 0n : left)} 元`,
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
      out.push({ field: `input.${key}`, message: '巡查周期须在 1 至 3650 天之间' });
  }
  if (!Number.isInteger(input.repairDays) || input.repairDays < 1 || input.repairDays > 365)
    out.push({ field: 'input.repairDays', message: '维修期限须在 1 至 365 天之间' });
  return out;
}
