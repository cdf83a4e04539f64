import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

/**
 * The encodings a text file (a CSV) is read in. UTF-8 first; otherwise GB18030, the superset of GBK
 * (code page 936): what Excel and WPS on a Chinese Windows write when a sheet is saved as "CSV（逗号分隔）",
 * and what Excel 2010 and 2013 write back when a UTF-8 template is saved again. Both leave ASCII alone,
 * and neither puts a byte below 0x40 inside a character, so a comma, a quote or a line break of the file
 * is one in either.
 */
export type TextEncoding = 'utf-8' | 'gb18030';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** U+FEFF as GB18030 writes it. */
const GB18030_BOM = Buffer.from([0x84, 0x31, 0x95, 0x33]);

/** The length of the byte order mark `bytes` starts with in `encoding` (0 without one). */
export function bomLength(bytes: Uint8Array, encoding: TextEncoding): number {
  const bom = encoding === 'utf-8' ? UTF8_BOM : GB18030_BOM;
  return bytes.length >= bom.length && bom.every((b, i) => bytes[i] === b) ? bom.length : 0;
}

/**
 * The encoding of a whole text: UTF-8 when it says so with a byte order mark or is valid UTF-8 (which a
 * GBK text of Chinese words almost never is, and the templates' headers are not), else GB18030. Whether
 * it is valid GB18030 is the upload's check ({@link TextSniffer}).
 */
export function encodingOf(bytes: Uint8Array): TextEncoding {
  return bomLength(bytes, 'utf-8') > 0 || isUtf8(bytes) ? 'utf-8' : 'gb18030';
}

/** Decodes bytes that start and end on whole characters (no byte order mark is dropped). */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  return encoding === 'utf-8'
    ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
    : new TextDecoder('gb18030').decode(bytes);
}

/**
 * Watches bytes as they stream by and tells, at the end, whether they are a text: no NUL byte, and
 * valid UTF-8 or, failing that and without a UTF-8 byte order mark, valid GB18030 (a character cut off
 * at the end is invalid in both).
 */
export class TextSniffer {
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });
  private readonly gb18030 = new TextDecoder('gb18030', { fatal: true });
  private utf8Valid = true;
  private gb18030Valid = true;
  private nul = false;
  /** The first bytes, until there are enough to tell a UTF-8 byte order mark. */
  private head = Buffer.alloc(0);
  private answer?: { encoding: TextEncoding | undefined };

  /** Ignored once {@link encoding} has answered. */
  update(chunk: Uint8Array): void {
    if (this.answer !== undefined || this.nul || chunk.length === 0) return;
    if (chunk.includes(0)) {
      this.nul = true;
      return;
    }
    if (this.head.length < UTF8_BOM.length) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, UTF8_BOM.length - this.head.length)]);
      // A text that begins with UTF-8's mark says it is UTF-8: never read as anything else.
      if (bomLength(this.head, 'utf-8') > 0) this.gb18030Valid = false;
    }
    // Each decoder stops at its first invalid byte (Chinese in UTF-8 is usually invalid GB18030 within
    // its first characters, GBK's Chinese invalid UTF-8 at once): a text is mostly decoded once, not twice.
    if (this.utf8Valid) this.utf8Valid = decodes(this.utf8, chunk);
    if (this.gb18030Valid) this.gb18030Valid = decodes(this.gb18030, chunk);
  }

  /** The text's encoding, or undefined when the bytes are no text; the same answer when asked again. */
  encoding(): TextEncoding | undefined {
    if (this.answer === undefined) {
      // Flushing tells whether the last character was cut off.
      this.utf8Valid &&= !this.nul && decodes(this.utf8);
      this.gb18030Valid &&= !this.nul && decodes(this.gb18030);
      this.answer = { encoding: this.utf8Valid ? 'utf-8' : this.gb18030Valid ? 'gb18030' : undefined };
    }
    return this.answer.encoding;
  }
}

/** Feeds a fatal decoder (streaming), or flushes it without a chunk: false if the bytes are invalid. */
function decodes(decoder: TextDecoder, chunk?: Uint8Array): boolean {
  try {
    if (chunk === undefined) decoder.decode();
    else decoder.decode(chunk, { stream: true });
    return true;
  } catch {
    return false;
  }
}
