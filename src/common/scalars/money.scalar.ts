import { CustomScalar, Scalar } from '@nestjs/graphql';
import { Kind, ValueNode } from 'graphql';
import { DomainError } from '../errors';
import { Fen, formatYuan, parseYuan } from './money';
import { ScalarInputError } from './scalar-input-error';

/** GraphQL scalar `Money`: a decimal string of yuan ("12345.67") that is a bigint of fen in code. */
@Scalar('Money', () => MoneyScalarType)
export class MoneyScalar implements CustomScalar<string, Fen> {
  description =
    'An exact amount of money in yuan, as a decimal string with at most two decimals: "12345.67".';

  parseValue(value: unknown): Fen {
    if (typeof value !== 'string') throw new ScalarInputError('Money must be a string such as "12345.67"');
    return this.parse(value);
  }

  serialize(value: unknown): string {
    if (typeof value === 'bigint') return formatYuan(value);
    if (typeof value === 'string' && /^-?\d+$/.test(value)) return formatYuan(BigInt(value));
    throw new TypeError('Money must be serialised from a bigint number of fen');
  }

  parseLiteral(ast: ValueNode): Fen {
    if (ast.kind !== Kind.STRING) throw new ScalarInputError('Money must be a string such as "12345.67"');
    return this.parse(ast.value);
  }

  private parse(text: string): Fen {
    try {
      return parseYuan(text);
    } catch (error) {
      if (error instanceof DomainError) throw new ScalarInputError(error.message);
      throw error;
    }
  }
}

/** Marker class used in `@Field(() => MoneyScalarType)`. */
export class MoneyScalarType {}
