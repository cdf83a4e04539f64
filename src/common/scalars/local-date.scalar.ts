import { CustomScalar, Scalar } from '@nestjs/graphql';
import { Kind, ValueNode } from 'graphql';
import { isLocalDate, LocalDate } from './local-date';
import { ScalarInputError } from './scalar-input-error';

/** GraphQL scalar `LocalDate`: a calendar date 'YYYY-MM-DD' (no time, no zone), e.g. a completion date. */
@Scalar('LocalDate', () => LocalDateScalarType)
export class LocalDateScalar implements CustomScalar<string, LocalDate> {
  description = "A calendar date 'YYYY-MM-DD' (China Standard Time is assumed for 'today').";

  parseValue(value: unknown): LocalDate {
    if (typeof value !== 'string' || !isLocalDate(value)) {
      throw new ScalarInputError(
        `LocalDate must be a real date written YYYY-MM-DD, got ${JSON.stringify(value)}`,
      );
    }
    return value;
  }

  serialize(value: unknown): string {
    if (typeof value === 'string' && isLocalDate(value)) return value;
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    throw new TypeError('LocalDate must be serialised from a YYYY-MM-DD string');
  }

  parseLiteral(ast: ValueNode): LocalDate {
    if (ast.kind !== Kind.STRING) throw new ScalarInputError('LocalDate must be a string YYYY-MM-DD');
    return this.parseValue(ast.value);
  }
}

export class LocalDateScalarType {}
