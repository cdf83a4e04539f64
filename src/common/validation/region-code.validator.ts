import { Matches, ValidationOptions } from 'class-validator';
import { REGION_CODE } from '../auth/region-scope';

/**
 * A region filter (or reference): a 6, 9 or 12-digit region code, never a pattern (`%`, `_` are
 * refused before any query sees them). Use on every region field of a filter or an argument.
 */
export function IsRegionCode(validation?: ValidationOptions): PropertyDecorator {
  return Matches(REGION_CODE, {
    message: (args) => `${args.property} must be a 6, 9 or 12-digit region code`,
    ...validation,
  });
}
