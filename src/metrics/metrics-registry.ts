/**
 * A small Prometheus registry: counters and histograms with labels, and collectors that read a value
 * when scraped (gauges), written out in the Prometheus text exposition format (version 0.0.4). No
 * dependency: the format is a few lines of text.
 */

type Labels = Record<string, string>;

const escapeLabel = (value: string): string =>
  value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function labelText(labels: Labels): string {
  const keys = Object.keys(labels);
  return keys.length === 0 ? '' : `{${keys.map((k) => `${k}="${escapeLabel(labels[k])}"`).join(',')}}`;
}

const number = (n: number): string =>
  Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';

export interface Metric {
  lines(): string[];
}

export class Counter implements Metric {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    private readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = labelText(labels);
    const entry = this.values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }

  lines(): string[] {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} counter`,
      ...[...this.values.values()].map((e) => `${this.name}${labelText(e.labels)} ${number(e.value)}`),
    ];
  }
}

export class Histogram implements Metric {
  private readonly series = new Map<
    string,
    { labels: Labels; counts: number[]; sum: number; count: number }
  >();
  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly buckets: readonly number[],
  ) {}

  observe(labels: Labels, value: number): void {
    const key = labelText(labels);
    const s = this.series.get(key) ?? { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
    this.buckets.forEach((bound, i) => {
      if (value <= bound) s.counts[i] += 1;
    });
    s.sum += value;
    s.count += 1;
    this.series.set(key, s);
  }

  lines(): string[] {
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.series.values()) {
      this.buckets.forEach((bound, i) =>
        out.push(`${this.name}_bucket${labelText({ ...s.labels, le: number(bound) })} ${s.counts[i]}`),
      );
      out.push(`${this.name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${s.count}`);
      out.push(`${this.name}_sum${labelText(s.labels)} ${number(s.sum)}`);
      out.push(`${this.name}_count${labelText(s.labels)} ${s.count}`);
    }
    return out;
  }
}

/** A gauge whose samples are read when scraped. */
export interface GaugeSample {
  labels?: Labels;
  value: number;
}

export type Collector = () => Promise<Array<{ name: string; help: string; samples: GaugeSample[] }>>;

export class MetricsRegistry {
  private readonly metrics: Metric[] = [];
  private readonly collectors: Collector[] = [];

  counter(name: string, help: string): Counter {
    return this.add(new Counter(name, help));
  }

  histogram(name: string, help: string, buckets: readonly number[]): Histogram {
    return this.add(new Histogram(name, help, buckets));
  }

  collect(collector: Collector): void {
    this.collectors.push(collector);
  }

  /** Everything, in the text format. */
  async exposition(): Promise<string> {
    const lines = this.metrics.flatMap((m) => m.lines());
    for (const collector of this.collectors) {
      for (const gauge of await collector()) {
        lines.push(`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} gauge`);
        for (const s of gauge.samples)
          lines.push(`${gauge.name}${labelText(s.labels ?? {})} ${number(s.value)}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }

  private add<M extends Metric>(metric: M): M {
    this.metrics.push(metric);
    return metric;
  }
}
