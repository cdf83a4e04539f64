/**
 * Strict standard base64 (RFC 4648 §4) for evidence. Node's `Buffer.from(s, 'base64')` is lenient: it skips
 * invalid characters, accepts missing padding, the URL-safe alphabet and non-zero trailing bits, so several
 * different strings decode to the same bytes. Evidence must not have that slack (changing any character
 * of a bundle must make it fail), so only the one canonical encoding of a byte string is accepted.
 */
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes canonical padded standard base64; returns null for anything else (including non-strings). */
export function decodeBase64Strict(s: unknown): Buffer | null {
  if (typeof s !== 'string' || !BASE64_RE.test(s)) return null;
  const bytes = Buffer.from(s, 'base64');
  return bytes.toString('base64') === s ? bytes : null;
}

/** Standard padded base64 of some bytes. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
}
