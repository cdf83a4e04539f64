/** A failure of the embedded PostgreSQL cluster, worded so that the person reading it knows what to do next. */
export class EmbeddedClusterError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmbeddedClusterError';
  }
}
