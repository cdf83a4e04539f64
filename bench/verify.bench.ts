/**
 * npm run bench -- verify [--assets 100000] [--rounds 3] [--warmup 1] [--checkpoint] [--progress]
 *
 * `verifyLedger` over the seeded ledger, asked of the app under test (`node dist/src/main.js`) over
 * GraphQL, beside the baseline measured in the same run on the same rows: `COPY … TO STDOUT` of the
 * ledger entries and SHA-256 of the same bytes (the leaves and the tree above them), interleaved.
 * Reports medians of entries/s, the ratio to COPY + SHA-256 done one after another, and the app's peak RSS.
 * Entries past the latest signed checkpoint are checked in depth (canonical form, their own signature):
 * the bench says how many there are. The served app signs a checkpoint every 1,000 entries, the benches'
 * app never (so other benches' entries pile up past it); `--checkpoint` signs one first, as a district
 * supervisor, which is the ledger as it stands in use. `--progress` asks for it as a background run
 * instead and prints the progress the run reports (and the app's RSS) as it goes.
 */
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import {
  benchServer,
  copyOut,
  flag,
  gql,
  login,
  MiB,
  option,
  query,
  requireSeeded,
  rssOf,
  rssSampler,
  say,
  scaleDataDir,
  serveApp,
  writeJson,
} from './scale';
import { fmt, interleave, median } from './stats';
import { machine } from './support';

const ASSETS = option('assets', 100_000);
const ROUNDS = option('rounds', 3);
/** Warm-up rounds of each before the counted ones (0 for none, at 10,000,000 entries). */
const WARMUP = option('warmup', 1);
const PORT = option('port', 3105);

/**
 * COPY out the entries, then SHA-256 of the same canonical bytes: leaves, then the tree above them. The
 * bytes are read again a page at a time for the hashing (only the hashing is timed), and the tree is
 * folded as it grows (a stack of perfect subtrees, the same n − 1 inner hashes as pairing level by level),
 * so the baseline holds one page whatever the ledger's size (10,000,000 entries are 18 GB).
 */
async function baseline(
  url: string,
): Promise<{ copySeconds: number; shaSeconds: number; entries: number; bytes: number }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const t = process.hrtime.bigint();
  const copied = await copyOut(
    client,
    `COPY (SELECT idx, leaf_hash, canonical, signature, action, entity_type, entity_id, region_code, actor_id,
                  request_id, recorded_at FROM ledger_entry ORDER BY ledger_id, idx) TO STDOUT (FORMAT binary)`,
  );
  const copySeconds = Number(process.hrtime.bigint() - t) / 1e9;
  const node = (left: Buffer, right: Buffer): Buffer =>
    createHash('sha256')
      .update(Buffer.from([1]))
      .update(left)
      .update(right)
      .digest();
  type Subtree = { size: number; hash: Buffer };
  const stack: Subtree[] = [];
  let entries = 0;
  let hashing = 0n;
  let after: { ledger: string; idx: string } | null = null;
  for (;;) {
    const page: Array<{ ledger_id: string; idx: string; canonical: Buffer }> = (
      await client.query(
        after === null
          ? 'SELECT ledger_id, idx, canonical FROM ledger_entry ORDER BY ledger_id, idx LIMIT 20000'
          : 'SELECT ledger_id, idx, canonical FROM ledger_entry WHERE (ledger_id, idx) > ($1, $2) ORDER BY ledger_id, idx LIMIT 20000',
        after === null ? [] : [after.ledger, after.idx],
      )
    ).rows as Array<{ ledger_id: string; idx: string; canonical: Buffer }>;
    if (page.length === 0) break;
    const h = process.hrtime.bigint();
    for (const row of page) {
      let top: Subtree = {
        size: 1,
        hash: createHash('sha256')
          .update(Buffer.from([0]))
          .update(row.canonical)
          .digest(),
      };
      while (stack.length > 0 && stack[stack.length - 1].size === top.size) {
        const left = stack.pop()!;
        top = { size: left.size * 2, hash: node(left.hash, top.hash) };
      }
      stack.push(top);
    }
    hashing += process.hrtime.bigint() - h;
    entries += page.length;
    const last = page[page.length - 1];
    after = { ledger: last.ledger_id, idx: last.idx };
  }
  const h = process.hrtime.bigint();
  let root = stack.pop()?.hash;
  while (stack.length > 0) root = node(stack.pop()!.hash, root!);
  hashing += process.hrtime.bigint() - h;
  // The same tree as the app's: the root at a signed checkpoint of this size, when there is one.
  const signed = (
    await client.query('SELECT root_hash FROM ledger_checkpoint WHERE tree_size = $1', [entries])
  ).rows as Array<{ root_hash: Buffer }>;
  await client.end();
  if (signed.length > 0 && root !== undefined && !signed[0].root_hash.equals(root)) {
    throw new Error(`the baseline's root differs from the checkpoint's at ${entries} entries`);
  }
  return { copySeconds, shaSeconds: Number(hashing) / 1e9, entries, bytes: copied };
}

/**
 * `--progress`: the same verification as a background run (`startLedgerVerification`), followed with
 * `ledgerVerificationRun` every half second; prints the progress it reports and the app's RSS as it goes.
 */
async function verifyInBackground(
  url: string,
  token: string,
  started: bigint,
  pid: number,
): Promise<{ verifyLedger: { ok: boolean; treeSize: number } }> {
  interface Run {
    id: string;
    state: string;
    treeSize: number | null;
    checkedEntries: number;
    message: string | null;
    result: { ok: boolean; treeSize: number } | null;
  }
  const fields = 'id state treeSize checkedEntries message result { ok treeSize }';
  let run = (
    await gql<{ startLedgerVerification: Run }>(
      url,
      `mutation { startLedgerVerification { ${fields} } }`,
      {},
      token,
    )
  ).startLedgerVerification;
  let reported = -1;
  while (run.state === 'RUNNING') {
    await new Promise((r) => setTimeout(r, 500));
    run = (
      await gql<{ ledgerVerificationRun: Run }>(
        url,
        `query($id: ID!) { ledgerVerificationRun(id: $id) { ${fields} } }`,
        { id: run.id },
        token,
      )
    ).ledgerVerificationRun;
    const tenth = run.treeSize ? Math.floor((10 * run.checkedEntries) / run.treeSize) : 0;
    if (tenth > reported) {
      reported = tenth;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      say(
        `    ${fmt(seconds, 1)} s: ${fmt(run.checkedEntries)} of ${fmt(run.treeSize ?? 0)} entries checked, app RSS ${MiB(rssOf(pid))}`,
      );
    }
  }
  if (run.state !== 'SUCCEEDED' || !run.result)
    throw new Error(`the verification run ended ${run.state}: ${run.message}`);
  return { verifyLedger: run.result };
}

async function main(): Promise<void> {
  const server = await benchServer();
  const url = await requireSeeded(server, ASSETS);
  const [{ size }] = await query(url, 'SELECT count(*)::int AS size FROM ledger_entry');
  // Every round verifies: the app would otherwise answer a repeat from its last result while no ledger row
  // changed (LEDGER_VERIFY_REUSE_SECONDS), and rounds after the first would time a cache.
  const app = await serveApp(url, scaleDataDir(ASSETS), PORT, [], { LEDGER_VERIFY_REUSE_SECONDS: '0' });
  try {
    if (flag('checkpoint')) {
      await gql(
        app.url,
        'mutation { createCheckpoint { treeSize } }',
        {},
        await login(app.url, 'bench-district'),
      );
    }
    const [{ uncovered }] = await query(
      url,
      `SELECT $1::bigint - coalesce((SELECT max(tree_size) FROM ledger_checkpoint), 0) AS uncovered`,
      [size],
    );
    const token = await login(app.url, 'bench-auditor');
    say(`verify benchmark — ${machine()}, PostgreSQL ${server.version}`);
    say(
      `ledger of ${fmt(Number(size))} entries, ${fmt(Number(uncovered))} of them past the latest checkpoint; ${ROUNDS} rounds, interleaved\n`,
    );
    const appRates: number[] = [];
    const baseRates: number[] = [];
    const copyRates: number[] = [];
    const shaRates: number[] = [];
    let peak = 0;
    // One round of each. `counted` false: a warm-up, printed and not counted (the app's first verification
    // ran at about two thirds of the next ones' rate while V8 compiled its code).
    const round = async (who: 'app' | 'base', counted: boolean): Promise<void> => {
      const note = counted ? '' : '  (warm-up, not counted)';
      if (who === 'app') {
        const sampler = rssSampler(app.pid);
        const t = process.hrtime.bigint();
        const r = flag('progress')
          ? await verifyInBackground(app.url, token, t, app.pid)
          : await gql<{ verifyLedger: { ok: boolean; treeSize: number } }>(
              app.url,
              '{ verifyLedger { ok treeSize checkedEntries } }',
              {},
              token,
            );
        const s = Number(process.hrtime.bigint() - t) / 1e9;
        const roundPeak = sampler.stop();
        if (!r.verifyLedger.ok) throw new Error('verifyLedger is not ok');
        if (counted) {
          peak = Math.max(peak, roundPeak);
          appRates.push(r.verifyLedger.treeSize / s);
        }
        say(
          `  app       verifyLedger ${fmt(r.verifyLedger.treeSize / s)} entries/s (${fmt(s, 2)} s), peak RSS ${MiB(roundPeak)}${note}`,
        );
      } else {
        const b = await baseline(url);
        const rate = b.entries / (b.copySeconds + b.shaSeconds);
        if (counted) {
          baseRates.push(rate);
          copyRates.push(b.entries / b.copySeconds);
          shaRates.push(b.entries / b.shaSeconds);
        }
        say(
          `  baseline  COPY ${fmt(b.entries / b.copySeconds)} rows/s (${fmt(b.bytes / 1e6, 1)} MB) + SHA-256 ${fmt(b.entries / b.shaSeconds)} entries/s = ${fmt(rate)} entries/s${note}`,
        );
      }
    };
    for (let i = 0; i < WARMUP; i++) for (const who of ['base', 'app'] as const) await round(who, false);
    for (const order of interleave<'app' | 'base'>('base', 'app', ROUNDS)) {
      for (const who of order) await round(who, true);
    }
    const appM = median(appRates);
    const baseM = median(baseRates);
    say('');
    say(`medians over ${ROUNDS} rounds:`);
    say(
      `  verifyLedger ${fmt(appM)} entries/s; COPY + SHA-256 of the same bytes ${fmt(baseM)} entries/s (COPY ${fmt(median(copyRates))} rows/s, SHA-256 ${fmt(median(shaRates))}/s)`,
    );
    say(`  ratio ${fmt(appM / baseM, 3)} (goal ≥ 0.5); app peak RSS ${MiB(peak)}`);
    const file = writeJson('verify', {
      machine: machine(),
      postgres: server.version,
      entries: Number(size),
      appRates,
      baseRates,
      copyRates,
      shaRates,
      ratio: appM / baseM,
      appPeakRssBytes: peak,
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
