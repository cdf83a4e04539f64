import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * A Money argument (a bigint of fen after the scalar parsed it) within bounds. Use on every Money input
 * field: the validation pipe forbids undecorated fields, and this states the rule next to the field.
 */
export function IsMoney(options: { min?: bigint; max?: bigint } = {}, validation?: ValidationOptions) {
  const min = options.min ?? 0n;
  const max = options.max ?? 10n ** 15n; // 10 trillion yuan
  return (target: object, propertyName: string): void => {
    registerDecorator({
      name: 'isMoney',
      target: target.constructor,
      propertyName,
      options: validation,
      validator: {
        validate: (value: unknown) => typeof value === 'bigint' && value >= min && value <= max,
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must be an amount of money of at least ${formatFen(min)} yuan`,
      },
    });
  };
}

function formatFen(fen: bigint): string {
  return `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
}
