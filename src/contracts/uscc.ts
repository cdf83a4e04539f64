/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters from the 31-character
 * set 0-9 A-H J-N P Q R T U W X Y (no I, O, S, V, Z): 1 of the registering authority, 1 of the kind of
 * organisation, 6 of the administrative division, 9 of the organisation code, and a check character
 * computed over the first 17 (weights 3^i mod 31, check = 31 − sum mod 31, 31 written as 0).
 */
export const USCC_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character of the first 17 characters of a code. */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new Error('the first 17 characters are needed');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARACTERS.indexOf(first17[i]);
    if (value < 0) throw new Error(`character ${i + 1} is not in the code's character set`);
    sum += value * WEIGHTS[i];
  }
  return USCC_CHARACTERS[(31 - (sum % 31)) % 31];
}

/**
 * What is wrong with a unified social credit code, in English (the i18n tables give its Chinese), or null
 * when it is valid. Letters must be capitals (the code is printed so on licences).
 */
export function usccProblem(text: string): string | null {
  if (text.length !== 18)
    return `a unified social credit code has 18 characters (this one has ${text.length})`;
  if (!SHAPE.test(text)) {
    return 'may hold only digits and capital letters other than I, O, S, V and Z';
  }
  if (!/^\d{6}$/.test(text.slice(2, 8))) return 'characters 3–8 must be the digits of a division code';
  if (usccCheckCharacter(text.slice(0, 17)) !== text[17]) {
    return 'the check character (the 18th) does not match: a character may be mistyped';
  }
  return null;
}

export function isValidUscc(text: string): boolean {
  return usccProblem(text) === null;
}
