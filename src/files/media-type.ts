import { TextSniffer } from '@/common/text/text-encoding';

/**
 * The media types an evidence file may have, and how they are recognised: from the content's first
 * bytes (its "magic"), never from what the client declares. The declared type (the multipart part's
 * Content-Type) and the file name's extension are only checked against what the content turned out to be.
 *
 * - PDF: `%PDF-` at offset 0;
 * - JPEG: `FF D8 FF`;
 * - PNG: the 8-byte PNG signature;
 * - XLSX: a ZIP (`PK\x03\x04`) whose name ends in `.xlsx` or which contains `[Content_Types].xml`
 *   (the first entry of every Office Open XML package; entry names are stored uncompressed);
 * - DOCX (Word): such a package that has a `word/` part, or is named `.docx`;
 * - DOC (Word 97–2003, as WPS still saves it): an OLE2 compound file (`D0 CF 11 E0 A1 B1 1A E1`) named
 *   `.doc` (Excel's .xls is the same container, so the name decides);
 * - HEIC (a phone's photo): an ISO-BMFF `ftyp` box at offset 4 whose major brand is an HEIF brand
 *   (`heic`, `heix`, `hevc`, `hevx`, `heim`, `heis`, `mif1`, `msf1`);
 * - CSV: a text without NUL bytes, valid UTF-8 or GB18030 (GBK, as Excel and WPS on a Chinese Windows save
 *   CSV), named `.csv` (text has no magic, so the name decides).
 */

export const MediaType = {
  PDF: 'application/pdf',
  JPEG: 'image/jpeg',
  PNG: 'image/png',
  CSV: 'text/csv',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  DOCX: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  DOC: 'application/msword',
  HEIC: 'image/heic',
} as const;
export type MediaType = (typeof MediaType)[keyof typeof MediaType];

export const KNOWN_MEDIA_TYPES: readonly MediaType[] = Object.values(MediaType);

/** File name extensions (lower-case, with the dot) that announce each type. */
export const EXTENSIONS: Record<MediaType, readonly string[]> = {
  [MediaType.PDF]: ['.pdf'],
  [MediaType.JPEG]: ['.jpg', '.jpeg', '.jpe', '.jfif'],
  [MediaType.PNG]: ['.png'],
  [MediaType.CSV]: ['.csv'],
  [MediaType.XLSX]: ['.xlsx'],
  [MediaType.DOCX]: ['.docx'],
  [MediaType.DOC]: ['.doc'],
  [MediaType.HEIC]: ['.heic', '.heif'],
};

/** What clients really send for each type (Windows sends application/vnd.ms-excel for .csv files …). */
const DECLARED_ALIASES: Record<MediaType, readonly string[]> = {
  [MediaType.PDF]: ['application/pdf', 'application/x-pdf'],
  [MediaType.JPEG]: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
  [MediaType.PNG]: ['image/png', 'image/x-png'],
  [MediaType.CSV]: [
    'text/csv',
    'text/x-csv',
    'application/csv',
    'text/comma-separated-values',
    'application/vnd.ms-excel',
  ],
  [MediaType.XLSX]: [
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/zip',
    'application/x-zip-compressed',
  ],
  [MediaType.DOCX]: [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/zip',
    'application/x-zip-compressed',
  ],
  [MediaType.DOC]: [
    'application/msword',
    'application/doc',
    'application/vnd.ms-word',
    'application/x-ole-storage',
  ],
  [MediaType.HEIC]: ['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence'],
};

/**
 * Declared types that say nothing about the content: browsers send `application/octet-stream` for
 * what they do not know, and a multipart part without a Content-Type header is `text/plain` by
 * definition (RFC 7578), which the parser cannot tell from an explicit one.
 */
const UNINFORMATIVE = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'text/plain']);

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OOXML_MARKER = Buffer.from('[Content_Types].xml', 'latin1');
/** The part every Word package has (a local header's name, stored uncompressed). */
const WORD_MARKER = Buffer.from('word/document.xml', 'latin1');
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const FTYP = Buffer.from('ftyp', 'latin1');
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);
const HEAD_BYTES = 16;
const MARKER_CARRY = Math.max(OOXML_MARKER.length, WORD_MARKER.length) - 1;

/** Lower-case extension of a file name with its dot (`.pdf`), or '' when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 || dot === name.length - 1 ? '' : name.slice(dot).toLowerCase();
}

/**
 * Watches the bytes of an upload as they stream by (no buffering beyond a few bytes) and tells,
 * at the end, which known media type the content is.
 */
export class ContentSniffer {
  private head = Buffer.alloc(0);
  private readonly text = new TextSniffer();
  private ooxmlMarker = false;
  private wordMarker = false;
  private carry = Buffer.alloc(0);
  private bytes = 0;

  update(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.bytes += chunk.length;
    if (this.head.length < HEAD_BYTES) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
    }
    this.text.update(chunk);
    if (!(this.ooxmlMarker && this.wordMarker) && startsWithSoFar(this.head, ZIP_MAGIC)) {
      // Search across chunk boundaries: keep the last few bytes of what came before.
      const window = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
      if (!this.ooxmlMarker && window.includes(OOXML_MARKER)) this.ooxmlMarker = true;
      if (!this.wordMarker && window.includes(WORD_MARKER)) this.wordMarker = true;
      this.carry = Buffer.from(window.subarray(Math.max(0, window.length - MARKER_CARRY)));
    }
  }

  /** The media type of everything seen so far, given the file's name; undefined if none fits. */
  detect(fileName: string): MediaType | undefined {
    const head = this.head;
    if (startsWith(head, PDF_MAGIC)) return MediaType.PDF;
    if (startsWith(head, JPEG_MAGIC)) return MediaType.JPEG;
    if (startsWith(head, PNG_MAGIC)) return MediaType.PNG;
    if (head.length >= 12 && head.subarray(4, 8).equals(FTYP)) {
      if (HEIF_BRANDS.has(head.subarray(8, 12).toString('latin1'))) return MediaType.HEIC;
    }
    const extension = extensionOf(fileName);
    if (startsWith(head, ZIP_MAGIC)) {
      if (extension === '.docx' || (this.wordMarker && extension !== '.xlsx')) return MediaType.DOCX;
      return extension === '.xlsx' || this.ooxmlMarker ? MediaType.XLSX : undefined;
    }
    if (startsWith(head, OLE2_MAGIC)) return extension === '.doc' ? MediaType.DOC : undefined;
    if (this.bytes > 0 && extension === '.csv' && this.isText()) return MediaType.CSV;
    return undefined;
  }

  /** Ends the text's watch (the answer stays the same if asked again). */
  private isText(): boolean {
    return this.text.encoding() !== undefined;
  }
}

/** Sniffs a whole buffer (for tests and small contents). */
export function sniff(content: Buffer, fileName: string): MediaType | undefined {
  const sniffer = new ContentSniffer();
  sniffer.update(content);
  return sniffer.detect(fileName);
}

/** `Text/CSV; charset=UTF-8` → `text/csv`. */
export function normaliseDeclaredType(declared: string | undefined): string {
  return (declared ?? '').split(';')[0].trim().toLowerCase();
}

export type TypeVerdict =
  { ok: true; mediaType: MediaType } | { ok: false; problem: 'NOT_ALLOWED' | 'MISMATCH'; message: string };

/**
 * Decides whether an upload's content may be stored: it must be one of the known types and allowed
 * by the configuration; the declared type (unless uninformative) and the name's extension (when it is
 * one of the known extensions) must agree with the content.
 */
export function judgeType(
  detected: MediaType | undefined,
  declared: string | undefined,
  fileName: string,
  allowed: readonly string[],
): TypeVerdict {
  const allowedKnown = KNOWN_MEDIA_TYPES.filter((t) => allowed.includes(t));
  if (detected === undefined || !allowedKnown.includes(detected)) {
    return {
      ok: false,
      problem: 'NOT_ALLOWED',
      message:
        detected === undefined
          ? `the content is none of the allowed types (${describe(allowedKnown)})`
          : `${describe([detected])} files are not allowed (allowed: ${describe(allowedKnown)})`,
    };
  }
  const declaredType = normaliseDeclaredType(declared);
  if (!UNINFORMATIVE.has(declaredType) && !DECLARED_ALIASES[detected].includes(declaredType)) {
    return {
      ok: false,
      problem: 'MISMATCH',
      message: `declared as ${declaredType} but the content is ${describe([detected])}`,
    };
  }
  const extension = extensionOf(fileName);
  const announced = KNOWN_MEDIA_TYPES.find((t) => EXTENSIONS[t].includes(extension));
  if (announced !== undefined && announced !== detected) {
    return {
      ok: false,
      problem: 'MISMATCH',
      message: `the name ends in ${extension} but the content is ${describe([detected])}`,
    };
  }
  return { ok: true, mediaType: detected };
}

const LABELS: Record<MediaType, string> = {
  [MediaType.PDF]: 'PDF',
  [MediaType.JPEG]: 'JPEG',
  [MediaType.PNG]: 'PNG',
  [MediaType.CSV]: 'CSV',
  [MediaType.XLSX]: 'XLSX',
  [MediaType.DOCX]: 'Word（DOCX）',
  [MediaType.DOC]: 'Word（DOC）',
  [MediaType.HEIC]: 'HEIC',
};

function describe(types: readonly MediaType[]): string {
  return types.length === 0 ? 'none' : types.map((t) => LABELS[t]).join(', ');
}

function startsWith(buffer: Buffer, prefix: Buffer): boolean {
  return buffer.length >= prefix.length && buffer.subarray(0, prefix.length).equals(prefix);
}

/** True while the bytes seen so far are a prefix of `prefix`, or start with it. */
function startsWithSoFar(buffer: Buffer, prefix: Buffer): boolean {
  const n = Math.min(buffer.length, prefix.length);
  return n > 0 && buffer.subarray(0, n).equals(prefix.subarray(0, n));
}
