import { bomLength, decodeText, encodingOf, TextSniffer } from './text-encoding';
import { gbk } from './testing/gbk';

const HEADER = '资产编码,资产名称,管护主体,资金来源\r\n';
const ROW = 'BZ-500101151-000001,村道硬化（二期）,五桥街道“百安”村集体,衔接资金:100000\r\n';

function sniffed(bytes: Buffer, chunk = 7): ReturnType<TextSniffer['encoding']> {
  const sniffer = new TextSniffer();
  for (let i = 0; i < bytes.length; i += chunk) sniffer.update(bytes.subarray(i, i + chunk));
  return sniffer.encoding();
}

describe('text encodings of a CSV', () => {
  it('writes GBK as the decoder reads it (the test helper)', () => {
    const text = HEADER + ROW;
    const bytes = gbk(text);
    expect(new TextDecoder('gbk').decode(bytes)).toBe(text);
    // Two bytes a Chinese character, one an ASCII one: not UTF-8's three.
    expect(gbk('资产').length).toBe(4);
  });

  it('tells UTF-8 from GBK on the whole text', () => {
    expect(encodingOf(Buffer.from(HEADER + ROW))).toBe('utf-8');
    expect(encodingOf(gbk(HEADER + ROW))).toBe('gb18030');
    expect(encodingOf(Buffer.from('code,name\r\nA1,road\r\n'))).toBe('utf-8');
  });

  it('decodes each and finds each byte order mark', () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(HEADER)]);
    expect(bomLength(utf8, 'utf-8')).toBe(3);
    expect(decodeText(utf8.subarray(3), 'utf-8')).toBe(HEADER);
    const gb = Buffer.concat([Buffer.from([0x84, 0x31, 0x95, 0x33]), gbk(HEADER)]);
    expect(bomLength(gb, 'gb18030')).toBe(4);
    expect(decodeText(gb.subarray(4), 'gb18030')).toBe(HEADER);
    expect(bomLength(gbk(HEADER), 'gb18030')).toBe(0);
  });

  it('sniffs a stream cut anywhere: UTF-8, GBK, or no text', () => {
    for (const chunk of [1, 2, 3, 7, 4096]) {
      expect(sniffed(Buffer.from(HEADER + ROW), chunk)).toBe('utf-8');
      expect(sniffed(gbk(HEADER + ROW), chunk)).toBe('gb18030');
    }
    // A NUL byte: no text, whatever else.
    expect(sniffed(Buffer.concat([gbk(HEADER), Buffer.from([0]), gbk(ROW)]))).toBeUndefined();
    // A character cut off at the end is invalid in both.
    expect(sniffed(gbk(HEADER).subarray(0, 1))).toBeUndefined();
    // Bytes that are neither: 0xFF begins no character in either, nor does 0x81 followed by a space.
    expect(sniffed(Buffer.from([0x41, 0xff, 0x41]))).toBeUndefined();
    expect(sniffed(Buffer.from([0x41, 0x81, 0x20]))).toBeUndefined();
    // UTF-8's byte order mark, then bytes that are GB18030 but not UTF-8: no text (a mark cut anywhere).
    // (EF BB, then BF with the A, are characters of GB18030: without the mark's rule, all of it would be.)
    const marked = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), gbk(`A,${HEADER}`)]);
    expect(new TextDecoder('gb18030', { fatal: true }).decode(marked)).toMatch(/资产编码/);
    for (const chunk of [1, 2, 4096]) expect(sniffed(marked, chunk)).toBeUndefined();
    expect(encodingOf(marked)).toBe('utf-8');
    // Nothing at all is (empty) UTF-8 text; the upload refuses empty files on its own.
    expect(sniffed(Buffer.alloc(0))).toBe('utf-8');
  });

  it('answers once: later chunks change nothing', () => {
    const sniffer = new TextSniffer();
    sniffer.update(Buffer.from(HEADER));
    expect(sniffer.encoding()).toBe('utf-8');
    sniffer.update(Buffer.from([0]));
    expect(sniffer.encoding()).toBe('utf-8');
  });
});
