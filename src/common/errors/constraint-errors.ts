import { ErrorCode } from './error-codes';

/**
 * Named database constraints whose violation is the caller's doing (usually a race that the service's
 * own check could not see), and the domain error each becomes. Anything not listed is unexpected.
 */
export const CONSTRAINT_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  PK_region: { code: ErrorCode.REGION_DUPLICATE_CODE, message: 'A region with this code already exists' },
  UQ_app_user_username: { code: ErrorCode.USER_DUPLICATE_USERNAME, message: 'This username is taken' },
};

export function registerConstraintErrors(
  entries: Record<string, { code: ErrorCode; message: string }>,
): void {
  Object.assign(CONSTRAINT_ERRORS, entries);
}
