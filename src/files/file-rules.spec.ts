import {
  cleanFileName,
  contentDisposition,
  contentRelativePath,
  exportFileName,
  fileServesRegion,
  isUuid,
  nameLength,
} from './file-rules';

describe('file rules', () => {
  it('fileServesRegion: the same region, an ancestor or a descendant; never a sibling', () => {
    const village = '500101151201';
    expect(fileServesRegion(village, village)).toBe(true);
    expect(fileServesRegion('500101151', village)).toBe(true); // township file, village record
    expect(fileServesRegion('500101', village)).toBe(true); // district file, village record
    expect(fileServesRegion(village, '500101151')).toBe(true); // village file, township record
    expect(fileServesRegion(village, '500101')).toBe(true);
    expect(fileServesRegion('500101151202', village)).toBe(false); // another village
    expect(fileServesRegion('500101153', village)).toBe(false); // another township
    expect(fileServesRegion('500101153201', '500101151')).toBe(false);
  });

  it('cleans uploaded names', () => {
    expect(cleanFileName('C:\\fakepath\\合同.pdf')).toBe('合同.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName(' a\u0000b\u202Efdp.exe ')).toBe('abfdp.exe');
    expect(cleanFileName('cafe\u0301.pdf')).toBe('café.pdf');
    expect(cleanFileName(undefined)).toBe('');
    expect(nameLength('村'.repeat(255))).toBe(255);
    expect(nameLength('😀')).toBe(1);
  });

  it('Content-Disposition carries an ASCII fallback and the RFC 5987 UTF-8 name', () => {
    expect(contentDisposition('梧桐村 收益分配(2024).pdf')).toBe(
      `attachment; filename="___ ____(2024).pdf"; filename*=UTF-8''%E6%A2%A7%E6%A1%90%E6%9D%91%20%E6%94%B6%E7%9B%8A%E5%88%86%E9%85%8D%282024%29.pdf`,
    );
    expect(contentDisposition('a"b\\c;d%.csv')).toBe(
      `attachment; filename="a_b_c_d_.csv"; filename*=UTF-8''a%22b%5Cc%3Bd%25.csv`,
    );
    const encoded = /filename\*=UTF-8''(.*)$/.exec(contentDisposition("it's *new*.png"))![1];
    expect(encoded).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    expect(decodeURIComponent(encoded)).toBe("it's *new*.png");
  });

  it('content paths and ids', () => {
    const sha = 'ab'.padEnd(64, '0');
    expect(contentRelativePath(sha)).toBe(`sha256/ab/${sha}`);
    expect(() => contentRelativePath('../x')).toThrow();
    expect(isUuid('0b7d3c9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e')).toBe(true);
    expect(isUuid("1' OR 1=1")).toBe(false);
  });
});

describe('exportFileName', () => {
  it('joins clean parts with "-"', () => {
    expect(exportFileName(['资产台账', '500101151201', '20261130-101500'], 'xlsx')).toBe(
      '资产台账-500101151201-20261130-101500.xlsx',
    );
  });

  it.each([
    ['control characters', ['台账\u0000\u0007\r\n', 'a'], '台账-a.xlsx'],
    ['bidirectional overrides (a name that reads as .exe)', ['报表\u202Eexe.xlsx'], '报表exe.xlsx.xlsx'],
    ['zero-width characters', ['资\u200B产\uFEFF'], '资产.xlsx'],
    ['path characters', ['../../etc/passwd', 'C:\\temp\\x'], '_.._etc_passwd-C__temp_x.xlsx'],
    ['Windows-reserved characters', ['a*b?c"d<e>f|g:h'], 'a_b_c_d_e_f_g_h.xlsx'],
    ['leading dots (hidden files)', ['..hidden', '.x'], 'hidden-x.xlsx'],
    ['runs of spaces', ['  村级   收益  '], '村级 收益.xlsx'],
    ['empty parts', ['', '  ', '\u202E', 'x'], 'x.xlsx'],
    ['nothing left', ['\u0000'], 'export.xlsx'],
  ])('drops or replaces %s', (_label, parts, name) => {
    expect(exportFileName(parts, 'xlsx')).toBe(name);
  });

  it('keeps every part under 60 characters and checks the extension', () => {
    expect(exportFileName(['长'.repeat(100)], 'xlsx')).toBe(`${'长'.repeat(60)}.xlsx`);
    expect(() => exportFileName(['x'], '../exe')).toThrow(/extension/);
  });
});
