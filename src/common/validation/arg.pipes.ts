import { Injectable, PipeTransform } from '@nestjs/common';
import { Args, ID } from '@nestjs/graphql';
import { REGION_CODE } from '../auth/region-scope';
import { DomainError, ErrorCode } from '../errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks a scalar argument (which the validation pipe does not see) before it reaches a service. */
@Injectable()
class PatternPipe implements PipeTransform<unknown, unknown> {
  constructor(
    private readonly field: string,
    private readonly pattern: RegExp,
    private readonly message: string,
  ) {}

  transform(value: unknown): unknown {
    if (value === undefined || value === null) return value;
    if (typeof value !== 'string' || value.length > 64 || !this.pattern.test(value)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `${this.field}: ${this.message}`, {
        fields: [{ field: this.field, message: this.message }],
      });
    }
    return value;
  }
}

/** `@IdArg('id')`: an ID argument that must be a UUID (BAD_USER_INPUT naming it otherwise). */
export const IdArg = (name: string): ParameterDecorator =>
  Args(name, { type: () => ID }, new PatternPipe(name, UUID, 'not a valid id'));

/** `@RegionCodeArg('regionCode', true)`: a 6, 9 or 12-digit region code. */
export const RegionCodeArg = (name: string, nullable = false): ParameterDecorator =>
  Args(
    name,
    { type: () => String, nullable },
    new PatternPipe(name, REGION_CODE, 'a 6, 9 or 12-digit region code'),
  );

/** `@VillageCodeArg('villageCode')`: a 12-digit village code. */
export const VillageCodeArg = (name: string): ParameterDecorator =>
  Args(name, { type: () => String }, new PatternPipe(name, /^[0-9]{12}$/, 'a 12-digit village code'));
