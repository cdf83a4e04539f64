import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@/database';
import { Json } from '@/ledger/ledger-subject';
import { LedgerSubjectRegistry } from '@/ledger/ledger-subject.registry';
import { TestApp } from './test-app';

/** The parsed entry documents of one record, in index order. */
export async function entryDocuments<T>(t: TestApp, subject: string, id: string): Promise<T[]> {
  return (
    await t.sql<{ doc: T }>(
      `SELECT convert_from(canonical, 'UTF8')::jsonb AS doc FROM ledger_entry
        WHERE entity_type = $1 AND entity_id = $2 ORDER BY idx`,
      [subject, id],
    )
  ).map((r) => r.doc);
}

/** The record's state as its ledger subject's `load` reads it now (null if there is no row). */
export async function loadedState(t: TestApp, subject: string, id: string): Promise<Json> {
  const manager = t.app.get<DataSource>(DATA_SOURCE).manager;
  const states = await t.app.get(LedgerSubjectRegistry).get(subject).load(manager, [id]);
  return states.get(id) ?? null;
}

/**
 * The statements of the transaction `run` makes (the first one it starts), as `pg` sends them,
 * whitespace folded; throws if it starts none.
 */
export async function transactionStatements(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0] as string | { text: string };
    seen.push((typeof q === 'string' ? q : q.text).replace(/\s+/g, ' ').trim());
    return original.apply(this, args);
  };
  try {
    await run();
  } finally {
    proto.query = original;
  }
  const begin = seen.indexOf('START TRANSACTION');
  if (begin < 0) throw new Error('transactionStatements: no transaction was started');
  return seen.slice(begin + 1, seen.indexOf('COMMIT', begin));
}
