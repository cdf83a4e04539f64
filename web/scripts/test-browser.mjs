#!/usr/bin/env node
/**
 * npm run test:browser (and the second half of npm test): builds the app and the console, then runs the
 * browser tests (web/e2e, Playwright) on Chromium from CHROMIUM_PATH or Debian's /usr/bin/chromium.
 * Without a Chromium it says in one line how to get one and succeeds, except in CI, where it fails.
 * Arguments go to `playwright test` (e.g. a file, or --grep). SKIP_BUILD=1 reuses dist/ as it is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p) => p && existsSync(p),
);
if (!chromium) {
  const line =
    'Browser tests skipped: no Chromium found (apt-get install -y chromium fonts-wqy-microhei, or set CHROMIUM_PATH).';
  if (process.env.CI === 'true') {
    console.error(`${line}\nCI always runs them: failing.`);
    process.exit(1);
  }
  console.log(line);
  process.exit(0);
}
const fonts = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
if (fonts.status === 0 && fonts.stdout.trim() === '') {
  console.log(
    '[browser] no Chinese font found: screenshots will show boxes (apt-get install -y fonts-wqy-microhei)',
  );
}

const run = (args) => spawnSync('npm', args, { stdio: 'inherit' }).status ?? 1;
if (!process.env.SKIP_BUILD && run(['run', 'build', '--silent']) !== 0) process.exit(1);

const started = Date.now();
const result = spawnSync(
  'npx',
  ['playwright', 'test', '-c', 'web/playwright.config.ts', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: chromium } },
);
console.log(`[browser] the browser suite took ${((Date.now() - started) / 1000).toFixed(1)} s (${chromium})`);
process.exit(result.status ?? 1);
