import { fieldMessageZh } from '@/common/i18n/field-messages';
import { isValidUscc, usccCheckCharacter, usccProblem } from './uscc';

describe('unified social credit codes (GB 32100-2015)', () => {
  it.each([
    '91350100M000100Y43', // the standard's own example
    '91110000600037341L',
    '91110108551385082Q',
    '91440300708461136T',
    '93500101MA60ABCD1C', // a farmers' cooperative (93) in Wanzhou (500101)
  ])('accepts %s', (code) => {
    expect(usccProblem(code)).toBeNull();
    expect(isValidUscc(code)).toBe(true);
  });

  it('computes the check character, 31 written as 0', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(usccCheckCharacter('91110000600037341')).toBe('L');
    // The weighted sum of 93500101MA60ABC11 is a multiple of 31: 31 − 0 = 31, written 0.
    expect(usccCheckCharacter('93500101MA60ABC11')).toBe('0');
    expect(usccProblem('93500101MA60ABC110')).toBeNull();
  });

  it.each([
    ['91350100M000100Y44', 'check character', '校验位'], // one character off in the check
    ['91350100M000100Y34', 'check character', '校验位'], // two characters swapped
    ['91110000600037341l', 'capital letters', '大写字母'], // lower case
    ['91350100M000100Y4', 'has 17', '现为 17 位'], // too short
    ['91350100M000100Y433', 'has 19', '现为 19 位'], // too long
    ['91350100M0001O0Y43', 'other than I, O', '不含 I'], // the letter O
    ['9135A100M000100Y43', 'division code', '行政区划'], // a letter in the division code
  ])('refuses %s (%s; %s)', (code, words, zh) => {
    expect(usccProblem(code)).toContain(words);
    expect(fieldMessageZh(usccProblem(code)!)).toContain(zh);
    expect(isValidUscc(code)).toBe(false);
  });
});
