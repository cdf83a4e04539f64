/**
 * Every domain error code in the product, grouped by feature, and the one place that decides which
 * GraphQL `extensions.code` each reaches the client with. Adding a code without mapping it is a
 * compile error (the switch in {@link graphqlCodeOf} is exhaustive).
 */
export enum ErrorCode {
  // common
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  OUT_OF_SCOPE = 'OUT_OF_SCOPE',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  STALE_VERSION = 'STALE_VERSION',
  DUPLICATE = 'DUPLICATE',
  PAGE_SIZE_TOO_LARGE = 'PAGE_SIZE_TOO_LARGE',
  INVALID_CURSOR = 'INVALID_CURSOR',
  // auth
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  ACCOUNT_LOCKED = 'ACCOUNT_LOCKED',
  ACCOUNT_DISABLED = 'ACCOUNT_DISABLED',
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  TOKEN_INVALID = 'TOKEN_INVALID',
  WRONG_CURRENT_PASSWORD = 'WRONG_CURRENT_PASSWORD',
  // regions
  REGION_INVALID_CODE = 'REGION_INVALID_CODE',
  REGION_PARENT_NOT_FOUND = 'REGION_PARENT_NOT_FOUND',
  REGION_WRONG_PARENT = 'REGION_WRONG_PARENT',
  REGION_DUPLICATE_CODE = 'REGION_DUPLICATE_CODE',
  REGION_NOT_FOUND = 'REGION_NOT_FOUND',
  // users
  USER_DUPLICATE_USERNAME = 'USER_DUPLICATE_USERNAME',
  USER_ROLE_REGION_MISMATCH = 'USER_ROLE_REGION_MISMATCH',
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  USER_CANNOT_DISABLE_SELF = 'USER_CANNOT_DISABLE_SELF',
  USER_ALREADY_DISABLED = 'USER_ALREADY_DISABLED',
}

export type GraphqlErrorCode =
  'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'INTERNAL_SERVER_ERROR';

export function graphqlCodeOf(code: ErrorCode): GraphqlErrorCode {
  switch (code) {
    case ErrorCode.VALIDATION_FAILED:
    case ErrorCode.PAGE_SIZE_TOO_LARGE:
    case ErrorCode.INVALID_CURSOR:
    case ErrorCode.REGION_INVALID_CODE:
    case ErrorCode.REGION_PARENT_NOT_FOUND:
    case ErrorCode.REGION_WRONG_PARENT:
    case ErrorCode.USER_ROLE_REGION_MISMATCH:
    case ErrorCode.WRONG_CURRENT_PASSWORD:
    case ErrorCode.USER_CANNOT_DISABLE_SELF:
      return 'BAD_USER_INPUT';
    case ErrorCode.UNAUTHENTICATED:
    case ErrorCode.INVALID_CREDENTIALS:
    case ErrorCode.ACCOUNT_LOCKED:
    case ErrorCode.ACCOUNT_DISABLED:
    case ErrorCode.TOKEN_EXPIRED:
    case ErrorCode.TOKEN_INVALID:
      return 'UNAUTHENTICATED';
    case ErrorCode.FORBIDDEN:
    case ErrorCode.OUT_OF_SCOPE:
      return 'FORBIDDEN';
    case ErrorCode.NOT_FOUND:
    case ErrorCode.REGION_NOT_FOUND:
    case ErrorCode.USER_NOT_FOUND:
      return 'NOT_FOUND';
    case ErrorCode.STALE_VERSION:
    case ErrorCode.DUPLICATE:
    case ErrorCode.REGION_DUPLICATE_CODE:
    case ErrorCode.USER_DUPLICATE_USERNAME:
    case ErrorCode.USER_ALREADY_DISABLED:
      return 'CONFLICT';
    default: {
      const unreachable: never = code;
      throw new Error(`unmapped error code ${String(unreachable)}`);
    }
  }
}
