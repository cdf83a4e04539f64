import { DomainError, ErrorCode } from '../errors';

/**
 * Money is an exact integer number of fen (1 yuan = 100 fen) in code and in the database (bigint);
 * it crosses GraphQL as a decimal string of yuan ("12345.67"). No floating point anywhere.
 */
export type Fen = bigint;

const MONEY_PATTERN = /^(-)?(\d{1,16})(?:\.(\d{1,2}))?$/;

/** Parses "12345.67", "12345.6", "12345" (yuan) into fen. Rejects anything else. */
export function parseYuan(text: string): Fen {
  const match = MONEY_PATTERN.exec(text.trim());
  if (!match) {
    throw new DomainError(
      ErrorCode.VALIDATION_FAILED,
      `"${text.slice(0, 40)}" is not an amount in yuan with at most two decimals (e.g. "12345.67")`,
    );
  }
  const [, minus, whole, frac = ''] = match;
  const fen = BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
  return minus ? -fen : fen;
}

/** Formats fen as a decimal string of yuan with exactly two decimals: 1234567n → "12345.67". */
export function formatYuan(fen: Fen): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole.toString()}.${frac}`;
}

/** pg returns bigint columns as strings; TypeORM column transformer to and from bigint. */
export const fenColumn = {
  to: (value: Fen | null | undefined): string | null | undefined =>
    value === null || value === undefined ? value : value.toString(),
  from: (value: string | null): Fen | null => (value === null ? null : BigInt(value)),
};
