import { TextDecoder } from 'node:util';

let table: Map<string, Buffer> | undefined;

/**
 * A text as GBK bytes (code page 936, as Excel and WPS on a Chinese Windows save a CSV), for tests: Node
 * decodes GBK but does not encode it, so the table is the decoder's, read backwards over every two-byte
 * code. A character GBK lacks is a test error.
 */
export function gbk(text: string): Buffer {
  table ??= gbkTable();
  const out: Buffer[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      out.push(Buffer.from([code]));
      continue;
    }
    const bytes = table.get(ch);
    if (bytes === undefined) throw new Error(`GBK has no "${ch}" (U+${code.toString(16).toUpperCase()})`);
    out.push(bytes);
  }
  return Buffer.concat(out);
}

function gbkTable(): Map<string, Buffer> {
  const decoder = new TextDecoder('gbk', { fatal: true });
  const map = new Map<string, Buffer>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const bytes = Buffer.from([lead, trail]);
      let ch: string;
      try {
        ch = decoder.decode(bytes);
      } catch {
        continue;
      }
      if (ch.length === 1 && !map.has(ch)) map.set(ch, bytes);
    }
  }
  return map;
}
