import { gbk } from '@/common/text/testing/gbk';
import { ContentSniffer, extensionOf, judgeType, MediaType, sniff } from './media-type';

const PDF = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
const ZIP_HEAD = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
const OOXML = Buffer.concat([
  ZIP_HEAD,
  Buffer.alloc(22),
  Buffer.from('[Content_Types].xml'),
  Buffer.alloc(100),
]);
const WORD_PACKAGE = Buffer.concat([OOXML, Buffer.from('word/document.xml'), Buffer.alloc(50)]);
const OLE2 = Buffer.concat([
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  Buffer.alloc(504),
]);
/** The head of an iPhone photo: an ISO-BMFF ftyp box with the HEIF brand heic. */
const HEIC = Buffer.concat([Buffer.from([0, 0, 0, 0x1c]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1')]);
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x1c]), Buffer.from('ftypisom\0\0\0\0isomiso2', 'latin1')]);
const CSV = Buffer.from('资产编号,名称,金额\nZC-001,光伏电站,120000.00\n', 'utf8');
const ALL = Object.values(MediaType);

describe('content sniffing', () => {
  it.each([
    ['PDF', PDF, 'a.bin', MediaType.PDF],
    ['JPEG', JPEG, 'photo', MediaType.JPEG],
    ['PNG', PNG, 'x', MediaType.PNG],
    ['an OOXML package', OOXML, 'table', MediaType.XLSX],
    ['a ZIP named .xlsx', ZIP_HEAD, '台账.XLSX', MediaType.XLSX],
    ['UTF-8 text named .csv', CSV, '台账.csv', MediaType.CSV],
    [
      'GBK text named .csv (Excel on a Chinese Windows)',
      gbk(CSV.toString('utf8')),
      '台账.csv',
      MediaType.CSV,
    ],
    ['a Word package', WORD_PACKAGE, '验收报告', MediaType.DOCX],
    ['a ZIP named .docx', ZIP_HEAD, '合同.DOCX', MediaType.DOCX],
    ['a Word package named .xlsx (refused later as a workbook)', WORD_PACKAGE, 'x.xlsx', MediaType.XLSX],
    ['an OLE2 file named .doc', OLE2, '会议记录.doc', MediaType.DOC],
    ['a HEIC photo', HEIC, 'IMG_0001.HEIC', MediaType.HEIC],
    ['a HEIC photo without its name', HEIC, 'upload', MediaType.HEIC],
  ])('recognises %s', (_label, content, name, expected) => {
    expect(sniff(content, name)).toBe(expected);
  });

  it.each([
    ['a plain ZIP', ZIP_HEAD, 'archive.zip'],
    ['text not named .csv', CSV, 'notes.txt'],
    ['text named .pdf', Buffer.from('not really a pdf'), 'fake.pdf'],
    ['a Windows executable', Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), 'setup.exe'],
    ['an ELF executable named .csv', Buffer.from('\x7fELF\x02\x01\x01\x00', 'latin1'), 'data.csv'],
    ['bytes neither UTF-8 nor GB18030 named .csv', Buffer.from([0x61, 0x2c, 0xff, 0xfe, 0x0a]), 'data.csv'],
    // 名 whole, then the first two bytes of 称: in GB18030 two characters and a lead byte left alone.
    ['a character cut off at the end named .csv', Buffer.from('名称,', 'utf8').subarray(0, 5), 'data.csv'],
    ['text with a NUL named .csv', Buffer.from('a,b\u0000\n'), 'data.csv'],
    ['nothing', Buffer.alloc(0), 'empty.csv'],
    ['an OLE2 file not named .doc (an old .xls)', OLE2, 'table.xls'],
    ['an MP4 video (ftyp, not an HEIF brand)', MP4, 'clip.heic'],
  ])('recognises nothing in %s', (_label, content, name) => {
    expect(sniff(content, name)).toBeUndefined();
  });

  it('finds the OOXML marker across chunk boundaries, and the magic in 1-byte chunks', () => {
    for (const size of [1, 3, 7, 19, 64]) {
      const sniffer = new ContentSniffer();
      for (let i = 0; i < OOXML.length; i += size) sniffer.update(OOXML.subarray(i, i + size));
      expect(sniffer.detect('no-extension')).toBe(MediaType.XLSX);
    }
    const word = new ContentSniffer();
    for (let i = 0; i < WORD_PACKAGE.length; i += 5) word.update(WORD_PACKAGE.subarray(i, i + 5));
    expect(word.detect('no-extension')).toBe(MediaType.DOCX);
    const png = new ContentSniffer();
    for (const byte of PNG) png.update(Buffer.from([byte]));
    expect(png.detect('x')).toBe(MediaType.PNG);
  });

  it('accepts UTF-8 split across chunks', () => {
    const sniffer = new ContentSniffer();
    for (let i = 0; i < CSV.length; i++) sniffer.update(CSV.subarray(i, i + 1));
    expect(sniffer.detect('a.csv')).toBe(MediaType.CSV);
  });

  it('extensionOf', () => {
    expect(extensionOf('a.PDF')).toBe('.pdf');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('noext')).toBe('');
    expect(extensionOf('dot.')).toBe('');
  });
});

describe('judgeType', () => {
  it('accepts a detected, allowed type with an agreeing or uninformative declaration', () => {
    for (const declared of [
      'application/pdf',
      'application/octet-stream',
      '',
      'text/plain',
      'Application/PDF; x=y',
    ]) {
      expect(judgeType(MediaType.PDF, declared, 'scan.pdf', ALL)).toEqual({
        ok: true,
        mediaType: MediaType.PDF,
      });
    }
    expect(judgeType(MediaType.CSV, 'application/vnd.ms-excel', 'a.csv', ALL).ok).toBe(true);
    expect(judgeType(MediaType.JPEG, 'image/jpg', 'a.JPG', ALL).ok).toBe(true);
  });

  it('refuses unknown content and types the configuration does not allow', () => {
    expect(judgeType(undefined, 'application/pdf', 'fake.pdf', ALL)).toMatchObject({
      ok: false,
      problem: 'NOT_ALLOWED',
    });
    expect(judgeType(MediaType.PNG, 'image/png', 'a.png', [MediaType.PDF])).toMatchObject({
      ok: false,
      problem: 'NOT_ALLOWED',
      message: 'PNG files are not allowed (allowed: PDF)',
    });
  });

  it('refuses a declared type or an extension that contradicts the content', () => {
    expect(judgeType(MediaType.PDF, 'image/png', 'scan', ALL)).toMatchObject({
      ok: false,
      problem: 'MISMATCH',
    });
    expect(judgeType(MediaType.PNG, 'application/octet-stream', 'photo.jpg', ALL)).toMatchObject({
      ok: false,
      problem: 'MISMATCH',
      message: 'the name ends in .jpg but the content is PNG',
    });
    // An extension that is none of the known ones says nothing.
    expect(judgeType(MediaType.PDF, '', 'scan.2024', ALL).ok).toBe(true);
  });
});
