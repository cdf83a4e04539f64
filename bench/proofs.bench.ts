/**
 * npm run bench -- proofs [--assets 100000] [--requests 2000] [--rounds 3] [--connections 1] [--warmup <requests>]
 *
 * `inclusionProof(index, treeSize)` for random entries against the whole ledger, beside `{ me }` (the
 * cheapest signed-in request: the token check and one user read), both on the app under test
 * (`node dist/src/main.js`) on the seeded database, interleaved; medians of p50 and p95 over the rounds.
 */
import {
  benchServer,
  gql,
  load,
  login,
  option,
  post,
  query,
  requireSeeded,
  say,
  scaleDataDir,
  serveApp,
  writeJson,
} from './scale';
import { fmt, interleave, medianStats, RunStats } from './stats';
import { machine } from './support';

const ASSETS = option('assets', 100_000);
const REQUESTS = option('requests', 2000);
const ROUNDS = option('rounds', 3);
const CONNECTIONS = option('connections', 1);
const WARMUP = option('warmup', REQUESTS);
const PORT = option('port', 3105);

const ME = '{ me { id username role } }';
const PROOF = `query Proof($index: Int!, $treeSize: Int!) {
  inclusionProof(index: $index, treeSize: $treeSize) { index treeSize leafHash rootHash hashes }
}`;

async function main(): Promise<void> {
  const server = await benchServer();
  const url = await requireSeeded(server, ASSETS);
  const [{ size }] = await query(url, 'SELECT count(*)::int AS size FROM ledger_entry');
  const treeSize = Number(size);
  const app = await serveApp(url, scaleDataDir(ASSETS), PORT);
  try {
    const token = await login(app.url, 'bench-auditor');
    const auth = { authorization: `Bearer ${token}` };
    // A fixed pseudo-random sequence of entries, the same in every round.
    const index = (i: number): number => (i * 2654435761) % treeSize;
    const one = await gql<{ inclusionProof: { hashes: string[] } }>(
      app.url,
      PROOF,
      { index: index(7), treeSize },
      token,
    );
    const send = {
      me: () => post(`${app.url}/graphql`, JSON.stringify({ query: ME }), auth),
      proof: (i: number) =>
        post(
          `${app.url}/graphql`,
          JSON.stringify({ query: PROOF, variables: { index: index(i), treeSize } }),
          auth,
        ),
    };
    const ok = (r: { status: number; body: string }) => r.status === 200 && !r.body.includes('"errors"');
    say(`proofs benchmark — ${machine()}, PostgreSQL ${server.version}`);
    say(
      `ledger of ${fmt(treeSize)} entries (a proof has ${one.inclusionProof.hashes.length} hashes); ${CONNECTIONS} connection(s), ${ROUNDS} rounds of ${REQUESTS} requests each\n`,
    );
    // Warm-up, a round's worth of requests each (300 left the first round of { me } a third slower
    // than the next ones): the rounds measure both once V8 has compiled their code.
    for (const who of ['me', 'proof'] as const)
      await load({ connections: CONNECTIONS, seconds: 600, maxRequests: WARMUP, send: send[who], check: ok });
    const runs: Record<'me' | 'proof', RunStats[]> = { me: [], proof: [] };
    for (const order of interleave<'me' | 'proof'>('me', 'proof', ROUNDS)) {
      for (const who of order) {
        const r = await load({
          connections: CONNECTIONS,
          seconds: 600,
          maxRequests: REQUESTS,
          send: send[who],
          check: ok,
        });
        if (r.errors > 0) throw new Error(`${who}: ${r.errors} failed, first: ${r.firstError}`);
        runs[who].push(r);
        say(
          `  ${who.padEnd(5)} p50 ${fmt(r.p50Ms, 2)} ms  p95 ${fmt(r.p95Ms, 2)} ms  p99 ${fmt(r.p99Ms, 2)} ms  ${fmt(r.perSecond)} req/s`,
        );
      }
    }
    const me = medianStats(runs.me);
    const proof = medianStats(runs.proof);
    const ratio = proof.p50Ms / me.p50Ms;
    say('');
    say(`medians over ${ROUNDS} rounds:`);
    say(`  { me }          p50 ${fmt(me.p50Ms, 2)} ms, p95 ${fmt(me.p95Ms, 2)} ms`);
    say(`  inclusionProof  p50 ${fmt(proof.p50Ms, 2)} ms, p95 ${fmt(proof.p95Ms, 2)} ms`);
    say(`  p50 ratio ${fmt(ratio, 2)} (goal ≤ 1.2)`);
    const file = writeJson('proofs', {
      machine: machine(),
      postgres: server.version,
      treeSize,
      runs,
      median: { me, proof },
      ratio,
    });
    say(`\nresult written to ${file}`);
  } finally {
    await app.stop();
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
