import {
  idNumberCheckCharacter,
  idNumberProblem,
  phoneProblem,
  registryNoProblem,
} from './household-form-rules';

const TODAY = '2026-11-30';
/** A valid number: 17 digits and their check character. */
const valid = (first17: string) => `${first17}${idNumberCheckCharacter(first17)}`;

describe('household form rules', () => {
  it('accepts a resident ID number with its check character (X in either case)', () => {
    expect(idNumberProblem(valid('50010119800704215'), TODAY)).toBeNull();
    expect(idNumberProblem('11010519491231002X', TODAY)).toBeNull();
    expect(idNumberProblem('11010519491231002x', TODAY)).toBeNull();
  });

  it('refuses a wrong check character, length, birth date or address code, in Chinese', () => {
    const good = valid('50010119800704215');
    const wrongCheck = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    expect(idNumberProblem(wrongCheck, TODAY)).toBe('身份证号校验位（第 18 位）不符，请核对是否输错');
    expect(idNumberProblem('5001011980070421', TODAY)).toBe('身份证号须为 18 位（现为 16 位）');
    expect(idNumberProblem('50010119800704215A', TODAY)).toBe('身份证号须为 17 位数字加 1 位数字或 X');
    expect(idNumberProblem(valid('50010119801304215'), TODAY)).toBe('身份证号第 7–14 位不是有效的出生日期');
    expect(idNumberProblem(valid('50010120991231215'), TODAY)).toBe('身份证号中的出生日期晚于今天');
    expect(idNumberProblem(valid('00010119800704215'), TODAY)).toBe(
      '身份证号前 6 位须为地址码（不能以 0 开头）',
    );
  });

  it('accepts mobile and landline numbers, refuses others', () => {
    expect(phoneProblem('13800000000')).toBeNull();
    expect(phoneProblem('023-58000000')).toBeNull();
    expect(phoneProblem('+86 138 0000 0000')).toBeNull();
    expect(phoneProblem('1380000000')).toBe('手机号须为 11 位（现为 10 位）');
    expect(phoneProblem('电话')).toContain('联系电话须为电话号码');
    expect(phoneProblem('138-abc')).toContain('联系电话须为电话号码');
  });

  it('checks registry numbers as the API does', () => {
    expect(registryNoProblem('500101151201-H001')).toBeNull();
    expect(registryNoProblem('-H001')).not.toBeNull();
    expect(registryNoProblem('户001')).not.toBeNull();
  });
});
