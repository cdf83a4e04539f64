/**
 * Bytes for the browser's own checks of the ledger: strict base64 (the one canonical encoding of a byte
 * string, as the server's evidence code accepts it), UTF-8, and SHA-256 through WebCrypto. No Node
 * Buffer: this runs in the browser (and in Node 20+ for the unit specs, which has the same WebCrypto).
 */

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard padded base64 of some bytes. */
export function encodeBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

/** Decodes canonical padded standard base64; null for anything else (other alphabets, slack bits). */
export function decodeBase64(s: unknown): Uint8Array | null {
  if (typeof s !== 'string' || !BASE64_RE.test(s)) return null;
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return encodeBase64(out) === s ? out : null;
}

const encoder = new TextEncoder();

export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** A copy backed by its own ArrayBuffer (what WebCrypto's BufferSource type asks for). */
export function buffer(bytes: Uint8Array): ArrayBuffer {
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out.buffer;
}

/** SHA-256 with the browser's WebCrypto. */
export async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', buffer(concatBytes(...parts))));
}

/** Big-endian uint32 of the first four bytes. */
export function readUint32(bytes: Uint8Array, at = 0): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}

export function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}
