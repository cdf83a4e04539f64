/**
 * Field checks of the household forms, in Chinese, before anything is sent: the same rules the API
 * applies (registry number, GB 11643 resident ID number with its check character, telephone number, the
 * dates of a status change and of leaving the monitoring system).
 * Pure: `today` (YYYY-MM-DD, China) is given.
 */
import type { HouseholdStatusKind, MonitoringCategory } from '@web/gql/enums';
import { householdStatusLabels, monitoringCategoryLabels } from '@web/shared/labels/enums';

/** 户籍/建档立卡编号: letters, digits and . _ / - (as the API's REGISTRY_NO). */
const REGISTRY_NO = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
/** A mobile or landline number: digits, optionally a leading + and - or spaces between groups. */
const PHONE = /^\+?\d[\d -]{4,18}\d$/;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** The check character (ISO 7064 MOD 11-2) of the first 17 digits of a resident ID number. */
export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

function isDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** What is wrong with a resident ID number, as a Chinese sentence, or null when it is valid. */
export function idNumberProblem(value: string, today: string): string | null {
  const text = value.trim();
  if (text.length !== 18) return `身份证号须为 18 位（现为 ${text.length} 位）`;
  if (!/^\d{17}[\dXx]$/.test(text)) return '身份证号须为 17 位数字加 1 位数字或 X';
  if (text[0] === '0') return '身份证号前 6 位须为地址码（不能以 0 开头）';
  const birth = `${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}`;
  if (!isDate(birth) || birth < '1900-01-01') return '身份证号第 7–14 位不是有效的出生日期';
  if (birth > today) return '身份证号中的出生日期晚于今天';
  if (idNumberCheckCharacter(text.slice(0, 17)) !== text[17].toUpperCase()) {
    return '身份证号校验位（第 18 位）不符，请核对是否输错';
  }
  return null;
}

/** What is wrong with a telephone number, as a Chinese sentence, or null when it is valid. */
export function phoneProblem(value: string): string | null {
  const text = value.trim();
  if (!PHONE.test(text) || text.length > 20) {
    return '联系电话须为电话号码（数字，可含“-”或空格），如 13800000000 或 023-58000000';
  }
  const digits = text.replace(/\D/g, '');
  if (/^1\d*$/.test(digits) && !text.includes('-') && !text.includes(' ') && digits.length !== 11) {
    return `手机号须为 11 位（现为 ${digits.length} 位）`;
  }
  return null;
}

/** What is wrong with a registry number, as a Chinese sentence, or null when it is valid. */
export function registryNoProblem(value: string): string | null {
  const text = value.trim();
  if (!REGISTRY_NO.test(text)) return '户籍编号须为 1–64 位字母、数字或 . _ / -，以字母或数字开头';
  return null;
}

/** One period of a household's status, as the API's statusHistory gives it. */
export interface StatusPeriod {
  status: HouseholdStatusKind;
  monitoringCategory?: MonitoringCategory | null;
  startedOn: string;
  endedOn?: string | null;
}

/** A status and its 监测类别, in words: 监测户（边缘易致贫户）. */
export function statusName(period: Pick<StatusPeriod, 'status' | 'monitoringCategory'>): string {
  const category = period.monitoringCategory ? monitoringCategoryLabels[period.monitoringCategory] : null;
  return category
    ? `${householdStatusLabels[period.status]}（${category}）`
    : householdStatusLabels[period.status];
}

/**
 * What is wrong with a new status from `startedOn` (变更状态), as changeHouseholdStatus checks it: not in
 * the future, not the status the household has already, after the start of the current status, or after
 * the day a household that left the monitoring system left it. `history` is oldest first. Null when fine.
 */
export function statusChangeProblem(
  change: StatusPeriod,
  history: readonly StatusPeriod[],
  today: string,
): { field: 'status' | 'startedOn'; message: string } | null {
  if (change.startedOn > today) return { field: 'startedOn', message: '起始日期不能晚于今天' };
  const current = history.find((s) => !s.endedOn);
  const last = history[history.length - 1];
  if (current) {
    if (
      current.status === change.status &&
      (current.monitoringCategory ?? null) === (change.monitoringCategory ?? null)
    ) {
      return { field: 'status', message: `该农户自 ${current.startedOn} 起已是${statusName(current)}` };
    }
    if (change.startedOn <= current.startedOn) {
      return {
        field: 'startedOn',
        message: `起始日期须晚于当前户类型的起始日期（${current.startedOn}）`,
      };
    }
  } else if (last?.endedOn && change.startedOn <= last.endedOn) {
    return { field: 'startedOn', message: `起始日期须晚于该农户退出监测的日期（${last.endedOn}）` };
  }
  return null;
}

/**
 * What is wrong with the last day of the current status (退出监测), as endHouseholdStatus checks it: not in
 * the future, not before the current status began. Null when fine.
 */
export function statusEndProblem(endedOn: string, current: StatusPeriod, today: string): string | null {
  if (endedOn > today) return '终止日期不能晚于今天';
  if (endedOn < current.startedOn) return `终止日期不能早于当前户类型的起始日期（${current.startedOn}）`;
  return null;
}
