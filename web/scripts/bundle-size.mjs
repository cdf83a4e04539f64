#!/usr/bin/env node
/**
 * npm run web:size (also the last step of npm run web:build): the gzipped JavaScript a browser loads
 * before the sign-in page is usable — the entry chunk, the sign-in page's chunk and every chunk they
 * import statically — measured on dist/web with the gzip level the app serves (9). Fails above the
 * budget (600 KB). Prints every chunk of that first load, and the whole console for comparison.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 600 * 1000;
const SIGN_IN_PAGE = 'src/features/auth/LoginPage.tsx';
const dist = join(import.meta.dirname, '..', '..', 'dist', 'web');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entry || !manifest[SIGN_IN_PAGE])
  throw new Error('dist/web/.vite/manifest.json lacks the entry or the sign-in page');

/** A chunk and everything it imports statically. */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key].imports ?? []) closure(dep, seen);
  return seen;
}
const firstLoad = new Set([...closure(entry), ...closure(SIGN_IN_PAGE)]);
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

let total = 0;
const rows = [...firstLoad].map((key) => ({ file: manifest[key].file, size: gz(manifest[key].file) }));
for (const row of rows.sort((a, b) => b.size - a.size)) {
  total += row.size;
  console.log(`  ${kb(row.size).padStart(10)}  ${row.file}`);
}
const allJs = Object.values(manifest)
  .map((c) => c.file)
  .filter((f, i, a) => f.endsWith('.js') && a.indexOf(f) === i)
  .reduce((sum, f) => sum + gz(f), 0);
console.log(
  `JavaScript before the sign-in page is usable: ${kb(total)} gzipped (budget ${kb(BUDGET)}); the whole console: ${kb(allJs)}`,
);
if (total > BUDGET) {
  console.error(`Over the budget by ${kb(total - BUDGET)}: split the route or the library that grew.`);
  process.exit(1);
}
