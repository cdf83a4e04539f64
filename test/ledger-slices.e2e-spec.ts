import { RequestContext } from '@/common/context';
import { TransactionalConnection } from '@/database';
import { ASSET_SUBJECT } from '@/assets/assets.service';
import { LedgerAction } from '@/ledger/ledger-actions';
import { APPEND_SLICE, LedgerService } from '@/ledger/ledger.service';
import { TestApp } from './support/test-app';

interface Row {
  idx: string;
  entity_id: string;
  recorded_at: Date;
  doc: { entityVersion: number; previousLeafHash: string | null; time: string };
  leaf: string;
}

/**
 * A transaction with more entries than one append statement takes (an import) appends them in slices
 * under one lock: contiguous indexes, one time, a record's chain unbroken across a slice boundary, and
 * a ledger that verifies.
 */
describe('the ledger appends a large transaction in slices (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('appends 2.5 slices of entries as one contiguous, verifiable run', async () => {
    const assets = await t.sql<{ id: string }>(`SELECT id FROM asset ORDER BY id LIMIT 52`);
    expect(assets.length).toBe(52);
    // Two records that skip slices: one in the first and the third slice only, one in the second only.
    const [skipping, once] = assets.splice(50, 2);
    const skippingAt = new Set([7, 2 * APPEND_SLICE + 7]);
    const total = Math.floor(APPEND_SLICE * 2.5);
    const [{ n: before }] = await t.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_entry');

    const ctx = RequestContext.system('ledger-slices');
    const ledger = t.app.get(LedgerService);
    await t.app.get(TransactionalConnection).withTransaction(ctx, async () => {
      // The same 50 records over and over: each one's entries fall into every slice.
      for (let i = 0; i < total; i++) {
        if (skippingAt.has(i) || i === APPEND_SLICE + 3) {
          ledger.record(ctx, {
            action: LedgerAction.ASSET_UPDATED,
            entityType: ASSET_SUBJECT,
            entityId: skippingAt.has(i) ? skipping.id : once.id,
            details: { note: `slice test ${i}` },
          });
          continue;
        }
        ledger.record(ctx, {
          action: LedgerAction.ASSET_UPDATED,
          entityType: ASSET_SUBJECT,
          entityId: assets[i % assets.length].id,
          details: { note: `slice test ${i}` },
        });
      }
    });

    const rows = await t.sql<Row>(
      `SELECT idx, entity_id, recorded_at, convert_from(canonical, 'UTF8')::jsonb AS doc,
              encode(leaf_hash, 'base64') AS leaf
         FROM ledger_entry WHERE request_id = $1 ORDER BY idx`,
      [ctx.requestId],
    );
    expect(rows.length).toBe(total);
    expect(Number(rows[0].idx)).toBe(Number(before));
    rows.forEach((r, i) => expect(Number(r.idx)).toBe(Number(before) + i));
    expect(new Set(rows.map((r) => r.doc.time)).size).toBe(1);
    expect(new Set(rows.map((r) => r.recorded_at.toISOString())).size).toBe(1);

    // One record's entries: versions one apart, each naming the one before, across the boundaries.
    const first = rows.filter((r) => r.entity_id === assets[0].id);
    expect(first.length).toBeGreaterThanOrEqual(Math.floor((total - 3) / assets.length));
    expect(Number(first.at(-1)!.idx)).toBeGreaterThanOrEqual(Number(before) + 2 * APPEND_SLICE);
    for (let k = 1; k < first.length; k++) {
      expect(first[k].doc.entityVersion).toBe(first[k - 1].doc.entityVersion + 1);
      expect(first[k].doc.previousLeafHash).toBe(first[k - 1].leaf);
    }

    // The record that skipped the second slice: its third-slice entry names its first-slice entry.
    const skipped = rows.filter((r) => r.entity_id === skipping.id);
    expect(skipped.map((r) => Number(r.idx) - Number(before))).toEqual([...skippingAt]);
    expect(skipped[1].doc.entityVersion).toBe(skipped[0].doc.entityVersion + 1);
    expect(skipped[1].doc.previousLeafHash).toBe(skipped[0].leaf);
    // The record of one entry, in the second slice: it continues the chain it had before this transaction.
    // A chain is a record's (type and id): the asset's ownership entries carry the same id under another type.
    const [latestBefore] = await t.sql<{ leaf: string; v: number }>(
      `SELECT encode(leaf_hash, 'base64') AS leaf, (convert_from(canonical, 'UTF8')::jsonb->>'entityVersion')::int AS v
         FROM ledger_entry WHERE entity_type = $3 AND entity_id = $1 AND idx < $2 ORDER BY idx DESC LIMIT 1`,
      [once.id, before, ASSET_SUBJECT],
    );
    const onceRows = rows.filter((r) => r.entity_id === once.id);
    expect(onceRows.length).toBe(1);
    expect(onceRows[0].doc.previousLeafHash).toBe(latestBefore.leaf);
    expect(onceRows[0].doc.entityVersion).toBe(latestBefore.v + 1);

    await t.assertLedgerSound();
  }, 120_000);
});
