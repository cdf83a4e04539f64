import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { todayInChina } from '@/common/scalars';
import { idNumberProblem } from '../id-number';

/** An 18-character resident ID number with a valid date of birth and GB 11643 check character. */
export function IsResidentIdNumber(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isResidentIdNumber',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && idNumberProblem(value.trim(), todayInChina()) === null,
        defaultMessage: (args?: ValidationArguments) => {
          const value = args?.value as unknown;
          const problem =
            typeof value === 'string' ? idNumberProblem(value.trim(), todayInChina()) : 'must be text';
          return `${args?.property ?? 'idNumber'} is not a valid resident ID number: ${problem ?? 'invalid'}`;
        },
      },
    });
  };
}
