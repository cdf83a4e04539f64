import { Kind } from 'graphql';
import { DateTimeScalar } from './date-time.scalar';
import { timeInChina, todayInChina } from './local-date';
import { LocalDateScalar } from './local-date.scalar';
import { MoneyScalar } from './money.scalar';
import { ScalarInputError } from './scalar-input-error';
import { toPublicError } from '../errors/error-mapping';

describe('scalars', () => {
  it('China Standard Time: UTC+8 all year round, across the date line of midnight', () => {
    expect(timeInChina(new Date('2026-12-02T15:56:36.033Z'))).toBe('2026-12-02 23:56:36');
    expect(timeInChina(new Date('2026-12-02T16:00:00Z'))).toBe('2026-12-03 00:00:00');
    expect(todayInChina(new Date('2026-12-02T16:00:00Z'))).toBe('2026-12-03');
    expect(timeInChina(new Date('2026-07-01T03:04:05Z'))).toBe('2026-07-01 11:04:05');
  });

  it('DateTime accepts RFC 3339 instants with a zone and returns them in UTC', () => {
    expect(DateTimeScalar.parseValue('2026-11-29T16:30:00+08:00')).toEqual(new Date('2026-11-29T08:30:00Z'));
    expect(DateTimeScalar.parseValue('2026-11-29T08:30:00.123456Z')).toEqual(
      new Date('2026-11-29T08:30:00.123Z'),
    );
    expect(DateTimeScalar.serialize(new Date('2026-11-29T08:30:00Z'))).toBe('2026-11-29T08:30:00.000Z');
  });

  it.each([
    'yesterday',
    '2026-02-30T00:00:00Z',
    '2026-11-29T24:00:00Z',
    '2026-11-29T08:30:00',
    '2026-11-29',
    '',
  ])('DateTime refuses %j as bad input', (value) => {
    expect(() => DateTimeScalar.parseValue(value)).toThrow(ScalarInputError);
    expect(() => DateTimeScalar.parseLiteral({ kind: Kind.STRING, value }, {})).toThrow(ScalarInputError);
  });

  it('DateTime refuses non-strings, and an invalid Date on output is a bug, not bad input', () => {
    expect(() => DateTimeScalar.parseValue(1700000000)).toThrow(ScalarInputError);
    expect(() => DateTimeScalar.parseLiteral({ kind: Kind.INT, value: '1700000000' }, {})).toThrow(
      ScalarInputError,
    );
    let thrown: unknown;
    try {
      DateTimeScalar.serialize(new Date('nope'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect(thrown).not.toBeInstanceOf(ScalarInputError);
  });

  it('Money and LocalDate literals of the wrong form throw ScalarInputError, which maps to BAD_USER_INPUT', () => {
    const money = new MoneyScalar();
    const date = new LocalDateScalar();
    const errors: unknown[] = [];
    for (const parse of [
      () => money.parseLiteral({ kind: Kind.STRING, value: '12.345' }),
      () => money.parseLiteral({ kind: Kind.INT, value: '12' }),
      () => date.parseLiteral({ kind: Kind.STRING, value: '2026-13-01' }),
      () => date.parseValue(20261201),
    ]) {
      try {
        parse();
      } catch (error) {
        errors.push(error);
      }
    }
    expect(errors).toHaveLength(4);
    for (const error of errors) {
      expect(error).toBeInstanceOf(ScalarInputError);
      expect(toPublicError(error)).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_VALUE',
        unexpected: false,
      });
    }
    expect(money.parseLiteral({ kind: Kind.STRING, value: '12.34' })).toBe(1234n);
    expect(toPublicError(new TypeError('a bug'))).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      unexpected: true,
    });
  });
});
