import { DomainError, ErrorCode } from '../errors';

/**
 * Shares are exact: an integer number of basis points (1/100 of a percent) in code and in the
 * database; "33.33" in GraphQL. 100% = 10000.
 */
export const FULL_SHARE_BP = 10_000;

const PERCENT = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

export function parsePercent(text: string, field: string): number {
  const m = PERCENT.exec(text.trim());
  const bp = m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : NaN;
  if (!m || bp <= 0 || bp > FULL_SHARE_BP) {
    throw new DomainError(
      ErrorCode.VALIDATION_FAILED,
      `${field}: a percentage above 0 and at most 100, with at most two decimals`,
      {
        fields: [{ field, message: 'must be a percentage such as "33.33" (above 0, at most 100)' }],
      },
    );
  }
  return bp;
}

export function formatPercent(bp: number): string {
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;
}
