/** The problems of a file, in the order found, each once; counts them beyond the `keep` it stores. */
export class ProblemCollector<P extends Record<string, string | number>> {
  readonly list: P[] = [];
  count = 0;
  private readonly seen = new Set<string>();

  constructor(private readonly keep: number) {}

  push(problem: P): void {
    if (!this.counted(problem)) return;
    if (this.list.length < this.keep) this.list.push(problem);
  }

  /** Adds a problem at the head of the list (one that must be listed however many others there are). */
  pushFirst(problem: P): void {
    if (!this.counted(problem)) return;
    this.list.unshift(problem);
    if (this.list.length > this.keep) this.list.pop();
  }

  private counted(problem: P): boolean {
    const key = Object.values(problem).join('\u0000');
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.count++;
    return true;
  }

  get isEmpty(): boolean {
    return this.count === 0;
  }
}
