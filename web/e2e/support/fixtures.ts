import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { ConsoleApp } from './console-app';

export { expect };

/** The app of the file being run (one per worker at a time: a worker runs one file after another). */
let current: ConsoleApp | undefined;
/** The file whose app `current` is. */
let currentFile: string | undefined;

interface ConsoleFixtures {
  /**
   * `test.use({ movableClock: true })` at the top of a file: its app's Date may be moved forward
   * (app.moveClock) for what happens only days later. The file gets its app to itself.
   */
  movableClock: boolean;
  /** The app of this file (API access for checks: app.as('auditor').gql(…)). */
  app: ConsoleApp;
  /** Signs the page in as a demo user without the form (the sign-in test uses the form). */
  signInAs: (username: string) => Promise<void>;
  /** Requests the page made to anywhere but the app: must stay empty (no CDN, no outside fonts). */
  outsideRequests: string[];
}

export const test = base.extend<ConsoleFixtures>({
  movableClock: [false, { option: true }],
  // Started by the file's first test (a fixture, so that baseURL can depend on it), stopped by the
  // afterAll hook of useConsoleApp().
  app: [
    async ({ movableClock }, use, testInfo) => {
      if (current && currentFile !== testInfo.file) {
        throw new Error(
          `${currentFile} left its app running: call useConsoleApp() at the top of every test file`,
        );
      }
      if (!current) {
        current = new ConsoleApp();
        currentFile = testInfo.file;
        await current.start(testInfo.titlePath[0] ?? 'file', { movableClock });
      }
      await use(current);
    },
    { timeout: 180_000 },
  ],
  baseURL: async ({ app }, use) => use(app.url),
  outsideRequests: [
    async ({ page, app }, use) => {
      const outside: string[] = [];
      const origin = new URL(app.url).origin;
      page.on('request', (req) => {
        const url = req.url();
        if (!url.startsWith(origin) && !/^(data|blob|about):/.test(url)) outside.push(url);
      });
      await use(outside);
      expect(outside, 'the console loaded something from outside the app').toEqual([]);
    },
    { auto: true },
  ],
  signInAs: async ({ page, app }, use) => {
    await use(async (username: string) => {
      const session = await app.login(username);
      await page.addInitScript((value) => {
        window.localStorage.setItem('asset-registry.session', value);
      }, JSON.stringify(session));
    });
  },
});

/**
 * Call once at the top of a browser test file: the file gets its own database (a clone of the demo
 * template) and its own app process; after the file, verifyLedger and reconcile must be ok.
 */
export function useConsoleApp(): void {
  test.afterAll(async ({}, testInfo) => {
    testInfo.setTimeout(120_000);
    const app = current;
    current = undefined;
    currentFile = undefined;
    await app?.stop();
  });
}

/**
 * No serious or critical accessibility violation (axe-core, WCAG 2.1 A/AA rules) on the page as it
 * stands. Call it on every page a test visits.
 */
export async function expectAccessible(page: Page): Promise<void> {
  // As the page stands, not as the pointer left it (a hovered button is drawn in another colour).
  await page.mouse.move(0, 0);
  // Legacy mode: axe.run() in the page itself. The default opens a blank page for every check to merge
  // the frames' results in, and injects axe there too; legacy mode gives the same results in about 40 %
  // less time, and the console has no frame and loads nothing from another origin (outsideRequests).
  // Only the violations are read, so axe builds no CSS selector for another result's nodes: a check of
  // the register 0.60 s against 0.70 s, of 审核待办 0.31 s against 0.40 s (docs/benchmarks.md). The
  // violations it reports are the same.
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .options({ resultTypes: ['violations'] })
    .setLegacyMode()
    .analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`)
          .join(' | ')})`,
    );
  expect(bad, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Phone and desktop, the two widths every register page must work at. */
export const WIDTHS = { phone: { width: 360, height: 740 }, desktop: { width: 1440, height: 900 } } as const;
