import { applyDecorators } from '@nestjs/common';
import { Field } from '@nestjs/graphql';
import { IsOptional, IsString, Matches } from 'class-validator';

/** What an idempotency key may look like: 8–100 letters, digits or `. _ : -` (a UUID fits). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,100}$/;

const DESCRIPTION =
  '幂等键 (chosen by the client, per user): repeating the same request with the same key returns the first result and writes nothing; the same key with a different request is CONFLICT IDEMPOTENCY_KEY_REUSED.';

/**
 * The `idempotencyKey` field of an input or arguments class (GraphQL field and validation in one place).
 * Optional unless `required`.
 */
export function IdempotencyKeyField(options: { required?: boolean } = {}): PropertyDecorator {
  const rules = [
    IsString(),
    Matches(IDEMPOTENCY_KEY_PATTERN, {
      message: 'idempotencyKey must be 8–100 letters, digits or ". _ : -"',
    }),
  ];
  return options.required
    ? applyDecorators(Field({ description: DESCRIPTION }), ...rules)
    : applyDecorators(Field({ nullable: true, description: DESCRIPTION }), IsOptional(), ...rules);
}
