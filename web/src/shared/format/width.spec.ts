import { halfWidth } from './width';

describe('halfWidth', () => {
  it('turns full-width digits, points, signs and letters into ASCII', () => {
    expect(halfWidth('１２０，０００．５０')).toBe('120,000.50');
    expect(halfWidth('０２３－５８００００００')).toBe('023-58000000');
    expect(halfWidth('５００１０１１９８００７０４１２３Ｘ')).toBe('50010119800704123X');
    expect(halfWidth('１２\u3000３')).toBe('12 3');
  });

  it('leaves ASCII and Chinese characters alone (it is for digit fields: names keep their full-width brackets)', () => {
    expect(halfWidth('8650.40')).toBe('8650.40');
    expect(halfWidth('梧桐村“二期”')).toBe('梧桐村“二期”');
    expect(halfWidth('（二期）')).toBe('(二期)');
  });
});
