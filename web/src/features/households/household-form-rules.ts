/**
 * Field checks of the household form, in Chinese, before anything is sent: the same rules the API
 * applies (registry number, GB 11643 resident ID number with its check character, telephone number).
 * Pure: `today` (YYYY-MM-DD, China) is given.
 */

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
