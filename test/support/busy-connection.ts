/**
 * Fails an e2e test during which the app sent a statement to a connection that was still running
 * another one (reads started at once inside a transaction: pg queues them today, with a deprecation
 * warning, and refuses them from pg 9; `independentReads` in src/database/reads.ts is the way). The
 * connections are watched, not replaced: every statement still goes to the database as sent.
 */
import { Client } from 'pg';

interface Watched {
  _activeQuery?: unknown;
  _queryQueue: unknown[];
}

const seen: string[] = [];
const query = Client.prototype.query as (...args: unknown[]) => unknown;

Client.prototype.query = function watched(this: Client & Watched, ...args: unknown[]): unknown {
  if (this._activeQuery || this._queryQueue.length > 0) {
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '');
    seen.push(`${text.replace(/\s+/g, ' ').slice(0, 120)}\n${new Error().stack ?? ''}`);
  }
  return query.apply(this, args);
} as typeof Client.prototype.query;

afterEach(() => {
  const found = seen.splice(0);
  if (found.length > 0) {
    throw new Error(
      `${found.length} statement(s) sent to a connection busy with another; the first:\n${found[0]}`,
    );
  }
});
