/**
 * Resident identity card numbers (公民身份号码, GB 11643-1999): 6 digits of the address code, 8 of the
 * date of birth (YYYYMMDD), 3 of the sequence, and a check character computed with ISO 7064 MOD 11-2
 * over the first 17 digits ('X' stands for 10).
 *
 * The register keeps the number as given (trimmed); it is shown in full only to the people who make
 * payouts (see `HouseholdsService`), masked to everyone else, and the audit ledger holds only the mask
 * and a salted SHA-256 digest.
 */
import { createHash, randomBytes } from 'node:crypto';
import { isLocalDate } from '@/common/scalars';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** The check character of the first 17 digits. */
export function idNumberCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('the first 17 characters must be digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/**
 * What is wrong with an 18-character resident ID number, in words for the person who typed it, or
 * null when it is valid. `today` bounds the date of birth. The messages never repeat the number.
 */
export function idNumberProblem(text: string, today: string): string | null {
  if (text.length !== 18) return `must have 18 characters (it has ${text.length})`;
  if (!/^\d{17}[\dXx]$/.test(text)) return 'must be 17 digits followed by a digit or X';
  if (text[0] === '0') return 'does not start with an address code (the first digit is 0)';
  const birth = `${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}`;
  if (!isLocalDate(birth) || birth < '1900-01-01') return 'characters 7–14 are not a date of birth';
  if (birth > today) return 'the date of birth (characters 7–14) is in the future';
  if (idNumberCheckCharacter(text.slice(0, 17)) !== text[17].toUpperCase()) {
    return 'the check character (the 18th) does not match: a character was mistyped';
  }
  return null;
}

export function isValidIdNumber(text: string, today: string): boolean {
  return idNumberProblem(text, today) === null;
}

/** The first four and the last four characters, the rest as `*`: `5001**********1234`. */
export function maskIdNumber(text: string): string {
  if (text.length <= 8) return '*'.repeat(text.length);
  return `${text.slice(0, 4)}${'*'.repeat(text.length - 8)}${text.slice(-4)}`;
}

/** A new random salt for the digest of one household's ID number (kept in its row, never on the ledger). */
export function newIdNumberSalt(): Buffer {
  return randomBytes(16);
}

/**
 * SHA-256 (lower-case hex) of the salt followed by the number's UTF-8 bytes. Salted because an ID
 * number whose first and last four characters are shown has only a few million possible values: a
 * plain digest on the ledger could be reversed in seconds. With a secret salt per household the
 * digest still changes whenever the number is edited (what `reconcile` needs), but reveals nothing.
 */
export function idNumberDigest(salt: Buffer, idNumber: string): string {
  return createHash('sha256').update(salt).update(idNumber, 'utf8').digest('hex');
}
