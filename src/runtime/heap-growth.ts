import * as v8 from 'node:v8';

/**
 * Bounds how far V8 lets the heap grow between full collections: the next collection starts when the
 * heap reaches (1 + percent/100) times what the last one kept alive; 0 leaves it to V8.
 *
 * Why: under a steady load of concurrent requests (20 list requests at a time, each waiting on the
 * database), many short-lived objects outlive two young-generation collections and are promoted; V8's
 * own growing factor (up to 4×, more the faster the app allocates) then let the old generation fill
 * with that garbage to about 250 MB while only 60–120 MB were alive, and the app's RSS reached
 * 360–390 MiB. With the factor at 2 (100 %) it stayed near 230 MiB for no measurable CPU. Since then
 * `npm start` doubles the young generation (`node --max-semi-space-size=32`: half as many scavenges,
 * fewer requests' objects promoted), and the default is 1.5 (50 %): together 236 MiB and 2.5 ms of CPU
 * per list request, against 230–258 MiB and 2.8–2.9 ms for 100 % alone (docs/benchmarks.md, issue 14).
 * A lower percentage trades more CPU for less memory. It is not a limit: the heap may still grow as far
 * as the live data needs (a 100,000-row import included).
 *
 * The factor is read at every full collection, so setting it once the process runs (rather than as a
 * `node` flag) applies to `npm start`, the benches and any other way of running `dist/src/main.js`.
 */
export function applyHeapGrowth(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${Math.round(percent)}`);
}
