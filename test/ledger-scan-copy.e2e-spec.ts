import { LateReadyProxy } from './support/late-ready-proxy';
import { roleUrl } from './support/test-env';
import { TestApp } from './support/test-app';

/**
 * Verification reads each slice of the ledger with a binary COPY and then, on the same connection, the
 * subtrees and checkpoints that complete in it. The COPY's data ends before the server says it is ready
 * for the next statement; when that ReadyForQuery comes in a later packet, the next read must wait for
 * it, not be queued behind the COPY (the busy-connection watcher fails the test if one is).
 */
describe('ledger scans wait for the end of each COPY (e2e)', () => {
  let t: TestApp;
  let proxy: LateReadyProxy;
  let slow: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
    const server = new URL(t.env.serverUrl);
    proxy = await LateReadyProxy.start({ host: server.hostname, port: Number(server.port || 5432) }, 25);
    slow = await t.sibling({ DATABASE_URL: proxy.url(roleUrl(t.env, t.databaseName, 'app')) });
  });

  afterAll(async () => {
    await slow?.close(); // its app and pool (the database is t's)
    await proxy?.close();
    await t?.close();
  });

  it('verifies the ledger when every COPY ends a packet before its ReadyForQuery', async () => {
    const [{ n }] = await t.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_entry');
    const res = await slow.gql<{ verifyLedger: { ok: boolean; treeSize: number; checkedEntries: number } }>(
      '{ verifyLedger { ok treeSize checkedEntries problems { kind message } } }',
      {},
      await slow.token('auditor'),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.verifyLedger).toMatchObject({
      ok: true,
      treeSize: Number(n),
      checkedEntries: Number(n),
    });
    // The entries' and the subtrees' COPY of every slice ended this way.
    expect(proxy.held).toBeGreaterThanOrEqual(2);
  });
});
