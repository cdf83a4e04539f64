/**
 * Telephone numbers of household heads are personal data, treated like ID numbers (see `id-number.ts`):
 * shown in full only to the people who work with the household (its village clerk and township
 * officer), masked to everyone else, and on the audit ledger only as a mask and a salted SHA-256 digest.
 */
import { randomBytes } from 'node:crypto';
import { idNumberDigest } from './id-number';

/**
 * Every digit but the first three and the last four as `*`, separators kept: `138****5678`,
 * `023-****1234`; numbers of fewer than eight digits keep only their last two.
 */
export function maskPhone(text: string): string {
  const digits = text.replace(/\D/g, '').length;
  const keepHead = digits >= 8 ? 3 : 0;
  const keepTail = digits >= 8 ? 4 : Math.min(2, digits);
  let seen = 0;
  return text.replace(/\d/g, (d) => {
    seen += 1;
    return seen <= keepHead || seen > digits - keepTail ? d : '*';
  });
}

/** A new random salt for one household's phone digest (kept in its row, never on the ledger). */
export function newPhoneSalt(): Buffer {
  return randomBytes(16);
}

/**
 * SHA-256 (hex) of the salt and the number: changes whenever the number does (what `reconcile` needs),
 * reveals nothing though the mask leaves only 10,000 candidates.
 */
export function phoneDigest(salt: Buffer, phone: string): string {
  return idNumberDigest(salt, phone);
}
