import { CustomScalar, Scalar } from '@nestjs/graphql';
import { Kind, ValueNode } from 'graphql';
import { ScalarInputError } from './scalar-input-error';

/** Arbitrary JSON (ledger states, problem details). Output only in practice. */
@Scalar('JSON', () => JsonScalarType)
export class JsonScalar implements CustomScalar<unknown, unknown> {
  description = 'Any JSON value.';

  parseValue(value: unknown): unknown {
    return value;
  }

  serialize(value: unknown): unknown {
    return value;
  }

  parseLiteral(ast: ValueNode): unknown {
    return literal(ast);
  }
}

function literal(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literal(f.value)]));
    case Kind.LIST:
      return ast.values.map(literal);
    case Kind.NULL:
      return null;
    default:
      throw new ScalarInputError('JSON literal may not contain variables');
  }
}

export class JsonScalarType {}
