import { escapeHtml, formatAmount, formatShare, maskName } from './disclosure-format';

describe('disclosure formatting', () => {
  it('formats fen exactly, with thousands separators', () => {
    expect(formatAmount(0n)).toBe('0.00');
    expect(formatAmount(5n)).toBe('0.05');
    expect(formatAmount(1234567n)).toBe('12,345.67');
    expect(formatAmount(-100n)).toBe('-1.00');
    expect(formatAmount(123456789012345678n)).toBe('1,234,567,890,123,456.78');
  });

  it('masks names by character, keeping the first (and the last from three characters)', () => {
    expect(maskName('王德明')).toBe('王*明');
    expect(maskName('欧阳明华')).toBe('欧**华');
    expect(maskName('谭德')).toBe('谭*');
    expect(maskName('王')).toBe('*');
    expect(maskName(' 𠀀德明 ')).toBe('𠀀*明');
    expect(maskName(null)).toBe('');
  });

  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<script>"x" & 'y'</script>`)).toBe(
      '&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;',
    );
    expect(escapeHtml(null)).toBe('');
  });

  it('formats shares without useless zeros', () => {
    expect(formatShare(10000)).toBe('100%');
    expect(formatShare(6000)).toBe('60%');
    expect(formatShare(3333)).toBe('33.33%');
    expect(formatShare(1250)).toBe('12.5%');
  });
});
