/** The problems of a file, in the order found, each once; counts them beyond the `keep` it stores. */
export class ProblemCollector<P extends Record<string, string | number>> {
  readonly list: P[] = [];
  count = 0;
  private readonly seen = new Set<string>();

  constructor(private readonly keep: number) {}

  push(problem: P): void {
    const key = Object.values(problem).join('\u0000');
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.count++;
    if (this.list.length < this.keep) this.list.push(problem);
  }

  get isEmpty(): boolean {
    return this.count === 0;
  }
}
