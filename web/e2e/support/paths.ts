import * as fs from 'node:fs';
import * as path from 'node:path';

/** The checkout's root, and what `npm run build` wrote there: the app and the console it serves. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const APP_MAIN = path.join(ROOT, 'dist', 'src', 'main.js');
export const CONSOLE_DIR = path.join(ROOT, 'dist', 'web');
export const SCREENSHOT_DIR = path.join(ROOT, 'docs', 'console');

/** Chromium from CHROMIUM_PATH, else Debian's (`apt-get install -y chromium fonts-wqy-microhei`). */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => Boolean(p) && fs.existsSync(p as string));
}

/**
 * Flags for a browser that talks to nothing but the app under test: no background networking,
 * component updates, sync, metrics or first-run work. `--no-sandbox` only when running as root.
 */
export function chromiumArgs(): string[] {
  const args = [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    '--metrics-recording-only',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}
