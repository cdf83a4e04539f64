/**
 * Single-flight: concurrent callers asking for the same key share one run of the work instead of
 * starting one each. With `reuseForMs`, the result of the last completed run is also handed to later
 * callers of the same key for that long (the key must then name everything the result depends on, e.g.
 * a fingerprint of the data it was computed from). Failures are never reused.
 */
export class SingleFlight<V> {
  private readonly inFlight = new Map<string, Promise<V>>();
  private last?: { key: string; value: V; at: number };
  private counts = { runs: 0, shared: 0, reused: 0 };

  constructor(private readonly options: { reuseForMs?: number; now?: () => number } = {}) {}

  /** How many times the work actually ran, joined a run in flight, or was answered from the last result. */
  get stats(): { runs: number; shared: number; reused: number } {
    return { ...this.counts };
  }

  do(key: string, work: () => Promise<V>): Promise<V> {
    const now = this.options.now ?? Date.now;
    const reuseForMs = this.options.reuseForMs ?? 0;
    if (reuseForMs > 0 && this.last && this.last.key === key && now() - this.last.at < reuseForMs) {
      this.counts.reused += 1;
      return Promise.resolve(this.last.value);
    }
    const running = this.inFlight.get(key);
    if (running) {
      this.counts.shared += 1;
      return running;
    }
    this.counts.runs += 1;
    const started = now();
    const run = (async () => {
      try {
        const value = await work();
        if (reuseForMs > 0) this.last = { key, value, at: started };
        return value;
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, run);
    return run;
  }
}
