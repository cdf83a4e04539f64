#!/usr/bin/env node
// npm run bench -- <name> [options]: runs bench/<name>.bench.ts with ts-node (transpile only).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const [name = 'ledger', ...rest] = process.argv.slice(2);
const file = path.join(__dirname, `${name}.bench.ts`);
if (!fs.existsSync(file)) {
  const known = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.replace('.bench.ts', ''));
  console.error(`unknown benchmark "${name}"; known: ${known.join(', ')}`);
  process.exit(2);
}
const result = spawnSync(
  process.execPath,
  ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', file, ...rest],
  {
    stdio: 'inherit',
    env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.json') },
  },
);
process.exit(result.status ?? 1);
