/**
 * A fresh idempotency key for one form instance (the API's idempotencyKey: 8–100 letters, digits or
 * . _ : -). The form keeps it until the record is saved, so a double click or a retry after a lost answer
 * sends the same key and the API records once. crypto.getRandomValues, not randomUUID: the latter exists
 * only in a secure context, and a village office may open the console over plain http.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
