/*
 * Preloaded (node --require) into the app of a browser test file that moves the app's clock forward
 * (`test.use({ movableClock: true })`, ConsoleApp.moveClock): Date (new Date(), Date.now()) runs ahead
 * of the real time by the milliseconds written in the file named by BROWSER_TEST_CLOCK_FILE, read again
 * at most every 100 ms. Only Date moves: timers, the database's now() and everything else keep real
 * time, as the API's e2e tests do with jest's fake Date. Never loaded outside the browser tests.
 */
'use strict';
const fs = require('node:fs');

const file = process.env.BROWSER_TEST_CLOCK_FILE;
if (file) {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  let offset = 0;
  let readAt = -Infinity;
  const now = () => {
    const real = realNow();
    if (real - readAt >= 100) {
      readAt = real;
      try {
        offset = Number(fs.readFileSync(file, 'utf8').trim()) || 0;
      } catch {
        offset = 0;
      }
    }
    return real + offset;
  };
  globalThis.Date = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      return Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget);
    },
    apply() {
      return new RealDate(now()).toString();
    },
    get(target, prop, receiver) {
      if (prop === 'now') return now;
      return Reflect.get(target, prop, receiver);
    },
  });
}
