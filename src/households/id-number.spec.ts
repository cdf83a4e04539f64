import fc from 'fast-check';
import {
  idNumberCheckCharacter,
  idNumberDigest,
  idNumberProblem,
  isValidIdNumber,
  maskIdNumber,
  newIdNumberSalt,
} from './id-number';

const TODAY = '2026-06-15';

/** 17 digits: a Wanzhou address code, a date of birth between 1930 and 2020, a sequence. */
const first17 = fc
  .tuple(
    fc.constantFrom('500101', '500235', '110105', '440305'),
    fc.date({
      min: new Date('1930-01-01T00:00:00Z'),
      max: new Date('2020-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(
    ([area, birth, seq]) =>
      `${area}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`,
  );

describe('resident ID numbers (GB 11643)', () => {
  it('accepts published examples', () => {
    // The example of GB 11643-1999 and well-known valid numbers.
    expect(idNumberProblem('11010519491231002X', TODAY)).toBeNull();
    expect(idNumberProblem('11010519491231002x', TODAY)).toBeNull();
    expect(idNumberProblem('440524188001010014', TODAY)).toContain('not a date of birth'); // before 1900
  });

  it('computes the check character of the standard example', () => {
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
    expect(idNumberCheckCharacter('44052418800101001')).toBe('4');
    expect(idNumberCheckCharacter('50010119800704215')).toBe('5');
  });

  it('every number built with its check character is valid', () => {
    fc.assert(
      fc.property(first17, (digits) => isValidIdNumber(digits + idNumberCheckCharacter(digits), TODAY)),
    );
  });

  it('changing any one digit, or swapping two different adjacent digits, is detected', () => {
    fc.assert(
      fc.property(
        first17,
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (digits, pos, delta) => {
          const valid = digits + idNumberCheckCharacter(digits);
          const changed = (Number(valid[pos]) + delta) % 10;
          const typo = valid.slice(0, pos) + String(changed) + valid.slice(pos + 1);
          // A changed digit of the date of birth may make it no date at all: refused either way.
          return !isValidIdNumber(typo, TODAY);
        },
      ),
    );
    fc.assert(
      fc.property(first17, fc.integer({ min: 0, max: 15 }), (digits, pos) => {
        const valid = digits + idNumberCheckCharacter(digits);
        fc.pre(valid[pos] !== valid[pos + 1]);
        const swapped = valid.slice(0, pos) + valid[pos + 1] + valid[pos] + valid.slice(pos + 2);
        return !isValidIdNumber(swapped, TODAY);
      }),
    );
  });

  it.each([
    ['too short', '50010119900101123', 'must have 18 characters'],
    ['letters', '5001011990010112AB', 'must be 17 digits followed by a digit or X'],
    ['no such date of birth', '500101199002301234', 'not a date of birth'],
    ['born in the future', '500101209901011234', 'in the future'],
    ['a wrong check character', '500101199001011230', 'check character'],
  ])('refuses %s', (_label, text, message) => {
    const problem = idNumberProblem(text, TODAY);
    expect(problem).toContain(message);
    expect(problem).not.toContain(text);
  });

  it('masks all but the first and last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    fc.assert(
      fc.property(first17, (digits) => {
        const id = digits + idNumberCheckCharacter(digits);
        const masked = maskIdNumber(id);
        return (
          masked.length === 18 && masked.slice(4, 14) === '*'.repeat(10) && masked.slice(-4) === id.slice(-4)
        );
      }),
    );
  });

  it('digests are salted: the same number gives different digests with different salts, the same with the same', () => {
    const salt = newIdNumberSalt();
    const id = '11010519491231002X';
    expect(idNumberDigest(salt, id)).toMatch(/^[0-9a-f]{64}$/);
    expect(idNumberDigest(salt, id)).toBe(idNumberDigest(Buffer.from(salt), id));
    expect(idNumberDigest(newIdNumberSalt(), id)).not.toBe(idNumberDigest(salt, id));
    expect(idNumberDigest(salt, '500101198007042155')).not.toBe(idNumberDigest(salt, id));
  });
});
